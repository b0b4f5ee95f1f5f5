// (h) The rules page shows the active rules; a province's rules file changes outcomes; reset restores.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  createDraft, expectAttr, fixture, openApp, openDraft, reloadApp, screenshot, tid, typeInto, useApp,
} from './harness.mjs';

const app = useApp();
const OUT151 = tid('outcome-ntm-15.1');
const IN151 = tid('input-ntm-15.1');

async function gotoRules(page) {
  await page.getByRole('link', { name: 'Bộ tiêu chí', exact: true }).first().click();
  await page.waitForSelector(tid('active-rules'));
}

async function activeRules(page) {
  return ((await page.textContent(tid('active-rules'))) || '').trim();
}

async function waitActive(page, re) {
  await page.waitForFunction(
    ({ sel, src }) => new RegExp(src).test(document.querySelector(sel)?.textContent || ''),
    { sel: tid('active-rules'), src: re.source },
  ).catch(async () => assert.fail(`active rules should match ${re}; shows ${await activeRules(page)}`));
}

describe('rules page', () => {
  it('shows the built-in rules with their id, hash and indicators', async () => {
    const { page } = app;
    await openApp(page, '#/bo-tieu-chi');
    const text = await activeRules(page);
    assert.match(text, /tw-2021-2025/);
    assert.match(text, /[0-9a-f]{8}/, 'no short hash shown');
    await page.waitForSelector(tid('rule-ntm-15.1'));
    await page.waitForSelector(tid('rule-ntm_nang_cao-14.1'));
    assert.match((await page.textContent(tid('rule-ntm_nang_cao-14.1'))) || '', /95/);
    await screenshot(page, 'h-rules-built-in');
  });

  it('a rules file sets the 15.1 threshold; reset brings back the built-in rules', async () => {
    const { page } = app;
    await openApp(page, '#/tu-danh-gia');
    await createDraft(page, '13306', '2024');
    await typeInto(page, IN151, '96', { leave: true });
    await expectAttr(page, OUT151, 'data-outcome', 'thieu_nguong');

    await gotoRules(page);
    const before = await activeRules(page);
    await page.setInputFiles('#import-rules', fixture('bo-tieu-chi-thu-nghiem.json'));
    await waitActive(page, /ha-nam-test/);
    assert.notEqual(await activeRules(page), before);
    assert.equal(await page.locator(tid('rules-error')).count(), 0);
    assert.match((await page.textContent(tid('rule-ntm-15.1'))) || '', /95/);
    await screenshot(page, 'h-rules-imported');
    // The page says imported rules are kept in this browser: they survive a reload.
    await reloadApp(page);
    await waitActive(page, /ha-nam-test/);

    await openDraft(page, '13306', '2024');
    await expectAttr(page, OUT151, 'data-outcome', 'dat');
    await typeInto(page, IN151, '94,5', { leave: true });
    await expectAttr(page, OUT151, 'data-outcome', 'chua_dat');
    await screenshot(page, 'h-editor-with-province-rules');

    await gotoRules(page);
    await page.click('#reset-rules');
    // A confirmation step is allowed; accept it if there is one.
    const confirm = page.getByRole('button', { name: /Khôi phục|Đồng ý|Xác nhận/ });
    if (await confirm.count()) await confirm.first().click();
    await waitActive(page, /tw-2021-2025/);
    assert.doesNotMatch(await activeRules(page), /ha-nam-test/);
    await openDraft(page, '13306', '2024');
    await expectAttr(page, OUT151, 'data-outcome', 'thieu_nguong');
    assert.equal(await page.inputValue(IN151), '94,5', 'the typed value was lost on reset');
  });

  it('a broken rules file is refused with a message and the active rules stay', async () => {
    const { page } = app;
    await openApp(page, '#/bo-tieu-chi');
    const before = await activeRules(page);
    await page.setInputFiles('#import-rules', fixture('bo-tieu-chi-hong.json'));
    await page.waitForSelector(tid('rules-error'));
    const msg = (await page.textContent(tid('rules-error'))) || '';
    assert.match(msg, /bo-tieu-chi-hong\.json/);
    assert.match(msg, /JSON/);
    assert.equal(await activeRules(page), before);
    // A dossier is not a rules file either.
    await page.setInputFiles('#import-rules', fixture('ho-so-hop-le.json'));
    await page.waitForFunction(
      (sel) => /ho-so-hop-le\.json/.test(document.querySelector(sel)?.textContent || ''),
      tid('rules-error'),
    );
    assert.equal(await activeRules(page), before);
  });
});

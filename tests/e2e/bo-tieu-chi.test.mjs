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
    assert.match(text, /tw-xa-2021-2025/);
    assert.match(text, /[0-9a-f]{8}/, 'no short hash shown');
    await page.waitForSelector(tid('rule-ntm-15.1'));
    await page.waitForSelector(tid('rule-ntm_nang_cao-14.1'));
    assert.match((await page.textContent(tid('rule-ntm_nang_cao-14.1'))) || '', /95/);
    // Two facts, two badges (D9, D11): never "đã xác minh" beside a missing threshold.
    const st = async (id) => ((await page.textContent(tid(id))) || '').replace(/\s+/g, ' ').trim();
    assert.match(await st('status-ntm_nang_cao-14.1'), /Ngưỡng: xác minh một phần.*Mã chỉ tiêu: xác minh một phần/);
    for (const code of ['17.1', '10', '11']) {
      assert.match(await st(`status-ntm-${code}`), /^⚠ Ngưỡng: chưa có$/, code);
    }
    for (const crit of ['10', '11', '17']) {
      assert.doesNotMatch(await st(`crit-status-ntm-${crit}`), /đã xác minh/, `criterion ${crit}`);
    }
    assert.match(await st('status-dieu_kien_cong_nhan-C3'), /^✓ Ngưỡng: đã xác minh$/);
    // H.0.5 is the district's yes/no on each item in each commune (D12); Phụ lục II is named (D13).
    assert.match((await page.textContent(tid('rule-huyen_ntm-H.0.5'))) || '', /Đạt/);
    assert.match((await page.textContent('#bo-huyen_ntm')) || '', /Phụ lục II[\s\S]*cần Hội đồng xét/);
    await page.locator(tid('status-ntm-17.1')).scrollIntoViewIfNeeded();
    await screenshot(page, 'h-rules-badges-17');
    await page.locator(tid('status-ntm_nang_cao-14.1')).scrollIntoViewIfNeeded();
    await screenshot(page, 'h-rules-badges-nc-14');
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
    // A value the file does not vouch for (status unverified) says so.
    assert.match((await page.textContent(tid('status-ntm-15.1'))) || '', /Ngưỡng: chưa xác minh/);
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
    await waitActive(page, /tw-xa-2021-2025/);
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

  it('a file claiming "verified" on a placeholder document is refused, naming the field', async () => {
    const { page } = app;
    await openApp(page, '#/bo-tieu-chi');
    const before = await activeRules(page);
    await page.setInputFiles('#import-rules', fixture('bo-tieu-chi-nguon-cho-trong.json'));
    await page.waitForSelector(tid('rules-error'));
    const msg = (await page.textContent(tid('rules-error'))) || '';
    assert.match(msg, /sets\[ntm\]\.criteria\[10\]\.indicators\[10\]\.source\.document/);
    assert.match(msg, /không thể ghi “đã xác minh”/);
    assert.equal(await activeRules(page), before);
    await screenshot(page, 'h-rules-placeholder-refused');
  });
});

// (r) The rules editor: thresholds with their document, indicators added and removed, the list of
// changes, export → reset → import round trip, and a refused edit that changes nothing.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  createDraft, download, expectAttr, openApp, openDraft, reloadApp, screenshot, tid, typeInto, useApp,
} from './harness.mjs';

const app = useApp();
const OUT151 = tid('outcome-ntm-15.1');
const IN151 = tid('input-ntm-15.1');
const DOC = 'Quyết định 25/2024/QĐ-UBND tỉnh Hà Nam';

async function gotoRules(page) {
  await page.getByRole('link', { name: 'Bộ tiêu chí', exact: true }).first().click();
  await page.waitForSelector(tid('active-rules'));
}

/** The full hash of the active rules (the short one is shown, the full one is its title). */
async function activeHash(page) {
  return page.getAttribute(`${tid('active-rules')} code[title]`, 'title');
}

async function activeText(page) {
  return ((await page.textContent(tid('active-rules'))) || '').trim();
}

async function waitActive(page, re) {
  await page.waitForFunction(
    ({ sel, src }) => new RegExp(src).test(document.querySelector(sel)?.textContent || ''),
    { sel: tid('active-rules'), src: re.source },
  ).catch(async () => assert.fail(`active rules should match ${re}; shows ${await activeText(page)}`));
}

async function changeTexts(page) {
  return page.locator(`${tid('changes')} ${tid('change')}`).allTextContents();
}

/** Sets the 15.1 threshold through the form: one number for every year, with its document. */
async function setThreshold151(page, value, { doc = DOC, shot } = {}) {
  await page.click(tid('edit-ntm-15.1'));
  const form = page.locator(tid('indicator-form'));
  await form.waitFor();
  // Focus moves into the form when it opens.
  await page.waitForFunction(() => document.activeElement?.closest('form.bo-tieu-chi-rule-form') != null);
  await form.getByLabel('Một mức cho mọi năm').check();
  await typeInto(page, `${tid('indicator-form')} ${tid('threshold-input')}`, value);
  await typeInto(page, `${tid('indicator-form')} ${tid('source-input')}`, doc);
  await form.getByLabel('Ngày ban hành (ngày/tháng/năm)').fill('15/03/2024');
  await form.getByLabel('Tình trạng xác minh ngưỡng').selectOption('verified');
  if (shot) await screenshot(page, shot);
  await page.click(tid('save-indicator'));
}

async function addIndicatorNangCao1(page) {
  await page.click(tid('add-indicator-ntm_nang_cao-1'));
  const form = page.locator(tid('indicator-form'));
  await form.waitFor();
  await typeInto(page, tid('code-input'), '1.1');
  await typeInto(page, tid('name-input'), 'Quy hoạch chung xây dựng xã còn thời hạn');
  await form.getByLabel('Loại giá trị').selectOption('boolean');
  await form.locator(tid('threshold-input')).selectOption('true');
  await typeInto(page, `${tid('indicator-form')} ${tid('source-input')}`, 'Quyết định 211/QĐ-TTg');
  await page.click(tid('save-indicator'));
  await page.waitForSelector(tid('rule-ntm_nang_cao-1.1'));
  assert.equal(await form.count(), 0, 'the form should close after saving');
}

async function removeIndicator184(page) {
  await page.click(tid('remove-ntm-18.4'));
  const dialog = page.getByRole('dialog', { name: 'Xóa chỉ tiêu 18.4?' });
  await dialog.waitFor();
  // Focus starts on the harmless choice.
  assert.equal(await page.evaluate(() => document.activeElement?.textContent?.trim()), 'Hủy');
  await dialog.getByRole('button', { name: 'Xóa chỉ tiêu' }).click();
  await page.waitForSelector(tid('rule-ntm-18.4'), { state: 'detached' });
}

describe('rules editor', () => {
  it('a threshold typed Vietnamese-style with its document changes the verdict', async () => {
    const { page } = app;
    await openApp(page, '#/tu-danh-gia');
    await createDraft(page, '13306', '2024');
    await typeInto(page, IN151, '95,4', { leave: true });
    await expectAttr(page, OUT151, 'data-outcome', 'thieu_nguong');

    await gotoRules(page);
    const before = await activeHash(page);
    await setThreshold151(page, '95,5', { shot: 'r-editor-form' });
    await page.waitForFunction(
      (sel) => /95,5/.test(document.querySelector(sel)?.textContent || ''),
      tid('rule-ntm-15.1'),
    );
    assert.notEqual(await activeHash(page), before, 'the active rules did not change');
    await waitActive(page, /ha-nam/);
    assert.match((await page.textContent(tid('rule-ntm-15.1'))) || '', /95,5/);
    const row = page.locator('tr', { has: page.locator(tid('rule-ntm-15.1')) });
    assert.match((await row.textContent()) || '', /25\/2024\/QĐ-UBND/);
    assert.match((await row.textContent()) || '', /15\/03\/2024/);
    // Focus goes back to the row's "Sửa" button.
    await page.waitForFunction((sel) => document.activeElement === document.querySelector(sel), tid('edit-ntm-15.1'));

    await openDraft(page, '13306', '2024');
    await expectAttr(page, OUT151, 'data-outcome', 'chua_dat');
    await typeInto(page, IN151, '95,5', { leave: true });
    await expectAttr(page, OUT151, 'data-outcome', 'dat');
  });

  it('adds an indicator to a nâng cao criterion and removes 18.4; the commune editor follows', async () => {
    const { page } = app;
    await openApp(page, '#/bo-tieu-chi');
    assert.equal(await page.locator(tid('rule-ntm_nang_cao-1.1')).count(), 0);
    await addIndicatorNangCao1(page);
    assert.match((await page.textContent(tid('rule-ntm_nang_cao-1.1'))) || '', /Đạt/);
    await removeIndicator184(page);

    await createDraft(page, '13306', '2024');
    const added = page.locator(tid('input-ntm_nang_cao-1.1'));
    await added.waitFor();
    assert.ok(await added.isVisible(), 'the new indicator has no input in the commune editor');
    assert.equal(await page.locator(tid('input-ntm-18.4')).count(), 0, '18.4 is still asked for');
    assert.equal(await page.locator(tid('outcome-ntm-18.4')).count(), 0);
    // The untouched neighbour is still there.
    assert.equal(await page.locator(tid('input-ntm-18.3')).count(), 1);
  });

  it('lists the changes, exports the file, and reset + import gives the same rules', async () => {
    const { page } = app;
    await openApp(page, '#/bo-tieu-chi');
    assert.deepEqual(await changeTexts(page), [], 'built-in rules should have no changes');
    await setThreshold151(page, '95,5');
    await page.waitForFunction((sel) => /95,5/.test(document.querySelector(sel)?.textContent || ''), tid('rule-ntm-15.1'));
    await addIndicatorNangCao1(page);
    await removeIndicator184(page);

    const changes = await changeTexts(page);
    const has = (re) => changes.some((c) => re.test(c));
    assert.ok(has(/15\.1.*ngưỡng: chưa có ngưỡng → 95,5 %/), `no threshold change in ${JSON.stringify(changes)}`);
    assert.ok(has(/15\.1.*văn bản căn cứ:.*25\/2024\/QĐ-UBND/), `no source change in ${JSON.stringify(changes)}`);
    assert.ok(has(/^Thêm chỉ tiêu 1\.1 .*NTM nâng cao · tiêu chí 1/), `no addition in ${JSON.stringify(changes)}`);
    assert.ok(has(/^Bỏ chỉ tiêu 18\.4 .*NTM · tiêu chí 18/), `no removal in ${JSON.stringify(changes)}`);
    await page.locator(tid('changes')).scrollIntoViewIfNeeded();
    await screenshot(page, 'r-changes-list');

    // Kept across a reload.
    const edited = await activeHash(page);
    await reloadApp(page);
    assert.equal(await activeHash(page), edited);
    assert.deepEqual(await changeTexts(page), changes);

    const file = await download(page, '#export-rules');
    assert.equal(file.name, 'bo-tieu-chi-ha-nam.json');
    const json = JSON.parse(file.text);
    assert.equal(json.format, 'chung-suc/rules');
    assert.equal(json.version, 1);
    assert.equal(json.id, 'ha-nam');
    assert.equal(json.title, 'Bộ tiêu chí tỉnh Hà Nam');
    const ntm = json.sets.find((s) => s.id === 'ntm');
    const i151 = ntm.criteria.find((c) => c.code === '15').indicators.find((i) => i.code === '15.1');
    assert.equal(i151.threshold, 95.5);
    assert.equal(i151.source.document, DOC);
    assert.equal(i151.source.date, '2024-03-15');
    // The province's document vouches for the value; 15.1's own wording stays as checked before.
    assert.equal(i151.threshold_status, 'verified');
    assert.equal(i151.status, undefined);
    assert.equal(i151.name, undefined, 'unchanged fields should not be in the patch');
    const i184 = ntm.criteria.find((c) => c.code === '18').indicators.find((i) => i.code === '18.4');
    assert.equal(i184.remove, true);
    const nc = json.sets.find((s) => s.id === 'ntm_nang_cao');
    const i11 = nc.criteria.find((c) => c.code === '1').indicators.find((i) => i.code === '1.1');
    assert.deepEqual(
      { kind: i11.kind, comparison: i11.comparison, threshold: i11.threshold },
      { kind: 'boolean', comparison: '=', threshold: true },
    );

    await page.click('#reset-rules');
    const dialog = page.getByRole('dialog', { name: 'Dùng bộ tiêu chí gốc?' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Khôi phục bộ gốc' }).click();
    await waitActive(page, /tw-xa-2021-2025/);
    assert.notEqual(await activeHash(page), edited);
    assert.deepEqual(await changeTexts(page), []);
    assert.equal(await page.locator(tid('rule-ntm_nang_cao-1.1')).count(), 0);

    await page.setInputFiles('#import-rules', { name: file.name, mimeType: 'application/json', buffer: file.bytes });
    await waitActive(page, /ha-nam/);
    assert.equal(await activeHash(page), edited, 're-importing the export gave other rules');
    assert.deepEqual(await changeTexts(page), changes);

    // "Hoàn tác" takes one change back out.
    await page.getByRole('button', { name: /^Hoàn tác: Bỏ chỉ tiêu 18\.4/ }).click();
    await page.waitForSelector(tid('rule-ntm-18.4'));
    assert.equal((await changeTexts(page)).length, changes.length - 1);
  });

  it('refuses a percent threshold of 120 with a Vietnamese message naming the field', async () => {
    const { page } = app;
    await openApp(page, '#/bo-tieu-chi');
    const before = await activeHash(page);
    const shown = await page.textContent(tid('rule-ntm-15.1'));
    await setThreshold151(page, '120');
    const error = page.locator(`${tid('indicator-form')} [role="alert"]`).first();
    await error.waitFor();
    const msg = (await error.textContent()) || '';
    assert.match(msg, /^Ngưỡng: /, `the message should name the field: ${msg}`);
    assert.match(msg, /tỷ lệ phần trăm phải từ 0 đến 100/);
    await expectAttr(page, `${tid('indicator-form')} ${tid('threshold-input')}`, 'aria-invalid', 'true');
    await screenshot(page, 'r-editor-error');
    // Nothing changed: same rules, no changes, nothing stored.
    assert.equal(await activeHash(page), before);
    assert.deepEqual(await changeTexts(page), []);
    assert.equal(await page.textContent(tid('rule-ntm-15.1')), shown);
    assert.equal(await page.evaluate(() => localStorage.getItem('chung-suc:rules')), null);

    // A threshold without a document of its own is refused too.
    await typeInto(page, `${tid('indicator-form')} ${tid('threshold-input')}`, '95');
    await page.fill(`${tid('indicator-form')} ${tid('source-input')}`, '');
    await page.click(tid('save-indicator'));
    await page.waitForFunction(
      (sel) => /^Văn bản căn cứ: bắt buộc/.test(document.querySelector(sel)?.textContent || ''),
      `${tid('indicator-form')} [role="alert"]`,
    );
    assert.equal(await activeHash(page), before);

    // Cancel closes the form and keeps the rules.
    await page.getByRole('button', { name: 'Hủy', exact: true }).first().click();
    assert.equal(await page.locator(tid('indicator-form')).count(), 0);
    await page.click('#reset-rules');
    // No edits: reset needs no confirmation.
    assert.equal(await page.getByRole('dialog').count(), 0);
  });

  it('reads a count threshold with the input kernel: 6.000 is 6000, 6,5 is refused and not exported', async () => {
    const { page } = app;
    await openApp(page, '#/bo-tieu-chi');
    await page.click(tid('add-indicator-ntm_nang_cao-2'));
    const form = page.locator(tid('indicator-form'));
    await form.waitFor();
    await typeInto(page, tid('code-input'), '2.1');
    await typeInto(page, tid('name-input'), 'Số hộ dùng nước sạch');
    await form.getByLabel('Loại giá trị').selectOption('count');
    assert.match(await form.locator(tid('kind-input')).innerText(), /Số đếm \(nguyên\)/);
    await form.getByLabel('Một mức cho mọi năm').check();
    await typeInto(page, `${tid('indicator-form')} ${tid('source-input')}`, DOC);
    const threshold = `${tid('indicator-form')} ${tid('threshold-input')}`;

    // A fraction in a count: the kernel's reason under the field, the save refused, nothing kept.
    await typeInto(page, threshold, '6,5');
    assert.match(await page.innerText(tid('threshold-input-error')), /Phải là số nguyên/);
    await expectAttr(page, threshold, 'aria-invalid', 'true');
    await page.click(tid('save-indicator'));
    const error = form.locator('[role="alert"]').first();
    await error.waitFor();
    assert.match((await error.textContent()) || '', /^Ngưỡng: phải là số nguyên/);
    assert.equal(await page.locator(tid('rule-ntm_nang_cao-2.1')).count(), 0);
    assert.equal(await page.evaluate(() => localStorage.getItem('chung-suc:rules')), null);
    const refused = JSON.parse((await download(page, '#export-rules')).text);
    assert.ok(!JSON.stringify(refused).includes('"2.1"'), 'the refused indicator was exported');

    // `6.000` in a count groups thousands: 6000.
    await typeInto(page, threshold, '6.000');
    await page.click(tid('save-indicator'));
    await page.waitForSelector(tid('rule-ntm_nang_cao-2.1'));
    assert.match((await page.textContent(tid('rule-ntm_nang_cao-2.1'))) || '', /6\.000/);
    const json = JSON.parse((await download(page, '#export-rules')).text);
    const nc = json.sets.find((s) => s.id === 'ntm_nang_cao');
    const i21 = nc.criteria.find((c) => c.code === '2').indicators.find((i) => i.code === '2.1');
    assert.deepEqual({ kind: i21.kind, threshold: i21.threshold }, { kind: 'count', threshold: 6000 });
  });
});

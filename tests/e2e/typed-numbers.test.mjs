// Numbers typed the Vietnamese way read the same on every form (the core's input kernel):
// `6.000` is six thousand in a count, `4.001` four thousand and one, `6,5` is refused in a count;
// invalid text is shown as "Giá trị không hợp lệ", counted, kept over a reload, and every export
// first warns that it will not be exported.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  createDraft, download, expectAttr, openApp, reloadApp, screenshot, tid, typeInto, useApp,
} from './harness.mjs';

const app = useApp();
const IN = (set, code) => tid(`input-${set}-${code}`);
const OUT = (set, code) => tid(`outcome-${set}-${code}`);
const fig = (year, key) => tid(`fig-${year}-${key}`);

async function textOf(page, selector) {
  return (await page.textContent(selector)) ?? '';
}

async function waitText(page, selector, re) {
  await page
    .waitForFunction(({ selector, src }) => new RegExp(src).test(document.querySelector(selector)?.textContent || ''),
      { selector, src: re.source }, { timeout: 5000 })
    .catch(async () => assert.match(await textOf(page, selector), re, selector));
}

describe('typed numbers', () => {
  it('targets: thousands typed with dots decide T4 and T5 as written', async () => {
    const { page } = app;
    await openApp(page, '#/muc-tieu');
    await page.waitForSelector(tid('targets-table'));
    await typeInto(page, fig(2020, 'poor_households'), '10000');
    await typeInto(page, fig(2025, 'poor_households'), '6.000');
    // 10 000 → 6 000 households is a 40 % reduction: not the 60 % target (never "99,94 %").
    await expectAttr(page, tid('target-T4'), 'data-outcome', 'chua_dat');
    await waitText(page, tid('actual-T4'), /^40 %/);
    await typeInto(page, fig(2025, 'poor_households'), '4.001');
    await expectAttr(page, tid('target-T4'), 'data-outcome', 'chua_dat');
    assert.equal(await page.locator(tid(`fig-2025-poor_households-error`)).count(), 0, '4.001 is a whole number');
    await typeInto(page, fig(2025, 'poor_households'), '4.000');
    await expectAttr(page, tid('target-T4'), 'data-outcome', 'dat');

    await typeInto(page, fig(2025, 'labour_force'), '500.000');
    await typeInto(page, fig(2025, 'trained_labour'), '372.000');
    await expectAttr(page, tid('target-T5'), 'data-outcome', 'chua_dat');
    await waitText(page, tid('actual-T5'), /^74,4 %/);

    // A fraction in a count is refused with the forms that are accepted; nothing is computed from it.
    await typeInto(page, fig(2025, 'trained_labour'), '6,5');
    await waitText(page, tid('fig-2025-trained_labour-error'), /số nguyên/);
    await waitText(page, tid('fig-2025-trained_labour-error'), /6\.000/);
    await expectAttr(page, fig(2025, 'trained_labour'), 'aria-invalid', 'true');
    await expectAttr(page, tid('target-T5'), 'data-outcome', 'thieu_so_lieu');
    // `6,000` could be 6 or 6000: refused, never guessed.
    await typeInto(page, fig(2025, 'trained_labour'), '6,000');
    await waitText(page, tid('fig-2025-trained_labour-error'), /không rõ là 6 hay 6\.000/);
    await screenshot(page, 'typed-numbers-targets');

    // The figures export names the refused cell first; exported anyway, the file leaves it out.
    await page.click('#export-figures');
    await page.waitForSelector(tid('invalid-warning'));
    await waitText(page, tid('invalid-warning'), /1 ô có giá trị không hợp lệ sẽ không được xuất/);
    await waitText(page, tid('invalid-warning'), /Số lao động qua đào tạo \(T5\) — năm 2025/);
    await screenshot(page, 'typed-numbers-figures-warning');
    const file = await download(page, tid('invalid-export-anyway'));
    const f = JSON.parse(file.text);
    assert.equal(f.years['2025'].poor_households, 4000);
    assert.equal(f.years['2025'].labour_force, 500000);
    assert.equal(f.years['2025'].trained_labour, undefined);

    await reloadApp(page);
    await page.waitForSelector(tid('targets-table'));
    assert.equal(await page.inputValue(fig(2025, 'poor_households')), '4.000');
    assert.equal(await page.inputValue(fig(2025, 'trained_labour')), '6,000', 'typed text survives a reload');
    await expectAttr(page, tid('target-T4'), 'data-outcome', 'dat');
  });

  it('commune editor: a count reads thousands, refuses a fraction, and exports warn about invalid cells', async () => {
    const { page } = app;
    await openApp(page, '#/tu-danh-gia');
    await createDraft(page, '13306', '2024');
    const MODELS = tid('cond-smart_village_models');
    await typeInto(page, MODELS, '4.001', { leave: true });
    // KM.3 (≥ 1 smart-village model) reads the condition.
    await expectAttr(page, OUT('ntm_kieu_mau', 'KM.3'), 'data-outcome', 'dat');
    await typeInto(page, IN('ntm', '15.1'), '95.5', { leave: true });

    // Nothing invalid: the export goes straight through and holds the numbers as typed.
    let file = await download(page, '#export-json');
    let d = JSON.parse(file.text);
    assert.equal(d.conditions.smart_village_models, 4001);
    assert.equal(d.values.ntm['15.1'], 95.5);

    // `6,5` models: refused with the forms that are accepted, shown as invalid on the indicator
    // that reads it (never "Chưa nhập số liệu"), counted in the summary.
    await typeInto(page, MODELS, '6,5', { leave: true });
    await waitText(page, tid('error-cond-smart_village_models'), /số nguyên/);
    await expectAttr(page, MODELS, 'aria-invalid', 'true');
    await expectAttr(page, OUT('ntm_kieu_mau', 'KM.3'), 'data-outcome', 'khong_hop_le');
    await waitText(page, OUT('ntm_kieu_mau', 'KM.3'), /Giá trị không hợp lệ/);
    await waitText(page, tid('summary-invalid'), /1 ô có giá trị không hợp lệ/);
    // `6,000` could be 6 or 6000: refused, never guessed.
    await typeInto(page, MODELS, '6,000', { leave: true });
    await waitText(page, tid('error-cond-smart_village_models'), /không rõ là 6 hay 6\.000/);
    await screenshot(page, 'typed-numbers-editor-invalid');

    // The export first warns, names the cell and what was typed, and can be cancelled.
    await page.click('#export-json');
    await page.waitForSelector(tid('invalid-warning'));
    await waitText(page, tid('invalid-warning'), /1 ô có giá trị không hợp lệ sẽ không được xuất/);
    await waitText(page, tid('invalid-warning'), /Số mô hình thôn thông minh/);
    await waitText(page, tid('invalid-warning'), /6,000/);
    await screenshot(page, 'typed-numbers-export-warning');
    await page.click(tid('invalid-export-cancel'));
    await page.waitForSelector(tid('invalid-warning'), { state: 'detached' });

    // Export anyway: the file leaves the invalid cell out; the typed text stays in the draft.
    await page.click('#export-json');
    file = await download(page, tid('invalid-export-anyway'));
    d = JSON.parse(file.text);
    assert.equal(d.conditions?.smart_village_models, undefined, 'an invalid cell is not exported');
    assert.equal(d.values.ntm['15.1'], 95.5);
    // The CSV exports and the print warn the same way.
    for (const button of ['#export-csv-excel', '#export-csv-plain', '#print-report']) {
      await page.click(button);
      await page.waitForSelector(tid('invalid-warning'));
      await page.click(tid('invalid-export-cancel'));
      await page.waitForSelector(tid('invalid-warning'), { state: 'detached' });
    }

    await reloadApp(page);
    await page.waitForSelector(MODELS);
    assert.equal(await page.inputValue(MODELS), '6,000');
    await expectAttr(page, OUT('ntm_kieu_mau', 'KM.3'), 'data-outcome', 'khong_hop_le');
    await waitText(page, tid('summary-invalid'), /1 ô có giá trị không hợp lệ/);
    await waitText(page, tid('error-cond-smart_village_models'), /không rõ là 6 hay 6\.000/);
  });
});

// Mục tiêu phong trào: the figures form drives T1–T9 live (both sides of T4's bounds and T7's
// 95,5 %), survives a reload, exports/imports the figures JSON; the attainment chart is drawn
// with a text alternative; registered targets say "Hoàn thành sớm"; the sơ kết / tổng kết
// reports print.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import {
  ARTIFACTS, download, expectAttr, fixture, openApp, readFixture, reloadApp, screenshot, tid,
  typeInto, useApp,
} from './harness.mjs';

const app = useApp();

const field = (year, key) => tid(`fig-${year}-${key}`);

async function gotoTargets(page) {
  await openApp(page, '#/muc-tieu');
  await page.waitForSelector(tid('targets-table'));
}

async function waitSaved(page) {
  await page
    .waitForFunction((sel) => /Đã lưu/.test(document.querySelector(sel)?.textContent || ''), tid('figures-save-status'))
    .catch(async () => assert.fail(`figures never saved: ${await page.textContent(tid('figures-save-status'))}`));
}

async function expectValue(page, selector, value) {
  await page
    .waitForFunction(({ selector, value }) => document.querySelector(selector)?.value === value, { selector, value }, { timeout: 5000 })
    .catch(async () => assert.equal(await page.inputValue(selector), value, selector));
}

/** Non-white, non-transparent pixels of a canvas (0 for a blank one). */
async function inkOf(page, selector) {
  return page.evaluate((sel) => {
    const c = document.querySelector(sel);
    const { data } = c.getContext('2d').getImageData(0, 0, c.width, c.height);
    let ink = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (data[i + 3] > 0 && (data[i] < 240 || data[i + 1] < 240 || data[i + 2] < 240)) ink += 1;
    }
    return ink;
  }, selector);
}

describe('movement targets', () => {
  it('figures decide T4 and T7 on both sides of the bound, and survive a reload', async () => {
    const { page } = app;
    await gotoTargets(page);
    // Nothing entered: no data, never met.
    await expectAttr(page, tid('target-T4'), 'data-outcome', 'thieu_so_lieu');
    await expectAttr(page, tid('target-T7'), 'data-outcome', 'thieu_so_lieu');

    await typeInto(page, field(2020, 'poor_households'), '10000');
    await typeInto(page, field(2025, 'poor_households'), '4001');
    // 59,99 % reduction: not the 60 % target.
    await expectAttr(page, tid('target-T4'), 'data-outcome', 'chua_dat');
    const gap = await page.textContent(tid('gap-T4'));
    assert.match(gap, /Còn thiếu/, `T4 gap: ${gap}`);
    assert.match(gap, /1 hộ nghèo/, `T4 gap names the households still to lift: ${gap}`);
    assert.equal(await page.locator(tid('upper-T4')).count(), 0, 'no "vượt mức" below the target');

    await typeInto(page, field(2025, 'poor_households'), '3500');
    await expectAttr(page, tid('target-T4'), 'data-outcome', 'dat');
    assert.match(await page.textContent(tid('upper-T4')), /Vượt mức/);
    assert.match(await page.textContent(tid('gap-T4')), /vượt mức/);
    // D15: 2020 counted under the 2016–2020 standard, 2025 under NĐ 07/2021 — not like with like.
    const warn = tid('warning-T4');
    await page.waitForSelector(warn);
    assert.match(await page.textContent(warn), /năm 2020 đếm theo chuẩn nghèo giai đoạn 2016–2020, năm 2025 theo chuẩn nghèo đa chiều giai đoạn 2022–2025 \(Nghị định 07\/2021\/NĐ-CP\)/);
    assert.match(await page.textContent(warn), /chỉ để tham khảo/);
    await page.locator(tid('target-T4')).scrollIntoViewIfNeeded();
    await screenshot(page, 'targets-t4-two-standards');
    // The 2020 count redone under the new standard: recorded, and the warning goes.
    await page.selectOption('#fig-2020-poverty_standard', 'nd07_2021');
    await page.waitForSelector(warn, { state: 'detached' });
    await page.selectOption('#fig-2020-poverty_standard', '');
    await page.waitForSelector(warn);

    await typeInto(page, field(2025, 'health_insurance_pct'), '95,49');
    await expectAttr(page, tid('target-T7'), 'data-outcome', 'chua_dat');
    assert.match(await page.textContent(tid('gap-T7')), /Còn thiếu 0,01 điểm phần trăm/);
    await typeInto(page, field(2025, 'health_insurance_pct'), '95,5');
    await expectAttr(page, tid('target-T7'), 'data-outcome', 'dat');
    assert.match(await page.textContent(tid('ratio-T7')), /100 %/);

    // A decimal point works too; money the Vietnamese way.
    await typeInto(page, field(2025, 'waste_collection_pct'), '97.9');
    await expectAttr(page, tid('target-T9'), 'data-outcome', 'chua_dat');
    await typeInto(page, field(2025, 'rural_income_vnd'), '65.000.000', { leave: true });
    await expectAttr(page, tid('target-T3'), 'data-outcome', 'dat');
    assert.match(await page.textContent(tid('actual-T3')), /65\.000\.000 đ/);

    // Invalid text: an error beside the field, in Vietnamese, and the value is not counted.
    await typeInto(page, field(2025, 'clean_water_pct'), '99,5,1');
    const err = page.locator(tid('fig-2025-clean_water_pct-error'));
    assert.match(await err.innerText(), /Không phải là số/);
    await expectAttr(page, tid('target-T8'), 'data-outcome', 'thieu_so_lieu');
    await typeInto(page, field(2025, 'clean_water_pct'), '');
    assert.equal(await err.count(), 0, 'the error stays after the field is cleared');

    // T6 shows its base (the plan does not say it).
    assert.match(await page.textContent(tid('base-T6')), /tổng số lao động/);

    await page.fill(field(2025, 'source'), 'Báo cáo số 210/BC-UBND ngày 05/12/2025');
    await waitSaved(page);
    await screenshot(page, 'targets-table');

    await reloadApp(page);
    await page.waitForSelector(tid('targets-table'));
    assert.equal(await page.inputValue(field(2020, 'poor_households')), '10000');
    assert.equal(await page.inputValue(field(2025, 'poor_households')), '3500');
    assert.equal(await page.inputValue(field(2025, 'health_insurance_pct')), '95,5');
    assert.equal(await page.inputValue(field(2025, 'rural_income_vnd')), '65.000.000');
    assert.equal(await page.inputValue(field(2025, 'source')), 'Báo cáo số 210/BC-UBND ngày 05/12/2025');
    await expectAttr(page, tid('target-T4'), 'data-outcome', 'dat');
    await expectAttr(page, tid('target-T7'), 'data-outcome', 'dat');
    await expectAttr(page, tid('target-T9'), 'data-outcome', 'chua_dat');
    // The figure's source is shown with the actual value.
    assert.match(await page.locator(tid('target-T7')).innerText(), /Nguồn: Báo cáo số 210\/BC-UBND/);
    // Trajectory: 2025 column carries the outcome, 2020 the baseline figure.
    await expectAttr(page, tid('traj-T4-2025'), 'data-outcome', 'dat');
    assert.match(await page.textContent(tid('traj-T7-2025')), /95,5 %/);
  });

  it('draws the attainment chart with a text alternative and redraws on change', async () => {
    const { page } = app;
    await gotoTargets(page);
    const canvas = tid('attainment-canvas');
    await page.waitForSelector(canvas);
    assert.equal(await page.getAttribute(canvas, 'role'), 'img');
    const blankInk = await inkOf(page, canvas);
    assert.ok(blankInk > 500, `axes and labels are drawn even without data (ink ${blankInk})`);

    await typeInto(page, field(2025, 'health_insurance_pct'), '95,5');
    await typeInto(page, field(2025, 'waste_collection_pct'), '49');
    await page.waitForFunction(
      (sel) => /T7: 100 %/.test(document.querySelector(sel)?.getAttribute('aria-label') || ''),
      canvas,
    ).catch(async () => assert.fail(`aria-label: ${await page.getAttribute(canvas, 'aria-label')}`));
    const label = await page.getAttribute(canvas, 'aria-label');
    assert.match(label, /T9: 50 %/);
    assert.match(label, /T1: chưa có số liệu/);
    const ink = await inkOf(page, canvas);
    assert.ok(ink > blankInk + 2000, `bars were drawn (ink ${blankInk} → ${ink})`);
    // The table under "Xem số liệu dạng bảng" carries the same numbers for screen readers and copy.
    await page.click(`${tid('attainment-data')} summary`);
    const table = await page.locator(`${tid('attainment')} table`).innerText();
    assert.match(table, /T7 Tỷ lệ dân số có bảo hiểm y tế.*100 %/s);
    const dataUrl = await page.evaluate((sel) => document.querySelector(sel).toDataURL('image/png'), canvas);
    await fs.writeFile(path.join(ARTIFACTS, 'attainment-chart.png'), Buffer.from(dataUrl.split(',')[1], 'base64'));
    await page.locator(tid('attainment')).screenshot({ path: path.join(ARTIFACTS, 'attainment-figure.png') });
  });

  it('exports the figures JSON and imports a district file', async () => {
    const { page } = app;
    await gotoTargets(page);
    await typeInto(page, field(2020, 'poor_households'), '10000');
    await typeInto(page, field(2025, 'poor_households'), '3500');
    await typeInto(page, field(2025, 'health_insurance_pct'), '95,5');
    await typeInto(page, field(2025, 'rural_income_vnd'), '65.000.000');
    const file = await download(page, '#export-figures');
    assert.equal(file.name, 'so-lieu-35.json');
    assert.notEqual(file.bytes[0], 0xef, 'no BOM in JSON');
    const json = JSON.parse(file.text);
    assert.equal(json.format, 'chung-suc/figures');
    assert.equal(json.version, 1);
    assert.equal(json.unit_code, '35');
    assert.equal(json.unit_name, 'Tỉnh Hà Nam');
    assert.deepEqual(Object.keys(json.years), ['2020', '2025']);
    assert.deepEqual(json.years['2020'], { poor_households: 10000 });
    assert.deepEqual(json.years['2025'], {
      rural_income_vnd: 65000000,
      poor_households: 3500,
      health_insurance_pct: 95.5,
    });

    // A file whose figures contradict each other is refused, naming the field; nothing changes.
    await page.setInputFiles('#import-figures', fixture('targets/so-lieu-sai.json'));
    const err = await page.waitForSelector(tid('figures-error'));
    assert.match(await err.innerText(), /so-lieu-sai\.json.*trained_labour.*lớn hơn tổng số lao động/s);
    assert.equal(await page.inputValue(field(2025, 'poor_households')), '3500');

    await page.setInputFiles('#import-figures', fixture('targets/so-lieu-duy-tien.json'));
    await page.waitForSelector(tid('figures-ok'));
    assert.equal(await page.inputValue('#figures-unit'), '349');
    await expectValue(page, field(2025, 'poor_households'), '700');
    // (2000 − 700) / 2000 = 65 %: met, and the upper bound too.
    await expectAttr(page, tid('target-T4'), 'data-outcome', 'dat');
    await expectAttr(page, tid('target-T9'), 'data-outcome', 'chua_dat');
    assert.match(await page.textContent(tid('gap-T9')), /Còn thiếu 0,5 điểm phần trăm/);
    const again = await download(page, '#export-figures');
    assert.equal(again.name, 'so-lieu-349.json');
    assert.deepEqual(JSON.parse(again.text), JSON.parse(await readFixture('targets/so-lieu-duy-tien.json')));

    // The province's figures were kept apart.
    await page.selectOption('#figures-unit', '35');
    await expectValue(page, field(2025, 'poor_households'), '3500');
  });

  it('registered targets: completed before the deadline is "Hoàn thành sớm"', async () => {
    const { page } = app;
    await gotoTargets(page);
    await page.fill('#reg-name', 'Cứng hóa đường trục xã');
    await page.fill('#reg-target', '12,5');
    await page.fill('#reg-unit', 'km');
    await page.fill('#reg-deadline', '2025-06-30');
    await page.click('#reg-save');
    const item = page.locator(tid('registered-item'));
    await item.first().waitFor();
    assert.equal(await item.count(), 1);
    assert.match(await item.innerText(), /Tỉnh Hà Nam/);
    assert.match(await item.innerText(), /≥ 12,5 km/);

    await item.getByRole('button', { name: 'Sửa' }).click();
    await page.fill('#reg-achieved', '12,4');
    await page.fill('#reg-completed_on', '2025-06-18');
    await page.click('#reg-save');
    // Short of the target: not completed, however early the date.
    assert.doesNotMatch(await item.innerText(), /Hoàn thành/);

    await item.getByRole('button', { name: 'Sửa' }).click();
    await page.fill('#reg-achieved', '12,5');
    await page.click('#reg-save');
    assert.equal(await item.getAttribute('data-status'), 'hoan_thanh_som');
    assert.match(await item.locator(tid('registered-status')).innerText(), /^Hoàn thành sớm 12 ngày$/);

    // A completion date without a value is refused beside the field.
    await page.fill('#reg-name', 'Thôn thông minh');
    await page.fill('#reg-target', '2');
    await page.fill('#reg-deadline', '2025-12-31');
    await page.fill('#reg-completed_on', '2025-11-01');
    await page.click('#reg-save');
    assert.match(await page.locator('#reg-achieved-error').innerText(), /giá trị đạt được/);
    assert.equal(await item.count(), 1);

    await reloadApp(page);
    await page.waitForSelector(tid('registered-item'));
    assert.match(await page.locator(tid('registered-status')).innerText(), /Hoàn thành sớm 12 ngày/);

    const csv = await download(page, '#export-registered-csv');
    assert.equal(csv.name, 'dang-ky-thi-dua.csv');
    assert.deepEqual([...csv.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'CSV for Excel starts with a BOM');
    assert.match(csv.text, /Cứng hóa đường trục xã/);
    assert.match(csv.text, /30\/06\/2025/);
    assert.match(csv.text, /Hoàn thành sớm 12 ngày/);

    // Delete asks first.
    await page.locator(tid('registered-item')).getByRole('button', { name: 'Xóa' }).click();
    await page.locator('dialog[open]').getByRole('button', { name: 'Hủy' }).click();
    assert.equal(await page.locator(tid('registered-item')).count(), 1);
    await page.locator(tid('registered-item')).getByRole('button', { name: 'Xóa' }).click();
    await page.click(tid('reg-delete-confirm'));
    assert.equal(await page.locator(tid('registered-item')).count(), 0);
    await reloadApp(page);
    await page.waitForSelector(tid('targets-table'));
    assert.equal(await page.locator(tid('registered-item')).count(), 0);
  });

  it('prints the sơ kết and tổng kết reports', async () => {
    const { page } = app;
    await page.addInitScript(() => {
      window.__printed = 0;
      window.print = () => { window.__printed += 1; };
    });
    await gotoTargets(page);
    await typeInto(page, field(2020, 'poor_households'), '10000');
    await typeInto(page, field(2023, 'poor_households'), '6000');
    await typeInto(page, field(2025, 'poor_households'), '3500');
    await typeInto(page, field(2025, 'health_insurance_pct'), '95,49');

    await page.click('#print-so-ket');
    assert.equal(await page.evaluate(() => window.__printed), 1);
    await page.emulateMedia({ media: 'print' });
    const report = page.locator(tid('targets-print'));
    assert.ok(await report.isVisible(), 'the report shows in print');
    assert.equal(await page.locator(tid('targets-table')).isVisible(), false, 'the screen table is not printed');
    assert.equal(await page.locator('#print-so-ket').isVisible(), false, 'buttons are not printed');
    let text = (await report.innerText()).replace(/\s+/g, ' ');
    assert.match(text, /BÁO CÁO SƠ KẾT .* 2021–2023/);
    assert.match(text, /Tỉnh Hà Nam/);
    assert.match(text, /tw-xa-2021-2025 — mã băm [0-9a-f]{8}/);
    assert.match(text, /Thực hiện 2023/);
    // 2023: (10000 − 6000) / 10000 = 40 %, short of 60 %.
    assert.match(text, /T4 [^]*?40 % ✗ Chưa đạt/);
    assert.match(text, /Người lập biểu/);
    assert.doesNotMatch(text, /2024|2025 Thực hiện/, 'the sơ kết stops at 2023');
    const printCanvas = tid('attainment-print-canvas');
    assert.ok(await page.locator(printCanvas).isVisible(), 'the chart prints');
    assert.ok((await inkOf(page, printCanvas)) > 2000, 'the printed chart is drawn');
    await screenshot(page, 'targets-print-so-ket', { fullPage: true });

    await page.emulateMedia({ media: 'screen' });
    await page.click('#print-tong-ket');
    assert.equal(await page.evaluate(() => window.__printed), 2);
    await page.emulateMedia({ media: 'print' });
    text = (await report.innerText()).replace(/\s+/g, ' ');
    assert.match(text, /BÁO CÁO TỔNG KẾT .* 2021–2025/);
    assert.match(text, /Thực hiện 2025/);
    assert.match(text, /T4 [^]*?65 % ✓ Đạt/);
    assert.match(text, /T7 [^]*?95,49 % ✗ Chưa đạt Còn thiếu 0,01 điểm phần trăm/);
    await screenshot(page, 'targets-print-tong-ket', { fullPage: true });
    const pdf = await page.pdf({ format: 'A4' });
    assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
    await fs.writeFile(path.join(ARTIFACTS, 'targets-print-tong-ket.pdf'), pdf);
  });
});

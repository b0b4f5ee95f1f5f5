// Tổng hợp, after importing the folder of commune dossiers: the two charts (communes by level,
// criteria most often not met) are drawn with a text alternative; the district results of
// QĐ 320/QĐ-TTg (a thị xã / thành phố falls under Phụ lục II, not in the sources: counts only,
// "cần Hội đồng xét"; for a huyện, H.0.1 lacks data while some communes have no dossier, the
// missing communes are named, H.0.4 typed by the district decides ≥ 90 %, H.0.5 — each item in
// each commune ≥ 80 % — is the district's yes/no with its document, never decided from the
// communes' overall satisfaction); and the targets page counts T2 from the consolidated dossiers.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ARTIFACTS, expectAttr, FIXTURES, openApp, reloadApp, screenshot, tid, useApp } from './harness.mjs';

const app = useApp();
const DIR = path.join(FIXTURES, 'consolidation');
const F = (name) => path.join(DIR, name);
const FOLDER = [
  'ho-so-13306-2024.json', // Xã Phù Vân, TP Phủ Lý (347)
  'ho-so-13426-2024.json', // Xã Kim Bình, TP Phủ Lý (347)
  'ho-so-13327-2024.json', // Xã Mộc Hoàn, TX Duy Tiên
  'ho-so-13450-2024.json', // Xã Liêm Phong, H. Thanh Liêm
  'ho-so-13504-2023.json', // Xã Bình Nghĩa, H. Bình Lục
  'hong.json',
  'ho-so-13426-2024-ban-sua.json',
].map(F);

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

async function importFolder(page, rulesFile = 'bo-tieu-chi-kiem-thu.json') {
  await openApp(page, '#/tu-danh-gia');
  await page.getByRole('link', { name: 'Bộ tiêu chí', exact: true }).first().click();
  await page.waitForSelector('#import-rules');
  await page.setInputFiles('#import-rules', F(rulesFile));
  const id = JSON.parse(fs.readFileSync(F(rulesFile), 'utf8')).id;
  await page.waitForFunction((id) => (document.querySelector('[data-testid="active-rules"]')?.textContent || '').includes(id), id);
  await page.getByRole('link', { name: 'Tổng hợp', exact: true }).first().click();
  await page.waitForSelector('#import-many', { state: 'attached' });
  await page.setInputFiles('#import-many', FOLDER);
  await page.waitForFunction(
    (n) => new RegExp(`Đã đọc ${n} tệp`).test(document.querySelector('[data-testid="import-summary"]')?.textContent || ''),
    FOLDER.length,
  );
  // Keep the edited Kim Bình.
  const group = page.locator(tid('duplicate-group'));
  await group.locator('input[type="radio"]').nth(1).check();
  await group.getByRole('button', { name: 'Giữ bản này' }).click();
  await page.waitForSelector(tid('duplicate-group'), { state: 'detached' });
  assert.equal(await page.locator(tid('consolidation-row')).count(), 5);
}

describe('district results and consolidation charts', () => {
  it('draws both charts, evaluates the districts against QĐ 320, and T2 counts the consolidation', async () => {
    const { page } = app;
    await importFolder(page);

    // Charts: canvases with a text alternative and ink.
    for (const id of ['communes-by-level', 'criteria-not-met']) {
      const canvas = tid(`${id}-canvas`);
      await page.waitForSelector(canvas);
      const label = await page.getAttribute(canvas, 'aria-label');
      assert.ok(label && label.length > 20, `${id}: aria-label ${label}`);
      assert.ok((await inkOf(page, canvas)) > 2000, `${id} is drawn`);
    }
    const byLevel = await page.getAttribute(tid('communes-by-level-canvas'), 'aria-label');
    assert.match(byLevel, /Thành phố Phủ Lý: Chưa đạt 1, NTM 0, NTM nâng cao 0, NTM kiểu mẫu 1/);
    assert.match(await page.getAttribute(tid('criteria-not-met-canvas'), 'aria-label'), /TC \d+: \d/);
    // Filtering redraws: one district only.
    await page.selectOption('#filter-district', '347');
    await page.waitForFunction(() => !/Duy Tiên/.test(document.querySelector('[data-testid="communes-by-level-canvas"]')?.getAttribute('aria-label') || 'Duy Tiên'));
    await page.selectOption('#filter-district', '');

    // District results for 2024 (the latest year).
    const section = page.locator(tid('district-results'));
    await section.waitFor();
    assert.match(await section.locator('h2').innerText(), /Kết quả cấp huyện \(QĐ 320\/QĐ-TTg\)/);
    // TP Phủ Lý (two of its xã have a dossier): QĐ 320 Phụ lục II, not in the sources (D13).
    const pl = page.locator(tid('district-347'));
    await pl.waitFor();
    assert.match(await pl.innerText(), /Thành phố Phủ Lý — năm 2024/);
    const annex = await page.innerText(tid('district-347-annex-ii'));
    assert.match(annex, /Quyết định 320\/QĐ-TTg, Phụ lục II/);
    assert.match(annex, /chưa có căn cứ — cần Hội đồng xét/);
    assert.match(await page.innerText(tid('district-347-counts')), /2 xã có hồ sơ năm 2024[\s\S]*Chưa xác định/);
    assert.doesNotMatch(await page.innerText(tid('district-347-missing')), /Phù Vân|Kim Bình/);
    assert.equal(await page.locator(tid('district-347-H.0.1')).count(), 0, 'no Phụ lục I verdict for a thành phố');
    assert.equal(await page.locator('#district-347-input-H-0-4').count(), 0, 'nothing of Phụ lục I to enter');
    // A district with no dossier in the year is not listed (Bình Lục only has 2023): Phủ Lý, Duy Tiên, Thanh Liêm.
    const listed = await section.locator('section.tong-hop-district-card').evaluateAll((els) => els.map((e) => e.dataset.testid));
    assert.deepEqual(listed, ['district-347', 'district-349', 'district-351'], `districts listed: ${listed}`);
    assert.equal(await page.locator(tid('district-349-annex-ii')).count(), 1, 'TX Duy Tiên too');

    // Huyện Thanh Liêm (one xã with a dossier): Phụ lục I.
    const d = page.locator(tid('district-351'));
    await d.waitFor();
    assert.match(await d.innerText(), /Huyện Thanh Liêm — năm 2024/);
    assert.equal(await page.locator(tid('district-351-annex-ii')).count(), 0);
    assert.equal(await page.getAttribute(tid('district-351-H.0.1'), 'data-outcome'), 'thieu_so_lieu');
    assert.match(await page.innerText(tid('district-351-counts')), /1 xã có hồ sơ năm 2024/);
    const missing = await page.innerText(tid('district-351-missing'));
    assert.match(missing, /Chưa có hồ sơ năm 2024/);
    assert.match(missing, /Xã /);
    assert.doesNotMatch(missing, /Liêm Phong/);
    // The nine criteria have no indicators in the sources.
    assert.equal(await d.locator('.tong-hop-district-criteria li').count(), 9);
    assert.match(await d.locator('.tong-hop-district-criteria li').first().innerText(), /Chưa xác định[\s\S]*chưa có chỉ tiêu cụ thể/);

    // H.0.4 typed by the district: ≥ 90 % per QĐ 320.
    const h04 = '#district-351-input-H-0-4';
    await page.fill(h04, '92,5');
    await expectAttr(page, tid('district-351-H.0.4'), 'data-outcome', 'dat');
    assert.match(await page.innerText(tid('district-351-H.0.4')), /92,5 %/);
    await page.fill(h04, '89,9');
    await expectAttr(page, tid('district-351-H.0.4'), 'data-outcome', 'chua_dat');
    await page.fill(h04, '92.5');
    await expectAttr(page, tid('district-351-H.0.4'), 'data-outcome', 'dat');
    // Invalid text: an error beside the field, no value counted.
    await page.fill(h04, 'chín mươi');
    await expectAttr(page, tid('district-351-H.0.4'), 'data-outcome', 'thieu_so_lieu');
    assert.match(await page.innerText(tid('district-351-input-H-0-4-error')), /Không phải là số/, 'the kernel says why');
    await page.fill(h04, '120');
    assert.match(await page.innerText(tid('district-351-input-H-0-4-error')), /từ 0 đến 100/);
    await page.fill(h04, '89,9');
    await expectAttr(page, tid('district-351-H.0.4'), 'data-outcome', 'chua_dat');

    // H.0.5 (D12): the commune's overall satisfaction is in its dossier, yet nothing is decided
    // until the district answers for each item, with its document.
    const h05 = '#district-351-input-H-0-5';
    await expectAttr(page, tid('district-351-H.0.5'), 'data-outcome', 'thieu_so_lieu');
    assert.match(await d.locator('label[for="district-351-input-H-0-5"]').innerText(), /từng xã hài lòng từ 80 % trở lên với từng nội dung/);
    assert.match(await d.innerText(), /tỷ lệ hài lòng chung của xã không đủ/);
    await page.selectOption(h05, 'true');
    await expectAttr(page, tid('district-351-H.0.5'), 'data-outcome', 'dat');
    await page.fill('#district-351-input-H-0-5-evidence', 'Báo cáo số 12/BC-UBND ngày 10/11/2024');
    await page.waitForFunction((sel) => /Minh chứng: Báo cáo số 12\/BC-UBND ngày 10\/11\/2024/.test(document.querySelector(sel)?.textContent || ''), tid('district-351-H.0.5'));
    await page.selectOption(h05, 'false');
    await expectAttr(page, tid('district-351-H.0.5'), 'data-outcome', 'chua_dat');
    await screenshot(page, 'cons-charts-district', { fullPage: true });
    await page.locator('.tong-hop-charts').screenshot({ path: path.join(ARTIFACTS, 'cons-charts.png') });
    await d.screenshot({ path: path.join(ARTIFACTS, 'district-351.png') });
    await pl.screenshot({ path: path.join(ARTIFACTS, 'district-347-phu-luc-2.png') });

    // Printed after the table: both charts and the district results, without the input fields.
    await page.evaluate(() => { window.print = () => { window.__printed = (window.__printed || 0) + 1; }; });
    await page.click('#print-consolidated');
    await page.waitForFunction(() => window.__printed === 1);
    await page.emulateMedia({ media: 'print' });
    assert.ok(await page.locator(tid('consolidation-print')).isVisible(), 'the table is printed');
    assert.ok(await page.locator(tid('communes-by-level-canvas')).isVisible(), 'chart printed');
    assert.ok(await page.locator(tid('criteria-not-met-canvas')).isVisible(), 'chart printed');
    assert.ok(await d.isVisible(), 'district results printed');
    assert.ok(await page.locator(tid('district-351-H.0.4')).isVisible());
    assert.equal(await page.locator(h04).isVisible(), false, 'input fields are not printed');
    const pdf = await page.pdf({ preferCSSPageSize: true });
    assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
    await screenshot(page, 'cons-print-district', { fullPage: true });
    await page.emulateMedia({ media: 'screen' });

    // Kept across a reload.
    await reloadApp(page);
    await page.waitForSelector(tid('district-351'));
    assert.equal(await page.inputValue(h04), '89,9');
    await expectAttr(page, tid('district-351-H.0.4'), 'data-outcome', 'chua_dat');
    assert.equal(await page.inputValue('#district-351-input-H-0-5'), 'false');
    assert.equal(await page.inputValue('#district-351-input-H-0-5-evidence'), 'Báo cáo số 12/BC-UBND ngày 10/11/2024');
    await expectAttr(page, tid('district-351-H.0.5'), 'data-outcome', 'chua_dat');

    // Targets: T2 counts the consolidated dossiers of the year (4 in 2024), and says so.
    await openApp(page, '#/muc-tieu');
    await page.waitForSelector(tid('targets-table'));
    await page.selectOption('#targets-year', '2024');
    await page.waitForFunction(() => /bảng tổng hợp/.test(document.querySelector('[data-testid="t2-source"]')?.textContent || ''));
    assert.match(await page.innerText(tid('t2-source')), /Đếm từ 4 hồ sơ trong bảng tổng hợp/);
    await page.selectOption('#targets-year', '2025');
    await page.waitForFunction(() => /hồ sơ nháp trên máy này/.test(document.querySelector('[data-testid="t2-source"]')?.textContent || ''));
  });

  it('gives an input to every district indicator a province adds, and evaluates the criterion with it', async () => {
    const { page } = app;
    await importFolder(page, 'bo-tieu-chi-huyen-them-chi-tieu.json');
    const d = page.locator(tid('district-351'));
    await d.waitFor();
    // Criterion 1 now has two indicators (test values, not law): a percentage and a yes/no.
    await page.waitForSelector('#district-351-input-1-1');
    assert.match(await d.locator('label[for="district-351-input-1-1"]').innerText(), /1\.1 — Tỷ lệ xã có quy hoạch chung được duyệt \(%\)/);
    assert.match(await d.innerText(), /Yêu cầu: ≥ 100 %/);
    const tc1 = () => d.locator(tid('district-351-tc-1')).locator('[data-outcome]').getAttribute('data-outcome');
    assert.equal(await tc1(), 'chua_xac_dinh');
    await page.fill('#district-351-input-1-1', '100');
    await page.selectOption('#district-351-input-1-2', 'true');
    await page.waitForFunction(() => document.querySelector('[data-testid="district-351-tc-1"] [data-outcome]')?.dataset.outcome === 'dat');
    await page.fill('#district-351-input-1-1', '99,5');
    await page.waitForFunction(() => document.querySelector('[data-testid="district-351-tc-1"] [data-outcome]')?.dataset.outcome === 'chua_dat');
    // Criteria without indicators stay undetermined.
    assert.equal(await d.locator(tid('district-351-tc-2')).locator('[data-outcome]').getAttribute('data-outcome'), 'chua_xac_dinh');
    // Kept across a reload.
    await reloadApp(page);
    await page.waitForSelector('#district-351-input-1-1');
    assert.equal(await page.inputValue('#district-351-input-1-1'), '99,5');
    assert.equal(await page.inputValue('#district-351-input-1-2'), 'true');
  });
});

// The printed report: "In báo cáo" opens the print dialog, and the print stylesheet shows the
// report (commune, year, rules, each indicator with value and outcome) instead of the editor.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import {
  ARTIFACTS, createDraft, expectAttr, openApp, screenshot, tid, typeInto, useApp,
} from './harness.mjs';

const app = useApp();

describe('print report', () => {
  it('"In báo cáo" prints a report of the open draft', async () => {
    const { page } = app;
    // Headless Chromium has no print dialog; count the calls instead.
    await page.addInitScript(() => {
      window.__printed = 0;
      window.print = () => { window.__printed += 1; };
    });
    await openApp(page, '#/tu-danh-gia');
    await createDraft(page, '13306', '2024');
    await typeInto(page, tid('input-ntm_nang_cao-14.1'), '96,5', { leave: true });
    await page.selectOption(tid('input-ntm-1.1'), 'true');
    await expectAttr(page, tid('outcome-ntm_nang_cao-14.1'), 'data-outcome', 'dat');
    await page.waitForFunction((sel) => /Đã lưu/.test(document.querySelector(sel)?.textContent || ''), tid('save-status'))
      .catch(async () => assert.fail(`save-status never says saved: ${await page.textContent(tid('save-status'))}`));

    await page.click('#print-report');
    assert.equal(await page.evaluate(() => window.__printed), 1, 'window.print() was not called once');

    await page.emulateMedia({ media: 'print' });
    const report = page.locator('.print-report');
    assert.ok(await report.isVisible(), 'the report is not visible in print media');
    assert.equal(await page.locator(tid('editor-title')).isVisible(), false, 'the editor is printed too');
    assert.equal(await page.locator('#print-report').isVisible(), false, 'buttons are printed');
    const text = (await report.innerText()).replace(/\s+/g, ' ');
    assert.match(text, /Xã Phù Vân \(13306\)/);
    assert.match(text, /2024/);
    assert.match(text, /tw-xa-2021-2025/);
    const row = report.locator('tr', { has: page.locator('td.pr-code', { hasText: /^14\.1$/ }) });
    const rowTexts = (await row.allInnerTexts()).map((t) => t.replace(/\s+/g, ' '));
    assert.ok(rowTexts.some((t) => /96,5/.test(t) && /Đạt/.test(t)), `no printed 14.1 row with 96,5 and Đạt: ${rowTexts.join(' | ')}`);
    // Both facts of the rule are printed (D9): the value and the code, each partly verified.
    assert.ok(rowTexts.some((t) => /Ngưỡng: xác minh một phần; Mã chỉ tiêu: xác minh một phần/.test(t)), `14.1 basis: ${rowTexts.join(' | ')}`);
    await screenshot(page, 'print-report', { fullPage: false });
    const pdf = await page.pdf({ format: 'A4' });
    assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
    await fs.writeFile(path.join(ARTIFACTS, 'print-report.pdf'), pdf);
  });
});

// Only Vietnamese, only words a user knows: every page (each route of app/src/routes.rs) and every
// file the app writes for people is scanned for English words and internal ids that have crept in.
//
// What is scanned, and how:
// - pages: document.body.innerText, the document title, every <option>'s text and the title,
//   aria-label, placeholder and alt attributes; print views with print media emulated;
// - files for Excel (CSV with a BOM) and print: every cell, headers included (they are read by
//   people in Excel, so they are Vietnamese);
// - files for machines (JSON, CSV without a BOM): their keys, codes and headers are for programs
//   (documented in docs/dossier-format.md), so only their texts are scanned — a value with a space
//   in it is text for people; a single token ("ntm_nang_cao", "dat", "18.x") is a code.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  ROOT, createDraft, download, expectAttr, fixture, openApp, screenshot, tid, typeInto, useApp,
} from './harness.mjs';
import { parseCsv, parseRawCsv } from './csv.mjs';
import { nominatePhuVan } from './pages.mjs';

const app = useApp();

// The one list. Each entry: the pattern and why it must never reach a user.
const FORBIDDEN = [
  // English that crept into the rules files' names and notes.
  [/\bexistence\b/i, 'English doubt left in an indicator name'],
  [/\buncertain\b/i, 'English doubt left in an indicator name'],
  [/labour_force/, 'a rules-file field value in a note'],
  [/trained_labour/, 'a figures-file key in a note or message'],
  [/\bmeasure\./, 'a rules-file path in a note'],
  [/\bthreshold\b/i, 'the rules-file word for "ngưỡng"'],
  // Status codes of the rules files: people read "đã xác minh", "chưa xác minh" …
  [/\b(un)?verified\b/i, 'a status code instead of its label'],
  [/\bpartial\b/i, 'a status code instead of its label'],
  [/\bnot_found\b/, 'a status code instead of its label'],
  // Values a program forgot to turn into words.
  [/\btrue\b|\bfalse\b/, 'a yes/no value shown as the JSON word'],
  [/\bNaN\b/, 'a number that failed to compute'],
  [/\bundefined\b/, 'a JavaScript value leaking'],
  [/\bnull\b/, 'a JSON value leaking'],
  [/\bInfinity\b/, 'a division by zero leaking'],
  [/\[object Object\]/, 'a JavaScript object leaking'],
  [/\bError\b/, 'an English error (messages are "Lỗi …")'],
  [/\bSome\(|\bNone\b/, 'a Rust value leaking'],
  // Set ids (core/rules/ntm_*.json): people see the set titles.
  [/\bntm_nang_cao\b/, 'set id of "xã nông thôn mới nâng cao"'],
  [/\bntm_kieu_mau\b/, 'set id of "xã nông thôn mới kiểu mẫu"'],
  [/\bntm_co_ban\b/, 'set id (not in the rules today; guards a rename)'],
  [/\bdieu_kien_cong_nhan\b/, 'set id of the recognition conditions'],
  [/\bhuyen_ntm\b/, 'set id of "huyện nông thôn mới"'],
  // An indicator whose number in its criterion is unknown: shown as the criterion's number.
  [/\b18\.x\b/, 'placeholder indicator code'],
  // Any other snake_case word is an internal id (awards, groups, fields, outcomes …).
  [/\b[a-z0-9]+_[a-z0-9_]+\b/, 'an internal id (snake_case)'],
];

/** Every forbidden pattern found in `text`, as "why: …context…". */
function offences(text) {
  const found = [];
  for (const [re, why] of FORBIDDEN) {
    const g = new RegExp(re.source, re.flags.includes('g') ? re.flags : re.flags + 'g');
    for (const m of text.matchAll(g)) {
      const at = m.index;
      found.push(`${why}: “${text.slice(Math.max(0, at - 40), at + m[0].length + 40).replace(/\s+/g, ' ')}”`);
    }
  }
  return found;
}

// Offences of the current walk, by place: every page and file is scanned before the test fails,
// so one run lists them all.
let FOUND = [];

function assertClean(where, text) {
  for (const o of offences(text)) FOUND.push(`${where} — ${o}`);
}

/** What a user sees of the page: text, title, options and the attributes read aloud or shown. */
async function visibleText(page) {
  return page.evaluate(() => {
    const parts = [document.title, document.body.innerText];
    for (const el of document.querySelectorAll('[title], [aria-label], [placeholder], [alt]')) {
      for (const a of ['title', 'aria-label', 'placeholder', 'alt']) {
        const v = el.getAttribute(a);
        if (v) parts.push(v);
      }
    }
    for (const o of document.querySelectorAll('option')) parts.push(o.textContent);
    return parts.join('\n');
  });
}

async function scanPage(page, where) {
  assertClean(where, await visibleText(page));
}

/** A print view: print media emulated, the visible text scanned, screen media back. */
async function scanPrint(page, button, where) {
  await page.click(button);
  await page.emulateMedia({ media: 'print' });
  try {
    await scanPage(page, where);
    await screenshot(page, `tieng-viet-${where}`, { fullPage: true });
  } finally {
    await page.emulateMedia({ media: 'screen' });
  }
}

/** Texts for people inside a machine file: string values with a space (not keys, not codes). */
function jsonTexts(value, out = []) {
  if (typeof value === 'string') {
    // A record kept as JSON text (the backup holds storage as it is): its own texts count.
    if (/^\s*[[{]/.test(value)) {
      try {
        return jsonTexts(JSON.parse(value), out);
      } catch { /* text that only starts like JSON */ }
    }
    if (/\s/.test(value.trim())) out.push(value);
  } else if (Array.isArray(value)) value.forEach((v) => jsonTexts(v, out));
  else if (value && typeof value === 'object') Object.values(value).forEach((v) => jsonTexts(v, out));
  return out;
}

function scanJson(file) {
  assertClean(file.name, jsonTexts(JSON.parse(file.text)).join('\n'));
}

/** A CSV for Excel (BOM): every cell, headers included. */
function scanExcelCsv(file) {
  assert.deepEqual([...file.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], `${file.name} is not for Excel`);
  assertClean(file.name, parseCsv(file.text.slice(1)).flat().join('\n'));
}

/** A CSV for machines: its header is for programs; only cells with a space are text. */
function scanPlainCsv(file) {
  assert.notEqual(file.bytes[0], 0xef, `${file.name} has a BOM: it is for Excel`);
  const [, ...rows] = parseCsv(file.text);
  assertClean(file.name, rows.flat().filter((c) => /\s/.test(c.trim())).join('\n'));
}

/** The hashes of app/src/routes.rs, so a new page is walked without editing this test. */
function routeHashes() {
  const src = fs.readFileSync(path.join(ROOT, 'app', 'src', 'routes.rs'), 'utf8');
  const hashes = [...src.matchAll(/hash:\s*"(#\/[^"]+)"/g)].map((m) => m[1]);
  assert.ok(hashes.length >= 6, `routes.rs lists ${hashes.length} pages`);
  return hashes;
}

async function goto(page, hash) {
  await page.evaluate((h) => { location.hash = h; }, hash);
  await page.waitForFunction((h) => location.hash === h, hash);
  await page.waitForTimeout(300);
}

describe('tiếng Việt', () => {
  it('the list catches what it is meant to catch', () => {
    for (const bad of [
      'Tỷ lệ dân số (existence in NTM set uncertain)', '(measure.base = labour_force)', 'Ngưỡng: NaN',
      'Bộ ntm_nang_cao', 'Chỉ tiêu 18.x', 'Giá trị: true', 'bang_khen_tinh', 'Trạng thái: unverified',
    ]) assert.notDeepEqual(offences(bad), [], bad);
    for (const good of [
      'Chỉ tiêu 18 Tỷ lệ hộ sử dụng nước sạch', 'Mức yêu cầu ≥ 95 %', '17/19 tiêu chí', 'Đã xác minh',
      'Quyết định 318/QĐ-TTg', 'Lỗi: tệp không đọc được',
    ]) assert.deepEqual(offences(good), [], good);
  });

  it('every page and every file for people is in Vietnamese', async () => {
    const { page } = app;
    FOUND = [];
    // Headless Chromium has no print dialog.
    await page.addInitScript(() => { window.print = () => {}; });
    await openApp(page, '#/tu-danh-gia');
    await createDraft(page, '13306', '2024');
    await typeInto(page, tid('input-ntm_nang_cao-14.1'), '96,5', { leave: true });
    await typeInto(page, tid('input-ntm_nang_cao-18.x'), '60', { leave: true });
    await typeInto(page, tid('input-ntm-15.4'), '80', { leave: true });
    await page.selectOption(tid('input-ntm-1.1'), 'true');
    await expectAttr(page, tid('outcome-ntm_nang_cao-14.1'), 'data-outcome', 'dat');
    await page.waitForFunction((sel) => /Đã lưu/.test(document.querySelector(sel)?.textContent || ''), tid('save-status'));

    // Every page, with a draft open.
    for (const hash of routeHashes()) {
      await goto(page, hash);
      await scanPage(page, `page ${hash}`);
    }

    // Tự đánh giá: the dossier JSON, both CSVs, the printed report.
    await goto(page, '#/tu-danh-gia');
    await page.waitForSelector('#export-json');
    const dossier = await download(page, '#export-json');
    scanJson(dossier);
    scanExcelCsv(await download(page, '#export-csv-excel'));
    scanPlainCsv(await download(page, '#export-csv-plain'));
    await scanPrint(page, '#print-report', 'in-bao-cao-xa');

    // Mục tiêu: figures typed, the figures file, both printed reports.
    await goto(page, '#/muc-tieu');
    await typeInto(page, tid('fig-2020-poor_households'), '1000').catch(() => {});
    await typeInto(page, tid('fig-2025-health_insurance_pct'), '95,5').catch(() => {});
    await scanPage(page, 'page #/muc-tieu with figures');
    scanJson(await download(page, '#export-figures'));
    await scanPrint(page, '#print-so-ket', 'in-so-ket');
    await scanPrint(page, '#print-tong-ket', 'in-tong-ket');

    // Tổng hợp: the draft's own file imported, its detail, both CSVs, the printed table.
    await goto(page, '#/tong-hop');
    await page.setInputFiles('#import-many', { name: dossier.name, mimeType: 'application/json', buffer: dossier.bytes });
    await page.waitForSelector(tid('consolidation-row'));
    await page.locator(tid('consolidation-row')).first().click();
    await page.waitForSelector(tid('consolidation-detail'));
    await scanPage(page, 'page #/tong-hop with a dossier');
    const consolidated = await download(page, '#export-consolidated-csv');
    scanExcelCsv(consolidated);
    // "2/19" would become a date in Excel: it is written so that Excel keeps the text.
    const [head, first] = parseRawCsv(consolidated.text.slice(1));
    assert.match(first[head.indexOf('Số tiêu chí NTM đạt')], /^="\d+\/19"$/);
    scanPlainCsv(await download(page, '#export-consolidated-plain'));
    scanJson(await download(page, '#export-bundle'));
    await scanPrint(page, '#print-consolidated', 'in-tong-hop');

    // Khen thưởng: one commune nominated, the list for Excel, the register file, the print.
    await goto(page, '#/khen-thuong');
    await nominatePhuVan(page);
    await scanPage(page, 'page #/khen-thuong with a candidate');
    scanExcelCsv(await download(page, '#export-nominations-csv'));
    scanJson(await download(page, '#export-nominations-json'));
    await scanPrint(page, '#print-nominations', 'in-de-nghi');

    // Bộ tiêu chí and Dữ liệu trên máy: the rules file and the backup.
    await goto(page, '#/bo-tieu-chi');
    scanJson(await download(page, '#export-rules'));
    await goto(page, '#/du-lieu');
    scanJson(await download(page, '#backup-download'));
    assert.deepEqual(FOUND, [], `words a user does not know:\n${FOUND.join('\n')}`);
  });

  it('the commune list shows each official code; a figures file shows its latest year', async () => {
    const { page } = app;
    await openApp(page, '#/tu-danh-gia');
    const option = await page.locator('#new-commune option[value="13306"]').textContent();
    assert.match(option, /Xã Phù Vân.*13306/, option);

    await openApp(page, '#/muc-tieu');
    await page.selectOption('#targets-year', '2022');
    await page.setInputFiles('#import-figures', fixture('targets/so-lieu-duy-tien.json'));
    const ok = await page.waitForSelector(tid('figures-ok'));
    assert.match(await ok.innerText(), /năm 2020, 2025\)\. Đang xem kết quả năm 2025/);
    assert.equal(await page.inputValue('#targets-year'), '2025');
  });

  it('dates are typed and shown dd/mm/yyyy in an English browser too', async () => {
    const ctx = await app.browser.newContext({ locale: 'en-US', timezoneId: 'Asia/Ho_Chi_Minh', viewport: { width: 1366, height: 768 } });
    try {
      const page = await ctx.newPage();
      const errors = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(`${app.origin}/#/khen-thuong`);
      await page.waitForSelector('body[data-ready="1"]', { state: 'attached' });
      await page.waitForSelector('#kt-date');
      assert.equal(await page.getAttribute('#kt-date', 'type'), 'text', 'no browser date picker: it follows the system language');
      await typeInto(page, '#kt-date', '01/09/2025', { leave: true });
      await page.waitForFunction(() => /152\/2025/.test(document.querySelector('[data-testid="regime-name"]')?.textContent || ''));
      // Not a day that exists: said under the field, naming it; the date kept is unchanged.
      await page.fill('#kt-date', '31/02/2025');
      await page.locator('#kt-date').blur();
      const err = await page.waitForSelector(tid('kt-date-error'));
      assert.match(await err.innerText(), /Ngày quyết định khen thưởng: “31\/02\/2025” không phải ngày/);
      assert.equal(await page.getAttribute('#kt-date', 'aria-invalid'), 'true');
      assert.match(await page.textContent(tid('regime-name')), /152\/2025/);
      // Typed another way, written back the one way.
      await typeInto(page, '#kt-date', '1-10-2024', { leave: true });
      await page.waitForFunction(() => document.querySelector('#kt-date').value === '01/10/2024');
      assert.equal(await page.locator(tid('kt-date-error')).count(), 0);
      await screenshot(page, 'tieng-viet-date-en-US');

      // The registered-target form: typed dd/mm/yyyy; a day that does not exist is refused
      // naming the field, and nothing is added.
      await page.goto(`${app.origin}/#/muc-tieu`);
      await page.waitForSelector('#reg-deadline');
      await page.fill('#reg-name', 'Cứng hóa đường trục xã');
      await page.fill('#reg-target', '12,5');
      await typeInto(page, '#reg-deadline', '31/06/2025', { leave: true });
      await page.click('#reg-save');
      const refused = await page.locator('#reg-deadline-error').innerText();
      assert.match(refused, /Hạn hoàn thành: “31\/06\/2025” không phải ngày/);
      assert.equal(await page.locator(tid('registered-item')).count(), 0);
      assert.equal(await page.inputValue('#reg-deadline'), '31/06/2025', 'the typed text is kept');
      await screenshot(page, 'tieng-viet-date-refused-en-US', { fullPage: true });
      await typeInto(page, '#reg-deadline', '30/06/2025', { leave: true });
      await page.click('#reg-save');
      await page.locator(tid('registered-item')).first().waitFor();
      assert.match(await page.locator(tid('registered-item')).innerText(), /30\/06\/2025/);
      assert.deepEqual(errors, []);
    } finally {
      await ctx.close();
    }
  });

  it('Ctrl+P on Tổng hợp prints the table under its official header', async () => {
    const { page } = app;
    await openApp(page, '#/tong-hop');
    await page.setInputFiles('#import-many', fixture('ho-so-hop-le.json'));
    await page.waitForSelector(tid('consolidation-row'));
    // No click on "In bảng tổng hợp": the browser's own print command.
    await page.emulateMedia({ media: 'print' });
    const printed = page.locator(tid('consolidation-print'));
    await printed.waitFor({ state: 'visible' });
    const first = (await page.evaluate(() => document.body.innerText)).trim().split('\n')[0];
    assert.equal(first, 'ỦY BAN NHÂN DÂN TỈNH HÀ NAM', 'the official header is the first thing on paper');
    const text = await printed.innerText();
    assert.match(text, /ỦY BAN NHÂN DÂN TỈNH HÀ NAM/);
    assert.match(text, /BẢNG TỔNG HỢP KẾT QUẢ TỰ ĐÁNH GIÁ/);
    assert.match(text, /Phù Vân/);
    await screenshot(page, 'tieng-viet-ctrl-p-tong-hop', { fullPage: true });
  });

  for (const [width, height] of [[1366, 768], [390, 844]]) {
    it(`the sticky toolbar is opaque and hides no focused field (${width}×${height})`, async () => {
      const { page } = app;
      await page.setViewportSize({ width, height });
      await openApp(page, '#/tu-danh-gia');
      await createDraft(page, '13306', '2024');
      const bar = page.locator('.toolbar').first();
      const bg = await bar.evaluate((el) => getComputedStyle(el).backgroundColor);
      assert.match(bg, /^rgb\(/, `toolbar background ${bg} is not opaque`);
      // Put a field just under the bar (in the viewport, so the browser need not scroll), then
      // reach it with Tab from the element before it.
      const field = tid('input-ntm_nang_cao-14.1');
      // On a phone the criteria start closed: open them all first.
      if (width <= 600) await page.getByRole('button', { name: 'Mở rộng tất cả tiêu chí' }).click();
      await page.locator(field).evaluate((el) => {
        const focusable = [...document.querySelectorAll('a[href], button, input, select, textarea, summary, [tabindex]:not([tabindex="-1"])')]
          .filter((x) => !x.disabled && x.getClientRects().length > 0);
        const prev = focusable[focusable.indexOf(el) - 1];
        prev.focus({ preventScroll: true });
        window.scrollBy(0, el.getBoundingClientRect().top - 10);
      });
      await page.keyboard.press('Tab');
      await page.waitForTimeout(300);
      const focused = await page.evaluate(() => {
        const el = document.activeElement;
        const r = el.getBoundingClientRect();
        const bars = [...document.querySelectorAll('.toolbar')]
          .filter((b) => getComputedStyle(b).position === 'sticky')
          .map((b) => b.getBoundingClientRect())
          .filter((b) => b.top <= 0.5 && b.bottom > 0);
        const covered = bars.some((b) => r.top < b.bottom - 0.5);
        return { id: el.dataset.testid || el.id || el.tagName, top: r.top, covered, barBottom: bars.map((b) => b.bottom) };
      });
      assert.equal(focused.id, 'input-ntm_nang_cao-14.1', 'Tab reached the field');
      assert.equal(focused.covered, false, `the focused field is under the toolbar: ${JSON.stringify(focused)}`);
      await screenshot(page, `tieng-viet-toolbar-${width}x${height}`);
    });
  }
});

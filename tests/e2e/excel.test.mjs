// Excel workbooks (.xlsx): the commune workbook downloaded from Tự đánh giá is a real xlsx, the
// Excel module is fetched only when a button asks for it, a workbook filled in (its sheet XML
// edited, as Excel would save it) comes back as a new draft, and a bad cell is named by its sheet
// and address with nothing saved changed; another page's workbook downloads too.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import JSZip from 'jszip';
import { createDraft, download, draftCount, gotoDrafts, openApp, screenshot, tid, typeInto, useApp } from './harness.mjs';

const app = useApp();
const IN = (set, code) => tid(`input-${set}-${code}`);

/** Resources the page itself fetched whose URL names the Excel module. */
async function excelFetches(page) {
  return page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .map((e) => e.name)
      .filter((n) => n.includes('ntm_excel')),
  );
}

async function workbook(bytes) {
  assert.equal(bytes.subarray(0, 2).toString('latin1'), 'PK', 'an xlsx is a zip');
  const zip = await JSZip.loadAsync(bytes);
  assert.ok(zip.file('xl/workbook.xml'), 'the zip has xl/workbook.xml');
  return zip;
}

/** The sheet XML of the sheet named `name`. */
async function sheetXml(zip, name) {
  const wb = await zip.file('xl/workbook.xml').async('string');
  const sheets = [...wb.matchAll(/<sheet name="([^"]+)" sheetId="(\d+)"/g)].map((m) => m[1]);
  const i = sheets.indexOf(name);
  assert.ok(i >= 0, `no sheet ${name} in ${sheets}`);
  const path = `xl/worksheets/sheet${i + 1}.xml`;
  return { path, xml: await zip.file(path).async('string') };
}

/** The workbook with the number `from` of sheet "Tự đánh giá" replaced by `to` (as Excel saves it). */
async function edited(bytes, from, to) {
  const zip = await JSZip.loadAsync(bytes);
  const { path, xml } = await sheetXml(zip, 'Tự đánh giá');
  const cell = new RegExp(`<c r="([A-Z]+\\d+)"([^>]*)><v>${from.replace('.', '\\.')}</v></c>`);
  const m = xml.match(cell);
  assert.ok(m, `no cell holding ${from}`);
  zip.file(path, xml.replace(cell, `<c r="$1"$2><v>${to}</v></c>`));
  return { bytes: await zip.generateAsync({ type: 'nodebuffer' }), address: m[1] };
}

async function importXlsx(page, name, buffer) {
  await gotoDrafts(page);
  await page.setInputFiles('#import-xlsx', {
    name,
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer,
  });
}

describe('Excel workbooks', () => {
  it('the commune workbook is downloaded on demand, filled in and imported back', async () => {
    const { page } = app;
    await openApp(page, '#/tu-danh-gia');
    await createDraft(page, '13306', '2024');
    await typeInto(page, IN('ntm', '17.1'), '93,25', { leave: true });
    await page.selectOption(IN('ntm', '1.1'), 'true');
    assert.deepEqual(await excelFetches(page), [], 'the Excel module is not part of the first load');

    const xlsx = await download(page, '#export-xlsx');
    assert.equal(xlsx.name, 'ho-so-13306-2024.xlsx');
    const zip = await workbook(xlsx.bytes);
    assert.ok((await excelFetches(page)).some((n) => n.endsWith('.wasm')), 'the module was fetched when asked');
    const { xml } = await sheetXml(zip, 'Tự đánh giá');
    assert.match(xml, /<v>93\.25<\/v>/, 'the percent is a number cell');
    assert.match(xml, /<pane ySplit="6"/, 'the header row is frozen');
    await sheetXml(zip, 'Căn cứ');
    const strings = await zip.file('xl/sharedStrings.xml').async('string');
    assert.match(strings, /Xã Phù Vân/);
    assert.match(strings, /Tình trạng ngưỡng/);

    // Filled in Excel: 93,25 % becomes 97,75 %; imported, it is a new draft with that value.
    const before = await draftCount(page);
    const good = await edited(xlsx.bytes, '93.25', '97.75');
    await importXlsx(page, 'ho-so-13306-2024.xlsx', good.bytes);
    await page.waitForSelector(tid('import-ok'));
    assert.equal(await draftCount(page), before + 1);
    // The first draft is kept as it is; the imported one is saved beside it ("nhập 2").
    assert.match(await page.locator(tid('import-ok')).textContent(), /nhập 2/);
    // The imported draft is open at once, showing its own value, not the text typed in the first.
    await page
      .waitForFunction((sel) => document.querySelector(sel)?.value === '97,75', IN('ntm', '17.1'))
      .catch(async (e) => {
        const v = await page.inputValue(IN('ntm', '17.1')).catch(() => '(none)');
        const title = await page.locator(tid('editor-title')).textContent().catch(() => '(none)');
        const ok = await page.locator(tid('import-ok')).textContent().catch(() => '(none)');
        throw new Error(`17.1 shows ${v} in ${title}; ${ok}; ${e.message}`);
      });
    await screenshot(page, 'excel-imported');

    // A percent over 100: named by sheet and cell; nothing saved changes.
    const count = await draftCount(page);
    const bad = await edited(xlsx.bytes, '93.25', '120');
    await importXlsx(page, 'hong.xlsx', bad.bytes);
    const err = page.locator(tid('import-error'));
    await err.waitFor();
    const text = await err.textContent();
    assert.ok(text.includes(`Trang Tự đánh giá, ô ${bad.address}:`), text);
    assert.match(text, /100/);
    assert.equal(await draftCount(page), count);
    await err.scrollIntoViewIfNeeded();
    await screenshot(page, 'excel-import-error');
  });

  it('the targets workbook downloads from Mục tiêu', async () => {
    const { page } = app;
    await openApp(page, '#/muc-tieu');
    assert.deepEqual(await excelFetches(page), []);
    const xlsx = await download(page, '#export-targets-xlsx');
    assert.match(xlsx.name, /^muc-tieu-\d{4}\.xlsx$/);
    const zip = await workbook(xlsx.bytes);
    await sheetXml(zip, 'Mục tiêu');
    await sheetXml(zip, 'Số liệu theo năm');
    const strings = await zip.file('xl/sharedStrings.xml').async('string');
    assert.match(strings, /T9/);
  });
});

// Hostile files: a nomination register whose names carry HTML/script payloads, spreadsheet
// formulas and decomposed (NFD) Vietnamese. Texts are shown as text, nothing runs, CSV cells
// that look like formulas are neutralised, and names are NFC once imported.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { download, fixture, openApp, screenshot, tid, useApp } from './harness.mjs';
import { parseCsv } from './csv.mjs';

const app = useApp();

describe('hostile input', () => {
  it('a register with script, formula and NFD names: shown as text, CSV neutralised, names NFC', async () => {
    const { page } = app;
    await openApp(page, '#/khen-thuong');
    await page.waitForSelector('#import-nominations', { state: 'attached' });
    await page.setInputFiles('#import-nominations', fixture('danh-sach-doc-hai.json'));
    // An empty register is replaced at once; a non-empty one asks first.
    await page.waitForSelector(`${tid('kt-file-ok')}, dialog[open] ${tid('kt-replace-confirm')}`);
    const confirm = page.locator(`dialog[open] ${tid('kt-replace-confirm')}`);
    if (await confirm.count()) await confirm.click();
    await page.waitForSelector(tid('kt-file-ok'));
    await page.waitForSelector(tid('candidate-row'));

    const table = await page.innerText(tid('candidate-table'));
    assert.match(table, /<img src=x onerror="window.__xss=1">Ông Nguyễn Văn A/, 'the name is shown as typed');
    assert.match(table, /=HYPERLINK\("http:\/\/x","y"\)/);
    assert.equal(await page.locator('img[src="x"], iframe, main script').count(), 0, 'no element was made from a file');
    assert.equal(await page.evaluate(() => window.__xss), undefined, 'script from a file ran');

    // Names arrive in NFC (“Hoà” typed with combining marks on another machine).
    const json = JSON.parse((await download(page, '#export-nominations-json')).text.replace(/^\uFEFF/, ''));
    const hoa = json.candidates[2].name;
    assert.equal(hoa, hoa.normalize('NFC'));
    assert.equal(hoa, 'Bà Lê Thị Hoà'.normalize('NFC'));

    // Excel would run these cells: a leading apostrophe keeps them text.
    const csv = await download(page, '#export-nominations-csv');
    assert.equal(csv.bytes.subarray(0, 3).toString('hex'), 'efbbbf');
    const rows = parseCsv(csv.text.slice(1));
    assert.equal(rows[2][1], `'=HYPERLINK("http://x","y")`);
    assert.equal(rows[2][4], "'+1 đóng góp");
    assert.equal(rows[1][1], '<img src=x onerror="window.__xss=1">Ông Nguyễn Văn A');
    const models = parseCsv((await download(page, '#export-models-csv')).text.slice(1));
    assert.equal(models[1][2], `'=HYPERLINK("http://x","y")`);
    assert.equal(models[1][3], "'@SUM(1)");
    await screenshot(page, 'hostile-register');
    assert.equal(await page.evaluate(() => window.__xss), undefined);
  });
});

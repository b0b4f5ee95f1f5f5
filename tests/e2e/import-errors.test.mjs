// (f) Bad files are refused with a Vietnamese message naming the file and the problem, and the
// drafts already there (how many, and their values) do not change. Files that are only odd are
// not refused: a commune name written another way (a note), another name (a warning showing
// both), values under indicator codes the rules in use do not have (kept, listed, exported).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {
  ARTIFACTS, createDraft, download, draftCount, expectAttr, fixture, gotoDrafts, openApp, openDraft, readFixture,
  screenshot, tid, typeInto, useApp,
} from './harness.mjs';
import { parseCsv } from './csv.mjs';

const app = useApp();
const IN = (set, code) => tid(`input-${set}-${code}`);

export const BAD_FILES = [
  // [fixture, what the message must say besides the file name]
  ['ho-so-hong.json', /JSON/],
  ['sai-dinh-dang.json', /format|định dạng|không phải hồ sơ/i],
  ['xa-khong-ton-tai.json', /99999/],
  ['ty-le-120.json', /120/],
  ['rong.json', /Tệp rỗng/],
  ['rong-khoang-trang.json', /Tệp rỗng/],
];

describe('importing bad files', () => {
  it('each bad file is refused, named, explained, and changes nothing', async () => {
    const { page } = app;
    await openApp(page, '#/tu-danh-gia');
    await createDraft(page, '13306', '2024');
    await typeInto(page, IN('ntm_nang_cao', '14.1'), '94,99', { leave: true });
    await page.selectOption(IN('ntm', '1.1'), 'true');
    await typeInto(page, tid('evidence-ntm-1.1'), 'Căn cứ gốc', { leave: true });
    await expectAttr(page, tid('outcome-ntm_nang_cao-14.1'), 'data-outcome', 'chua_dat');
    await gotoDrafts(page);
    const count = await draftCount(page);
    assert.equal(count, 1);

    for (const [name, problem] of BAD_FILES) {
      await gotoDrafts(page);
      await page.setInputFiles('#import-dossier', fixture(name));
      const err = page.locator(tid('import-error'));
      await page.waitForFunction(
        ({ sel, name }) => (document.querySelector(sel)?.textContent || '').includes(name),
        { sel: tid('import-error'), name },
      ).catch(async () => {
        assert.fail(`no import-error naming ${name}; shown: ${await err.textContent().catch(() => '(none)')}`);
      });
      assert.equal(await err.getAttribute('role'), 'alert');
      const text = (await err.textContent()) || '';
      assert.match(text, problem, `${name}: message does not say what is wrong: ${text}`);
      // Vietnamese: at least one letter with a Vietnamese diacritic.
      assert.match(text, /[àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]/i, `${name}: message is not in Vietnamese: ${text}`);
      assert.equal(await page.locator(tid('import-ok')).count(), 0, `${name}: import-ok shown for a refused file`);
      assert.equal(await draftCount(page), count, `${name}: the number of drafts changed`);
      await screenshot(page, `f-refused-${name}`);
    }
    assert.equal(await page.evaluate(() => window.__xss), undefined, 'script from a file ran');
    assert.equal(await page.locator('img[src="x"]').count(), 0, 'markup from a file was inserted as HTML');

    await openDraft(page, '13306', '2024');
    assert.equal(await page.inputValue(IN('ntm_nang_cao', '14.1')), '94,99');
    assert.equal(await page.inputValue(IN('ntm', '1.1')), 'true');
    assert.equal(await page.inputValue(tid('evidence-ntm-1.1')), 'Căn cứ gốc');
    await expectAttr(page, tid('outcome-ntm_nang_cao-14.1'), 'data-outcome', 'chua_dat');
  });

  it('markup inside an accepted file is shown as text, never run', async () => {
    const { page } = app;
    await openApp(page, '#/tu-danh-gia');
    await page.setInputFiles('#import-dossier', fixture('ho-so-xss-can-cu.json'));
    await page.waitForSelector(`${tid('import-ok')}, ${tid('import-error')}`);
    assert.equal(await page.locator(tid('import-error')).count(), 0, 'a valid file with odd text was refused');
    await openDraft(page, '13306', '2023');
    assert.equal(
      await page.inputValue(tid('evidence-ntm-1.1')),
      '<img src=x onerror="window.__xss=2"><script>window.__xss=3</script>',
    );
    assert.match(await page.inputValue(tid('cond-outstanding_fields')), /<b onmouseover="window.__xss=4">Văn hóa<\/b>/);
    // Print view and summary render the same text; nothing may run anywhere.
    await page.hover(tid('cond-outstanding_fields'));
    assert.equal(await page.evaluate(() => window.__xss), undefined, 'script from a file ran');
    assert.equal(await page.locator('img[src="x"], b[onmouseover]').count(), 0, 'markup from a file was inserted as HTML');
    await screenshot(page, 'f-xss-as-text');
  });

  it('another commune name is accepted, with a warning quoting both names as text', async () => {
    const { page } = app;
    await openApp(page, '#/tu-danh-gia');
    await page.setInputFiles('#import-dossier', fixture('ten-xa-xss.json'));
    await page.waitForSelector(`${tid('import-ok')}, ${tid('import-error')}`);
    assert.equal(await page.locator(tid('import-error')).count(), 0, 'a file with another commune name was refused');
    const remarks = await page.innerText(tid('import-remarks'));
    assert.match(remarks, /Tên xã trong tệp là “<img src=x onerror="window\.__xss=1">”, nhưng mã 13306 .* là “Xã Phù Vân” \(không có chữ nào giống tên trong danh mục\)/);
    // The open draft says it too, for as long as the name stays.
    assert.match(await page.innerText(tid('name-warning')), /“Xã Phù Vân”/);
    assert.equal(await page.evaluate(() => window.__xss), undefined, 'script from a file ran');
    assert.equal(await page.locator('img[src="x"]').count(), 0, 'markup from a file was inserted as HTML');
    await page.locator(tid('import-remarks')).screenshot({ path: path.join(ARTIFACTS, 'f-name-warning-import.png') });
    await page.locator(tid('name-warning')).screenshot({ path: path.join(ARTIFACTS, 'f-name-warning-editor.png') });
  });

  it('a commune name written another way is accepted with a note and the official spelling', async () => {
    const { page } = app;
    await openApp(page, '#/tu-danh-gia');
    await page.setInputFiles('#import-dossier', fixture('ho-so-ten-viet-khac.json'));
    await page.waitForSelector(tid('import-ok'));
    assert.match(
      await page.innerText(tid('import-remarks')),
      /Tên xã trong tệp “xã␣␣phù vân” được đọc là “Xã Phù Vân” \(mã 13306\): chỉ khác khoảng trắng, chữ hoa\/thường\./,
    );
    assert.match(await page.innerText(tid('editor-title')), /^Xã Phù Vân — năm 2024/);
    assert.equal(await page.locator(tid('name-warning')).count(), 0, 'no lasting warning for the same name');
    await page.locator(tid('import-remarks')).screenshot({ path: path.join(ARTIFACTS, 'f-name-note.png') });
  });

  it('values under codes the rules do not have are kept, listed, never counted, and exported', async () => {
    const { page } = app;
    await openApp(page, '#/tu-danh-gia');
    await page.setInputFiles('#import-dossier', fixture('ho-so-chi-tieu-tinh.json'));
    await page.waitForSelector(`${tid('import-ok')}, ${tid('import-error')}`);
    assert.equal(await page.locator(tid('import-error')).count(), 0, 'unknown codes refused the file');
    assert.match(
      await page.innerText(tid('import-remarks')),
      /3 chỉ tiêu không có trong bộ tiêu chí đang dùng — nạp bộ tiêu chí của tỉnh để đánh giá: “HN\.1” \(bộ “ha_nam_bo_sung”\), “HN\.2” \(bộ “ha_nam_bo_sung”\), “19\.9”/,
    );
    // The draft lists them with their values and evidence.
    const kept = page.locator(tid('kept-values'));
    assert.match(await kept.innerText(), /chỉ tiêu không có trong bộ tiêu chí đang dùng — nạp bộ tiêu chí của tỉnh/);
    const row = (code) => kept.locator(`${tid('kept-row')}[data-code="${code}"]`);
    assert.equal(await kept.locator(tid('kept-row')).count(), 3);
    assert.match(await row('HN.1').innerText(), /bộ “ha_nam_bo_sung”\s+HN\.1\s+94,99\s+Báo cáo số 12\/BC-UBND/);
    assert.match(await row('HN.2').innerText(), /\tcó\t/);
    assert.match(await row('19.9').innerText(), /Bộ tiêu chí quốc gia về xã nông thôn mới.*\t19\.9\tkhông\t/s);
    await kept.screenshot({ path: path.join(ARTIFACTS, 'f-kept-values-panel.png') });
    await page.locator(tid('import-remarks')).screenshot({ path: path.join(ARTIFACTS, 'f-kept-values-import.png') });
    // Never counted: the known indicators are those of the file, judged as usual.
    await expectAttr(page, tid('outcome-ntm_nang_cao-14.3'), 'data-outcome', 'chua_dat');

    // Exported again with the dossier, unchanged.
    const source = JSON.parse(await readFixture('ho-so-chi-tieu-tinh.json'));
    const json = JSON.parse((await download(page, '#export-json')).text);
    assert.deepEqual(json.values, source.values);
    assert.deepEqual(json.evidence, source.evidence);
    const excel = parseCsv((await download(page, '#export-csv-excel')).text.replace(/^\uFEFF/, ''));
    const hn1 = excel.find((r) => r[2] === 'HN.1');
    assert.ok(hn1, 'the Excel CSV lists the kept value');
    assert.deepEqual([hn1[0], hn1[5], hn1[6]], ['bộ “ha_nam_bo_sung”', '94,99', 'Không đánh giá']);
    const plain = (await download(page, '#export-csv-plain')).text;
    assert.match(plain, /^13306,2024,ntm,,19\.9,,,false,khong_danh_gia,,,$/m);

    // Once rules that have 19.9 are loaded, its value is evaluated; the others stay kept.
    await page.getByRole('link', { name: 'Bộ tiêu chí', exact: true }).first().click();
    await page.setInputFiles('#import-rules', fixture('bo-tieu-chi-tinh-19-9.json'));
    await page.waitForFunction(() => /kiem-thu-tinh-19-9/.test(document.querySelector('[data-testid="active-rules"]')?.textContent || ''));
    await page.getByRole('link', { name: 'Tự đánh giá', exact: true }).first().click();
    await expectAttr(page, tid('outcome-ntm-19.9'), 'data-outcome', 'chua_dat');
    assert.equal(await page.inputValue(IN('ntm', '19.9')), 'false');
    assert.equal(await page.locator(tid('kept-row')).count(), 2);
    assert.equal(await page.locator(`${tid('kept-row')}[data-code="19.9"]`).count(), 0);
    // The file is the same whichever rules read it.
    const again = JSON.parse((await download(page, '#export-json')).text);
    assert.deepEqual(again.values, source.values);
  });
});

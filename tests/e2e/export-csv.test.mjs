// (e) CSV exports: for Excel (UTF-8 BOM, Vietnamese headers and labels) and plain (codes, no BOM).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createDraft, download, expectAttr, openApp, screenshot, tid, typeInto, useApp } from './harness.mjs';
import { parseCsv } from './csv.mjs';

const app = useApp();
const IN = (set, code) => tid(`input-${set}-${code}`);

/** Rows of the Excel CSV as objects keyed by the Vietnamese header. */
function excelRows(bytes) {
  const rows = parseCsv(bytes.subarray(3).toString('utf8'));
  const [header, ...rest] = rows;
  return { header, rows: rest.filter((r) => r.length > 1).map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]]))) };
}

function plainRows(bytes) {
  const [header, ...rest] = parseCsv(bytes.toString('utf8'));
  return { header, rows: rest.filter((r) => r.length > 1).map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]]))) };
}

describe('CSV exports', () => {
  for (const [typed, label, code] of [
    ['96,5', 'Đạt', 'dat'],
    ['94.99', 'Chưa đạt', 'chua_dat'],
  ]) {
    it(`14.1 = ${typed} is exported as "${label}" / ${code}`, async () => {
      const { page } = app;
      await openApp(page, '#/tu-danh-gia');
      await createDraft(page, '13306', '2024');
      await typeInto(page, IN('ntm_nang_cao', '14.1'), typed, { leave: true });
      await page.selectOption(IN('ntm', '1.1'), 'true');
      await expectAttr(page, tid('outcome-ntm_nang_cao-14.1'), 'data-outcome', code);

      const excel = await download(page, '#export-csv-excel');
      assert.equal(excel.name, 'ho-so-13306-2024.csv');
      assert.deepEqual([...excel.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'Excel CSV must start with a UTF-8 BOM');
      const { header, rows } = excelRows(excel.bytes);
      for (const h of ['Tiêu chí', 'Chỉ tiêu', 'Mức yêu cầu', 'Giá trị', 'Kết quả', 'Căn cứ']) {
        assert.ok(header.includes(h), `Excel header lacks "${h}": ${header.join(' | ')}`);
      }
      const codeCol = header.find((h) => /^Mã/.test(h));
      assert.ok(codeCol, `no indicator-code column in ${header.join(' | ')}`);
      const setCol = header.find((h) => /Bộ tiêu chí/.test(h));
      const r141 = rows.filter((r) => r[codeCol] === '14.1' && (!setCol || /nâng cao/i.test(r[setCol])));
      assert.equal(r141.length, 1, 'one row for nâng cao 14.1');
      assert.equal(r141[0]['Kết quả'], label);
      assert.match(r141[0]['Giá trị'], new RegExp(typed.replace('.', ',').replace(',', '[,.]')));
      assert.match(r141[0]['Mức yêu cầu'], /95/);
      const r11 = rows.find((r) => r[codeCol] === '1.1' && (!setCol || !/nâng cao|kiểu mẫu/i.test(r[setCol])));
      assert.ok(r11, 'no row for ntm 1.1');
      assert.equal(r11['Kết quả'], 'Đạt');
      // Every indicator of the 19 ntm criteria is listed, entered or not.
      const ntmCriteria = new Set(rows.filter((r) => !setCol || /xã nông thôn mới giai/i.test(r[setCol])).map((r) => r['Tiêu chí']));
      assert.ok(ntmCriteria.size >= 19, `expected the 19 ntm criteria, got ${ntmCriteria.size}`);

      const plain = await download(page, '#export-csv-plain');
      assert.equal(plain.name, 'ho-so-13306-2024-may.csv');
      assert.notDeepEqual([...plain.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'plain CSV must not have a BOM');
      const p = plainRows(plain.bytes);
      for (const h of ['set', 'code', 'value', 'outcome']) assert.ok(p.header.includes(h), `plain header lacks ${h}`);
      const p141 = p.rows.find((r) => r.set === 'ntm_nang_cao' && r.code === '14.1');
      assert.ok(p141, 'plain CSV has no ntm_nang_cao 14.1 row');
      assert.equal(p141.outcome, code);
      assert.equal(p141.value, typed.replace(',', '.'));
      const p11 = p.rows.find((r) => r.set === 'ntm' && r.code === '1.1');
      assert.equal(p11?.outcome, 'dat');
      assert.equal(p11?.value, 'true');
      const outcomes = new Set(p.rows.map((r) => r.outcome));
      for (const o of outcomes) assert.match(o, /^(dat|chua_dat|thieu_so_lieu|thieu_nguong)$/, `plain outcome "${o}" is not a code`);
      await screenshot(page, `e-csv-${code}`);
    });
  }
});

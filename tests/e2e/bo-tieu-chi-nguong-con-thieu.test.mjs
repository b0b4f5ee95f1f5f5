// "Ngưỡng còn thiếu" on Bộ tiêu chí: every indicator without a threshold for the chosen year in one
// form; values read by the input kernel; refusals name the row and the field and save nothing;
// saved thresholds leave the list, survive a reload, and are exported in the rules file with
// their document, date, article and the status they earned.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  download, expectAttr, openApp, reloadApp, ROOT, screenshot, tid, useApp,
} from './harness.mjs';

const app = useApp();
const row = (set, code) => `mt-${set}-${code.replace(/[^A-Za-z0-9]/g, '_')}`;
const field = (set, code, f) => `#${row(set, code)}-${f}`;

async function count(page) {
  const t = (await page.textContent(tid('missing-count'))) || '';
  return Number(t.match(/^(\d+)/)?.[1]);
}

/** The indicators of the built-in data without a number for `year` (what the form must list). */
function builtInMissing(year) {
  const out = [];
  for (const f of ['ntm_xa_2021_2025.json', 'ntm_huyen_2021_2025.json']) {
    const data = JSON.parse(fs.readFileSync(path.join(ROOT, 'core', 'rules', f), 'utf8'));
    for (const set of data.sets) {
      for (const crit of set.criteria) {
        for (const ind of crit.indicators) {
          const t = ind.threshold;
          const none = t === null || t === undefined || (typeof t === 'object' && !t.relative && (t[year] ?? null) === null);
          if (none) out.push(`${set.id} ${ind.code}`);
        }
      }
    }
  }
  return out;
}

function builtIn(code) {
  const data = JSON.parse(fs.readFileSync(path.join(ROOT, 'core', 'rules', 'ntm_xa_2021_2025.json'), 'utf8'));
  return data.sets.find((s) => s.id === 'ntm').criteria.flatMap((c) => c.indicators).find((i) => i.code === code);
}

describe('Ngưỡng còn thiếu', () => {
  it('lists, refuses with row and field named, saves, exports with sources and statuses', async () => {
    const { page } = app;
    await openApp(page, '#/bo-tieu-chi');
    await page.selectOption('#missing-year', '2024');
    const expected = builtInMissing(2024);
    assert.equal(await count(page), expected.length);
    for (const key of expected) {
      const [set, code] = key.split(' ');
      assert.equal(await page.locator(tid(`missing-row-${set}-${code}`)).count(), 1, `row ${key}`);
    }
    // A rule with its number (1.1: yes/no, required) is not listed.
    assert.equal(await page.locator(tid('missing-row-ntm-1.1')).count(), 0);

    // 2.1: complete → verified. 17.4: no date → unverified. 2.2: 120 % refused. 10: bad date.
    await page.fill(field('ntm', '2.1', 'value'), '95,5');
    await page.fill(field('ntm', '2.1', 'doc'), 'Quyết định 12/2024/QĐ-UBND');
    await page.fill(field('ntm', '2.1', 'date'), '01/03/2024');
    await page.fill(field('ntm', '2.1', 'annex'), 'Điều 2');
    assert.match(await page.textContent(tid(`${row('ntm', '2.1')}-status`)), /Khi lưu: đã xác minh — có số hiệu và ngày ban hành/);
    await page.fill(field('ntm', '17.4', 'value'), '2,5');
    await page.fill(field('ntm', '17.4', 'doc'), 'Quyết định 12/2024/QĐ-UBND');
    assert.match(await page.textContent(tid(`${row('ntm', '17.4')}-status`)), /Khi lưu: chưa xác minh — chưa ghi ngày ban hành/);
    await page.fill(field('ntm', '2.2', 'value'), '120');
    await page.fill(field('ntm', '2.2', 'doc'), 'Quyết định 12/2024/QĐ-UBND');
    await page.fill(field('ntm', '10', 'value'), '58.000.000');
    await page.fill(field('ntm', '10', 'doc'), 'Quyết định 12/2024/QĐ-UBND');
    await page.fill(field('ntm', '10', 'date'), '31/02/2024');
    await page.click('#missing-save');
    const errors = (await page.textContent(tid('missing-errors'))) || '';
    assert.match(errors, /Chỉ tiêu 2\.2 \(NTM\) — Ngưỡng: .*100/);
    assert.match(errors, /Chỉ tiêu 10 \(NTM\) — Ngày ban hành: “31\/02\/2024” không phải ngày/);
    assert.equal(await page.getAttribute(field('ntm', '10', 'date'), 'aria-invalid'), 'true');
    await screenshot(page, 'nguong-con-thieu-loi', { fullPage: false });
    // Nothing saved: still built-in, the rows and the typed text are kept.
    await expectAttr(page, tid('header-rules'), 'data-origin', 'built-in');
    assert.equal(await count(page), expected.length);
    assert.equal(await page.inputValue(field('ntm', '2.2', 'value')), '120');

    await page.fill(field('ntm', '2.2', 'value'), '90');
    await page.fill(field('ntm', '10', 'date'), '01/03/2024');
    await page.click('#missing-save');
    await page.waitForFunction((sel) => /Đã lưu 4 ngưỡng năm 2024/.test(document.querySelector(sel)?.textContent || ''), tid('rules-status'));
    assert.equal(await count(page), expected.length - 4);
    assert.equal(await page.locator(tid('missing-row-ntm-2.1')).count(), 0);
    await expectAttr(page, tid('header-rules'), 'data-origin', 'edited');
    // Other years keep their gaps: the threshold is the year's.
    await page.selectOption('#missing-year', '2025');
    assert.equal(await page.locator(tid('missing-row-ntm-2.1')).count(), 1);
    await page.selectOption('#missing-year', '2024');

    // Saved in this browser.
    await reloadApp(page);
    await page.selectOption('#missing-year', '2024');
    assert.equal(await count(page), expected.length - 4);

    const file = await download(page, '#missing-export');
    assert.match(file.name, /^bo-tieu-chi-.*\.json$/);
    const json = JSON.parse(file.text);
    assert.equal(json.format, 'chung-suc/rules');
    const ind = (code) => json.sets.find((s) => s.id === 'ntm').criteria.flatMap((c) => c.indicators).find((i) => i.code === code);
    assert.deepEqual(ind('2.1').threshold, { 2024: 95.5 });
    assert.deepEqual(ind('2.1').source, { document: 'Quyết định 12/2024/QĐ-UBND', annex: 'Điều 2', date: '2024-03-01' });
    // The official vouches for the value: the threshold's status moves, the indicator's does not.
    assert.equal(ind('2.1').threshold_status, 'verified');
    assert.equal(ind('2.1').status, undefined);
    assert.deepEqual(ind('17.4').threshold, { 2024: 2.5 });
    assert.equal(ind('17.4').threshold_status, 'unverified', 'no date: unverified');
    assert.deepEqual(ind('2.2').threshold, { 2024: 90 });
    assert.deepEqual(ind('10').threshold, { 2024: 58000000 });
    assert.equal(builtIn('10').threshold_status, 'not_found');
    assert.equal(ind('10').threshold_status, 'verified');
    await page.locator(tid('missing-thresholds')).scrollIntoViewIfNeeded();
    await screenshot(page, 'nguong-con-thieu');
  });
});

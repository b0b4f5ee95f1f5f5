// (d) Export JSON → check the bytes → import the file → export again → byte-identical.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  createDraft, download, draftCount, expectAttr, fixture, gotoDrafts, openApp,
  openDraft, screenshot, tid, typeInto, useApp,
} from './harness.mjs';

const app = useApp();
const IN = (set, code) => tid(`input-${set}-${code}`);

async function importFile(page, file) {
  await gotoDrafts(page);
  await page.setInputFiles('#import-dossier', file);
  await page.waitForSelector(`${tid('import-ok')}, ${tid('import-error')}`);
  const err = page.locator(tid('import-error'));
  if (await err.count()) assert.fail(`import failed: ${await err.textContent()}`);
}

describe('JSON export and import', () => {
  it('exports the dossier, and export → import → export gives the same bytes', async () => {
    const { page } = app;
    await openApp(page, '#/tu-danh-gia');
    await createDraft(page, '13306', '2024');
    await page.selectOption(IN('ntm', '1.1'), 'true');
    await page.selectOption(IN('ntm', '1.2'), 'false');
    await typeInto(page, IN('ntm_nang_cao', '14.1'), '96,5', { leave: true });
    await typeInto(page, IN('ntm', '15.1'), '0.5', { leave: true });
    await typeInto(page, tid('evidence-ntm-1.1'), 'QĐ số 15/QĐ-UBND', { leave: true });
    await typeInto(page, tid('cond-satisfaction_pct'), '97,4', { leave: true });
    await expectAttr(page, tid('outcome-ntm_nang_cao-14.1'), 'data-outcome', 'dat');

    const first = await download(page, '#export-json');
    assert.equal(first.name, 'ho-so-13306-2024.json');
    assert.notEqual(first.bytes[0], 0xef, 'JSON export must not start with a BOM');
    const d = JSON.parse(first.text);
    assert.equal(d.format, 'chung-suc/dossier');
    assert.equal(d.version, 1);
    assert.deepEqual(d.unit, { code: '13306', name: 'Xã Phù Vân', district_code: '347' });
    assert.equal(d.year, 2024);
    assert.deepEqual(d.values, { ntm: { '1.1': true, '1.2': false, '15.1': 0.5 }, ntm_nang_cao: { '14.1': 96.5 } });
    assert.equal(d.conditions.satisfaction_pct, 97.4);
    assert.deepEqual(d.evidence, { ntm: { '1.1': 'QĐ số 15/QĐ-UBND' } });
    assert.equal(typeof d.rules?.id, 'string');
    assert.match(d.rules?.hash ?? '', /^sha256:[0-9a-f]{64}$/);

    // Import the downloaded file into a fresh browser (empty storage), then export again.
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'chung-suc-'));
    const file = path.join(dir, first.name);
    await fs.writeFile(file, first.bytes);
    const other = await app.freshPage();
    await openApp(other, '#/tu-danh-gia');
    await importFile(other, file);
    await screenshot(other, 'd-imported');
    await gotoDrafts(other);
    assert.equal(await draftCount(other), 1);
    await openDraft(other, '13306', '2024');
    assert.match(await other.inputValue(IN('ntm_nang_cao', '14.1')), /^96[,.]5$/);
    assert.equal(await other.inputValue(IN('ntm', '1.2')), 'false');
    await expectAttr(other, tid('criterion-ntm-1'), 'data-outcome', 'chua_dat');
    const second = await download(other, '#export-json');
    assert.equal(second.name, first.name);
    assert.ok(second.bytes.equals(first.bytes), `re-exported bytes differ:\n${first.text}\n---\n${second.text}`);

    await fs.rm(dir, { recursive: true, force: true });
  });

  it('imports a dossier written by hand and shows its values', async () => {
    const { page } = app;
    await openApp(page, '#/tu-danh-gia');
    await importFile(page, fixture('ho-so-hop-le.json'));
    assert.match((await page.textContent(tid('import-ok'))) || '', /\S/);
    await openDraft(page, '13306', '2024');
    assert.equal(await page.inputValue(IN('ntm', '1.1')), 'true');
    assert.equal(await page.inputValue(IN('ntm', '1.2')), 'false');
    assert.match(await page.inputValue(IN('ntm_nang_cao', '14.1')), /^96[,.]5$/);
    assert.equal(await page.inputValue(tid('evidence-ntm-1.1')), 'QĐ số 15/QĐ-UBND ngày 12/01/2023');
    await expectAttr(page, tid('outcome-ntm_nang_cao-14.1'), 'data-outcome', 'dat');
    await expectAttr(page, tid('criterion-ntm-1'), 'data-outcome', 'chua_dat');
  });
});

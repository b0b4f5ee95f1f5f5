// (g) Drag-and-drop import: a real drop event with a DataTransfer built in the page.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  draftCount, draftItem, dropFile, expectAttr, gotoDrafts, openApp, openDraft, readFixture,
  screenshot, tid, useApp,
} from './harness.mjs';

const app = useApp();

describe('drag and drop import', () => {
  it('a dossier dropped on the drop zone becomes a draft', async () => {
    const { page } = app;
    await openApp(page, '#/tu-danh-gia');
    await gotoDrafts(page);
    assert.equal(await draftCount(page), 0);
    await dropFile(page, tid('drop-zone'), 'ho-so-hop-le.json', await readFixture('ho-so-hop-le.json'));
    await page.waitForSelector(`${tid('import-ok')}, ${tid('import-error')}`);
    const err = page.locator(tid('import-error'));
    if (await err.count()) assert.fail(`drop import failed: ${await err.textContent()}`);
    await screenshot(page, 'g-dropped');
    await gotoDrafts(page);
    assert.equal(await draftItem(page, '13306', '2024').count(), 1);
    await openDraft(page, '13306', '2024');
    assert.equal(await page.inputValue(tid('input-ntm-1.1')), 'true');
    await expectAttr(page, tid('outcome-ntm_nang_cao-14.1'), 'data-outcome', 'dat');
  });

  it('a broken file dropped on the drop zone is refused and named', async () => {
    const { page } = app;
    await openApp(page, '#/tu-danh-gia');
    await gotoDrafts(page);
    await dropFile(page, tid('drop-zone'), 'ho-so-hong.json', await readFixture('ho-so-hong.json'));
    await page.waitForSelector(tid('import-error'));
    assert.match((await page.textContent(tid('import-error'))) || '', /ho-so-hong\.json/);
    assert.equal(await draftCount(page), 0);
  });
});

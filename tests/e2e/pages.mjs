// Every page of the app with data on it, for the tests that walk them all (axe, phone).
import fs from 'node:fs';
import {
  createDraft, download, expectAttr, fixture, openApp, tid, typeInto,
} from './harness.mjs';

/** The pages, in menu order. */
export const PAGES = ['#/tu-danh-gia', '#/tong-hop', '#/muc-tieu', '#/khen-thuong', '#/bo-tieu-chi', '#/du-lieu'];

/** Go to a page of the running app (at the top) and let it settle. */
export async function gotoPage(page, hash) {
  await page.evaluate((h) => { location.hash = h; window.scrollTo(0, 0); }, hash);
  await page.waitForFunction((h) => location.hash === h, hash);
  await page.waitForTimeout(400);
}

/**
 * The app with data on every page: a draft open with a value (and, with `refused`, a refused
 * value on screen), its file and two others imported on Tổng hợp, a candidate on Khen thưởng.
 */
export async function fillPages(page, { refused = false } = {}) {
  await openApp(page, '#/tu-danh-gia');
  await createDraft(page, '13306', '2024');
  // On a phone the criteria start closed: open them all, so every field is there to check.
  await page.getByRole('button', { name: 'Mở rộng tất cả tiêu chí' }).click();
  await typeInto(page, tid('input-ntm_nang_cao-14.1'), '96,5', { leave: true });
  await expectAttr(page, tid('outcome-ntm_nang_cao-14.1'), 'data-outcome', 'dat');
  await page.waitForSelector('#export-json');
  const dossier = await download(page, '#export-json');
  // After the export: with a refused value on screen, an export first asks to confirm.
  if (refused) {
    await typeInto(page, tid('input-ntm-15.4'), '1.234', { leave: true });
    await expectAttr(page, tid('input-ntm-15.4'), 'aria-invalid', 'true');
  }

  await gotoPage(page, '#/tong-hop');
  await page.waitForSelector('#import-many', { state: 'attached' });
  await page.setInputFiles('#import-many', [
    { name: dossier.name, mimeType: 'application/json', buffer: dossier.bytes },
    ...['ho-so-13450-2024.json', 'ho-so-13327-2024.json'].map((name) => ({
      name, mimeType: 'application/json', buffer: fs.readFileSync(fixture(`consolidation/${name}`)),
    })),
  ]);
  await page.waitForSelector(tid('consolidation-row'));

  await gotoPage(page, '#/khen-thuong');
  await nominatePhuVan(page);
}

/** On Khen thưởng (already open): UBND xã Phù Vân nominated for the provincial certificate. */
export async function nominatePhuVan(page) {
  await page.waitForSelector(tid('add-candidate-form'));
  await page.fill('#new-name', 'UBND xã Phù Vân');
  await page.selectOption('#new-group', 'c');
  await page.selectOption('#new-award', 'bang_khen_tinh');
  await page.click('#add-candidate');
  await page.waitForFunction(() => (document.querySelector('#kt-editor-h')?.textContent || '').includes('Phù Vân'));
}

// Offline first, nothing lost: a full storage (message naming the draft, the unsaved data as a
// file, nothing stored overwritten), records of older schemas migrated, unreadable records kept
// aside and downloadable, two tabs on one draft (a conflict, both versions kept), backup and
// restore in a fresh browser (summary first; a broken file changes nothing), and the
// "chưa xuất" banner. Real Chromium, real localStorage.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {
  createDraft, download, draftCount, draftItem, fixture, gotoDrafts, openApp, openDraft,
  readFixture, reloadApp, ROOT, screenshot, tid, typeInto, useApp,
} from './harness.mjs';

const app = useApp();
const IN = (set, code) => tid(`input-${set}-${code}`);
const EV = (set, code) => tid(`evidence-${set}-${code}`);

/** Wait until the toolbar says the draft is saved. */
async function saved(page) {
  await page.waitForFunction(
    (sel) => /Đã lưu lúc/.test(document.querySelector(sel)?.textContent || ''),
    tid('save-status'),
  );
}

/** Every key and value of localStorage. */
function storageOf(page) {
  return page.evaluate(() => Object.fromEntries(Object.keys(localStorage).map((k) => [k, localStorage.getItem(k)])));
}

/** Fill localStorage until it refuses even one more character; returns the filler keys. */
function fillStorage(page) {
  return page.evaluate(() => {
    const keys = [];
    let size = 1 << 20;
    while (size >= 1) {
      const key = `filler-${keys.length}`;
      try {
        localStorage.setItem(key, 'x'.repeat(size));
        keys.push(key);
      } catch (e) {
        if (e.name !== 'QuotaExceededError') throw e;
        size = Math.floor(size / 2);
      }
    }
    return keys;
  });
}

function parseJson(text) {
  return JSON.parse(text.replace(/^\uFEFF/, ''));
}

describe('storage: nothing lost', () => {
  it('full storage: the message names the draft, the unsaved data downloads, saved drafts stay intact', async () => {
    const { page } = app;
    await openApp(page, '#/tu-danh-gia');
    await createDraft(page, '13306', '2023');
    await typeInto(page, IN('ntm_nang_cao', '14.1'), '91', { leave: true });
    await saved(page);
    await createDraft(page, '13306', '2024');
    await typeInto(page, IN('ntm_nang_cao', '14.1'), '95', { leave: true });
    await saved(page);
    const before = await storageOf(page);

    const filler = await fillStorage(page);
    assert.ok(filler.length > 0);
    await typeInto(page, IN('ntm_nang_cao', '14.1'), '95,5', { leave: true });
    await typeInto(page, EV('ntm', '1.1'), 'Biên bản kiểm tra số 7', { leave: true });
    const alert = page.locator(tid('save-failed'));
    await alert.waitFor();
    const text = await alert.innerText();
    assert.match(text, /Bộ nhớ của trình duyệt đã đầy nên chưa lưu được hồ sơ nháp “Tự đánh giá Xã Phù Vân năm 2024”/);
    assert.match(text, /Những gì đã lưu trước đó vẫn còn nguyên/);
    assert.equal(await alert.getAttribute('role'), 'alert');
    await screenshot(page, 'storage-quota-message');

    // The download holds exactly what could not be saved, as a backup file of that one draft.
    const file = await download(page, `${tid('save-failed')} ${tid('unsaved-download')}`);
    assert.match(file.name, /^chua-luu-ho-so-13306-2024-\d{8}-\d{4}\.json$/);
    const unsaved = parseJson(file.text);
    assert.equal(unsaved.format, 'chung-suc/sao-luu');
    assert.equal(unsaved.records.length, 1);
    assert.equal(unsaved.records[0].key, 'chung-suc:draft:13306-2024');
    const value = unsaved.records[0].value;
    assert.equal(value.raw['ntm_nang_cao/14.1'], '95,5');
    assert.equal(value.dossier.values.ntm_nang_cao['14.1'], 95.5);
    assert.equal(value.dossier.evidence.ntm['1.1'], 'Biên bản kiểm tra số 7');

    // Nothing stored was changed by the refused writes.
    const during = await storageOf(page);
    for (const [k, v] of Object.entries(before)) {
      if (k === 'chung-suc:open' || k === 'chung-suc:exported') continue;
      assert.equal(during[k], v, `${k} changed while storage was full`);
    }

    // A reload with the storage still full: the saved drafts are as they were.
    await reloadApp(page);
    await openDraft(page, '13306', '2024');
    assert.equal(await page.inputValue(IN('ntm_nang_cao', '14.1')), '95');
    await openDraft(page, '13306', '2023');
    assert.equal(await page.inputValue(IN('ntm_nang_cao', '14.1')), '91');

    // Room again: the next change is saved, the message goes.
    await page.evaluate((keys) => keys.forEach((k) => localStorage.removeItem(k)), filler);
    await typeInto(page, IN('ntm_nang_cao', '14.1'), '92', { leave: true });
    await saved(page);
    assert.equal(await page.locator(tid('save-failed')).count(), 0);
    await reloadApp(page);
    await openDraft(page, '13306', '2023');
    assert.equal(await page.inputValue(IN('ntm_nang_cao', '14.1')), '92');
  });

  it('full storage on another page: the nomination register is named and offered as a file', async () => {
    const { page } = app;
    await openApp(page, '#/khen-thuong');
    await page.fill('#kt-unit', 'UBND huyện Bình Lục');
    await page.waitForFunction((sel) => /Đã lưu/.test(document.querySelector(sel)?.textContent || ''), tid('kt-save-status'));
    const stored = await page.evaluate(() => localStorage.getItem('chung-suc:nominations'));
    const filler = await fillStorage(page);
    await page.fill('#kt-unit', 'UBND huyện Bình Lục — bản sửa khi bộ nhớ đầy');
    const alert = page.locator(tid('unsaved-alert'));
    await alert.waitFor();
    assert.match(await alert.innerText(), /Bộ nhớ của trình duyệt đã đầy nên chưa lưu được danh sách đề nghị khen thưởng/);
    const file = await download(page, `${tid('unsaved-alert')} ${tid('unsaved-download')}`);
    assert.match(file.name, /^chua-luu-nominations-\d{8}-\d{4}\.json$/);
    const rec = parseJson(file.text).records[0];
    assert.equal(rec.key, 'chung-suc:nominations');
    assert.equal(rec.value.register.unit, 'UBND huyện Bình Lục — bản sửa khi bộ nhớ đầy');
    assert.equal(await page.evaluate(() => localStorage.getItem('chung-suc:nominations')), stored, 'the stored register is untouched');
    await page.evaluate((keys) => keys.forEach((k) => localStorage.removeItem(k)), filler);
    await page.fill('#kt-unit', 'UBND huyện Bình Lục — bản sửa');
    await alert.waitFor({ state: 'detached' });
  });

  it('records of older schemas are migrated; unreadable ones are kept aside, listed and downloadable', async () => {
    const { page } = app;
    await openApp(page, '#/tu-danh-gia');
    const samples = {
      'chung-suc:draft:13306-2024': await readFixture('storage/draft-schema-1.json'),
      'chung-suc:draft:13426-2023': await readFixture('storage/draft-schema-0.json'),
      'chung-suc:registered': await readFixture('storage/registered-schema-1.json'),
      'chung-suc:draft:13306-2025': await readFixture('storage/draft-hong.txt'),
      'chung-suc:draft:13306-2022': await readFixture('storage/draft-schema-9.json'),
    };
    await page.evaluate((s) => Object.entries(s).forEach(([k, v]) => localStorage.setItem(k, v)), samples);
    await reloadApp(page);

    // Schema 1 and schema 0 drafts open with every value.
    await gotoDrafts(page);
    assert.equal(await draftCount(page), 2, 'the two readable drafts are listed');
    await openDraft(page, '13306', '2024');
    assert.equal(await page.inputValue(IN('ntm_nang_cao', '14.1')), '95,5');
    assert.equal(await page.inputValue(IN('ntm_nang_cao', '14.2')), 'khoảng 90');
    assert.equal(await page.inputValue(IN('ntm', '1.1')), 'true');
    assert.equal(await page.inputValue(EV('ntm', '1.1')), 'QĐ số 15/QĐ-UBND');
    await openDraft(page, '13426', '2023');
    assert.equal(await page.inputValue(IN('ntm', '15.1')), '96,2');
    // Saved again, it is written at the current schema, revision 1, by this tab.
    await typeInto(page, IN('ntm', '15.1'), '96,3', { leave: true });
    await saved(page);
    const rec = JSON.parse(await page.evaluate(() => localStorage.getItem('chung-suc:draft:13426-2023')));
    assert.equal(rec.schema, 2);
    assert.equal(rec.rev, 1);
    assert.match(rec.by, /^t-[0-9a-f]{8}$/);
    assert.equal(rec.raw['ntm/15.1'], '96,3');

    // The two unreadable drafts were moved aside, not deleted.
    const keys = Object.keys(await storageOf(page));
    assert.ok(!keys.includes('chung-suc:draft:13306-2025'));
    assert.ok(!keys.includes('chung-suc:draft:13306-2022'));
    assert.equal(keys.filter((k) => k.startsWith('chung-suc:khong-doc-duoc:')).length, 2);
    const notice = page.locator(tid('unreadable-notice'));
    await notice.waitFor();
    assert.match(await notice.innerText(), /Có 2 bản ghi .* không đọc được; ứng dụng đã giữ riêng, không xóa/);

    // Listed with the reason on the data page; each downloads as its original text.
    await notice.getByRole('link').click();
    await page.waitForSelector(tid('unreadable-list'));
    const items = page.locator(tid('unreadable-item'));
    assert.equal(await items.count(), 2);
    const corrupt = page.locator(`${tid('unreadable-item')}[data-key="chung-suc:draft:13306-2025"]`);
    assert.match(await corrupt.innerText(), /Hồ sơ nháp — khóa chung-suc:draft:13306-2025/);
    assert.match(await corrupt.innerText(), /Lý do: không phải JSON hợp lệ/);
    const future = page.locator(`${tid('unreadable-item')}[data-key="chung-suc:draft:13306-2022"]`);
    assert.match(await future.innerText(), /phiên bản mới hơn của ứng dụng \(lược đồ 9/);
    await screenshot(page, 'storage-unreadable-list', { fullPage: true });
    const got1 = await download(page, `${tid('unreadable-item')}[data-key="chung-suc:draft:13306-2025"] ${tid('unreadable-download')}`);
    assert.equal(got1.text, samples['chung-suc:draft:13306-2025']);
    assert.match(got1.name, /\.txt$/);
    const got2 = await download(page, `${tid('unreadable-item')}[data-key="chung-suc:draft:13306-2022"] ${tid('unreadable-download')}`);
    assert.equal(got2.text, samples['chung-suc:draft:13306-2022']);
    assert.match(got2.name, /\.json$/);

    // The app goes on: the commune-year of the unreadable draft gets a new draft; the kept
    // copy is still there.
    await page.getByRole('link', { name: 'Tự đánh giá', exact: true }).first().click();
    await createDraft(page, '13306', '2025');
    await typeInto(page, IN('ntm_nang_cao', '14.1'), '97', { leave: true });
    await saved(page);
    await reloadApp(page);
    await openDraft(page, '13306', '2025');
    assert.equal(await page.inputValue(IN('ntm_nang_cao', '14.1')), '97');
    await page.locator(tid('unreadable-notice')).waitFor();
    // The registered targets of schema 1 are read on the targets page.
    await page.getByRole('link', { name: 'Mục tiêu phong trào', exact: true }).first().click();
    await page.getByText('Số km đường trục xã được cứng hóa').first().waitFor();
  });

  it('two tabs on one draft: the newer save is taken when idle, a conflict keeps both versions', async () => {
    const a = app.page;
    await openApp(a, '#/tu-danh-gia');
    await createDraft(a, '13306', '2024');
    await typeInto(a, IN('ntm_nang_cao', '14.1'), '90', { leave: true });
    await saved(a);
    const b = await app.newPage();
    await openApp(b, '#/tu-danh-gia');
    await openDraft(b, '13306', '2024');
    assert.equal(await b.inputValue(IN('ntm_nang_cao', '14.1')), '90');

    // A saves while B has no unsaved change: B shows A's version.
    await typeInto(a, IN('ntm_nang_cao', '14.1'), '91', { leave: true });
    await saved(a);
    await b.waitForFunction((sel) => document.querySelector(sel)?.value === '91', IN('ntm_nang_cao', '14.1'));
    await b.locator(tid('sync-notice')).waitFor();

    // A is typing (its save waits for a pause) while B saves: A must not overwrite B.
    await Promise.all([
      a.locator(EV('ntm', '1.1')).pressSequentially('Biên bản của thẻ A', { delay: 70 }),
      (async () => {
        await new Promise((r) => setTimeout(r, 150));
        await typeInto(b, IN('ntm', '15.1'), '97', { leave: true });
        await saved(b);
      })(),
    ]);
    const notice = a.locator(tid('conflict-notice'));
    await notice.waitFor();
    assert.match(await notice.innerText(), /Hồ sơ này vừa được sửa ở một thẻ \(tab\) khác/);
    assert.equal(await notice.getAttribute('role'), 'alert');
    // Still not overwritten after A's save would have run.
    await a.waitForTimeout(700);
    const stored = JSON.parse(await a.evaluate(() => localStorage.getItem('chung-suc:draft:13306-2024')));
    assert.equal(stored.raw['ntm/15.1'], '97');
    assert.equal(stored.dossier.evidence.ntm?.['1.1'], undefined);
    await screenshot(a, 'storage-two-tabs-conflict');

    // A keeps its version as a separate draft; B's stays under the original.
    await a.click(tid('conflict-keep-mine'));
    await a.locator(tid('sync-notice')).waitFor();
    assert.match(await a.innerText(tid('sync-notice')), /Đã lưu bản của thẻ này thành hồ sơ riêng/);
    assert.equal(await a.locator(tid('conflict-notice')).count(), 0);
    assert.equal(await a.inputValue(EV('ntm', '1.1')), 'Biên bản của thẻ A');
    await gotoDrafts(a);
    assert.equal(await draftItem(a, '13306', '2024').count(), 2, 'both versions are drafts');

    await reloadApp(a);
    const records = Object.entries(await storageOf(a))
      .filter(([k]) => k.startsWith('chung-suc:draft:'))
      .map(([, v]) => JSON.parse(v));
    assert.equal(records.length, 2);
    const original = records.find((r) => r.id === '13306-2024');
    const copy = records.find((r) => r.id !== '13306-2024');
    assert.equal(original.raw['ntm/15.1'], '97', "B's value is kept");
    assert.equal(copy.dossier.evidence.ntm['1.1'], 'Biên bản của thẻ A', "A's value is kept");
    assert.match(copy.name, /bản của thẻ này/);
  });

  it('backup from one browser, restore in a fresh one: summary first, cancel changes nothing; a broken file names the problem', async () => {
    const { page } = app;
    await openApp(page, '#/tu-danh-gia');
    await createDraft(page, '13306', '2024');
    await typeInto(page, IN('ntm_nang_cao', '14.1'), '95', { leave: true });
    await saved(page);
    await createDraft(page, '13426', '2024');
    await typeInto(page, IN('ntm', '15.1'), '96,2', { leave: true });
    await saved(page);
    await page.getByRole('link', { name: 'Khen thưởng', exact: true }).first().click();
    await page.setInputFiles('#import-nominations', path.join(ROOT, 'docs/examples/danh-sach-khen-thuong.json'));
    await page.waitForSelector(tid('kt-file-ok'));
    await page.getByRole('link', { name: 'Dữ liệu trên máy', exact: true }).first().click();
    const backup = await download(page, '#backup-download');
    assert.match(backup.name, /^sao-luu-chung-suc-\d{8}-\d{4}\.json$/);
    const parsed = parseJson(backup.text);
    assert.equal(parsed.format, 'chung-suc/sao-luu');
    assert.equal(parsed.version, 1);
    const keys = parsed.records.map((r) => r.key);
    for (const k of ['chung-suc:draft:13306-2024', 'chung-suc:draft:13426-2024', 'chung-suc:nominations']) {
      assert.ok(keys.includes(k), `${k} is in the backup`);
    }

    // Another machine with its own draft of 13306-2024.
    const other = await app.freshPage();
    await openApp(other, '#/tu-danh-gia');
    await createDraft(other, '13306', '2024');
    await typeInto(other, IN('ntm_nang_cao', '14.1'), '80', { leave: true });
    await saved(other);
    await other.getByRole('link', { name: 'Dữ liệu trên máy', exact: true }).first().click();
    await other.waitForSelector('#restore-file', { state: 'attached' });
    const file = { name: backup.name, mimeType: 'application/json', buffer: backup.bytes };

    // A broken file: named problem, nothing changes.
    const untouched = await storageOf(other);
    await other.setInputFiles('#restore-file', fixture('storage/sao-luu-hong.json'));
    const error = other.locator(tid('restore-error'));
    await error.waitFor();
    assert.equal(
      await error.innerText(),
      'Tệp sao-luu-hong.json: Trường “records[1].value.dossier.year”: sai kiểu dữ liệu (hồ sơ nháp “Tự đánh giá Xã Kim Bình năm 2023”). Không có gì thay đổi trên máy này.',
    );
    assert.equal(await other.locator(tid('restore-summary')).count(), 0);
    assert.deepEqual(await storageOf(other), untouched);
    await screenshot(other, 'storage-restore-broken');

    // The summary, then "Hủy": nothing changes.
    await other.setInputFiles('#restore-file', file);
    const summary = other.locator(tid('restore-summary'));
    await summary.waitFor();
    const lines = await summary.locator('li').allInnerTexts();
    assert.ok(lines.includes('Thêm 1 hồ sơ nháp: “Tự đánh giá Xã Kim Bình năm 2024”.'), lines.join('\n'));
    assert.ok(lines.some((l) => /^Thay hồ sơ nháp “Tự đánh giá Xã Phù Vân năm 2024” \(bản trên máy sửa lúc \d\d\/\d\d\/\d{4} \d\d:\d\d, bản sao lưu sửa lúc \d\d\/\d\d\/\d{4} \d\d:\d\d\) — bản trên máy mới hơn bản sao lưu\.$/.test(l)), lines.join('\n'));
    assert.ok(lines.includes('Thêm danh sách đề nghị khen thưởng.'), lines.join('\n'));
    assert.ok(lines.includes('Dữ liệu trên máy không có trong tệp sao lưu được giữ nguyên.'));
    await screenshot(other, 'storage-restore-summary', { fullPage: true });
    await summary.getByRole('button', { name: 'Hủy', exact: true }).click();
    await summary.waitFor({ state: 'detached' });
    assert.deepEqual(await storageOf(other), untouched, '"Hủy" changed the storage');

    // Confirmed: everything is there after the reload.
    await other.setInputFiles('#restore-file', file);
    await other.locator(tid('restore-summary')).waitFor();
    await Promise.all([
      other.waitForEvent('load'),
      other.click(tid('restore-confirm')),
    ]);
    await other.waitForSelector('body[data-ready="1"]', { state: 'attached' });
    const done = other.locator(tid('restore-done'));
    await done.waitFor();
    assert.match(await done.innerText(), /Đã khôi phục từ tệp sao-luu-chung-suc-.*: \d+ bản ghi được thêm hoặc thay/);
    await gotoDrafts(other);
    assert.equal(await draftCount(other), 2);
    await openDraft(other, '13306', '2024');
    assert.equal(await other.inputValue(IN('ntm_nang_cao', '14.1')), '95');
    await openDraft(other, '13426', '2024');
    assert.equal(await other.inputValue(IN('ntm', '15.1')), '96,2');
    await other.getByRole('link', { name: 'Khen thưởng', exact: true }).first().click();
    await other.waitForSelector(tid('candidate-table'));
    assert.equal(await other.locator(tid('candidate-row')).count(), 3);
  });

  it('the "chưa xuất" banner lists a changed draft until it is exported', async () => {
    const { page } = app;
    await page.addInitScript(() => {
      window.print = () => {};
    });
    await openApp(page, '#/tu-danh-gia');
    await createDraft(page, '13306', '2024');
    await typeInto(page, IN('ntm_nang_cao', '14.1'), '95', { leave: true });
    await saved(page);
    const item = page.locator(`${tid('unexported-item')}[data-id="13306-2024"]`);
    await item.waitFor();
    assert.match(await item.innerText(), /Tự đánh giá Xã Phù Vân năm 2024 — sửa lúc .*, chưa xuất lần nào/);
    assert.match(await page.innerText(tid('unexported-banner')), /1 hồ sơ có thay đổi chưa xuất \(chưa nộp\)/);
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'storage-unexported-banner');

    await download(page, '#export-json');
    await item.waitFor({ state: 'detached' });
    assert.equal(await page.locator(tid('unexported-banner')).count(), 0);

    // A change brings it back; printing counts as an export too; it lasts over a reload.
    await typeInto(page, IN('ntm_nang_cao', '14.1'), '96', { leave: true });
    await saved(page);
    await item.waitFor();
    assert.match(await item.innerText(), /xuất lần cuối lúc/);
    await page.click('#print-report');
    await item.waitFor({ state: 'detached' });
    await reloadApp(page);
    await gotoDrafts(page);
    await page.waitForSelector(tid('draft-item'));
    assert.equal(await page.locator(tid('unexported-item')).count(), 0);
  });
});

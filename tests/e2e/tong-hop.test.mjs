// Tổng hợp: importing a folder of commune dossiers at once (bad files refused and named,
// duplicates chosen by the user), the consolidated table (counts, sorting, filters), a commune's
// explanation and review, the consolidated CSV, and the bundle file; a partly valid bundle,
// choices and refused files kept over a reload, Vietnamese name order, long lists paged.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ARTIFACTS, download, FIXTURES, openApp, reloadApp, screenshot, tid, useApp } from './harness.mjs';
import { parseCsv } from './csv.mjs';

const app = useApp();
const DIR = path.join(FIXTURES, 'consolidation');
const F = (name) => path.join(DIR, name);

const GOOD = [
  'ho-so-13306-2024.json', // Xã Phù Vân, TP Phủ Lý — every criterion met under the test rules
  'ho-so-13426-2024.json', // Xã Kim Bình, TP Phủ Lý
  'ho-so-13327-2024.json', // Xã Mộc Hoàn, TX Duy Tiên
  'ho-so-13450-2024.json', // Xã Liêm Phong, H. Thanh Liêm — every criterion met
  'ho-so-13504-2023.json', // Xã Bình Nghĩa, H. Bình Lục
];
const BAD = {
  'hong.json': /JSON/,
  'sai-dinh-dang.json': /format|không phải hồ sơ/,
  'ty-le-120.json': /120/,
};
const DUPLICATE = 'ho-so-13426-2024-ban-sua.json';
// A bundle of four: Xã Đồng Du and Xã Bắc Lý are valid; Trịnh Xá has 15.1 = 120 %, the fourth a
// commune code that does not exist.
const PARTIAL = 'goi-mot-phan-hop-le.json';
const FOLDER = [...GOOD, ...Object.keys(BAD), DUPLICATE];

async function importRules(page) {
  await page.getByRole('link', { name: 'Bộ tiêu chí', exact: true }).first().click();
  await page.waitForSelector('#import-rules');
  await page.setInputFiles('#import-rules', F('bo-tieu-chi-kiem-thu.json'));
  await page.waitForFunction(() => /kiem-thu-day-du/.test(document.querySelector('[data-testid="active-rules"]')?.textContent || ''));
}

async function gotoConsolidation(page) {
  await page.getByRole('link', { name: 'Tổng hợp', exact: true }).first().click();
  await page.waitForSelector('#import-many', { state: 'attached' });
}

async function importFiles(page, files) {
  await page.setInputFiles('#import-many', files);
  await page.waitForFunction(
    (n) => new RegExp(`Đã đọc ${n} tệp`).test(document.querySelector('[data-testid="import-summary"]')?.textContent || ''),
    files.length,
  ).catch(async () => assert.fail(`import did not finish: ${await page.textContent('body')}`));
}

const rows = (page) => page.locator(tid('consolidation-row'));
const counts = async (page) => ((await page.textContent(tid('consolidation-counts'))) || '').trim();
async function unitOrder(page) {
  return rows(page).evaluateAll((trs) => trs.map((tr) => tr.dataset.unit));
}

/** Import the folder, keep the edited version of Kim Bình: 6 rows (5 good + bundle later). */
async function importFolder(page) {
  await openApp(page, '#/tu-danh-gia');
  await importRules(page);
  await gotoConsolidation(page);
  await importFiles(page, FOLDER.map(F));
}

describe('consolidation (Tổng hợp)', () => {
  it('imports a folder: bad files refused and named, duplicates chosen, table, counts, sorting, filter', async () => {
    const { page } = app;
    await importFolder(page);

    // Refused files: each named with a Vietnamese reason; nothing rendered as HTML.
    const refused = page.locator(`${tid('import-refused')} > li`);
    assert.equal(await refused.count(), 3, `refused: ${await page.locator(tid('import-refused')).innerText().catch(() => '(none)')}`);
    for (const [name, re] of Object.entries(BAD)) {
      const item = page.locator(`${tid('import-refused')} > li[data-file="${name}"]`);
      assert.equal(await item.count(), 1, `${name} is not listed as refused`);
      const text = await item.innerText();
      assert.match(text, re, `${name}: ${text}`);
      assert.match(text, /[ạảãàáâầấậẩẫăằắặẳẵđêềếệểễôồốộổỗơờớợởỡưừứựửữ]/i, `${name}: not Vietnamese: ${text}`);
    }
    assert.match(await page.innerText(tid('import-refused')), /values\.ntm_nang_cao\.14\.1/);
    await screenshot(page, 'cons-import-results', { fullPage: true });

    // The duplicate commune-year waits for a choice; neither version is in the table until then.
    const group = page.locator(`${tid('duplicate-group')}[data-unit="13426"][data-year="2024"]`);
    await group.waitFor();
    assert.equal(await group.locator('input[type="radio"]').count(), 2);
    assert.match(await group.innerText(), /ho-so-13426-2024-ban-sua\.json/);
    assert.equal(await rows(page).count(), 4);
    // Keep the edited version (the second radio).
    await group.locator('input[type="radio"]').nth(1).check();
    await group.getByRole('button', { name: 'Giữ bản này' }).click();
    await page.waitForSelector(tid('duplicate-group'), { state: 'detached' });
    assert.equal(await rows(page).count(), 5, 'one row per commune-year');

    // Counts, under the test rules: Phù Vân and Liêm Phong reach kiểu mẫu.
    assert.equal(await counts(page), '5 hồ sơ · 2 đạt NTM · 2 nâng cao · 2 kiểu mẫu');
    const phuVan = page.locator(`${tid('consolidation-row')}[data-unit="13306"]`);
    assert.equal(await phuVan.getAttribute('data-level'), 'ntm_kieu_mau');
    assert.match(await phuVan.innerText(), /19\/19/);
    // Compact marks carry a text alternative.
    assert.equal(await phuVan.locator('td.tong-hop-tc-cell .visually-hidden', { hasText: 'Đạt' }).count(), 19);
    const mocHoan = page.locator(`${tid('consolidation-row')}[data-unit="13327"]`);
    assert.equal(await mocHoan.locator('td.tong-hop-tc-cell[data-outcome="chua_dat"]').count() >= 1, true, 'TC1 of Mộc Hoàn should be ✗');
    await screenshot(page, 'cons-table', { fullPage: true });

    // Sorting by clicking a header, with aria-sort.
    const levelHeader = page.locator(`${tid('consolidation-table')} thead th`, { hasText: 'Mức đạt' });
    await levelHeader.locator('button').click();
    assert.equal(await levelHeader.getAttribute('aria-sort'), 'ascending');
    let order = await unitOrder(page);
    assert.deepEqual(order.slice(-2).sort(), ['13306', '13450'], `ascending by level: ${order}`);
    await levelHeader.locator('button').click();
    assert.equal(await levelHeader.getAttribute('aria-sort'), 'descending');
    order = await unitOrder(page);
    assert.deepEqual(order.slice(0, 2).sort(), ['13306', '13450'], `descending by level: ${order}`);
    const unitHeader = page.locator(`${tid('consolidation-table')} thead th`, { hasText: /^Xã/ });
    await unitHeader.locator('button').click();
    assert.equal(await levelHeader.getAttribute('aria-sort'), 'none');
    // Bình Nghĩa, Kim Bình, Liêm Phong, Mộc Hoàn, Phù Vân (Vietnamese names, alphabetical)
    assert.deepEqual(await unitOrder(page), ['13504', '13426', '13450', '13327', '13306']);

    // District filter: TP Phủ Lý (347) has Phù Vân and Kim Bình.
    await page.selectOption('#filter-district', '347');
    assert.deepEqual((await unitOrder(page)).sort(), ['13306', '13426']);
    assert.equal(await counts(page), '2 hồ sơ · 1 đạt NTM · 1 nâng cao · 1 kiểu mẫu');
    await page.selectOption('#filter-district', '');
    await page.selectOption('#filter-level', 'chua_dat');
    assert.equal(await rows(page).count(), 3);
    await page.selectOption('#filter-level', '');
    assert.equal(await rows(page).count(), 5);

    // The kept Kim Bình is the edited version (15.1 = 90 %).
    await page.locator(`${tid('consolidation-row')}[data-unit="13426"] button.link-button`).click();
    const detail = page.locator(tid('consolidation-detail'));
    await detail.waitFor();
    assert.match(await detail.locator(tid('detail-ind-ntm-15.1')).innerText(), /90 %/);

    // Stored: a reload shows the same table.
    await reloadApp(page);
    await page.waitForSelector(tid('consolidation-row'));
    assert.equal(await rows(page).count(), 5);
    assert.equal(await page.locator(tid('storage-notice')).count(), 0, 'the consolidation should fit in storage');
  });

  it('explains a commune, records a verification, exports the CSV and a bundle that imports again', async () => {
    const { page } = app;
    await importFolder(page);
    await page.locator(`${tid('duplicate-group')} button`).click();
    await page.waitForSelector(tid('duplicate-group'), { state: 'detached' });

    // Enter on a row's commune name opens the explanation.
    await page.locator(`${tid('consolidation-row')}[data-unit="13327"] button.link-button`).focus();
    await page.keyboard.press('Enter');
    const detail = page.locator(tid('consolidation-detail'));
    await detail.waitFor();
    assert.match(await detail.locator('h2').innerText(), /Xã Mộc Hoàn — năm 2024/);
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'cons-detail-h', 'focus moves to the panel heading');
    const ind = detail.locator(tid('detail-ind-ntm-1.1'));
    assert.match(await ind.innerText(), /Chưa đạt/);
    assert.match(await ind.innerText(), /Đã nhập “Chưa đạt”, yêu cầu “Đạt”\./);
    await screenshot(page, 'cons-detail');

    // Verification needs a name, then is recorded and shown in the table.
    await page.click('#review-verify');
    assert.match(await page.innerText(tid('review-message')), /Nhập họ tên/);
    await page.fill('#reviewer-name', 'Nguyễn Văn An — Phòng Kinh tế TX Duy Tiên');
    await page.click('#review-verify');
    await page.waitForFunction(() => document.querySelector('[data-testid="consolidation-detail"]')?.dataset.state === 'verified_by_district');
    assert.match(await page.innerText(tid('detail-state')), /Đã thẩm tra bởi Nguyễn Văn An/);
    const row = page.locator(`${tid('consolidation-row')}[data-unit="13327"]`);
    assert.equal(await row.getAttribute('data-state'), 'verified_by_district');
    assert.match(await row.innerText(), /Đã thẩm tra/);
    assert.equal(await page.isDisabled('#review-verify'), true);
    assert.equal(await page.isDisabled('#review-appraise'), false);

    // Return another commune with a comment on one indicator.
    await page.locator(`${tid('consolidation-row')}[data-unit="13504"]`).click();
    await page.waitForFunction(() => /Bình Nghĩa/.test(document.querySelector('#cons-detail-h')?.textContent || ''));
    await page.click('#review-return');
    await page.fill(tid('comment-ntm-15.1'), 'Bổ sung danh sách người tham gia BHYT');
    await page.click('#review-return-confirm');
    await page.waitForFunction(() => document.querySelector('[data-testid="consolidation-detail"]')?.dataset.state === 'returned');
    assert.match(await page.innerText(tid('returned-comment')), /Bổ sung danh sách người tham gia BHYT/);
    await screenshot(page, 'cons-detail-returned', { fullPage: true });
    await detail.screenshot({ path: path.join(ARTIFACTS, 'cons-detail-panel.png') });

    // Consolidated CSV for Excel: BOM, header, one row per kept dossier, Vietnamese words.
    const csv = await download(page, '#export-consolidated-csv');
    assert.equal(csv.name, 'tong-hop-tat-ca.csv');
    assert.deepEqual([...csv.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    const table = parseCsv(csv.text.slice(1)).filter((r) => r.length > 1);
    const header = table[0];
    assert.deepEqual(header.slice(0, 8), ['STT', 'Mã xã', 'Xã', 'Huyện', 'Năm', 'Mức đạt', 'Số tiêu chí NTM đạt', 'TC1 Quy hoạch']);
    assert.equal(header[header.length - 2], 'Trạng thái');
    assert.equal(header[header.length - 1], 'Bộ tiêu chí');
    assert.equal(header.filter((h) => /^TC\d+ /.test(h)).length, 19);
    assert.equal(table.length, 1 + 5, 'one row per kept dossier');
    const byCode = Object.fromEntries(table.slice(1).map((r) => [r[1], r]));
    assert.deepEqual(Object.keys(byCode).sort(), ['13306', '13327', '13426', '13450', '13504']);
    const moc = byCode['13327'];
    assert.equal(moc[2], 'Xã Mộc Hoàn');
    assert.equal(moc[3], 'Thị xã Duy Tiên');
    assert.equal(moc[5], 'Chưa đạt chuẩn nông thôn mới');
    assert.equal(moc[7], 'Chưa đạt', 'TC1 of Mộc Hoàn');
    assert.equal(moc[header.length - 2], 'Đã thẩm tra');
    assert.match(moc[header.length - 1], /^kiem-thu-day-du \([0-9a-f]{12}\)$/);
    assert.equal(byCode['13306'][5], 'Đạt chuẩn nông thôn mới kiểu mẫu');
    assert.equal(byCode['13306'][6], '19/19');
    assert.equal(byCode['13504'][header.length - 2], 'Trả lại');
    assert.ok(table.slice(1).every((r) => r.slice(7, 26).every((c) => ['Đạt', 'Chưa đạt', 'Chưa xác định'].includes(c))));

    // Filtered by year: the file name says so and only that year's rows are in it.
    await page.selectOption('#filter-year', '2023');
    const csv2023 = await download(page, '#export-consolidated-csv');
    assert.equal(csv2023.name, 'tong-hop-2023.csv');
    assert.equal(parseCsv(csv2023.text.slice(1)).filter((r) => r.length > 1).length, 2);
    await page.selectOption('#filter-year', '');

    // Plain CSV: no BOM, codes.
    const plain = await download(page, '#export-consolidated-plain');
    assert.notEqual(plain.bytes[0], 0xef);
    assert.match(plain.text, /^unit_code,unit_name,district_code,year,level,ntm_met,ntm_total,tc1,/);
    assert.match(plain.text, /\n13327,Xã Mộc Hoàn,349,2024,chua_dat,\d+,19,chua_dat,/);

    // Bundle: exported, then imported into a fresh browser with the review states kept.
    const bundle = await download(page, '#export-bundle');
    assert.equal(bundle.name, 'goi-ho-so.json');
    const parsed = JSON.parse(bundle.text);
    assert.equal(parsed.format, 'chung-suc/bundle');
    assert.equal(parsed.dossiers.length, 5);
    assert.equal(parsed.reviews['13504-2023'].state.comments['ntm/15.1'], 'Bổ sung danh sách người tham gia BHYT');
    const file = path.join(path.dirname(F('x')), '..', '..', 'artifacts', 'goi-ho-so.json');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, bundle.bytes);

    // A fresh browser with the same rules (the full dossiers use indicators only those rules have).
    const other = await app.freshPage();
    await openApp(other, '#/tong-hop');
    await other.waitForSelector(tid('consolidation-empty'));
    await importRules(other);
    await gotoConsolidation(other);
    await importFiles(other, [file, F('goi-ly-nhan.json')]);
    assert.equal(await other.locator(tid('consolidation-row')).count(), 7);
    assert.equal(await other.locator(`${tid('consolidation-row')}[data-unit="13327"]`).getAttribute('data-state'), 'verified_by_district');
    assert.equal(await other.locator(`${tid('consolidation-row')}[data-unit="13504"]`).getAttribute('data-state'), 'returned');
    assert.equal(await other.locator(`${tid('consolidation-row')}[data-unit="13567"]`).getAttribute('data-state'), 'received');
    assert.equal(((await other.textContent(tid('consolidation-counts'))) || '').trim(), '7 hồ sơ · 2 đạt NTM · 2 nâng cao · 2 kiểu mẫu');
    await screenshot(other, 'cons-bundle-imported', { fullPage: true });
  });

  it('many files: progress, paging, and the quota notice keep the data in the page', async () => {
    const { page } = app;
    await openApp(page, '#/tong-hop');
    // 130 dossiers in one bundle + one file each for the 65 communes of 2022 → 195 rows, 4 pages.
    const units = fs.readFileSync(path.join(DIR, '..', '..', '..', '..', 'core', 'data', 'ha_nam_units.csv'), 'utf8')
      .trim().split(/\r?\n/).slice(1).map((l) => l.split(',')).filter((u) => u[6] === 'xa');
    assert.equal(units.length, 65);
    const dossier = (u, year, pct) => ({
      format: 'chung-suc/dossier', version: 1,
      unit: { code: u[4], name: u[5], district_code: u[2] },
      year, values: { ntm: { '15.1': pct } }, conditions: {}, evidence: {},
    });
    const bundle = { format: 'chung-suc/bundle', version: 1, dossiers: [] };
    for (const u of units) for (const y of [2023, 2024]) bundle.dossiers.push(dossier(u, y, 90));
    const files = [{ name: 'goi-130.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bundle)) }];
    for (const u of units) {
      files.push({ name: `ho-so-${u[4]}-2022.json`, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(dossier(u, 2022, 80))) });
    }
    // A progress bar is shown while reading.
    const sawProgress = page.waitForSelector(tid('import-progress'), { timeout: 10_000 }).then(() => true, () => false);
    await page.setInputFiles('#import-many', files);
    await page.waitForFunction(() => /Đã đọc 66 tệp/.test(document.querySelector('[data-testid="import-summary"]')?.textContent || ''));
    assert.ok(await sawProgress, 'no progress bar while reading');
    assert.equal(await counts(page), '195 hồ sơ · 0 đạt NTM · 0 nâng cao · 0 kiểu mẫu');
    assert.equal(await rows(page).count(), 50, 'a page shows 50 rows');
    assert.match(await page.innerText(tid('page-info')), /Trang 1 \/ 4/);
    await page.click(tid('page-next'));
    assert.match(await page.innerText(tid('page-info')), /Trang 2 \/ 4 \(dòng 51–100 \/ 195\)/);
    await page.click(tid('page-next'));
    await page.click(tid('page-next'));
    assert.equal(await rows(page).count(), 45);
    assert.equal(await page.isDisabled(tid('page-next')), true);

    // The browser refuses to store: the data stays, a notice says to export the bundle.
    await page.evaluate(() => {
      Storage.prototype.setItem = function () {
        throw new DOMException('full', 'QuotaExceededError');
      };
    });
    await page.locator(`${tid('consolidation-row')}`).first().click();
    await page.fill('#reviewer-name', 'Huyện');
    await page.click('#review-verify');
    const notice = page.locator(tid('storage-notice'));
    await notice.waitFor();
    assert.match(await notice.innerText(), /Chưa lưu được bảng tổng hợp/);
    assert.match(await notice.innerText(), /Xuất tệp gói \(JSON\)/);
    assert.equal(await page.locator(`${tid('consolidation-row')}[data-state="verified_by_district"]`).count(), 1);
    // Leaving the page and coming back keeps what was not stored.
    await page.getByRole('link', { name: 'Tự đánh giá', exact: true }).first().click();
    await gotoConsolidation(page);
    assert.equal(await counts(page), '195 hồ sơ · 0 đạt NTM · 0 nâng cao · 0 kiểu mẫu');
    await page.selectOption('#filter-state', 'verified_by_district');
    assert.equal(await rows(page).count(), 1, 'the verification made while storage was full is kept');
    assert.equal(await page.locator(tid('storage-notice')).count(), 1);
  });

  it('a partly valid bundle keeps its valid dossiers and lists each invalid one; names sort the Vietnamese way', async () => {
    const { page } = app;
    await openApp(page, '#/tu-danh-gia');
    await importRules(page);
    await gotoConsolidation(page);
    await importFiles(page, [...GOOD.map(F), F(PARTIAL)]);

    // The two valid dossiers of the bundle are in the table with the five single files.
    assert.equal(await rows(page).count(), 7);
    for (const code of ['13516', '13588']) {
      assert.equal(await page.locator(`${tid('consolidation-row')}[data-unit="${code}"]`).count(), 1, `${code} kept`);
    }
    // Each invalid one is listed under the bundle's name, with its position, commune and reason.
    const listed = page.locator(`${tid('import-refused')} > li[data-file="${PARTIAL}"]`);
    assert.equal(await listed.count(), 2);
    const [first, second] = (await listed.allInnerTexts()).map((t) => t.replace(/\s+/g, ' '));
    assert.match(first, /^goi-mot-phan-hop-le\.json — Hồ sơ thứ 2 — Xã Trịnh Xá \(mã 13513\), năm 2024: Trường “dossiers\[1\]\.values\.ntm\.15\.1”: .*120/);
    assert.match(second, /^goi-mot-phan-hop-le\.json — Hồ sơ thứ 4 — Xã Không Có \(mã 99999\), năm 2024: Trường “dossiers\[3\]\.unit\.code”: .*không có trong danh mục/);
    assert.equal(await listed.first().getAttribute('data-entry'), '1');
    assert.match(await page.innerText(`${tid('import-refused')} >> xpath=..`), /2 hồ sơ trong tệp gói bị loại/);
    const summary = await page.innerText(tid('import-summary'));
    assert.match(summary, /7 hồ sơ hợp lệ, thêm 7 hồ sơ vào bảng/);
    assert.match(summary, /2 hồ sơ trong tệp gói bị loại \(các hồ sơ hợp lệ khác của tệp vẫn được nhận\)/);
    assert.doesNotMatch(summary, /tệp bị từ chối/, 'the bundle itself is not refused');

    // Sorted by name: ă after a, đ after d (in bytes "Bắc Lý" would follow "Bình Nghĩa" and
    // "Đồng Du" would come last).
    const unitHeader = page.locator(`${tid('consolidation-table')} thead th`, { hasText: /^Xã/ });
    await unitHeader.locator('button').click();
    const vietnamese = ['13588', '13504', '13516', '13426', '13450', '13327', '13306'];
    assert.deepEqual(await unitOrder(page), vietnamese, 'Bắc Lý, Bình Nghĩa, Đồng Du, Kim Bình, Liêm Phong, Mộc Hoàn, Phù Vân');
    await unitHeader.locator('button').click();
    assert.deepEqual(await unitOrder(page), [...vietnamese].reverse());
    // Districts are listed in the same order.
    const districts = await page.locator('#filter-district option').allInnerTexts();
    assert.deepEqual(districts, ['Tất cả', 'Huyện Bình Lục', 'Huyện Lý Nhân', 'Huyện Thanh Liêm', 'Thành phố Phủ Lý', 'Thị xã Duy Tiên', 'Thị xã Kim Bảng']);
    await screenshot(page, 'cons-partial-bundle', { fullPage: true });
  });

  it('keeps the waiting duplicate choice and the refused files over a reload', async () => {
    const { page } = app;
    await importFolder(page);
    const group = () => page.locator(`${tid('duplicate-group')}[data-unit="13426"][data-year="2024"]`);
    await group().waitFor();
    assert.equal(await rows(page).count(), 4);

    await reloadApp(page);
    await gotoConsolidation(page);
    await group().waitFor();
    // Both versions are offered again, each named by its file; neither is in the table yet.
    const options = (await group().locator('label').allInnerTexts()).join('\n');
    assert.equal(await group().locator('input[type="radio"]').count(), 2);
    assert.match(options, /tệp “ho-so-13426-2024\.json”/);
    assert.match(options, /tệp “ho-so-13426-2024-ban-sua\.json”/);
    assert.equal(await rows(page).count(), 4);
    // The refused files of the import are listed again, with their reasons.
    const refused = page.locator(`${tid('import-refused')} > li`);
    assert.equal(await refused.count(), 3);
    assert.match(await page.innerText(tid('import-refused')), /ty-le-120\.json.*120/s);
    assert.equal(await page.locator(tid('pending-notice')).count(), 0, 'everything fitted in storage');

    // The choice made after the reload sticks, and the group is gone after another reload.
    await group().locator('input[type="radio"]').nth(1).check();
    await group().getByRole('button', { name: 'Giữ bản này' }).click();
    await page.waitForSelector(tid('duplicate-group'), { state: 'detached' });
    assert.equal(await rows(page).count(), 5);
    await reloadApp(page);
    await gotoConsolidation(page);
    await page.waitForSelector(tid('consolidation-row'));
    assert.equal(await rows(page).count(), 5);
    assert.equal(await page.locator(tid('duplicate-group')).count(), 0);
    await page.locator(`${tid('consolidation-row')}[data-unit="13426"] button.link-button`).click();
    assert.match(await page.locator(tid('detail-ind-ntm-15.1')).innerText(), /90 %/, 'the edited version was kept');
  });

  it('long lists show a page at a time', async () => {
    const { page } = app;
    await openApp(page, '#/tong-hop');
    const units = fs.readFileSync(path.join(DIR, '..', '..', '..', '..', 'core', 'data', 'ha_nam_units.csv'), 'utf8')
      .trim().split(/\r?\n/).slice(1).map((l) => l.split(',')).filter((u) => u[6] === 'xa');
    const file = (name, value) => ({ name, mimeType: 'application/json', buffer: Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)) });
    const dossier = (u, pct) => ({
      format: 'chung-suc/dossier', version: 1,
      unit: { code: u[4], name: u[5], district_code: u[2] },
      year: 2024, values: { ntm: { '15.1': pct } }, conditions: {}, evidence: {},
    });
    const files = [];
    for (let i = 0; i < 25; i++) files.push(file(`hong-${String(i).padStart(2, '0')}.json`, '{ "format": '));
    // 12 communes sent twice, one sent six times: 13 commune-years waiting for a choice.
    for (const u of units.slice(0, 12)) for (const pct of [80, 81]) files.push(file(`ho-so-${u[4]}-${pct}.json`, dossier(u, pct)));
    for (const pct of [60, 61, 62, 63, 64, 65]) files.push(file(`ho-so-${units[12][4]}-${pct}.json`, dossier(units[12], pct)));
    await page.setInputFiles('#import-many', files);
    await page.waitForFunction((n) => new RegExp(`Đã đọc ${n} tệp`).test(document.querySelector('[data-testid="import-summary"]')?.textContent || ''), files.length);

    // Refused: 20 shown, then the rest.
    const refused = page.locator(`${tid('import-refused')} > li`);
    assert.equal(await refused.count(), 20);
    assert.match(await page.innerText(tid('refused-more')), /^Xem thêm 5 \(còn 5\)$/);
    await page.click(tid('refused-more'));
    assert.equal(await refused.count(), 25);
    assert.equal(await page.locator(tid('refused-more')).count(), 0);

    // Waiting commune-years: 10 shown, then the rest; a group with many versions shows four.
    const groups = page.locator(tid('duplicate-group'));
    assert.equal(await groups.count(), 10);
    assert.match(await page.innerText(tid('duplicates')), /13 xã-năm có nhiều bản khác nhau/);
    await page.click(tid('duplicates-more'));
    assert.equal(await groups.count(), 13);
    const six = page.locator(`${tid('duplicate-group')}[data-unit="${units[12][4]}"]`);
    assert.equal(await six.locator('input[type="radio"]').count(), 4);
    await six.locator(tid('show-all-versions')).click();
    assert.equal(await six.locator('input[type="radio"]').count(), 6);
    // Choosing the last version keeps it (its index, not its place on the page).
    await six.locator('input[type="radio"]').nth(5).check();
    await six.getByRole('button', { name: 'Giữ bản này' }).click();
    await six.waitFor({ state: 'detached' });
    assert.equal(await groups.count(), 12);
    assert.equal(await rows(page).count(), 1);
    const kept = JSON.parse((await download(page, '#export-bundle')).text);
    assert.deepEqual(kept.dossiers.map((d) => [d.unit.code, d.values.ntm['15.1']]), [[units[12][4], 65]]);
  });

  it('evaluates the rows again when the rules change', async () => {
    const { page } = app;
    await openApp(page, '#/tu-danh-gia');
    await importRules(page);
    await gotoConsolidation(page);
    await importFiles(page, GOOD.map(F));
    assert.equal(await counts(page), '5 hồ sơ · 2 đạt NTM · 2 nâng cao · 2 kiểu mẫu');
    // Back to the built-in rules, which lack most thresholds: every row is evaluated again (in
    // slices) and no commune reaches a level any more.
    await page.getByRole('link', { name: 'Bộ tiêu chí', exact: true }).first().click();
    await page.click('#reset-rules');
    const dialog = page.getByRole('dialog', { name: 'Dùng bộ tiêu chí gốc?' });
    await dialog.getByRole('button', { name: 'Khôi phục bộ gốc' }).click();
    await page.waitForFunction(() => !/kiem-thu-day-du/.test(document.querySelector('[data-testid="active-rules"]')?.textContent || ''));
    await gotoConsolidation(page);
    await page.waitForFunction(() => document.querySelector('[data-testid="consolidation-row"][data-unit="13306"]')?.dataset.level === 'chua_dat');
    await page.waitForSelector(tid('rows-evaluating'), { state: 'detached' });
    assert.equal(await counts(page), '5 hồ sơ · 0 đạt NTM · 0 nâng cao · 0 kiểu mẫu');
  });

  it('prints the table on A4 landscape with unit, date and rules', async () => {
    const { page } = app;
    await page.addInitScript(() => {
      window.__printed = 0;
      window.print = () => { window.__printed += 1; };
    });
    await openApp(page, '#/tu-danh-gia');
    await importRules(page);
    await gotoConsolidation(page);
    await importFiles(page, GOOD.map(F));
    await page.selectOption('#filter-district', '347');
    await page.click('#print-consolidated');
    await page.waitForFunction(() => window.__printed === 1);
    await page.emulateMedia({ media: 'print' });
    const sheet = page.locator(tid('consolidation-print'));
    assert.ok(await sheet.isVisible(), 'print view not visible in print media');
    assert.equal(await page.locator(tid('consolidation-table')).isVisible(), false, 'the screen table is printed too');
    const text = (await sheet.innerText()).replace(/\s+/g, ' ');
    assert.match(text, /Thành phố Phủ Lý/);
    assert.match(text, /kiem-thu-day-du \(mã băm [0-9a-f]{12}\)/);
    assert.match(text, /Ngày in: \d\d\/\d\d\/\d{4}/);
    assert.equal(await sheet.locator('tbody tr').count(), 2);
    const pdf = await page.pdf({ preferCSSPageSize: true });
    assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
    await screenshot(page, 'cons-print');
  });

  it('odd files are taken with remarks, an empty one is named, same-named files are told apart, kept values go out in the bundle', async () => {
    const { page } = app;
    await openApp(page, '#/tong-hop');
    await page.waitForSelector('#import-many', { state: 'attached' });
    const payload = (name, text) => ({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
    const fixtureText = (name) => fs.readFileSync(path.join(FIXTURES, name), 'utf8');
    const kimBinh = (pct, extra = {}) => JSON.stringify({
      format: 'chung-suc/dossier', version: 1,
      unit: { code: '13426', name: 'Xã Kim Bình', district_code: '347' },
      year: 2024, values: { ntm: { '15.1': pct } }, conditions: {}, evidence: extra,
    });
    await page.setInputFiles('#import-many', [
      payload('ho-so-chi-tieu-tinh.json', fixtureText('ho-so-chi-tieu-tinh.json')),
      payload('rong.json', ''),
      // Two files of the same name, from two folders.
      payload('ho-so.json', kimBinh(80)),
      payload('ho-so.json', kimBinh(95, { ntm: { '15.1': 'Danh sách BHYT năm 2024 của 12 thôn' } })),
    ]);
    await page.waitForFunction(() => /Đã đọc 4 tệp/.test(document.querySelector('[data-testid="import-summary"]')?.textContent || ''));
    assert.match(await page.innerText(`${tid('refused-item')}[data-file="rong.json"]`), /Tệp rỗng/);
    const remark = await page.innerText(`${tid('remark-item')}[data-file="ho-so-chi-tieu-tinh.json"]`);
    assert.match(remark, /3 chỉ tiêu không có trong bộ tiêu chí đang dùng — nạp bộ tiêu chí của tỉnh/);

    // The two versions say which file each is and how they differ.
    const group = page.locator(`${tid('duplicate-group')}[data-unit="13426"]`);
    const options = await group.locator('label').allInnerTexts();
    assert.equal(options.length, 2);
    for (const o of options) assert.match(o, /tệp “ho-so\.json” \(\d+ byte, sửa lần cuối \d\d\/\d\d\/\d{4} \d\d:\d\d\)/);
    assert.match(options[0], /khác các bản kia ở: 15\.1: 80 %/);
    assert.match(options[1], /khác các bản kia ở: 15\.1: 95 %/);
    assert.notEqual(options[0].match(/\d+ byte/)[0], options[1].match(/\d+ byte/)[0]);
    await group.screenshot({ path: path.join(ARTIFACTS, 'cons-duplicates-same-name.png') });
    await page.locator(tid('import-remarks')).screenshot({ path: path.join(ARTIFACTS, 'cons-import-remarks.png') });
    await group.locator('input[type="radio"]').nth(1).check();
    await group.getByRole('button', { name: 'Giữ bản này' }).click();
    await page.waitForSelector(tid('duplicate-group'), { state: 'detached' });

    // The detail lists the kept values; they never count.
    await page.locator(`${tid('consolidation-row')}[data-unit="13306"] button.link-button`).click();
    const kept = page.locator(`${tid('consolidation-detail')} ${tid('kept-values')}`);
    await kept.waitFor();
    assert.equal(await kept.locator(tid('kept-row')).count(), 3);
    assert.match(await kept.innerText(), /chỉ tiêu không có trong bộ tiêu chí đang dùng — nạp bộ tiêu chí của tỉnh/);
    assert.match(await kept.locator(`${tid('kept-row')}[data-code="HN.1"]`).innerText(), /94,99/);
    await kept.screenshot({ path: path.join(ARTIFACTS, 'cons-detail-kept-values.png') });

    // Exported again in the bundle, unchanged.
    const source = JSON.parse(fixtureText('ho-so-chi-tieu-tinh.json'));
    const bundle = JSON.parse((await download(page, '#export-bundle')).text);
    const phuVan = bundle.dossiers.find((d) => d.unit.code === '13306');
    assert.deepEqual(phuVan.values, source.values);
    assert.deepEqual(phuVan.evidence, source.evidence);
  });
});

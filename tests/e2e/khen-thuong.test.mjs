// Khen thưởng: the nomination register on #/khen-thuong. Candidates of three groups (a commune
// linked to its self-assessment dossier, an official, an enterprise) get their verdicts with the
// legal reasons; a quota exceeded is warned; the list for Excel, the register JSON (exported,
// imported back unchanged), a refused file, a reload; the register of good models (accent-free
// search, one achievement shared by two nominations, CSV); the printed list; history rows edited
// in place; counts typed with thousands marks; the Giấy khen amount by who decides.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {
  ARTIFACTS, download, expectAttr, fixture, FIXTURES, openApp, reloadApp, screenshot, tid, useApp,
} from './harness.mjs';
import { parseCsv } from './csv.mjs';

const app = useApp();
const CONS = (name) => path.join(FIXTURES, 'consolidation', name);

const CSV_HEADER = [
  'STT', 'Tên cá nhân, tập thể', 'Nhóm đối tượng', 'Đơn vị', 'Thành tích', 'Hình thức đề nghị',
  'Kết luận', 'Lý do', 'Căn cứ pháp lý', 'Tiền thưởng dự tính (đồng)',
];

/** Test rules with every threshold (Phù Vân 2024 reaches kiểu mẫu), then the dossier as a draft. */
async function communeDossier(page) {
  await openApp(page, '#/bo-tieu-chi');
  await page.waitForSelector('#import-rules', { state: 'attached' });
  await page.setInputFiles('#import-rules', CONS('bo-tieu-chi-kiem-thu.json'));
  await page.waitForFunction(() => /kiem-thu-day-du/.test(document.querySelector('[data-testid="active-rules"]')?.textContent || ''));
  await page.getByRole('link', { name: 'Tự đánh giá', exact: true }).first().click();
  await page.waitForSelector('#import-dossier', { state: 'attached' });
  await page.setInputFiles('#import-dossier', CONS('ho-so-13306-2024.json'));
  await page.waitForSelector(`${tid('import-ok')}, ${tid('import-error')}`);
  const err = page.locator(tid('import-error'));
  if (await err.count()) assert.fail(`dossier import failed: ${await err.textContent()}`);
}

async function gotoAwards(page) {
  await page.getByRole('link', { name: 'Khen thưởng', exact: true }).first().click();
  await page.waitForSelector(tid('add-candidate-form'));
}

async function addCandidate(page, { name, group, subject, award }) {
  await page.fill('#new-name', name);
  await page.selectOption('#new-group', group);
  if (subject) await page.selectOption('#new-subject', subject);
  await page.selectOption('#new-award', award);
  await page.click('#add-candidate');
  await page.waitForFunction(
    (n) => (document.querySelector('#kt-editor-h')?.textContent || '').includes(n),
    name,
  );
}

const row = (page, name) => page.locator(tid('candidate-row'), { has: page.locator('th.khen-thuong-name', { hasText: name }) });

async function expectRowVerdict(page, name, verdict) {
  try {
    await page.waitForFunction(
      ({ name, verdict }) => [...document.querySelectorAll('[data-testid="candidate-row"]')]
        .some((tr) => tr.querySelector('th.khen-thuong-name')?.textContent === name && tr.dataset.verdict === verdict),
      { name, verdict },
      { timeout: 5000 },
    );
  } catch {
    const got = await row(page, name).getAttribute('data-verdict').catch(() => '(no row)');
    assert.equal(got, verdict, `verdict of ${name}: ${await row(page, name).innerText().catch(() => '')}`);
  }
}

async function openJudgment(page, item) {
  const d = page.locator(tid(`judgment-${item}`));
  if (!(await d.evaluate((el) => el.open))) await d.locator('summary').click();
}

async function addEvidence(page, item, { doc, desc, figure }) {
  await openJudgment(page, item);
  await page.fill(`#ev-${item}-doc`, doc);
  if (desc) await page.fill(`#ev-${item}-desc`, desc);
  if (figure) await page.fill(`#ev-${item}-figure`, figure);
  await page.click(tid(`evidence-add-${item}`));
}

async function councilAccepts(page, item, minutes, date) {
  await openJudgment(page, item);
  await page.check(`#council-${item}-cong_nhan`);
  await page.fill(`#council-${item}-minutes`, minutes);
  await page.fill(`#council-${item}-date`, date);
}

async function waitSaved(page) {
  await page
    .waitForFunction((sel) => /Đã lưu/.test(document.querySelector(sel)?.textContent || ''), tid('kt-save-status'))
    .catch(async () => assert.fail(`register never saved: ${await page.textContent(tid('kt-save-status'))}`));
}

/** The three candidates of the main test, on 1 September 2025 (Nghị định 152/2025). */
async function buildRegister(page) {
  await page.fill('#kt-unit', 'UBND huyện Bình Lục');
  await page.fill('#kt-date', '2025-09-01');
  assert.match(await page.textContent(tid('regime-name')), /Nghị định 152\/2025\/NĐ-CP/);

  // 1. A commune (group c), linked to its dossier: kiểu mẫu, no XDCB debt.
  await addCandidate(page, { name: 'UBND xã Phù Vân', group: 'c', award: 'bang_khen_tinh' });
  await page.selectOption('#cand-commune', '13306|2024');
  const facts = await page.locator(tid('commune-facts')).innerText();
  assert.match(facts, /kiểu mẫu/, facts);
  assert.match(facts, /0 đ/, facts);
  // No evidence yet for "xã tiêu biểu": missing information, never met.
  await expectAttr(page, tid('form-bang_khen_tinh'), 'data-verdict', 'thieu_thong_tin');
  await addEvidence(page, 'xa_tieu_bieu', { doc: '215/BC-UBND', desc: 'Báo cáo tổng kết của huyện' });
  await expectAttr(page, tid('form-bang_khen_tinh'), 'data-verdict', 'can_hoi_dong_xet');
  const commune = await page.locator(tid('form-bang_khen_tinh')).innerText();
  assert.match(commune, /Hồ sơ năm 2024 đạt “Đạt chuẩn nông thôn mới kiểu mẫu”/);
  assert.match(commune, /Nợ đọng xây dựng cơ bản: 0 đ/);
  assert.match(commune, /chờ Hội đồng xét/);
  assert.match(commune, /Điều 74 khoản 3/);

  // 2. An official (group đ, cá nhân) on merit: two consecutive CSTĐCS titles (Điều 74 k1 d).
  await addCandidate(page, { name: 'Bà Trần Thị Bình', group: 'dd_can_bo', award: 'bang_khen_tinh' });
  await page.fill('#cand-unit', 'Phòng Nông nghiệp huyện Bình Lục');
  await page.fill('#cand-achievement', 'Tham mưu cơ chế hỗ trợ xi măng làm đường giao thông nông thôn');
  await page.selectOption('#cand-basis', 'cong_trang');
  await page.selectOption('#cand-standard', 'bkt_k1d_cstdcs');
  await page.locator(tid('history-editor')).locator('summary').click();
  for (const year of ['2023', '2024']) {
    await page.selectOption('#hist-title', 'chien_si_thi_dua_co_so');
    await page.fill('#hist-title-year', year);
    await page.click('#hist-title-add');
  }
  await page.fill('#hist-rating-year', '2024');
  await page.selectOption('#hist-rating', 'hoan_thanh_xuat_sac');
  await page.click('#hist-rating-add');
  assert.equal(await page.locator(tid('hist-title-row')).count(), 2);
  // Evidence alone is never enough: the council's decision is.
  await addEvidence(page, 'sang_kien_chinh_sach', { doc: '12/QĐ-UBND', desc: 'Sáng kiến được công nhận' });
  await addEvidence(page, 'chap_hanh', { doc: '03/NX-CB', desc: 'Nhận xét của chi bộ' });
  await expectAttr(page, tid('form-bang_khen_tinh'), 'data-verdict', 'can_hoi_dong_xet');
  await councilAccepts(page, 'sang_kien_chinh_sach', '05/BB-HĐTĐKT', '2025-08-20');
  await councilAccepts(page, 'chap_hanh', '05/BB-HĐTĐKT', '2025-08-20');
  await expectAttr(page, tid('form-bang_khen_tinh'), 'data-verdict', 'du_dieu_kien');
  const official = await page.locator(tid('form-bang_khen_tinh')).innerText();
  assert.match(official, /Đạt tiêu chuẩn Luật Thi đua, khen thưởng số 06\/2022\/QH15, Điều 74 khoản 1 điểm d/);
  assert.match(official, /Chiến sĩ thi đua cơ sở các năm: 2023, 2024/);
  assert.match(official, /Hội đồng đã xác nhận/);
  assert.match(official, /biên bản 05\/BB-HĐTĐKT, ngày 20\/08\/2025/);
  // 1,5 × 2.340.000 đ (Nghị định 152/2025, Điều 54), an estimate.
  const money = await page.locator(tid('money-bang_khen_tinh')).innerText();
  assert.match(money, /Tiền thưởng \(ước tính\)/i);
  assert.match(money, /3\.510\.000 đ/);
  assert.match(money, /1,5 × lương cơ sở 2\.340\.000 đ/);
  // Highest form first; HCLĐ hạng Nhất is not open to this subject on verified grounds.
  const forms = await page.locator(`${tid('verdicts')} details.khen-thuong-form`).evaluateAll((ds) => ds.map((d) => d.dataset.testid));
  assert.deepEqual(forms, [
    'form-hcld_hang_nhat', 'form-hcld_hang_nhi', 'form-hcld_hang_ba', 'form-bang_khen_ttg',
    'form-bang_khen_tinh', 'form-giay_khen',
  ]);
  // HCLĐ hạng Ba fails (no Bằng khen Thủ tướng); the classes above say why they are still open.
  await expectAttr(page, tid('form-hcld_hang_ba'), 'data-verdict', 'khong_du_dieu_kien');
  await page.locator(tid('ladder-tag-hcld_hang_nhat')).waitFor();
  await page.locator(`${tid('form-hcld_hang_nhat')} summary`).click();
  assert.match(
    await page.textContent(tid('ladder-note-hcld_hang_nhat')),
    /Lưu ý thứ bậc: Huân chương Lao động hạng Ba không đủ điều kiện vì chưa đạt “Đã được tặng Bằng khen của Thủ tướng Chính phủ/,
  );
  await screenshot(page, 'awards-candidate-verdicts');
  await page.locator(`${tid('form-hcld_hang_nhat')} summary`).click();

  // 3. An enterprise (group d) proposed for a Giấy khen: no evidence yet.
  await addCandidate(page, { name: 'HTX Nông nghiệp Tiên Phong', group: 'd', award: 'giay_khen' });
  await expectAttr(page, tid('form-giay_khen'), 'data-verdict', 'thieu_thong_tin');
  const enterprise = await page.locator(tid('form-giay_khen')).innerText();
  assert.match(enterprise, /Chưa có minh chứng cho “Có đóng góp cụ thể, thiết thực/);

  await expectRowVerdict(page, 'UBND xã Phù Vân', 'can_hoi_dong_xet');
  await expectRowVerdict(page, 'Bà Trần Thị Bình', 'du_dieu_kien');
  await expectRowVerdict(page, 'HTX Nông nghiệp Tiên Phong', 'thieu_thong_tin');
}

describe('awards (khen thưởng)', () => {
  it('verdicts of three groups, a quota warning, CSV, JSON round trip and a reload', async () => {
    const { page } = app;
    await communeDossier(page);
    await gotoAwards(page);
    await buildRegister(page);

    // The table says the verdict in words, with the reason.
    assert.match(await row(page, 'Bà Trần Thị Bình').innerText(), /Đủ điều kiện/);
    assert.match(await row(page, 'UBND xã Phù Vân').innerText(), /Cần Hội đồng xét/);
    assert.match(await row(page, 'HTX Nông nghiệp Tiên Phong').innerText(), /Thiếu thông tin/);
    await page.selectOption('#filter-group', 'c');
    assert.equal(await page.locator(tid('candidate-row')).count(), 1);
    await page.selectOption('#filter-group', '');
    await page.selectOption('#filter-award', 'bang_khen_tinh');
    assert.equal(await page.locator(tid('candidate-row')).count(), 2);
    await page.selectOption('#filter-award', '');

    // Quota: at most one Bằng khen of the province; two are proposed.
    assert.equal(await page.locator(tid('quota-exceeded-bang_khen_tinh')).count(), 0);
    await page.locator('details.khen-thuong-sub', { hasText: 'Giới hạn số lượng' }).locator('summary').click();
    await page.fill('#quota-max-bang_khen_tinh', '1');
    await page.fill('#quota-src-bang_khen_tinh', 'Kế hoạch 25/KH-UBND');
    const warning = page.locator(tid('quota-exceeded-bang_khen_tinh'));
    await warning.waitFor();
    assert.equal(await warning.getAttribute('role'), 'alert');
    assert.match(await warning.innerText(), /Vượt giới hạn: 2 đề nghị.*tối đa 1/s);
    const summary = await page.locator(tid('summary-bang_khen_tinh')).innerText();
    assert.match(summary, /Đề nghị: 2/);
    assert.match(summary, /tối đa 1 — Kế hoạch 25\/KH-UBND/);
    // Ranked: đủ điều kiện before cần Hội đồng xét.
    const ranked = await page.locator(`${tid('summary-bang_khen_tinh')} ${tid('ranked-item')}`).allInnerTexts();
    assert.match(ranked[0], /Bà Trần Thị Bình/);
    assert.match(ranked[1], /UBND xã Phù Vân/);
    assert.match(await page.textContent(tid('ranking-order')), /Thứ tự xếp hạng/);
    await waitSaved(page);
    await page.click('#close-candidate');
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'awards-register', { fullPage: true });

    // The list for Excel: BOM, header, one row per candidate, verdicts in words.
    const csv = await download(page, '#export-nominations-csv');
    assert.equal(csv.name, 'danh-sach-de-nghi-khen-thuong.csv');
    assert.deepEqual([...csv.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'CSV for Excel starts with a BOM');
    const table = parseCsv(csv.text.slice(1)).filter((r) => r.length > 1);
    assert.deepEqual(table[0], CSV_HEADER);
    assert.equal(table.length, 4, 'header + one row per candidate');
    assert.deepEqual(table.slice(1).map((r) => [r[0], r[1], r[6]]), [
      ['1', 'UBND xã Phù Vân', 'Cần Hội đồng xét'],
      ['2', 'Bà Trần Thị Bình', 'Đủ điều kiện'],
      ['3', 'HTX Nông nghiệp Tiên Phong', 'Thiếu thông tin'],
    ]);
    assert.match(table[2][8], /Điều 74 khoản 1 điểm d/);
    assert.equal(table[2][9], '3.510.000');
    assert.match(table[2][5], /Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh \(theo công trạng\)/);

    // The register JSON, imported back: the same document.
    const first = await download(page, '#export-nominations-json');
    assert.equal(first.name, 'danh-sach-khen-thuong.json');
    assert.notEqual(first.bytes[0], 0xef, 'no BOM in JSON');
    const json = JSON.parse(first.text);
    assert.equal(json.format, 'chung-suc/danh-sach-khen-thuong');
    assert.equal(json.unit, 'UBND huyện Bình Lục');
    assert.equal(json.decision_date, '2025-09-01');
    assert.deepEqual(json.candidates.map((c) => c.group), ['c', 'dd_can_bo', 'd']);
    assert.deepEqual(json.candidates[0].commune, { code: '13306', year: 2024 });
    assert.deepEqual(json.quotas, [{ award: 'bang_khen_tinh', max_count: 1, source: 'Kế hoạch 25/KH-UBND' }]);
    assert.deepEqual(json.candidates[1].judgments.chap_hanh.council, {
      accepted: true, minutes: '05/BB-HĐTĐKT', date: '2025-08-20',
    });

    // Change something, then import the file: it asks first, then restores the exported list.
    await page.fill('#kt-unit', 'Đơn vị khác');
    await page.setInputFiles('#import-nominations', {
      name: 'danh-sach-khen-thuong.json', mimeType: 'application/json', buffer: first.bytes,
    });
    const dialog = page.locator('dialog.confirm-dialog[open]');
    await dialog.waitFor();
    assert.match(await dialog.innerText(), /3 ứng viên/);
    await page.click(tid('kt-replace-confirm'));
    await page.waitForSelector(tid('kt-file-ok'));
    assert.equal(
      await page.textContent(tid('kt-file-ok')),
      'Đã thay danh sách bằng 3 ứng viên từ tệp danh-sach-khen-thuong.json; không mục nào bị bỏ qua.',
    );
    assert.equal(await page.inputValue('#kt-unit'), 'UBND huyện Bình Lục');
    const again = await download(page, '#export-nominations-json');
    assert.equal(again.text, first.text, 'export → import → export gives the same file');

    // Reload: the register is kept, verdicts and all.
    await waitSaved(page);
    await reloadApp(page);
    await page.waitForSelector(tid('candidate-table'));
    assert.equal(await page.locator(tid('candidate-row')).count(), 3);
    assert.equal(await page.inputValue('#kt-unit'), 'UBND huyện Bình Lục');
    // Dates are shown dd/mm/yyyy whatever the browser's language (ui/date_input.rs).
    assert.equal(await page.inputValue('#kt-date'), '01/09/2025');
    await expectRowVerdict(page, 'UBND xã Phù Vân', 'can_hoi_dong_xet');
    await expectRowVerdict(page, 'Bà Trần Thị Bình', 'du_dieu_kien');
    await expectRowVerdict(page, 'HTX Nông nghiệp Tiên Phong', 'thieu_thong_tin');
    await page.locator(tid('quota-exceeded-bang_khen_tinh')).waitFor();
    assert.equal(await page.inputValue('#quota-max-bang_khen_tinh'), '1');

    // The printed list: A4, header with the unit and the rules id, one row per candidate.
    await page.emulateMedia({ media: 'print' });
    const print = page.locator(tid('nominations-print'));
    assert.ok(await print.isVisible(), 'the print view shows on paper');
    assert.ok(!(await page.locator(tid('candidate-table')).isVisible()), 'the screen table is not printed');
    assert.equal(await page.textContent(tid('nominations-print-title')), 'DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG');
    assert.equal(await page.textContent(tid('print-rules-id')), 'khen-thuong-2021-2025');
    const printed = await print.innerText();
    assert.match(printed, /UBND HUYỆN BÌNH LỤC/);
    assert.match(printed, /Điều 74 khoản 1 điểm d/);
    assert.match(printed, /3\.510\.000 đ/);
    assert.match(printed, /TM\. Hội đồng Thi đua – Khen thưởng/);
    assert.equal(await page.locator(tid('print-row')).count(), 3);
    await screenshot(page, 'awards-print', { fullPage: true });
    await page.emulateMedia({ media: 'screen' });
  });

  it('a refused register file changes nothing; a deleted candidate is asked for first', async () => {
    const { page } = app;
    await openApp(page, '#/khen-thuong');
    await page.waitForSelector(tid('add-candidate-form'));
    await addCandidate(page, { name: 'Ông Lê Văn Cường', group: 'dd_nguoi_lao_dong', award: 'giay_khen' });
    await page.setInputFiles('#import-nominations', fixture('awards-hong.json'));
    const err = page.locator(tid('kt-file-error'));
    await err.waitFor();
    assert.match(
      await err.innerText(),
      /^Tệp awards-hong\.json: candidates\[0\]\.group — Nhóm đối tượng “xa_phuong” không có trong kế hoạch\.$/,
    );
    assert.equal(await page.locator('dialog.confirm-dialog[open]').count(), 0, 'nothing is asked');
    assert.equal(await page.locator(tid('candidate-row')).count(), 1, 'the register is unchanged');

    // A number typed the Vietnamese way or with a point; invalid text is kept but not stored.
    await page.locator('details.khen-thuong-sub', { hasText: 'Tham số' }).locator('summary').click();
    await page.fill('#param-nhieu_viec_lam', '25,5');
    await page.fill('#param-nhieu_san_pham_ocop', '4.5');
    await page.locator('details.khen-thuong-sub', { hasText: 'Giới hạn số lượng' }).locator('summary').click();
    await page.fill('#quota-pct-giay_khen', '120');
    assert.match(await page.locator(tid('quota-pct-giay_khen-error')).innerText(), /phải từ 0 đến 100/);
    const json = JSON.parse((await download(page, '#export-nominations-json')).text);
    assert.deepEqual(json.parameters, { nhieu_san_pham_ocop: 4.5, nhieu_viec_lam: 25.5 });
    assert.deepEqual(json.quotas, []);

    // A district's XDCB debt in đồng, typed the Vietnamese way; text that is not a whole
    // amount is kept in the field with its reason and not counted.
    await page.fill('#kt-date', '2024-10-01');
    await addCandidate(page, { name: 'UBND huyện Bình Lục', group: 'b', award: 'bang_khen_tinh' });
    await page.fill('#cand-debt', '1.250.000.000');
    await expectAttr(page, tid('form-bang_khen_tinh'), 'data-verdict', 'khong_du_dieu_kien');
    assert.match(
      await page.textContent(tid('form-summary-bang_khen_tinh')),
      /Còn nợ đọng xây dựng cơ bản 1\.250\.000\.000 đ \(kê khai\)/,
    );
    assert.match(await page.textContent(tid('proposed-verdict-status')), /Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh: Không đủ điều kiện/);
    await page.fill('#cand-debt', '12,5,5');
    assert.match(await page.locator(tid('cand-debt-error')).innerText(), /Không phải là số.*chưa được tính/s);
    await expectAttr(page, tid('form-bang_khen_tinh'), 'data-verdict', 'thieu_thong_tin');
    assert.match(await page.locator(tid('form-bang_khen_tinh')).innerText(), /Chưa có số nợ đọng xây dựng cơ bản \(kê khai\)/);
    await page.fill('#cand-debt', '0');
    await expectAttr(page, tid('form-bang_khen_tinh'), 'data-verdict', 'thieu_thong_tin');
    assert.match(await page.locator(tid('form-bang_khen_tinh')).innerText(), /Nợ đọng xây dựng cơ bản: 0 đ \(kê khai\)/);
    await page.click(`${tid('candidate-row')}:has-text("UBND huyện Bình Lục") ${tid('delete-candidate')}`);
    await page.click(tid('kt-delete-confirm'));
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="candidate-row"]').length === 1);

    await page.click(`${tid('candidate-row')} ${tid('delete-candidate')}`);
    const dialog = page.locator('dialog.confirm-dialog[open]');
    await dialog.waitFor();
    assert.match(await dialog.innerText(), /Ông Lê Văn Cường/);
    await dialog.getByRole('button', { name: 'Hủy' }).click();
    assert.equal(await page.locator(tid('candidate-row')).count(), 1);
    await page.click(`${tid('candidate-row')} ${tid('delete-candidate')}`);
    await page.click(tid('kt-delete-confirm'));
    await page.waitForFunction(() => !document.querySelector('[data-testid="candidate-row"]'));
  });

  it('good models: accent-free search, one achievement for two nominations, CSV', async () => {
    const { page } = app;
    await openApp(page, '#/khen-thuong');
    await page.waitForSelector(tid('good-models'));
    await page.fill('#kt-date', '2025-09-01');

    await page.selectOption('#model-kind', 'cach_lam');
    await page.fill('#model-name', 'Cách làm “Ngày thứ Bảy xanh”');
    await page.fill('#model-place', 'Xã Phù Vân, thành phố Phủ Lý');
    await page.fill('#model-who', 'Hội Phụ nữ xã');
    await page.fill('#model-results', 'Trồng hoa, cây xanh dọc các tuyến đường liên thôn.');
    await page.click('#model-add-figure');
    await page.fill('#model-fig-0-label', 'Đường hoa');
    await page.fill('#model-fig-0-value', '12,5');
    await page.fill('#model-fig-0-unit', 'km');
    await page.click('#model-save');
    await page.selectOption('#model-kind', 'mo_hinh');
    await page.fill('#model-name', 'Mô hình nuôi ong lấy mật OCOP');
    await page.click('#model-add-figure');
    await page.fill('#model-fig-0-label', 'Sản phẩm OCOP 3 sao');
    await page.fill('#model-fig-0-value', 'ba');
    await page.click('#model-save');
    assert.match(await page.locator(tid('model-error')).innerText(), /Số liệu dòng 1: không phải là số/);
    await page.fill('#model-fig-0-value', '2');
    await page.click('#model-save');
    const items = page.locator(tid('model-item'));
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="model-item"]').length === 2);

    await page.fill('#model-search', 'ngay thu bay');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="model-item"]').length === 1);
    assert.match(await items.first().innerText(), /Ngày thứ Bảy xanh/);
    assert.match(await items.first().innerText(), /12,5 km/);
    await page.fill('#model-search', 'OCOP');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="model-item"]').length === 1);
    assert.match(await items.first().innerText(), /nuôi ong/);
    await page.fill('#model-search', 'khong co gi');
    await page.locator(tid('model-none')).waitFor();
    await page.fill('#model-search', '');

    // Two nominations resting on the same model are one achievement: the second is refused.
    for (const name of ['Hội Phụ nữ xã Phù Vân', 'Bà Đinh Thị Hoa']) {
      await addCandidate(page, { name, group: 'dd_nguoi_lao_dong', award: 'giay_khen' });
      await page.selectOption('#cand-model', { label: 'Cách làm sáng tạo — Cách làm “Ngày thứ Bảy xanh”' });
    }
    assert.match(await page.textContent(tid('achievement-shared')), /Hội Phụ nữ xã Phù Vân/);
    await expectAttr(page, tid('form-giay_khen'), 'data-verdict', 'khong_du_dieu_kien');
    assert.match(
      await page.locator(tid('form-giay_khen')).innerText(),
      /Thành tích này đã được đề nghị ở dòng 1 \(Hội Phụ nữ xã Phù Vân\)/,
    );
    assert.match(await page.locator(tid('form-giay_khen')).innerText(), /Điều 5 khoản 2 điểm c/);
    await expectRowVerdict(page, 'Bà Đinh Thị Hoa', 'khong_du_dieu_kien');
    assert.notEqual(await row(page, 'Hội Phụ nữ xã Phù Vân').getAttribute('data-verdict'), 'khong_du_dieu_kien');

    await page.locator(tid('model-list')).screenshot({ path: path.join(ARTIFACTS, 'awards-good-models.png') });
    const csv = await download(page, '#export-models-csv');
    assert.deepEqual([...csv.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    const table = parseCsv(csv.text.slice(1)).filter((r) => r.length > 1);
    assert.equal(table[0][0], 'STT');
    assert.equal(table.length, 3);
    assert.deepEqual(table[1].slice(1, 4), ['Cách làm sáng tạo', 'Cách làm “Ngày thứ Bảy xanh”', 'Xã Phù Vân, thành phố Phủ Lý']);
    assert.equal(table[1][6], 'Đường hoa: 12,5 km');

    // Deleting a linked model asks, then unlinks the nominations.
    await items.first().getByRole('button', { name: /^Xóa/ }).click();
    const dialog = page.locator('dialog.confirm-dialog[open]');
    await dialog.waitFor();
    assert.match(await dialog.innerText(), /2 đề nghị khen thưởng đang liên kết/);
    await page.click(tid('kt-model-delete-confirm'));
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="model-item"]').length === 1);
    assert.equal(await page.inputValue('#cand-model'), '');
  });
  it('the Giấy khen amount follows who decides; not chosen gives no amount', async () => {
    const { page } = app;
    await openApp(page, '#/khen-thuong');
    await page.waitForSelector(tid('add-candidate-form'));
    // 15/05/2023: Nghị định 91/2017, base salary 1.490.000 đ (data_corrections.md D2, D4, §3.3).
    await page.fill('#kt-date', '2023-05-15');
    await addCandidate(page, { name: 'Ông Lê Văn Cường', group: 'dd_nguoi_lao_dong', award: 'giay_khen' });
    const decider = page.getByLabel('Cấp quyết định Giấy khen');
    assert.equal(await decider.inputValue(), '', 'a new candidate has no decider chosen');
    const money = page.locator(tid('money-giay_khen'));
    // Not chosen: no amount, both rates shown, so neither is paid silently.
    await page.waitForFunction((sel) => /Chưa chọn ai quyết định tặng Giấy khen/.test(document.querySelector(sel)?.textContent || ''), tid('money-giay_khen'));
    const open = await money.innerText();
    assert.match(open, /Chủ tịch UBND cấp xã quyết định: 0,15 × 1\.490\.000 đ = 230\.000 đ/);
    assert.match(open, /Thủ trưởng cơ quan, đơn vị, doanh nghiệp quyết định: 0,3 × 1\.490\.000 đ = 450\.000 đ/);
    await decider.scrollIntoViewIfNeeded();
    await money.scrollIntoViewIfNeeded();
    await screenshot(page, 'awards-giay-khen-chua-chon');

    // The commune chairman: 0,15 × 1.490.000 = 223.500 đ, rounded up to 230.000 đ.
    await decider.selectOption('chu_tich_ubnd_xa');
    await page.waitForFunction((sel) => /230\.000 đ =/.test(document.querySelector(sel)?.textContent || ''), tid('money-giay_khen'));
    assert.match(await money.innerText(), /0,15 × lương cơ sở 1\.490\.000 đ/);
    await money.scrollIntoViewIfNeeded();
    await screenshot(page, 'awards-giay-khen-decider');

    // From the keyboard, two options up: the head of a unit, 0,3 × = 447.000 → 450.000 đ.
    await decider.focus();
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    assert.equal(await decider.inputValue(), 'thu_truong_don_vi');
    await page.waitForFunction((sel) => /450\.000 đ =/.test(document.querySelector(sel)?.textContent || ''), tid('money-giay_khen'));
    assert.match(await money.innerText(), /do Thủ trưởng cơ quan, đơn vị, doanh nghiệp quyết định/);

    // Saved with the candidate.
    await decider.selectOption('chu_tich_ubnd_xa');
    await waitSaved(page);
    const json = JSON.parse((await download(page, '#export-nominations-json')).text);
    assert.equal(json.candidates[0].proposed.decider, 'chu_tich_ubnd_xa');
    await reloadApp(page);
    await page.waitForSelector(tid('candidate-table'));
    await page.click(`${tid('candidate-row')} ${tid('open-candidate')}`);
    assert.equal(await page.getByLabel('Cấp quyết định Giấy khen').inputValue(), 'chu_tich_ubnd_xa');
    assert.match(await page.locator(tid('money-giay_khen')).innerText(), /230\.000 đ/);

    // D8: "thực hiện từ 05 năm trở lên" is asked of the council, with the plan's dates shown.
    await page.fill('#kt-date', '2025-12-10');
    await page.selectOption('#cand-award', 'hcld_hang_ba');
    await page.locator(tid('judgment-phong_trao_tu_5_nam')).waitFor();
    const movement = page.locator(`${tid('standard-hcld3_k2a')} li[data-check="thieu_thong_tin"]`, { hasText: 'Phong trào thực hiện từ 05 năm trở lên' });
    await movement.waitFor();
    const why = await movement.innerText();
    assert.match(why, /Kế hoạch thực hiện Quyết định 587\/QĐ-TTg ngày 18\/05\/2022/);
    assert.match(why, /đến ngày quyết định 10\/12\/2025 là khoảng 3 năm 6 tháng/);
  });

  it('history rows are edited in place and kept; a count reads 6.000 as 6000', async () => {
    const { page } = app;
    await openApp(page, '#/khen-thuong');
    await page.waitForSelector(tid('add-candidate-form'));
    await addCandidate(page, { name: 'Ông Phạm Văn Dũng', group: 'dd_can_bo', award: 'bang_khen_tinh' });
    await page.locator(tid('history-editor')).locator('summary').click();

    // A year that is not four digits is refused, tied to its field.
    await page.fill('#hist-title-year', '24');
    await page.click('#hist-title-add');
    assert.match(await page.locator(tid('hist-title-error')).innerText(), /4 chữ số/);
    assert.equal(await page.getAttribute('#hist-title-year', 'aria-invalid'), 'true');
    assert.match(await page.getAttribute('#hist-title-year', 'aria-describedby'), /hist-title-error/);
    await page.fill('#hist-title-year', '2022');
    await page.click('#hist-title-add');
    await page.fill('#hist-initiative-year', '2023');
    await page.fill('#hist-initiative-name', 'Sổ tay nông thôn mới');
    await page.click('#hist-initiative-add');
    const title = page.locator(tid('hist-title-row'));
    await title.first().waitFor();
    assert.match(await title.first().innerText(), /2022/);

    // Sửa loads the row into the form; Hủy gives it up; Lưu replaces it (not a new row).
    await title.first().getByRole('button', { name: /^Sửa/ }).click();
    assert.equal(await page.inputValue('#hist-title-year'), '2022');
    assert.equal(await page.textContent('#hist-title-add'), 'Lưu');
    await page.click('#hist-title-cancel');
    assert.equal(await page.inputValue('#hist-title-year'), '');
    await title.first().getByRole('button', { name: /^Sửa/ }).click();
    await page.selectOption('#hist-title', 'lao_dong_tien_tien');
    await page.fill('#hist-title-year', '2021');
    await page.click('#hist-title-add');
    await page.waitForFunction(() => /2021/.test(document.querySelector('[data-testid="hist-title-row"]')?.textContent || ''));
    assert.equal(await title.count(), 1, 'edited, not added');
    assert.match(await title.first().innerText(), /Lao động tiên tiến/);
    const initiative = page.locator(tid('hist-initiative-row'));
    await initiative.first().getByRole('button', { name: /^Sửa/ }).click();
    assert.equal(await page.inputValue('#hist-initiative-name'), 'Sổ tay nông thôn mới');
    await page.fill('#hist-initiative-name', 'Sổ tay xây dựng nông thôn mới');
    await page.click('#hist-initiative-add');
    await page.waitForFunction(() => /Sổ tay xây dựng/.test(document.querySelector('[data-testid="hist-initiative-row"]')?.textContent || ''));
    assert.equal(await initiative.count(), 1);

    // A quota typed with a thousands mark is a whole count.
    await page.locator('details.khen-thuong-sub', { hasText: 'Giới hạn số lượng' }).locator('summary').click();
    await page.fill('#quota-max-giay_khen', '6.000');
    assert.equal(await page.locator(tid('quota-max-giay_khen-error')).count(), 0);
    await waitSaved(page);

    // Reload: the edited rows are what was kept.
    await reloadApp(page);
    await page.waitForSelector(tid('candidate-table'));
    await page.click(`${tid('candidate-row')} ${tid('open-candidate')}`);
    await page.locator(tid('history-editor')).locator('summary').click();
    assert.equal(await title.count(), 1);
    assert.match(await title.first().innerText(), /2021.*Lao động tiên tiến/s);
    assert.match(await initiative.first().innerText(), /Sổ tay xây dựng nông thôn mới/);
    const json = JSON.parse((await download(page, '#export-nominations-json')).text);
    assert.deepEqual(json.candidates[0].history.titles, [{ title: 'lao_dong_tien_tien', year: 2021 }]);
    assert.equal(json.quotas.find((q) => q.award === 'giay_khen')?.max_count, 6000);
  });
});

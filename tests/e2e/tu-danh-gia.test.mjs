// (b) Create a draft, fill indicators, and see live outcomes, criterion outcomes and the summary.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  createDraft, download, expectAttr, gotoDrafts, openApp, screenshot, tid, typeInto, useApp,
} from './harness.mjs';

const app = useApp();
const OUT = (set, code) => tid(`outcome-${set}-${code}`);
const IN = (set, code) => tid(`input-${set}-${code}`);

describe('editor: live outcomes', () => {
  it('filters communes and creates a draft for Xã Phù Vân 2024', async () => {
    const { page } = app;
    await openApp(page, '#/tu-danh-gia');
    await gotoDrafts(page);
    const years = await page.locator('#new-year option').evaluateAll((os) => os.map((o) => o.value));
    for (const y of ['2021', '2022', '2023', '2024', '2025']) assert.ok(years.includes(y), `year ${y} missing`);
    const before = await page.locator('#new-commune option').count();
    await typeInto(page, '#commune-filter', 'Phù Vân');
    await page.waitForFunction(
      (n) => document.querySelectorAll('#new-commune option').length < n,
      before,
    );
    const values = await page.locator('#new-commune option').evaluateAll((os) => os.map((o) => o.value));
    assert.ok(values.includes('13306'), 'filter "Phù Vân" lost Xã Phù Vân (13306)');
    assert.ok(!values.includes('13426'), 'filter "Phù Vân" still lists Xã Kim Bình (13426)');
    await createDraft(page, '13306', '2024');
    const items = page.locator(`${tid('draft-item')}[data-unit="13306"][data-year="2024"]`);
    await gotoDrafts(page).catch(() => {});
    assert.equal(await items.count(), 1, 'exactly one draft item for 13306/2024');
    await screenshot(page, 'b-draft-created');
  });

  it('boolean indicators decide criterion 1 and the summary count', async () => {
    const { page } = app;
    await openApp(page, '#/tu-danh-gia');
    await createDraft(page);
    await expectAttr(page, tid('criterion-ntm-1'), 'data-outcome', 'chua_xac_dinh');
    await expectAttr(page, OUT('ntm', '1.1'), 'data-outcome', 'thieu_so_lieu');
    await page.waitForSelector(tid('summary-ntm'));
    assert.match(await page.textContent(tid('summary-ntm')), /Đạt 0\/19 tiêu chí/);

    await page.selectOption(IN('ntm', '1.1'), 'true');
    await expectAttr(page, OUT('ntm', '1.1'), 'data-outcome', 'dat');
    await expectAttr(page, tid('criterion-ntm-1'), 'data-outcome', 'chua_xac_dinh');
    await page.selectOption(IN('ntm', '1.2'), 'true');
    await expectAttr(page, OUT('ntm', '1.2'), 'data-outcome', 'dat');
    await expectAttr(page, tid('criterion-ntm-1'), 'data-outcome', 'dat');
    await page.waitForFunction((sel) => /Đạt 1\/19 tiêu chí/.test(document.querySelector(sel)?.textContent || ''), tid('summary-ntm'));
    await screenshot(page, 'b-criterion-1-dat');

    await page.selectOption(IN('ntm', '1.2'), 'false');
    await expectAttr(page, OUT('ntm', '1.2'), 'data-outcome', 'chua_dat');
    await expectAttr(page, tid('criterion-ntm-1'), 'data-outcome', 'chua_dat');
    await page.waitForFunction((sel) => /Đạt 0\/19 tiêu chí/.test(document.querySelector(sel)?.textContent || ''), tid('summary-ntm'));

    await page.selectOption(IN('ntm', '1.2'), '');
    await expectAttr(page, OUT('ntm', '1.2'), 'data-outcome', 'thieu_so_lieu');
    await expectAttr(page, tid('criterion-ntm-1'), 'data-outcome', 'chua_xac_dinh');

    // Built-in rules miss many thresholds: the level cannot be reached, and the blockers say why.
    await expectAttr(page, tid('level'), 'data-level', 'chua_dat');
    const blockers = (await page.textContent(tid('blockers'))) || '';
    assert.ok(blockers.trim().length > 0, 'blockers list is empty although the level is chua_dat');
  });

  it('a percent threshold: both sides of ≥ 95, comma and dot decimals, invalid text', async () => {
    const { page } = app;
    await openApp(page, '#/tu-danh-gia');
    await createDraft(page);
    const input = IN('ntm_nang_cao', '14.1');
    const out = OUT('ntm_nang_cao', '14.1');
    const err = tid('error-ntm_nang_cao-14.1');
    await page.waitForSelector(tid('required-ntm_nang_cao-14.1'));
    assert.match(await page.textContent(tid('required-ntm_nang_cao-14.1')), /95/);
    await expectAttr(page, out, 'data-outcome', 'thieu_so_lieu');

    // Outcomes follow the keys as they are typed (no need to leave the field).
    for (const [text, outcome] of [
      ['95', 'dat'],
      ['95,0', 'dat'],
      ['94,99', 'chua_dat'],
      ['94.99', 'chua_dat'],
      ['100', 'dat'],
      ['96,5', 'dat'],
    ]) {
      await typeInto(page, input, text);
      await expectAttr(page, out, 'data-outcome', outcome);
      assert.equal(await page.locator(err).count(), 0, `an error is shown for valid "${text}"`);
      assert.equal(await page.inputValue(input), text, 'the field keeps exactly the typed text');
    }
    await screenshot(page, 'b-threshold-dat');
    await typeInto(page, input, '94,99', { leave: true });
    await expectAttr(page, out, 'data-outcome', 'chua_dat');
    await expectAttr(page, tid('criterion-ntm_nang_cao-14'), 'data-outcome', 'chua_dat');
    await screenshot(page, 'b-threshold-chua-dat');

    await typeInto(page, input, 'abc', { leave: true });
    await page.waitForSelector(err);
    const msg = (await page.textContent(err)) || '';
    assert.ok(msg.trim().length > 0, 'the error element is empty');
    // Refused text is "Giá trị không hợp lệ", never "Chưa nhập số liệu".
    await expectAttr(page, out, 'data-outcome', 'khong_hop_le');
    assert.equal(await page.inputValue(input), 'abc', 'the invalid text is kept in the field');
    await screenshot(page, 'b-invalid-text');

    // The invalid text is not saved as a number: the exported dossier has no value for 14.1.
    // The export first names it; exported anyway, the file has no value for 14.1.
    await page.click('#export-json');
    await page.waitForSelector(tid('invalid-warning'));
    const { bytes } = await download(page, tid('invalid-export-anyway'));
    const d = JSON.parse(bytes.toString('utf8'));
    assert.equal(d.values?.ntm_nang_cao?.['14.1'], undefined, 'invalid text was exported as a value');

    // A percent above 100 is refused too.
    await typeInto(page, input, '120', { leave: true });
    await page.waitForSelector(err);
    await expectAttr(page, out, 'data-outcome', 'khong_hop_le');

    // Fixing the text clears the error.
    await typeInto(page, input, '95', { leave: true });
    await expectAttr(page, out, 'data-outcome', 'dat');
    await page.waitForSelector(err, { state: 'detached' });
  });

  it('indicators without a known threshold say so even with a value', async () => {
    const { page } = app;
    await openApp(page, '#/tu-danh-gia');
    await createDraft(page);
    await typeInto(page, IN('ntm', '15.1'), '96,2', { leave: true });
    await expectAttr(page, OUT('ntm', '15.1'), 'data-outcome', 'thieu_nguong');
    assert.equal(await page.locator(tid('error-ntm-15.1')).count(), 0);
    await expectAttr(page, tid('criterion-ntm-15'), 'data-outcome', 'chua_xac_dinh');
  });

  it('badges name the fact: threshold and code statuses are separate, a criterion shows its weakest', async () => {
    const { page } = app;
    await openApp(page, '#/tu-danh-gia');
    await createDraft(page);
    const status = async (id) => ((await page.textContent(tid(id))) || '').replace(/\s+/g, ' ').trim();
    await page.waitForSelector(tid('status-ntm-17.1'));
    // 17.1, 10, 11: the indicator exists in QĐ 318 (verified) but has no ĐBSH threshold (D11).
    for (const code of ['17.1', '10', '11']) {
      const s = await status(`status-ntm-${code}`);
      assert.match(s, /Ngưỡng: chưa có/, `${code}: ${s}`);
      assert.doesNotMatch(s, /đã xác minh/, `${code}: ${s}`);
      assert.notEqual(await page.getAttribute(OUT('ntm', code), 'data-outcome'), 'dat');
    }
    for (const crit of ['10', '11', '17']) {
      const s = await status(`crit-status-ntm-${crit}`);
      assert.doesNotMatch(s, /đã xác minh/, `criterion ${crit}: ${s}`);
    }
    assert.match(await status('crit-status-ntm-10'), /Ngưỡng: chưa có/);
    // NC 14.1 (D9): 95 % with no region in the source, codes inferred.
    const nc141 = await status('status-ntm_nang_cao-14.1');
    assert.match(nc141, /Ngưỡng: xác minh một phần/);
    assert.match(nc141, /Mã chỉ tiêu: xác minh một phần/);
    // A yes/no indicator whose wording is not checked.
    assert.match(await status('status-ntm-1.1'), /Mã chỉ tiêu: chưa xác minh/);
    // C3 (no XDCB debt, QĐ 18/2022): verified on both counts.
    assert.match(await status('status-dieu_kien_cong_nhan-C3'), /^✓ Ngưỡng: đã xác minh$/);
    assert.match(await status('crit-status-dieu_kien_cong_nhan-C3'), /đã xác minh/);
    // D10: the irrigation hint is shown and never judged.
    await typeInto(page, IN('ntm', '3.1'), '85', { leave: true });
    await expectAttr(page, OUT('ntm', '3.1'), 'data-outcome', 'thieu_nguong');
    assert.match(await page.locator('div.ind', { has: page.locator(IN('ntm', '3.1')) }).innerText(), /từ 80% trở lên \(giá trị chung, chưa xác nhận cho vùng ĐBSH\)/);
    await page.evaluate(() => document.querySelectorAll('details.criterion').forEach((d) => { d.open = true; }));
    await page.locator(tid('status-ntm-17.1')).scrollIntoViewIfNeeded();
    await screenshot(page, 'b-badges-17');
    await page.locator(tid('status-ntm_nang_cao-14.1')).scrollIntoViewIfNeeded();
    await screenshot(page, 'b-badges-nc-14');
  });

  it('conditions and evidence are entered and exported', async () => {
    const { page } = app;
    await openApp(page, '#/tu-danh-gia');
    await createDraft(page);
    await typeInto(page, tid('cond-satisfaction_pct'), '97,4', { leave: true });
    await typeInto(page, tid('cond-xdcb_debt_vnd'), '0', { leave: true });
    await page.selectOption(tid('cond-security_order_ok'), 'true');
    await typeInto(page, tid('cond-smart_village_models'), '1', { leave: true });
    await typeInto(page, tid('cond-outstanding_fields'), 'Cảnh quan môi trường', { leave: true });
    await typeInto(page, tid('evidence-ntm-1.1'), 'QĐ số 15/QĐ-UBND ngày 12/01/2023', { leave: true });
    await screenshot(page, 'b-conditions');
    const { name, bytes } = await download(page, '#export-json');
    assert.equal(name, 'ho-so-13306-2024.json');
    const d = JSON.parse(bytes.toString('utf8'));
    assert.deepEqual(d.conditions, {
      satisfaction_pct: 97.4,
      xdcb_debt_vnd: 0,
      security_order_ok: true,
      smart_village_models: 1,
      outstanding_fields: ['Cảnh quan môi trường'],
    });
    assert.equal(d.evidence?.ntm?.['1.1'], 'QĐ số 15/QĐ-UBND ngày 12/01/2023');
  });
});

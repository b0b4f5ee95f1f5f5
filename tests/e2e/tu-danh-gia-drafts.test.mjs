// (c) Drafts survive a reload with exactly the typed text; rename and delete (with confirmation).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  createDraft, draftCount, draftItem, expectAttr, gotoDrafts, openApp, openDraft, reloadApp,
  screenshot, tid, typeInto, useApp,
} from './harness.mjs';

const app = useApp();
const IN = (set, code) => tid(`input-${set}-${code}`);

/** After a reload the app may show the list or reopen the editor; get to the editor of the draft. */
async function backToEditor(page, code = '13306', year = '2024') {
  await openDraft(page, code, year);
}

describe('drafts', () => {
  it('a reload restores the draft and exactly the typed text, invalid text included', async () => {
    const { page } = app;
    await openApp(page, '#/tu-danh-gia');
    await createDraft(page, '13306', '2024');
    const typed = {
      [IN('ntm_nang_cao', '14.1')]: '95,0',
      [IN('ntm_nang_cao', '14.2')]: 'khoảng 90', // invalid: kept as text, not as a number
      [IN('ntm', '15.1')]: '96.2',
      [tid('evidence-ntm-1.1')]: 'QĐ số 15/QĐ-UBND — “bản chụp”',
      [tid('cond-satisfaction_pct')]: '97,4',
    };
    for (const [sel, text] of Object.entries(typed)) await typeInto(page, sel, text, { leave: true });
    await page.selectOption(IN('ntm', '1.1'), 'true');
    await page.selectOption(IN('ntm', '1.2'), 'false');
    await page.selectOption(tid('cond-security_order_ok'), 'false');
    await page.waitForSelector(tid('error-ntm_nang_cao-14.2'));
    await page.waitForSelector(tid('save-status'));
    await screenshot(page, 'c-before-reload');

    await reloadApp(page);
    await gotoDrafts(page);
    assert.equal(await draftCount(page), 1, 'one draft after reload');
    assert.equal(await draftItem(page, '13306', '2024').count(), 1);
    await backToEditor(page);
    for (const [sel, text] of Object.entries(typed)) {
      assert.equal(await page.inputValue(sel), text, `${sel} after reload`);
    }
    assert.equal(await page.inputValue(IN('ntm', '1.1')), 'true');
    assert.equal(await page.inputValue(IN('ntm', '1.2')), 'false');
    assert.equal(await page.inputValue(tid('cond-security_order_ok')), 'false');
    // Outcomes are recomputed from the restored text.
    await expectAttr(page, tid('outcome-ntm_nang_cao-14.1'), 'data-outcome', 'dat');
    // Invalid text restored is still "Giá trị không hợp lệ", never "Chưa nhập số liệu".
    await expectAttr(page, tid('outcome-ntm_nang_cao-14.2'), 'data-outcome', 'khong_hop_le');
    await page.waitForSelector(tid('error-ntm_nang_cao-14.2'));
    await expectAttr(page, tid('criterion-ntm-1'), 'data-outcome', 'chua_dat');
    await screenshot(page, 'c-after-reload');
  });

  it('two drafts are kept apart', async () => {
    const { page } = app;
    await openApp(page, '#/tu-danh-gia');
    await createDraft(page, '13306', '2024');
    await typeInto(page, IN('ntm_nang_cao', '14.1'), '96', { leave: true });
    await createDraft(page, '13306', '2023');
    // Without a reload too: the next draft's editor never shows the text typed in the last one.
    assert.equal(await page.inputValue(IN('ntm_nang_cao', '14.1')), '', 'a new draft starts empty');
    await typeInto(page, IN('ntm_nang_cao', '14.1'), '90', { leave: true });
    await openDraft(page, '13306', '2024');
    assert.equal(await page.inputValue(IN('ntm_nang_cao', '14.1')), '96');
    await openDraft(page, '13306', '2023');
    assert.equal(await page.inputValue(IN('ntm_nang_cao', '14.1')), '90');
    await reloadApp(page);
    await gotoDrafts(page);
    assert.equal(await draftCount(page), 2);
    await openDraft(page, '13306', '2024');
    assert.equal(await page.inputValue(IN('ntm_nang_cao', '14.1')), '96');
    await openDraft(page, '13306', '2023');
    assert.equal(await page.inputValue(IN('ntm_nang_cao', '14.1')), '90');
  });

  it('rename keeps the new name across a reload', async () => {
    const { page } = app;
    await openApp(page, '#/tu-danh-gia');
    await createDraft(page, '13306', '2024');
    await gotoDrafts(page);
    const item = draftItem(page, '13306', '2024');
    const oldName = ((await item.locator(tid('draft-name')).textContent()) || '').trim();
    assert.ok(oldName.length > 0, 'a new draft has a name');
    assert.ok(((await item.locator(tid('draft-saved')).textContent()) || '').trim().length > 0, 'draft-saved is empty');
    await item.getByRole('button', { name: 'Đổi tên', exact: true }).click();
    const input = item.locator(tid('rename-input'));
    await input.fill('Hồ sơ nộp huyện — bản 2');
    await item.getByRole('button', { name: 'Lưu tên', exact: true }).click();
    await assertName(item, 'Hồ sơ nộp huyện — bản 2');
    await screenshot(page, 'c-renamed');
    await reloadApp(page);
    await gotoDrafts(page);
    await assertName(draftItem(page, '13306', '2024'), 'Hồ sơ nộp huyện — bản 2');
  });

  it('delete asks first; "Hủy" keeps the draft, "Xóa hồ sơ" removes it for good', async () => {
    const { page } = app;
    await openApp(page, '#/tu-danh-gia');
    await createDraft(page, '13306', '2024');
    await createDraft(page, '13306', '2023');
    await gotoDrafts(page);
    assert.equal(await draftCount(page), 2);

    await draftItem(page, '13306', '2024').getByRole('button', { name: 'Xóa', exact: true }).click();
    const cancel = page.getByRole('button', { name: 'Hủy', exact: true });
    await cancel.waitFor();
    await screenshot(page, 'c-delete-confirm');
    await cancel.click();
    await cancel.waitFor({ state: 'detached' }).catch(() => cancel.waitFor({ state: 'hidden' }));
    assert.equal(await draftCount(page), 2, '"Hủy" deleted the draft');

    await draftItem(page, '13306', '2024').getByRole('button', { name: 'Xóa', exact: true }).click();
    await page.getByRole('button', { name: 'Xóa hồ sơ', exact: true }).click();
    await page.waitForFunction((sel) => document.querySelectorAll(sel).length === 1, tid('draft-item'));
    assert.equal(await draftItem(page, '13306', '2024').count(), 0);
    assert.equal(await draftItem(page, '13306', '2023').count(), 1, 'the other draft was deleted too');

    await reloadApp(page);
    await gotoDrafts(page);
    assert.equal(await draftCount(page), 1, 'the deleted draft came back after a reload');
    assert.equal(await draftItem(page, '13306', '2023').count(), 1);
  });
});

async function assertName(item, name) {
  const loc = item.locator(tid('draft-name'));
  for (let i = 0; i < 50; i++) {
    if (((await loc.textContent()) || '').trim() === name) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.equal(((await loc.textContent()) || '').trim(), name);
}

// The storage door (app/src/infra/store/backend.rs, gloo-storage behind a guard): a browser
// with no localStorage at all still runs the app and says why nothing is kept, and a full
// quota is told by its DOMException name in either spelling (Chromium's QuotaExceededError,
// Firefox's older NS_ERROR_DOM_QUOTA_REACHED). gloo panics on a missing storage; a panic here
// would show as a page error or a console error, which fails every test of this file.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  createDraft, download, openApp, screenshot, tid, typeInto, useApp,
} from './harness.mjs';

const app = useApp();
const IN = (set, code) => tid(`input-${set}-${code}`);

describe('storage guard', () => {
  it('no localStorage at all: every page opens, and the commune page says nothing can be kept', async () => {
    const { page } = app;
    await page.addInitScript(() => {
      // What a browser with site data blocked does: reading window.localStorage throws.
      Object.defineProperty(window, 'localStorage', {
        configurable: true,
        get() { throw new DOMException('The operation is insecure.', 'SecurityError'); },
      });
    });
    await openApp(page, '#/tu-danh-gia');
    // Said once, on every page, before anything is typed.
    assert.match(await page.locator(tid('storage-unavailable')).innerText(), /không cho phép trang lưu dữ liệu/);
    for (const hash of ['#/tong-hop', '#/muc-tieu', '#/khen-thuong', '#/bo-tieu-chi', '#/du-lieu', '#/tu-danh-gia']) {
      await page.evaluate((h) => { location.hash = h; }, hash);
      await page.waitForFunction((h) => location.hash === h, hash);
      await page.waitForSelector('.page-title, h1');
    }
    await page.waitForSelector('#create-draft');
    await page.selectOption('#new-commune', '13306');
    await page.selectOption('#new-year', '2024');
    await page.click('#create-draft');
    await page.waitForFunction(() => /Chưa tạo được hồ sơ: .*Trình duyệt không cho phép lưu dữ liệu/.test(document.body.innerText));
    await screenshot(page, 'bo-nho-khong-co-localstorage', { fullPage: false });
    assert.deepEqual(app.errors, [], 'no panic, no page error');
  });

  for (const name of ['QuotaExceededError', 'NS_ERROR_DOM_QUOTA_REACHED']) {
    it(`a write refused with ${name} is a full storage: the draft is offered as a file`, async () => {
      const { page } = app;
      await openApp(page, '#/tu-danh-gia');
      await createDraft(page, '13306', '2024');
      await typeInto(page, IN('ntm_nang_cao', '14.1'), '95', { leave: true });
      await page.waitForFunction((sel) => /Đã lưu/.test(document.querySelector(sel)?.textContent || ''), tid('save-status'));
      const stored = await page.evaluate(() => localStorage.getItem('chung-suc:draft:13306-2024'));
      await page.evaluate((name) => {
        const real = Storage.prototype.setItem;
        window.__realSetItem = real;
        Storage.prototype.setItem = function (key, value) {
          if (String(key).startsWith('chung-suc:draft:')) throw new DOMException('full', name);
          return real.call(this, key, value);
        };
      }, name);
      await typeInto(page, IN('ntm_nang_cao', '14.1'), '96,5', { leave: true });
      const alert = page.locator(tid('save-failed'));
      await alert.waitFor();
      assert.match(await alert.innerText(), /Bộ nhớ của trình duyệt đã đầy nên chưa lưu được hồ sơ nháp/);
      const file = await download(page, `${tid('save-failed')} ${tid('unsaved-download')}`);
      const rec = JSON.parse(file.text.replace(/^\uFEFF/, '')).records[0];
      assert.equal(rec.key, 'chung-suc:draft:13306-2024');
      assert.equal(rec.value.raw['ntm_nang_cao/14.1'], '96,5');
      assert.equal(await page.evaluate(() => localStorage.getItem('chung-suc:draft:13306-2024')), stored, 'what was stored is untouched');
      // Room again: the next change is saved and the message goes.
      await page.evaluate(() => { Storage.prototype.setItem = window.__realSetItem; });
      await typeInto(page, IN('ntm_nang_cao', '14.1'), '97', { leave: true });
      await page.waitForFunction(() => JSON.parse(localStorage.getItem('chung-suc:draft:13306-2024')).raw['ntm_nang_cao/14.1'] === '97');
      await alert.waitFor({ state: 'detached' });
    });
  }

  it('another refusal keeps its name and is not called a full storage', async () => {
    const { page } = app;
    await openApp(page, '#/tu-danh-gia');
    await createDraft(page, '13306', '2024');
    await page.evaluate(() => {
      const real = Storage.prototype.setItem;
      Storage.prototype.setItem = function (key, value) {
        if (String(key).startsWith('chung-suc:draft:')) throw new DOMException('denied', 'InvalidStateError');
        return real.call(this, key, value);
      };
    });
    await typeInto(page, IN('ntm_nang_cao', '14.1'), '95', { leave: true });
    const alert = page.locator(tid('save-failed'));
    await alert.waitFor();
    const text = await alert.innerText();
    assert.match(text, /Trình duyệt từ chối ghi hồ sơ nháp .* \(InvalidStateError\)/);
    assert.doesNotMatch(text, /đã đầy/);
  });
});

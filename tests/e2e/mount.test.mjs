// (a) The app mounts with no console or page errors, and loads nothing from another origin.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { assertSameOrigin, openApp, screenshot, useApp } from './harness.mjs';

const app = useApp();

describe('app mounts', () => {
  it('mounts, sets body[data-ready=1], and every request is same-origin', async () => {
    const { page } = app;
    const wasm = [];
    page.on('response', (r) => {
      if (r.url().endsWith('.wasm')) wasm.push({ status: r.status(), type: r.headers()['content-type'] });
    });
    await openApp(page);
    assert.equal(await page.getAttribute('body', 'data-ready'), '1');
    assert.ok(wasm.length >= 1, 'the page fetched no .wasm file');
    assert.deepEqual(wasm[0], { status: 200, type: 'application/wasm' });
    // Give late requests (fonts, icons, service worker) a moment to show up.
    await page.waitForLoadState('networkidle');
    assertSameOrigin(app.requests, app.origin);
    await screenshot(page, 'a-mounted');
  });

  it('has the two nav links, and both routes render without errors', async () => {
    const { page } = app;
    await openApp(page);
    const self = page.getByRole('link', { name: 'Tự đánh giá', exact: true });
    const rules = page.getByRole('link', { name: 'Bộ tiêu chí', exact: true });
    assert.equal(await self.first().getAttribute('href'), '#/tu-danh-gia');
    assert.equal(await rules.first().getAttribute('href'), '#/bo-tieu-chi');

    await rules.first().click();
    await page.waitForFunction(() => location.hash === '#/bo-tieu-chi');
    await page.waitForSelector('[data-testid="active-rules"]');
    await screenshot(page, 'a-rules-page');

    await self.first().click();
    await page.waitForFunction(() => location.hash === '#/tu-danh-gia');
    await page.waitForSelector('#create-draft');
    await screenshot(page, 'a-self-assessment-page');
    assertSameOrigin(app.requests, app.origin);
  });

  it('a WebAssembly trap (how the release build stops at a bug) is announced, with a reload', async () => {
    const { page } = app;
    await openApp(page);
    // A real trap, uncaught, as an event handler in the app would raise it: a module whose only
    // function is `unreachable`.
    await page.evaluate(() => {
      const bytes = new Uint8Array([
        0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 3, 2, 1, 0, 7, 5, 1, 1, 102, 0, 0, 10, 5, 1, 3, 0, 0, 11,
      ]);
      const trap = new WebAssembly.Instance(new WebAssembly.Module(bytes)).exports.f;
      setTimeout(trap);
    });
    const alert = page.locator('#app-stopped[role="alert"]');
    await alert.waitFor();
    assert.match(await alert.textContent(), /Chung Sức gặp lỗi và đã dừng\. Những gì đã lưu trong trình duyệt vẫn còn/);
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Tải lại trang');
    await screenshot(page, 'a-app-stopped');
    // The trap itself is the page error this test raised on purpose.
    assert.ok(app.errors.length === 1 && /RuntimeError: unreachable/.test(app.errors[0]), String(app.errors));
    app.errors.length = 0;
    await Promise.all([page.waitForEvent('load'), alert.getByRole('button', { name: 'Tải lại trang' }).click()]);
    await page.waitForSelector('body[data-ready="1"]', { state: 'attached' });
    assert.equal(await page.locator('#app-stopped').count(), 0);
  });

  it('opens directly at a deep route', async () => {
    const { page } = app;
    await openApp(page, '#/bo-tieu-chi');
    await page.waitForSelector('[data-testid="active-rules"]');
    const text = (await page.textContent('[data-testid="active-rules"]')) || '';
    assert.match(text, /ntm|[0-9a-f]{6,}/i, 'active rules shows neither an id nor a hash');
  });
});

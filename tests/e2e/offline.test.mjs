// Offline first: the service worker precaches the build (hashed names written at build time), the
// app works with the network off, a second deploy is announced with "Có phiên bản mới" and the
// official chooses when to reload, drafts survive; the app runs from a sub-path; every request
// stays on the app's own origin; the Content-Security-Policy is strict.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  assertSameOrigin, createDraft, DIST, download, draftCount, gotoDrafts, openApp, openDraft, reloadApp,
  ROOT, screenshot, startServer, tid, typeInto, useApp,
} from './harness.mjs';

const app = useApp();
const IN = (set, code) => tid(`input-${set}-${code}`);

/** Wait until a service worker controls the page (first visit: installed, activated, claimed). */
async function controlled(page) {
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
}

describe('offline and updates', () => {
  it('works with the network off after one visit: reload, fill, save, export', async () => {
    const { page, context } = app;
    await openApp(page, '#/tu-danh-gia');
    await controlled(page);
    // The precache list names this build's hashed files, written by scripts/precache.mjs.
    const sw = fs.readFileSync(path.join(DIST, 'sw.js'), 'utf8');
    const wasm = fs.readdirSync(path.join(DIST, 'pkg')).find((f) => f.endsWith('.wasm'));
    assert.match(wasm, /^ntm_app_bg\.[0-9a-f]{10}\.wasm$/);
    assert.ok(sw.includes(`./pkg/${wasm}`), 'the wasm is precached');
    const pagesCss = fs.readdirSync(DIST).find((f) => /^pages\.[0-9a-f]{10}\.css$/.test(f));
    assert.ok(pagesCss && sw.includes(`./${pagesCss}`), 'the other pages\' stylesheet is precached');
    assert.doesNotMatch(sw, /const VERSION = 'dev'/);

    await context.setOffline(true);
    await reloadApp(page);
    // Kept offline, the full entry starts (public/boot.js), with pages.css from the cache.
    const pagesRules = await page.evaluate(
      (name) => [...document.styleSheets].find((s) => s.href?.endsWith(`/${name}`))?.cssRules.length ?? 0,
      pagesCss,
    );
    assert.ok(pagesRules > 0, 'pages.css, read from the cache');
    await createDraft(page, '13306', '2024');
    await typeInto(page, IN('ntm_nang_cao', '14.1'), '95,5', { leave: true });
    await page.waitForSelector(tid('save-status'));
    await reloadApp(page);
    await gotoDrafts(page);
    assert.equal(await draftCount(page), 1, 'the draft made offline is kept');
    await openDraft(page, '13306', '2024');
    assert.equal(await page.inputValue(IN('ntm_nang_cao', '14.1')), '95,5');
    const file = await download(page, '#export-json');
    assert.equal(JSON.parse(file.text.replace(/^\uFEFF/, '')).values.ntm_nang_cao['14.1'], 95.5);
    await screenshot(page, 'offline-editor');
    await context.setOffline(false);

    // Nothing left the origin, and the policy forbids it.
    assertSameOrigin(app.requests, app.origin);
    const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
    assert.match(csp, /default-src 'self'/);
    assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'(;|$)/);
    assert.doesNotMatch(csp.match(/script-src[^;]*/)[0], /unsafe-inline/);
    assert.match(csp, /style-src 'self';/);
  });

  it('from a sub-path: a second deploy is announced, the user reloads when ready, drafts survive', async () => {
    const { page } = app;
    // Deploy the build under /chung-suc/ on a server of its own.
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'chung-suc-deploy-'));
    const site = path.join(root, 'chung-suc');
    fs.cpSync(DIST, site, { recursive: true });
    fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>Máy chủ tĩnh</title>');
    const server = await startServer(root);
    const requests = [];
    page.on('request', (r) => requests.push(r.url()));
    try {
      await page.goto(`${server.origin}/chung-suc/#/tu-danh-gia`);
      await page.waitForSelector('body[data-ready="1"]', { state: 'attached' });
      await controlled(page);
      await createDraft(page, '13426', '2024');
      await typeInto(page, IN('ntm_nang_cao', '14.1'), '91', { leave: true });
      await page.waitForSelector(tid('save-status'));
      const cssBefore = await page.getAttribute('link[rel="stylesheet"]', 'href');

      // The second build: a changed stylesheet, renamed and listed again by the build step.
      const css = fs.readdirSync(site).find((f) => /^styles\.[0-9a-f]{10}\.css$/.test(f));
      fs.appendFileSync(path.join(site, css), '\n/* bản dựng thứ hai */\n');
      execFileSync('node', [path.join(ROOT, 'scripts/precache.mjs'), site]);
      assert.ok(!fs.existsSync(path.join(site, css)), 'the old stylesheet name is gone');

      // The browser finds the new worker; the app offers the update and does not force it.
      await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
      const banner = page.locator(tid('update-banner'));
      await banner.waitFor();
      assert.match(await banner.innerText(), /Có phiên bản mới/);
      assert.equal(await page.getAttribute('link[rel="stylesheet"]', 'href'), cssBefore, 'not reloaded by itself');
      await screenshot(page, 'update-banner');

      await Promise.all([
        page.waitForEvent('load'),
        page.click(tid('update-now')),
      ]);
      await page.waitForSelector('body[data-ready="1"]', { state: 'attached' });
      const cssAfter = await page.getAttribute('link[rel="stylesheet"]', 'href');
      assert.notEqual(cssAfter, cssBefore, 'the new build is running');
      assert.equal(await page.locator(tid('update-banner')).count(), 0);
      await gotoDrafts(page);
      assert.equal(await draftCount(page), 1, 'the draft survived the update');
      await openDraft(page, '13426', '2024');
      assert.equal(await page.inputValue(IN('ntm_nang_cao', '14.1')), '91');
      assertSameOrigin(requests, server.origin);
      assert.ok(requests.every((u) => !u.startsWith(`${server.origin}/`) || u.startsWith(`${server.origin}/chung-suc/`)),
        'every request stays under the sub-path');
    } finally {
      await server.close();
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});

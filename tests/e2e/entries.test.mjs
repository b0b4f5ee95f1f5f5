// The WASM entries (docs/architecture.md, "Entries"): a first visit to Tự đánh giá loads the
// small commune entry only; any other page loads the full one (typed text survives the switch);
// once the service worker keeps the build, every page opens offline, in the full entry.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createDraft, gotoDrafts, openApp, openDraft, tid, typeInto, useApp } from './harness.mjs';

const app = useApp();
const IN = (set, code) => tid(`input-${set}-${code}`);

/** Every page of the menu: hash and a heading it shows. */
const PAGES = [
  ['#/tu-danh-gia', 'Tự đánh giá kết quả xây dựng nông thôn mới của xã'],
  ['#/tong-hop', null],
  ['#/muc-tieu', null],
  ['#/khen-thuong', null],
  ['#/bo-tieu-chi', null],
  ['#/du-lieu', null],
];

/** The wasm files this document fetched (not the service worker's precache), by entry. */
async function wasmEntries(page) {
  const urls = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
  return urls.map((u) => u.match(/\/pkg\/(\w+?)_bg\.[0-9a-f]{10}\.wasm$/)?.[1]).filter(Boolean);
}

/** The stylesheets this document fetched, by name (`styles`, `pages`), in the order fetched. */
async function cssFiles(page) {
  const urls = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
  return urls.map((u) => u.match(/\/(\w+)\.[0-9a-f]{10}\.css$/)?.[1]).filter(Boolean);
}

/** Whether pages.css is in the document with its rules read (offline: from the cache). */
async function pagesCssApplied(page) {
  return page.evaluate(() =>
    [...document.styleSheets].some((s) => /\/pages\.[0-9a-f]{10}\.css$/.test(s.href ?? '') && s.cssRules.length > 0),
  );
}

async function controlled(page) {
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
}

/** The page at `hash` shows its own title, an h1, and its menu link as current. */
async function expectPage(page, hash) {
  await page.waitForSelector(`nav a[href="${hash}"][aria-current="page"]`);
  const h1 = await page.locator('main h1').first().textContent();
  assert.ok(h1 && h1.trim().length > 0, `${hash}: a heading`);
  const title = await page.title();
  assert.match(title, /— Chung Sức$/, `${hash}: its title`);
}

describe('entries', () => {
  it('a first visit to Tự đánh giá loads the commune entry only; other pages load the full one, the typing is kept', async () => {
    const { page } = app;
    await openApp(page, '#/tu-danh-gia');
    assert.deepEqual(await wasmEntries(page), ['xa'], 'only the commune entry');
    assert.equal(await page.locator('main h1').first().textContent(), PAGES[0][1]);
    await createDraft(page, '13306', '2024');
    // Typed and not left: written by the switch, not by a blur.
    await typeInto(page, IN('ntm_nang_cao', '14.1'), '95,5');
    assert.deepEqual(await cssFiles(page), ['styles'], 'the commune entry never fetches pages.css');
    assert.equal(await page.locator('link[href*="pages."]').count(), 0);

    await Promise.all([page.waitForEvent('load'), page.click('nav a[href="#/tong-hop"]')]);
    await page.waitForSelector('body[data-ready="1"]', { state: 'attached' });
    assert.deepEqual(await wasmEntries(page), ['ntm_app'], 'the full entry, after a reload');
    await expectPage(page, '#/tong-hop');
    assert.deepEqual(await cssFiles(page), ['styles', 'pages'], 'the full entry fetches pages.css');
    const sheets = await page.evaluate(() => [...document.querySelectorAll('link[rel="stylesheet"]')].map((l) => l.href));
    assert.match(sheets.at(-1), /\/pages\.[0-9a-f]{10}\.css$/, 'after styles.css, so it wins a tie');
    // `.page-tong-hop .toolbar { margin-bottom: 1rem }` is in pages.css only.
    assert.equal(await page.locator('.page-tong-hop > .toolbar').evaluate((e) => getComputedStyle(e).marginBottom), '16px');
    // Inside the full entry, pages switch without loading anything.
    const loads = await page.evaluate(() => performance.getEntriesByType('navigation').length);
    for (const [hash] of PAGES) {
      await page.click(`nav a[href="${hash}"]`);
      await expectPage(page, hash);
    }
    assert.equal(await page.evaluate(() => performance.getEntriesByType('navigation').length), loads);
    assert.deepEqual(await wasmEntries(page), ['ntm_app'], 'no other module fetched');

    await page.click('nav a[href="#/tu-danh-gia"]');
    await gotoDrafts(page);
    await openDraft(page, '13306', '2024');
    assert.equal(await page.inputValue(IN('ntm_nang_cao', '14.1')), '95,5', 'the typed value survived');
  });

  it('a first visit to another page loads the full entry', async () => {
    const { page } = app;
    await openApp(page, '#/khen-thuong');
    assert.deepEqual(await wasmEntries(page), ['ntm_app']);
    await expectPage(page, '#/khen-thuong');
  });

  it('after the first visit every page opens offline, in the full entry', async () => {
    const { page, context, origin } = app;
    await openApp(page, '#/tu-danh-gia');
    assert.deepEqual(await wasmEntries(page), ['xa']);
    await controlled(page);
    // ntmLoad is the one loader: the same promise for the same entry.
    assert.ok(await page.evaluate(() => globalThis.ntmLoad('xa') === globalThis.ntmLoad('xa')));
    await context.setOffline(true);
    for (const [i, [hash]] of PAGES.entries()) {
      // A new document each time (the query changes; the service worker answers index.html).
      await page.goto(`${origin}/?lan=${i}${hash}`);
      await page.waitForSelector('body[data-ready="1"]', { state: 'attached' });
      assert.deepEqual(await wasmEntries(page), ['ntm_app'], `${hash}: the kept full entry`);
      await expectPage(page, hash);
      assert.ok(await pagesCssApplied(page), `${hash}: pages.css, from the cache`);
    }
    await context.setOffline(false);
  });

  it('the full entry draws no page before pages.css applies, even when it comes late', async () => {
    // No service worker, so every request reaches the network, where pages.css is held back.
    const context = await app.browser.newContext({ serviceWorkers: 'block' });
    app.extraContexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (e) => app.errors.push(`pageerror: ${e.message}`));
    await context.route(/\/pages\.[0-9a-f]{10}\.css$/, async (route) => {
      await new Promise((r) => setTimeout(r, 1500));
      await route.continue();
    });
    // The Bộ tiêu chí page's box as it first enters the document: pages.css makes it a flex column.
    await page.addInitScript(() => {
      new MutationObserver((_, observer) => {
        const box = document.querySelector('.page-bo-tieu-chi');
        if (!box) return;
        window.firstDisplay = getComputedStyle(box).display;
        observer.disconnect();
      }).observe(document, { childList: true, subtree: true });
    });
    await page.goto(`${app.origin}/#/bo-tieu-chi`);
    await page.waitForSelector('body[data-ready="1"]', { state: 'attached' });
    assert.deepEqual(await wasmEntries(page), ['ntm_app']);
    assert.equal(await page.evaluate(() => window.firstDisplay), 'flex', 'styled when first drawn');
    assert.ok(await pagesCssApplied(page));
  });

  it('the commune entry leaves other pages\' records to the full entry, which sets an unreadable one aside', async () => {
    // No service worker: every visit to Tự đánh giá is a first visit (the commune entry).
    const context = await app.browser.newContext({ serviceWorkers: 'block' });
    app.extraContexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (e) => app.errors.push(`pageerror: ${e.message}`));
    await page.goto(`${app.origin}/#/tu-danh-gia`);
    await page.waitForSelector('body[data-ready="1"]', { state: 'attached' });
    const broken = JSON.stringify({ schema: 1, rev: 1, register: 'không phải sổ' });
    await page.evaluate((t) => localStorage.setItem('chung-suc:nominations', t), broken);
    await page.reload();
    await page.waitForSelector('body[data-ready="1"]', { state: 'attached' });
    assert.deepEqual(await wasmEntries(page), ['xa']);
    assert.equal(await page.evaluate(() => localStorage.getItem('chung-suc:nominations')), broken, 'left where it is');
    assert.equal(await page.locator(tid('unreadable-notice')).count(), 0);

    await Promise.all([page.waitForEvent('load'), page.click('nav a[href="#/tong-hop"]')]);
    await page.waitForSelector('body[data-ready="1"]', { state: 'attached' });
    assert.deepEqual(await wasmEntries(page), ['ntm_app']);
    await page.locator(tid('unreadable-notice')).waitFor();
    const keys = await page.evaluate(() => Object.keys(localStorage));
    assert.ok(!keys.includes('chung-suc:nominations'), 'set aside by the full entry');
    const aside = keys.find((k) => k.startsWith('chung-suc:khong-doc-duoc:') && k.endsWith('chung-suc:nominations'));
    assert.ok(aside, 'kept under the set-aside prefix');
  });
});

// End-to-end harness for Chung Sức: a static server of dist/ on a free port, Debian's Chromium
// driven by playwright-core, and helpers the feature tests share.
//
// Every test gets a fresh browser context (empty localStorage, its own downloads). A test fails if
// the page throws, logs a console error, or (checked by tests that ask) requests anything from
// another origin.
import { after, afterEach, before, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import fs from 'node:fs/promises';
import { createReadStream, existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(HERE, '..', '..');
export const DIST = path.resolve(process.env.E2E_DIST || path.join(ROOT, 'dist'));
export const FIXTURES = path.join(HERE, 'fixtures');
export const ARTIFACTS = path.join(HERE, 'artifacts');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

/** Launch arguments that keep Chromium quiet on a closed network. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.woff2': 'font/woff2',
};

/** Serve `dir` on 127.0.0.1 at a free port. Resolves to { origin, close() }. */
export async function startServer(dir = DIST) {
  if (!existsSync(path.join(dir, 'index.html'))) {
    throw new Error(`${dir}/index.html not found: build the app first (bash scripts/build.sh)`);
  }
  const root = path.resolve(dir);
  const server = http.createServer(async (req, res) => {
    try {
      const url = new URL(req.url, 'http://localhost');
      let rel = decodeURIComponent(url.pathname);
      if (rel.endsWith('/')) rel += 'index.html';
      const file = path.resolve(root, '.' + rel);
      if (file !== root && !file.startsWith(root + path.sep)) {
        res.writeHead(403).end('forbidden');
        return;
      }
      const st = await fs.stat(file).catch(() => null);
      if (!st || !st.isFile()) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        return;
      }
      res.writeHead(200, {
        'content-type': MIME[path.extname(file).toLowerCase()] || 'application/octet-stream',
        'content-length': st.size,
        'cache-control': 'no-store',
      });
      if (req.method === 'HEAD') res.end();
      else createReadStream(file).pipe(res);
    } catch (e) {
      res.writeHead(500).end(String(e));
    }
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address();
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

const CONTEXT_OPTIONS = {
  acceptDownloads: true,
  locale: 'vi-VN',
  timezoneId: 'Asia/Ho_Chi_Minh',
  viewport: { width: 1280, height: 900 },
};

export async function launchBrowser() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
  });
}

/**
 * Register the hooks of one test file: one server and one Chromium for the file, a fresh context
 * and page for every test. Returns a live object: { origin, browser, context, page, errors,
 * requests, allowConsoleError(re), newPage() }.
 */
export function useApp() {
  const app = {
    origin: '',
    server: null,
    browser: null,
    context: null,
    page: null,
    /** page errors and console errors of the current test */
    errors: [],
    /** every request URL of the current test, in order */
    requests: [],
    allowed: [],
    allowConsoleError(re) {
      app.allowed.push(re);
    },
    extraContexts: [],
    /** Open another page in the same context (same storage), watched like the first. */
    async newPage() {
      const p = await app.context.newPage();
      watch(p);
      return p;
    },
    /** A page in a second, fresh context (empty storage), watched like the first. */
    async freshPage() {
      const ctx = await app.browser.newContext(CONTEXT_OPTIONS);
      ctx.setDefaultTimeout(15_000);
      app.extraContexts.push(ctx);
      const p = await ctx.newPage();
      watch(p);
      return p;
    },
  };

  function watch(page) {
    page.on('pageerror', (err) => app.errors.push(`pageerror: ${err.stack || err.message}`));
    page.on('console', (msg) => {
      if (msg.type() !== 'error') return;
      const text = msg.text();
      if (app.allowed.some((re) => re.test(text))) return;
      const loc = msg.location();
      app.errors.push(`console.error: ${text}${loc && loc.url ? ` (${loc.url}:${loc.lineNumber})` : ''}`);
    });
    page.on('request', (req) => app.requests.push(req.url()));
    page.on('crash', () => app.errors.push('page crashed'));
  }

  before(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    app.server = await startServer();
    app.origin = app.server.origin;
    ORIGIN = app.origin;
    app.browser = await launchBrowser();
  });

  after(async () => {
    await app.browser?.close();
    await app.server?.close();
  });

  beforeEach(async () => {
    app.errors = [];
    app.requests = [];
    app.allowed = [];
    app.context = await app.browser.newContext(CONTEXT_OPTIONS);
    app.context.setDefaultTimeout(15_000);
    app.page = await app.context.newPage();
    watch(app.page);
  });

  afterEach(async (t) => {
    const errors = app.errors.slice();
    // The last state of every test, for looking at after a run (errors: marked in the name).
    if (app.page && !app.page.isClosed()) {
      const prefix = errors.length ? 'ERRORS-' : 'end-';
      await screenshot(app.page, `${prefix}${safeName(t?.name || 'test')}`).catch(() => {});
    }
    await app.context?.close().catch(() => {});
    for (const ctx of app.extraContexts.splice(0)) await ctx.close().catch(() => {});
    app.context = null;
    app.page = null;
    assert.deepEqual(errors, [], 'the page logged errors (console.error or uncaught exceptions)');
  });

  return app;
}

function safeName(s) {
  return String(s)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .slice(0, 80);
}

// The origin of the server useApp() started (one server per test file; each file is its own process).
let ORIGIN = '';

/** Go to the app (optionally at a hash route such as '#/bo-tieu-chi') and wait until it has mounted. */
export async function openApp(page, hash = '') {
  if (!ORIGIN) throw new Error('openApp: no server; call useApp() at the top of the test file');
  await page.goto(`${ORIGIN}/${hash}`);
  await page.waitForSelector('body[data-ready="1"]', { state: 'attached' });
}

/** Reload the page and wait for the app to mount again. */
export async function reloadApp(page) {
  await page.reload();
  await page.waitForSelector('body[data-ready="1"]', { state: 'attached' });
}

/**
 * Click `clickSelector`, wait for the download it starts, and read the real downloaded file.
 * Returns { name, bytes (Buffer), text (UTF-8, BOM kept) }.
 */
export async function download(page, clickSelector) {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click(clickSelector)]);
  const failure = await dl.failure();
  if (failure) throw new Error(`download from ${clickSelector} failed: ${failure}`);
  const file = await dl.path();
  const bytes = await fs.readFile(file);
  return { name: dl.suggestedFilename(), bytes, text: bytes.toString('utf8') };
}

/** Screenshot of the viewport (or with `{ fullPage: true }` the whole page) into tests/e2e/artifacts/NAME.png. */
export async function screenshot(page, name, { fullPage = false } = {}) {
  mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${safeName(name)}.png`);
  await page.screenshot({ path: file, fullPage });
  return file;
}

export function fixture(name) {
  return path.join(FIXTURES, name);
}

export async function readFixture(name) {
  return fs.readFile(fixture(name), 'utf8');
}

/** Assert every recorded request is same-origin (or a data:/blob: URL of that origin). */
export function assertSameOrigin(requests, origin) {
  assert.ok(requests.length > 0, 'no request was recorded');
  const foreign = requests.filter((u) => {
    if (u.startsWith('data:')) return false;
    if (u.startsWith('blob:')) return !u.startsWith(`blob:${origin}/`);
    return new URL(u).origin !== origin;
  });
  assert.deepEqual(foreign, [], `requests to other origins: ${foreign.join(', ')}`);
}

/**
 * Drop a file onto `selector` the way a browser does: a DataTransfer built in the page holding a
 * File with `text`, dispatched as dragenter → dragover → drop.
 */
export async function dropFile(page, selector, fileName, text, type = 'application/json') {
  await page.waitForSelector(selector);
  const dataTransfer = await page.evaluateHandle(
    ({ fileName, text, type }) => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], fileName, { type }));
      return dt;
    },
    { fileName, text, type },
  );
  for (const ev of ['dragenter', 'dragover', 'drop']) {
    await page.dispatchEvent(selector, ev, { dataTransfer });
  }
  await dataTransfer.dispose();
}

// ---- small UI helpers written against the UI contract ------------------------------------------

export const tid = (id) => `[data-testid="${id}"]`;

/** Count of draft list items. */
export async function draftCount(page) {
  return page.locator(tid('draft-item')).count();
}

/** The draft list item of commune `code`, year `year`. */
export function draftItem(page, code = '13306', year = '2024') {
  return page.locator(`${tid('draft-item')}[data-unit="${code}"][data-year="${year}"]`);
}

/** Go to the self-assessment page (draft list, new draft, import). */
export async function gotoDrafts(page) {
  if ((await page.locator('#create-draft').count()) === 0) {
    await page.getByRole('link', { name: 'Tự đánh giá', exact: true }).first().click();
    await page.waitForFunction(() => location.hash.startsWith('#/tu-danh-gia'));
  }
  await page.waitForSelector('#create-draft');
}

/**
 * Create a draft for commune `code` and year `year` from the "Tự đánh giá" page and make sure its
 * editor is open (the app may open it by itself; if not, the draft's "Mở" button is clicked).
 */
export async function createDraft(page, code = '13306', year = '2024') {
  await gotoDrafts(page);
  await page.selectOption('#new-commune', code);
  await page.selectOption('#new-year', String(year));
  await page.click('#create-draft');
  await draftItem(page, code, year).or(page.locator(tid('editor-title'))).first().waitFor();
  await ensureEditor(page, code, year);
}

/** Open the editor of an existing draft through its "Mở" button. */
export async function openDraft(page, code = '13306', year = '2024') {
  await gotoDrafts(page);
  const item = draftItem(page, code, year);
  await item.getByRole('button', { name: 'Mở', exact: true }).click();
  await page.waitForSelector(tid('editor-title'));
  await expectEditorOf(page, code, year);
}

async function ensureEditor(page, code, year) {
  const title = page.locator(tid('editor-title'));
  try {
    await title.waitFor({ timeout: 2000 });
  } catch {
    await openDraft(page, code, year);
  }
  await expectEditorOf(page, code, year);
}

const COMMUNE_NAMES = { 13306: 'Xã Phù Vân', 13426: 'Xã Kim Bình' };

/** The editor title shows the commune's name and the year. */
export async function expectEditorOf(page, code, year) {
  const name = COMMUNE_NAMES[code];
  await page.waitForFunction(
    ({ sel, name, year }) => {
      const t = document.querySelector(sel)?.textContent || '';
      return (!name || t.includes(name)) && t.includes(String(year));
    },
    { sel: tid('editor-title'), name, year },
    { timeout: 5000 },
  ).catch(async () => {
    const t = await page.textContent(tid('editor-title')).catch(() => null);
    assert.fail(`editor title ${JSON.stringify(t)} should name ${name || code} and ${year}`);
  });
}

/**
 * Type into a text field the way a person does: clear it, press the keys one by one. With
 * `{ leave: true }` the field then loses focus (a `change` event); by default it keeps focus, so
 * what the page shows right after comes from `input` events alone ("live").
 */
export async function typeInto(page, selector, text, { leave = false } = {}) {
  const loc = page.locator(selector);
  await loc.fill('');
  await loc.pressSequentially(text);
  if (leave) await loc.blur();
}

export async function outcomeOf(page, set, code) {
  return page.getAttribute(tid(`outcome-${set}-${code}`), 'data-outcome');
}

/** Wait until `selector`'s attribute `attr` equals `value`; returns the last value seen on timeout. */
export async function expectAttr(page, selector, attr, value, timeout = 5000) {
  try {
    await page.waitForFunction(
      ({ selector, attr, value }) => document.querySelector(selector)?.getAttribute(attr) === value,
      { selector, attr, value },
      { timeout },
    );
  } catch {
    const got = await page.getAttribute(selector, attr).catch(() => '(element missing)');
    assert.equal(got, value, `${selector} [${attr}]`);
  }
}

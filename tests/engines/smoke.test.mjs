// Cross-engine smoke test: the built app in Firefox ESR (geckodriver) and WebKitGTK, Safari's engine
// family (WebKitWebDriver + MiniBrowser under Xvfb), driven through WebDriver by selenium-webdriver;
// Chromium (playwright-core, as in tests/e2e/) gives the reference export bytes.
//
// In each engine: every page mounts with its heading (never a blank page); a draft is created;
// `95,5` and `6.000` are typed, saved ("Đã lưu"), and found again after a reload; the JSON export
// holds exactly Chromium's bytes; once the service worker controls the page the server is shut
// down, `location.reload()` still brings the app up from the service worker's cache, a changed
// value is saved and survives another offline reload; no error is logged.
//
// What each engine checks for errors: Chromium, every console error and uncaught exception from
// the first byte (playwright events). Firefox and WebKit (WebDriver Classic has no log API for
// them): a hook injected after every page load records console.error, uncaught errors and
// unhandled rejections, read back before the next navigation; an error before the app mounts
// shows as a page that never sets body[data-ready].
//
// The JSON export: the app hands the browser a Blob to download; in every engine the test keeps
// that Blob (a wrapper around URL.createObjectURL) and compares its bytes. Firefox also saves the
// real download into a temporary folder, compared too. WebKitGTK's MiniBrowser does not save
// downloads under automation, so only the Blob is compared there.
//
// Needs what scripts/setup.sh installs (firefox-esr, geckodriver, webkit2gtk-driver, xvfb) and a
// built dist/ (bash scripts/build.sh). Run: node --test tests/engines/
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Builder, By, Key, until } from 'selenium-webdriver';
import { Select } from 'selenium-webdriver/lib/select.js';
import {
  CHROMIUM_ARGS, createDraft, download, launchBrowser, startServer, tid, typeInto,
} from '../e2e/harness.mjs';

const FIREFOX = process.env.FIREFOX || '/usr/bin/firefox-esr';
const MINIBROWSER = process.env.MINIBROWSER || findMiniBrowser();
const HOME_CARGO = path.join(os.homedir(), '.cargo', 'bin');

/** Every page: hash, its document title and its main heading. */
const PAGES = [
  ['#/tu-danh-gia', 'Tự đánh giá xã — Chung Sức', 'Tự đánh giá kết quả xây dựng nông thôn mới của xã'],
  ['#/tong-hop', 'Tổng hợp hồ sơ xã — Chung Sức', 'Tổng hợp hồ sơ tự đánh giá của các xã'],
  ['#/muc-tieu', 'Mục tiêu phong trào — Chung Sức', 'Mục tiêu phong trào thi đua đến năm 2025'],
  ['#/khen-thuong', 'Khen thưởng — Chung Sức', 'Khen thưởng phong trào'],
  ['#/bo-tieu-chi', 'Bộ tiêu chí — Chung Sức', 'Bộ tiêu chí'],
  ['#/du-lieu', 'Dữ liệu trên máy — Chung Sức', 'Dữ liệu trên máy'],
];
const PCT = tid('input-ntm_nang_cao-14.1');
const MODELS = tid('cond-smart_village_models');
const T = 20_000; // ms, any single wait
// A cold load mounts in well under a second on a quiet machine; the bound leaves room for a busy CI.
const MAX_LOAD_MS = 5000;

function findMiniBrowser() {
  for (const pkg of ['libwebkit2gtk-4.1-0', 'libwebkit2gtk-4.0-37']) {
    try {
      const hit = execFileSync('dpkg', ['-L', pkg], { encoding: 'utf8' })
        .split('\n').find((l) => l.endsWith('/MiniBrowser'));
      if (hit) return hit;
    } catch { /* not installed */ }
  }
  return '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';
}

function which(cmd) {
  for (const dir of [...(process.env.PATH || '').split(':'), HOME_CARGO]) {
    const p = path.join(dir, cmd);
    if (dir && fs.existsSync(p)) return p;
  }
  throw new Error(`${cmd} not found: run bash scripts/setup.sh`);
}

async function freePort() {
  const srv = net.createServer();
  await new Promise((r) => srv.listen(0, '127.0.0.1', r));
  const { port } = srv.address();
  await new Promise((r) => srv.close(r));
  return port;
}

/** Start a child process; stopped (by its own pid) in `after`. */
const children = [];
function startChild(cmd, args, env = {}) {
  const child = spawn(cmd, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  child.log = '';
  const keep = (d) => { child.log = (child.log + d).slice(-4000); };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  children.push(child);
  return child;
}

/** Xvfb on a free display number (it tells which with -displayfd). */
async function startXvfb() {
  const child = startChild(which('Xvfb'), ['-displayfd', '1', '-screen', '0', '1280x900x24', '-nolisten', 'tcp']);
  const display = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/^(\d+)\n/);
      if (m) resolve(`:${m[1]}`);
    });
    child.once('exit', (code) => reject(new Error(`Xvfb exited (${code}): ${child.log}`)));
    setTimeout(() => reject(new Error(`Xvfb did not start: ${child.log}`)), 10_000);
  });
  return display;
}

/** A WebDriver server (geckodriver, WebKitWebDriver) on a free port, ready for sessions. */
async function startDriver(cmd, portArg, env = {}) {
  const port = await freePort();
  const child = startChild(cmd, portArg(port), env);
  const url = `http://127.0.0.1:${port}`;
  const t0 = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${cmd} exited: ${child.log}`);
    try {
      const res = await fetch(`${url}/status`);
      if (res.ok) return url;
    } catch { /* not listening yet */ }
    if (Date.now() - t0 > 15_000) throw new Error(`${cmd} did not answer on ${url}: ${child.log}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

// ---- in the page (Firefox and WebKit) ------------------------------------------------------------

/** Records errors and the Blob of every download; installed again after each page load. */
const HOOK = `
  if (!window.__smoke) {
    const s = (window.__smoke = { errors: [], blobs: [] });
    const text = (a) => (a && a.message) ? String(a.message) + (a.stack ? ' @ ' + String(a.stack).split('\\n')[0] : '') : (typeof a === 'object' ? (() => { try { return JSON.stringify(a); } catch { return String(a); } })() : String(a));
    const orig = console.error.bind(console);
    console.error = (...args) => { s.errors.push('console.error: ' + args.map(text).join(' ')); orig(...args); };
    window.addEventListener('error', (e) => s.errors.push('error: ' + (e.error ? text(e.error) : e.message)));
    window.addEventListener('unhandledrejection', (e) => s.errors.push('unhandledrejection: ' + text(e.reason)));
    const create = URL.createObjectURL.bind(URL);
    URL.createObjectURL = (obj) => { if (obj instanceof Blob) s.blobs.push(obj); return create(obj); };
  }`;

class Engine {
  constructor(name, driver, origin) {
    this.name = name;
    this.driver = driver;
    this.origin = origin;
    this.errors = [];
    this.loadMs = [];
  }

  /** Wait for the app to mount, then hook the page. Returns ms from navigation start. */
  async ready() {
    const d = this.driver;
    await d.wait(until.elementLocated(By.css('body[data-ready="1"]')), T,
      `${this.name}: the app never mounted (body[data-ready] missing)`);
    const ms = await d.executeScript('return performance.now()');
    await d.executeScript(HOOK);
    this.loadMs.push(Math.round(ms));
    return ms;
  }

  /** Keep what the hook saw before the page goes away. */
  async collect() {
    const errs = await this.driver.executeScript('return window.__smoke ? window.__smoke.errors.splice(0) : []')
      .catch(() => []);
    this.errors.push(...errs);
  }

  /** Open the app at `hash`; `{ cold: true }` loads the document anew (not a hash change). */
  async open(hash, { cold = false } = {}) {
    await this.collect();
    if (cold) await this.driver.get('about:blank');
    await this.driver.get(`${this.origin}/${hash}`);
    return this.ready();
  }

  /** The error hook itself works in this engine (else a clean run would prove nothing). */
  async checkHook() {
    await this.driver.executeScript(`
      console.error('smoke: hook check');
      window.dispatchEvent(new ErrorEvent('error', { message: 'smoke: uncaught check', error: new Error('smoke: uncaught check') }));
      window.dispatchEvent(new PromiseRejectionEvent('unhandledrejection', { promise: Promise.resolve(), reason: new Error('smoke: rejection check') }));`);
    await this.driver.sleep(300);
    const seen = await this.driver.executeScript('return window.__smoke.errors.splice(0)');
    for (const what of ['hook check', 'uncaught check', 'rejection check']) {
      assert.ok(seen.some((x) => x.includes(what)), `${this.name}: the error hook missed "${what}": ${JSON.stringify(seen)}`);
    }
  }

  /** Reload the way a person does (F5): location.reload(), which goes through the service worker. */
  async reload() {
    await this.collect();
    const d = this.driver;
    const body = await d.findElement(By.css('body'));
    await d.executeScript('location.reload()');
    await d.wait(until.stalenessOf(body), T, `${this.name}: the page did not reload`);
    return this.ready();
  }

  /** WebDriver's own refresh (bypasses the service worker in Firefox). */
  async refresh() {
    await this.collect();
    await this.driver.navigate().refresh();
    return this.ready();
  }

  $(css) {
    return this.driver.wait(until.elementLocated(By.css(css)), T, `${this.name}: ${css} not found`);
  }

  async waitText(css, re) {
    const d = this.driver;
    try {
      await d.wait(async () => re.test(await d.executeScript(
        'const e = document.querySelector(arguments[0]); return e ? e.textContent : ""', css)), T);
    } catch {
      const got = await d.executeScript('const e = document.querySelector(arguments[0]); return e ? e.textContent : null', css);
      assert.fail(`${this.name}: ${css} says ${JSON.stringify(got)}, expected ${re}`);
    }
  }

  async value(css) {
    return (await this.$(css)).getAttribute('value');
  }

  /** Clear a field and type `text` key by key, then leave it (Tab). */
  async type(css, text) {
    const el = await this.$(css);
    await el.clear();
    await el.sendKeys(text, Key.TAB);
  }

  async select(css, value) {
    await new Select(await this.$(css)).selectByValue(value);
  }

  /** The editor of draft 13306 / 2024, created from the "Tự đánh giá" page. */
  async createDraft() {
    const d = this.driver;
    await this.$('#create-draft');
    await this.select('#new-commune', '13306');
    await this.select('#new-year', '2024');
    await (await this.$('#create-draft')).click();
    await this.openEditor();
  }

  /** Make sure the draft's editor is open (the app reopens it; else its "Mở" button). */
  async openEditor() {
    const d = this.driver;
    try {
      await d.wait(until.elementLocated(By.css(tid('editor-title'))), 3000);
    } catch {
      const item = await this.$(`${tid('draft-item')}[data-unit="13306"][data-year="2024"]`);
      await (await item.findElement(By.xpath(".//button[normalize-space()='Mở']"))).click();
    }
    await this.waitText(tid('editor-title'), /Xã Phù Vân.*2024|2024.*Xã Phù Vân/s);
  }

  /** Click `css` and return the bytes of the Blob the app offered as a download. */
  async exportBlob(css) {
    const d = this.driver;
    await d.executeScript('window.__smoke.blobs.length = 0');
    await (await this.$(css)).click();
    const b64 = await d.executeAsyncScript(`
      const done = arguments[arguments.length - 1];
      const t0 = Date.now();
      (function poll() {
        const b = window.__smoke.blobs[0];
        if (!b) return Date.now() - t0 > 10000 ? done(null) : setTimeout(poll, 50);
        const r = new FileReader();
        r.onload = () => done(String(r.result).split(',')[1] || '');
        r.onerror = () => done(null);
        r.readAsDataURL(b);
      })();`);
    assert.ok(b64 !== null, `${this.name}: ${css} offered no download`);
    return Buffer.from(b64, 'base64');
  }

  async swControls() {
    const d = this.driver;
    await d.executeAsyncScript(`
      const done = arguments[arguments.length - 1];
      if (!('serviceWorker' in navigator)) return done(false);
      navigator.serviceWorker.ready.then(() => done(true), () => done(false));`);
    if (!(await d.executeScript('return !!navigator.serviceWorker.controller'))) {
      // The first visit is not controlled until the worker claims it; a reload makes sure.
      await this.reload();
    }
    await d.wait(() => d.executeScript('return !!(navigator.serviceWorker && navigator.serviceWorker.controller)'), T,
      `${this.name}: no service worker controls the page`);
  }
}

// ---- the steps, the same in every engine --------------------------------------------------------

async function smoke(e, server, expectedJson, { realDownload } = {}) {
  const timings = {};
  let t0 = Date.now();
  const firstLoad = await e.open('#/tu-danh-gia');
  timings.firstLoadMs = Math.round(firstLoad);
  await e.checkHook();

  // Every page loaded on its own (as from a bookmark), with its title and heading; never blank.
  for (const [hash, title, heading] of PAGES) {
    const ms = await e.open(hash, { cold: true });
    assert.ok(ms < MAX_LOAD_MS, `${e.name}: ${hash} took ${Math.round(ms)} ms to mount`);
    await e.waitText('h1.page-title', new RegExp(heading.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    assert.equal(await e.driver.getTitle(), title, `${e.name}: title of ${hash}`);
    const len = await e.driver.executeScript('return document.body.innerText.trim().length');
    assert.ok(len > 200, `${e.name}: ${hash} shows almost nothing (${len} characters)`);
  }
  timings.pagesMs = Date.now() - t0;
  timings.pageLoadsMs = e.loadMs.slice(1);

  // A draft; 95,5 % and 6.000 models, saved.
  t0 = Date.now();
  await e.open('#/tu-danh-gia');
  await e.createDraft();
  await e.type(PCT, '95,5');
  await e.type(MODELS, '6.000');
  await e.waitText(tid('save-status'), /^Đã lưu/);
  await e.waitText(tid('outcome-ntm_kieu_mau-KM.3'), /\S/);

  // Found again after a reload.
  await e.refresh();
  await e.openEditor();
  assert.equal(await e.value(PCT), '95,5', `${e.name}: 95,5 after a reload`);
  assert.equal(await e.value(MODELS), '6.000', `${e.name}: 6.000 after a reload`);
  timings.draftMs = Date.now() - t0;

  // The JSON export: the bytes Chromium gives.
  const bytes = await e.exportBlob('#export-json');
  assert.equal(bytes.toString('utf8'), expectedJson.toString('utf8'), `${e.name}: the JSON export differs from Chromium's`);
  assert.ok(bytes.equals(expectedJson), `${e.name}: the JSON export's bytes differ from Chromium's`);
  if (realDownload) {
    const file = path.join(realDownload, 'ho-so-13306-2024.json');
    await e.driver.wait(() => fs.existsSync(file) && fs.statSync(file).size === expectedJson.length, T,
      `${e.name}: the download ${file} never arrived`);
    assert.ok(fs.readFileSync(file).equals(expectedJson), `${e.name}: the downloaded file differs from Chromium's`);
  }

  // Offline: once the service worker controls the page, the server goes away.
  t0 = Date.now();
  await e.swControls();
  await server.close();
  await assert.rejects(fetch(`${e.origin}/`), 'the server still answers');
  const offlineLoad = await e.reload();
  timings.offlineLoadMs = Math.round(offlineLoad);
  assert.ok(offlineLoad < MAX_LOAD_MS, `${e.name}: offline reload took ${Math.round(offlineLoad)} ms`);
  await e.openEditor();
  assert.equal(await e.value(PCT), '95,5', `${e.name}: 95,5 offline`);
  await e.type(PCT, '96,2');
  await e.waitText(tid('save-status'), /^Đã lưu/);
  await e.reload();
  await e.openEditor();
  assert.equal(await e.value(PCT), '96,2', `${e.name}: 96,2 typed offline survives an offline reload`);
  assert.equal(await e.value(MODELS), '6.000', `${e.name}: 6.000 offline`);
  const offlineJson = JSON.parse((await e.exportBlob('#export-json')).toString('utf8'));
  assert.equal(offlineJson.values.ntm_nang_cao['14.1'], 96.2);
  assert.equal(offlineJson.conditions.smart_village_models, 6000);
  timings.offlineMs = Date.now() - t0;

  await e.collect();
  assert.deepEqual(e.errors, [], `${e.name}: the page logged errors`);
  return timings;
}

// ---- the engines -----------------------------------------------------------------------------

const report = [];
let expectedJson = null;
let display = '';

before(async () => {
  display = await startXvfb();
});

after(async () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
  if (report.length) {
    console.log('\nEngines and versions this run used:');
    for (const r of report) console.log(`  ${r}`);
  }
});

let geckodriver = null;
/** A headless Firefox session with these extra preferences. */
async function firefox(prefs = {}) {
  geckodriver ??= await startDriver(which('geckodriver'), (p) => ['--port', String(p)]);
  return new Builder().usingServer(geckodriver).withCapabilities({
    browserName: 'firefox',
    'moz:firefoxOptions': {
      binary: FIREFOX,
      args: ['-headless'],
      prefs: { 'intl.accept_languages': 'vi-VN, vi', ...prefs },
    },
  }).build();
}

describe('cross-engine smoke', () => {
  it('Chromium (playwright-core): the reference export', async () => {
    const server = await startServer();
    const browser = await launchBrowser();
    try {
      const ctx = await browser.newContext({ acceptDownloads: true, locale: 'vi-VN' });
      const page = await ctx.newPage();
      const errors = [];
      page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
      page.on('console', (m) => m.type() === 'error' && errors.push(`console.error: ${m.text()}`));
      await page.goto(`${server.origin}/#/tu-danh-gia`);
      await page.waitForSelector('body[data-ready="1"]', { state: 'attached' });
      await createDraft(page, '13306', '2024');
      await typeInto(page, PCT, '95,5', { leave: true });
      await typeInto(page, MODELS, '6.000', { leave: true });
      await page.waitForFunction((sel) => /^Đã lưu/.test(document.querySelector(sel)?.textContent || ''), tid('save-status'));
      const file = await download(page, '#export-json');
      assert.equal(file.name, 'ho-so-13306-2024.json');
      const d = JSON.parse(file.text);
      assert.equal(d.values.ntm_nang_cao['14.1'], 95.5);
      assert.equal(d.conditions.smart_village_models, 6000);
      expectedJson = file.bytes;
      assert.deepEqual(errors, []);
      report.push(`Chromium ${browser.version()} (playwright-core, ${CHROMIUM_ARGS.includes('--headless') ? 'headless' : ''})`);
    } finally {
      await browser.close();
      await server.close();
    }
  });

  it('Firefox ESR (geckodriver, headless)', async (t) => {
    assert.ok(expectedJson, 'the Chromium reference did not run');
    const server = await startServer();
    const downloads = fs.mkdtempSync(path.join(os.tmpdir(), 'chung-suc-firefox-'));
    const driver = await firefox({
      'browser.download.folderList': 2,
      'browser.download.dir': downloads,
      'browser.download.useDownloadDir': true,
      'browser.download.always_ask_before_handling_new_types': false,
      'browser.helperApps.neverAsk.saveToDisk': 'application/json',
    });
    try {
      const caps = await driver.getCapabilities();
      const e = new Engine('Firefox', driver, server.origin);
      const timings = await smoke(e, server, expectedJson, { realDownload: downloads });
      report.push(`Firefox ${caps.get('browserVersion')} (geckodriver ${execFileSync(which('geckodriver'), ['--version'], { encoding: 'utf8' }).split('\n')[0].split(' ')[1]}, headless): ${JSON.stringify(timings)}`);
      t.diagnostic(report.at(-1));
    } finally {
      await driver.quit().catch(() => {});
      await server.close();
      fs.rmSync(downloads, { recursive: true, force: true });
    }
  });

  it('Firefox ESR without WebAssembly (as iPhone Lockdown Mode): a message in Vietnamese, not a blank page', async () => {
    const server = await startServer();
    const driver = await firefox({ 'javascript.options.wasm': false });
    try {
      await driver.get(`${server.origin}/#/tu-danh-gia`);
      assert.equal(await driver.executeScript('return typeof WebAssembly'), 'undefined', 'WebAssembly is off');
      const box = await driver.wait(until.elementLocated(By.css('#loading[role="alert"]')), T,
        'no message when WebAssembly is missing');
      assert.match(await box.getText(), /WebAssembly/);
      assert.match(await box.getText(), /tải lại trang/);
    } finally {
      await driver.quit().catch(() => {});
      await server.close();
    }
  });

  it('WebKitGTK (WebKitWebDriver + MiniBrowser under Xvfb)', async (t) => {
    assert.ok(expectedJson, 'the Chromium reference did not run');
    const server = await startServer();
    const url = await startDriver(which('WebKitWebDriver'), (p) => [`--port=${p}`], { DISPLAY: display });
    const driver = await new Builder().usingServer(url).withCapabilities({
      browserName: 'MiniBrowser',
      'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] },
    }).build();
    try {
      const caps = await driver.getCapabilities();
      const e = new Engine('WebKitGTK', driver, server.origin);
      const timings = await smoke(e, server, expectedJson);
      const ua = await driver.executeScript('return navigator.userAgent');
      report.push(`WebKitGTK ${caps.get('browserVersion')} (MiniBrowser, WebKitWebDriver, Xvfb ${display}; ${ua}): ${JSON.stringify(timings)}`);
      t.diagnostic(report.at(-1));
    } finally {
      await driver.quit().catch(() => {});
      await server.close();
    }
  });
});

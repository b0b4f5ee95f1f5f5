#!/usr/bin/env node
// Chung Sức — first-load benchmark (a figure, not a test), on dist/ served WITH gzip as any static
// host does:
//   1. time-to-usable (body[data-ready], the default route #/tu-danh-gia) in headless Chromium on a
//      cold cache, throttled to 1,6 Mbit/s down and 150 ms latency (CDP), for the commune entry
//      (what a first visit loads) and for the full app (every page in one module, as before the
//      split: the server answers the commune entry's files with the full entry's);
//   2. Lighthouse 12 (npm `lighthouse`, its mobile preset) on the default route: performance
//      score and LCP.
//   node scripts/bench-load.mjs [--runs N (0: Lighthouse only)] [--no-lighthouse]   (after scripts/build.sh)
//   LH_SAVE=DIR also writes each Lighthouse report (JSON) there.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIST = path.resolve(process.env.DIST || path.join(ROOT, 'dist'));
const CHROME = process.env.CHROME_PATH || '/usr/bin/chromium';
const args = process.argv.slice(2);
const RUNS = args.includes('--runs') ? Number(args[args.indexOf('--runs') + 1]) : 3;
const LIGHTHOUSE = !args.includes('--no-lighthouse');
const CHROME_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic',
];

const MIME = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.wasm': 'application/wasm', '.json': 'application/json',
  '.svg': 'image/svg+xml', '.webmanifest': 'application/manifest+json',
};

/** A static server of dist/ with gzip (level 9, computed once per file). `asFull`: the commune
 *  entry's files are answered with the full entry's. */
function serve({ asFull = false } = {}) {
  const pkg = fs.readdirSync(path.join(DIST, 'pkg'));
  const full = (re) => pkg.find((f) => re.test(f));
  const swap = asFull
    ? {
        [`/pkg/${full(/^xa\.[0-9a-f]{10}\.js$/)}`]: `/pkg/${full(/^ntm_app\.[0-9a-f]{10}\.js$/)}`,
        [`/pkg/${full(/^xa_bg\.[0-9a-f]{10}\.wasm$/)}`]: `/pkg/${full(/^ntm_app_bg\.[0-9a-f]{10}\.wasm$/)}`,
      }
    : {};
  const gz = new Map();
  const server = http.createServer((req, res) => {
    let rel = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (rel.endsWith('/')) rel += 'index.html';
    rel = swap[rel] || rel;
    const file = path.join(DIST, path.normalize(rel));
    if (!file.startsWith(DIST) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    const type = MIME[path.extname(file)] || 'application/octet-stream';
    const headers = { 'content-type': type, 'cache-control': 'no-cache' };
    if (/gzip/.test(req.headers['accept-encoding'] || '') && !/image\/png/.test(type)) {
      if (!gz.has(file)) gz.set(file, zlib.gzipSync(fs.readFileSync(file), { level: 9 }));
      res.writeHead(200, { ...headers, 'content-encoding': 'gzip', 'content-length': gz.get(file).length });
      res.end(gz.get(file));
    } else {
      const body = fs.readFileSync(file);
      res.writeHead(200, { ...headers, 'content-length': body.length });
      res.end(body);
    }
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ origin: `http://127.0.0.1:${server.address().port}`, close: () => server.close() }),
    ),
  );
}

/** Milliseconds from navigation start to body[data-ready], on a cold cache, throttled. */
async function timeToUsable(browser, origin) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(() => {
    new MutationObserver((_, obs) => {
      if (document.body?.dataset.ready === '1') {
        window.__usable = performance.now();
        obs.disconnect();
      }
    }).observe(document, { attributes: true, subtree: true });
  });
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 150,
    downloadThroughput: (1.6e6 / 8) | 0,
    uploadThroughput: (0.75e6 / 8) | 0,
  });
  let bytes = 0;
  cdp.on('Network.loadingFinished', (e) => (bytes += e.encodedDataLength));
  await page.goto(`${origin}/#/tu-danh-gia`);
  await page.waitForSelector('body[data-ready="1"]', { state: 'attached', timeout: 120_000 });
  const usableBytes = bytes;
  const ms = await page.evaluate(() => window.__usable);
  await context.close();
  return { ms, bytes: usableBytes };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (n, d = 1) => n.toLocaleString('vi-VN', { minimumFractionDigits: d, maximumFractionDigits: d });

async function lighthouse(origin, label) {
  let lh, launcher;
  try {
    lh = (await import('lighthouse')).default;
    launcher = await import('chrome-launcher');
  } catch {
    console.log('  Lighthouse: not installed (npm ci installs lighthouse 12.2.3)');
    return;
  }
  const chrome = await launcher.launch({ chromePath: CHROME, chromeFlags: CHROME_ARGS });
  try {
    // Lighthouse's default config is its mobile preset (Moto G Power, simulated slow 4G).
    const r = await lh(`${origin}/#/tu-danh-gia`, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['performance'] });
    const a = r.lhr.audits;
    // LH_SAVE=DIR keeps each report (Lighthouse's JSON) for reading its audits.
    if (process.env.LH_SAVE) {
      fs.mkdirSync(process.env.LH_SAVE, { recursive: true });
      fs.writeFileSync(path.join(process.env.LH_SAVE, `lighthouse-${label.replace(/\W+/g, '-')}.json`), JSON.stringify(r.lhr, null, 1));
    }
    console.log(
      `  Lighthouse ${r.lhr.lighthouseVersion} (mobile), ${label}: performance ${Math.round(r.lhr.categories.performance.score * 100)}, ` +
        `LCP ${fmt(a['largest-contentful-paint'].numericValue / 1000)} s, FCP ${fmt(a['first-contentful-paint'].numericValue / 1000)} s, ` +
        `TBT ${Math.round(a['total-blocking-time'].numericValue)} ms, transfer ${fmt(a['total-byte-weight'].numericValue / 1024, 0)} KB`,
    );
  } finally {
    await chrome.kill();
  }
}

const browser = await chromium.launch({ executablePath: CHROME, headless: true, args: CHROME_ARGS });
console.log(`[bench] first load of #/tu-danh-gia, gzip, cold cache, 1,6 Mbit/s / 150 ms (median of ${RUNS})`);
const VARIANTS = [['commune entry (xa)', false], ['full app (ntm_app)', true]];
for (const [label, asFull] of RUNS > 0 ? VARIANTS : []) {
  const server = await serve({ asFull });
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(await timeToUsable(browser, server.origin));
  server.close();
  const ms = median(runs.map((r) => r.ms));
  console.log(`  ${label.padEnd(20)} usable after ${fmt(ms / 1000, 2)} s, ${fmt(median(runs.map((r) => r.bytes)) / 1024, 0)} KB transferred`);
}
await browser.close();
for (const [label, asFull] of LIGHTHOUSE ? VARIANTS : []) {
  const server = await serve({ asFull });
  await lighthouse(server.origin, label);
  server.close();
}

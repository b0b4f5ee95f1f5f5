// Benchmark (prints figures, asserts nothing): import N dossier files at once on the Tổng hợp
// page of the built app in headless Chromium, through the real file input.
// Usage: node tests/bench/import-files.mjs DIR [--screenshot FILE.png]
//   (files from `ntm sample --count N --out DIR`; 1 000 and 10 000 both work)
// scripts/bench-browser.mjs calls `measureImport` with its own browser.
//
// Prints the total time, the long main-thread tasks (the browser reports those over 50 ms): the
// longest, how many, how many over 200 ms, and how often the progress bar moved.
// Choosing files is itself one task in which Chromium builds a File object per file (about
// 0,2 ms each: ~2 s for 10 000, with or without the app — measured on an empty page first) and
// dispatches `change`; it is reported apart, with the app's share of it.
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer, launchBrowser } from '../e2e/harness.mjs';

/** The `.json` files of `dir`, in readdir order: as a folder is listed, the way a user's selection arrives. */
export async function dossierFiles(dir) {
  return (await fs.readdir(dir)).filter((f) => f.endsWith('.json')).map((f) => path.join(dir, f));
}

/** Long tasks [start, duration] and the time `change` was dispatched, from the page. */
function watchTasks() {
  window.__tasks = [];
  window.__change = null;
  window.__progress = new Set();
  new PerformanceObserver((l) => {
    for (const e of l.getEntries()) window.__tasks.push([e.startTime, e.duration]);
  }).observe({ type: 'longtask', buffered: false });
  window.addEventListener('change', () => { window.__change ??= performance.now(); }, true);
  new MutationObserver(() => {
    const p = document.querySelector('[data-testid="import-progress"]');
    if (p) window.__progress.add(p.getAttribute('value'));
  }).observe(document.body, { subtree: true, childList: true, attributes: true });
}

const ms = (x) => `${Math.round(x)} ms`;

/**
 * Imports `files` through the Tổng hợp page's file input in a fresh page of `browser`; prints the
 * figures and returns { total, longest, over50, over200, pick, blankPick, steps, nodes, summary }.
 */
export async function measureImport(browser, origin, files, { shot = null, log = console.log } = {}) {
  // The browser's own cost of choosing the files, on an empty page.
  const blank = await browser.newPage();
  await blank.goto(`${origin}/manifest.webmanifest`);
  await blank.setContent('<input type="file" multiple id="f">');
  await blank.evaluate(watchTasks);
  await blank.setInputFiles('#f', files);
  await blank.waitForTimeout(300);
  const blankPick = Math.max(0, ...(await blank.evaluate(() => window.__tasks.map((t) => t[1]))));
  await blank.close();

  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' });
  try {
    await page.goto(`${origin}/#/tong-hop`);
    await page.waitForSelector('body[data-ready="1"]');
    await page.waitForSelector('#import-many', { state: 'attached' });
    await page.evaluate(watchTasks);
    const t0 = Date.now();
    await page.setInputFiles('#import-many', files);
    await page.waitForFunction(
      (n) => new RegExp(`Đã đọc ${n} tệp`).test(document.querySelector('[data-testid="import-summary"]')?.textContent || ''),
      files.length,
      { timeout: 900_000, polling: 250 },
    );
    const total = Date.now() - t0;
    // The save after the last redraw, and tasks that end just after the summary, still count.
    await page.waitForTimeout(1500);
    const { tasks, change, steps, nodes } = await page.evaluate(() => ({
      tasks: window.__tasks,
      change: window.__change,
      steps: window.__progress.size,
      nodes: document.getElementsByTagName('*').length,
    }));
    const isPick = ([start, d]) => change !== null && start <= change && change <= start + d;
    const pick = tasks.find(isPick)?.[1] ?? 0;
    const app = tasks.filter((t) => !isPick(t)).map((t) => t[1]);
    const longest = Math.max(0, ...app);
    const summary = ((await page.textContent('[data-testid="import-summary"]')) || '').trim().replace(/\s+/g, ' ');
    const over50 = app.length;
    const over200 = app.filter((d) => d > 200).length;
    log(`  nhập ${files.length} tệp trong trình duyệt: ${ms(total)}`);
    log(
      `    tác vụ dài của ứng dụng: dài nhất ${ms(longest)}; ${over50} tác vụ > 50 ms, ` +
        `${over200} tác vụ > 200 ms; thanh tiến độ cập nhật ${steps} lần; ${nodes} phần tử DOM sau khi nhập`,
    );
    log(`    tác vụ chọn tệp: ${ms(pick)} (trên trang trống, chỉ riêng trình duyệt tạo ${files.length} đối tượng File: ${ms(blankPick)})`);
    log(`    ${summary}`);
    if (shot) {
      await page.screenshot({ path: shot, fullPage: false });
      log(`    ảnh chụp: ${shot}`);
    }
    return { total, longest, over50, over200, pick, blankPick, steps, nodes, summary };
  } finally {
    await page.close();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const shotAt = args.indexOf('--screenshot');
  const shot = shotAt >= 0 ? args.splice(shotAt, 2)[1] : null;
  const dir = args[0];
  if (!dir) {
    console.error('usage: node tests/bench/import-files.mjs DIR [--screenshot FILE.png]');
    process.exit(2);
  }
  const files = await dossierFiles(dir);
  const server = await startServer();
  const browser = await launchBrowser();
  try {
    await measureImport(browser, server.origin, files, { shot });
  } finally {
    await browser.close();
    await server.close();
  }
}

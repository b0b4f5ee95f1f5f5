// Benchmark (prints figures, asserts nothing): import N dossier files at once on the Tổng hợp
// page of the built app in headless Chromium, through the real file input.
// Usage: node tests/bench/import-files.mjs DIR   (files from `ntm sample --count N --out DIR`)
import fs from 'node:fs/promises';
import path from 'node:path';
import { startServer, launchBrowser } from '../e2e/harness.mjs';

const dir = process.argv[2];
const files = (await fs.readdir(dir)).filter((f) => f.endsWith('.json')).map((f) => path.join(dir, f));
const server = await startServer();
const browser = await launchBrowser();
try {
  const page = await browser.newPage();
  await page.goto(`${server.origin}/#/tong-hop`);
  await page.waitForSelector('body[data-ready="1"]');
  await page.waitForSelector('#import-many', { state: 'attached' });
  // Longest main-thread task while importing: shows whether the tab stays responsive.
  await page.evaluate(() => {
    window.__longest = 0;
    new PerformanceObserver((l) => {
      for (const e of l.getEntries()) window.__longest = Math.max(window.__longest, e.duration);
    }).observe({ type: 'longtask', buffered: false });
  });
  const t0 = Date.now();
  await page.setInputFiles('#import-many', files);
  await page.waitForFunction(
    (n) => new RegExp(`Đã đọc ${n} tệp`).test(document.querySelector('[data-testid="import-summary"]')?.textContent || ''),
    files.length,
    { timeout: 600_000 },
  );
  const ms = Date.now() - t0;
  const longest = await page.evaluate(() => window.__longest);
  const summary = ((await page.textContent('[data-testid="import-summary"]')) || '').trim();
  console.log(`  nhập ${files.length} tệp trong trình duyệt: ${ms} ms (tác vụ dài nhất ${Math.round(longest)} ms)`);
  console.log(`  ${summary.replace(/\s+/g, ' ')}`);
} finally {
  await browser.close();
  await server.close();
}

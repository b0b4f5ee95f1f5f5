#!/usr/bin/env node
// Chung Sức — browser figures (issue 11 §3), printed, never asserted: the built app (dist/, the
// release build) in headless Chromium, in one run:
//   1. the app's parse + evaluate of 10 000 dossier files against the browser's own JSON.parse
//      of the same texts (ratio), through the bench hook `benchParseEvaluate` (app/src/bench.rs:
//      the import's own path — the files' bytes, 50 to a blob, split, UTF-8 checked,
//      `consolidate::import_file` + evaluate), and serde_json's reading alone (nothing kept) beside it;
//   2. CSV of those 10 000 dossiers: each dossier's own CSV (Tự đánh giá's export, plain and for
//      Excel) and the consolidated table's (Tổng hợp's export);
//   3. importing 1 000 dossier files through the real Tổng hợp file input, and the longest
//      main-thread task meanwhile (tests/bench/import-files.mjs);
//   4. opening a draft on Tự đánh giá (click "Mở" → first frame drawn), on a desktop and a phone.
// Each time is the best of a few runs, so a passing load spike does not decide it; the machine's
// load is printed with the figures.
//
// Usage: node scripts/bench-browser.mjs [--count 10000] [--import 1000] [--runs 3] [--only PART]
// Needs dist/ (bash scripts/build.sh) and the `ntm` CLI (built here with the `cli` profile when
// target/cli/ntm is missing) to write the sample dossiers.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT, startServer, launchBrowser } from '../tests/e2e/harness.mjs';
import { dossierFiles, measureImport } from '../tests/bench/import-files.mjs';

function option(name, fallback) {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}
const COUNT = option('--count', 10_000);
const IMPORT = option('--import', 1_000);
const RUNS = option('--runs', 3);
// `--only core|import|open` runs one part (while working on it).
const ONLY = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : null;
const part = (name) => ONLY === null || ONLY === name;
const ms = (x) => `${Math.round(x)} ms`;
const load = () => os.loadavg().map((l) => l.toFixed(2)).join(', ');

// Sample dossiers from the CLI, as `ntm sample` writes them for the other benchmarks.
let ntm = path.join(ROOT, 'target/cli/ntm');
if (!existsSync(ntm)) {
  execFileSync('cargo', ['build', '-q', '--profile', 'cli', '-p', 'ntm-core', '--features', 'cli', '--bin', 'ntm'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
}
const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ntm-bench-browser-'));
// The files imported at once: a district's communes, one file each (as `ntm sample` numbers them).
const importDir = path.join(dir, 'import');
const server = await startServer();
const browser = await launchBrowser();
try {
  execFileSync(ntm, ['sample', '--count', String(COUNT), '--out', dir], { stdio: 'ignore' });
  execFileSync(ntm, ['sample', '--count', String(IMPORT), '--out', importDir], { stdio: 'ignore' });
  const files = await dossierFiles(dir);
  const texts = await Promise.all(files.map((f) => fs.readFile(f, 'utf8')));
  const mb = texts.reduce((n, t) => n + Buffer.byteLength(t), 0) / 1e6;
  console.log(`[bench] trình duyệt (Chromium không giao diện, bản phát hành dist/): ${COUNT} hồ sơ, ${mb.toFixed(1)} MB JSON`);
  console.log(`  tải máy lúc bắt đầu: ${load()}`);

  // ---- 1 and 2: parse + evaluate against JSON.parse; CSV ------------------------------------
  if (part('core')) {
  // No service worker: it would answer the texts' request itself.
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN', serviceWorkers: 'block' });
  await page.route('**/__bench/texts.json', (route) =>
    route.fulfill({ contentType: 'application/json', body: JSON.stringify(texts) }),
  );
  await page.goto(`${server.origin}/#/tong-hop`);
  await page.waitForSelector('body[data-ready="1"]', { state: 'attached' });
  const figures = await page.evaluate(async (runs) => {
    // The wasm-bindgen module holding the hook: one the page has already loaded and started.
    let hook = null;
    for (const r of performance.getEntriesByType('resource')) {
      if (!/\/pkg\/[^/]+\.js$/.test(r.name)) continue;
      const m = await import(r.name);
      if (typeof m.benchParseEvaluate === 'function') hook = m;
    }
    if (!hook) return null;
    const texts = await (await fetch('/__bench/texts.json')).json();
    // The import reads files as bytes, 50 to a blob (app/src/tong_hop/state/import_plan.rs),
    // never as JS strings; the floor below is charged no decoding for its strings.
    const enc = new TextEncoder();
    const files = texts.map((t) => enc.encode(t));
    const blobs = [];
    for (let i = 0; i < files.length; i += 50) {
      const batch = files.slice(i, i + 50);
      const blob = new Uint8Array(batch.reduce((n, f) => n + f.length, 0));
      let at = 0;
      for (const f of batch) {
        blob.set(f, at);
        at += f.length;
      }
      blobs.push(blob.buffer); // an ArrayBuffer, as a blob read gives
    }
    const sizes = new Uint32Array(files.map((f) => f.length));
    const best = (f, before = () => {}) => {
      let t = Infinity;
      let out;
      for (let i = 0; i < runs; i++) {
        before();
        const t0 = performance.now();
        out = f();
        t = Math.min(t, performance.now() - t0);
      }
      return [t, out];
    };
    // Alternated, so both see the same state of the machine.
    let json = Infinity;
    let app = Infinity;
    let tokenize = Infinity;
    let evaluate = Infinity;
    let n = 0;
    for (let i = 0; i < runs; i++) {
      json = Math.min(json, best(() => { for (const t of texts) JSON.parse(t); })[0]);
      tokenize = Math.min(tokenize, best(() => hook.benchTokenize(blobs, sizes))[0]);
      // The previous run's dossiers are freed before the clock starts: an import frees nothing.
      const [t, got] = best(() => hook.benchParseEvaluate(blobs, sizes), () => hook.benchForget());
      app = Math.min(app, t);
      n = got;
      evaluate = Math.min(evaluate, best(() => hook.benchEvaluate())[0]);
    }
    const [plain, plainBytes] = best(() => hook.benchCsvDossiers(false));
    const [excel, excelBytes] = best(() => hook.benchCsvDossiers(true));
    hook.benchRows();
    const [table, tableBytes] = best(() => hook.benchCsvTable(true));
    const [tablePlain, tablePlainBytes] = best(() => hook.benchCsvTable(false));
    return { json, app, tokenize, evaluate, n, plain, plainBytes, excel, excelBytes, table, tableBytes, tablePlain, tablePlainBytes };
  }, RUNS);
  await page.close();
  const f = figures ?? {};
  if (!figures) console.log('  (bản dựng này không có hook benchParseEvaluate: bỏ qua phần đọc, đánh giá và CSV)');
  const mbOf = (b) => `${(b / 1e6).toFixed(1)} MB`;
  if (figures) {
  console.log(`  JSON.parse của trình duyệt (sàn):      ${ms(f.json)}`);
  console.log(`  ứng dụng đọc + kiểm tra + đánh giá:    ${ms(f.app)} (${(f.app / f.json).toFixed(2)}× sàn; mục tiêu ≤ 2×) — ${f.n} hồ sơ`);
  console.log(`  (trong đó đánh giá: ${ms(f.evaluate)}; serde_json chỉ đọc cú pháp, không giữ gì: ${ms(f.tokenize)}, ${(f.tokenize / f.json).toFixed(2)}× sàn)`);
  console.log(`  CSV từng hồ sơ (máy đọc):              ${ms(f.plain)} (${mbOf(f.plainBytes)}; mục tiêu ≤ 300 ms)`);
  console.log(`  CSV từng hồ sơ (Excel):                ${ms(f.excel)} (${mbOf(f.excelBytes)})`);
  console.log(`  CSV bảng tổng hợp (Excel / máy đọc):   ${ms(f.table)} / ${ms(f.tablePlain)} (${mbOf(f.tableBytes)} / ${mbOf(f.tablePlainBytes)})`);
  }

  }

  // ---- 3: importing files through the real input --------------------------------------------
  if (part('import')) {
    console.log(`  (mục tiêu: ${IMPORT} tệp ≤ 3 s, không tác vụ nào > 100 ms)`);
    await measureImport(browser, server.origin, await dossierFiles(importDir));
  }

  // ---- 4: opening a draft ----------------------------------------------------------------------
  for (const [label, viewport] of !part('open') ? [] : [
    ['máy tính 1280×900', { width: 1280, height: 900 }],
    ['điện thoại 390×844', { width: 390, height: 844 }],
  ]) {
    const ctx = await browser.newContext({ viewport, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    const p = await ctx.newPage();
    await p.goto(`${server.origin}/#/tu-danh-gia`);
    await p.waitForSelector('body[data-ready="1"]', { state: 'attached' });
    // A draft with every value filled: a sample dossier imported as a draft.
    await p.setInputFiles('#import-dossier', files[0]);
    await p.waitForSelector('[data-testid="editor-title"]');
    const runs = [];
    for (let i = 0; i < RUNS + 1; i++) {
      await p.getByRole('button', { name: 'Đóng hồ sơ' }).click();
      await p.waitForSelector('[data-testid="draft-item"]');
      await p.waitForTimeout(200);
      runs.push(
        await p.evaluate(async () => {
          const tasks = [];
          const obs = new PerformanceObserver((l) => {
            for (const e of l.getEntries()) tasks.push(e.duration);
          });
          obs.observe({ type: 'longtask' });
          const open = [...document.querySelectorAll('[data-testid="draft-item"] button')].find(
            (b) => b.textContent.trim() === 'Mở',
          );
          const t0 = performance.now();
          open.click();
          // The click's task (the app renders in its microtasks), then the frame that draws it.
          await new Promise((r) => {
            const c = new MessageChannel();
            c.port1.onmessage = r;
            c.port2.postMessage(0);
          });
          const task = performance.now() - t0;
          await new Promise((r) => requestAnimationFrame(() => setTimeout(r)));
          const frame = performance.now() - t0;
          const nodes = document.getElementsByTagName('*').length;
          // Whatever is drawn after the first screen, until the page is quiet.
          let last = performance.now();
          let count = nodes;
          while (performance.now() - last < 300) {
            await new Promise((r) => setTimeout(r, 50));
            const c = document.getElementsByTagName('*').length;
            if (c !== count) {
              count = c;
              last = performance.now();
            }
          }
          await new Promise((r) => setTimeout(r, 50));
          obs.disconnect();
          const height = document.documentElement.scrollHeight;
          return { task, frame, nodes, all: count, longest: Math.max(0, ...tasks), height, vh: innerHeight };
        }),
      );
    }
    // The first opening warms the browser's caches; the best of the others is reported.
    const r = runs.slice(1).reduce((a, b) => (b.frame < a.frame ? b : a));
    console.log(
      `  mở hồ sơ nháp (${label}): ${ms(r.frame)} đến khung hình đầu (tác vụ bấm ${ms(r.task)}); ` +
        `${r.nodes} phần tử DOM lúc đầu, ${r.all} khi xong; tác vụ dài nhất ${ms(r.longest)}; ` +
        `trang dài ${(r.height / r.vh).toFixed(1)} màn hình (mục tiêu ≤ 100 ms)`,
    );
    await ctx.close();
  }
  console.log(`  tải máy lúc kết thúc: ${load()}`);
} finally {
  await browser.close();
  await server.close();
  await fs.rm(dir, { recursive: true, force: true });
}

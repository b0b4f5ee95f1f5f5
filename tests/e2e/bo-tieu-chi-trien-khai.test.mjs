// The deployment's rules file: shipped beside the app (scripts/deploy-rules.sh), loaded at start in
// a fresh browser, shown in the header, kept offline; a commune reaches "đạt chuẩn nông thôn mới"
// with it and nothing imported; a user's import wins and "Dùng lại…" returns to the deployment's;
// a broken file is refused by the build step, and by the app with a visible warning.
//
// The file is tests/e2e/fixtures/bo-tieu-chi-trien-khai.json, made by the core's own "Ngưỡng còn
// thiếu" filling (core/src/rules_edit/missing_tests.rs): test thresholds for every indicator
// without one in 2024 — the ĐBSH figures were not found (../shared/domain/ntm_criteria.md).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..', '..');
const BUILT = path.resolve(process.env.E2E_DIST || path.join(ROOT, 'dist'));
const RULES = path.join(HERE, 'fixtures', 'bo-tieu-chi-trien-khai.json');
const DEPLOY = path.join(ROOT, 'scripts', 'deploy-rules.sh');

// A deployment made from the built app in seconds: a copy of dist/ plus the rules file.
const site = fs.mkdtempSync(path.join(os.tmpdir(), 'chung-suc-trien-khai-'));
fs.cpSync(BUILT, site, { recursive: true });
execFileSync('bash', [DEPLOY, site, RULES], { stdio: 'pipe' });
process.env.E2E_DIST = site;
const {
  createDraft, expectAttr, fixture, openApp, reloadApp, screenshot, startServer, tid, useApp,
} = await import('./harness.mjs');

const app = useApp();
const file = JSON.parse(fs.readFileSync(RULES, 'utf8'));
/** `ntm rules` prints id, hash, title: the hash the app must show. */
const [ruleId, ruleHash] = execFileSync(path.join(ROOT, 'target', 'debug', 'ntm'), ['rules', RULES], { encoding: 'utf8' })
  .trim()
  .split('\t');
const shortHash = ruleHash.replace('sha256:', '').slice(0, 12);

async function controlled(page) {
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
}

async function header(page) {
  const h = page.locator(tid('header-rules'));
  return { origin: await h.getAttribute('data-origin'), text: ((await h.textContent()) || '').trim() };
}

async function expectHeader(page, origin) {
  await expectAttr(page, tid('header-rules'), 'data-origin', origin);
}

/** Every indicator a commune types for "đạt chuẩn", with a value that passes the deployment's rules. */
function passingValues() {
  const national = JSON.parse(fs.readFileSync(path.join(ROOT, 'core', 'rules', 'ntm_xa_2021_2025.json'), 'utf8'));
  const out = [];
  for (const crit of national.sets.find((s) => s.id === 'ntm').criteria) {
    for (const ind of crit.indicators) {
      if (ind.input) continue;
      let v;
      if (ind.kind === 'boolean') v = String(ind.threshold);
      else if (ind.comparison === '<=') v = '0';
      else if (ind.kind === 'percent') v = '100';
      else if (ind.kind === 'money') v = '100.000.000';
      else v = '50';
      out.push({ code: ind.code, kind: ind.kind, v });
    }
  }
  return out;
}

async function fillPassingDraft(page) {
  await createDraft(page, '13306', '2024');
  for (const { code, kind, v } of passingValues()) {
    const sel = tid(`input-ntm-${code}`);
    if (kind === 'boolean') await page.selectOption(sel, v);
    else await page.fill(sel, v);
  }
  await page.fill(tid('cond-satisfaction_pct'), '100');
  await page.fill(tid('cond-xdcb_debt_vnd'), '0');
  await page.selectOption(tid('cond-security_order_ok'), 'true');
}

describe('the deployment ships its rules file', () => {
  it('a fresh browser uses it: header, a commune reaching đạt chuẩn, offline reload', async () => {
    const { page, context } = app;
    await openApp(page, '#/tu-danh-gia');
    await expectHeader(page, 'deployment');
    const h = await header(page);
    assert.match(h.text, new RegExp(file.title));
    assert.match(h.text, /của đơn vị triển khai/);
    assert.match(h.text, /01\/03\/2024/, 'the newest document date of the file');
    assert.equal(await page.textContent(tid('header-rules-hash')), shortHash);
    assert.equal(ruleId, file.id);
    assert.equal(await page.locator(tid('deployment-rules-problem')).count(), 0);
    assert.ok(app.requests.some((u) => u.endsWith('/bo-tieu-chi.json')), 'the rules file was fetched');
    await screenshot(page, 'trien-khai-header');

    await fillPassingDraft(page);
    await expectAttr(page, tid('level'), 'data-level', 'ntm');
    assert.match(await page.textContent(tid('level')), /đạt chuẩn nông thôn mới/i);
    await page.locator(tid('level')).scrollIntoViewIfNeeded();
    await screenshot(page, 'trien-khai-dat-chuan');

    // The service worker keeps the rules file: offline, the app still uses it.
    await controlled(page);
    await context.setOffline(true);
    await reloadApp(page);
    await expectHeader(page, 'deployment');
    assert.equal(await page.textContent(tid('header-rules-hash')), shortHash);
    await expectAttr(page, tid('level'), 'data-level', 'ntm');
    await context.setOffline(false);
  });

  it("a user's import wins; “Dùng lại bộ tiêu chí của đơn vị triển khai” returns to it", async () => {
    const { page } = app;
    await openApp(page, '#/bo-tieu-chi');
    await expectHeader(page, 'deployment');
    await page.setInputFiles('#import-rules', fixture('bo-tieu-chi-thu-nghiem.json'));
    await expectHeader(page, 'file');
    assert.match((await header(page)).text, /Thử nghiệm/);
    await reloadApp(page);
    await expectHeader(page, 'file');
    assert.match(await page.textContent(tid('deployment-shadowed')), new RegExp(`${file.title}.*${shortHash}`));
    await screenshot(page, 'trien-khai-nhap-tep');

    const reset = page.locator('#reset-rules');
    assert.equal((await reset.textContent()).trim(), 'Dùng lại bộ tiêu chí của đơn vị triển khai');
    await reset.click();
    await page.click(tid('rules-confirm-confirm'));
    await expectHeader(page, 'deployment');
    assert.equal(await page.textContent(tid('header-rules-hash')), shortHash);
    assert.match(await page.textContent(tid('rules-status')), /đơn vị triển khai/);
    assert.equal(await page.locator(tid('deployment-shadowed')).count(), 0);
    await reloadApp(page);
    await expectHeader(page, 'deployment');
  });

  it('a broken rules file: the build step refuses it; the app warns and uses the built-in rules', async () => {
    const bad = path.join(site, 'sai.json');
    fs.writeFileSync(bad, JSON.stringify({ ...file, sets: [{ id: 'ntm', criteria: [{ code: '2', indicators: [{ code: '2.1', threshold: 120 }] }] }] }));
    const r = spawnSync('bash', [DEPLOY, site, bad], { encoding: 'utf8' });
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /LỖI: tệp bộ tiêu chí không hợp lệ/);
    assert.match(r.stderr, /2\.1/, `the core's message names the indicator: ${r.stderr}`);
    assert.match(r.stderr, /100/, r.stderr);

    // Put there by hand (and listed by the precache step): the app says what is wrong.
    const broken = fs.mkdtempSync(path.join(os.tmpdir(), 'chung-suc-trien-khai-hong-'));
    fs.cpSync(BUILT, broken, { recursive: true });
    fs.copyFileSync(bad, path.join(broken, 'bo-tieu-chi.json'));
    execFileSync('node', [path.join(ROOT, 'scripts', 'precache.mjs'), broken], { stdio: 'pipe' });
    const server = await startServer(broken);
    try {
      const { page } = app;
      await page.goto(`${server.origin}/#/tu-danh-gia`);
      await page.waitForSelector('body[data-ready="1"]', { state: 'attached' });
      await expectHeader(page, 'built-in');
      const warning = (await page.textContent(tid('deployment-rules-problem'))) || '';
      assert.match(warning, /đơn vị triển khai/);
      assert.match(warning, /không hợp lệ/);
      assert.match(warning, /2\.1/);
      assert.match(warning, /bộ tiêu chí gốc/);
      await screenshot(page, 'trien-khai-tep-hong');
    } finally {
      await server.close();
    }
  });

  it('without a rules file nothing is fetched and the built-in rules are used, silently', async () => {
    const server = await startServer(BUILT);
    try {
      const { page } = app;
      await page.goto(`${server.origin}/#/tu-danh-gia`);
      await page.waitForSelector('body[data-ready="1"]', { state: 'attached' });
      await expectHeader(page, 'built-in');
      assert.equal(await page.locator(tid('deployment-rules-problem')).count(), 0);
      assert.ok(!app.requests.some((u) => u.includes('bo-tieu-chi.json')));
      assert.equal(await page.locator('meta[name="chung-suc-bo-tieu-chi"]').count(), 0);
    } finally {
      await server.close();
    }
  });
});

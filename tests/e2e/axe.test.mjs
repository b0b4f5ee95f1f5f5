// Accessibility: axe-core (npm, pinned in package.json) runs inside the real app on every page,
// with data on it (an open draft, imported dossiers, a candidate), on a desktop screen and on a
// phone. No violation of impact "serious" or "critical" may remain; a failure lists each one
// with the elements it was found on.
//
// Beside axe, what axe cannot see: every chart's numbers are a table a keyboard reaches, the
// verdicts are announced politely, and every field's error is tied to the field.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  ROOT, createDraft, expectAttr, openApp, screenshot, tid, typeInto, useApp,
} from './harness.mjs';
import { PAGES, fillPages, gotoPage as goto } from './pages.mjs';

const app = useApp();
const AXE = fs.readFileSync(path.join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

/** Runs axe on the page as it is; the serious and critical violations, readable. */
async function audit(page) {
  // Evaluated through the debugger, so the app's Content-Security-Policy does not block it.
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(AXE);
  return page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.map((n) => ({
          target: n.target.join(' '),
          html: n.html.slice(0, 160),
          why: (n.failureSummary || '').replace(/\s+/g, ' ').slice(0, 300),
        })),
      }));
  });
}

function describeViolations(where, list) {
  return list
    .map((v) => `${where} — [${v.impact}] ${v.id}: ${v.help}\n${v.nodes
      .slice(0, 8)
      .map((n) => `    at ${n.target}\n      ${n.html}\n      ${n.why}`)
      .join('\n')}${v.nodes.length > 8 ? `\n    … and ${v.nodes.length - 8} more` : ''}`)
    .join('\n');
}


describe('accessibility (axe-core)', () => {
  for (const [width, height] of [[1366, 768], [390, 844]]) {
    it(`no serious or critical violation on any page (${width}×${height})`, async () => {
      const { page } = app;
      await page.setViewportSize({ width, height });
      await fillPages(page, { refused: true });
      const found = [];
      for (const hash of PAGES) {
        await goto(page, hash);
        if (hash === '#/tong-hop') {
          // A dossier's detail open too.
          await page.locator(tid('consolidation-row')).first().click();
          await page.waitForSelector(tid('consolidation-detail'));
        }
        const v = await audit(page);
        if (v.length) {
          found.push(describeViolations(`${hash} at ${width}×${height}`, v));
          await screenshot(page, `axe-${hash.slice(2)}-${width}`, { fullPage: true });
        }
      }
      assert.equal(found.length, 0, `axe found:\n${found.join('\n')}`);
    });
  }

  it('every chart has its numbers in a table that the keyboard reaches', async () => {
    const { page } = app;
    await page.setViewportSize({ width: 1366, height: 768 });
    await fillPages(page);
    let charts = 0;
    for (const hash of ['#/tong-hop', '#/muc-tieu']) {
      await goto(page, hash);
      await page.waitForSelector('.chart canvas');
      // The charts on screen (a print-only copy is not shown).
      const figures = await page.locator('.chart').evaluateAll((figs) => figs
        .filter((f) => f.getClientRects().length > 0)
        .map((f) => f.dataset.testid));
      assert.ok(figures.length > 0, `${hash} shows charts`);
      for (const id of figures) {
        charts += 1;
        const fig = page.locator(`.chart[data-testid="${id}"]`);
        const toggle = fig.locator('summary');
        assert.equal(await toggle.count(), 1, `${id}: one control that shows the numbers`);
        // Reached with Tab from the element before it, opened with Enter.
        await toggle.evaluate((el) => {
          const all = [...document.querySelectorAll('a[href], button, input, select, textarea, summary, [tabindex]:not([tabindex="-1"])')]
            .filter((x) => !x.disabled && x.getClientRects().length > 0);
          all[all.indexOf(el) - 1].focus();
        });
        await page.keyboard.press('Tab');
        assert.equal(await toggle.evaluate((el) => el === document.activeElement), true, `${id}: Tab reaches the numbers`);
        await page.keyboard.press('Enter');
        const table = fig.locator('table');
        await table.waitFor({ state: 'visible' });
        const cells = await table.locator('tbody tr').count();
        assert.ok(cells > 0, `${id}: the table has rows`);
        const head = await table.locator('thead th').allInnerTexts();
        assert.ok(head.length >= 2 && head.every((h) => h.trim()), `${id}: headed columns ${JSON.stringify(head)}`);
      }
    }
    assert.ok(charts >= 3, `${charts} charts checked`);
  });

  it('verdicts are announced politely; a refused value is tied to its field', async () => {
    const { page } = app;
    await openApp(page, '#/tu-danh-gia');
    await createDraft(page, '13306', '2024');
    // The verdict summary is a polite live region, so a changed verdict is read out.
    const live = await page.evaluate(() =>
      [...document.querySelectorAll('[aria-live="polite"], [role="status"]')].map((el) => el.innerText.trim()).filter(Boolean));
    assert.ok(live.some((t) => /đạt/i.test(t)), `a polite live region holds the verdicts: ${JSON.stringify(live)}`);
    await typeInto(page, tid('input-ntm_nang_cao-14.1'), '96,5', { leave: true });
    await expectAttr(page, tid('outcome-ntm_nang_cao-14.1'), 'data-outcome', 'dat');

    // Every input, select and textarea on every page has a name a screen reader reads.
    for (const hash of PAGES) {
      await goto(page, hash);
      const unnamed = await page.evaluate(() =>
        [...document.querySelectorAll('input:not([type=hidden]), select, textarea')]
          .filter((el) => el.getClientRects().length > 0 || el.type === 'file')
          .filter((el) => !(el.labels?.length || el.getAttribute('aria-label') || el.getAttribute('aria-labelledby') || el.title))
          .map((el) => el.id || el.outerHTML.slice(0, 80)));
      assert.deepEqual(unnamed, [], `${hash}: fields without a label`);
    }

    // A refused value: the field is invalid and its message describes it.
    await goto(page, '#/tu-danh-gia');
    const field = tid('input-ntm-15.4');
    await typeInto(page, field, '1.234', { leave: true });
    await expectAttr(page, field, 'aria-invalid', 'true');
    const described = await page.locator(field).evaluate((el) =>
      (el.getAttribute('aria-describedby') || '').split(/\s+/).filter(Boolean)
        .map((id) => document.getElementById(id)?.innerText || '').join(' | '));
    assert.match(described, /1\.234/, `the error is read with the field: ${described}`);
    await screenshot(page, 'axe-field-error');
  });
});

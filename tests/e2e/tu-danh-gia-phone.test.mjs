// Tự đánh giá on a phone (390×844): the criteria start closed, each showing its outcome, so the
// page is a few screens long, not sixty; a criterion opens by keyboard and its indicators work.
// On a desktop the same draft opens with every criterion open.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createDraft, expectAttr, openApp, screenshot, tid, typeInto, useApp } from './harness.mjs';

const app = useApp();
const IN = (set, code) => tid(`input-${set}-${code}`);

/** The criteria groups: how many, how many open, and whether each summary shows a badge. */
async function groups(page) {
  return page.$$eval('details.criterion', (els) =>
    els.map((d) => {
      const badge = d.querySelector(':scope > summary [data-outcome]');
      const r = badge?.getBoundingClientRect();
      return {
        id: d.dataset.testid,
        open: d.open,
        outcome: badge?.dataset.outcome ?? null,
        label: badge?.textContent.trim() ?? '',
        shown: !!r && r.width > 0 && r.height > 0,
      };
    }),
  );
}

describe('Tự đánh giá on a phone', () => {
  it('criteria start closed with their outcome shown, and open by keyboard', async () => {
    const { page } = app;
    await page.setViewportSize({ width: 390, height: 844 });
    await openApp(page, '#/tu-danh-gia');
    await createDraft(page, '13306', '2024');
    const all = await groups(page);
    assert.ok(all.length >= 19, `only ${all.length} criteria on the page`);
    assert.deepEqual(all.filter((g) => g.open).map((g) => g.id), [], 'criteria open on a phone');
    for (const g of all) {
      assert.ok(g.outcome, `${g.id}: no outcome badge in its summary`);
      assert.ok(g.shown, `${g.id}: its outcome badge is not visible`);
      assert.ok(g.label.length > 1, `${g.id}: the badge has no words`);
    }
    // A new draft: nothing entered, so no criterion is met yet.
    await expectAttr(page, tid('criterion-ntm-1'), 'data-outcome', 'chua_xac_dinh');
    const screens = await page.evaluate(() => document.documentElement.scrollHeight / innerHeight);
    assert.ok(screens < 20, `the page is ${screens.toFixed(1)} screens long`);
    await page.locator(tid('group-ntm-1')).scrollIntoViewIfNeeded();
    await screenshot(page, 'phone-tu-danh-gia-collapsed');

    // Tab to the first criterion's summary and open it with Enter.
    const summary = page.locator(`${tid('group-ntm-1')} > summary`);
    await summary.evaluate((el) => {
      const focusable = [...document.querySelectorAll('a[href], button, input, select, textarea, summary')]
        .filter((x) => !x.disabled && x.getClientRects().length > 0);
      focusable[focusable.indexOf(el) - 1].focus();
    });
    await page.keyboard.press('Tab');
    assert.equal(await summary.evaluate((el) => el === document.activeElement), true, 'Tab does not reach the summary');
    await page.keyboard.press('Enter');
    await expectAttr(page, tid('group-ntm-1'), 'open', '');
    const field = page.locator(IN('ntm', '1.1'));
    await field.waitFor({ state: 'visible' });
    // Its indicators work as on a desktop: the outcome follows the value chosen.
    await page.selectOption(IN('ntm', '1.1'), 'true');
    await expectAttr(page, tid('outcome-ntm-1.1'), 'data-outcome', 'dat');
    // The other criteria stay closed.
    assert.equal((await groups(page)).filter((g) => g.open).length, 1);
    await screenshot(page, 'phone-tu-danh-gia-criterion-open');

    // Space closes it again; what was chosen stays.
    await summary.focus();
    await page.keyboard.press('Space');
    await page.waitForFunction((sel) => !document.querySelector(sel).open, tid('group-ntm-1'));
    await page.keyboard.press('Space');
    await expectAttr(page, tid('group-ntm-1'), 'open', '');
    assert.equal(await page.inputValue(IN('ntm', '1.1')), 'true');
  });

  it('on a desktop every criterion starts open, all its indicators built', async () => {
    const { page } = app;
    await openApp(page, '#/tu-danh-gia');
    await createDraft(page, '13306', '2024');
    const all = await groups(page);
    assert.ok(all.length >= 19);
    assert.equal(all.filter((g) => !g.open).length, 0, 'closed criteria on a desktop');
    // The groups below the first screen are built shortly after it.
    await page.locator(IN('ntm_nang_cao', '14.1')).waitFor({ state: 'attached' });
    await typeInto(page, IN('ntm_nang_cao', '14.1'), '96', { leave: true });
    await expectAttr(page, tid('outcome-ntm_nang_cao-14.1'), 'data-outcome', 'dat');
  });
});

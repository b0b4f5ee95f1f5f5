// At home on a phone (390×844): on every page, with data on it, the header and the menu stay
// small with the current page's link in sight, nothing is wider than the screen, the export/print bar stays at hand when scrolling,
// chart text is readable and no placeholder is cut. Screenshots of each page are saved in
// tests/e2e/artifacts/dien-thoai-*.png for a person to look at.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { screenshot, useApp } from './harness.mjs';
import { PAGES, fillPages, gotoPage as goto } from './pages.mjs';

const app = useApp();
const PHONE = { width: 390, height: 844 };

/** What a phone shows of the page, measured in the page. */
function measure(page) {
  return page.evaluate(() => {
    const header = document.querySelector('.site-header').getBoundingClientRect();
    // Whatever sticks out to the right and is not inside a box that scrolls or clips it, to name
    // it when the page is too wide.
    // (An absolutely placed element is clipped only by a box from its containing block up.)
    const placed = (el) => ['absolute', 'fixed'].includes(getComputedStyle(el).position);
    const clipped = (el) => {
      let free = placed(el);
      for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
        const s = getComputedStyle(a);
        if (free && s.position === 'static') continue;
        if (s.overflowX !== 'visible') return true;
        free = placed(a);
      }
      return false;
    };
    const wide = [...document.querySelectorAll('body *')]
      .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 0.5 && el.getClientRects().length > 0)
      .filter((el) => !clipped(el))
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} (${Math.round(el.getBoundingClientRect().right)} px)`);
    // Charts draw their text at data-text-px canvas pixels; shown at the canvas's scale.
    const charts = [...document.querySelectorAll('canvas[data-text-px]')]
      .filter((c) => c.getClientRects().length > 0)
      .map((c) => ({
      id: c.id,
      px: (Number(c.dataset.textPx) * c.getBoundingClientRect().width) / c.width,
    }));
    const ctx = document.createElement('canvas').getContext('2d');
    const cut = [...document.querySelectorAll('input[placeholder], textarea[placeholder]')]
      .filter((el) => el.getClientRects().length > 0 && !el.value)
      .filter((el) => {
        const s = getComputedStyle(el);
        const ph = getComputedStyle(el, '::placeholder');
        ctx.font = `${ph.fontStyle} ${ph.fontWeight} ${ph.fontSize} ${ph.fontFamily}`;
        let room = el.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight);
        // A textarea's placeholder wraps: its lines count (less what word breaks lose).
        if (el.tagName === 'TEXTAREA') {
          const line = parseFloat(ph.lineHeight) || parseFloat(ph.fontSize) * 1.5;
          const lines = Math.max(1, Math.floor((el.clientHeight - parseFloat(s.paddingTop) - parseFloat(s.paddingBottom)) / line));
          if (lines > 1) room *= lines * 0.85;
        }
        return ctx.measureText(el.placeholder).width > room + 1;
      })
      .map((el) => `${el.id || el.name}: “${el.placeholder}” in ${el.clientWidth} px`);
    return {
      scrollWidth: Math.max(document.documentElement.scrollWidth, document.body.scrollWidth),
      headerHeight: header.height,
      wide,
      charts,
      cut,
    };
  });
}

/** Scrolls well down the page; where the export bar is then, and whether it hides what is under it. */
async function toolbarAfterScroll(page) {
  return page.evaluate(async () => {
    const bar = document.querySelector('.toolbar');
    if (!bar) return null;
    const before = bar.getBoundingClientRect().top + window.scrollY;
    window.scrollTo(0, before + 1200);
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const r = bar.getBoundingClientRect();
    const bg = getComputedStyle(bar).backgroundColor;
    return { scrolled: window.scrollY, top: r.top, bottom: r.bottom, height: r.height, bg };
  });
}

// The pages whose export/print bar must stay at hand.
const WITH_TOOLBAR = ['#/tu-danh-gia', '#/tong-hop', '#/muc-tieu', '#/khen-thuong'];

describe('on a phone (390×844)', () => {
  it('every page fits the screen, keeps its bar at hand, and reads', async () => {
    const { page } = app;
    await page.setViewportSize(PHONE);
    await fillPages(page);

    const problems = [];
    let charts = 0;
    for (const hash of PAGES) {
      await goto(page, hash);
      const name = hash.slice(2);
      const m = await measure(page);
      await screenshot(page, `dien-thoai-${name}`);
      if (m.scrollWidth > PHONE.width) problems.push(`${hash}: the page is ${m.scrollWidth} px wide: ${m.wide.join(', ')}`);
      if (m.headerHeight > 120) problems.push(`${hash}: header and menu take ${m.headerHeight} px (at most 120)`);
      // The menu scrolls sideways: the current page's link is scrolled into sight (a frame later).
      await page.waitForTimeout(100);
      const link = await page.evaluate(() => {
        const nav = document.querySelector('.site-nav').getBoundingClientRect();
        const a = document.querySelector('.site-nav > a[aria-current="page"]')?.getBoundingClientRect();
        return a && { left: a.left - nav.left, right: nav.right - a.right };
      });
      if (!link) problems.push(`${hash}: no menu link marked as the current page`);
      else if (link.left < -0.5 || link.right < -0.5) problems.push(`${hash}: the current page's menu link is out of sight (${JSON.stringify(link)})`);
      for (const c of m.charts) {
        charts += 1;
        if (c.px < 11) problems.push(`${hash}: chart ${c.id} shows its text at ${c.px.toFixed(1)} px (at least 11)`);
      }
      // One line per placeholder text (the commune page repeats one on every indicator).
      const cut = new Map();
      for (const c of m.cut) cut.set(c.replace(/^[^:]*: /, ''), [...(cut.get(c.replace(/^[^:]*: /, '')) || []), c.split(':')[0]]);
      for (const [text, ids] of cut) problems.push(`${hash}: placeholder cut: ${text} (${ids.length} fields: ${ids.slice(0, 3).join(', ')}…)`);
      if (WITH_TOOLBAR.includes(hash)) {
        const t = await toolbarAfterScroll(page);
        await screenshot(page, `dien-thoai-${name}-cuon`);
        if (!t) problems.push(`${hash}: no export/print bar`);
        else {
          if (t.scrolled < 600) problems.push(`${hash}: the page is too short to test its bar (${t.scrolled} px scrolled)`);
          if (Math.abs(t.top) > 1) problems.push(`${hash}: after scrolling the bar is at ${t.top} px, not at the top of the screen`);
          if (!/^rgb\(/.test(t.bg)) problems.push(`${hash}: the bar's background ${t.bg} is not opaque`);
          if (t.height > PHONE.height / 4) problems.push(`${hash}: the bar takes ${t.height} px of the screen`);
        }
      }
    }
    if (charts < 3) problems.push(`only ${charts} charts measured (Tổng hợp and Mục tiêu show at least 3)`);
    assert.deepEqual(problems, [], `on a phone:\n${problems.join('\n')}`);
  });
});

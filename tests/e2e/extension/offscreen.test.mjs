// Badges far from the view wait out of the page's layout (content/reveal.js)
// in real headless Chromium: a badged 5,000-message page pays nothing for the
// thousands of badges the agent has not come near, and they come in as the
// agent scrolls there, in the window or in the helpdesk's own scrolling pane,
// or moves there with the keyboard. No wall-clock figure is asserted.
import test from 'node:test';
import assert from 'node:assert/strict';
import { startInPage, serveRepoToChromium } from './harness.mjs';
import { LONG_PAGES, installGrow } from './generic-long.mjs';

const live = serveRepoToChromium();

// In the page: the badge host of each customer message (`sel`, in page
// order), its state, whether it is in the layout, and how far its message is
// from the view (in views, above or below: 0 = on screen, 2 = two views away).
const HOSTS = (sel) => {
  const view = window.innerHeight;
  return [...document.querySelectorAll(sel)].map((m) => {
    const host = m.querySelector('[data-rapport-badge]');
    const box = m.getBoundingClientRect();
    const away = box.bottom < 0 ? -box.bottom / view : box.top > view ? (box.top - view) / view : 0;
    return { state: host?.getAttribute('data-rapport-badge') ?? null, laidOut: Boolean(host?.getClientRects().length),
      drawn: (host?.getBoundingClientRect().height ?? 0) > 20, away, below: box.top > view };
  });
};

// Waits until every customer message on screen has its badge drawn, and the
// badges within one view of it are in too, before the agent gets there
// (in a pane, that takes the observer's scrollMargin: without it a pane's
// messages count as near only once on screen).
const onScreenDrawn = (page, sel) => page.waitForFunction(
  (src) => (0, eval)(src).every((h) => (h.away !== 0 || h.drawn) && (h.away >= 1 || h.state !== 'wait')),
  `(${HOSTS})(${JSON.stringify(sel)})`, { timeout: 20000, polling: 100 });
const hostsIn = (page, sel) => page.evaluate((src) => (0, eval)(src), `(${HOSTS})(${JSON.stringify(sel)})`);

test('zendesk, 5,000 messages: far badges wait out of the layout and come in as the window scrolls near them', async () => {
  const page = await live.browser.newPage({ viewport: { width: 1100, height: 900 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${live.server.origin}/tests/e2e/fixtures/helpdesks/zendesk.html`);
  await startInPage(page, { model: false });
  await page.evaluate(() => window.zendeskLog.fill(5000, ['My order has not arrived and I am really upset.', 'Can you tell me when the refund will be processed?']));
  await page.waitForFunction(() => window.__rapport.status.badged === 2500
    && document.querySelectorAll('[data-rapport-badge]').length === 2500, null, { timeout: 120000, polling: 250 });
  const sel = '.omni-conversation-pane[data-ticket-id="102"] article[data-test-id="omni-log-comment-item"]:has([type="end-user"])';

  const top = await hostsIn(page, sel);
  assert.equal(top.length, 2500);
  assert.ok(top.every((h) => h.away > 0 || h.drawn), 'the badges on screen are drawn');
  // Far below the view (past the observer's three views, and the room of the badges
  // brought in, which pushes the next ones down): waiting, not in the layout.
  const far = top.filter((h) => h.away > 8);
  assert.ok(far.length > 1000, `${far.length} badges far from the view`);
  assert.ok(far.every((h) => h.state === 'wait' && !h.laidOut), 'far badges wait out of the layout');

  // The agent scrolls to the middle: the badges there come in and are drawn;
  // those far below it still wait.
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight / 2));
  await onScreenDrawn(page, sel);
  const middle = await hostsIn(page, sel);
  const seen = middle.filter((h) => h.away === 0);
  assert.ok(seen.length >= 5 && seen.every((h) => h.state !== 'wait' && h.drawn), 'badges in view drawn after the scroll');
  assert.ok(middle.filter((h) => h.below && h.away > 8).every((h) => h.state === 'wait'), 'badges far below the new view still wait');
  assert.deepEqual(errors, []);
  await page.close();
});

const libredesk = LONG_PAGES['generic-libredesk'];

test('generic mode, Libredesk grown to 1,500 messages: badges come in as its own pane scrolls, and Tab reaches a waiting badge', async () => {
  const page = await live.browser.newPage({ viewport: { width: 1100, height: 900 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${live.server.origin}/tests/e2e/fixtures/helpdesks/generic-libredesk.html`);
  // The app's shell as in Libredesk itself: a full-height thread whose
  // message list scrolls in its own pane (the fixture alone lets the window scroll).
  await page.addStyleTag({ content: '.thread { height: 100vh; } .thread > .h-full { flex: 1 1 0; min-height: 0; }' });
  await installGrow(page, 'generic-libredesk');
  const customers = await page.evaluate(([sel]) => {
    window.growGeneric(1500);
    // The state each badge host goes in with.
    window.addedAs = [];
    new MutationObserver((records) => {
      for (const r of records) for (const x of r.addedNodes) if (x.nodeType === 1 && x.hasAttribute('data-rapport-badge')) window.addedAs.push(x.getAttribute('data-rapport-badge'));
    }).observe(document, { childList: true, subtree: true });
    return document.querySelectorAll(sel).length;
  }, [libredesk.customer]);
  await startInPage(page, { model: false });
  await page.waitForFunction((n) => window.__rapport.status.badged === n
    && document.querySelectorAll('[data-rapport-badge]').length === n, customers, { timeout: 120000, polling: 250 });
  // The conversation scrolls in the page's own pane, not in the window.
  const scroller = await page.evaluate(() => {
    const pane = document.querySelector('.overflow-y-auto');
    return { pane: pane.scrollHeight > pane.clientHeight * 10, window: document.documentElement.scrollHeight > innerHeight + 1 };
  });
  assert.deepEqual(scroller, { pane: true, window: false });

  const sel = libredesk.customer;
  // The few badges in view (tall messages) went in drawn, in one frame, not as
  // room first (content/run.js NEAR_GROUP: each frame that changes this page
  // pays its own dear paint); all the others went in waiting.
  const addedAs = await page.evaluate(() => window.addedAs);
  const nearCount = addedAs.filter((s) => s === 'near').length;
  assert.ok(nearCount >= 2 && nearCount <= 14 && addedAs.slice(0, nearCount).every((s) => s === 'near'), `added as ${addedAs.slice(0, 20)}`);
  assert.ok(addedAs.slice(nearCount).every((s) => s === 'wait'), 'the rest went in waiting');
  const top = await hostsIn(page, sel);
  const far = top.filter((h) => h.away > 8);
  assert.ok(far.length > customers / 2 && far.every((h) => h.state === 'wait' && !h.laidOut), 'far badges in the pane wait');

  await page.evaluate(() => { const pane = document.querySelector('.overflow-y-auto'); pane.scrollTop = pane.scrollHeight / 2; });
  await onScreenDrawn(page, sel);
  const middle = await hostsIn(page, sel);
  assert.ok(middle.filter((h) => h.away === 0).length >= 2, 'customer messages in view after the scroll');
  assert.ok(middle.filter((h) => h.below && h.away > 8).every((h) => h.state === 'wait'), 'badges far below the new view still wait');

  // Keyboard: from a link in a customer message far below (its badge waiting),
  // Tab reaches that message's badge within the message's own controls
  // (name link, avatar link, time button), and Shift+Tab comes back to it.
  const target = await page.evaluate(([sel]) => {
    const view = innerHeight;
    const blocks = [...document.querySelectorAll(sel)];
    const i = blocks.findIndex((m) => m.getBoundingClientRect().top > view * 6);
    blocks[i].querySelector('a[href]').focus({ preventScroll: true });
    return { index: i, state: blocks[i].querySelector('[data-rapport-badge]').getAttribute('data-rapport-badge') };
  }, [sel]);
  assert.equal(target.state, 'wait');
  const focusedBadge = (sel) => {
    const a = document.activeElement;
    if (!a?.hasAttribute('data-rapport-badge')) return null;
    return { index: [...document.querySelectorAll(sel)].indexOf(a.closest(sel)), state: a.getAttribute('data-rapport-badge') };
  };
  let reached = null;
  for (let presses = 0; presses < 4 && !reached; presses++) {
    await page.keyboard.press('Tab');
    reached = await page.evaluate(focusedBadge, sel);
  }
  assert.deepEqual(reached, { index: target.index, state: 'shown' }, 'Tab reaches the waiting badge of that message');
  // On to the next customer message's controls, then back with Shift+Tab.
  await page.evaluate(([sel, i]) => document.querySelectorAll(sel)[i + 1].querySelector('a[href]').focus({ preventScroll: true }), [sel, target.index]);
  reached = null;
  for (let presses = 0; presses < 4 && !reached; presses++) {
    await page.keyboard.press('Shift+Tab');
    reached = await page.evaluate(focusedBadge, sel);
  }
  assert.equal(reached?.index, target.index, 'Shift+Tab reaches the badge of the message before');
  assert.deepEqual(errors, []);
  await page.close();
});

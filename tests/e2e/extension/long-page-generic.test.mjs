// The generic mode on a 5,000-message page in real headless Chromium (issue
// 11: no long main-thread task), on a page whose classes name the sides
// (generic-chat), on one whose layout only does (generic-bubbles, read
// from where each message sits) and on Libredesk's bubbles (layout too, each
// with a name, initials and a time around its text: thousands of small lists
// in the page, and captions looked at). As for the Zendesk adapter
// (long-page.test.mjs), no wall-clock figure is asserted:
//   - the page's own chain of message-port tasks, started with the messages,
//     runs between the read's steps and sees them grow;
//   - every task of the content script that runs a read step does a bounded
//     amount of DOM work: the page counts its DOM calls (element lookups,
//     class and attribute reads, boxes, styles, text) in each such task. The
//     whole read before (container search, layout reading, editor search in
//     one task) made one task of tens of thousands of them;
//   - every customer message ends up with exactly one badge, no other message
//     with any.
import test from 'node:test';
import assert from 'node:assert/strict';
import { startInPage, serveRepoToChromium } from './harness.mjs';
import { LONG_PAGES, installGrow } from './generic-long.mjs';

const MESSAGES = 5000;
// DOM calls one read step may make: a step is about STEP_ITEMS (250) messages
// read (adapters/dom.js), each a few dozen calls (its text, time, words,
// side). The read of a 5,000-message page in one task makes far more.
const MAX_CALLS_PER_STEP = 30 * 250;

const live = serveRepoToChromium();

// The page's own count of DOM calls, and of them in each task the content
// script schedules (requestAnimationFrame: the watcher's pass, which runs the
// first read step; scheduler.postTask or a zero timeout: each next step).
const COUNT_DOM_CALLS = () => {
  window.domCalls = 0;
  const count = (proto, name) => {
    const d = Object.getOwnPropertyDescriptor(proto, name);
    if (!d) return;
    if (d.get) {
      const get = d.get;
      Object.defineProperty(proto, name, { ...d, get() { window.domCalls++; return get.call(this); } });
    } else if (typeof d.value === 'function') {
      const fn = d.value;
      Object.defineProperty(proto, name, { ...d, value(...args) { window.domCalls++; return fn.apply(this, args); } });
    }
  };
  for (const name of ['getBoundingClientRect', 'getClientRects', 'checkVisibility', 'matches', 'closest', 'querySelector',
    'querySelectorAll', 'getAttribute', 'hasAttribute', 'children', 'attributes', 'className', 'localName',
    'firstElementChild', 'lastElementChild']) count(Element.prototype, name);
  for (const name of ['contains', 'cloneNode', 'firstChild', 'textContent', 'parentElement']) count(Node.prototype, name);
  count(Range.prototype, 'getBoundingClientRect');
  count(Document.prototype, 'createTreeWalker');
  count(Document.prototype, 'querySelectorAll');
  count(TreeWalker.prototype, 'nextNode');
  count(window, 'getComputedStyle');
  window.readTasks = [];
  const measured = (fn) => function (...args) {
    const steps = window.__rapport?.readSteps ?? 0;
    const calls = window.domCalls;
    try { return fn.apply(this, args); } finally {
      const ran = (window.__rapport?.readSteps ?? 0) - steps;
      if (ran && window.measuring) window.readTasks.push({ steps: ran, calls: window.domCalls - calls });
    }
  };
  const raf = window.requestAnimationFrame.bind(window);
  window.requestAnimationFrame = (fn) => raf(measured(fn));
  const timeout = window.setTimeout.bind(window);
  window.setTimeout = (fn, ...rest) => timeout(typeof fn === 'function' ? measured(fn) : fn, ...rest);
  if (window.scheduler?.postTask) {
    const post = window.scheduler.postTask.bind(window.scheduler);
    window.scheduler.postTask = (fn, options) => post(measured(fn), options);
  }
};

for (const [name, spec] of Object.entries(LONG_PAGES)) {
  test(`generic mode, ${name} grown to 5,000 messages: read in steps of bounded work, each customer message badged once`, async () => {
    const page = await live.browser.newPage({ viewport: { width: 1100, height: 900 } });
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`${live.server.origin}/tests/e2e/fixtures/helpdesks/${name}.html`);
    await page.evaluate(COUNT_DOM_CALLS);
    await installGrow(page, name);
    await startInPage(page, { model: false });
    const first = await page.evaluate((sel) => document.querySelectorAll(sel).length, spec.customer);
    await page.waitForFunction((n) => window.__rapport.status.badged === n, first, { timeout: 60000, polling: 250 });
    const readBefore = await page.evaluate(() => window.__rapport.readSteps);

    const customers = await page.evaluate(([n, sel, first]) => {
      window.measuring = true;
      window.growGeneric(n);
      // The page's own task chain (message-port tasks, queued at once like the
      // read's own steps): each tick notes the read steps run while no new
      // badge is drawn yet.
      window.readSeen = new Set();
      const customers = document.querySelectorAll(sel).length;
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        const count = document.querySelectorAll('[data-rapport-badge]').length;
        if (count === first) window.readSeen.add(window.__rapport.readSteps);
        if (count < customers) channel.port2.postMessage(0);
      };
      channel.port2.postMessage(0);
      return customers;
    }, [MESSAGES, spec.customer, first]);
    await page.waitForFunction((n) => window.__rapport.status.badged === n
      && document.querySelectorAll('[data-rapport-badge]').length === n, customers, { timeout: 300000, polling: 250 });

    const result = await page.evaluate(([container, sel]) => {
      const blocks = [...document.querySelector(container).children].filter((k) => k.localName !== 'form');
      const badgesIn = (b) => b.querySelectorAll('[data-rapport-badge]').length;
      return {
        blocks: blocks.length,
        customers: blocks.filter((b) => b.matches(sel)).map(badgesIn),
        others: blocks.filter((b) => !b.matches(sel)).map(badgesIn),
        readSteps: window.__rapport.readSteps,
        readSeen: [...window.readSeen],
        tasks: window.readTasks,
        status: window.__rapport.status,
      };
    }, [spec.container, spec.customer]);
    assert.equal(result.blocks, MESSAGES);
    assert.equal(result.status.unsure, null);
    assert.equal(result.customers.length, customers);
    assert.ok(customers >= MESSAGES / 4, `${customers} customer messages`);
    const wrong = result.customers.map((c, i) => [i, c]).filter(([, c]) => c !== 1);
    assert.deepEqual(wrong, [], 'every customer message has exactly one badge');
    assert.ok(result.others.every((c) => c === 0), 'no badge on agent or system messages');
    // At least 20 steps (5,000 messages, STEP_ITEMS 250), and the page's chain
    // ran while they went on.
    const steps = result.readSteps - readBefore;
    assert.ok(steps >= 20, `the page read in ${steps} steps`);
    const during = result.readSeen.filter((n) => n > readBefore + 1 && n < result.readSteps).length;
    assert.ok(during >= 5, `the page's task chain ran between read steps and saw ${during} of them (${readBefore}: ${result.readSeen} .. ${result.readSteps})`);
    // One step per task, each of bounded DOM work.
    assert.ok(result.tasks.length >= 20, `${result.tasks.length} read tasks measured`);
    assert.ok(result.tasks.every((t) => t.steps === 1), 'one read step per task');
    const most = Math.max(...result.tasks.map((t) => t.calls));
    console.log(`${name}: ${steps} read steps; DOM calls per read task: most ${most}, `
      + `median ${result.tasks.map((t) => t.calls).sort((a, b) => a - b)[result.tasks.length >> 1]}`);
    assert.ok(most <= MAX_CALLS_PER_STEP, `a read task made ${most} DOM calls (at most ${MAX_CALLS_PER_STEP})`);
    // Scrolling changes no node: the page, read and sure, is not read again
    // (content/watch.js listens to scrolls only while a read asks for it).
    const scrollReads = await page.evaluate(async (container) => {
      let pane = document.querySelector(container);
      while (pane && pane.scrollHeight <= pane.clientHeight + 1) pane = pane.parentElement;
      pane ??= document.scrollingElement;
      const before = window.__rapport.readSteps;
      for (let i = 0; i < 10; i++) {
        pane.scrollTop += i % 2 ? -300 : 600;
        await new Promise((resolve) => requestAnimationFrame(resolve));
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
      return window.__rapport.readSteps - before;
    }, spec.container);
    assert.equal(scrollReads, 0, 'a scroll read the page again');
    assert.deepEqual(errors, []);
    await page.close();
  });
}

// The Firefox build with the real content script, in Firefox ESR (puppeteer-core
// over WebDriver BiDi): the agent turns the site on from the popup; on the
// Zendesk fixture page badges appear on the customer's messages only (the
// content script got its analyses from the engine worker of the background page);
// the popup and the sidebar page show what the content script reported, with
// the customer's history from the context the engine worker keeps, also
// after Firefox unloaded the idle event page (and the router's memory with it)
// since the content script reported.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { ROOT, FIREFOX, variantBuild, launchFirefox, openExtensionPage } from './host-helpers.mjs';
import { startServer } from '../../../scripts/static-server.mjs';

test('Firefox: badges on customer messages through the background page\'s engine worker', async (t) => {
  assert.ok(fs.existsSync(FIREFOX), `no Firefox at ${FIREFOX} (apt-get install firefox-esr)`);
  const extDir = await variantBuild('firefox', { extraPermissions: ['tabs'] });
  const server = await startServer(ROOT);
  // Firefox unloads an idle MV3 event page after 30 s; 2 s here, so it does
  // within the test, as it does in an agent's day.
  const { browser, base } = await launchFirefox(extDir, { prefs: { 'extensions.background.idle.timeout': 2000 } });
  t.after(async () => { await browser.close(); await server.close(); fs.rmSync(extDir, { recursive: true, force: true }); });

  const url = `${server.origin}/tests/e2e/fixtures/helpdesks/zendesk.html`;
  const ticket = await browser.newPage();
  await ticket.goto(url);
  const popup = await openExtensionPage(browser, `${base}popup/index.html`, 'body[data-ready]');
  const tabId = await popup.evaluate(async (u) => (await browser.tabs.query({})).find((x) => x.url === u)?.id, url);
  await popup.evaluate((id) => { location.search = `?tab=${id}`; }, tabId);
  await popup.waitForFunction(() => document.getElementById('site')?.textContent === 'http://127.0.0.1' && document.body.dataset.ready, { timeout: 15000 });
  await popup.click('#toggle');
  await popup.waitForFunction(() => document.getElementById('toggle').textContent === 'Turn off for this site', { timeout: 15000 });

  await ticket.waitForFunction(() => document.querySelectorAll('[data-rapport-badge]').length >= 2, { timeout: 60000 });
  await new Promise((r) => setTimeout(r, 1000));   // nothing more comes
  const where = await ticket.evaluate(() => [...document.querySelectorAll('[data-rapport-badge]')]
    .map((b) => b.closest('[data-comment-id]')?.querySelector('[data-test-id="omni-log-item-message"]')?.getAttribute('type') ?? null));
  assert.deepEqual(where, ['end-user', 'end-user'], 'one badge per customer message, none elsewhere');

  // The page is quiet now: Firefox unloads the background page. Its start
  // time (the page's timeOrigin) says when it was started again.
  const backgroundStart = () => popup.evaluate(async () => (await browser.runtime.getBackgroundPage())?.performance.timeOrigin ?? null);
  const firstStart = await backgroundStart();
  let restarted = false;
  for (let i = 0; i < 15 && !restarted; i++) {
    await new Promise((r) => setTimeout(r, 4000));
    restarted = (await backgroundStart()) !== firstStart;
  }
  assert.ok(restarted, 'Firefox unloaded the idle background page (the case under test)');

  // What the content script reported before that still reaches the panels
  // (the router asks the tab again): the popup (opened again, as the agent
  // would) says what Rapport reads in the tab.
  await popup.reload().catch(() => {});
  await popup.waitForFunction(() => document.getElementById('reading')?.textContent.startsWith('Reading this conversation'), { timeout: 30000, polling: 250 })
    .catch(() => {});
  assert.equal(await popup.evaluate(() => document.getElementById('reading').textContent),
    'Reading this conversation (zendesk): 2 customer messages.');

  // The sidebar page, following that tab: the conversation and, below it, the
  // customer's history from the context kept in the extension's IndexedDB (by the engine worker).
  const sidebar = await openExtensionPage(browser, `${base}sidepanel/index.html?tab=${tabId}`, 'body');
  await sidebar.waitForSelector('#conversation:not([hidden]) #messages li:nth-child(2)', { timeout: 60000 });
  assert.match(await sidebar.$eval('#who', (e) => e.textContent), /maria\.lopez@example\.com — conversation 102 \(zendesk\)/);
  assert.equal(await sidebar.$$eval('#chart circle', (c) => c.length), 2, 'one point per customer message');
  // <rapport-timeline> renders into its own (open) shadow root.
  await sidebar.waitForFunction(() => /Maria Lopez/.test(document.getElementById('timeline').shadowRoot?.textContent ?? ''), { timeout: 60000, polling: 250 });
  const history = await sidebar.evaluate(() => document.getElementById('timeline').shadowRoot.textContent);
  assert.match(history, /My order #4411 never arrived/, 'the captured customer message is in the timeline');
  assert.doesNotMatch(history, /Carrier lost the parcel/, 'internal notes are not captured');
  assert.equal(await sidebar.$eval('#forget', (e) => e.hidden), false, 'the customer can be forgotten');

  // (The labels behind the badges come from the background page's engine worker;
  // firefox.test.mjs checks them through the same router with a probe.)

  // A long conversation: the badges in view take their room together, then
  // are drawn in it (content/run.js, badges/style.js: "room", then "near");
  // in Firefox too none is left an empty box, and each customer message has one.
  // (In front: a background tab gets no animation frames, and badges are put in the page by frames.)
  await ticket.bringToFront();
  await ticket.evaluate(() => window.zendeskLog.fill(400, ['My parcel is late again and I am upset.', 'Thanks, that fixed it!']));
  await ticket.waitForFunction(() => document.querySelectorAll('.omni-conversation-pane[data-ticket-id="102"] [data-rapport-badge]').length === 200,
    { timeout: 60000, polling: 250 });
  await new Promise((r) => setTimeout(r, 1000));
  const long = await ticket.evaluate(() => {
    const hosts = [...document.querySelectorAll('[data-rapport-badge]')];
    const near = hosts.filter((h) => h.getAttribute('data-rapport-badge') === 'near');
    return { room: hosts.filter((h) => h.getAttribute('data-rapport-badge') === 'room').length, near: near.length,
      drawn: near.every((h) => getComputedStyle(h).contentVisibility === 'visible' && h.getBoundingClientRect().height > 20),
      customers: [...document.querySelectorAll('.omni-conversation-pane[data-ticket-id="102"] [data-comment-id]')].filter((a) => a.querySelector('[type="end-user"]'))
        .filter((a) => a.querySelectorAll('[data-rapport-badge]').length !== 1).map((a) => `${a.getAttribute('data-comment-id')}:${a.querySelectorAll('[data-rapport-badge]').length}`) };
  });
  assert.deepEqual(long, { room: 0, near: long.near, drawn: true, customers: [] });
  assert.ok(long.near > 3, `${long.near} badges drawn near the view (more than a quick group)`);
  // Badges far below wait out of the layout (content/reveal.js, where the
  // browser has IntersectionObserver's scrollMargin), and are in and drawn
  // once the agent scrolls to the end.
  const far = await ticket.evaluate(() => ({ scrollMargin: 'scrollMargin' in IntersectionObserver.prototype,
    waiting: document.querySelectorAll('[data-rapport-badge="wait"]').length }));
  assert.ok(far.scrollMargin ? far.waiting > 50 : far.waiting === 0, `Firefox: ${JSON.stringify(far)}`);
  await ticket.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  await ticket.waitForFunction(() => [...document.querySelectorAll('.omni-conversation-pane[data-ticket-id="102"] [data-comment-id]')]
    .filter((a) => a.querySelector('[type="end-user"]')).slice(-5)
    .every((a) => { const h = a.querySelector('[data-rapport-badge]'); return h.getAttribute('data-rapport-badge') !== 'wait' && h.getBoundingClientRect().height > 20; }),
  { timeout: 20000, polling: 250 });
});

// "Look at this page once" (activeTab), in real headless Chromium with the
// real build and no site access at all: the agent invokes Rapport on a
// helpdesk tab (the toolbar button, played here by CDP's
// Extensions.triggerAction, which grants activeTab for that tab as a click
// does and opens the real popup), and Look injects the content script into
// that tab only: badges appear on the customer's messages, the site is not
// turned on, nothing is registered, and a reload ends it. Before the agent
// invoked Rapport, the same button cannot reach the page.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { ROOT, variantBuild, launchChromium } from './host-helpers.mjs';
import { startServer } from '../../../scripts/static-server.mjs';

// A page target of the browser driven over a browser-level CDP session
// (the action's popup is not a page Playwright attaches to).
async function attach(cdp, targetId) {
  const { sessionId } = await cdp.send('Target.attachToTarget', { targetId, flatten: false });
  let seq = 0;
  const waiting = new Map();
  cdp.on('Target.receivedMessageFromTarget', (e) => {
    if (e.sessionId !== sessionId) return;
    const m = JSON.parse(e.message);
    waiting.get(m.id)?.(m);
    waiting.delete(m.id);
  });
  const send = (method, params) => new Promise((resolve) => {
    const id = ++seq;
    waiting.set(id, resolve);
    cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) });
  });
  return async (expression) => {
    const reply = await send('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true, userGesture: true });
    if (reply.error || reply.result?.exceptionDetails) throw new Error(JSON.stringify(reply.error ?? reply.result.exceptionDetails));
    return reply.result.result.value;
  };
}

async function until(fn, what, ms = 60000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await fn();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

test('Chromium: "Look at this page once" badges the tab through activeTab, without turning the site on', async (t) => {
  const dir = await variantBuild('chrome');
  const server = await startServer(ROOT);
  const ext = await launchChromium(dir);
  t.after(async () => { await ext.close(); await server.close(); fs.rmSync(dir, { recursive: true, force: true }); });
  const url = `${server.origin}/tests/e2e/fixtures/helpdesks/zendesk.html`;
  const ticket = await ext.context.newPage();
  await ticket.goto(url);
  const granted = () => ext.sw.evaluate(() => chrome.permissions.contains({ origins: ['http://127.0.0.1/*'] }));
  const badges = () => ticket.evaluate(() => document.querySelectorAll('[data-rapport-badge]').length);
  assert.equal(await granted(), false, 'no access to the site');

  const cdp = await ext.context.browser().newBrowserCDPSession();
  const targets = async (type) => (await cdp.send('Target.getTargets', { filter: [{ type }] })).targetInfos;
  const popupUrl = `chrome-extension://${ext.id}/popup/index.html`;

  // Before the agent invoked Rapport on the tab, the extension cannot reach it.
  await ticket.bringToFront();
  const tabId = await ext.sw.evaluate(async () => (await chrome.tabs.query({ active: true, lastFocusedWindow: true }))[0]?.id);
  const early = await ext.sw.evaluate((id) => chrome.scripting.executeScript({ target: { tabId: id }, func: () => 1 })
    .then(() => 'ran', (e) => e.message), tabId);
  assert.match(early, /Cannot access/, 'no script can run in the tab before the agent invokes Rapport');
  await new Promise((r) => setTimeout(r, 1000));
  assert.equal(await badges(), 0, 'nothing runs on the page yet');

  // The agent invokes Rapport on the ticket tab: activeTab, and the popup opens.
  const tab = (await targets('tab')).find((x) => x.url === url);
  assert.ok(tab, 'the ticket tab target');
  await cdp.send('Extensions.triggerAction', { id: ext.id, targetId: tab.targetId });
  const popupTarget = await until(async () => (await targets('page')).find((x) => x.url.startsWith(popupUrl)), 'the popup');
  const popup = await attach(cdp, popupTarget.targetId);
  await until(() => popup('document.body?.dataset.ready === "true"'), 'the popup to be ready');
  assert.equal(await popup('document.getElementById("site").textContent'), 'http://127.0.0.1');
  assert.equal(await popup('document.getElementById("state").textContent'), 'Rapport is off for this site.');
  assert.equal(await popup('document.getElementById("look").disabled'), false);
  assert.equal(await popup('chrome.tabs.query({ active: true, currentWindow: true }).then(([t]) => t.id)'), tabId, 'the popup acts on the ticket tab');

  await popup('document.getElementById("look").click()');
  assert.equal(await until(() => popup('document.getElementById("status").textContent'), 'the popup\'s answer'),
    'Rapport is reading this page until it is reloaded.');

  // The content script runs in that tab: a badge on each customer message, none elsewhere.
  await ticket.waitForFunction(() => document.querySelectorAll('[data-rapport-badge]').length >= 2, null, { timeout: 120000, polling: 250 });
  await new Promise((r) => setTimeout(r, 1000));
  const where = await ticket.evaluate(() => [...document.querySelectorAll('[data-rapport-badge]')]
    .map((b) => b.closest('[data-comment-id]')?.querySelector('[data-test-id="omni-log-item-message"]')?.getAttribute('type') ?? null));
  assert.deepEqual(where, ['end-user', 'end-user'], 'one badge per customer message');

  // A one-off look: the site is not on, nothing is registered, a reload ends it.
  assert.equal(await granted(), false, 'still no standing access to the site');
  assert.deepEqual(await ext.sw.evaluate(async () => (await chrome.scripting.getRegisteredContentScripts()).length), 0);
  assert.deepEqual(await ext.sw.evaluate(async () => (await chrome.storage.local.get('rapport.settings'))['rapport.settings']?.sites ?? []), []);
  await ticket.reload();
  await new Promise((r) => setTimeout(r, 2000));
  assert.equal(await badges(), 0, 'gone after a reload');
});

// No network, from any extension context. Chromium's --log-net-log records
// every request the browser makes (service worker, offscreen document,
// extension pages, content scripts) while the extension works on quiet
// fixture pages (pages that make no request of their own): a site turned on
// from the popup, the content script reading the page, analyses and draft
// reviews through the offscreen engine, a rule pack imported in the options
// page. The assertion: no request left for anything but the extension's own
// files and the pages the test itself opened. A control build whose content
// script makes one request must fail the same assertion. (Extension pages,
// the service worker and the offscreen document cannot even try: the CSP's
// connect-src 'self' blocks their requests before they reach the network.)
// Until the real content script exists, the platform's stand-in runs.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { variantBuild, pageServer, launchChromium, callFromTab, tabIdOf, tempDir, QUIET_PAGE } from './host-helpers.mjs';

const HOST = 'http://127.0.0.1/*';
const PAGES = {
  '/ticket': QUIET_PAGE('Ticket 12', `<main><article class="msg customer"><p>I was charged twice and nobody answers. Fix this now or I cancel.</p></article>
<article class="msg agent"><p>I'm sorry about the double charge, I'm refunding it right now.</p></article>
<textarea aria-label="Reply"></textarea></main>`),
  '/other': QUIET_PAGE('Ticket 13', '<p>Thanks, all sorted!</p>'),
};
const PACK = { schema: 'rapport-rules/1', name: 'privacy-test', base: 'default', disable: ['dismissive.calm-down'] };

function requestsIn(netlogFile) {
  const log = JSON.parse(fs.readFileSync(netlogFile, 'utf8'));
  const names = Object.fromEntries(Object.entries(log.constants.logEventTypes).map(([k, v]) => [v, k]));
  return log.events.filter((e) => names[e.type] === 'URL_REQUEST_START_JOB' && e.params?.url)
    .map((e) => ({ url: e.params.url, initiator: e.params.initiator ?? null }));
}

// Works the extension through its contexts; returns what left the browser
// beyond the extension's own files and the test's own page loads.
async function leaksWhileWorking(extDir) {
  const dir = tempDir('netlog');
  const netlog = path.join(dir, 'netlog.json');
  const server = await pageServer(PAGES);
  const chromium = await launchChromium(extDir, { netlog });
  const opened = [];
  try {
    const { context, sw, id } = chromium;
    const ticket = await context.newPage();
    await ticket.goto(`${server.origin}/ticket`);
    opened.push('/ticket');
    const tabId = await tabIdOf(sw, `${server.origin}/ticket`);
    const popup = await context.newPage();
    await popup.goto(`chrome-extension://${id}/popup/index.html?tab=${tabId}`);
    await popup.waitForSelector('body[data-ready]', { state: 'attached' });
    // The ticket was loaded already, so waitForLoadState would return before
    // the reload even starts; wait for the reload's own load event instead.
    const reloaded = ticket.waitForEvent('load');
    await popup.click('#toggle');               // turns the site on and reloads the ticket
    await popup.waitForFunction(() => document.getElementById('toggle').textContent === 'Turn off for this site');
    opened.push('/ticket');
    await reloaded;
    const batch = await callFromTab(sw, tabId, 'analyzeBatch', [['Fix this now or I cancel.', 'Thanks, all sorted!']]);
    assert.ok(batch.ok, JSON.stringify(batch.error));
    assert.ok((await callFromTab(sw, tabId, 'reviewOpen', ['t12', { customerText: 'Fix this now or I cancel.' }])).ok);
    assert.ok((await callFromTab(sw, tabId, 'review', ['t12', 'Calm down, there is nothing I can do.'])).ok);
    const options = await context.newPage();
    await options.goto(`chrome-extension://${id}/options/index.html`);
    await options.waitForSelector('body[data-ready]', { state: 'attached' });
    await options.setInputFiles('#pack-file', { name: 'p.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(PACK)) });
    await options.waitForFunction(() => /privacy-test/.test(document.getElementById('pack-current').textContent));
    assert.ok((await callFromTab(sw, tabId, 'review', ['t12', 'Calm down, please.'])).ok);
    const other = await context.newPage();
    await other.goto(`${server.origin}/other`);
    opened.push('/other');
    const panel = await context.newPage();
    await panel.goto(`chrome-extension://${id}/sidepanel/index.html`);
    await panel.waitForLoadState('load');
    await ticket.waitForTimeout(1500);          // let anything scheduled run
  } finally {
    await chromium.close();
    await server.close();
  }
  const requests = requestsIn(netlog);
  fs.rmSync(dir, { recursive: true, force: true });
  const ours = (r) => r.url.startsWith(`chrome-extension://`);
  const pageLoad = (r) => r.url.startsWith(server.origin) && opened.includes(new URL(r.url).pathname) && !r.initiator?.startsWith('chrome-extension://');
  const leaks = requests.filter((r) => !ours(r) && (r.initiator?.startsWith('chrome-extension://')
    || r.url.startsWith(server.origin) && !pageLoad(r) || r.initiator === server.origin));
  // The page server saw only the pages the test opened (a content-script
  // request would carry the page's origin and show up here too).
  const unexpected = server.requests.filter((u) => !opened.includes(new URL(u, 'http://x').pathname));
  return { leaks: [...leaks.map((r) => r.url), ...unexpected.map((u) => `${server.origin}${u}`)], total: requests.length };
}

test('privacy: no request from any extension context while it works', async (t) => {
  const extDir = await variantBuild('chrome', { extraHostPermissions: [HOST], extraPermissions: ['tabs'] });
  t.after(() => fs.rmSync(extDir, { recursive: true, force: true }));
  const { leaks, total } = await leaksWhileWorking(extDir);
  assert.ok(total > 0, 'the net log recorded requests (the page loads at least)');
  assert.deepEqual(leaks, []);
});

test('privacy: a control build whose content script makes one request fails the check', async (t) => {
  const extDir = await variantBuild('chrome', { extraHostPermissions: [HOST], extraPermissions: ['tabs'],
    banner: { content: "fetch('http://127.0.0.1:9/rapport-leak').catch(() => {});" } });
  t.after(() => fs.rmSync(extDir, { recursive: true, force: true }));
  const { leaks } = await leaksWhileWorking(extDir);
  // (once per page the script runs on)
  assert.ok(leaks.length > 0, 'the control request was not caught');
  assert.deepEqual([...new Set(leaks)], ['http://127.0.0.1:9/rapport-leak']);
});

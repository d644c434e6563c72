// The Firefox build with the real content script, in Firefox ESR (puppeteer-core
// over WebDriver BiDi): the agent turns the site on from the popup; on the
// Zendesk fixture page badges appear on the customer's messages only, and
// the conversation the content script sends on (what the side panel and the
// popup read) carries plausible labels from the engine in the background page.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { ROOT, FIREFOX, variantBuild, launchFirefox, openExtensionPage } from './host-helpers.mjs';
import { startServer } from '../../../scripts/static-server.mjs';

const CONTENT = fs.existsSync(`${ROOT}/extension/src/content/main.js`);

test('Firefox: badges on customer messages through the background page engine', { skip: !CONTENT && 'no content script in this tree yet' }, async (t) => {
  assert.ok(fs.existsSync(FIREFOX), `no Firefox at ${FIREFOX} (apt-get install firefox-esr)`);
  const extDir = await variantBuild('firefox', { extraPermissions: ['tabs'] });
  const server = await startServer(ROOT);
  const { browser, base } = await launchFirefox(extDir);
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

  const snapshot = await popup.evaluate((id) => new Promise((resolve) => {
    const port = browser.runtime.connect({ name: 'rapport-panel' });
    port.onMessage.addListener((m) => { resolve(m.result?.snapshot ?? null); port.disconnect(); });
    port.postMessage({ id: 1, method: 'panel.ofTab', args: [id] });
  }), tabId);
  const customers = snapshot.messages.filter((m) => m.role === 'customer');
  assert.equal(customers.length, 2);
  assert.ok(snapshot.messages.filter((m) => m.role !== 'customer').every((m) => m.assessment === null), 'no assessment of agent messages or notes');
  const label = (m) => m.assessment?.sentiment?.label ?? m.assessment?.sentiment ?? m.assessment?.label;
  assert.equal(label(customers[0]), 'negative', JSON.stringify(customers[0].assessment));
  assert.equal(label(customers[1]), 'positive', JSON.stringify(customers[1].assessment));
});

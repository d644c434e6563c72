// The Firefox build with the real content script, in Firefox ESR (puppeteer-core
// over WebDriver BiDi): the agent turns the site on from the popup; on the
// Zendesk fixture page badges appear on the customer's messages only (the
// content script got its analyses from the engine in the background page);
// the popup shows what the content script reported (its panel.update).
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { ROOT, FIREFOX, variantBuild, launchFirefox, openExtensionPage } from './host-helpers.mjs';
import { startServer } from '../../../scripts/static-server.mjs';

test('Firefox: badges on customer messages through the background page engine', async (t) => {
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

  // The content script's panel.update reached the background's router: the
  // popup (opened again, as the agent would) says what Rapport reads in the tab.
  await popup.reload().catch(() => {});
  await popup.waitForFunction(() => document.getElementById('reading')?.textContent.startsWith('Reading this conversation'), { timeout: 30000, polling: 250 })
    .catch(() => {});
  assert.equal(await popup.evaluate(() => document.getElementById('reading').textContent),
    'Reading this conversation (zendesk): 2 customer messages.');

  // (The labels behind the badges come from the background page's engine;
  // firefox.test.mjs checks them through the same router with a probe.)
});

// The Firefox build in Firefox ESR (puppeteer-core over WebDriver BiDi): no
// host access at install; the agent turns a site on from the popup (the
// optional host permission is accepted headless by pref), the content script
// is registered for that site and its analyses come back from the engine that
// the background page runs in its worker; turning the site off removes the script and the
// permission. The content script here is a probe (fixtures/ext-host), so this
// tests the platform half whatever the page UI does.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, FIREFOX, variantBuild, pageServer, launchFirefox, openExtensionPage, QUIET_PAGE } from './host-helpers.mjs';

const TICKET = QUIET_PAGE('Ticket 7', `<p class="msg">This is the third time I'm asking. Refund me NOW or I cancel my account!</p>
<p class="msg">Thank you so much, that fixed it. You are great!</p>`);

test('Firefox: the popup turns a site on and off; the background page\'s engine worker answers', async (t) => {
  assert.ok(fs.existsSync(FIREFOX), `no Firefox at ${FIREFOX} (apt-get install firefox-esr)`);
  // 'tabs' lets the popup, opened in a tab of its own here, read the ticket
  // tab's address (a real popup gets it from activeTab when clicked).
  const extDir = await variantBuild('firefox', { extraPermissions: ['tabs'],
    entrySources: { content: path.join(ROOT, 'tests', 'e2e', 'fixtures', 'ext-host', 'content-probe.js') } });
  const server = await pageServer({ '/ticket': TICKET });
  const { browser, addonId, installed, base } = await launchFirefox(extDir);
  t.after(async () => { await browser.close(); await server.close(); fs.rmSync(extDir, { recursive: true, force: true }); });
  assert.equal(installed, addonId);

  const ticket = await browser.newPage();
  await ticket.goto(`${server.origin}/ticket`);
  const popup = await openExtensionPage(browser, `${base}popup/index.html`, 'body[data-ready]');
  const probe = () => ticket.evaluate(() => document.documentElement.dataset.rapportProbe ?? null);
  const granted = () => popup.evaluate(() => browser.permissions.contains({ origins: ['http://127.0.0.1/*'] }));
  const registered = () => popup.evaluate(async () => (await browser.scripting.getRegisteredContentScripts()).map((s) => s.matches));
  const settings = () => popup.evaluate(async () => (await browser.storage.local.get('rapport.settings'))['rapport.settings'] ?? null);

  assert.equal(await granted(), false, 'no host access at install');
  assert.deepEqual(await registered(), []);
  assert.equal(await probe(), null, 'no script runs on a site that was not turned on');

  // Point the popup at the ticket tab, as if opened over it.
  const tabId = await popup.evaluate(async (url) => (await browser.tabs.query({})).find((t) => t.url === url)?.id, `${server.origin}/ticket`);
  assert.ok(Number.isInteger(tabId));
  await popup.evaluate((id) => { location.search = `?tab=${id}`; }, tabId);
  await popup.waitForFunction((o) => document.getElementById('site')?.textContent === o
    && document.body.dataset.ready, { timeout: 15000 }, 'http://127.0.0.1');
  assert.equal(await popup.$eval('#toggle', (b) => b.textContent), 'Turn on for this site');

  await popup.click('#toggle');        // a real click: the permission request needs the gesture
  await popup.waitForFunction(() => document.getElementById('toggle').textContent === 'Turn off for this site', { timeout: 15000 });
  assert.equal(await granted(), true);
  assert.deepEqual(await registered(), [['http://127.0.0.1/*']]);
  assert.deepEqual((await settings()).sites, ['http://127.0.0.1']);
  // The popup reloaded the tab: the registered script runs there and gets
  // the engine's labels (its worker started by the background page on first need).
  await ticket.waitForFunction(() => document.documentElement.dataset.rapportProbe, { timeout: 60000 });
  assert.equal(await probe(), JSON.stringify(['negative', 'positive']));

  await popup.click('#toggle');
  await popup.waitForFunction(() => document.getElementById('toggle').textContent === 'Turn on for this site', { timeout: 15000 });
  assert.equal(await granted(), false, 'turning off withdraws the permission');
  assert.deepEqual(await registered(), [], 'and removes the script');
  assert.deepEqual((await settings()).sites, []);
  await ticket.reload();
  await new Promise((r) => setTimeout(r, 1500));
  assert.equal(await probe(), null, 'the site is off after a reload');
});

// Site access in Chromium. Chromium grants no optional host permission to a
// headless click, so (EXTENSION-TESTING.md) this build declares the test host
// and the test plays the browser's prompt through chrome://extensions'
// developerPrivate: hostAccess ON_CLICK withholds it (as at install), and
// addHostPermission is the agent's "Allow". The popup's own flow runs as the
// agent does it; the full request-and-accept flow is covered in Firefox
// (firefox.test.mjs). Also: withdrawing access in the browser's UI turns the
// site off in Rapport (script unregistered, setting cleared).
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, variantBuild, pageServer, launchChromium, tabIdOf, QUIET_PAGE } from './host-helpers.mjs';

const HOST = 'http://127.0.0.1/*';
const TICKET = QUIET_PAGE('Ticket 9', `<p class="msg">Third time asking. This is unacceptable, refund me now!</p>
<p class="msg">Thanks a lot, that worked perfectly!</p>`);

test('Chromium: the popup turns a site on and off; withdrawing access in the browser turns it off', async (t) => {
  const extDir = await variantBuild('chrome', { extraHostPermissions: [HOST], extraPermissions: ['tabs'],
    entrySources: { content: path.join(ROOT, 'tests', 'e2e', 'fixtures', 'ext-host', 'content-probe.js') } });
  const server = await pageServer({ '/ticket': TICKET });
  const chromium = await launchChromium(extDir);
  t.after(async () => { await chromium.close(); await server.close(); fs.rmSync(extDir, { recursive: true, force: true }); });
  const { context, sw, id } = chromium;

  const manager = await context.newPage();
  await manager.goto('chrome://extensions/');
  const dev = (fn, ...args) => manager.evaluate(([fn, args]) => new Promise((resolve) =>
    chrome.developerPrivate[fn](...args, () => resolve(chrome.runtime.lastError?.message ?? 'ok'))), [fn, args]);
  const granted = () => sw.evaluate((h) => chrome.permissions.contains({ origins: [h] }), HOST);
  const registered = () => sw.evaluate(async () => (await chrome.scripting.getRegisteredContentScripts()).map((s) => s.matches));
  const sites = () => sw.evaluate(async () => (await chrome.storage.local.get('rapport.settings'))['rapport.settings']?.sites ?? []);

  assert.equal(await dev('updateExtensionConfiguration', { extensionId: id, hostAccess: 'ON_CLICK' }), 'ok');
  assert.equal(await granted(), false, 'withheld, as at install');

  const ticket = await context.newPage();
  await ticket.goto(`${server.origin}/ticket`);
  const probe = () => ticket.evaluate(() => document.documentElement.dataset.rapportProbe ?? null);
  const tabId = await tabIdOf(sw, `${server.origin}/ticket`);
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${id}/popup/index.html?tab=${tabId}`);
  await popup.waitForSelector('body[data-ready]', { state: 'attached' });
  assert.equal(await popup.textContent('#site'), 'http://127.0.0.1');
  assert.equal(await popup.textContent('#toggle'), 'Turn on for this site');
  assert.equal(await probe(), null);

  assert.equal(await dev('addHostPermission', id, HOST), 'ok');   // the agent allows it
  await popup.click('#toggle');
  await popup.waitForFunction(() => document.getElementById('toggle').textContent === 'Turn off for this site');
  assert.deepEqual(await registered(), [[HOST]]);
  assert.deepEqual(await sites(), ['http://127.0.0.1']);
  await ticket.waitForFunction(() => document.documentElement.dataset.rapportProbe, null, { timeout: 60000 });
  assert.equal(await probe(), JSON.stringify(['negative', 'positive']), 'the offscreen engine answered the registered script');
  // The popup says what Rapport reads in that tab (the script's panel.update).
  await popup.reload();
  await popup.waitForSelector('body[data-ready]', { state: 'attached' });
  assert.equal(await popup.textContent('#reading'), 'Reading this conversation (probe): 2 customer messages.');

  await popup.click('#toggle');
  await popup.waitForFunction(() => document.getElementById('toggle').textContent === 'Turn on for this site');
  assert.deepEqual(await registered(), []);
  assert.deepEqual(await sites(), []);
  // (The withdrawal of the permission itself is asserted in Firefox: this
  // build declares the host, and Chromium refuses to remove a declared one.)
  await ticket.reload();
  await ticket.waitForTimeout(1000);
  assert.equal(await probe(), null);

  // On again, then the agent withdraws access from the browser's own UI.
  assert.equal(await dev('addHostPermission', id, HOST), 'ok');
  await popup.click('#toggle');
  await popup.waitForFunction(() => document.getElementById('toggle').textContent === 'Turn off for this site');
  assert.deepEqual(await registered(), [[HOST]]);
  assert.equal(await dev('removeHostPermission', id, HOST), 'ok');
  await sw.evaluate(async () => {
    for (let i = 0; i < 100 && (await chrome.scripting.getRegisteredContentScripts()).length > 0; i++) await new Promise((r) => setTimeout(r, 50));
  });
  assert.deepEqual(await registered(), [], 'the background unregistered the script');
  assert.deepEqual(await sites(), [], 'and the site is off in the settings');
});

// Chrome's engine worker fails to load (here its file is gone from the build):
// a call from a tab must come back as RAPPORT_E_ENGINE_LOAD, and so must the
// next one, instead of waiting for ever (before, the offscreen document
// relayed calls to a worker that never ran, and no reply ever came: this
// test then ends at its timeout). A second call checks the failure also
// answers calls made after it was known.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { variantBuild, pageServer, launchChromium, callFromTab, tabIdOf, QUIET_PAGE } from './host-helpers.mjs';

test('a Chrome engine worker that does not load fails calls with RAPPORT_E_ENGINE_LOAD', { timeout: 120000 }, async (t) => {
  const extDir = await variantBuild('chrome', { extraHostPermissions: ['http://127.0.0.1/*'] });
  fs.rmSync(path.join(extDir, 'engine-host', 'worker.js'));
  const server = await pageServer({ '/a': QUIET_PAGE('Ticket A', '<p>a</p>') });
  const browser = await launchChromium(extDir);
  t.after(async () => { await browser.close(); await server.close(); fs.rmSync(extDir, { recursive: true, force: true }); });
  const page = await browser.context.newPage();
  await page.goto(`${server.origin}/a`);
  const tab = await tabIdOf(browser.sw, `${server.origin}/a`);
  for (const text of ['My order never arrived.', 'Still nothing.']) {
    const reply = await callFromTab(browser.sw, tab, 'analyzeBatch', [[text]]);
    assert.equal(reply.ok, false, JSON.stringify(reply));
    assert.equal(reply.error.code, 'RAPPORT_E_ENGINE_LOAD');
    assert.match(reply.error.message, /engine worker did not load/);
  }
});

// Chrome stops an idle extension service worker (and Firefox unloads an idle
// event page: firefox-badges.test.mjs), and the router's memory goes with it.
// Here the worker is stopped outright (CDP ServiceWorker.stopAllWorkers)
// while the side panel follows a helpdesk tab: the panel must still show the
// conversation, reconnect (no "lost its connection"), and show what the page
// adds afterwards, which reaches it through a new service worker; the reply
// editor's review session, opened before, is opened again on the new worker
// for the next draft (its first review is not lost).
import test from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../../../scripts/static-server.mjs';
import { ROOT, launchRealExtension, readComposer } from './harness.mjs';
import { tabIdOf } from './host-helpers.mjs';

test('Chromium: the side panel keeps following its tab across a stopped service worker', async (t) => {
  const server = await startServer(ROOT);
  const ext = await launchRealExtension();
  t.after(async () => { await ext.close(); await server.close(); });
  const url = `${server.origin}/tests/e2e/fixtures/helpdesks/zendesk.html`;
  const page = await ext.context.newPage();
  await page.goto(url);
  await page.waitForFunction(() => document.querySelectorAll('[data-rapport-badge]').length === 2, null, { timeout: 120000, polling: 250 });
  const tabId = await tabIdOf(ext.sw, url);
  const panel = await ext.context.newPage();
  await panel.goto(`chrome-extension://${ext.id}/sidepanel/index.html?tab=${tabId}`);
  await panel.waitForSelector('#conversation:not([hidden]) #messages li:nth-child(2)', { timeout: 60000 });

  // A draft reviewed before: its review session lives in this worker's router.
  const card = async (want) => {
    for (let i = 0; i < 400; i++) {
      const c = await readComposer(page);
      if (Boolean(c?.shown) === want) return c;
      await page.waitForTimeout(150);
    }
    return readComposer(page);
  };
  await page.click('[aria-label="Public reply"]');
  await page.keyboard.type('Per our policy, calm down.', { delay: 5 });
  assert.match((await card(true))?.text ?? '', /Per our policy/, 'the draft is reviewed');
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  assert.equal((await card(false))?.shown ?? false, false, 'no card for an empty draft');

  // The worker goes, and every port to it (the tab's, the panel's).
  const cdp = await ext.context.newCDPSession(panel);
  await cdp.send('ServiceWorker.enable');
  const stopped = new Promise((resolve) => cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
    if (versions.some((v) => v.runningStatus === 'stopped')) resolve();
  }));
  await cdp.send('ServiceWorker.stopAllWorkers');
  await stopped;

  // A new customer message: the content script reconnects to a new worker,
  // whose router knew nothing of the tab until then.
  await page.evaluate(() => {
    const log = document.querySelector('.omni-conversation-pane[data-ticket-id="102"] [data-test-id="omni-log-container"]');
    const item = document.createElement('article');
    item.setAttribute('data-test-id', 'omni-log-comment-item');
    item.setAttribute('data-comment-id', 'c-after');
    const message = document.createElement('div');
    message.setAttribute('data-test-id', 'omni-log-item-message');
    message.setAttribute('type', 'end-user');
    message.textContent = 'Still nothing. I want to cancel my account.';
    item.append(message);
    log.append(item);
  });
  await panel.waitForSelector('#conversation:not([hidden]) #messages li:nth-child(3)', { timeout: 60000 });
  assert.match(await panel.textContent('#messages li:nth-child(3)'), /cancel my account/);
  assert.equal(await panel.textContent('#status'), '', 'the panel did not lose its connection');
  assert.match(await panel.textContent('#who'), /maria\.lopez@example\.com — conversation 102 \(zendesk\)/);

  // The next draft: the new worker has no session for this tab's port; the
  // composer opens one again and its review shows.
  await page.click('[aria-label="Public reply"]');
  await page.keyboard.type('Per our policy, calm down.', { delay: 5 });
  assert.match((await card(true))?.text ?? '', /Per our policy/, 'the draft after the restart is reviewed');
});

// The side panel page of the real built extension in headless Chromium,
// following a helpdesk tab: the conversation's customer, mood trajectory,
// cues and customer messages; the empty state; keyboard and axe-core.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { startServer } from '../../../scripts/static-server.mjs';
import { ROOT, launchRealExtension } from './harness.mjs';
import { tabIdOf, seriousA11yViolations, appendZendeskCustomerMessage } from './host-helpers.mjs';

const SHOTS = path.join(ROOT, 'docs', 'screenshots');
let ext; let server;
test.before(async () => {
  server = await startServer(ROOT);
  ext = await launchRealExtension();
});
test.after(async () => { await ext?.close(); await server?.close(); });

async function panelFor(tabId) {
  const panel = await ext.context.newPage();
  await panel.setViewportSize({ width: 420, height: 760 });
  await panel.goto(`chrome-extension://${ext.id}/sidepanel/index.html?tab=${tabId}`);
  return panel;
}

test('the panel shows the open conversation: customer, mood trajectory, cues, customer messages only', async () => {
  const page = await ext.context.newPage();
  const url = `${server.origin}/tests/e2e/fixtures/helpdesks/zendesk.html`;
  await page.goto(url);
  const tabId = await tabIdOf(ext.sw, url);
  assert.ok(tabId > 0);
  const panel = await panelFor(tabId);
  await panel.waitForSelector('#conversation:not([hidden]) #messages li:nth-child(2)', { timeout: 90000 });
  assert.match(await panel.textContent('#who'), /maria\.lopez@example\.com — conversation 102 \(zendesk\)/);
  assert.match(await panel.textContent('#trend'), /^Mood (improving|worsening|steady): the last customer message reads/);
  const items = await panel.$$eval('#messages li', (lis) => lis.map((li) => li.textContent));
  assert.equal(items.length, 2, 'the two customer messages, not the agent reply, bot or note');
  assert.match(items[0], /Negative/);
  assert.match(items[1], /Positive/);
  assert.equal(await panel.$$eval('#chart circle', (c) => c.length), 2, 'one point per customer message');
  assert.match(await panel.textContent('#chart-label'), /Customer mood per message, oldest first: −[01]\.\d\d, \+[01]\.\d\d\./);
  assert.match(await panel.textContent('#cues'), /Repeat contact: 1 of 2 messages/);

  // A new customer message on the page reaches the panel.
  await appendZendeskCustomerMessage(page, 'c-9', 'Actually it is broken again. I want to cancel my account.');
  await panel.waitForSelector('#messages li:nth-child(3)', { timeout: 30000 });
  assert.match(await panel.textContent('#messages li:nth-child(3)'), /Churn risk/);
  assert.match(await panel.textContent('#trend'), /^Mood worsening/);

  assert.deepEqual(await seriousA11yViolations(panel), []);
  fs.mkdirSync(SHOTS, { recursive: true });
  await panel.screenshot({ path: path.join(SHOTS, 'sidepanel.png'), fullPage: true });
  await panel.close();
  await page.close();
});

test('the empty state says what to do when the tab has no conversation', async () => {
  const page = await ext.context.newPage();
  const url = `${server.origin}/tests/e2e/fixtures/helpdesks/generic-unsure.html`;
  await page.goto(url);
  const panel = await panelFor(await tabIdOf(ext.sw, url));
  await panel.waitForSelector('#empty:not([hidden])');
  await panel.waitForFunction(() => /Not sure about this page/.test(document.getElementById('empty-title').textContent), null, { timeout: 60000 });
  assert.match(await panel.textContent('#empty-text'), /could not tell who wrote 3 of 3 messages/);
  assert.equal(await panel.isHidden('#conversation'), true);
  assert.deepEqual(await seriousA11yViolations(panel), []);
  await panel.close();

  const blank = await panelFor(999999);
  await blank.waitForSelector('#empty:not([hidden])');
  assert.match(await blank.textContent('#empty-title'), /No conversation yet/);
  assert.match(await blank.textContent('#empty-text'), /Turn on for this site/);
  await blank.close();
  await page.close();
});

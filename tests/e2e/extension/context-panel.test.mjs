// The customer context wired through the real Chrome build: conversations
// read on two different helpdesks for one email end up in one timeline in
// the side panel; "Forget this customer" there leaves nothing about them in
// the extension origin's 'rapport-context' IndexedDB (read directly).
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { startServer } from '../../../scripts/static-server.mjs';
import { ROOT, launchRealExtension } from './harness.mjs';
import { readContextDb, tabIdOf, appendZendeskCustomerMessage } from './host-helpers.mjs';

const EMAIL = 'maria.lopez@example.com';
let ext; let server;
test.before(async () => {
  server = await startServer(ROOT);
  ext = await launchRealExtension();
});
test.after(async () => { await ext?.close(); await server?.close(); });

const timelineText = (panel) => panel.evaluate(() => document.querySelector('#timeline').shadowRoot?.textContent ?? '');

test('two helpdesks, one customer, one timeline in the side panel; forgetting them leaves no trace', async () => {
  const openPanel = async (tabId) => {
    const panel = await ext.context.newPage();
    await panel.setViewportSize({ width: 420, height: 900 });
    await panel.goto(`chrome-extension://${ext.id}/sidepanel/index.html?tab=${tabId}`);
    return panel;
  };
  const timelineShows = (panel, pattern) => panel.waitForFunction((source) => new RegExp(source)
    .test(document.querySelector('#timeline')?.shadowRoot?.textContent ?? ''), pattern.source, { timeout: 60000, polling: 250 });

  // Zendesk first: its panel shows that conversation once it is captured.
  const zendesk = await ext.context.newPage();
  const zUrl = `${server.origin}/tests/e2e/fixtures/helpdesks/zendesk.html`;
  await zendesk.goto(zUrl);
  const zPanel = await openPanel(await tabIdOf(ext.sw, zUrl));
  // The panel opened as a new tab and hid the helpdesk tab; a hidden tab gets
  // no animation frames, so show it again until Rapport has read it (the
  // panel is polled on a timer, not on frames).
  await zendesk.bringToFront();
  await timelineShows(zPanel, /Conversation 102/);
  assert.doesNotMatch(await timelineText(zPanel), /freshdesk/);
  await zPanel.close();

  // Then the same customer on Freshdesk: both conversations in one timeline.
  const freshdesk = await ext.context.newPage();
  // freshdesk.html's page with zendesk.html's customer (Tom Baker -> Maria Lopez), served under its own path.
  const fUrl = `${server.origin}/tests/e2e/fixtures/helpdesks/freshdesk-maria.html`;
  const html = fs.readFileSync(path.join(ROOT, 'tests', 'e2e', 'fixtures', 'helpdesks', 'freshdesk.html'), 'utf8')
    .replaceAll('tom.baker@example.org', EMAIL).replaceAll('Tom Baker', 'Maria Lopez').replaceAll('Tom', 'Maria');
  await freshdesk.route(fUrl, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }));
  await freshdesk.goto(fUrl);
  const tabId = await tabIdOf(ext.sw, fUrl);
  assert.ok(tabId > 0);
  const panel = await openPanel(tabId);
  await freshdesk.bringToFront();
  await timelineShows(panel, /zendesk[^]*freshdesk|freshdesk[^]*zendesk/);
  const text = await timelineText(panel);
  assert.match(text, /Maria Lopez/);
  assert.match(text, new RegExp(EMAIL.replace(/\./g, '\\.')));
  assert.match(text, /Conversation 102\s*· zendesk/);
  assert.match(text, /Conversation 5521\s*· freshdesk/);
  assert.doesNotMatch(text, /Known bug FD-9/, 'internal notes are never captured');
  assert.equal(await panel.isVisible('#forget'), true);

  // A new message on the Zendesk tab reaches the panel that follows the Freshdesk tab.
  await zendesk.bringToFront();   // a hidden tab gets no animation frames, so Rapport reads it when shown
  await appendZendeskCustomerMessage(zendesk, 'c-77', 'The parcel arrived damaged, please refund me.');
  await timelineShows(panel, /parcel arrived damaged/);
  await panel.bringToFront();

  const before = await readContextDb(panel);
  const texts = before.events.map((r) => JSON.stringify(r.event));
  assert.ok(texts.some((t) => t.includes('invoice page')), 'the Freshdesk customer message is stored');
  assert.ok(!texts.some((t) => t.includes('Known bug FD-9')), 'no internal note is stored');
  assert.ok(before.events.length >= 4);

  // Forget through the panel (it asks first).
  panel.once('dialog', (d) => d.accept());
  await panel.click('#forget');
  await panel.waitForFunction(() => /no longer keeps anything/.test(document.querySelector('#status').textContent), null, { timeout: 30000 });
  assert.equal(await panel.isVisible('#forget'), false);
  assert.doesNotMatch(await timelineText(panel), /Conversation 102/);

  const after = await readContextDb(panel);
  const all = JSON.stringify(after);
  assert.ok(!all.toLowerCase().includes(EMAIL), `nothing mentions ${EMAIL} any more`);
  assert.ok(!all.includes('invoice page') && !all.includes('Maria'), 'no message or name left');
  assert.equal(after.events.filter((r) => JSON.stringify(r.event).includes('zendesk') || JSON.stringify(r.event).includes('freshdesk')).length, 0);
});

// <rapport-timeline> (shared/context/timeline-view.js) in real Chromium over
// the context service: what it shows, newest first by conversation, the
// copy button, merge and unmerge through its controls, keyboard use, the
// empty state, page text kept as text, and no serious axe-core violation.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from '../../scripts/static-server.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

let server, browser, context, page;

const EVENTS = [
  { type: 'message', at: '2026-03-02T09:00:00Z', source: 'zendesk', id: 'z1', conversation: '881', customer: { email: 'dana@example.com', name: 'Dana Smith' },
    text: 'Where is my refund? <img src=x onerror="window.pwned=1">', sentiment: -0.3 },
  { type: 'message', at: '2026-03-02T09:10:00Z', source: 'zendesk', id: 'z2', conversation: '881', role: 'agent', customer: { email: 'dana@example.com' }, text: 'Checking now.' },
  { type: 'ticket_opened', at: '2026-03-02T09:11:00Z', source: 'zendesk', ticket: '881', conversation: '881', subject: 'Refund not received', customer: { email: 'dana@example.com' } },
  { type: 'message', at: '2026-03-09T08:00:00Z', source: 'freshdesk', id: 'f1', conversation: 'F9', customer: { email: 'dana@example.com' }, text: 'Still waiting for my refund', sentiment: -0.6 },
  { type: 'message', at: '2026-03-09T08:05:00Z', source: 'freshdesk', id: 'f2', conversation: 'F9', customer: { email: 'dana@example.com' }, text: 'Any news?', sentiment: -0.7 },
  { type: 'message', at: '2026-03-09T08:06:00Z', source: 'freshdesk', id: 'f3', conversation: 'F9', customer: { email: 'dana@example.com' }, text: 'Hello??', sentiment: -0.8 },
  { type: 'purchase', at: '2026-02-20T15:00:00Z', source: 'shop', order: '1042', amount: 59.9, currency: 'EUR', item: 'Running shoes', customer: { email: 'dana@example.com' } },
  // Shares Dana's address under another name: a link, not a merge.
  { type: 'note', at: '2026-03-05T10:00:00Z', source: 'crm', customer: { email: 'dana@example.com', phone: '+4915112345678', name: 'Max Smith' }, text: 'Family account?' },
];

test.before(async () => {
  assert.ok(fs.existsSync(CHROMIUM), `no Chromium at ${CHROMIUM}`);
  server = await startServer(ROOT);
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--headless=new', '--no-sandbox', '--disable-gpu'] });
  context = await browser.newContext();
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.origin });
  page = await context.newPage();
  await page.goto(`${server.origin}/tests/e2e/fixtures/context/timeline.html`);
  await page.waitForFunction(() => window.timelineModules, null, { timeout: 20000 });
  await page.evaluate(async (events) => {
    const { view, openContextService } = window.timelineModules;
    const service = await openContextService({ dbName: 'timeline-test', now: () => Date.parse('2026-03-10T12:00:00Z') });
    await service.add(events);
    window.service = service;
    window.connection = view.connectTimeline(document.getElementById('timeline'), service, { phone: '+4915112345678' });
    await window.connection.ready;
  }, EVENTS);
});

test.after(async () => {
  await browser?.close();
  await server?.close();
});

const shadow = (fn, arg) => page.evaluate(([f, a]) => (0, eval)(`(${f})`)(document.getElementById('timeline').shadowRoot, a), [fn.toString(), arg]);

async function axe() {
  if (!(await page.evaluate(() => Boolean(globalThis.axe)))) {
    await page.evaluate(fs.readFileSync(path.join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8'));
  }
  const result = await page.evaluate(() => globalThis.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')})`);
}

test('a linked profile offers to merge; merging shows the whole history, undoing splits it again', async () => {
  const before = await shadow((root) => ({ name: root.querySelector('h2').textContent,
    buttons: [...root.querySelectorAll('button')].map((b) => b.textContent.trim()) }));
  assert.equal(before.name, 'Max Smith');
  assert.ok(before.buttons.includes('Merge'), before.buttons.join(', '));
  await page.locator('rapport-timeline').getByRole('button', { name: /^Merge with/ }).click();
  await page.waitForFunction(() => document.getElementById('timeline').profile?.merges.length === 1);
  const merged = await shadow((root) => ({ name: root.querySelector('h2').textContent,
    groups: [...root.querySelectorAll('details > summary')].map((s) => s.textContent.replace(/\s+/g, ' ').trim()) }));
  assert.equal(merged.name, 'Max Smith', 'the latest name given');
  assert.equal(merged.groups.length, 4);
  assert.match(merged.groups[0], /^Conversation F9 · freshdesk · refund ·/, 'newest conversation first');
  assert.match(merged.groups[1], /^Note · crm/);
  assert.match(merged.groups[2], /^Conversation 881 · zendesk · refund/);
  await page.locator('rapport-timeline').getByRole('button', { name: /^Undo merge/ }).click();
  await page.waitForFunction(() => document.getElementById('timeline').profile?.merges.length === 0
    && document.getElementById('timeline').profile.links.length === 1);
});

test('Dana: facts, opening line, sparkline text, page text kept as text, copy by keyboard, no serious axe violation', async () => {
  await page.evaluate(() => window.connection.load({ customer: window.service.customers().find((c) => c.name === 'Dana Smith').id }));
  const shown = await shadow((root) => ({
    name: root.querySelector('h2').textContent,
    opening: root.querySelector('.opening p')?.textContent,
    facts: [...root.querySelectorAll('ul.facts li')].map((li) => li.textContent),
    spark: root.querySelector('svg[role=img]')?.getAttribute('aria-label'),
    images: root.querySelectorAll('img').length,
    firstText: [...root.querySelectorAll('.text')].map((t) => t.textContent).find((t) => t.includes('Where is my refund')),
  }));
  assert.equal(shown.name, 'Dana Smith');
  assert.equal(shown.opening, "Hi Dana, I see you were in touch last week about your refund; I'm sorry it still isn't sorted.");
  assert.ok(shown.facts.some((f) => f.startsWith('1 open issue: refund (#881)')), shown.facts.join(' | '));
  assert.ok(shown.facts.some((f) => f.startsWith('Repeat contact about refund: 2 times')), shown.facts.join(' | '));
  assert.equal(shown.spark, 'Mood over the last 4 customer messages: from negative (-0.30) to negative (-0.80), worsening.');
  assert.equal(shown.images, 0);
  assert.equal(shown.firstText, 'Where is my refund? <img src=x onerror="window.pwned=1">');
  assert.equal(await page.evaluate(() => window.pwned), undefined);

  // Keyboard: Tab reaches the copy button; Enter copies.
  await page.locator('body').click({ position: { x: 1, y: 1 } });
  let focused = '';
  for (let i = 0; i < 10 && focused !== 'Copy opening line'; i++) {
    await page.keyboard.press('Tab');
    focused = await page.evaluate(() => document.getElementById('timeline').shadowRoot.activeElement?.textContent.trim() ?? '');
  }
  assert.equal(focused, 'Copy opening line');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.getElementById('timeline').shadowRoot.querySelector('[role=status]').textContent === 'Copied');
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), shown.opening);
  // Conversations fold and unfold from the keyboard.
  const wasOpen = await shadow((root) => root.querySelector('details').open);
  await page.evaluate(() => document.getElementById('timeline').shadowRoot.querySelector('details > summary').focus());
  await page.keyboard.press('Enter');
  assert.equal(await shadow((root) => root.querySelector('details').open), !wasOpen);

  assert.deepEqual(await axe(), []);
});

test('a customer with no history gets the empty state', async () => {
  await page.evaluate(() => window.connection.load({ email: 'nobody@example.com' }));
  const text = await shadow((root) => root.textContent.replace(/\s+/g, ' ').trim());
  assert.match(text, /^No history for this customer yet\./);
  assert.deepEqual(await axe(), []);
});

// The dashboard's Customers view in real Chromium: one customer's history in
// the shared <rapport-timeline> component, answered by the customer-context
// engine over the active data. Two imports that write the same address in
// different case become one customer with both conversations; removing one
// import takes its conversation out of the timeline again.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { axe, go, importFile, launch, ready, startDashboard } from './helpers.mjs';

const FIRST = 'My refund has not arrived yet and I am really upset about it.';
const SECOND = 'Still no refund. This is the second time I have to ask!';
const ndjson = (rows) => `${rows.map((r) => JSON.stringify(r)).join('\n')}\n`;
const message = (conversation, at, customer, type, text) => ({ conversation, at, from: { type }, text, customer, agent: 'Sam Lee' });

let server;
let context;
let page;
let dir;

test.before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-customers-'));
  fs.writeFileSync(path.join(dir, 'may-first.ndjson'), ndjson([
    message('A-1', '2024-05-01T09:00:00Z', 'Dana.Smith@Example.com', 'end-user', FIRST),
    message('A-1', '2024-05-01T09:20:00Z', 'Dana.Smith@Example.com', 'agent', 'I am sorry, I will check on it right away.'),
  ]));
  fs.writeFileSync(path.join(dir, 'may-second.ndjson'), ndjson([
    message('B-7', '2024-05-06T10:00:00Z', 'dana.smith@example.com', 'end-user', SECOND),
    message('B-7', '2024-05-06T10:05:00Z', 'dana.smith@example.com', 'agent', 'I have escalated it and will email you by Friday.'),
  ]));
  server = await startDashboard();
  ({ context } = await launch());
  page = context.pages()[0] ?? await context.newPage();
});

test.after(async () => {
  await context?.close();
  await server?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function openTimeline(search) {
  await go(page, 'customers');
  await page.fill('#customer-search', search);
  await page.locator('button', { hasText: 'Timeline' }).first().click();
  await page.waitForSelector('rapport-timeline:not([busy]) section');
  return page.locator('rapport-timeline section');
}

test('one customer across two imports: both conversations in the shared timeline', async () => {
  await page.goto(server.url);
  await ready(page);
  assert.match(await importFile(page, path.join(dir, 'may-first.ndjson')), /^Imported 2 messages/);
  await go(page, 'import');
  await page.setInputFiles('#import-file', path.join(dir, 'may-second.ndjson'));
  await page.waitForSelector('#import-start:not([disabled])');
  await page.getByLabel(/Replace the data in the dashboard/).uncheck();
  await page.click('#import-start');
  await page.waitForSelector('#import-result');
  assert.match(await page.locator('#import-result').innerText(), /^Imported 2 messages/);

  await go(page, 'customers');
  await page.fill('#customer-search', 'dana');
  await page.waitForFunction(() => document.querySelector('[role=status]')?.textContent.startsWith('2 customers'));
  const timeline = await openTimeline('Dana.Smith');
  const text = await timeline.innerText();
  assert.match(text, /Dana\.Smith@Example\.com/i);
  // Both conversations, newest first, the customer's and the agent's words.
  const first = text.indexOf(FIRST);
  const second = text.indexOf(SECOND);
  assert.ok(first > 0 && second > 0, `both conversations are in the timeline:\n${text}`);
  assert.ok(second < first, 'newest conversation first');
  assert.match(text, /I have escalated it/);
  assert.match(text, /2 in 30/, 'two contacts in the last 30 days (as of the newest message)');
  assert.match(text, /Mood over the last 2 customer messages/);
  assert.deepEqual(await axe(page), [], 'axe on the Customers view with a timeline');
});

test('removing an import takes its conversation out of the timeline', async () => {
  await page.goto(server.url);
  await ready(page);
  await go(page, 'import');
  await page.getByRole('button', { name: 'Remove may-second.ndjson' }).click();
  await page.waitForFunction(() => !document.querySelector('[aria-label="Remove may-second.ndjson"]'));
  const text = await (await openTimeline('dana')).innerText();
  assert.ok(text.includes(FIRST), text);
  assert.ok(!text.includes(SECOND), `the removed import's message is gone:\n${text}`);
});

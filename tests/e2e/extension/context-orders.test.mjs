// An orders CSV imported in the real Chrome build's side panel: the engine
// host parses it with the shared importer and stores it all or nothing in the
// extension origin's 'rapport-context' database; the side panel of a helpdesk
// conversation with the same customer (email matched case-insensitively)
// then shows the purchases, the lifetime value and the last purchase. Bad
// files (a bad amount, a row short of a field, no date column) are refused
// naming the line and field, and leave nothing in IndexedDB (read directly).
// Each file first goes through the panel's mapping step (headers, first rows
// as text, a <select> per field preset to the guessed column); headers the
// guesser cannot read (German ones) are mapped there by hand. A large file
// streams to the engine host in chunks with a progress bar and line, and
// "Cancel import" stops it leaving what was stored before as it was.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer } from '../../../scripts/static-server.mjs';
import { ROOT, launchRealExtension } from './harness.mjs';
import { readContextDb, seriousA11yViolations, tabIdOf, tabOrder } from './host-helpers.mjs';

const FIXTURES = path.join(ROOT, 'tests', 'e2e', 'fixtures', 'context');
let ext; let server;
test.before(async () => {
  server = await startServer(ROOT);
  ext = await launchRealExtension();
});
test.after(async () => { await ext?.close(); await server?.close(); });

async function openPanel(query = '') {
  const panel = await ext.context.newPage();
  await panel.setViewportSize({ width: 420, height: 900 });
  await panel.goto(`chrome-extension://${ext.id}/sidepanel/index.html${query}`);
  return panel;
}

// Chooses a fixture in the panel's file input; resolves once the mapping step
// is shown ('map') or the file was refused outright (the status text).
async function chooseFile(panel, name, dir = FIXTURES) {
  await panel.setInputFiles('#orders-file', path.join(dir, name));
  await panel.waitForFunction((file) => !document.querySelector('#orders-map').hidden
    || document.querySelector('#orders-status').textContent.startsWith(`Nothing from ${file}`), name, { timeout: 60000, polling: 250 });
  return (await panel.isHidden('#orders-map')) ? panel.textContent('#orders-status') : 'map';
}

const settled = (panel, name) => panel.waitForFunction((file) => {
  const text = document.querySelector('#orders-status').textContent;
  return text.startsWith(`${file}:`) || text.startsWith(`Nothing from ${file}`);
}, name, { timeout: 60000, polling: 250 });

// Chooses a fixture, sets the given { fieldId: column } in the mapping step,
// presses Import; resolves with the status text once the import has answered.
async function importFile(panel, name, mapping = {}, dir = FIXTURES) {
  const step = await chooseFile(panel, name, dir);
  if (step !== 'map') return step;
  for (const [field, column] of Object.entries(mapping)) await panel.selectOption(`#orders-field-${field}`, column);
  await panel.click('#orders-import');
  await settled(panel, name);
  return panel.textContent('#orders-status');
}

const orderEvents = (db) => (db.events ?? []).filter((r) => r.event.type === 'purchase' || r.event.type === 'refund');

test('bad order files are refused naming line and field, and store nothing', async () => {
  const panel = await openPanel();
  assert.equal(await panel.getAttribute('label[for="orders-file"]', 'for'), 'orders-file');

  const amount = await importFile(panel, 'orders-bad-amount.csv');
  assert.match(amount, /^Nothing from orders-bad-amount\.csv was imported: line 3, record 2, field 'amount': .*twelve/);
  // Windows-1252 bytes (é as 0xE9) on line 3: stopped naming the line, not imported garbled.
  const latin = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-orders-'));
  fs.writeFileSync(path.join(latin, 'orders-latin1.csv'), Buffer.concat([Buffer.from('Order No,Order Date,Customer Email,Total,Product\n'
    + '6001,2026-11-20,maria.lopez@example.com,5,Cap\n6002,2026-11-21,maria.lopez@example.com,6,Caf'), Buffer.from([0xe9]), Buffer.from('\n')]));
  assert.match(await importFile(panel, 'orders-latin1.csv', {}, latin),
    /^Nothing from orders-latin1\.csv was imported: line 3: the file is not UTF-8 text/);
  fs.rmSync(latin, { recursive: true, force: true });
  const short = await importFile(panel, 'orders-missing-field.csv');
  assert.match(short, /^Nothing from orders-missing-field\.csv was imported: line 3\b.*expected 7 fields/);
  // No date column: Import stays disabled, saying why, and Cancel discards the file.
  assert.equal(await chooseFile(panel, 'orders-no-date.csv'), 'map');
  assert.equal(await panel.isDisabled('#orders-import'), true);
  assert.match(await panel.textContent('#orders-missing'), /Date: choose the column that holds it/);
  await panel.click('#orders-cancel');
  assert.equal(await panel.isHidden('#orders-map'), true);
  assert.equal(await panel.textContent('#orders-status'), 'orders-no-date.csv was not imported.');

  const db = await readContextDb(panel);
  assert.equal(orderEvents(db).length, 0, 'no order of a refused file is stored');
  assert.equal((db.imports ?? []).filter((i) => i.state === 'committed').length, 0);
  assert.ok(!JSON.stringify(db).includes('Insoles'));
  await panel.close();
});

let open = null;   // the Zendesk tab and its panel, for the next test

test('an orders CSV imported in the side panel shows in the customer\'s timeline there', async () => {
  const importer = await openPanel();
  const ok = await importFile(importer, 'orders-maria.csv');
  assert.match(ok, /^orders-maria\.csv: 3 rows read, 3 new, 0 already stored\.$/);
  assert.match(await importer.textContent('#orders-columns'), /Order Date as Date; .*Order No as Order number; Total as Amount; .*Customer Email as Customer email/);
  const again = await importFile(importer, 'orders-maria.csv');
  assert.match(again, /^orders-maria\.csv: 3 rows read, 0 new, 3 already stored\.$/, 'a re-import adds nothing');
  const db = await readContextDb(importer);
  assert.equal(orderEvents(db).length, 3);
  await importer.close();

  // The Zendesk fixture's customer is maria.lopez@example.com.
  const zendesk = await ext.context.newPage();
  const url = `${server.origin}/tests/e2e/fixtures/helpdesks/zendesk.html`;
  await zendesk.goto(url);
  const panel = await openPanel(`?tab=${await tabIdOf(ext.sw, url)}`);
  await zendesk.bringToFront();   // a hidden tab gets no animation frames; Rapport reads it when shown
  await panel.waitForFunction(() => /Conversation 102/.test(document.querySelector('#timeline')?.shadowRoot?.textContent ?? ''),
    null, { timeout: 60000, polling: 250 });
  const text = await panel.evaluate(() => document.querySelector('#timeline').shadowRoot.textContent.replace(/\s+/g, ' '));
  assert.match(text, /order 5001 · Trail shoes/);
  assert.match(text, /order 5002 · Wool socks/, 'the email matched whatever its case');
  assert.doesNotMatch(text, /5003|Sun cap/, 'another customer\'s order stays out');
  assert.match(text, /Lifetime value \D*79[.,]90\D* over 2 orders/);
  assert.match(text, /Last purchase [^·]*?, order 5002, Wool socks/);
  assert.match(text, /59[.,]90/);

  // An import in the open panel reaches its timeline without reopening it (the router's contextVersion).
  await panel.bringToFront();
  assert.match(await importFile(panel, 'orders-maria-more.csv'), /^orders-maria-more\.csv: 1 row read, 1 new, 0 already stored\.$/);
  await zendesk.bringToFront();
  await panel.waitForFunction(() => /order 5004 · Gift card/.test(document.querySelector('#timeline').shadowRoot.textContent),
    null, { timeout: 60000, polling: 250 });
  assert.match(await panel.evaluate(() => document.querySelector('#timeline').shadowRoot.textContent), /Lifetime value \D*90[.,]00\D* over 3 orders/);
  open = { zendesk, panel };
});

test('headers the guesser cannot read are mapped in the selects, by keyboard, and the purchases reach the timeline', async () => {
  const { zendesk, panel } = open;
  await panel.bringToFront();
  assert.equal(await chooseFile(panel, 'orders-german.csv'), 'map');
  // The first rows as text: the item's markup is shown, never parsed.
  assert.deepEqual(await panel.$$eval('#orders-head th', (ths) => ths.map((t) => t.textContent)),
    ['Bestellnummer', 'Datum', 'Kunde E-Mail', 'Betrag', 'Währung', 'Artikel']);
  assert.equal(await panel.textContent('#orders-rows tr:first-child td:last-child'), '<b>Wanderstöcke</b>');
  assert.equal(await panel.$$eval('#orders-rows b', (b) => b.length), 0);
  // Nothing guessed: every select says so, Import is disabled with the reason in words.
  assert.equal(await panel.$eval('#orders-field-email', (s) => s.value), '');
  assert.equal(await panel.textContent('label[for="orders-field-at"]'), 'Date (required)');
  assert.equal(await panel.isDisabled('#orders-import'), true);
  assert.match(await panel.textContent('#orders-missing'), /Date: choose the column/);
  assert.deepEqual(await seriousA11yViolations(panel), []);

  // The date by keyboard: focus its select, arrow down to Datum (the second column).
  await panel.focus('#orders-field-at');
  await panel.keyboard.press('ArrowDown');
  await panel.keyboard.press('ArrowDown');
  assert.equal(await panel.$eval('#orders-field-at', (s) => s.value), 'Datum');
  assert.equal(await panel.isDisabled('#orders-import'), false);
  assert.equal(await panel.textContent('#orders-missing'), '');
  // Every select and both buttons are reached with Tab from the file input.
  await panel.focus('#orders-file');
  const reached = await tabOrder(panel);
  for (const id of ['orders-field-at', 'orders-field-order', 'orders-field-email', 'orders-field-amount',
    'orders-field-currency', 'orders-field-item', 'orders-import', 'orders-cancel']) assert.ok(reached.includes(id), `${id} by Tab: ${reached}`);
  // A column chosen twice disables Import again until it is put right.
  await panel.selectOption('#orders-field-order', 'Datum');
  assert.equal(await panel.isDisabled('#orders-import'), true);
  assert.match(await panel.textContent('#orders-missing'), /already used/);
  for (const [field, column] of Object.entries({ order: 'Bestellnummer', email: 'Kunde E-Mail', amount: 'Betrag',
    currency: 'Währung', item: 'Artikel' })) await panel.selectOption(`#orders-field-${field}`, column);
  await panel.focus('#orders-import');
  await panel.keyboard.press('Enter');
  await settled(panel, 'orders-german.csv');
  assert.match(await panel.textContent('#orders-status'), /^orders-german\.csv: 1 row read, 1 new, 0 already stored\.$/);
  assert.match(await panel.textContent('#orders-columns'), /Datum as Date; Bestellnummer as Order number; Betrag as Amount; .*Kunde E-Mail as Customer email/);
  assert.equal(await panel.isHidden('#orders-map'), true);

  await zendesk.bringToFront();
  await panel.waitForFunction(() => /order 5101 · <b>Wanderstöcke<\/b>/.test(document.querySelector('#timeline').shadowRoot.textContent),
    null, { timeout: 60000, polling: 250 });
  assert.match(await panel.evaluate(() => document.querySelector('#timeline').shadowRoot.textContent), /Lifetime value \D*123[.,]00\D* over 4 orders/);
});

// 200,000 order rows (about 17 MB) of customers no other test uses: long
// enough an import to watch and cancel; written at test time, never committed.
function bigOrders() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-orders-'));
  const lines = ['Order No,Order Date,Customer Email,Total,Currency,Product'];
  for (let i = 0; i < 200000; i++) {
    lines.push(`${700000 + i},2026-11-${String(1 + (i % 28)).padStart(2, '0')}T10:00:00Z,bulk${i % 5000}@example.com,${(i % 90) + 0.5},EUR,Bulk item ${i % 40}`);
  }
  fs.writeFileSync(path.join(dir, 'big-orders.csv'), `${lines.join('\n')}\n`);
  return dir;
}

test('a large file streams with progress shown, and Cancel import keeps what was stored before', async () => {
  const { zendesk, panel } = open;
  const dir = bigOrders();
  const before = await readContextDb(panel);
  assert.equal(orderEvents(before).length, 5, 'the orders imported above');
  await panel.bringToFront();
  assert.equal(await chooseFile(panel, 'big-orders.csv', dir), 'map');
  await panel.click('#orders-import');
  // Progress: the bar (role progressbar, labelled) moves and the line says how far, in rows.
  await panel.waitForFunction(() => {
    const bar = document.querySelector('#orders-progress');
    return !document.querySelector('#orders-running').hidden && bar.value > 0
      && /^\d+% of big-orders\.csv, [\d,.\s]*\d rows read/.test(document.querySelector('#orders-progress-text').textContent);
  }, null, { timeout: 60000, polling: 250 });
  const bar = panel.getByRole('progressbar', { name: 'Import progress' });
  assert.equal(await bar.count(), 1);
  assert.ok(Number(await bar.getAttribute('value')) < 100, 'still running');
  assert.match(await panel.textContent('#orders-status'), /^Importing big-orders\.csv…$/);
  assert.equal(await panel.evaluate(() => document.activeElement.id), 'orders-stop', 'focus on Cancel import');
  assert.deepEqual(await seriousA11yViolations(panel), []);

  await panel.keyboard.press('Enter');   // Cancel import, by keyboard
  await panel.waitForFunction(() => /^big-orders\.csv was /.test(document.querySelector('#orders-status').textContent),
    null, { timeout: 60000, polling: 250 });
  assert.equal(await panel.textContent('#orders-status'), 'big-orders.csv was not imported: cancelled. What was stored before is unchanged.');
  assert.equal(await panel.isHidden('#orders-running'), true);

  const after = await readContextDb(panel);
  assert.equal(after.events.length, before.events.length, 'no event of the cancelled file is stored');
  assert.ok(!after.events.some((r) => /^bulk/.test(r.event.customer?.email ?? '')));
  assert.deepEqual(after.imports.map((i) => [i.id, i.state]), before.imports.map((i) => [i.id, i.state]), 'no pending import left');
  assert.deepEqual(after.events.map((r) => r.id).sort(), before.events.map((r) => r.id).sort());

  // The engine forgot the cancelled rows too: one of them imported alone (under
  // the same file name: orders dedupe per source) is new, not "already stored".
  const [header, , second] = fs.readFileSync(path.join(dir, 'big-orders.csv'), 'utf8').split('\n', 3);
  const one = fs.mkdtempSync(path.join(dir, 'one-'));
  fs.writeFileSync(path.join(one, 'big-orders.csv'), `${header}\n${second}\n`);
  assert.match(await importFile(panel, 'big-orders.csv', {}, one), /^big-orders\.csv: 1 row read, 1 new, 0 already stored\.$/);
  await zendesk.bringToFront();
  assert.match(await panel.evaluate(() => document.querySelector('#timeline').shadowRoot.textContent), /Lifetime value \D*123[.,]00\D* over 4 orders/);
  fs.rmSync(dir, { recursive: true, force: true });
});

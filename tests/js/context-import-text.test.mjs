// importContextText (shared/context/import.js), the path the extension's
// context.importText takes: the mapping guessed from the headers, the rows
// handed to the service in batches (one for a small file), and a bad file
// refused naming its line and field before the service sees any of it. A fake service stands in for
// the engine and IndexedDB (tested in Chromium: tests/e2e/context-import.test.mjs).
import test from 'node:test';
import assert from 'node:assert/strict';
import { importContextText, previewContextText } from '../../shared/context/import.js';
import { contextMethods } from '../../shared/context/methods.js';

// Records each batch the importer hands over (service.startImport's run.add).
function fakeService() {
  const calls = [];
  return {
    calls,
    async startImport(importId, options) {
      return {
        add(events) { calls.push({ events, options }); return { added: events.length, duplicates: 0, ids: [], customers: [], written: Promise.resolve() }; },
        async commit() {},
        async abort() { calls.push('swept'); },
      };
    },
  };
}

const HEADER = 'Order No,Order Date,Customer Email,Total,Currency,Product\n';

test('an orders CSV: mapping guessed, every row one purchase of its customer', async () => {
  const service = fakeService();
  const r = await importContextText(service, `${HEADER}5001,2026-11-20T10:00:00Z,maria@example.com,59.90,EUR,Trail shoes\n`
    + '5002,2026-11-28T15:30:00Z,li@example.com,20,EUR,"Socks, wool"\n', { name: 'orders.csv' });
  assert.equal(r.rows, 2);
  assert.equal(r.added, 2);
  assert.equal(r.mapping.amount, 'Total');
  assert.deepEqual(r.columns.find((c) => c.field === 'at'), { field: 'at', label: 'Date', column: 'Order Date' });
  assert.equal(service.calls.length, 1, 'one batch for a small file');
  const [first, second] = service.calls[0].events;
  assert.deepEqual({ type: first.type, order: first.order, amount: first.amount, currency: first.currency, item: first.item,
    email: first.customer.email, source: first.source },
  { type: 'purchase', order: '5001', amount: 59.9, currency: 'EUR', item: 'Trail shoes', email: 'maria@example.com', source: 'orders.csv' });
  assert.equal(second.item, 'Socks, wool');
});

test('a bad amount, a short row or no date column: refused naming line and field, nothing handed over', async () => {
  const cases = [
    [`${HEADER}5001,2026-11-20,a@example.com,5,EUR,x\n5002,2026-11-21,a@example.com,twelve,EUR,y\n`, /^line 3, record 2, field 'amount': /],
    [`${HEADER}5001,2026-11-20,a@example.com,5,EUR,x\n5002,2026-11-21,a@example.com,EUR,y\n`, /^line 3: expected 6 fields/],
    ['Order No,Customer Email,Total\n1,a@example.com,5\n', /^field 'at': Date/],
    ['', /the file is empty/],
  ];
  for (const [text, message] of cases) {
    const service = fakeService();
    await assert.rejects(importContextText(service, text, { name: 'bad.csv' }), (error) => {
      assert.equal(error.code, 'RAPPORT_E_IMPORT');
      assert.match(error.message, message);
      return true;
    });
    assert.equal(service.calls.filter((c) => c !== 'swept').length, 0, `nothing handed over for ${JSON.stringify(text.slice(-30))}`);
  }
});

test('context.importText is in the shared bridge method table', async () => {
  const service = fakeService();
  const methods = contextMethods(() => service);
  const r = await methods['context.importText'](`${HEADER}1,2026-11-20,a@example.com,5,EUR,x\n`, { name: 'o.csv' });
  assert.equal(r.added, 1);
});

// The side panel's mapping step: headers the guesser cannot read are mapped
// by hand, and the host checks the mapping it is handed before using it.
const GERMAN = 'Bestellnummer,Datum,Kunde E-Mail,Betrag,Artikel\n7001,2026-11-20T10:00:00Z,a@example.com,12.5,<b>Mütze</b>\n';

test('previewContextText: columns, rows as text, the guess and the fields to map', async () => {
  const p = await previewContextText(GERMAN, { name: 'de.csv' });
  assert.deepEqual(p.columns, ['Bestellnummer', 'Datum', 'Kunde E-Mail', 'Betrag', 'Artikel']);
  assert.deepEqual(p.rows, [['7001', '2026-11-20T10:00:00Z', 'a@example.com', '12.5', '<b>Mütze</b>']]);
  assert.equal(p.mapping.at, undefined, 'nothing guessed for Datum');
  assert.deepEqual(p.fields.find((f) => f.id === 'at'), { id: 'at', label: 'Date', required: true });
  assert.equal(p.error, null);
  const short = await previewContextText(`${HEADER}1,2026-11-20,a@example.com\n`, { name: 's.csv' });
  assert.match(short.error, /^line 2: expected 6 fields/);
  const nested = await previewContextText('{"id":"9","at":"2026-11-20","customer":{"email":"b@example.com"}}\n', { name: 'o.ndjson' });
  assert.deepEqual(nested.columns, ['id', 'at', 'customer.email']);
  assert.deepEqual(nested.rows, [['9', '2026-11-20', 'b@example.com']]);
});

test('a chosen mapping imports what the guess could not; a bad one is refused before anything is handed over', async () => {
  const service = fakeService();
  const mapping = { at: 'Datum', email: 'Kunde E-Mail', amount: 'Betrag', order: 'Bestellnummer', item: 'Artikel', currency: '' };
  const r = await importContextText(service, GERMAN, { name: 'de.csv', mapping });
  assert.equal(r.added, 1);
  const [event] = service.calls[0].events;
  assert.deepEqual([event.order, event.amount, event.item, event.customer.email], ['7001', 12.5, '<b>Mütze</b>', 'a@example.com']);
  await assert.rejects(importContextText(service, GERMAN, { name: 'de.csv' }), /field 'at': Date/, 'without a mapping the guess misses the date');
  const bad = [
    [{ email: 'Kunde E-Mail' }, /field 'at': Date: choose the column/],
    [{ at: 'Datum', amount: 'Preis' }, /there is no column 'Preis'/],
    [{ at: 'Datum', amount: 'Datum' }, /already used/],
    [{ at: 'Datum', owner: 'Artikel' }, /no field 'owner'/],
    [{ at: 7 }, /named by a string/],
    ['Datum', /must be an object/],
  ];
  for (const [m, message] of bad) {
    const s = fakeService();
    await assert.rejects(importContextText(s, GERMAN, { name: 'de.csv', mapping: m }), (error) => {
      assert.equal(error.code, 'RAPPORT_E_IMPORT');
      assert.match(error.message, message);
      return true;
    });
    assert.equal(s.calls.filter((c) => c !== 'swept').length, 0);
  }
  const methods = contextMethods(() => service);
  assert.deepEqual((await methods['context.previewText'](GERMAN, { name: 'de.csv' })).columns.length, 5);
});

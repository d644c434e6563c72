// importContextText (shared/context/import.js), the path the extension's
// context.importText takes: the mapping guessed from the headers, the rows
// handed to the service in one call, and a bad file refused naming its line
// and field before the service sees any of it. A fake service stands in for
// the engine and IndexedDB (tested in Chromium: tests/e2e/context-import.test.mjs).
import test from 'node:test';
import assert from 'node:assert/strict';
import { importContextText } from '../../shared/context/import.js';
import { contextMethods } from '../../shared/context/methods.js';

function fakeService() {
  const calls = [];
  return {
    calls,
    async addImported(events, options) { calls.push({ events, options }); return { added: events.length, duplicates: 0, ids: [], customers: [] }; },
    store: { async sweepImports() { calls.push('swept'); } },
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
  assert.equal(service.calls.length, 1, 'one call for the whole file');
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

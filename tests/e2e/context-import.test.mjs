// Orders and CRM records into the customer context through shared/import, in
// real Chromium: the column mapping guessed from the headers, a spreadsheet's
// CSV (BOM, CRLF, ';', quoted delimiters), NDJSON from a CRM, a bad row that
// rejects the whole file naming its record and field, a re-import stored
// once, a cancel, and a browser closed mid-import (the pending import is
// invisible and swept on the next start).
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { startServer } from '../../scripts/static-server.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const FIXTURES = path.join(ROOT, 'tests', 'fixtures', 'context', 'import');
const read = (name) => fs.readFileSync(path.join(FIXTURES, name), 'latin1');  // bytes as-is into the page

let server, browser, page;

test.before(async () => {
  assert.ok(fs.existsSync(CHROMIUM), `no Chromium at ${CHROMIUM}`);
  // The page gets what a host would ship: shared/context bundled (PapaParse is not an ES module).
  await build({ stdin: { resolveDir: ROOT, contents: `import * as contextImport from './shared/context/import.js';
import { openContextService } from './shared/context/service.js';
window.importModules = { contextImport, openContextService };` },
  bundle: true, format: 'esm', outfile: path.join(ROOT, 'build', 'context-e2e', 'import.js'), logLevel: 'error' });
  server = await startServer(ROOT);
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--headless=new', '--no-sandbox', '--disable-gpu'] });
  page = await browser.newPage();
  await page.goto(`${server.origin}/tests/e2e/fixtures/context/import.html`);
  await page.waitForFunction(() => window.importModules, null, { timeout: 20000 });
});

test.after(async () => {
  await browser?.close();
  await server?.close();
});

// Runs `fn(modules, files)` in the page; files are Blobs made from the fixture bytes.
function inPage(fn, files = {}) {
  return page.evaluate(async ([source, raw]) => {
    const files = {};
    for (const [name, text] of Object.entries(raw)) {
      files[name] = new Blob([Uint8Array.from(text, (c) => c.charCodeAt(0))]);
    }
    return (0, eval)(`(${source})`)(window.importModules, files);
  }, [fn.toString(), files]);
}

test('an order CSV from a spreadsheet: mapping guessed, all rows in, purchases on the timeline, re-import stored once', async () => {
  const r = await inPage(async ({ contextImport, openContextService }, files) => {
    const service = await openContextService({ dbName: 'orders', now: () => Date.parse('2026-03-10T12:00:00Z') });
    const preview = await contextImport.previewContextImport(files.orders, { name: 'orders.csv' });
    const progress = [];
    const first = await contextImport.importIntoContext(service, { source: files.orders, name: 'orders.csv',
      mapping: preview.mapping, onProgress: (p) => progress.push(p.rows) });
    const again = await contextImport.importIntoContext(service, { source: files.orders, name: 'orders.csv', mapping: preview.mapping });
    const summary = await service.summary({ email: 'dana@example.com' });
    const timeline = service.timeline({ email: 'dana@example.com' }).map((e) => [e.type, e.order, e.item]);
    const imports = (await service.store.imports()).map((i) => i.state);
    service.close();
    return { mapping: preview.mapping, columns: preview.columns, first, again, summary, timeline, imports, progress };
  }, { orders: read('orders.csv') });
  assert.deepEqual(r.columns, ['Order No', 'Order Date', 'Customer Email', 'Customer Name', 'Total', 'Currency', 'Product', 'Type']);
  assert.deepEqual(r.mapping, { at: 'Order Date', type: 'Type', order: 'Order No', amount: 'Total', currency: 'Currency',
    item: 'Product', email: 'Customer Email', name: 'Customer Name' });
  assert.deepEqual([r.first.rows, r.first.added, r.first.duplicates], [4, 4, 0]);
  assert.deepEqual([r.again.added, r.again.duplicates], [0, 4]);
  assert.deepEqual(r.timeline, [['purchase', '1042', 'Running shoes'], ['purchase', '1044', 'Cap, red'], ['refund', '1044', 'Cap, red']]);
  assert.deepEqual(r.summary.lifetimeValue, [{ currency: 'EUR', amount: 59.9 }]);
  assert.equal(r.summary.orders, 2);
  assert.deepEqual(r.imports, ['committed', 'committed']);
  assert.ok(r.progress.length >= 1 && r.progress.at(-1) === 4, JSON.stringify(r.progress));
});

test('CRM records as NDJSON with a hand-made mapping', async () => {
  const r = await inPage(async ({ contextImport, openContextService }, files) => {
    const service = await openContextService({ dbName: 'crm' });
    const mapping = { at: 'updated_at', type: 'kind', text: 'notes', change: 'plan_change', userId: 'customer_id',
      email: 'email', phone: 'phone', name: 'name' };
    const result = await contextImport.importIntoContext(service, { source: files.crm, name: 'crm.ndjson', mapping });
    const sam = service.profile({ userId: 'crm-8', source: 'crm.ndjson' });
    const dana = service.timeline({ email: 'dana@example.com' });
    service.close();
    return { added: result.added, sam: [sam.name, sam.phones], dana: dana.map((e) => [e.type, e.text]) };
  }, { crm: read('crm.ndjson') });
  assert.equal(r.added, 2);
  assert.deepEqual(r.sam, ['Sam', ['+447700900123']]);
  assert.deepEqual(r.dana, [['note', 'VIP since 2024']]);
});

test('a bad row rejects the whole file, naming record and field; nothing is stored', async () => {
  const r = await inPage(async ({ contextImport, openContextService }, files) => {
    const service = await openContextService({ dbName: 'bad' });
    const preview = await contextImport.previewContextImport(files.bad, { name: 'bad.csv' });
    let error = null;
    try {
      await contextImport.importIntoContext(service, { source: files.bad, name: 'bad.csv', mapping: preview.mapping });
    } catch (e) {
      error = { name: e.name, code: e.code, line: e.line, record: e.record, field: e.field, message: e.message };
    }
    const stored = await service.store.estimate();
    const customers = service.customers().length;
    const imports = await service.store.imports();
    service.close();
    return { error, stored: stored.events, customers, imports: imports.length };
  }, { bad: read('orders-bad-email.csv') });
  assert.deepEqual(r.error, { name: 'ImportError', code: 'RAPPORT_E_IMPORT', line: 4, record: 3, field: 'email',
    message: "line 4, record 3, field 'email': customer.email 'not-an-email' is not an email address (expected name@domain)" });
  assert.deepEqual([r.stored, r.customers, r.imports], [0, 0, 0]);
});

test('cancel imports nothing; a browser closed mid-import leaves nothing visible and is swept on the next start', async () => {
  const r = await inPage(async ({ contextImport, openContextService }, files) => {
    const service = await openContextService({ dbName: 'interrupted' });
    const controller = new AbortController();
    controller.abort();
    let cancelled = null;
    try {
      await contextImport.importIntoContext(service, { source: files.orders, name: 'orders.csv', signal: controller.signal,
        mapping: { at: 'Order Date', order: 'Order No', amount: 'Total', email: 'Customer Email' } });
    } catch (e) {
      cancelled = e.code;
    }
    const afterCancel = (await service.store.estimate()).events;
    // The store's side of an import that never reached its commit (the tab closed).
    await service.store.beginImport('import-crashed', { name: 'orders.csv', rows: 1 });
    await service.store.putEvents([{ type: 'purchase', at: '2026-03-01', order: 'X', amount: 1, customer: { email: 'half@example.com' } }],
      ['e_half'], { importId: 'import-crashed' });
    service.close();
    const raw = await new Promise((resolve) => {
      const req = indexedDB.open('interrupted');
      req.onsuccess = () => {
        const tx = req.result.transaction('events');
        const all = tx.objectStore('events').getAll();
        all.onsuccess = () => { req.result.close(); resolve(all.result.length); };
      };
    });
    const restarted = await openContextService({ dbName: 'interrupted' });
    const after = { events: (await restarted.store.estimate()).events, imports: (await restarted.store.imports()).length,
      customers: restarted.customers().length };
    restarted.close();
    return { cancelled, afterCancel, raw, after };
  }, { orders: read('orders.csv') });
  assert.equal(r.cancelled, 'RAPPORT_E_CANCELLED');
  assert.equal(r.afterCancel, 0);
  assert.equal(r.raw, 1, 'the half-written event was on disk');
  assert.deepEqual(r.after, { events: 0, imports: 0, customers: 0 });
});

test('a bad row or a cancel after whole batches were stored: the earlier import and the engine stay as they were', async () => {
  const r = await inPage(async ({ contextImport, openContextService }, files) => {
    const now = () => Date.parse('2026-03-10T12:00:00Z');   // the rows stay inside the retention window
    const service = await openContextService({ dbName: 'partial', now });
    const mapping = { at: 'date', order: 'order', amount: 'total', email: 'email' };
    const before = await contextImport.importIntoContext(service, { source: files.orders, name: 'orders.csv',
      mapping: { at: 'Order Date', order: 'Order No', amount: 'Total', email: 'Customer Email' } });
    const state = async (s) => ({ events: (await s.store.estimate()).events, customers: s.customers().length,
      imports: (await s.store.imports()).map((i) => i.state).join(), dana: s.timeline({ email: 'dana@example.com' }).length });
    const was = await state(service);
    // 5,000 rows of new customers in batches of 1,000; row 4,501 has a bad email.
    const rows = (bad) => ['order,date,email,total', ...Array.from({ length: 5000 }, (_, i) =>
      `${9000 + i},2026-03-0${1 + (i % 9)},${i === bad ? 'broken' : `new${i % 300}@example.com`},${i % 40}`)].join('\n');
    const failure = await contextImport.importIntoContext(service, { source: rows(4500), name: 'big.csv', mapping, batchSize: 1000 })
      .then(() => null, (e) => ({ code: e.code, message: e.message }));
    const afterFailure = await state(service);
    const controller = new AbortController();
    let stoppedAt = 0;
    const cancel = await contextImport.importIntoContext(service, { source: rows(-1), name: 'big.csv', mapping, batchSize: 1000,
      signal: controller.signal, onProgress: (p) => { if (p.rows >= 2000 && !controller.signal.aborted) { stoppedAt = p.rows; controller.abort(); } } })
      .then(() => null, (e) => e.code);
    const afterCancel = await state(service);
    const knowsNew = service.customers().length !== was.customers;
    service.close();
    const reopened = await openContextService({ dbName: 'partial', now });
    const afterRestart = await state(reopened);
    reopened.close();
    return { before: before.added, was, failure, afterFailure, cancel, stoppedAt, afterCancel, knowsNew, afterRestart };
  }, { orders: read('orders.csv') });
  assert.equal(r.before, 3, 'order 1044 twice (no type column mapped): one event');
  assert.deepEqual(r.was, { events: 3, customers: 2, imports: 'committed', dana: 2 });
  assert.deepEqual(r.failure, { code: 'RAPPORT_E_IMPORT',
    message: "line 4502, record 4501, field 'email': customer.email 'broken' is not an email address (expected name@domain)" });
  assert.deepEqual(r.afterFailure, r.was, 'four batches went in before the bad row: none of them is kept');
  assert.equal(r.cancel, 'RAPPORT_E_CANCELLED');
  assert.ok(r.stoppedAt >= 2000 && r.stoppedAt < 5000, `cancelled mid-file (at ${r.stoppedAt} rows)`);
  assert.deepEqual(r.afterCancel, r.was);
  assert.equal(r.knowsNew, false);
  assert.deepEqual(r.afterRestart, r.was);
});

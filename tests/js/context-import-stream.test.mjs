// importSessions (shared/context/import-stream.js), the chunked import the
// extension's side panel drives over the bridge (context.importStart /
// importChunk / importFinish / importCancel): the same rows as the whole
// text, progress per chunk, a bad row in a later batch named by its line,
// record and field, cancel and a silent sender ending the import, and a bad
// mapping refused before the service is asked. A fake service stands in for
// the engine and IndexedDB (the real ones: tests/e2e/context-import.test.mjs,
// the panel: tests/e2e/extension/context-orders.test.mjs).
import test from 'node:test';
import assert from 'node:assert/strict';
import { importSessions } from '../../shared/context/import-stream.js';
import { contextMethods } from '../../shared/context/methods.js';

// Records batches, commits and aborts; an event whose order is `failOn`
// is refused as the engine refuses a bad event (details: index in its batch).
function fakeService({ failOn } = {}) {
  const log = { batches: [], committed: 0, aborted: 0, started: 0 };
  return {
    log,
    async startImport() {
      log.started++;
      return {
        add(events) {
          const bad = events.findIndex((e) => e.order === failOn);
          if (bad >= 0) {
            const error = new Error(`event ${bad}, field 'customer.email': customer.email 'x' is not an email address`);
            error.details = [{ event: bad, field: 'customer.email', message: error.message }];
            throw error;
          }
          log.batches.push(events);
          return { added: events.length, duplicates: 0, ids: [], customers: [], written: Promise.resolve() };
        },
        async commit() { log.committed++; },
        async abort() { log.aborted++; },
      };
    },
  };
}

const HEADER = 'Order No,Order Date,Customer Email,Total,Currency,Product\n';
function orders(n, { bad } = {}) {
  let text = HEADER;
  for (let i = 0; i < n; i++) {
    const email = i === bad ? 'x' : `c${i % 7}@example.com`;
    text += `${1000 + i},2026-11-${String(1 + (i % 28)).padStart(2, '0')}T10:00:00Z,${email},${(i % 50) + 0.5},EUR,"Item, ${i}"\n`;
  }
  return text;
}
// Text cut every `size` characters, mid-row and mid-quote included.
const pieces = (text, size) => Array.from({ length: Math.ceil(text.length / size) }, (_, i) => text.slice(i * size, (i + 1) * size));
const bytes = (text) => new TextEncoder().encode(text).byteLength;

test('a file in chunks: every row once, progress after each chunk, the mapping guessed from the first one', async () => {
  const service = fakeService();
  const sessions = importSessions(async () => service);
  const text = orders(5000);
  const [first, ...rest] = pieces(text, 40_000);
  const started = await sessions.start(first, { name: 'orders.csv', size: bytes(text) });
  assert.equal(started.mapping.email, 'Customer Email');
  const progress = [];
  for (const piece of rest) progress.push(await sessions.chunk(started.importId, piece));
  const r = await sessions.finish(started.importId);
  assert.deepEqual([r.rows, r.added, r.duplicates], [5000, 5000, 0]);
  assert.deepEqual(r.columns.find((c) => c.field === 'at'), { field: 'at', label: 'Date', column: 'Order Date' });
  const events = service.log.batches.flat();
  assert.equal(events.length, 5000);
  assert.deepEqual(events.map((e) => e.order), Array.from({ length: 5000 }, (_, i) => String(1000 + i)), 'each row once, in order');
  assert.equal(events[4321].item, 'Item, 4321');
  assert.ok(service.log.batches.length > 1, 'handed over in batches');
  assert.equal(service.log.committed, 1);
  assert.equal(progress.length, rest.length);
  for (const p of progress) assert.equal(p.totalBytes, bytes(text));
  assert.ok(progress.at(-1).rows > 0 && progress.at(-1).share > 0.5, JSON.stringify(progress.at(-1)));
  assert.equal(sessions.running, 0);
  await assert.rejects(sessions.chunk(started.importId, 'more'), /no import .* is running/);
});

test('a bad row in a later batch: the import stops naming line, record and field, and is aborted', async () => {
  const service = fakeService({ failOn: '3100' });
  const sessions = importSessions(async () => service);
  const text = orders(4000, { bad: 2100 });
  const [first, ...rest] = pieces(text, 30_000);
  const { importId } = await sessions.start(first, { name: 'orders.csv', size: bytes(text) });
  let error = null;
  try {
    for (const piece of rest) await sessions.chunk(importId, piece);
    await sessions.finish(importId);
  } catch (e) {
    error = e;
  }
  assert.ok(error, 'the import failed');
  assert.equal(error.code, 'RAPPORT_E_IMPORT');
  assert.equal(error.message, "line 2102, record 2101, field 'email': customer.email 'x' is not an email address");
  assert.deepEqual([service.log.committed, service.log.aborted], [0, 1]);
  assert.equal(sessions.running, 0);
});

test('cancel mid-file: aborted, nothing committed, later chunks refused', async () => {
  const service = fakeService();
  const sessions = importSessions(async () => service);
  const text = orders(6000);
  const [first, second, ...rest] = pieces(text, 50_000);
  const { importId } = await sessions.start(first, { name: 'orders.csv', size: bytes(text) });
  await sessions.chunk(importId, second);
  assert.deepEqual(await sessions.cancel(importId), { cancelled: true });
  assert.deepEqual([service.log.committed, service.log.aborted], [0, 1]);
  await assert.rejects(sessions.chunk(importId, rest[0]), /no import .* is running/);
  assert.deepEqual(await sessions.cancel(importId), { cancelled: false }, 'a second cancel has nothing to stop');
});

test('a sender that goes silent: the import is cancelled after idleMs', async () => {
  const service = fakeService();
  const sessions = importSessions(async () => service, { idleMs: 50 });
  const text = orders(3000);
  // A first chunk past the importer's 64 KB look ahead: the import has begun when the sender stops.
  const { importId } = await sessions.start(pieces(text, 100_000)[0], { name: 'orders.csv', size: bytes(text) });
  await new Promise((resolve) => setTimeout(resolve, 300));
  assert.deepEqual([service.log.started, service.log.committed, service.log.aborted, sessions.running], [1, 0, 1, 0]);
  await assert.rejects(sessions.finish(importId), /no import .* is running/);
});

test('a bad mapping or an empty file is refused before the service is asked; the bridge table has the methods', async () => {
  const service = fakeService();
  const sessions = importSessions(async () => service);
  await assert.rejects(sessions.start(orders(3), { name: 'o.csv', mapping: { at: 'Datum' } }), /there is no column 'Datum'/);
  await assert.rejects(sessions.start('', { name: 'o.csv' }), /the file is empty/);
  await assert.rejects(sessions.start('Order No,Customer Email\n1,a@example.com\n', { name: 'o.csv' }), /field 'at': Date/);
  assert.equal(service.log.started, 0);

  const methods = contextMethods(() => service);
  const { importId } = await methods['context.importStart'](orders(2), { name: 'o.csv' });
  const r = await methods['context.importFinish'](importId);
  assert.deepEqual([r.rows, r.added], [2, 2]);
});

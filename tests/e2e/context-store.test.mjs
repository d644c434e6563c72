// shared/context/store.js and service.js in real Chromium: the schema
// migrated from each earlier version, batched writes, retention on start and
// on demand, capture with dedupe, forgetting a customer (checked by reading
// IndexedDB directly, not through the store), delete all, export, estimate.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from '../../scripts/static-server.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

let server, browser, page;

test.before(async () => {
  assert.ok(fs.existsSync(CHROMIUM), `no Chromium at ${CHROMIUM}`);
  server = await startServer(ROOT);
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true,
    args: ['--headless=new', '--no-sandbox', '--disable-gpu'] });
  page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${server.origin}/tests/e2e/fixtures/context/store.html`);
  await page.waitForFunction(() => window.contextModules, null, { timeout: 20000 }).catch(() => {
    throw new Error(`test page did not load its modules: ${errors.join('; ')}`);
  });
});

test.after(async () => {
  await browser?.close();
  await server?.close();
});

// Every record of every object store, read with the plain IndexedDB API.
const RAW_DUMP = async (dbName) => {
  const db = await new Promise((resolve, reject) => {
    const req = indexedDB.open(dbName);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  const out = { version: db.version, stores: {} };
  for (const name of db.objectStoreNames) {
    out.stores[name] = await new Promise((resolve, reject) => {
      const req = db.transaction(name).objectStore(name).getAll();
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
  }
  db.close();
  return out;
};

for (const from of [1, 2]) {
  test(`version ${from} data is migrated to the current version: every event kept, at filled, new stores added`, async () => {
    const result = await page.evaluate(async ([dump, from]) => {
      const { openContextStore, VERSION } = window.contextModules.store;
      const dbName = `migrate-${from}`;
      const old = await openContextStore({ dbName, version: from });
      if (old.version !== from) throw new Error(`opened version ${old.version}`);
      // Version 1 stored events without `at`; version 2 with it.
      const at = (iso) => (from >= 2 ? { at: Date.parse(iso) } : {});
      await old.db.put('events', { id: 'e_1', seq: 0, ...at('2026-03-01T10:00:00Z'), event: { type: 'note', at: '2026-03-01T10:00:00Z', customer: { email: 'a@example.com' }, text: 'x' } });
      await old.db.put('events', { id: 'e_2', seq: 1, ...at('2026-03-02T10:00:00Z'), event: { type: 'note', at: '2026-03-02T10:00:00Z', customer: { email: 'a@example.com' }, text: 'y' } });
      await old.db.put('decisions', [{ kind: 'unmerge', a: 'c_1', b: 'c_2' }], 'all');
      old.close();
      const current = await openContextStore({ dbName, now: () => Date.parse('2026-03-10T00:00:00Z') });
      const loaded = await current.load();
      current.close();
      const raw = await (0, eval)(`(${dump})`)(dbName);
      return { version: raw.version, latest: VERSION, stores: Object.keys(raw.stores).sort(), ats: raw.stores.events.map((r) => r.at),
        loaded: loaded.events.length, decisions: loaded.decisions };
    }, [RAW_DUMP.toString(), from]);
    assert.equal(result.version, result.latest);
    assert.equal(result.latest, 3);
    assert.deepEqual(result.stores, ['decisions', 'events', 'imports', 'summaries']);
    assert.deepEqual(result.ats, [Date.parse('2026-03-01T10:00:00Z'), Date.parse('2026-03-02T10:00:00Z')]);
    assert.equal(result.loaded, 2);
    assert.deepEqual(result.decisions, [{ kind: 'unmerge', a: 'c_1', b: 'c_2' }]);
  });
}

test('batched writes skip known ids; retention drops old events on start and on demand', async () => {
  const result = await page.evaluate(async () => {
    const { openContextStore } = window.contextModules.store;
    let clock = Date.parse('2026-03-10T00:00:00Z');
    const store = await openContextStore({ dbName: 'retention', retentionDays: 30, now: () => clock });
    const events = [];
    for (let i = 0; i < 1200; i++) {
      events.push({ type: 'note', at: new Date(clock - i * 3600e3).toISOString(), customer: { email: `c${i % 7}@example.com` }, text: `n${i}` });
    }
    const first = await store.putEvents(events, events.map((_, i) => `e_${i}`));
    const again = await store.putEvents(events.slice(0, 600), events.slice(0, 600).map((_, i) => `e_${i}`));
    await store.cacheSummary('c_x', { contacts: 1 });
    const counted = (await store.estimate()).events;
    clock += 5 * 86400e3;  // five days later: events older than 30 days go
    const gone = await store.applyRetention();
    const after = await store.estimate();
    const order = (await store.load()).ids.slice(0, 3);
    store.close();
    // On start: a store opened with a shorter window drops at once.
    const reopened = await openContextStore({ dbName: 'retention', retentionDays: 10, now: () => clock });
    const onStart = (await reopened.estimate()).events;
    reopened.close();
    return { first, again, counted, gone: gone.length, after, order, onStart };
  });
  assert.equal(result.first, 1200);
  assert.equal(result.again, 0);
  assert.equal(result.counted, 1200);
  // 1200 hourly events span 50 days; a 30-day window seen 5 days later keeps 25 days = 600 hours (+ the boundary hour).
  assert.equal(result.gone, 1200 - 601);
  assert.equal(result.after.events, 601);
  assert.equal(result.after.summaries, 0, 'summaries over deleted events are dropped');
  assert.deepEqual(result.order, ['e_0', 'e_1', 'e_2'], 'arrival order kept');
  assert.equal(result.onStart, 10 * 24 - 5 * 24 + 1);
});

test('capture, dedupe, summary, restart, forget (every trace), export, estimate, delete all', async () => {
  const result = await page.evaluate(async (dump) => {
    const { openContextService } = window.contextModules.service;
    const { contextMethods } = window.contextModules;
    const rawDump = (0, eval)(`(${dump})`);
    const now = () => Date.parse('2026-03-10T12:00:00Z');
    let service = await openContextService({ dbName: 'svc', now });
    const methods = contextMethods(() => service);
    const zendesk = { adapter: 'zendesk', conversationId: '881', customer: { name: 'Dana Smith', email: 'Dana@Example.com' },
      messages: [
        { id: 'c1', role: 'customer', time: '2026-03-02T09:00:00Z', text: 'Where is my refund?', assessment: { label: 'negative', score: -0.5, priority: 0.6, emotion: 'frustrated' } },
        { id: 'c2', role: 'agent', time: '2026-03-02T09:10:00Z', text: 'Checking now.' },
      ] };
    const freshdesk = { adapter: 'freshdesk', conversationId: 'F9', customer: { name: 'Dana', email: 'dana@example.com' },
      messages: [{ id: 'f1', role: 'customer', time: '2026-03-09T08:00:00Z', text: 'Still waiting for my refund', assessment: { score: -0.7 } }] };
    const other = { adapter: 'zendesk', conversationId: '900', customer: { name: 'Lee', email: 'lee@example.org' },
      messages: [{ id: 'l1', role: 'customer', time: '2026-03-08T08:00:00Z', text: 'Hello' }] };
    const a = await methods['context.capture'](zendesk);
    const again = await methods['context.capture'](zendesk);  // the same page seen twice
    const b = await methods['context.capture'](freshdesk);
    await methods['context.capture'](other);
    const summary = await methods['context.summary'](a.customer);
    const timeline = await methods['context.timeline']({ email: 'dana@example.com' });
    // Restart: a new service over the same database sees the same.
    service.close();
    service = await openContextService({ dbName: 'svc', now });
    const afterRestart = service.timeline({ email: 'dana@example.com' }).length;
    const exported = await service.exportAll();
    const estimate = await service.estimate();
    const forgotten = await methods['context.forget']({ email: 'dana@example.com' });
    const raw = JSON.stringify(await rawDump('svc'));
    const customersLeft = service.customers().map((c) => c.emails[0]);
    await methods['context.deleteAll']();
    const empty = await rawDump('svc');
    service.close();
    return { a, again, b, summary, timeline: timeline.map((e) => [e.source, e.text]), afterRestart,
      exported: { format: exported.format, events: exported.events.length, schemaVersion: exported.schemaVersion },
      estimate, forgotten, rawHasDana: /dana|Dana|881|F9/.test(raw), rawHasLee: /lee@example\.org/.test(raw), customersLeft,
      emptyCounts: Object.fromEntries(Object.entries(empty.stores).map(([k, v]) => [k, v.length])) };
  }, RAW_DUMP.toString());
  assert.deepEqual([result.a.added, result.again.added, result.again.duplicates], [2, 0, 2]);
  assert.equal(result.b.customer, result.a.customer, 'two helpdesks, one email: one customer');
  assert.deepEqual(result.timeline, [['zendesk', 'Where is my refund?'], ['zendesk', 'Checking now.'], ['freshdesk', 'Still waiting for my refund']]);
  assert.equal(result.summary.contacts.last30, 2);
  assert.equal(result.summary.repeatContact.topic, 'refund');
  assert.equal(result.summary.openingLine, 'Hi Dana, I see you were also in touch last week about your refund.');
  assert.equal(result.afterRestart, 3);
  assert.deepEqual(result.exported, { format: 'rapport-context', events: 4, schemaVersion: 3 });
  assert.equal(result.estimate.events, 4);
  assert.equal(result.estimate.summaries, 1);
  assert.equal(result.forgotten.events.length, 3);
  assert.equal(result.rawHasDana, false, 'no trace of the forgotten customer in any object store');
  assert.equal(result.rawHasLee, true, 'the other customer is kept');
  assert.deepEqual(result.customersLeft, ['lee@example.org']);
  assert.deepEqual(result.emptyCounts, { decisions: 0, events: 0, imports: 0, summaries: 0 });
});

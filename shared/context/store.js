// The customer context's own IndexedDB (through idb): the events as they were
// given (the engine re-reads them on start), the merge decisions, and a cache
// of the last summary per customer for a quick first paint. The extension keeps
// one in its own origin (engine host and side panel share it); the dashboard
// keeps its own.
//
// Schema versions (each migration is tested from every earlier version by
// tests/e2e/context-store.test.mjs):
//   1  events {id, seq, event}, decisions {key: 'all' -> list}
//   2  events gain `at` (ms) and an `byAt` index, so retention deletes by range
//      instead of reading every event; `summaries` cache {customer, summary}
//   3  `imports` {id, state 'pending'|'committed', name, rows, startedAt}; an
//      imported event carries its `import` id (index `byImport`). An import
//      writes its events pending and commitImport() switches it in one
//      transaction; events of a pending import are invisible to load() and
//      swept on open, so a browser closed mid-import leaves nothing half-done
import { openDB, unwrap } from 'idb';

export const DB_NAME = 'rapport-context';
export const VERSION = 3;
const DAY_MS = 86_400_000;
const BATCH = 2000;  // events per write transaction: large imports stay responsive

const MIGRATIONS = {
  1(db) {
    db.createObjectStore('events', { keyPath: 'id' }).createIndex('bySeq', 'seq');
    db.createObjectStore('decisions');
  },
  async 2(db, tx) {
    const events = tx.objectStore('events');
    events.createIndex('byAt', 'at');
    db.createObjectStore('summaries', { keyPath: 'customer' });
    // Fill `at` in the events version 1 stored without it.
    let cursor = await events.openCursor();
    while (cursor) {
      const record = cursor.value;
      if (record.at === undefined) await cursor.update({ ...record, at: timeOf(record.event) });
      cursor = await cursor.continue();
    }
  },
  3(db, tx) {
    tx.objectStore('events').createIndex('byImport', 'import');
    db.createObjectStore('imports', { keyPath: 'id' });
  },
};

function timeOf(event) {
  const t = Date.parse(event?.at);
  return Number.isFinite(t) ? t : 0;
}

// { dbName, retentionDays (default 90; 0 keeps everything), now () => ms,
//   version (tests open earlier versions) }
export async function openContextStore({ dbName = DB_NAME, retentionDays = 90, now = () => Date.now(),
  version = VERSION } = {}) {
  const db = await openDB(dbName, version, {
    async upgrade(database, oldVersion, newVersion, tx) {
      for (let v = oldVersion + 1; v <= newVersion; v++) await MIGRATIONS[v](database, tx);
    },
    blocking() { db.close(); },  // a newer version elsewhere wants to upgrade: let it
  });
  const store = createStore(db, { retentionDays, now });
  if (version >= 3) await store.sweepImports();
  if (version >= 2) await store.applyRetention();
  return store;
}

function createStore(db, { retentionDays, now }) {
  let seq = null;  // the next arrival number, read once before the first write
  async function initSeq() {
    if (seq !== null) return;
    const last = await db.transaction('events').store.index('bySeq').openCursor(null, 'prev');
    seq = last ? last.value.seq + 1 : 0;
  }

  return {
    db,
    version: db.version,
    // Events as given to ctx.addEvents, each with the id the engine gave it
    // (ids[i] for events[i]); duplicates are skipped. Written in
    // transactions of BATCH events; returns how many were new. With
    // `importId` (from beginImport) they stay invisible until commitImport,
    // and are written with relaxed durability (the commit is the strict
    // one: an import lost in a power cut was never switched on). `fresh`:
    // the caller knows none of them is stored yet (the engine found no
    // duplicate in the batch), so they are put without a read each, which
    // was half of a large import's time.
    async putEvents(events, ids, { importId, fresh = false } = {}) {
      if (events.length !== ids.length) throw new Error('putEvents(events, ids): one id per event');
      await initSeq();
      let added = 0;
      const options = importId ? { durability: 'relaxed' } : undefined;
      for (let start = 0; start < events.length; start += BATCH) {
        const end = Math.min(start + BATCH, events.length);
        const tx = db.transaction('events', 'readwrite', options);
        // Plain requests (idb's unwrap): one promise for the transaction, not one per event.
        const raw = unwrap(tx.store);
        const record = (i) => {
          added++;
          const r = { id: ids[i], seq: seq++, at: timeOf(events[i]), event: events[i] };
          if (importId) r.import = importId;
          raw.put(r);
        };
        try {
          if (fresh) {
            for (let i = start; i < end; i++) record(i);
          } else {
            // Requests run in order, so a read sees the puts before it; `seen`
            // catches an id twice in one transaction before its put ran.
            const seen = new Set();
            for (let i = start; i < end; i++) {
              const id = ids[i];
              if (seen.has(id)) continue;
              seen.add(id);
              raw.getKey(id).onsuccess = (e) => { if (e.target.result === undefined) record(i); };
            }
          }
        } catch (error) {
          tx.abort();  // nothing of a batch that could not be written
          throw error;
        }
        await tx.done;
      }
      return added;
    },
    async putDecisions(decisions) {
      await db.put('decisions', decisions, 'all');
    },
    async beginImport(id, { name = '', rows = 0 } = {}) {
      await db.put('imports', { id, state: 'pending', name, rows, startedAt: new Date(now()).toISOString() });
    },
    // The switch: one transaction, so the import is all there or not at all.
    async commitImport(id, { rows } = {}) {
      const tx = db.transaction('imports', 'readwrite', { durability: 'strict' });
      const record = await tx.store.get(id);
      if (!record) throw new Error(`no import '${id}' to commit`);
      await tx.store.put({ ...record, state: 'committed', rows: rows ?? record.rows });
      await tx.done;
    },
    // Deletes the events of every pending import (an abort, or a browser
    // closed mid-import) and their records; returns the import ids swept.
    async sweepImports() {
      const pending = (await db.getAll('imports')).filter((i) => i.state === 'pending').map((i) => i.id);
      for (const id of pending) {
        const tx = db.transaction(['events', 'imports'], 'readwrite');
        // The keys first, then plain deletes without a wait each: a cancelled
        // 100,000-row import is gone in a moment instead of a cursor step per event.
        const events = unwrap(tx.objectStore('events'));
        for (const key of await tx.objectStore('events').index('byImport').getAllKeys(IDBKeyRange.only(id))) events.delete(key);
        await tx.objectStore('imports').delete(id);
        await tx.done;
      }
      return pending;
    },
    async imports() {
      return db.getAll('imports');
    },
    // Everything the engine needs to start: events in arrival order (those
    // of pending imports left out).
    async load() {
      const pending = db.objectStoreNames.contains('imports')
        ? new Set((await db.getAll('imports')).filter((i) => i.state === 'pending').map((i) => i.id)) : new Set();
      const records = (await db.getAllFromIndex('events', 'bySeq')).filter((r) => !r.import || !pending.has(r.import));
      return { events: records.map((r) => r.event), ids: records.map((r) => r.id),
        decisions: (await db.get('decisions', 'all')) ?? [] };
    },
    async cacheSummary(customer, summary) {
      await db.put('summaries', { customer, summary });
    },
    async cachedSummary(customer) {
      return (await db.get('summaries', customer))?.summary ?? null;
    },
    // Deletes events older than the retention window; returns their ids.
    async applyRetention(at = now()) {
      if (!retentionDays) return [];
      const tx = db.transaction(['events', 'summaries'], 'readwrite');
      const range = IDBKeyRange.upperBound(at - retentionDays * DAY_MS, true);
      const gone = [];
      let cursor = await tx.objectStore('events').index('byAt').openCursor(range);
      while (cursor) {
        gone.push(cursor.value.id);
        await cursor.delete();
        cursor = await cursor.continue();
      }
      // Summaries were computed over what is gone: drop them all.
      if (gone.length) await tx.objectStore('summaries').clear();
      await tx.done;
      return gone;
    },
    // Every trace of one customer, as ctx.forget() reported it ({ customers,
    // events }), plus the decisions as the engine now holds them.
    async deleteCustomer({ customers, events }, decisions) {
      const tx = db.transaction(['events', 'summaries', 'decisions'], 'readwrite');
      await Promise.all([
        ...events.map((id) => tx.objectStore('events').delete(id)),
        ...customers.map((id) => tx.objectStore('summaries').delete(id)),
        tx.objectStore('decisions').put(decisions, 'all'),
        tx.done,
      ]);
    },
    async deleteAll() {
      const tx = db.transaction(['events', 'summaries', 'decisions', 'imports'], 'readwrite');
      await Promise.all([tx.objectStore('events').clear(), tx.objectStore('summaries').clear(),
        tx.objectStore('decisions').clear(), tx.objectStore('imports').clear(), tx.done]);
      seq = 0;
    },
    async exportAll() {
      const { events, decisions } = await this.load();
      return { format: 'rapport-context', schemaVersion: db.version, exportedAt: new Date(now()).toISOString(),
        retentionDays, events, decisions };
    },
    // What is stored: counts, and the origin's usage where the browser says.
    async estimate() {
      const [events, summaries] = await Promise.all([db.count('events'), db.count('summaries')]);
      const decisions = ((await db.get('decisions', 'all')) ?? []).length;
      const usage = globalThis.navigator?.storage?.estimate ? await navigator.storage.estimate() : null;
      return { events, decisions, summaries, usageBytes: usage?.usage ?? null, quotaBytes: usage?.quota ?? null };
    },
    close() { db.close(); },
  };
}

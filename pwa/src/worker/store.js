// The dashboard's own IndexedDB (through idb): imported messages with their
// scores, grouped in datasets. An import writes a new dataset marked
// 'pending' in as many transactions as it needs; only commit() makes it
// visible, in one transaction that also switches the list of active datasets.
// So a failed, cancelled or killed import (tab closed, browser killed)
// leaves the previous data exactly as it was; its rows are swept on the next
// start (sweep()).
import { openDB, unwrap } from 'idb';

const DB_NAME = 'rapport-dashboard';
const VERSION = 1;

export async function openStore(name = DB_NAME) {
  const db = await openDB(name, VERSION, {
    upgrade(db) {
      db.createObjectStore('datasets', { keyPath: 'id' });
      const messages = db.createObjectStore('messages', { keyPath: ['dataset', 'seq'] });
      messages.createIndex('byConversation', ['dataset', 'conversation', 'seq']);
      messages.createIndex('byCustomer', ['dataset', 'customer', 'seq']);
      db.createObjectStore('meta');
    },
  });
  return createStore(db);
}

const datasetRange = (id) => IDBKeyRange.bound([id], [id, []]);
const lockName = (id) => `rapport-dashboard-import:${id}`;

// Holds the import's lock until release() is called (or the worker dies).
function holdLock(id) {
  if (!globalThis.navigator?.locks) return () => {};
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  navigator.locks.request(lockName(id), () => held);
  return release;
}

// A raw transaction's outcome as a promise. Its rejection is also observed
// at once (the caller awaits it later), so a failure waiting for the next
// write is not reported as unhandled.
function done(tx) {
  const outcome = new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new DOMException('the import transaction was aborted', 'AbortError'));
  });
  outcome.catch(() => {});
  return outcome;
}

function createStore(db) {
  // The import's bulk puts go through the plain IDB API: idb's wrapper makes
  // a promise per request, and an import puts hundreds of thousands.
  const raw = unwrap(db);
  return {
    db,
    async active() {
      const ids = (await db.get('meta', 'active')) ?? [];
      const sets = await Promise.all(ids.map((id) => db.get('datasets', id)));
      return sets.filter(Boolean);
    },
    async getMeta(key) { return db.get('meta', key); },
    async setMeta(key, value) { await db.put('meta', value, key); },

    // The sink the import pipeline writes through (shared/import/README.md).
    sink({ name, format, replace = true }) {
      let id = null;
      let seq = 0;
      let release = () => {};
      let inFlight = null;
      const settle = async () => {
        const last = inFlight;
        inFlight = null;
        await last;
      };
      return {
        async begin(importId) {
          id = importId;
          release = holdLock(id);
          await db.put('datasets', { id, name, format, state: 'pending', rows: 0, createdAt: new Date().toISOString() });
        },
        // Puts the rows (given to the store: each gets its dataset and seq)
        // and returns once the previous batch's transaction is done, not this
        // one's: IndexedDB commits a batch while the pipeline scores the next
        // (at most one in flight, so memory stays bounded). A failed
        // transaction surfaces at the next write or at commit, which then
        // aborts the whole import as before.
        async write(rows) {
          await settle();
          const tx = raw.transaction('messages', 'readwrite', { durability: 'relaxed' });
          inFlight = done(tx);
          try {
            const messages = tx.objectStore('messages');
            for (const row of rows) {
              row.dataset = id;
              row.seq = seq++;
              messages.put(row);
            }
          } catch (error) {
            tx.abort();  // e.g. a value that cannot be stored: none of this batch is kept
            throw error;
          }
        },
        async commit() {
          await settle();
          const tx = db.transaction(['datasets', 'meta'], 'readwrite');
          const set = await tx.objectStore('datasets').get(id);
          await tx.objectStore('datasets').put({ ...set, state: 'committed', rows: seq, committedAt: new Date().toISOString() });
          const active = replace ? [] : ((await tx.objectStore('meta').get('active')) ?? []);
          await tx.objectStore('meta').put([...active, id], 'active');
          await tx.done;
          release();
        },
        async abort() {
          await settle().catch(() => {});
          if (id !== null) await removeDataset(db, id).catch(() => {});
          release();
        },
      };
    },

    // Deletes every dataset that is not active (old data after a replace,
    // or the remains of an import that never committed).
    async sweep() {
      const active = new Set((await db.get('meta', 'active')) ?? []);
      const held = new Set(((await globalThis.navigator?.locks?.query())?.held ?? []).map((l) => l.name));
      for (const id of await db.getAllKeys('datasets')) {
        if (!active.has(id) && !held.has(lockName(id))) await removeDataset(db, id);
      }
    },

    async removeActive(id) {
      const active = ((await db.get('meta', 'active')) ?? []).filter((x) => x !== id);
      await db.put('meta', active, 'active');
      await removeDataset(db, id);
    },

    // Every message of a dataset in order, a page at a time.
    async *messages(id, pageSize = 5000) {
      let from = 0;
      for (;;) {
        const page = await db.getAll('messages', IDBKeyRange.bound([id, from], [id, Infinity]), pageSize);
        if (page.length === 0) return;
        yield page;
        from = page[page.length - 1].seq + 1;
      }
    },
    async message(dataset, seq) { return db.get('messages', [dataset, seq]); },
    async conversation(dataset, conversation) {
      return db.getAllFromIndex('messages', 'byConversation',
        IDBKeyRange.bound([dataset, conversation], [dataset, conversation, Infinity]));
    },
    async customerMessages(dataset, customer) {
      return db.getAllFromIndex('messages', 'byCustomer', IDBKeyRange.bound([dataset, customer], [dataset, customer, Infinity]));
    },
    close() { db.close(); },
  };
}

async function removeDataset(db, id) {
  const tx = db.transaction(['messages', 'datasets'], 'readwrite');
  await tx.objectStore('messages').delete(datasetRange(id));
  await tx.objectStore('datasets').delete(id);
  await tx.done;
}

// The dashboard's own IndexedDB (through idb): imported messages with their
// scores, grouped in datasets. An import writes a new dataset marked
// 'pending' in as many transactions as it needs; only commit() makes it
// visible, in one transaction that also switches the list of active datasets.
// So a failed, cancelled or killed import (tab closed, browser killed)
// leaves the previous data exactly as it was; its rows are swept on the next
// start (sweep()).
import { openDB } from 'idb';

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

function createStore(db) {
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
      return {
        async begin(importId) {
          id = importId;
          release = holdLock(id);
          await db.put('datasets', { id, name, format, state: 'pending', rows: 0, createdAt: new Date().toISOString() });
        },
        async write(rows) {
          const tx = db.transaction('messages', 'readwrite');
          for (const row of rows) tx.store.put({ ...row, dataset: id, seq: seq++ });
          await tx.done;
        },
        async commit() {
          const tx = db.transaction(['datasets', 'meta'], 'readwrite');
          const set = await tx.objectStore('datasets').get(id);
          await tx.objectStore('datasets').put({ ...set, state: 'committed', rows: seq, committedAt: new Date().toISOString() });
          const active = replace ? [] : ((await tx.objectStore('meta').get('active')) ?? []);
          await tx.objectStore('meta').put([...active, id], 'active');
          await tx.done;
          release();
        },
        async abort() {
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

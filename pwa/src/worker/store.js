// The dashboard's own IndexedDB (through idb): imported messages with their
// scores, grouped in datasets. An import writes a new dataset marked
// 'pending' in as many transactions as it needs; only commit() makes it
// visible, in one transaction that also switches the list of active datasets.
// So a failed, cancelled or killed import (tab closed, browser killed)
// leaves the previous data exactly as it was; its rows are swept on the next
// start (sweep()).
//
// Messages are stored in pages of PAGE rows ({ dataset, page, rows,
// conversations }): message seq s of a dataset is rows[s % PAGE] of page
// floor(s / PAGE). One record per row cost IndexedDB a request, a value and
// two index entries each, which was most of an import's time; a page's
// conversations (multiEntry index) find a conversation's messages.
import { openDB, unwrap } from 'idb';

const DB_NAME = 'rapport-dashboard';
// v1: one record per message ('messages', indexes byConversation and
// byCustomer); v2: pages (the upgrade moves v1's rows into pages).
const VERSION = 2;
export const PAGE = 128;

export async function openStore(name = DB_NAME) {
  const db = await openDB(name, VERSION, {
    upgrade(db, oldVersion, newVersion, tx) {
      if (oldVersion < 1) {
        db.createObjectStore('datasets', { keyPath: 'id' });
        db.createObjectStore('meta');
      }
      db.createObjectStore('pages', { keyPath: ['dataset', 'page'] })
        .createIndex('byConversation', 'conversations', { multiEntry: true });
      if (oldVersion === 1) migrateMessages(db, tx);
    },
    // A newer version of the app opened in another tab waits for this one's
    // connection: let it go (this tab keeps what it shows; its next call to the
    // store fails until it is reloaded).
    blocking() { db.close(); },
  });
  return createStore(db);
}

const conversationKey = (dataset, conversation) => `${dataset}\u0000${conversation}`;

// The stored form of rows seq page * PAGE ... (dataset and seq are implied).
function pageRecord(dataset, page, rows) {
  const conversations = new Set();
  for (const r of rows) if (r.conversation !== undefined && r.conversation !== null) conversations.add(conversationKey(dataset, r.conversation));
  return { dataset, page, rows, conversations: [...conversations] };
}

// A stored page's rows as messages, with their dataset and seq.
function pageRows(record) {
  const base = record.page * PAGE;
  record.rows.forEach((r, i) => { r.dataset = record.dataset; r.seq = base + i; });
  return record.rows;
}

// v1 -> v2 inside the upgrade transaction: every message into its page, then
// the old store goes. Any failure aborts the upgrade, which leaves v1 as it was.
async function migrateMessages(db, tx) {
  try {
    const pages = tx.objectStore('pages');
    let cursor = await tx.objectStore('messages').openCursor();
    let open = null;
    const flush = () => { if (open) pages.put(pageRecord(open.dataset, open.page, open.rows)); };
    while (cursor) {
      const { dataset, seq, ...row } = cursor.value;
      const page = Math.floor(seq / PAGE);
      if (!open || open.dataset !== dataset || open.page !== page) {
        flush();
        open = { dataset, page, rows: [] };
      }
      open.rows[seq % PAGE] = row;
      cursor = await cursor.continue();
    }
    flush();
    db.deleteObjectStore('messages');
  } catch (error) {
    console.error('moving the stored messages to the v2 layout failed', error);
    tx.abort();
  }
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
      let seq = 0;        // rows written, the next row's seq
      let carried = [];   // rows of the page not yet full
      let release = () => {};
      let inFlight = null;
      const settle = async () => {
        const last = inFlight;
        inFlight = null;
        await last;
      };
      // The full pages of carried + rows (the rest is carried on), or every
      // page when `all`, as page records.
      const take = (rows, all) => {
        const list = carried.length ? carried.concat(rows) : rows;
        const full = all ? list.length : list.length - (list.length % PAGE);
        const out = [];
        for (let at = 0; at < full; at += PAGE) {
          out.push(pageRecord(id, (seq + at) / PAGE, list.slice(at, at + PAGE)));
        }
        carried = list.slice(full);
        seq += full;
        return out;
      };
      return {
        async begin(importId) {
          id = importId;
          release = holdLock(id);
          await db.put('datasets', { id, name, format, state: 'pending', rows: 0, createdAt: new Date().toISOString() });
        },
        // Puts the full pages and returns once the previous batch's
        // transaction is done, not this one's: IndexedDB commits a batch while
        // the pipeline scores the next (at most one in flight, so memory stays
        // bounded). A failed transaction surfaces at the next write or at
        // commit, which then aborts the whole import as before.
        async write(rows) {
          await settle();
          const records = take(rows, false);
          if (records.length === 0) return;
          const tx = raw.transaction('pages', 'readwrite', { durability: 'relaxed' });
          inFlight = done(tx);
          try {
            const pages = tx.objectStore('pages');
            for (const record of records) pages.put(record);
          } catch (error) {
            tx.abort();  // e.g. a value that cannot be stored: none of this batch is kept
            throw error;
          }
        },
        // The last page and the switch of the active datasets, together.
        async commit() {
          await settle();
          const last = take([], true);
          const tx = db.transaction(['pages', 'datasets', 'meta'], 'readwrite');
          for (const record of last) tx.objectStore('pages').put(record);
          const set = await tx.objectStore('datasets').get(id);
          await tx.objectStore('datasets').put({ ...set, state: 'committed', rows: seq, committedAt: new Date().toISOString() });
          const active = replace ? [] : ((await tx.objectStore('meta').get('active')) ?? []);
          await tx.objectStore('meta').put([...active, id], 'active');
          await tx.done;
          release();
        },
        async abort() {
          await settle().catch(() => {});
          carried = [];
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
        if (active.has(id)) continue;
        if (!held.has(lockName(id))) { await removeDataset(db, id); continue; }
        // Its import still holds the lock: running in another tab, or in a
        // tab just closed whose worker has not let go yet (seen in npm test:
        // the remains outlived the sweep of the tab opened next). Once the
        // lock is free that import has committed (then it is active) or
        // never will: removed then, in the background.
        globalThis.navigator.locks.request(lockName(id), async () => {
          const nowActive = new Set((await db.get('meta', 'active')) ?? []);
          if (!nowActive.has(id)) await removeDataset(db, id);
        }).catch((error) => console.error('sweeping an interrupted import failed', error));
      }
    },

    async removeActive(id) {
      const active = ((await db.get('meta', 'active')) ?? []).filter((x) => x !== id);
      await db.put('meta', active, 'active');
      await removeDataset(db, id);
    },

    // Every message of a dataset in order, about `pageSize` at a time.
    async *messages(id, pageSize = 5000) {
      const count = Math.max(1, Math.round(pageSize / PAGE));
      let from = 0;
      for (;;) {
        const records = await db.getAll('pages', IDBKeyRange.bound([id, from], [id, Infinity]), count);
        if (records.length === 0) return;
        yield records.flatMap(pageRows);
        from = records[records.length - 1].page + 1;
      }
    },
    async message(dataset, seq) {
      if (!Number.isInteger(seq) || seq < 0) return undefined;
      const record = await db.get('pages', [dataset, Math.floor(seq / PAGE)]);
      return record ? pageRows(record)[seq % PAGE] : undefined;
    },
    // A conversation's messages in order (from every page that holds one).
    async conversation(dataset, conversation) {
      const records = await db.getAllFromIndex('pages', 'byConversation', conversationKey(dataset, conversation));
      return records.flatMap(pageRows).filter((m) => String(m.conversation) === String(conversation));
    },
    close() { db.close(); },
  };
}

async function removeDataset(db, id) {
  const tx = db.transaction(['pages', 'datasets'], 'readwrite');
  await tx.objectStore('pages').delete(datasetRange(id));
  await tx.objectStore('datasets').delete(id);
  await tx.done;
}

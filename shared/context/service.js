// The customer context as a service: one engine (createContext) over one
// store (store.js). It loads the stored events and decisions on start,
// writes what capture and import add, enforces retention on start and daily,
// and forgets a customer in both. The extension's engine host and the
// dashboard each run one; methods.js exposes it over the bridge.
import { createContext } from '../api/index.js';
import { openContextStore } from './store.js';

const DAY_MS = 86_400_000;

// A helpdesk conversation as the extension's adapters read it (the content
// script's snapshot: { adapter, conversationId, customer { name, email },
// messages [{ id, role, author, time, text, assessment }] }) as events. A
// message without a time on the page takes the capture time.
export function conversationEvents(snapshot, capturedAt = new Date().toISOString()) {
  const { adapter, conversationId, customer = {}, messages = [] } = snapshot;
  const who = {};
  if (customer.email) who.email = customer.email;
  if (customer.phone) who.phone = customer.phone;
  if (customer.userId) who.userId = String(customer.userId);
  if (customer.name) who.name = customer.name;
  const conversation = conversationId == null ? undefined : String(conversationId);
  return messages.filter((m) => m.text).map((m) => {
    const event = { type: 'message', at: m.time || capturedAt, source: adapter || 'page', role: m.role === 'agent' ? 'agent' : 'customer',
      text: m.text, customer: who };
    if (conversation !== undefined) event.conversation = conversation;
    if (m.id != null) event.id = String(m.id);
    const a = m.assessment;
    if (a && Number.isFinite(a.score)) {
      event.sentiment = Math.max(-1, Math.min(1, a.score));
      if (Number.isFinite(a.priority)) event.priority = a.priority;
      if (a.emotion) event.emotion = a.emotion;
    }
    return event;
  });
}

// { dbName, retentionDays, defaultCallingCode, repeatDays, now } -> service
export async function openContextService({ dbName, retentionDays = 90, now = () => Date.now(), ...contextOptions } = {}) {
  const store = await openContextStore({ dbName, retentionDays, now });
  let ctx = null;

  async function rebuild() {
    ctx?.dispose();
    ctx = await createContext(contextOptions);
    const { events, decisions } = await store.load();
    if (events.length) ctx.addEvents(events);
    if (decisions.length) ctx.restoreDecisions(decisions);
  }
  await rebuild();
  let importing = Promise.resolve();   // settles when the last import started is over (startImport)

  // Retention on start happened in openContextStore; then once a day,
  // never during an import (its rebuild would drop the rows taken so far).
  async function retention() {
    await importing;
    const gone = await store.applyRetention(now());
    if (gone.length) await rebuild();
    return gone.length;
  }
  const timer = setInterval(() => { retention().catch(() => {}); }, DAY_MS);

  async function add(events) {
    const result = ctx.addEvents(events);  // throws on bad input: nothing stored
    await store.putEvents(events, result.ids);
    return result;
  }

  // An import in batches (shared/context/import.js), all or nothing: each
  // batch goes into the engine at once (a bad event throws and adds nothing
  // of that batch) and into the store under a pending import, invisible
  // until commit() switches it on in one transaction. abort() (a bad row in
  // a later batch, a cancel, a failed write) sweeps what the store holds of
  // it and rebuilds the engine from the store, so neither keeps any of it.
  // Imports run one at a time: an abort's rebuild would drop another's rows.
  async function startImport(importId, { name = '' } = {}) {
    let release;
    const turn = importing;
    importing = new Promise((resolve) => { release = resolve; });
    await turn;
    let rows = 0;
    let touched = false;  // the engine took a batch: an abort rebuilds it
    let writing = store.beginImport(importId, { name });
    let done = false;
    const finish = () => { done = true; release(); };
    return {
      // -> { added, duplicates, ids, customers, written }: the engine's
      // answer now; `written` settles when the store has the batch. A write
      // queues behind the one before, so the next batch is parsed meanwhile.
      add(events) {
        if (done) throw new Error(`import '${importId}' is over`);
        const result = ctx.addEvents(events);
        touched = true;
        rows += events.length;
        // No duplicate in the engine means none in the store: no read per event.
        const fresh = result.duplicates === 0;
        const written = writing.then(() => store.putEvents(events, result.ids, { importId, fresh }));
        writing = written;
        written.catch(() => {});  // awaited by the importer, commit() or abort()
        return { ...result, written };
      },
      async commit() {
        try {
          await writing;
          await store.commitImport(importId, { rows });
        } catch (error) {
          await this.abort();
          throw error;
        }
        finish();
        return { rows };
      },
      async abort() {
        if (done) return;
        try {
          await writing.catch(() => {});
          await store.sweepImports();
          if (touched) await rebuild();
        } finally {
          finish();
        }
      },
    };
  }

  // A whole import's events in one batch.
  async function addImported(events, { importId, name }) {
    const run = await startImport(importId, { name });
    let result;
    try {
      result = run.add(events);
    } catch (error) {
      await run.abort();
      throw error;
    }
    await run.commit();
    const { written, ...answer } = result;
    return answer;
  }

  return {
    get engine() { return ctx; },
    store,
    add,
    addImported,
    startImport,
    async capture(snapshot) {
      const events = conversationEvents(snapshot, new Date(now()).toISOString());
      if (!events.length) return { added: 0, duplicates: 0, customer: null };
      const result = await add(events);
      return { added: result.added, duplicates: result.duplicates, customer: result.customers[0] };
    },
    async summary(customer, options = {}) {
      const summary = ctx.summary(customer, { now: new Date(now()), ...options });
      await store.cacheSummary(summary.customer, summary);
      return summary;
    },
    timeline: (customer) => ctx.timeline(customer),
    profile: (customer) => ctx.profile(customer),
    customers: () => ctx.customers(),
    async merge(a, b, reason) {
      const result = ctx.merge(a, b, reason);
      await store.putDecisions(ctx.decisions());
      return result;
    },
    async unmerge(mergeId) {
      const result = ctx.unmerge(mergeId);
      await store.putDecisions(ctx.decisions());
      return result;
    },
    async forget(customer) {
      const removed = ctx.forget(customer);
      await store.deleteCustomer(removed, ctx.decisions());
      return removed;
    },
    async deleteAll() {
      await store.deleteAll();
      await rebuild();
    },
    exportAll: () => store.exportAll(),
    estimate: () => store.estimate(),
    retention,
    close() {
      clearInterval(timer);
      ctx?.dispose();
      store.close();
    },
  };
}

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

  // Retention on start happened in openContextStore; then once a day.
  async function retention() {
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

  // An import's events: the engine first (all or nothing), then the store
  // under a pending import that one transaction switches on. If the store
  // fails, the engine is rebuilt from what the store holds.
  async function addImported(events, { importId, name }) {
    const result = ctx.addEvents(events);
    try {
      await store.beginImport(importId, { name, rows: events.length });
      await store.putEvents(events, result.ids, { importId });
      await store.commitImport(importId, { rows: events.length });
    } catch (error) {
      await store.sweepImports();
      await rebuild();
      throw error;
    }
    return result;
  }

  return {
    get engine() { return ctx; },
    store,
    add,
    addImported,
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

// The Customers view's timelines: the customer-context engine (createContext,
// wasm/core/context) over the dashboard's active data. The events are derived
// from the stored messages, so they are built again (lazily, on the first
// timeline asked for) whenever the active data changes, and an import or a
// removed dataset can never leave them out of step. What a manager decides by
// hand (merge two customers, undo a merge) is the one thing of their own: it
// is kept in the dashboard's meta store and replayed on every rebuild.
import { createContext } from '../../../shared/api/index.js';

const DECISIONS = 'contextDecisions';
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

// A message record as stored (pwa/src/worker/store.js) -> a context event, or
// null when it names no customer. A handle that is an address is an email
// (matched across helpdesks); anything else is a user id of that helpdesk.
export function messageEvent(m, source) {
  if (!m.customer || !m.at) return null;
  const who = EMAIL.test(m.customer) ? { email: m.customer } : { userId: m.customer };
  const event = { type: 'message', at: m.at, source, customer: who, role: m.role === 'agent' ? 'agent' : 'customer' };
  if (m.conversation) event.conversation = String(m.conversation);
  if (m.channel) event.channel = m.channel;
  if (m.text) event.text = m.text;
  if (m.role !== 'agent' && typeof m.sentiment === 'number') event.sentiment = Math.max(-1, Math.min(1, m.sentiment));
  return event;
}

export function identityOf(customer, source) {
  return EMAIL.test(customer) ? { email: customer } : { userId: customer, source };
}

export function createCustomerContext({ store, wasmUrl }) {
  let built = null;   // Promise<{ ctx, asOf }>
  let sets = [];

  async function build() {
    const ctx = await createContext({ wasmUrl });
    let asOf = null;
    try {
      for (const set of sets) {
        for await (const page of store.messages(set.id)) {
          const events = [];
          for (const m of page) {
            const e = messageEvent(m, set.format);
            if (!e) continue;
            events.push(e);
            if (!asOf || e.at > asOf) asOf = e.at;
          }
          if (events.length) ctx.addEvents(events);
        }
      }
      const decisions = await store.getMeta(DECISIONS);
      if (decisions) ctx.restoreDecisions(decisions);
    } catch (error) {
      ctx.dispose();
      throw error;
    }
    return { ctx, asOf };
  }

  function ready() {
    built ??= build();
    built.catch(() => { built = null; });
    return built;
  }

  async function keepDecisions(ctx) {
    await store.setMeta(DECISIONS, ctx.decisions());
  }

  return {
    // The active datasets changed: the next question rebuilds.
    reset(activeSets) {
      sets = activeSets;
      const old = built;
      built = null;
      old?.then(({ ctx }) => ctx.dispose(), () => {});
    },
    // What <rapport-timeline> shows, as of the newest message in the data (an
    // export is read as of when it was taken, not as of today).
    async profile({ customer }) { return (await ready()).ctx.profile(customer); },
    async summary({ customer }) {
      const { ctx, asOf } = await ready();
      return ctx.summary(customer, asOf ? { now: asOf } : {});
    },
    async timeline({ customer }) { return (await ready()).ctx.timeline(customer); },
    async merge({ a, b, reason }) {
      const { ctx } = await ready();
      const result = ctx.merge(a, b, reason);
      await keepDecisions(ctx);
      return result;
    },
    async unmerge({ merge }) {
      const { ctx } = await ready();
      const result = ctx.unmerge(merge);
      await keepDecisions(ctx);
      return result;
    },
  };
}

// Customer context (the C++ core's wasm/core/context, through
// wasm/binding/context_bindings.cc): events in; profiles, timelines and
// summaries out. Documented in README.md here ("Customer context").
//
//   const ctx = await createContext({ defaultCallingCode: '44' });
//   ctx.addEvents([{ type: 'message', at: '2026-03-01T09:00:00Z', source: 'zendesk',
//                    customer: { email: 'dana@example.com', name: 'Dana' }, text: '...' }]);
//   ctx.summary({ email: 'dana@example.com' }).openingLine;
//
// Each context owns one wasm instance (its own profiles); the compiled module
// is shared with analyzers. Everything is synchronous once created.

import { loadEngine } from './engine.js';
import { RapportError, ErrorCodes, describeType } from './errors.js';

const ENGINE_OPTIONS = ['wasmUrl', 'wasmBinary', 'wasmModule'];
const CONTEXT_OPTIONS = ['defaultCallingCode', 'repeatDays'];

// The engine's error codes (context.h) as the API's.
const CODES = {
  input: ErrorCodes.INPUT_TYPE,
  options: ErrorCodes.OPTIONS,
  not_found: ErrorCodes.NOT_FOUND,
  ambiguous: ErrorCodes.AMBIGUOUS,
};

function checkOptions(options) {
  if (options === undefined) return {};
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new RapportError(ErrorCodes.OPTIONS, `createContext() options must be an object, got ${describeType(options)}`);
  }
  const known = [...CONTEXT_OPTIONS, ...ENGINE_OPTIONS];
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) {
      throw new RapportError(ErrorCodes.OPTIONS, `unknown option '${key}' (known: ${known.join(', ')})`);
    }
  }
  return options;
}

// A customer as a query: its id ("c_..."), or an identity object.
function query(customer, method) {
  if (typeof customer === 'string') return { customer };
  if (customer !== null && typeof customer === 'object' && !Array.isArray(customer)) {
    const { email, phone, userId, source } = customer;
    const q = {};
    if (customer.customer !== undefined) q.customer = customer.customer;
    if (email !== undefined) q.email = email;
    if (phone !== undefined) q.phone = phone;
    if (userId !== undefined) q.userId = userId;
    if (source !== undefined) q.source = source;
    return q;
  }
  throw new RapportError(ErrorCodes.INPUT_TYPE,
    `${method}() expects a customer id or an identity {email|phone|userId, source}, got ${describeType(customer)}`);
}

function isoNow(now) {
  if (now === undefined) return new Date().toISOString();
  if (now instanceof Date && !Number.isNaN(now.getTime())) return now.toISOString();
  if (typeof now === 'string') return now;
  throw new RapportError(ErrorCodes.OPTIONS, `summary() option 'now' must be a Date or an ISO 8601 string, got ${describeType(now)}`);
}

export async function createContext(options) {
  const checked = checkOptions(options);
  const engineOptions = Object.fromEntries(ENGINE_OPTIONS.filter((k) => k in checked).map((k) => [k, checked[k]]));
  const core = await loadEngine(engineOptions);
  let disposed = false;

  // Every engine reply is {ok:true,...} or {ok:false,error:{code,message,...}}.
  function call(fn, arg) {
    const reply = JSON.parse(arg === undefined ? fn() : fn(arg));
    if (reply.ok) return reply;
    const { code, message, event, field } = reply.error;
    const error = new RapportError(CODES[code] ?? ErrorCodes.INTERNAL, message);
    if (event !== undefined) error.details = [{ event, field, message }];
    throw error;
  }
  function usable(method) {
    if (disposed) {
      throw new RapportError(ErrorCodes.DISPOSED, `${method}() on a disposed context; create a new one with createContext()`);
    }
  }

  const contextOptions = Object.fromEntries(CONTEXT_OPTIONS.filter((k) => checked[k] !== undefined).map((k) => [k, checked[k]]));
  call(core.contextConfigure, JSON.stringify(contextOptions));

  return {
    get size() { return disposed ? 0 : core.contextSize(); },
    get disposed() { return disposed; },
    // All or nothing: a bad event adds none and throws RAPPORT_E_INPUT_TYPE
    // with details [{ event, field, message }]. Returns { added, duplicates,
    // merged (merge ids), ids (each input's event id), customers (each
    // input's customer id after the batch), total }.
    addEvents(events) {
      usable('addEvents');
      if (!Array.isArray(events) && typeof events !== 'string') {
        throw new RapportError(ErrorCodes.INPUT_TYPE, `addEvents() expects an array of events, got ${describeType(events)}`);
      }
      const { added, duplicates, merged, ids, customers, total } =
        call(core.contextAddEvents, typeof events === 'string' ? events : JSON.stringify(events));
      return { added, duplicates, merged, ids, customers, total };
    },
    customers() {
      usable('customers');
      return call(core.contextCustomers).customers;
    },
    profile(customer) {
      usable('profile');
      return call(core.contextProfile, JSON.stringify(query(customer, 'profile'))).customer;
    },
    // Chronological events of the customer and everyone merged into them.
    timeline(customer) {
      usable('timeline');
      return call(core.contextTimeline, JSON.stringify(query(customer, 'timeline'))).events;
    },
    // { now, tzOffsetMinutes, repeatDays }: now defaults to this moment. The
    // zone for "yesterday" is tzOffsetMinutes, else the offset written in a
    // `now` string, else this runtime's.
    summary(customer, { now, tzOffsetMinutes, repeatDays } = {}) {
      usable('summary');
      const q = query(customer, 'summary');
      q.now = isoNow(now);
      if (tzOffsetMinutes !== undefined) q.tzOffsetMinutes = tzOffsetMinutes;
      else if (typeof now !== 'string') q.tzOffsetMinutes = -new Date(q.now).getTimezoneOffset();
      if (repeatDays !== undefined) q.repeatDays = repeatDays;
      return call(core.contextSummary, JSON.stringify(q)).summary;
    },
    merge(a, b, reason) {
      usable('merge');
      const { merge, customer } = call(core.contextMerge, JSON.stringify({ a, b, reason }));
      return { merge, customer };
    },
    unmerge(mergeId) {
      usable('unmerge');
      return { customers: call(core.contextUnmerge, JSON.stringify({ merge: mergeId })).customers };
    },
    // Drops the customer (and everyone merged into them): events, merges,
    // links. Returns the customer ids and event ids removed, for a store to
    // delete the same.
    forget(customer) {
      usable('forget');
      const { customers, events } = call(core.contextForget, JSON.stringify(query(customer, 'forget')));
      return { customers, events };
    },
    // The manual merges and undone merges, for a store; restoreDecisions()
    // replays them over the events added so far.
    decisions() {
      usable('decisions');
      return call(core.contextDecisions).decisions;
    },
    restoreDecisions(decisions) {
      usable('restoreDecisions');
      if (!Array.isArray(decisions)) {
        throw new RapportError(ErrorCodes.INPUT_TYPE, `restoreDecisions() expects an array, got ${describeType(decisions)}`);
      }
      call(core.contextRestore, JSON.stringify(decisions));
    },
    clear() {
      usable('clear');
      core.contextClear();
    },
    dispose() { disposed = true; },
  };
}

// The active data in memory, as the views need it: every message's record in
// the core's analytics (createAnalytics; the report's record indexes point
// back here), where each record index lives in IndexedDB (dataset + seq), and
// a per-customer summary for the Customers view. Texts stay in IndexedDB.
export async function loadDataset(store, analytics) {
  analytics.clear();
  const sets = await store.active();
  const offsets = [];
  const customers = new Map();
  let total = 0;
  for (const set of sets) {
    offsets.push({ id: set.id, name: set.name, format: set.format, start: total });
    for await (const page of store.messages(set.id)) {
      analytics.add(page.map(toRecord));
      for (const m of page) addCustomer(customers, set.id, m);
      total += page.length;
    }
  }
  return { sets, offsets, total, customers: finishCustomers(customers) };
}

// The same in-memory view built while a dataset is imported, so that a
// replacing import need not read back from IndexedDB what it just wrote:
// add() takes each scored batch (into `analytics`, a fresh instance the
// caller swaps in only once the import is committed), finish() gives what
// loadDataset would have read for this one dataset.
export function collectDataset(analytics, id) {
  const customers = new Map();
  let total = 0;
  return {
    add(rows) {
      analytics.add(rows.map(toRecord));
      for (const m of rows) addCustomer(customers, id, m);
      total += rows.length;
    },
    finish(set) {
      return { sets: [set], offsets: [{ id: set.id, name: set.name, format: set.format, start: 0 }], total,
        customers: finishCustomers(customers) };
    },
  };
}

function toRecord(message) {
  const { dataset, seq, text, ...record } = message;
  return record;
}

function addCustomer(customers, dataset, m) {
  if (!m.customer) return;
  const key = `${dataset}\u0000${m.customer}`;
  let c = customers.get(key);
  if (!c) {
    c = { dataset, customer: m.customer, messages: 0, conversations: new Set(), first: m.at, last: m.at,
      sentimentSum: 0, scored: 0, negative: 0, brands: new Set() };
    customers.set(key, c);
  }
  c.conversations.add(m.conversation);
  if (m.brand) c.brands.add(m.brand);
  if (m.at < c.first) c.first = m.at;
  if (m.at > c.last) c.last = m.at;
  if (m.role !== 'agent') {
    c.messages++;
    if (typeof m.sentiment === 'number') {
      c.sentimentSum += m.sentiment;
      c.scored++;
      if (m.sentiment <= -0.05) c.negative++;
    }
  }
}

function finishCustomers(map) {
  return [...map.values()].filter((c) => c.messages > 0).map((c) => ({
    dataset: c.dataset, customer: c.customer, messages: c.messages, conversations: c.conversations.size,
    first: c.first, last: c.last, brands: [...c.brands],
    sentiment: c.scored ? c.sentimentSum / c.scored : null, negative: c.negative,
  })).sort((a, b) => b.messages - a.messages || (a.last < b.last ? 1 : -1));
}

// Which dataset and seq a report's record index refers to.
export function locate(offsets, index) {
  let lo = 0;
  let hi = offsets.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (offsets[mid].start <= index) lo = mid;
    else hi = mid - 1;
  }
  const set = offsets[lo];
  return set ? { dataset: set.id, seq: index - set.start } : null;
}

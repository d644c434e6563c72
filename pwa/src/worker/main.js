// The dashboard's worker: owns the IndexedDB data, the core's analytics over
// it, the analyzer (lazily: only imports and draft reviews need it) and the
// import pipeline (shared/import). The page talks to it through rpc.js.
import { createAnalytics, createAnalyzer } from '../../../shared/api/index.js';
import { runImport, previewImport } from '../../../shared/import/index.js';
import { serve } from '../rpc.js';
import { engineOptions } from './assets.js';
import { collectDataset, loadDataset, locate } from './dataset.js';
import { createCustomerContext, identityOf } from './customer-context.js';
import { createMessageScorer } from './score.js';
import { scoringSink } from './scoring-sink.js';
import { REVIEW_WORKER, openReviewWorker, serveReviews } from './review.js';
import { openStore } from './store.js';

const ENGINE_BASE = new URL('./engine/', self.location.href);
const DEMO_URL = new URL('./demo/demo-scored.json', self.location.href);

let store;
let analytics;
let data = { sets: [], offsets: [], total: 0, customers: [] };
let customerContext;
let analyzerPromise = null;
let ready;
let sweeping = Promise.resolve();  // the remains of the last import being deleted

function analyzer() {
  analyzerPromise ??= (async () => {
    const a = await createAnalyzer({ assetBase: engineOptions(ENGINE_BASE).assetBase });
    const pack = await store.getMeta('rulePack');
    if (pack) a.loadRulePack(pack);
    return a;
  })();
  analyzerPromise.catch(() => { analyzerPromise = null; });
  return analyzerPromise;
}

// First visit: the built-in demo (scored by the build with the same engine) is
// committed through the same all-or-nothing sink as any import.
async function seedDemo() {
  const response = await fetch(DEMO_URL);
  if (!response.ok) throw new Error(`demo data missing (${response.status})`);
  const demo = await response.json();
  const sink = store.sink({ name: demo.name, format: 'demo', replace: true });
  await sink.begin('demo');
  for (let i = 0; i < demo.messages.length; i += 5000) await sink.write(demo.messages.slice(i, i + 5000));
  await sink.commit();
  await store.setMeta('demo', { attribution: demo.attribution, source: demo.source });
}

async function reload() {
  data = await loadDataset(store, analytics);
  customerContext.reset(data.sets);
}

async function start() {
  store = await openStore();
  await store.sweep();
  analytics = await createAnalytics({ wasmUrl: engineOptions(ENGINE_BASE).wasmUrl });
  customerContext = createCustomerContext({ store, wasmUrl: engineOptions(ENGINE_BASE).wasmUrl });
  if ((await store.getMeta('active')) === undefined) await seedDemo();
  await reload();
}

async function withText(indexes) {
  const out = [];
  for (const index of indexes) {
    const where = locate(data.offsets, index);
    out.push(where ? { index, ...(await store.message(where.dataset, where.seq)) } : null);
  }
  return out;
}

const methods = {
  async state() {
    await ready;
    const estimate = await navigator.storage?.estimate?.().catch(() => null);
    return { sets: data.sets, total: data.total, customers: data.customers.length,
      demo: await store.getMeta('demo'), usage: estimate?.usage ?? null, quota: estimate?.quota ?? null };
  },
  async query(query) {
    await ready;
    const started = performance.now();
    const report = analytics.query(query);
    report.ms = performance.now() - started;
    const tops = await withText(report.queue.map((q) => q.record));
    report.queue.forEach((q, i) => { q.text = tops[i]?.text ?? ''; q.dataset = tops[i]?.dataset; });
    return report;
  },
  async messages({ indexes }) {
    await ready;
    return withText(indexes);
  },
  async conversation({ dataset, conversation }) {
    await ready;
    return store.conversation(dataset, conversation);
  },
  async customers({ search = '', limit = 200 }) {
    await ready;
    const s = search.trim().toLowerCase();
    const list = s ? data.customers.filter((c) => c.customer.toLowerCase().includes(s)) : data.customers;
    return { total: list.length, customers: list.slice(0, limit) };
  },
  // <rapport-timeline>'s source (shared/context/timeline-view.js), over the
  // customer-context engine built from the active data.
  // A row of the Customers list ({ dataset, customer }) or a profile id.
  async contextProfile({ dataset, customer }) {
    await ready;
    const set = dataset !== undefined ? data.sets.find((s) => s.id === dataset) : null;
    return customerContext.profile({ customer: set ? identityOf(customer, set.format) : customer });
  },
  async contextSummary(params) { await ready; return customerContext.summary(params); },
  async contextTimeline(params) { await ready; return customerContext.timeline(params); },
  async contextMerge(params) { await ready; return customerContext.merge(params); },
  async contextUnmerge(params) { await ready; return customerContext.unmerge(params); },
  // The draft review of a stored agent reply, with the customer's message it
  // answered (the last one before it in its conversation) as context.
  async reviewReply({ index }) {
    await ready;
    const where = locate(data.offsets, index);
    const reply = where && await store.message(where.dataset, where.seq);
    if (!reply) return null;
    const before = (await store.conversation(reply.dataset, reply.conversation))
      .filter((m) => m.seq < reply.seq && m.role !== 'agent');
    const a = await analyzer();
    return a.reviewDraft(reply.text, { customerText: before[before.length - 1]?.text ?? '' });
  },
  async rulePack() {
    const a = await analyzer();
    return { pack: JSON.parse(a.exportRulePack()), custom: Boolean(await store.getMeta('rulePack')) };
  },
  async loadRulePack({ pack }) {
    const a = await analyzer();
    a.loadRulePack(pack);  // throws RAPPORT_E_RULE_PACK with details when invalid: nothing is saved
    await store.setMeta('rulePack', typeof pack === 'string' ? pack : JSON.stringify(pack));
    return { pack: JSON.parse(a.exportRulePack()) };
  },
  async resetRulePack() {
    const a = await analyzer();
    a.resetRulePack();
    await store.setMeta('rulePack', null);
    return { pack: JSON.parse(a.exportRulePack()) };
  },
  async importPreview({ file }) {
    return previewImport(file, { name: file.name });
  },
  async importRun({ file, format, mapping, replace = true }, { signal, progress }) {
    await ready;
    await sweeping;  // one import's leftovers are gone before the next begins
    // Without a review worker (one that cannot start here) the replies are reviewed in this worker.
    const reviewer = await openReviewWorker(self.location.href, { rulePack: await store.getMeta('rulePack') })
      .catch((error) => { console.warn('import reviews stay in this worker', error); return null; });
    try {
      return await importWith({ file, format, mapping, replace, signal, progress },
        createMessageScorer(await analyzer(), reviewer ? { review: reviewer.review } : {}));
    } finally {
      reviewer?.close();
    }
  },
  async removeDataset({ id }) {
    await ready;
    await store.removeActive(id);
    await reload();
    return { total: data.total };
  },
};

// The import itself, scoring with `score` (createMessageScorer).
async function importWith({ file, format, mapping, replace, signal, progress }, score) {
  const importId = `import-${Date.now()}`;
  // A replacing import builds its analytics and summaries as it goes, in a
  // new instance swapped in after the commit (the current data stays
  // queryable and intact until then); an appending one reloads after it.
  const next = replace ? await createAnalytics({ wasmUrl: engineOptions(ENGINE_BASE).wasmUrl }) : null;
  const collected = next && collectDataset(next, importId);
  let result;
  try {
    result = await runImport({ source: file, name: file.name, format, mapping, signal, onProgress: progress, importId,
      sink: scoringSink(store.sink({ name: file.name, format, replace }), score, (rows) => collected?.add(rows)) });
  } catch (error) {
    next?.dispose();
    throw error;
  }
  const sets = next ? await store.active() : [];
  if (next && sets.length === 1 && sets[0].id === importId) {
    analytics.dispose();
    analytics = next;
    data = collected.finish(sets[0]);
    customerContext.reset(data.sets);
  } else {
    next?.dispose();
    await reload();
  }
  // The replaced data is deleted after the answer (it is no longer active,
  // so nothing shows it); the next import waits for it.
  sweeping = store.sweep().catch((error) => console.error('sweeping old imports failed', error));
  return result;
}

if (self.name === REVIEW_WORKER) {
  serveReviews(self, ENGINE_BASE);  // an import's review worker (review.js)
} else {
  ready = start();
  ready.catch((error) => console.error('dashboard worker failed to start', error));
  serve(self, methods);
}

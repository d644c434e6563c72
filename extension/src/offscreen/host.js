// The engine host: one analyzer (wasm core + ONNX Runtime Web + model) for the
// whole browser, created on first need, and the review sessions of every open
// conversation. Chrome runs it in the offscreen document, Firefox in the
// background page; both reach it through the method table below (the
// contract's engine methods, CONTRACTS §2).
//
// Idle: after `idleMs` without a call the host calls `onIdle` (Chrome closes
// the offscreen document; Firefox drops the analyzer) and bumps `generation`,
// so callers that hold sessions re-open them (background/router.js).
import { RapportError } from '../../../shared/api/errors.js';

export const SESSION_CODE = 'RAPPORT_E_REVIEW_SESSION';
const REVIEW_OPTION_KEYS = ['customerText', 'customerName', 'agentName', 'company'];

function customerOptions(customer) {
  if (customer === null || typeof customer !== 'object' || Array.isArray(customer)) {
    throw new RapportError('RAPPORT_E_INPUT_TYPE', 'reviewOpen(conversationId, customer): customer must be an object');
  }
  const options = {};
  for (const key of REVIEW_OPTION_KEYS) {
    if (typeof customer[key] === 'string') options[key] = customer[key];
  }
  return options;
}

function checkKey(conversationId) {
  if (typeof conversationId !== 'string' || conversationId.length === 0 || conversationId.length > 512) {
    throw new RapportError('RAPPORT_E_INPUT_TYPE', 'conversationId must be a non-empty string of at most 512 characters');
  }
}

// `createAnalyzer`: () => Promise<analyzer>. `rulePack`: () => Promise<pack|null>,
// the team pack to load into every new analyzer (from storage).
export function createEngineHost({ createAnalyzer, rulePack = async () => null, idleMs = 5 * 60_000, onIdle = () => {} }) {
  let analyzer = null;          // Promise<analyzer> | null
  const sessions = new Map();   // conversationId -> { options, session }
  let inFlight = 0;
  let lastUse = Date.now();
  let timer = null;

  function getAnalyzer() {
    analyzer ??= (async () => {
      const a = await createAnalyzer();
      const pack = await rulePack();
      if (pack) {
        try { a.loadRulePack(pack); } catch (error) { console.warn('Rapport: the saved rule pack no longer loads; using the default', error); }
      }
      return a;
    })();
    analyzer.catch(() => { analyzer = null; });
    return analyzer;
  }

  function scheduleIdle() {
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (inFlight > 0 || Date.now() - lastUse < idleMs) return scheduleIdle();
      release();
      onIdle();
    }, idleMs);
  }

  async function use(fn) {
    inFlight++;
    lastUse = Date.now();
    try {
      return await fn(await getAnalyzer());
    } finally {
      inFlight--;
      lastUse = Date.now();
      scheduleIdle();
    }
  }

  function release() {
    clearTimeout(timer);
    for (const s of sessions.values()) s.session?.dispose?.();
    sessions.clear();
    const old = analyzer;
    analyzer = null;
    old?.then((a) => a.dispose(), () => {});
    host.generation++;
  }

  const methods = {
    analyze: (text) => use((a) => a.analyze(text)),
    analyzeBatch: (texts) => use((a) => a.analyzeBatch(texts)),
    reviewOpen: (conversationId, customer) => use((a) => {
      checkKey(conversationId);
      const options = customerOptions(customer);
      const existing = sessions.get(conversationId);
      if (existing) {
        existing.session.setCustomer(options);
      } else {
        sessions.set(conversationId, { session: a.createReviewSession(options) });
      }
      return { conversationId, open: sessions.size };
    }),
    review: (conversationId, draft) => use(() => {
      checkKey(conversationId);
      const s = sessions.get(conversationId);
      if (!s) throw new RapportError(SESSION_CODE, `no review session '${conversationId}' is open (reviewOpen first)`);
      return s.session.review(draft);
    }),
    reviewClose: async (conversationId) => {
      const s = sessions.get(conversationId);
      sessions.delete(conversationId);
      s?.session.dispose?.();
      return { closed: Boolean(s) };
    },
    loadRulePack: (pack) => use((a) => { a.loadRulePack(pack); return { loaded: true }; }),
    resetRulePack: () => use((a) => { a.resetRulePack(); return { loaded: false }; }),
    exportRulePack: () => use((a) => a.exportRulePack()),
    info: () => use((a) => ({ version: a.version, source: a.source, sessions: sessions.size, generation: host.generation,
      memoryBytes: globalThis.performance?.memory?.usedJSHeapSize ?? null })),
  };

  const host = { methods, generation: 0, release, sessionIds: () => [...sessions.keys()],
    get running() { return analyzer !== null; } };
  return host;
}

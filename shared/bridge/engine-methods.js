// The engine's standard method table for serveBridge (host.js): what a
// content script, the side panel or the dashboard's UI can ask the one engine
// host for, with the same arguments, results and error codes as the local
// analyzer (shared/api/README.md).
//
//   serveBridge({ port, methods: engineMethods(() => createAnalyzer()) });
//
//   analyze(text)                         -> Assessment
//   analyzeBatch(texts)                   -> Assessment[]
//   reviewOpen(conversationId, customer)  -> true when the customer was analysed (new or changed)
//   review(conversationId, draft)         -> DraftReview
//   reviewClose(conversationId)           -> true when a session was open
//   reviewDraft(draft, options)           -> DraftReview (one-shot)
//   loadRulePack(pack)                    -> { ruleCount }
//   exportRulePack()                      -> JSON text
//   resetRulePack()
//   info()                                -> { version, source, emotionLabels, limits, reviewSessions }
//
// The analyzer is made on the first call that needs it (lazy start; a failed
// start is retried by the next call) and shared by every port served with
// this table. Analyses run one at a time in arrival order, and a call
// cancelled while it waits never runs. Review sessions belong to the port
// that opened them (two tabs may use the same conversation id) and close with
// it; each port keeps at most MAX_SESSIONS_PER_PEER, the least recently used
// going first (its next review answers RAPPORT_E_NO_SESSION: reopen it).

import { RapportError, ErrorCodes, describeType } from '../api/errors.js';

export const MAX_SESSIONS_PER_PEER = 64;

export function engineMethods(analyzerFactory) {
  if (typeof analyzerFactory !== 'function') {
    throw new RapportError(ErrorCodes.OPTIONS,
      `engineMethods() expects a function that creates the analyzer, got ${describeType(analyzerFactory)}`);
  }
  let starting = null;
  let queue = Promise.resolve();
  const peers = new Map();  // peer (or the table itself, when called directly) -> Map(id -> session)

  function analyzer() {
    if (!starting) {
      starting = Promise.resolve().then(analyzerFactory);
      starting.catch(() => { starting = null; });
    }
    return starting;
  }

  // One engine batch at a time; a call cancelled while queued is skipped.
  function queued(signal, method, work) {
    const run = queue.then(async () => {
      if (signal?.aborted) throw new RapportError(ErrorCodes.CANCELLED, `${method}() was cancelled`);
      return work(await analyzer());
    });
    queue = run.catch(() => {});
    return run;
  }

  function sessionsOf(peer) {
    const key = peer ?? methods;
    let sessions = peers.get(key);
    if (!sessions) {
      sessions = new Map();
      peers.set(key, sessions);
      peer?.onClose(() => {
        for (const s of sessions.values()) s.dispose();
        peers.delete(key);
      });
    }
    return sessions;
  }

  function checkId(method, id) {
    if (!(typeof id === 'string' || (typeof id === 'number' && Number.isFinite(id)))) {
      throw new RapportError(ErrorCodes.INPUT_TYPE,
        `${method}() expects a conversation id (a string or a number), got ${describeType(id)}`);
    }
    return id;
  }

  const methods = {
    async analyze(text) {
      return queued(this?.signal, 'analyze', (a) => a.analyze(text));
    },

    async analyzeBatch(texts) {
      return queued(this?.signal, 'analyzeBatch', (a) => a.analyzeBatch(texts));
    },

    async reviewOpen(conversationId, customer) {
      checkId('reviewOpen', conversationId);
      const a = await analyzer();
      const sessions = sessionsOf(this?.peer);
      const open = sessions.get(conversationId);
      if (open && !open.disposed) {
        sessions.delete(conversationId);  // most recently used goes last
        sessions.set(conversationId, open);
        return open.setCustomer(customer);
      }
      const session = a.createReviewSession(customer);
      sessions.set(conversationId, session);
      if (sessions.size > MAX_SESSIONS_PER_PEER) {
        const [oldest, evicted] = sessions.entries().next().value;
        sessions.delete(oldest);
        evicted.dispose();
      }
      return true;
    },

    async review(conversationId, draft) {
      checkId('review', conversationId);
      const session = sessionsOf(this?.peer).get(conversationId);
      if (!session || session.disposed) {
        throw new RapportError(ErrorCodes.NO_SESSION,
          `no review session is open for conversation '${String(conversationId).slice(0, 100)}'; call reviewOpen first`);
      }
      return session.review(draft);
    },

    async reviewClose(conversationId) {
      checkId('reviewClose', conversationId);
      const sessions = sessionsOf(this?.peer);
      const session = sessions.get(conversationId);
      if (!session) return false;
      sessions.delete(conversationId);
      session.dispose();
      return true;
    },

    async reviewDraft(draft, options) {
      return (await analyzer()).reviewDraft(draft, options);
    },

    async loadRulePack(pack) {
      return (await analyzer()).loadRulePack(pack);
    },

    async exportRulePack() {
      return (await analyzer()).exportRulePack();
    },

    async resetRulePack() {
      (await analyzer()).resetRulePack();
    },

    async info() {
      const a = await analyzer();
      return {
        version: a.version, source: a.source, emotionLabels: a.emotionLabels, limits: { ...a.limits },
        reviewSessions: a.memoryStats().reviewSessions,
      };
    },
  };
  return methods;
}

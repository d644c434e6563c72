// Dashboard analytics (the C++ core's wasm/core/analytics, through
// wasm/binding/analytics_bindings.cc): scored message records in, reports out.
//
//   const analytics = await createAnalytics();
//   const scorer = createScorer(analyzer);          // analyzer from createAnalyzer()
//   analytics.add(await scorer.score(messages));     // all or nothing
//   const report = analytics.query({ bucket: 'week', agents: ['alice'] });
//
// Records and the report are documented in README.md here ("Analytics").
// Each Analytics object owns one wasm instance (its own dataset); the
// compiled module is shared with analyzers.

import { loadEngine } from './engine.js';
import { RapportError, ErrorCodes, describeType } from './errors.js';

const KNOWN_OPTIONS = ['wasmUrl', 'wasmBinary', 'wasmModule'];

function checkOptions(options) {
  if (options === undefined) return {};
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new RapportError(ErrorCodes.OPTIONS, `createAnalytics() options must be an object, got ${describeType(options)}`);
  }
  for (const key of Object.keys(options)) {
    if (!KNOWN_OPTIONS.includes(key)) {
      throw new RapportError(ErrorCodes.OPTIONS, `unknown option '${key}' (known: ${KNOWN_OPTIONS.join(', ')})`);
    }
  }
  return options;
}

export async function createAnalytics(options) {
  const core = await loadEngine(checkOptions(options));
  let disposed = false;

  function usable(method) {
    if (disposed) {
      throw new RapportError(ErrorCodes.DISPOSED, `${method}() on disposed analytics; create new ones with createAnalytics()`);
    }
  }

  return {
    get size() { return disposed ? 0 : core.analyticsSize(); },
    get disposed() { return disposed; },
    // Appends scored records (an array, or its JSON text). A bad record adds
    // nothing and throws RAPPORT_E_INPUT_TYPE with details { record, field }.
    add(records) {
      usable('add');
      const text = typeof records === 'string' ? records : JSON.stringify(records);
      if (typeof records !== 'string' && !Array.isArray(records)) {
        throw new RapportError(ErrorCodes.INPUT_TYPE, `add() expects an array of records, got ${describeType(records)}`);
      }
      const result = JSON.parse(core.analyticsAppend(text));
      if (!result.ok) {
        const { record, field, message } = result.error;
        const where = field ? `record ${record}, field '${field}'` : `record ${record}`;
        const error = new RapportError(ErrorCodes.INPUT_TYPE, `invalid analytics record (${where}): ${field ? `'${field}' ` : ''}${message}`);
        error.details = [{ record, field, message }];
        throw error;
      }
      return { added: result.added, total: result.total };
    },
    // The report for a query (filters, bucket, queueLimit); RAPPORT_E_OPTIONS
    // names a bad query field.
    query(query = {}) {
      usable('query');
      if (query === null || typeof query !== 'object' || Array.isArray(query)) {
        throw new RapportError(ErrorCodes.OPTIONS, `query() expects an object, got ${describeType(query)}`);
      }
      const report = JSON.parse(core.analyticsQuery(JSON.stringify(query)));
      if (report.error) throw new RapportError(ErrorCodes.OPTIONS, report.error.message);
      return report;
    },
    clear() {
      usable('clear');
      core.analyticsClear();
    },
    dispose() { disposed = true; },
  };
}

// What the customer feels, in the analyzer's agent-facing words when it has
// them (model path's primaryEmotion), else the strongest GoEmotions name at
// 0.3 or more; null when nothing but neutral stands out.
export function feltEmotion(assessment) {
  if (typeof assessment.primaryEmotion === 'string') {
    return assessment.primaryEmotion === 'neutral' ? null : assessment.primaryEmotion;
  }
  let best = null;
  for (const [name, p] of Object.entries(assessment.emotions ?? {})) {
    if (name !== 'neutral' && p >= 0.3 && (best === null || p > assessment.emotions[best])) best = name;
  }
  return best;
}

const CONTEXT_FIELDS = ['conversation', 'at', 'role', 'customer', 'agent', 'brand', 'channel', 'tags',
  'csat', 'nps', 'resolvedAt', 'handleSeconds', 'fcr'];
const BATCH = 256;

// Turns messages ({ conversation, at, role: 'customer'|'agent', text, and the
// optional context fields above }) into analytics records: customer messages
// through analyzer.analyzeBatch, agent replies through analyzer.reviewDraft
// with the customer's last message as context. It remembers each
// conversation's last customer message across calls, so a stream can be
// scored chunk by chunk in order.
export function createScorer(analyzer) {
  const lastCustomer = new Map();
  return {
    async score(messages) {
      if (!Array.isArray(messages)) {
        throw new RapportError(ErrorCodes.INPUT_TYPE, `score() expects an array of messages, got ${describeType(messages)}`);
      }
      const records = messages.map((m) => {
        const r = {};
        for (const k of CONTEXT_FIELDS) if (m[k] !== undefined && m[k] !== null && m[k] !== '') r[k] = m[k];
        r.role = m.role === 'agent' ? 'agent' : 'customer';
        return r;
      });
      const customers = [];
      messages.forEach((m, i) => { if (records[i].role === 'customer') customers.push(i); });
      for (let start = 0; start < customers.length; start += BATCH) {
        const ids = customers.slice(start, start + BATCH);
        const results = await analyzer.analyzeBatch(ids.map((i) => String(messages[i].text ?? '')));
        ids.forEach((i, k) => {
          const a = results[k];
          Object.assign(records[i], { sentiment: a.sentiment.score, priority: a.priority,
            emotion: feltEmotion(a), cues: a.cues.map((c) => c.id) });
        });
      }
      for (let i = 0; i < messages.length; i++) {
        const m = messages[i];
        if (records[i].role === 'customer') {
          lastCustomer.set(m.conversation, String(m.text ?? ''));
          continue;
        }
        const review = await analyzer.reviewDraft(String(m.text ?? ''),
          { customerText: lastCustomer.get(m.conversation) ?? '' });
        records[i].empathy = review.empathyScore;
        records[i].cold = [...new Set(review.suggestions.filter((s) => s.kind === 'phrase')
          .map((s) => s.text.toLowerCase()))];
      }
      return records;
    },
  };
}

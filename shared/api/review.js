// Draft review on the analyzer: review sessions (one per conversation), the
// one-shot reviewDraft, and rule-pack import/export.
//
//   const session = analyzer.createReviewSession({ customerText, customerName, agentName, company });
//   const review = await session.review(draft);   // every keystroke: only the draft is analysed
//   session.setCustomer({ customerText: newest }); // the customer wrote again
//   session.dispose();                             // (GC also frees it, later)
//
//   review.empathyScore            // 0..100
//   review.suggestions[i]          // { start, end, text, replaceStart, replaceEnd, category,
//                                  //   ruleId, severity, kind, message, why, replacements }
//   review.scoreParts[i]           // { id, points, max, reasons: [{ effect, note, start?, end?, text? }] }
//   review.mismatch                // { alert, message?, customerLabel?, customerScore? }
//
// Offsets are UTF-16 code units of `draft`: draft.slice(start, end) is the
// flagged phrase (and exactly its `text`); replacing
// draft.slice(replaceStart, replaceEnd) with a replacement applies it. A
// session analyses its customer's message once; the rule pack belongs to the
// analyzer (loadRulePack), so all its sessions use the pack loaded last and
// two analyzers never share one. reviewDraft(draft, options) is a one-shot
// over the analyzer's own session, which keeps the last customer it saw.

import { RapportError, ErrorCodes, describeType } from './errors.js';

// An invalid pack throws this code (ERRORS.md), with `details` listing every
// problem as { path, code, message } (codes: shared/rules/SCHEMA.md).
export const RULE_PACK_ERROR = ErrorCodes.RULE_PACK;

const OPTION_KEYS = ['customerText', 'customerName', 'agentName', 'company'];

// The customer fields of `options`, read once each, as the four strings the
// engine takes. `method` names the caller in error messages.
function customerFields(options, method) {
  if (options === undefined) return ['', '', '', ''];
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new RapportError(ErrorCodes.INPUT_TYPE, `${method}() options must be an object, got ${describeType(options)}`);
  }
  const values = {};
  for (const key of Object.keys(options)) {
    if (!OPTION_KEYS.includes(key)) {
      throw new RapportError(ErrorCodes.OPTIONS,
        `unknown ${method}() option '${key}' (known: ${OPTION_KEYS.join(', ')})`);
    }
    const value = options[key];
    if (value !== undefined && value !== null && typeof value !== 'string') {
      throw new RapportError(ErrorCodes.INPUT_TYPE,
        `${method}() option '${key}' must be a string, got ${describeType(value)}`);
    }
    values[key] = value ?? '';
  }
  return OPTION_KEYS.map((key) => values[key] ?? '');
}

// A span's text is exactly the caller's text at its offsets (the core saw
// NUL as a space and a lone surrogate as U+FFFD, at the same offsets).
function spanTextsFrom(draft, review) {
  for (const s of review.suggestions ?? []) s.text = draft.slice(s.start, s.end);
  for (const part of review.scoreParts ?? []) {
    for (const r of part.reasons) if (r.start !== undefined) r.text = draft.slice(r.start, r.end);
  }
  return review;
}

// Sessions the caller dropped without dispose(): GC closes their engine side.
const sessionCleanup = typeof FinalizationRegistry === 'function'
  ? new FinalizationRegistry((handle) => handle.close())
  : null;

// Adds createReviewSession / reviewDraft / loadRulePack / exportRulePack /
// resetRulePack to an analyzer built over `core` (its CoreSession).
export function attachReview(analyzer, core) {
  function usable(method) {
    if (analyzer.disposed) {
      throw new RapportError(ErrorCodes.DISPOSED,
        `${method}() on a disposed analyzer; create a new one with createAnalyzer()`);
    }
  }

  // Engine calls: a RapportError (DISPOSED, TOO_LARGE, ...) passes; a trap
  // is reported as one.
  function call(fn) {
    try {
      return fn();
    } catch (error) {
      if (error instanceof RapportError) throw error;
      throw new RapportError(ErrorCodes.INTERNAL, 'the wasm engine failed during draft review', { cause: error });
    }
  }

  function checkDraft(draft, method) {
    if (typeof draft !== 'string') {
      throw new RapportError(ErrorCodes.INPUT_TYPE, `${method}() expects the draft as a string, got ${describeType(draft)}`);
    }
  }

  function reviewWith(handle, draft) {
    const review = call(() => handle.review(draft));
    if (review && review.error) throw new RapportError(review.error.code, review.error.message);
    return spanTextsFrom(draft, review);
  }

  let oneShot = null;  // the engine session behind reviewDraft
  let oneShotKey = null;  // its customer, so a keystroke does not even re-encode it

  analyzer.reviewDraft = async function reviewDraft(draft, options) {
    usable('reviewDraft');
    checkDraft(draft, 'reviewDraft');
    const fields = customerFields(options, 'reviewDraft');
    oneShot ??= call(() => core.openReview());
    const key = fields.join('\u0000');
    if (key !== oneShotKey) {  // the customer's message is analysed once, not per keystroke
      oneShotKey = null;
      call(() => oneShot.setCustomer(fields));
      oneShotKey = key;
    }
    return reviewWith(oneShot, draft);
  };

  analyzer.createReviewSession = function createReviewSession(customer) {
    usable('createReviewSession');
    const fields = customerFields(customer, 'createReviewSession');
    const handle = call(() => core.openReview());
    call(() => handle.setCustomer(fields));
    let disposed = false;

    function open(method) {
      usable(method);
      if (disposed) {
        throw new RapportError(ErrorCodes.DISPOSED,
          `${method}() on a disposed review session; open a new one with analyzer.createReviewSession()`);
      }
    }

    const session = {
      get disposed() { return disposed || analyzer.disposed; },

      async review(draft) {
        open('review');
        checkDraft(draft, 'review');
        return reviewWith(handle, draft);
      },

      // The customer wrote again (or the names changed): analysed once here,
      // not per review. Returns true when anything changed.
      setCustomer(next) {
        open('setCustomer');
        const f = customerFields(next, 'setCustomer');
        return call(() => handle.setCustomer(f));
      },

      // How often this session analysed a customer message (diagnostics).
      stats() {
        return { customerAnalyses: disposed || analyzer.disposed ? 0 : handle.customerAnalyses() };
      },

      // Frees the engine side. Idempotent; the analyzer's dispose() also ends it.
      dispose() {
        if (disposed) return;
        disposed = true;
        sessionCleanup?.unregister(session);
        handle.close();
      },
    };
    sessionCleanup?.register(session, handle, session);
    return session;
  };

  // Loads a team pack (JSON text or an object) for this analyzer and all its
  // sessions. Overlays ("base": "default") add, override or disable default
  // rules by id. On any problem it throws RAPPORT_E_RULE_PACK with `details`
  // and the previous pack stays in use.
  analyzer.loadRulePack = function loadRulePack(pack) {
    usable('loadRulePack');
    const text = packText(pack);
    const result = call(() => core.loadRulePack(text));
    if (!result.ok) throw packError(result.errors);
    return { ruleCount: result.ruleCount };
  };

  // The pack in use as standalone JSON text (importable with loadRulePack).
  analyzer.exportRulePack = function exportRulePack() {
    usable('exportRulePack');
    return call(() => core.exportRulePack());
  };

  analyzer.resetRulePack = function resetRulePack() {
    usable('resetRulePack');
    call(() => core.resetRulePack());
  };

  return analyzer;
}

// The pack as JSON text. An object is serialized here; whatever
// JSON.stringify refuses (a cycle, a BigInt, nesting deeper than the stack, a
// getter that throws) is an invalid pack, reported like any other.
function packText(pack) {
  if (typeof pack === 'string') return pack;
  if (typeof pack !== 'object' || pack === null) {
    throw new RapportError(ErrorCodes.INPUT_TYPE, `loadRulePack() expects JSON text or an object, got ${describeType(pack)}`);
  }
  let text;
  try {
    text = JSON.stringify(pack);
  } catch (error) {
    const reason = error instanceof RangeError ? 'it is nested too deeply' : `${error?.message ?? error}`;
    const e = packError([{ path: '', code: 'not_serializable', message: `the pack object cannot be read as JSON: ${reason}` }]);
    e.cause = error;
    throw e;
  }
  if (typeof text !== 'string') {  // e.g. an object whose toJSON() returns undefined
    throw packError([{ path: '', code: 'not_serializable', message: 'the pack object cannot be read as JSON: it serializes to nothing' }]);
  }
  return text;
}

function packError(errors) {
  const first = errors[0];
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
  const error = new RapportError(RULE_PACK_ERROR,
    `invalid rule pack: ${first ? `${first.path || '/'}: ${first.message}` : 'unknown error'}${more}`);
  error.details = errors;
  return error;
}

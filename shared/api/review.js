// Draft review on the analyzer: reviewDraft, plus rule-pack import/export.
//
//   const review = await analyzer.reviewDraft(draft, { customerText, customerName });
//   review.empathyScore            // 0..100
//   review.suggestions[i]          // { start, end, text, replaceStart, replaceEnd, category,
//                                  //   ruleId, severity, kind, message, why, replacements }
//   review.scoreParts[i]           // { id, points, max, reasons: [{ effect, note, start?, end?, text? }] }
//   review.mismatch                // { alert, message?, customerLabel?, customerScore? }
//
// Offsets are UTF-16 code units of `draft`: draft.slice(start, end) is the
// flagged phrase; replacing draft.slice(replaceStart, replaceEnd) with a
// replacement applies it. The core caches the compiled pack and the analysis
// of customerText, so calling reviewDraft on every keystroke with the same
// options only tokenizes and matches the draft (scripts/bench/review.mjs).

import { RapportError, ErrorCodes, describeType } from './errors.js';

// An invalid pack throws this code (ERRORS.md), with `details` listing every
// problem as { path, code, message } (codes: shared/rules/SCHEMA.md).
export const RULE_PACK_ERROR = ErrorCodes.RULE_PACK ?? 'RAPPORT_E_RULE_PACK';

const OPTION_KEYS = ['customerText', 'customerName', 'agentName', 'company'];

// A lone surrogate would reach the core as 3 bytes and become 3 U+FFFD there,
// shifting every later offset; as one U+FFFD it keeps the UTF-16 length.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
function wellFormed(s) {
  return typeof s.toWellFormed === 'function' ? s.toWellFormed() : s.replace(LONE_SURROGATE, '\uFFFD');
}

function checkOptions(options) {
  if (options === undefined) return {};
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new RapportError(ErrorCodes.INPUT_TYPE,
      `reviewDraft() options must be an object, got ${describeType(options)}`);
  }
  for (const key of Object.keys(options)) {
    if (!OPTION_KEYS.includes(key)) {
      throw new RapportError(ErrorCodes.OPTIONS,
        `unknown reviewDraft() option '${key}' (known: ${OPTION_KEYS.join(', ')})`);
    }
    const value = options[key];
    if (value !== undefined && value !== null && typeof value !== 'string') {
      throw new RapportError(ErrorCodes.INPUT_TYPE,
        `reviewDraft() option '${key}' must be a string, got ${describeType(value)}`);
    }
  }
  return options;
}

// Adds reviewDraft / loadRulePack / exportRulePack / resetRulePack to an
// analyzer built over `session` (shared/api/core-session.js). `session.core`
// is the Embind module of that analyzer's own wasm instance.
export function attachReview(analyzer, session) {
  const core = session.core;
  const unitCap = core.maxAnalyzedBytes() + 1;  // the core reads at most this much
  let customerKey = null;

  function usable(method) {
    if (analyzer.disposed) {
      throw new RapportError(ErrorCodes.DISPOSED,
        `${method}() on a disposed analyzer; create a new one with createAnalyzer()`);
    }
  }

  function call(fn) {
    try {
      return fn();
    } catch (error) {
      throw new RapportError(ErrorCodes.INTERNAL, 'the wasm engine failed during draft review',
        { cause: error });
    }
  }

  analyzer.reviewDraft = async function reviewDraft(draft, options) {
    usable('reviewDraft');
    if (typeof draft !== 'string') {
      throw new RapportError(ErrorCodes.INPUT_TYPE,
        `reviewDraft() expects the draft as a string, got ${describeType(draft)}`);
    }
    const o = checkOptions(options);
    const customer = [o.customerText ?? '', o.customerName ?? '', o.agentName ?? '', o.company ?? '']
      .map((s) => wellFormed(s.length > unitCap ? s.slice(0, unitCap) : s));
    const key = customer.join('\u0000');
    if (key !== customerKey) {  // the customer's message is analysed once, not per keystroke
      call(() => core.reviewSetCustomer(...customer));
      customerKey = key;
    }
    const text = wellFormed(draft.length > unitCap ? draft.slice(0, unitCap) : draft);
    return JSON.parse(call(() => core.reviewDraft(text)));
  };

  // Loads a team pack (JSON text or an object). Overlays ("base": "default")
  // add, override or disable default rules by id. On any problem it throws
  // RAPPORT_E_RULE_PACK with `details` and the previous pack stays in use.
  analyzer.loadRulePack = function loadRulePack(pack) {
    usable('loadRulePack');
    let text = pack;
    if (typeof pack === 'object' && pack !== null) text = JSON.stringify(pack);
    if (typeof text !== 'string') {
      throw new RapportError(ErrorCodes.INPUT_TYPE,
        `loadRulePack() expects JSON text or an object, got ${describeType(pack)}`);
    }
    const result = JSON.parse(call(() => core.reviewLoadPack(wellFormed(text))));
    if (!result.ok) {
      const first = result.errors[0];
      const more = result.errors.length > 1 ? ` (and ${result.errors.length - 1} more)` : '';
      const error = new RapportError(RULE_PACK_ERROR,
        `invalid rule pack: ${first ? `${first.path || '/'}: ${first.message}` : 'unknown error'}${more}`);
      error.details = result.errors;
      throw error;
    }
    return { ruleCount: result.ruleCount };
  };

  // The pack in use as standalone JSON text (importable with loadRulePack).
  analyzer.exportRulePack = function exportRulePack() {
    usable('exportRulePack');
    return call(() => core.reviewExportPack());
  };

  analyzer.resetRulePack = function resetRulePack() {
    usable('resetRulePack');
    call(() => core.reviewResetPack());
  };

  return analyzer;
}

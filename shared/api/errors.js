// The one error class of the public API. Every failure a caller can see is a
// RapportError with a stable `code` (documented in ERRORS.md, asserted in full
// by tests/js/errors.test.mjs). Messages may be read by people; code is for
// programs, so it never changes once published.

export class RapportError extends Error {
  constructor(code, message, options) {
    super(message, options);
    this.name = 'RapportError';
    this.code = code;
  }
}

// Names of every code, so callers can compare without string typos.
export const ErrorCodes = Object.freeze({
  INPUT_TYPE: 'RAPPORT_E_INPUT_TYPE',
  TOO_MANY: 'RAPPORT_E_TOO_MANY',
  TOO_LARGE: 'RAPPORT_E_TOO_LARGE',
  DISPOSED: 'RAPPORT_E_DISPOSED',
  OPTIONS: 'RAPPORT_E_OPTIONS',
  ENGINE_LOAD: 'RAPPORT_E_ENGINE_LOAD',
  MODEL_LOAD: 'RAPPORT_E_MODEL_LOAD',
  RULE_PACK: 'RAPPORT_E_RULE_PACK',
  OUT_OF_MEMORY: 'RAPPORT_E_OUT_OF_MEMORY',
  INTERNAL: 'RAPPORT_E_INTERNAL',
  // The engine-host bridge (shared/bridge/): the same codes cross it, plus these.
  HOST_GONE: 'RAPPORT_E_HOST_GONE',
  BRIDGE_METHOD: 'RAPPORT_E_BRIDGE_METHOD',
  BRIDGE_REQUEST: 'RAPPORT_E_BRIDGE_REQUEST',
  CANCELLED: 'RAPPORT_E_CANCELLED',
  NO_SESSION: 'RAPPORT_E_NO_SESSION',
  // Customer context (shared/api/context.js).
  NOT_FOUND: 'RAPPORT_E_NOT_FOUND',
  AMBIGUOUS: 'RAPPORT_E_AMBIGUOUS',
});

// Short type names for messages: "null", "array", "number", ... (typeof alone
// says "object" for null and arrays, which helps nobody).
export function describeType(value) {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

// The bridge's wire messages, shared by client.js and host.js:
//
//   request  { id, method, args }        client -> host; id: a positive safe integer, unique per port
//   cancel   { id, cancel: true }        client -> host; the host drops the call if it has not run
//   reply    { id, ok: true, result }    host -> client
//            { id, ok: false, error: { code, message, details? } }
//   ready    { ready: true }             host -> client; sent once when serving starts
//   closing  { closing: true }           host -> client; the host is shutting down (pending calls fail)
//
// Errors cross as { code, message } and become a RapportError with that code
// on the other side, so a caller tells "input was wrong" from "the host went
// away" the same way it would with a local analyzer (shared/api/ERRORS.md).

import { RapportError, ErrorCodes } from '../api/errors.js';

const CODE = /^RAPPORT_E_[A-Z_]+$/;

// An Error (or anything thrown) as the wire's error object.
export function errorToWire(error) {
  if (error instanceof RapportError || (error && typeof error.code === 'string' && CODE.test(error.code))) {
    const wire = { code: error.code, message: String(error.message) };
    // RAPPORT_E_RULE_PACK lists every problem; plain data, so it crosses as is.
    if (Array.isArray(error.details)) wire.details = error.details.map(plainProblem);
    return wire;
  }
  // A bug in a method, not a documented failure: keep what it said.
  const what = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return { code: ErrorCodes.INTERNAL, message: `the engine host failed: ${what}` };
}

function plainProblem(p) {
  return { path: String(p?.path ?? ''), code: String(p?.code ?? ''), message: String(p?.message ?? '') };
}

// The wire's error object as the RapportError a local call would have thrown.
export function errorFromWire(wire) {
  const ok = wire && typeof wire.code === 'string' && CODE.test(wire.code);
  const error = new RapportError(ok ? wire.code : ErrorCodes.INTERNAL,
    ok && typeof wire.message === 'string' ? wire.message : 'the engine host sent a malformed error');
  if (ok && Array.isArray(wire.details)) error.details = wire.details;
  return error;
}

export function isRequestId(id) {
  return Number.isSafeInteger(id) && id > 0;
}

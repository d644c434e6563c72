// The one place that knows which extension API object this browser has.
// Firefox offers the promise-based `browser.*` (and `chrome.*` as an alias);
// Chromium offers `chrome.*`, promise-based in MV3 for everything we call.
export const ext = globalThis.browser ?? globalThis.chrome;

// The customer context's bridge methods (shared/bridge/README.md), merged into the engine host's method table beside engineMethods():
//
//   serveBridge({ port, methods: { ...engineMethods(factory), ...contextMethods(() => service) } })
//
// `getService` returns (or lazily opens) the host's context service
// (service.js); every method awaits it, so the first call starts it.
// The importer (and its CSV parser) is loaded on first use: hosts that only
// capture and read, such as a page importing shared/context unbundled, never need it.
const importer = () => import('./import.js');

export function contextMethods(getService) {
  const use = async () => getService();
  // Chunked imports (import-stream.js), made on first use.
  let streams = null;
  const sessions = () => (streams ??= import('./import-stream.js').then((m) => m.importSessions(use)));
  return {
    // A conversation as the content script reads it; returns { added,
    // duplicates, customer } (the customer id for the side panel to ask about).
    'context.capture': async (conversation) => (await use()).capture(conversation),
    'context.summary': async (customer, options) => (await use()).summary(customer, options),
    'context.timeline': async (customer) => (await use()).timeline(customer),
    'context.profile': async (customer) => (await use()).profile(customer),
    'context.customers': async () => (await use()).customers(),
    'context.add': async (events) => (await use()).add(events),
    // An orders/CRM file's text (CSV, JSON, NDJSON) through the one import
    // pipeline, all or nothing; { name, mapping? } -> { importId, rows, added,
    // duplicates, seconds, mapping }. A bad file rejects with an ImportError
    // (RAPPORT_E_IMPORT) whose message names the line, record and field.
    'context.importText': async (text, options) => (await importer()).importContextText(await use(), text, options),
    // The same, a chunk at a time (no message carries the whole file):
    // importStart(firstText, { name, mapping?, size }) -> { importId, mapping,
    // columns }; importChunk(importId, text) -> progress { rows, bytes,
    // totalBytes, share, rowsPerSecond, secondsLeft } once taken;
    // importFinish(importId) -> importText's answer; importCancel(importId)
    // -> { cancelled } (nothing kept). A bad row rejects the next call.
    'context.importStart': async (text, options) => (await sessions()).start(text, options),
    'context.importChunk': async (importId, text) => (await sessions()).chunk(importId, text),
    'context.importFinish': async (importId) => (await sessions()).finish(importId),
    'context.importCancel': async (importId) => (await sessions()).cancel(importId),
    // The mapping step for a file's text, or its first part: { columns, rows, mapping, fields, error }.
    'context.previewText': async (text, options) => (await importer()).previewContextText(text, options),
    'context.merge': async (a, b, reason) => (await use()).merge(a, b, reason),
    'context.unmerge': async (mergeId) => (await use()).unmerge(mergeId),
    'context.forget': async (customer) => (await use()).forget(customer),
    'context.deleteAll': async () => (await use()).deleteAll(),
    'context.exportAll': async () => (await use()).exportAll(),
    'context.estimate': async () => (await use()).estimate(),
  };
}

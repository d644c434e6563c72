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
    // The same text's mapping step: { columns, rows, mapping, fields, error }.
    'context.previewText': async (text, options) => (await importer()).previewContextText(text, options),
    'context.merge': async (a, b, reason) => (await use()).merge(a, b, reason),
    'context.unmerge': async (mergeId) => (await use()).unmerge(mergeId),
    'context.forget': async (customer) => (await use()).forget(customer),
    'context.deleteAll': async () => (await use()).deleteAll(),
    'context.exportAll': async () => (await use()).exportAll(),
    'context.estimate': async () => (await use()).estimate(),
  };
}

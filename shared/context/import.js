// Orders and CRM records into the customer context, through the one import
// pipeline (shared/import: streamed parsing, column mapping, progress,
// cancel). Each row becomes one event (a purchase by default; a `type` column
// may say refund, note or account_change). All or nothing, in batches: each
// batch goes into the engine and into the store under a pending import that
// one transaction switches on at the end; a bad row (named by line, record
// and field), a cancel or an error sweeps the pending rows and rebuilds the
// engine from the store, and a closed browser leaves a pending import that
// the next start sweeps, so nothing is ever half-imported.
import { previewImport, runImport, ImportError, validateMapping } from '../import/index.js';
import { valueAt } from '../import/mapping.js';

export const CONTEXT_FIELDS = [
  { id: 'at', label: 'Date', type: 'date', required: true,
    synonyms: ['at', 'date', 'order date', 'created', 'created at', 'purchased at', 'purchase date', 'time', 'timestamp', 'updated at'] },
  { id: 'type', label: 'Kind (purchase, refund, note, account_change)', type: 'string',
    synonyms: ['type', 'kind', 'event', 'event type', 'transaction type', 'record type'] },
  { id: 'order', label: 'Order number', type: 'string',
    synonyms: ['order', 'order id', 'order number', 'order no', 'order ref', 'invoice', 'transaction id'] },
  { id: 'amount', label: 'Amount', type: 'number', min: 0,
    synonyms: ['amount', 'total', 'order total', 'grand total', 'price', 'value', 'revenue', 'refund amount'] },
  { id: 'currency', label: 'Currency (ISO code)', type: 'string', synonyms: ['currency', 'currency code', 'ccy'] },
  { id: 'item', label: 'Item', type: 'string', synonyms: ['item', 'product', 'product name', 'sku', 'items', 'line item'] },
  { id: 'text', label: 'Note', type: 'text', synonyms: ['note', 'notes', 'comment', 'text', 'description', 'remarks'] },
  { id: 'change', label: 'Account change', type: 'string', synonyms: ['change', 'account change', 'plan change', 'status change'] },
  { id: 'email', label: 'Customer email', type: 'string', synonyms: ['email', 'customer email', 'e mail', 'email address', 'buyer email'] },
  { id: 'phone', label: 'Customer phone', type: 'string', synonyms: ['phone', 'phone number', 'mobile', 'telephone', 'customer phone'] },
  { id: 'userId', label: 'Customer id (in this system)', type: 'string',
    synonyms: ['customer id', 'user id', 'crm id', 'account id', 'client id', 'contact id', 'buyer id'] },
  { id: 'name', label: 'Customer name', type: 'string', synonyms: ['name', 'customer name', 'full name', 'customer', 'buyer', 'contact name'] },
];

// The first rows and a guessed mapping, for the mapping step.
export function previewContextImport(file, { name = file?.name ?? '' } = {}) {
  return previewImport(file, { name, fields: CONTEXT_FIELDS, formats: [] });
}

// One mapped row as an event of `source` (the file's name by default).
export function rowEvent(row, source) {
  const type = row.type ? String(row.type).trim().toLowerCase().replace(/[\s-]+/g, '_') : 'purchase';
  const event = { type, at: row.at, source };
  for (const k of ['order', 'amount', 'currency', 'item', 'text', 'change']) {
    if (row[k] !== undefined && row[k] !== '') event[k] = row[k];
  }
  const customer = {};
  for (const k of ['email', 'phone', 'userId', 'name']) {
    if (row[k] !== undefined && row[k] !== '') customer[k] = String(row[k]);
  }
  event.customer = customer;
  return event;
}

// An engine error for batch event `i` as an ImportError naming the file's
// line, record and field (`before`: rows of the file in earlier batches).
function rowError(error, before, lines) {
  const d = error.details?.[0];
  if (!d) return error;
  const field = d.field.startsWith('customer.') ? d.field.slice('customer.'.length) : d.field;
  return new ImportError(d.message.replace(/^event \d+(, field '[^']*')?: /, ''),
    { line: lines?.[d.event], record: before + d.event + 1, field });
}

// Lets the page or document running the import draw and answer between
// batches (the extension's engine host shares its thread with the side
// panel): a task boundary, not a microtask.
const nextTask = () => (globalThis.scheduler?.yield ? globalThis.scheduler.yield()
  : new Promise((resolve) => { setTimeout(resolve, 0); }));

// { source (File/Blob/stream/string), name, mapping, signal, onProgress,
// batchSize } -> { importId, rows, added, duplicates, seconds }. Streams:
// each batch of rows becomes events that go into the engine and IndexedDB
// under a pending import (service.startImport) while the next batch is
// parsed, so no structure ever holds the whole file. All or nothing: a bad
// row (an ImportError naming line, record and field), a cancel or a failed
// write aborts the import, which sweeps its stored rows and rebuilds the
// engine from the store; only the commit switches the rows on.
export async function importIntoContext(service, { source, name = '', mapping, signal, onProgress, importId, batchSize = 2000 } = {}) {
  const origin = name || 'import';
  let run = null;
  let rows = 0;
  let added = 0;
  let duplicates = 0;
  let writing = null;   // the previous batch's store write: at most one behind the engine
  const sink = {
    async begin(id) { run = await service.startImport(id, { name: origin }); },
    async write(batch, { lines } = {}) {
      const events = batch.map((row) => rowEvent(row, origin));
      let result;
      try {
        result = run.add(events);
      } catch (error) {
        throw rowError(error, rows, lines);
      }
      rows += events.length;
      added += result.added;
      duplicates += result.duplicates;
      await writing;
      writing = result.written;
      await nextTask();
    },
    async commit() {
      await writing;
      await run.commit();
    },
    async abort() { await run?.abort(); },
  };
  const done = await runImport({ source, name, format: 'mapped', mapping, fields: CONTEXT_FIELDS, formats: [], sink, signal,
    onProgress, batchSize, ...(importId ? { importId } : {}) });
  return { importId: done.importId, rows: done.rows, added, duplicates, seconds: done.seconds };
}

// What a panel's mapping step shows for a file's text: its columns, the
// first `rows` rows as strings in column order, the guessed mapping, the
// fields to map ({ id, label, required }) and, if the file cannot be read
// (a short row, not CSV/JSON), `error`, the ImportError's message. JSON
// columns may be nested ("customer.email"), read as the importer reads them.
export async function previewContextText(text, { name = 'import', rows = 5 } = {}) {
  if (typeof text !== 'string' || !text) throw new ImportError('the file is empty');
  const preview = await previewContextImport(text, { name });
  const broken = preview.issues.find((i) => i.line != null || (i.code && !i.field));
  const cell = (v) => (v === undefined || v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));
  return {
    columns: preview.columns,
    rows: preview.records.slice(0, rows).map((r) => preview.columns.map((c) => cell(valueAt(r, c)))),
    mapping: preview.mapping,
    fields: CONTEXT_FIELDS.map(({ id, label, required }) => ({ id, label, required: Boolean(required) })),
    error: broken ? ImportError.fromJSON(broken).message : null,
  };
}

// A mapping that came over the bridge is checked before it is used: a plain
// object of known field ids to columns the file has, each column used once,
// every required field mapped (validateMapping, as the dashboard's step).
function checkMapping(mapping, columns) {
  if (!mapping || typeof mapping !== 'object' || Array.isArray(mapping)) throw new ImportError('the mapping must be an object of field ids to columns');
  const known = new Set(CONTEXT_FIELDS.map((f) => f.id));
  const clean = {};
  for (const [field, column] of Object.entries(mapping)) {
    if (!known.has(field)) throw new ImportError(`there is no field '${field}' to map`, { field });
    if (column === '' || column === null || column === undefined) continue;
    if (typeof column !== 'string') throw new ImportError('a column must be named by a string', { field });
    clean[field] = column;
  }
  const issue = validateMapping(clean, CONTEXT_FIELDS, columns)[0];
  if (issue) throw new ImportError(issue.message, { field: issue.field });
  return clean;
}

// The mapping an import of `source` uses (the file, or a source yielding
// its first part): the one given, checked against the file's columns, or
// the one guessed from its headers, refused when it misses a required
// column, before anything is written.
export async function chooseMapping(source, { name = 'import', mapping } = {}) {
  const preview = await previewContextImport(source, { name });
  if (mapping !== undefined) return checkMapping(mapping, preview.columns);
  const issue = preview.issues[0];
  if (issue) throw new ImportError(issue.reason ?? issue.message, { line: issue.line, record: issue.record, field: issue.field });
  return preview.mapping;
}

// Which column fed which field, in words, for the agent to check.
export function columnsRead(mapping) {
  return CONTEXT_FIELDS.filter((f) => mapping[f.id]).map((f) => ({ field: f.id, label: f.label, column: mapping[f.id] }));
}

// A whole file's text at once, for a host that is handed the text over a
// bridge in one message (import-stream.js takes it in chunks instead).
export async function importContextText(service, text, { name = 'import', mapping } = {}) {
  if (typeof text !== 'string' || !text) throw new ImportError('the file is empty');
  const chosen = await chooseMapping(text, { name, mapping });
  const result = await importIntoContext(service, { source: text, name, mapping: chosen });
  return { ...result, mapping: chosen, columns: columnsRead(chosen) };
}

// Orders and CRM records into the customer context, through the one import
// pipeline (shared/import: streamed parsing, column mapping, progress,
// cancel). Each row becomes one event (a purchase by default; a `type` column
// may say refund, note or account_change). All or nothing: rows are only
// gathered while the file streams; at the end the engine takes them in one
// call (a bad row rejects all of them, naming its record and field) and the
// store writes them under a pending import that one transaction switches on,
// so a cancel, an error or a closed browser leaves nothing half-imported.
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

// { source (File/Blob/stream/string), name, mapping, signal, onProgress }
// -> { importId, rows, added, duplicates, seconds }. Rejects with an
// ImportError (record, field) and imports nothing.
export async function importIntoContext(service, { source, name = '', mapping, signal, onProgress, importId } = {}) {
  const events = [];
  const origin = name || 'import';
  let begun = null;
  const sink = {
    async begin(id) { begun = id; },
    async write(batch) { for (const row of batch) events.push(rowEvent(row, origin)); },
    async commit() {
      let result;
      try {
        result = await service.addImported(events, { importId: begun, name: origin });
      } catch (error) {
        const d = error.details?.[0];
        if (!d) throw error;
        const field = d.field.startsWith('customer.') ? d.field.slice('customer.'.length) : d.field;
        throw new ImportError(d.message.replace(/^event \d+(, field '[^']*')?: /, ''), { record: d.event + 1, field });
      }
      sink.result = result;
    },
    async abort() { await service.store.sweepImports(); },
  };
  const run = await runImport({ source, name, format: 'mapped', mapping, fields: CONTEXT_FIELDS, formats: [], sink, signal,
    onProgress, ...(importId ? { importId } : {}) });
  return { importId: run.importId, rows: run.rows, added: sink.result.added, duplicates: sink.result.duplicates,
    seconds: run.seconds };
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

// A whole file's text at once, for a host that is handed the text over a
// bridge (the extension's side panel reads the file, its engine host stores
// it): the mapping is guessed from the headers unless given (then checked
// against the file's columns), and a mapping that misses a required column
// stops it before anything is written.
export async function importContextText(service, text, { name = 'import', mapping } = {}) {
  if (typeof text !== 'string' || !text) throw new ImportError('the file is empty');
  const preview = await previewContextImport(text, { name });
  let chosen;
  if (mapping !== undefined) {
    chosen = checkMapping(mapping, preview.columns);
  } else {
    const issue = preview.issues[0];
    if (issue) throw new ImportError(issue.reason ?? issue.message, { line: issue.line, record: issue.record, field: issue.field });
    chosen = preview.mapping;
  }
  const result = await importIntoContext(service, { source: text, name, mapping: chosen });
  // Which column fed which field, in words, for the agent to check.
  const columns = CONTEXT_FIELDS.filter((f) => chosen[f.id]).map((f) => ({ field: f.id, label: f.label, column: chosen[f.id] }));
  return { ...result, mapping: chosen, columns };
}

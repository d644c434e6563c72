// The helpdesk formats the importer knows. Each: { id, label, docs[],
// kinds ('json' | 'ndjson' | 'csv'), jsonKeys (where a JSON object keeps its
// records), detect(record) or detectColumns(columns), toMessages(record,
// where) -> messages in MESSAGE_FIELDS shape }. Anything else goes through
// the column-mapping step ('mapped').
import zendesk from './zendesk.js';
import freshdesk from './freshdesk.js';
import freshdeskApi from './freshdesk-api.js';
import intercom from './intercom.js';
import helpscout from './helpscout.js';
import twcc from './twcc.js';
import rapport from './rapport.js';

export const FORMATS = [zendesk, freshdesk, freshdeskApi, intercom, helpscout, twcc, rapport];

export function formatById(id) {
  return FORMATS.find((f) => f.id === id) ?? null;
}

// The format whose detect() accepts the sample (records or CSV columns).
export function detectFormat(kind, { records = [], columns = [] }) {
  for (const format of FORMATS) {
    if (!format.kinds.includes(kind)) continue;
    if (kind === 'csv' ? format.detectColumns?.(columns) : records.length > 0 && records.every((r) => format.detect(r))) {
      return format;
    }
  }
  return null;
}

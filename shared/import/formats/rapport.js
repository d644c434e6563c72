// Records already scored by Rapport's native tool (wasm/tools/rapport_aggregate,
// "--records OUT.ndjson"): messages in the import fields (fields.js) plus the
// scores the dashboard keeps (shared/api/README.md, "Analytics": sentiment,
// priority, emotion, cues for customer messages; empathy, cold for agent
// replies). They are imported as they are, not scored again.
import { ImportError } from '../errors.js';
import { MESSAGE_FIELDS, coerce } from '../fields.js';

const SCORES = { sentiment: [-1, 1], priority: [0, 1], empathy: [0, 100] };

function strings(value, where, field) {
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
    throw new ImportError('expected a list of strings', { ...where, field });
  }
  return value;
}

export default {
  id: 'rapport',
  label: 'Rapport scored records (NDJSON from rapport_aggregate)',
  docs: [],
  kinds: ['ndjson', 'json'],
  jsonKeys: [],
  detect: (r) => 'conversation' in r && 'at' in r && 'text' in r && (typeof r.sentiment === 'number' || typeof r.empathy === 'number'),
  toMessages(record, where) {
    const out = {};
    for (const field of MESSAGE_FIELDS) {
      const value = coerce(field, field.type === 'role' && record.role === undefined ? 'customer' : record[field.id], where);
      if (value !== undefined) out[field.id] = value;
    }
    for (const [key, [min, max]] of Object.entries(SCORES)) {
      if (record[key] === undefined) continue;
      if (typeof record[key] !== 'number' || record[key] < min || record[key] > max) {
        throw new ImportError(`'${record[key]}' is not a number from ${min} to ${max}`, { ...where, field: key });
      }
      out[key] = record[key];
    }
    if (typeof record.emotion === 'string') out.emotion = record.emotion;
    if (record.cues !== undefined) out.cues = strings(record.cues, where, 'cues');
    if (record.cold !== undefined) out.cold = strings(record.cold, where, 'cold');
    const scored = out.role === 'agent' ? typeof out.empathy === 'number' || !out.text : typeof out.sentiment === 'number';
    if (!scored) throw new ImportError(out.role === 'agent' ? 'an agent reply without its empathy score' : 'a customer message without its sentiment score',
      { ...where, field: out.role === 'agent' ? 'empathy' : 'sentiment' });
    return [out];
  },
};

// The column-mapping step: which column of the file fills which field.
// guessMapping proposes one from the column names, validateMapping says
// what is missing, and mapRecord applies it to one row (coercing and
// checking each value, so a wrong type stops the import naming line and field).
import { coerce, normalizeName } from './fields.js';

// Columns of JSON records: their keys, and one level of nested object keys
// as "parent.child" (e.g. "author.name").
export function columnsOf(records) {
  const seen = new Set();
  for (const record of records) {
    for (const [key, value] of Object.entries(record)) {
      if (value && typeof value === 'object' && !Array.isArray(value)) {
        for (const sub of Object.keys(value)) seen.add(`${key}.${sub}`);
      } else {
        seen.add(key);
      }
    }
  }
  return [...seen];
}

export function valueAt(record, column) {
  if (column in record) return record[column];
  const dot = column.indexOf('.');
  if (dot < 0) return undefined;
  const parent = record[column.slice(0, dot)];
  return parent && typeof parent === 'object' ? parent[column.slice(dot + 1)] : undefined;
}

// { fieldId: column } for the fields whose synonyms name a column; each column used once.
export function guessMapping(columns, fields) {
  const byName = new Map();
  for (const c of columns) {
    const n = normalizeName(c);
    if (!byName.has(n)) byName.set(n, c);
    const last = normalizeName(c.split('.').pop());
    if (!byName.has(last)) byName.set(last, c);
  }
  const used = new Set();
  const mapping = {};
  for (const field of fields) {
    for (const name of [field.id, ...field.synonyms].map(normalizeName)) {
      const column = byName.get(name);
      if (column !== undefined && !used.has(column)) {
        mapping[field.id] = column;
        used.add(column);
        break;
      }
    }
  }
  return mapping;
}

// Problems that stop an import before it starts: required fields without a
// column, columns that do not exist, a column mapped twice.
export function validateMapping(mapping, fields, columns) {
  const issues = [];
  const known = new Set(columns);
  const seen = new Map();
  for (const field of fields) {
    const column = mapping[field.id];
    if (!column) {
      if (field.required) issues.push({ field: field.id, message: `${field.label}: choose the column that holds it` });
      continue;
    }
    if (!known.has(column)) issues.push({ field: field.id, message: `${field.label}: there is no column '${column}'` });
    if (seen.has(column)) issues.push({ field: field.id, message: `${field.label}: column '${column}' is already used for ${seen.get(column)}` });
    seen.set(column, field.label);
  }
  return issues;
}

// One mapped row -> one object of field values (empty optional fields left out).
export function mapRecord(record, mapping, fields, where) {
  const out = {};
  for (const field of fields) {
    const column = mapping[field.id];
    const value = coerce(field, column ? valueAt(record, column) : undefined, where, column);
    if (value !== undefined) out[field.id] = value;
  }
  return out;
}

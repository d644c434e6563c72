// Helpers the helpdesk formats share.
import { ImportError } from '../errors.js';
import { toTime } from '../time.js';

const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

// Helpdesk bodies are often HTML: tags become spaces or line breaks and
// entities are decoded. The result is plain text; the dashboard never
// inserts it as HTML.
export function htmlToText(html) {
  if (typeof html !== 'string') return '';
  if (!/[<&]/.test(html)) return html;
  return html
    .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<br\s*\/?>|<\/(p|div|li|h\d)>/gi, '\n')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e) => {
      if (e[0] === '#') {
        const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
        return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m;
      }
      return ENTITIES[e.toLowerCase()] ?? m;
    })
    .replace(/[ \t]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .trim();
}

export function need(record, key, where, what = 'is required') {
  const value = record[key];
  if (value === undefined || value === null || value === '') throw new ImportError(what, { ...where, field: key });
  return value;
}

export function timeField(value, where, field, required = true) {
  if (value === undefined || value === null || value === '') {
    if (required) throw new ImportError('is required (a date-time)', { ...where, field });
    return undefined;
  }
  const t = toTime(value);
  if (t === null) throw new ImportError(`'${String(value).slice(0, 40)}' is not a date-time`, { ...where, field });
  return t;
}

export function listOf(value, where, field) {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new ImportError(`expected a list, found ${typeof value}`, { ...where, field });
  return value;
}

export const nameOf = (person) => person && (person.name ?? [person.first, person.last].filter(Boolean).join(' ') ?? null);

// Orders records with an `at` (ISO-like strings of one export compare as text).
export const byTime = (a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0);

// Drops keys whose value is undefined, null or '' so records stay small.
export function compact(obj) {
  for (const k of Object.keys(obj)) if (obj[k] === undefined || obj[k] === null || obj[k] === '') delete obj[k];
  return obj;
}

// Streamed JSON: the records of a JSON array (or of the array under a known
// key, e.g. {"tickets": [...]}) come out one by one as the text streams in,
// through @streamparser/json with keepStack off, so a record is dropped by the
// parser once emitted and a 500 MB export never sits in memory.
// Text is fed a line at a time so each record knows the line it ends on.
import { JSONParser } from '@streamparser/json';
import { ImportError } from './errors.js';

// Which values are the records: '$.*' for a top-level array; '$.key.*' for
// {"key": [...]}; '$' for a single top-level object that is itself the record.
export function recordPaths(head, preferredKeys = []) {
  const start = head.trimStart()[0];
  if (start === '[') return ['$.*'];
  if (start !== '{') return null;
  // Nested keys first ("_embedded.conversations" before "conversations").
  const keys = [...preferredKeys].sort((a, b) => b.split('.').length - a.split('.').length);
  for (const key of keys) {
    const segments = key.split('.').map((k) => `"${k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"\\s*:\\s*`);
    const pattern = new RegExp(`${segments.join('\\{\\s*(?:"[^"]*"\\s*:\\s*[^{\\[]*?,\\s*)*')}\\[`);
    if (pattern.test(head)) return [`$.${key}.*`];
  }
  // The first key of the top object whose value is an array of objects.
  const m = /^\s*\{\s*(?:"[^"]*"\s*:\s*(?:"(?:[^"\\]|\\.)*"|[-\d.eE+]+|true|false|null)\s*,\s*)*"([^"]+)"\s*:\s*\[\s*\{/.exec(head);
  return m ? [`$.${m[1]}.*`] : ['$'];
}

// Yields { value, line } for each record; `chunks` yields { text }.
export async function* jsonRecords(chunks, { paths }) {
  const parser = new JSONParser({ paths, keepStack: false });
  let ready = [];
  let line = 1;
  let records = 0;
  parser.onValue = ({ value }) => {
    records++;
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      throw new ImportError(`expected an object for each record, found ${Array.isArray(value) ? 'an array' : typeof value}`,
        { line, record: records });
    }
    ready.push({ value, line });
  };
  const write = (piece) => {
    try {
      parser.write(piece);
    } catch (error) {
      if (error instanceof ImportError) throw error;
      throw new ImportError(`not valid JSON (${error.message.replace(/ in state .*$/, '')})`, { line });
    }
  };
  for await (const { text } of chunks) {
    let start = 0;
    for (;;) {
      const nl = text.indexOf('\n', start);
      if (nl < 0) {
        if (start < text.length) write(text.slice(start));
        break;
      }
      write(text.slice(start, nl + 1));
      line++;
      start = nl + 1;
    }
    if (ready.length) {
      const out = ready;
      ready = [];
      yield* out;
    }
  }
  try {
    if (!parser.isEnded) parser.end();  // it ends by itself after the closing bracket
  } catch {
    throw new ImportError(`the JSON ends in the middle of record ${records + 1}: the file is truncated`, { line });
  }
  yield* ready;
}

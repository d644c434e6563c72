// Streamed CSV through PapaParse's incremental Parser (the same machinery
// Papa.parse uses for its chunked file streamers): each chunk is parsed with
// the unfinished last row carried over, so quoted fields may span lines and
// chunks. The first row is the header. Rows come out as { header: cell }
// objects with the line they start on; a row with another number of fields
// than the header, or an unbalanced quote, stops the import naming its line.
import Papa from 'papaparse';
import { ImportError } from './errors.js';

const DELIMITERS = [',', ';', '\t', '|'];

// The delimiter is the candidate found most often outside quotes in the first line.
export function guessDelimiter(head) {
  const counts = new Map(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (const ch of head) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch) + 1);
  }
  let best = ',';
  for (const [d, n] of counts) if (n > counts.get(best)) best = d;
  return best;
}

export function guessNewline(head) {
  const n = head.indexOf('\n');
  if (n > 0 && head[n - 1] === '\r') return '\r\n';
  if (n < 0 && head.includes('\r')) return '\r';
  return '\n';
}

function uniqueHeaders(row) {
  const seen = new Map();
  return row.map((raw, i) => {
    const name = raw.trim() || `column ${i + 1}`;
    const n = seen.get(name) ?? 0;
    seen.set(name, n + 1);
    return n ? `${name} (${n + 1})` : name;
  });
}

const isBlank = (row) => row.length === 0 || (row.length === 1 && row[0].trim() === '');

// Yields { value, line } per data row; onHeaders(headers) is called once
// with the header row (duplicates renamed "name (2)").
export async function* csvRecords(chunks, { delimiter, newline, onHeaders } = {}) {
  let parser = null;
  let headers = null;
  let partial = '';
  let base = 0;            // absolute index of the aggregate's first character
  let scanPos = 0;         // absolute index up to which newlines were counted
  let scanLine = 1;
  let rowStart = 0;        // absolute index where the current row starts
  let pending = [];

  const lineAt = (aggregate, pos) => {
    for (let i = scanPos - base; i < pos - base; i++) if (aggregate.charCodeAt(i) === 10) scanLine++;
    scanPos = Math.max(scanPos, pos);
    return scanLine;
  };

  const rows = [];
  const makeParser = () => new Papa.Parser({ delimiter, newline, step: (r) => rows.push(r) });

  for await (const { text } of withFinal(chunks)) {
    const aggregate = partial + text.text;
    if (!parser) {
      // Guess from the whole first line (it may span the first chunks).
      if (!text.final && !aggregate.includes('\n')) {
        partial = aggregate;
        continue;
      }
      delimiter ??= guessDelimiter(aggregate);
      newline ??= guessNewline(aggregate);
      parser = makeParser();
    }
    rows.length = 0;
    parser.parse(aggregate, base, !text.final);
    let end = base;
    for (const r of rows) {
      const line = lineAt(aggregate, rowStart);
      for (const error of r.errors) {
        throw new ImportError(error.code === 'MissingQuotes'
          ? 'a quoted field is never closed (unbalanced quote; the file may be truncated)' : error.message, { line });
      }
      const row = r.data[0] ?? r.data;
      rowStart = r.meta.cursor;
      end = r.meta.cursor;
      if (isBlank(row)) continue;
      if (!headers) {
        headers = uniqueHeaders(row);
        onHeaders?.(headers);
        continue;
      }
      if (row.length !== headers.length) {
        throw new ImportError(`expected ${headers.length} fields (as in the header), found ${row.length}`, { line });
      }
      const value = {};
      for (let i = 0; i < headers.length; i++) value[headers[i]] = row[i];
      pending.push({ value, line });
    }
    if (text.final) break;
    lineAt(aggregate, end);
    partial = aggregate.slice(end - base);
    base = end;
    if (pending.length) {
      const out = pending;
      pending = [];
      yield* out;
    }
  }
  if (!headers) throw new ImportError('the file has no header row', { line: 1 });
  yield* pending;
}

// Marks the last chunk (final: true) so the parser knows the last row is complete;
// an empty source still gets one final (empty) chunk.
async function* withFinal(chunks) {
  let prev = null;
  for await (const chunk of chunks) {
    if (prev) yield { text: { text: prev.text, final: false } };
    prev = chunk;
  }
  yield { text: { text: prev?.text ?? '', final: true } };
}

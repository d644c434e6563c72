// NDJSON / JSON Lines: one JSON object per line, parsed as the text streams
// in (https://github.com/ndjson/ndjson-spec). Blank lines are skipped.
import { ImportError } from './errors.js';

function parseLine(text, line, last) {
  let value;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ImportError(last ? `not valid JSON (${error.message}); the file may be truncated`
      : `not valid JSON (${error.message})`, { line });
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ImportError(`expected a JSON object on each line, found ${Array.isArray(value) ? 'an array' : typeof value}`, { line });
  }
  return value;
}

// Yields { value, line } for each object; `chunks` yields { text }.
export async function* ndjsonRecords(chunks) {
  let rest = '';
  let line = 0;
  for await (const { text } of chunks) {
    const parts = (rest + text).split('\n');
    rest = parts.pop();
    const ready = [];
    for (const part of parts) {
      line++;
      const trimmed = part.trim();
      if (trimmed) ready.push({ value: parseLine(trimmed, line, false), line });
    }
    yield* ready;
  }
  line++;
  if (rest.trim()) yield { value: parseLine(rest.trim(), line, true), line };
}

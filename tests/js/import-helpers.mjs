// Helpers of the import tests: a sink that keeps what it is given and how the
// import ended, and the fixture folder.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'import');
export const readFixture = (name) => new Uint8Array(fs.readFileSync(path.join(FIXTURES, name)));

export function memorySink() {
  const sink = { rows: [], committed: false, aborted: null, begun: null,
    begin(id) { sink.begun = id; }, write(batch) { sink.rows.push(...batch); },
    commit() { sink.committed = true; }, abort(error) { sink.aborted = error; } };
  return sink;
}

// A generated NDJSON stream (never one string): `lines` messages of ~125 bytes.
export async function* bigNdjson(lines, perChunk = 2000) {
  for (let i = 0; i < lines; i += perChunk) {
    let chunk = '';
    for (let k = i; k < Math.min(lines, i + perChunk); k++) {
      chunk += `${JSON.stringify({ conversation: `c${k >> 2}`, at: '2024-01-01T10:00:00Z', text: `message number ${k} ${'x'.repeat(80)}` })}\n`;
    }
    yield new TextEncoder().encode(chunk);
  }
}

// Run in a child process whose heap is smaller than the stream: prints the
// rows and bytes imported (the import fails with an out-of-memory crash if
// anything keeps the whole input).
export async function streamThrough(lines) {
  const { runImport } = await import('../../shared/import/index.js');
  let rows = 0;
  let bytes = 0;
  async function* counted() {
    for await (const chunk of bigNdjson(lines)) { bytes += chunk.byteLength; yield chunk; }
  }
  await runImport({ source: counted(), format: 'mapped', mapping: { conversation: 'conversation', at: 'at', text: 'text' },
    sink: { begin() {}, write(batch) { rows += batch.length; }, commit() {}, abort() {} } });
  console.log(JSON.stringify({ rows, bytes }));
}

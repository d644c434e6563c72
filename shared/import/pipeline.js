// The import pipeline: source -> text chunks -> records (CSV / NDJSON / JSON,
// streamed) -> rows (a known helpdesk format, or the column mapping) ->
// transform (e.g. scoring) -> sink, in batches, all or nothing:
//   sink.begin(importId); sink.write(batch, { lines })...; sink.commit()  or  sink.abort(error)
// (`lines`: the file line each row of the batch came from, before any transform)
// Runs wherever it is called (a worker in the apps, Node in tests). See README.md.
import { ImportError, throwIfAborted } from './errors.js';
import { MESSAGE_FIELDS } from './fields.js';
import { columnsOf, guessMapping, mapRecord, validateMapping } from './mapping.js';
import { FORMATS, detectFormat } from './formats/index.js';
import { csvRecords } from './parse-csv.js';
import { jsonRecords, recordPaths } from './parse-json.js';
import { ndjsonRecords } from './parse-ndjson.js';
import { createProgress } from './progress.js';
import { sniffKind } from './sniff.js';
import { headText, peekSource, sourceSize, textChunks } from './text-stream.js';

const HEAD_BYTES = 256 * 1024;

function jsonKeys(formats) {
  return [...new Set(formats.flatMap((f) => f.jsonKeys ?? []))];
}

function recordsOf(kind, chunks, { head, formats, onHeaders }) {
  if (kind === 'csv') return csvRecords(chunks, { onHeaders });
  if (kind === 'ndjson') return ndjsonRecords(chunks);
  const paths = recordPaths(head, jsonKeys(formats));
  if (!paths) throw new ImportError('this is not JSON, NDJSON or CSV text', { line: 1 });
  return jsonRecords(chunks, { paths });
}

// A look at the first records: the kind, the format if a known one, the
// columns, a mapping guess and what would stop the import.
export async function previewImport(source, { name = '', fields = MESSAGE_FIELDS, formats = FORMATS, rows = 20 } = {}) {
  const head = await headText(source, HEAD_BYTES);
  const size = sourceSize(source);
  const cut = size === null || size > HEAD_BYTES;
  const kind = sniffKind(head, name);
  const records = [];
  let columns = [];
  const issues = [];
  try {
    const iter = recordsOf(kind, (async function* one() { yield { text: head }; })(),
      { head, formats, onHeaders: (h) => { columns = h; } });
    for await (const { value } of iter) {
      records.push(value);
      if (records.length > rows) break;
    }
  } catch (error) {
    if (!cut || records.length === 0) issues.push(error.toJSON?.() ?? { message: error.message });
  }
  if (cut && records.length > rows) records.length = rows;
  if (kind !== 'csv') columns = columnsOf(records);
  const format = detectFormat(kind, { records, columns });
  const mapping = format ? {} : guessMapping(columns, fields);
  if (!format) issues.push(...validateMapping(mapping, fields, columns));
  const messages = [];
  if (format) {
    records.forEach((r, i) => {
      try {
        messages.push(...format.toMessages(r, { record: i + 1 }));
      } catch (error) {
        issues.push(error.toJSON?.() ?? { message: error.message });
      }
    });
  }
  return { kind, format: format?.id ?? 'mapped', formatLabel: format?.label ?? `Other ${kind.toUpperCase()} (map the columns)`,
    docs: format?.docs ?? [], columns, records, mapping, issues, messages: messages.slice(0, rows), bytes: size };
}

// Streams the whole source through; resolves { importId, rows, records,
// seconds } after sink.commit(), or rejects (after sink.abort) with an
// ImportError naming line/record/field, or RAPPORT_E_CANCELLED on abort.
export async function runImport({ source: input, name = '', format, mapping = {}, fields = MESSAGE_FIELDS, formats = FORMATS,
  transform = null, sink, signal, onProgress, batchSize = 2000, importId = `import-${Date.now()}` }) {
  if (!sink) throw new ImportError('runImport needs a sink');
  const total = sourceSize(input);
  const { head, source } = await peekSource(input);
  const kind = sniffKind(head, name);
  const chosen = format && format !== 'mapped' ? formats.find((f) => f.id === format) : null;
  if (format && format !== 'mapped' && !chosen) throw new ImportError(`unknown format '${format}'`);
  if (!chosen) {
    const missing = fields.filter((f) => f.required && !mapping[f.id]);
    if (missing.length) throw new ImportError(`map a column to ${missing.map((f) => f.label).join(', ')}`, { field: missing[0].id });
  }
  const state = { bytes: 0, rows: 0, records: 0 };
  const progress = createProgress(total, onProgress);
  async function* counted() {
    for await (const chunk of textChunks(source, { signal })) {
      state.bytes = chunk.bytes;
      yield chunk;
    }
  }
  const started = performance.now();
  await sink.begin(importId);
  try {
    let batch = [];
    let lines = [];   // the file line of each row in `batch`, for a sink's own errors
    const flush = async () => {
      if (batch.length === 0) return;
      const rows = batch;
      const at = lines;
      batch = [];
      lines = [];
      const out = transform ? await transform(rows, { signal }) : rows;
      throwIfAborted(signal);
      await sink.write(out, { lines: at });
      state.rows += rows.length;
      progress.update(state);
    };
    for await (const { value, line } of recordsOf(kind, counted(), { head, formats })) {
      throwIfAborted(signal);
      state.records++;
      const where = { line, record: state.records };
      if (chosen) {
        for (const message of chosen.toMessages(value, where)) { batch.push(message); lines.push(line); }
      } else {
        batch.push(mapRecord(value, mapping, fields, where));
        lines.push(line);
      }
      if (batch.length >= batchSize) await flush();
    }
    await flush();
    if (state.rows === 0) throw new ImportError('the file holds no rows to import');
    throwIfAborted(signal);
    await sink.commit();
  } catch (error) {
    await sink.abort(error);
    throw error;
  }
  state.bytes = total ?? state.bytes;
  progress.update(state, true);
  return { importId, kind, format: chosen?.id ?? 'mapped', rows: state.rows, records: state.records,
    seconds: (performance.now() - started) / 1000 };
}

// Import: choose a file, look at its first rows, map the columns when the
// format is not a known helpdesk export, then stream it through the worker
// with a progress bar (rows per second, time left) and a Cancel button.
// Nothing shows until the import commits; a failure or a cancel keeps the
// previous data as it was.
import { useRef, useState } from 'preact/hooks';
import { MESSAGE_FIELDS } from '../../../../shared/import/fields.js';
import { call } from '../api.js';
import { DataTable } from '../components.jsx';
import { duration, int } from '../format.js';

// The fields the column mapping fills, with their labels (shared/import/fields.js).
const FIELDS = MESSAGE_FIELDS.map((f) => [f.id, f.label, Boolean(f.required)]);

const cell = (v) => (v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v).slice(0, 60) : String(v).slice(0, 60));

function Mapping({ preview, mapping, setMapping }) {
  return (
    <fieldset class="mapping">
      <legend>Map the columns</legend>
      {FIELDS.map(([id, label, required]) => (
        <label for={`map-${id}`}>{label}{required ? ' (required)' : ''}
          <select id={`map-${id}`} value={mapping[id] ?? ''} onChange={(e) => setMapping({ ...mapping, [id]: e.currentTarget.value || undefined })}>
            <option value="">(none)</option>
            {preview.columns.map((c) => <option value={c}>{c}</option>)}
          </select>
        </label>
      ))}
    </fieldset>
  );
}

function Progress({ p }) {
  const percent = p.share === null || p.share === undefined ? null : Math.round(p.share * 100);
  return (
    <div class="progress">
      <progress id="import-progress" max="100" value={percent ?? undefined} aria-label="Import progress" />
      <p role="status">{int(p.rows)} rows · {int(p.rowsPerSecond)} rows/s · {percent ?? '?'}% ·
        {p.secondsLeft === null || p.secondsLeft === undefined ? ' time left unknown' : ` ${duration(p.secondsLeft)} left`}</p>
    </div>
  );
}

export function Import({ state, onImported }) {
  const [file, setFile] = useState(null);
  const [preview, setPreview] = useState(null);
  const [mapping, setMapping] = useState({});
  const [replace, setReplace] = useState(true);
  const [progress, setProgress] = useState(null);
  const [result, setResult] = useState(null);
  const controller = useRef(null);

  const choose = async (f) => {
    setFile(f);
    setResult(null);
    setPreview(null);
    if (!f) return;
    try {
      const p = await call('importPreview', { file: f });
      setPreview(p);
      setMapping(p.mapping);
    } catch (error) {
      setResult({ kind: 'error', message: error.message });
    }
  };
  const start = async () => {
    controller.current = new AbortController();
    setProgress({ rows: 0, rowsPerSecond: 0, share: 0, secondsLeft: null });
    setResult(null);
    try {
      const r = await call('importRun', { file, format: preview.format, mapping, replace },
        { onProgress: setProgress, signal: controller.current.signal });
      setResult({ kind: 'ok', message: `Imported ${int(r.rows)} messages from ${int(r.records)} records in ${r.seconds.toFixed(1)} s.` });
      onImported();
    } catch (error) {
      setResult({ kind: 'error', message: error.code === 'RAPPORT_E_CANCELLED'
        ? 'Import cancelled. Your previous data is unchanged.' : `Import failed, nothing was imported: ${error.message}` });
    } finally {
      setProgress(null);
    }
  };
  const blocking = preview?.issues.filter((i) => preview.format === 'mapped' ? true : !i.line) ?? [];
  const missing = preview?.format === 'mapped' ? FIELDS.filter(([id, , req]) => req && !mapping[id]) : [];
  return (
    <section aria-labelledby="view-title">
      <h2 id="view-title">Import</h2>
      <p class="lead">Zendesk (JSON or NDJSON with comments), Freshdesk (ticket CSV, or API JSON with conversations), Intercom and Help Scout (JSON),
        the IBM Twitter customer care JSON, or any CSV, JSON or NDJSON with a column mapping. Files are read here, on this device.</p>
      <h3>Data in the dashboard</h3>
      <ul class="datasets">
        {state.sets.map((s) => <li>{s.name} ({int(s.rows)} messages, {s.format})
          {' '}<button type="button" onClick={async () => { await call('removeDataset', { id: s.id }); onImported(); }}
            aria-label={`Remove ${s.name}`}>Remove</button></li>)}
      </ul>
      <label for="import-file">Export file</label>
      <input id="import-file" type="file" accept=".csv,.tsv,.json,.ndjson,.jsonl,text/csv,application/json"
        onChange={(e) => choose(e.currentTarget.files[0] ?? null)} disabled={Boolean(progress)} />
      {preview && (
        <div class="preview">
          <p id="import-format"><strong>{preview.formatLabel}</strong> ({preview.kind.toUpperCase()}, {int(preview.bytes)} bytes)
            {preview.docs.length > 0 && <> · format: {preview.docs.map((d) => <a href={d} rel="noreferrer noopener" target="_blank">{new URL(d).hostname}</a>)}</>}</p>
          {preview.format === 'mapped' && <Mapping preview={preview} mapping={mapping} setMapping={setMapping} />}
          <DataTable caption={`First ${preview.records.length} records`} columns={preview.columns.slice(0, 8)}
            rows={preview.records.map((r) => ({ cells: preview.columns.slice(0, 8).map((c) => cell(r[c] ?? c.split('.').reduce((o, k) => o?.[k], r))) }))} />
          {(blocking.length > 0 || missing.length > 0) && (
            <ul class="issues" aria-label="Problems">
              {missing.map(([, label]) => <li>{label}: choose the column that holds it</li>)}
              {preview.format !== 'mapped' && blocking.map((i) => <li>{i.message}</li>)}
            </ul>
          )}
          <label class="check"><input type="checkbox" checked={replace} onChange={(e) => setReplace(e.currentTarget.checked)} />
            Replace the data in the dashboard (unticked: add to it)</label>
          <div class="row">
            <button type="button" id="import-start" onClick={start} disabled={Boolean(progress) || missing.length > 0}>Import</button>
            {progress && <button type="button" id="import-cancel" onClick={() => controller.current.abort()}>Cancel</button>}
          </div>
        </div>
      )}
      {progress && <Progress p={progress} />}
      {result && <p role="alert" class={`status status-${result.kind}`} id="import-result">{result.message}</p>}
    </section>
  );
}

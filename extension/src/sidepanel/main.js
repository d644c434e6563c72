// The side panel (Chrome side_panel, Firefox sidebar): the open
// conversation of the active helpdesk tab in this window — its customer,
// the mood trajectory of their messages, the cues they signal — or a clear
// empty state. It asks the background over a 'rapport-panel' bridge port:
// panel.current(windowId) once, then panel.watch(windowId, version), a long
// poll answered when the view changes (tab switch, new message, navigation).
// Opened as a page with ?tab=ID (tests, the popup's fallback), it follows that
// tab instead. Everything is put on the page with textContent.
// Below it, the customer's history from the customer context
// (<rapport-timeline>, shared/context): looked up by the customer's email when
// the page shows one, else by the id context.capture gave the conversation.
import { ext } from '../platform/ext.js';
import { RapportError, ErrorCodes } from '../../../shared/api/errors.js';
import { createBridgeClient } from '../../../shared/bridge/client.js';
import { fromRuntimePort } from '../../../shared/bridge/ports.js';
import { emptyState, panelView } from './view.js';
import { connectTimeline } from '../../../shared/context/timeline-view.js';
import { validateMapping } from '../../../shared/import/mapping.js';

const $ = (id) => document.getElementById(id);
const SVG = 'http://www.w3.org/2000/svg';
const openClient = () => createBridgeClient({ start: async () => fromRuntimePort(ext.runtime.connect({ name: 'rapport-panel' })) });
let client = openClient();   // replaced when the background stops answering (see ask)

// The timeline asks the context through this panel's bridge port.
const contextSource = Object.fromEntries(['profile', 'summary', 'timeline', 'merge', 'unmerge']
  .map((name) => [name, (...args) => client.call(`context.${name}`, args)]));
let timeline = null;
let timelineKey = null;
let loading = Promise.resolve();

// What the context knows this conversation's customer by, or null.
function customerOf(snapshot) {
  if (snapshot?.customer?.email) return { email: snapshot.customer.email };
  return snapshot?.contextCustomer ?? null;
}

function showTimeline(snapshot, contextVersion) {
  const customer = customerOf(snapshot);
  const key = JSON.stringify([customer, snapshot?.contextCustomer ?? null, snapshot?.captures ?? 0, contextVersion]);
  if (key === timelineKey) return;
  timelineKey = key;
  const element = $('timeline');
  // Loads run one after another, so the latest snapshot's customer wins.
  loading = loading.then(() => {
    if (!timeline) { timeline = connectTimeline(element, contextSource, customer); return timeline.ready; }
    return timeline.load(customer);
  }).then(() => { $('forget').hidden = !element.profile; }, (error) => {
    $('status').textContent = `The customer's history could not be read (${error.message}).`;
  });
}

async function forgetCustomer() {
  const profile = $('timeline').profile;
  if (!profile) return;
  const name = profile.name || profile.emails?.[0] || 'this customer';
  if (!window.confirm(`Delete everything Rapport keeps about ${name} on this device?`)) return;
  await client.call('context.forget', [profile.id]);
  await (loading = loading.then(() => timeline.load(null)));
  $('forget').hidden = true;
  $('status').textContent = `Rapport no longer keeps anything about ${name}.`;
}

// An orders/CRM file into the context, in two steps: the engine host
// previews its first part (context.previewText: columns, first rows, the
// mapping guessed from its headers, shared/import's guess), the agent checks
// or chooses the column of each field, and Import streams the file to the
// host a chunk at a time (context.importStart/importChunk/importFinish: no
// message carries the whole file), which checks the mapping again and stores
// all rows or none. A progress bar and line show how far it got; "Cancel
// import" (context.importCancel) stops it and leaves what was stored before
// as it was. The router then tells every panel to reload its timeline.
// Per message to the engine host, which parses each chunk in one go on the
// thread it shares with this panel: small enough to keep that short.
const CHUNK_BYTES = 256 * 1024;
const PREVIEW_BYTES = 64 * 1024;    // the first part read for the mapping step
let pending = null;   // { name, file, columns, fields } while the mapping step is shown
let running = null;   // { name, importId, cancelled, cancelling } while an import runs

function closeMapping() {
  pending = null;
  $('orders-map').hidden = true;
  $('orders-fields').replaceChildren();
  $('orders-head').replaceChildren();
  $('orders-rows').replaceChildren();
}

const cell = (tag, text) => Object.assign(document.createElement(tag), { textContent: text });

function chosenMapping() {
  return Object.fromEntries([...$('orders-fields').querySelectorAll('select')]
    .filter((s) => s.value).map((s) => [s.dataset.field, s.value]));
}

// Import stays disabled, with the reason in words, while a required field
// has no column or a column is used twice (validateMapping, as the dashboard's step).
function checkMapping() {
  const issues = validateMapping(chosenMapping(), pending.fields, pending.columns);
  $('orders-import').disabled = issues.length > 0;
  $('orders-missing').textContent = issues.length ? `To import: ${issues.map((i) => i.message).join('; ')}.` : '';
}

function showMapping(name, file, preview) {
  pending = { name, file, columns: preview.columns, fields: preview.fields };
  $('orders-head').replaceChildren(...preview.columns.map((c) => Object.assign(cell('th', c), { scope: 'col' })));
  $('orders-rows').replaceChildren(...preview.rows.map((row) => {
    const tr = document.createElement('tr');
    tr.append(...row.map((v) => cell('td', v)));
    return tr;
  }));
  $('orders-fields').replaceChildren(...preview.fields.map((field) => {
    const id = `orders-field-${field.id}`;
    const row = Object.assign(document.createElement('div'), { className: 'map-row' });
    const label = cell('label', field.required ? `${field.label} (required)` : field.label);
    label.htmlFor = id;
    const select = Object.assign(document.createElement('select'), { id });
    select.dataset.field = field.id;
    select.append(Object.assign(cell('option', '(not in this file)'), { value: '' }),
      ...preview.columns.map((c) => Object.assign(cell('option', c), { value: c })));
    select.value = preview.mapping[field.id] ?? '';
    select.addEventListener('change', checkMapping);
    row.append(label, select);
    return row;
  }));
  $('orders-map').hidden = false;
  checkMapping();
  $('orders-status').textContent = `${name}: check which column holds each field, then Import.`;
}

// The file as UTF-8 text, CHUNK_BYTES at a time (a character cut at a
// chunk's end is completed by the next). Bytes that are not UTF-8 stop it,
// naming the line, instead of importing garbled letters.
async function* fileTexts(file, chunkBytes = CHUNK_BYTES) {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let line = 1;
  for (let at = 0; at < file.size; at += chunkBytes) {
    const bytes = await file.slice(at, at + chunkBytes).arrayBuffer();
    const last = at + chunkBytes >= file.size;
    let text;
    try {
      text = decoder.decode(bytes, { stream: !last });
    } catch {
      const seen = new TextDecoder().decode(bytes);
      const before = seen.slice(0, Math.max(0, seen.indexOf('\uFFFD')));
      throw new Error(`line ${line + before.split('\n').length - 1}: the file is not UTF-8 text (was it saved as Windows-1252 or Latin-1? Save it as UTF-8 and import it again)`);
    }
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) line++;
    if (text) yield text;
  }
}

// The first part of the file for the mapping step, cut after its last
// whole line when the file goes on.
async function headOf(file) {
  const text = new TextDecoder().decode(await file.slice(0, PREVIEW_BYTES).arrayBuffer(), { stream: true });
  if (file.size <= PREVIEW_BYTES) return text;
  const end = text.lastIndexOf('\n');
  return end > 0 ? text.slice(0, end + 1) : text;
}

async function previewOrders(input) {
  const file = input.files?.[0];
  if (!file) return;
  closeMapping();
  const status = $('orders-status');
  $('orders-columns').textContent = '';
  status.textContent = `Reading ${file.name}…`;
  try {
    const preview = await client.call('context.previewText', [await headOf(file), { name: file.name }]);
    if (preview.error) status.textContent = `Nothing from ${file.name} was imported: ${preview.error}`;
    else showMapping(file.name, file, preview);
  } catch (error) {
    status.textContent = `Nothing from ${file.name} was imported: ${error.message}`;
  } finally {
    input.value = '';
  }
}

const number = (n) => Math.round(n).toLocaleString();

// The progress bar (a native <progress>: role progressbar, its value read
// out) and the same in words.
function showProgress(name, p) {
  const bar = $('orders-progress');
  if (p?.share == null) bar.removeAttribute('value');
  else bar.value = Math.round(p.share * 100);
  const parts = [p?.share == null ? `${name}` : `${Math.round(p.share * 100)}% of ${name}`,
    `${number(p?.rows ?? 0)} rows read`];
  if (p?.rowsPerSecond) parts.push(`${number(p.rowsPerSecond)} rows a second`);
  if (p?.secondsLeft != null) parts.push(`about ${Math.ceil(p.secondsLeft)} s left`);
  $('orders-progress-text').textContent = `${parts.join(', ')}.`;
}

async function importOrders() {
  if (!pending || running) return;
  const { name, file } = pending;
  const mapping = chosenMapping();
  const status = $('orders-status');
  closeMapping();
  running = { name, importId: null, cancelled: false, cancelling: null };
  const run = running;
  $('orders-file').disabled = true;
  $('orders-stop').disabled = false;
  $('orders-running').hidden = false;
  showProgress(name, { share: 0, rows: 0 });
  status.textContent = `Importing ${name}…`;
  $('orders-stop').focus();
  try {
    const texts = fileTexts(file);
    const first = await texts.next();
    if (first.done) throw new Error('the file is empty');
    ({ importId: run.importId } = await client.call('context.importStart', [first.value, { name, mapping, size: file.size }]));
    for await (const text of texts) {
      if (run.cancelled) break;
      showProgress(name, await client.call('context.importChunk', [run.importId, text]));
    }
    if (!run.cancelled) {
      const r = await client.call('context.importFinish', [run.importId]);
      status.textContent = `${name}: ${r.rows} row${r.rows === 1 ? '' : 's'} read, ${r.added} new, ${r.duplicates} already stored.`;
      $('orders-columns').textContent = `Columns read: ${r.columns.map((c) => `${c.column} as ${c.label}`).join('; ')}.`;
      return;
    }
  } catch (error) {
    // A cancel makes the host's pending calls fail with its own error.
    if (!run.cancelled) {
      status.textContent = `Nothing from ${name} was imported: ${error.message}`;
      if (run.importId) client.call('context.importCancel', [run.importId]).catch(() => {});
      return;
    }
  } finally {
    running = null;
    $('orders-running').hidden = true;
    $('orders-file').disabled = false;
    $('orders-file').focus();
  }
  // Cancelled before the host started it: there is nothing to stop.
  const { cancelled } = run.importId ? await (run.cancelling ??= client.call('context.importCancel', [run.importId]))
    : { cancelled: true };
  status.textContent = cancelled
    ? `${name} was not imported: cancelled. What was stored before is unchanged.`
    : `${name} was already imported when the cancel reached it.`;
}

// Stops the running import; importOrders says how it ended.
function stopImport() {
  if (!running || running.cancelled) return;
  running.cancelled = true;
  $('orders-stop').disabled = true;
  $('orders-status').textContent = `Cancelling the import of ${running.name}…`;
  if (running.importId) running.cancelling = client.call('context.importCancel', [running.importId]);
}

function svg(tag, attrs) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  return node;
}

// Sentiment of each customer message, oldest first, on a -1..1 scale.
function drawChart(points) {
  const w = 300; const h = 90; const pad = 14;
  const x = (i) => (points.length === 1 ? w / 2 : pad + (i * (w - 2 * pad)) / (points.length - 1));
  const y = (v) => h / 2 - (v * (h / 2 - pad));
  const parts = [svg('line', { class: 'zero', x1: 0, x2: w, y1: y(0), y2: y(0) })];
  const top = svg('text', { class: 'axis', x: 2, y: 10 }); top.textContent = '+1';
  const bottom = svg('text', { class: 'axis', x: 2, y: h - 3 }); bottom.textContent = '−1';
  parts.push(top, bottom);
  if (points.length > 1) parts.push(svg('polyline', { class: 'line', points: points.map((v, i) => `${x(i)},${y(v)}`).join(' ') }));
  points.forEach((v, i) => parts.push(svg('circle', { class: 'dot', cx: x(i), cy: y(v), r: 3.5 })));
  $('chart').replaceChildren(...parts);
}

function render(snapshot, contextVersion = 0) {
  $('history').hidden = !snapshot;
  if (snapshot) showTimeline(snapshot, contextVersion);
  const empty = emptyState(snapshot);
  $('empty').hidden = !empty;
  $('conversation').hidden = Boolean(empty);
  if (empty) {
    $('who').textContent = snapshot?.customer?.name ?? '';
    $('empty-title').textContent = empty.title;
    $('empty-text').textContent = empty.text;
    return;
  }
  const view = panelView(snapshot);
  $('who').textContent = view.who;
  $('trend').textContent = view.trend.text;
  $('trend').dataset.direction = view.trend.direction;
  $('chart-label').textContent = view.chartLabel;
  drawChart(view.points);
  const cues = view.cues.length ? view.cues : ['No urgency, churn risk, escalation or repeat contact so far.'];
  $('cues').replaceChildren(...cues.map((text) => Object.assign(document.createElement('li'), { textContent: text })));
  $('messages').replaceChildren(...view.messages.map((m) => {
    const li = document.createElement('li');
    const label = Object.assign(document.createElement('span'), { className: 'label', textContent: m.label });
    const text = Object.assign(document.createElement('span'), { className: 'text', textContent: m.text });
    li.append(label, text);
    return li;
  }));
}

// A call with no answer within `patience` went to a background that is gone
// without the port saying so (seen in Chromium when the service worker is
// stopped: the page's port stays open, its messages lost). The panel drops
// that port and starts over on a new one. The router answers a watch within
// 20 s even when nothing changed, so a watch gets 30 s.
async function ask(method, args, patience = 10_000) {
  const signal = AbortSignal.timeout(patience);
  try {
    return await client.call(method, args, { signal });
  } catch (error) {
    if (!signal.aborted) throw error;
    client.close();
    client = openClient();
    throw new RapportError(ErrorCodes.HOST_GONE, `no answer to ${method} within ${patience / 1000} s`);
  }
}

async function followOnce() {
  const tabId = Number(new URLSearchParams(location.search).get('tab'));
  if (Number.isInteger(tabId) && tabId > 0) {
    let version = -1;
    for (;;) {
      const state = await ask('panel.ofTab', [tabId]);
      if (state.version !== version) { version = state.version; render(state.snapshot, state.contextVersion); }
      await new Promise((r) => setTimeout(r, 400));
    }
  }
  const { id: windowId } = await ext.windows.getCurrent();
  let state = await ask('panel.current', [windowId]);
  render(state.snapshot, state.contextVersion);
  for (;;) {
    const next = await ask('panel.watch', [windowId, state.version], 30_000);
    if (next && next.version !== state.version) render(next.snapshot, next.contextVersion);
    if (next) state = next;
  }
}

// The background goes when idle (Firefox unloads its event page, Chrome
// stops its service worker) and this panel's port with it: the pending call
// fails with RAPPORT_E_HOST_GONE (or gets no answer, see ask), the next one
// connects again, and the panel starts over from the current state (the
// router asks the tab again).
async function follow() {
  for (;;) {
    try {
      await followOnce();
    } catch (error) {
      if (error?.code !== ErrorCodes.HOST_GONE) throw error;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

$('forget').addEventListener('click', () => forgetCustomer().catch((error) => {
  $('status').textContent = `The customer could not be deleted (${error.message}).`;
}));
$('orders-file').addEventListener('change', (event) => { previewOrders(event.target); });
$('orders-map').addEventListener('submit', (event) => {
  event.preventDefault();
  importOrders().catch((error) => { $('orders-status').textContent = `The import stopped: ${error.message}`; });
});
$('orders-stop').addEventListener('click', stopImport);
$('orders-cancel').addEventListener('click', () => {
  const name = pending?.name;
  closeMapping();
  $('orders-status').textContent = name ? `${name} was not imported.` : '';
  $('orders-file').focus();
});
render(null);
follow().catch((error) => {
  $('status').textContent = `The panel lost its connection to Rapport (${error.message}). Close and reopen it.`;
});

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
import { ErrorCodes } from '../../../shared/api/errors.js';
import { createBridgeClient } from '../../../shared/bridge/client.js';
import { fromRuntimePort } from '../../../shared/bridge/ports.js';
import { emptyState, panelView } from './view.js';
import { connectTimeline } from '../../../shared/context/timeline-view.js';
import { validateMapping } from '../../../shared/import/mapping.js';

const $ = (id) => document.getElementById(id);
const SVG = 'http://www.w3.org/2000/svg';
const client = createBridgeClient({ start: async () => fromRuntimePort(ext.runtime.connect({ name: 'rapport-panel' })) });

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
// previews it (context.previewText: columns, first rows, the mapping guessed
// from its headers, shared/import's guess), the agent checks or chooses the
// column of each field, and Import hands the text and that mapping to
// context.importText, which checks the mapping again and stores all rows or
// none; the router then tells every panel to reload its timeline.
let pending = null;   // { name, text, columns, fields } while the mapping step is shown

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

function showMapping(name, text, preview) {
  pending = { name, text, columns: preview.columns, fields: preview.fields };
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

async function previewOrders(input) {
  const file = input.files?.[0];
  if (!file) return;
  closeMapping();
  const status = $('orders-status');
  $('orders-columns').textContent = '';
  status.textContent = `Reading ${file.name}…`;
  try {
    const text = await file.text();
    const preview = await client.call('context.previewText', [text, { name: file.name }]);
    if (preview.error) status.textContent = `Nothing from ${file.name} was imported: ${preview.error}`;
    else showMapping(file.name, text, preview);
  } catch (error) {
    status.textContent = `Nothing from ${file.name} was imported: ${error.message}`;
  } finally {
    input.value = '';
  }
}

async function importOrders() {
  if (!pending) return;
  const { name, text } = pending;
  const mapping = chosenMapping();
  const status = $('orders-status');
  status.textContent = `Importing ${name}…`;
  $('orders-map').inert = true;
  try {
    const r = await client.call('context.importText', [text, { name, mapping }]);
    closeMapping();
    status.textContent = `${name}: ${r.rows} row${r.rows === 1 ? '' : 's'} read, ${r.added} new, ${r.duplicates} already stored.`;
    $('orders-columns').textContent = `Columns read: ${r.columns.map((c) => `${c.column} as ${c.label}`).join('; ')}.`;
    $('orders-file').focus();
  } catch (error) {
    status.textContent = `Nothing from ${name} was imported: ${error.message}`;
  } finally {
    $('orders-map').inert = false;
  }
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

async function followOnce() {
  const tabId = Number(new URLSearchParams(location.search).get('tab'));
  if (Number.isInteger(tabId) && tabId > 0) {
    let version = -1;
    for (;;) {
      const state = await client.call('panel.ofTab', [tabId]);
      if (state.version !== version) { version = state.version; render(state.snapshot, state.contextVersion); }
      await new Promise((r) => setTimeout(r, 400));
    }
  }
  const { id: windowId } = await ext.windows.getCurrent();
  let state = await client.call('panel.current', [windowId]);
  render(state.snapshot, state.contextVersion);
  for (;;) {
    const next = await client.call('panel.watch', [windowId, state.version]);
    if (next) { state = next; render(state.snapshot, state.contextVersion); }
  }
}

// The background goes when idle (Firefox unloads its event page, Chrome
// stops its service worker) and this panel's port with it: the pending call
// fails with RAPPORT_E_HOST_GONE, the next one connects again, and the panel
// starts over from the current state (the router asks the tab again).
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
$('orders-map').addEventListener('submit', (event) => { event.preventDefault(); importOrders(); });
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

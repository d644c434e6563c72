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
import { createBridgeClient } from '../../../shared/bridge/client.js';
import { fromRuntimePort } from '../../../shared/bridge/ports.js';
import { emptyState, panelView } from './view.js';
import { connectTimeline } from '../../../shared/context/timeline-view.js';

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

// An orders/CRM file into the context: the engine host parses it with the
// shared importer (the mapping guessed from its headers) and stores it all
// or nothing; the router then tells every panel to reload its timeline.
async function importOrders(input) {
  const file = input.files?.[0];
  if (!file) return;
  const status = $('orders-status');
  status.textContent = `Importing ${file.name}…`;
  $('orders-columns').textContent = '';
  input.disabled = true;
  try {
    const r = await client.call('context.importText', [await file.text(), { name: file.name }]);
    status.textContent = `${file.name}: ${r.rows} row${r.rows === 1 ? '' : 's'} read, ${r.added} new, ${r.duplicates} already stored.`;
    $('orders-columns').textContent = `Columns read: ${r.columns.map((c) => `${c.column} as ${c.label}`).join('; ')}.`;
  } catch (error) {
    status.textContent = `Nothing from ${file.name} was imported: ${error.message}`;
  } finally {
    input.disabled = false;
    input.value = '';
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

async function follow() {
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

$('forget').addEventListener('click', () => forgetCustomer().catch((error) => {
  $('status').textContent = `The customer could not be deleted (${error.message}).`;
}));
$('orders-file').addEventListener('change', (event) => { importOrders(event.target); });
render(null);
follow().catch((error) => {
  $('status').textContent = `The panel lost its connection to Rapport (${error.message}). Close and reopen it.`;
});

// <rapport-timeline>: one customer's context, for the extension's side panel
// and the dashboard's customer view. Data in, events out: the host sets
// `profile`, `summary` and `events` (from the context service or the bridge)
// and answers the element's requests: `rapport-merge` { a, b, reason },
// `rapport-unmerge` { merge }. connectTimeline() below wires one to a source.
//
// Shows: the profile, key facts, the suggested opening line with a copy
// button, a sentiment sparkline with its text alternative, the timeline
// newest first grouped by conversation, merge/unmerge controls, an empty state.
// Text from pages and imports is only ever rendered as text (Lit escapes it).
import { LitElement, html, css, nothing, svg } from 'lit';

const TYPE_LABELS = {
  message: 'Message', conversation: 'Conversation', ticket_opened: 'Ticket opened', ticket_closed: 'Ticket closed',
  ticket_reopened: 'Ticket reopened', purchase: 'Purchase', refund: 'Refund', account_change: 'Account change',
  note: 'Note', csat: 'CSAT rating', nps: 'NPS rating',
};

function when(iso) {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

function money(amount, currency) {
  try {
    return currency ? new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(amount) : String(amount);
  } catch {
    return `${amount} ${currency}`;
  }
}

function moodWord(score) {
  return score <= -0.25 ? 'negative' : score >= 0.25 ? 'positive' : 'neutral';
}

// The key facts as short sentences (the same list is the panel's summary).
export function keyFacts(summary) {
  if (!summary) return [];
  const facts = [];
  const c = summary.contacts;
  facts.push(`${c.last7} contact${c.last7 === 1 ? '' : 's'} in the last 7 days, ${c.last30} in 30, ${c.last90} in 90`);
  if (summary.openIssues.length) {
    facts.push(`${summary.openIssues.length} open issue${summary.openIssues.length === 1 ? '' : 's'}: ` +
      summary.openIssues.map((i) => (i.topic ? `${i.topic} (#${i.ticket})` : `#${i.ticket}`)).join(', '));
  }
  if (summary.repeatContact) {
    const r = summary.repeatContact;
    facts.push(`Repeat contact about ${r.topic}: ${r.contacts} times within ${r.withinDays} days`);
  }
  if (summary.lastContact?.topic) facts.push(`Last contact about ${summary.lastContact.topic}`);
  if (summary.lifetimeValue.length) {
    facts.push(`Lifetime value ${summary.lifetimeValue.map((v) => money(v.amount, v.currency)).join(' + ')} over ${summary.orders} order${summary.orders === 1 ? '' : 's'}`);
  }
  if (summary.lastPurchase) {
    const p = summary.lastPurchase;
    facts.push(`Last purchase ${when(p.at)}${p.order ? `, order ${p.order}` : ''}${p.item ? `, ${p.item}` : ''}`);
  }
  if (summary.lastRating) facts.push(`Last ${summary.lastRating.type.toUpperCase()} rating: ${summary.lastRating.score}`);
  return facts;
}

// The sparkline's text alternative: what a sighted reader takes from it.
export function moodDescription(sentiment) {
  if (!sentiment) return 'No mood readings yet.';
  const pts = sentiment.points;
  const first = pts[0].score, last = pts[pts.length - 1].score;
  const trend = sentiment.trend ? `, ${sentiment.trend}` : '';
  return `Mood over the last ${pts.length} customer message${pts.length === 1 ? '' : 's'}: from ${moodWord(first)} ` +
    `(${first.toFixed(2)}) to ${moodWord(last)} (${last.toFixed(2)})${trend}.`;
}

// Newest first, grouped by conversation (else ticket, else on its own); a
// group sits where its newest event is.
export function groupEvents(events) {
  const groups = new Map();
  for (const e of events) {
    const key = e.conversation ? `c:${e.source}:${e.conversation}` : e.ticket ? `t:${e.source}:${e.ticket}` : `e:${e.id}`;
    if (!groups.has(key)) groups.set(key, { key, conversation: e.conversation ?? null, ticket: e.ticket ?? null, source: e.source, events: [] });
    groups.get(key).events.push(e);
  }
  const list = [...groups.values()];
  for (const g of list) {
    g.events.reverse();  // input is oldest first
    g.latest = g.events[0].at;
    g.topic = g.events.find((e) => e.topic)?.topic ?? null;
  }
  return list.sort((a, b) => Date.parse(b.latest) - Date.parse(a.latest));
}

export class RapportTimeline extends LitElement {
  static properties = {
    profile: { attribute: false },
    summary: { attribute: false },
    events: { attribute: false },
    busy: { type: Boolean, reflect: true },
    _copied: { state: true },
  };

  static styles = css`
    :host { display: block; font: 14px/1.45 system-ui, sans-serif; color: #1f2328; }
    h2 { font-size: 1.15em; margin: 0 0 .25em; }
    h3 { font-size: 1em; margin: 1em 0 .4em; }
    .ids { color: #57606a; font-size: .9em; margin: 0; }
    ul.facts { margin: .3em 0; padding-left: 1.2em; }
    .opening { border: 1px solid #d0d7de; border-radius: 6px; padding: .5em .7em; background: #f6f8fa; }
    .opening p { margin: 0 0 .4em; }
    button { font: inherit; padding: .2em .7em; border-radius: 6px; border: 1px solid #8c959f; background: #fff; color: #1f2328; cursor: pointer; }
    button:focus-visible, summary:focus-visible { outline: 2px solid #0969da; outline-offset: 2px; }
    svg { display: block; }
    details { border-top: 1px solid #d8dee4; padding: .3em 0; }
    summary { cursor: pointer; }
    ol { list-style: none; margin: .3em 0; padding: 0; }
    li { margin: .35em 0; }
    .meta { color: #57606a; font-size: .85em; }
    .text { white-space: pre-wrap; overflow-wrap: anywhere; }
    .empty { color: #57606a; }
    .merge { margin: .3em 0; }
    .sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
  `;

  constructor() {
    super();
    this.profile = null;
    this.summary = null;
    this.events = [];
    this.busy = false;
    this._copied = '';
  }

  render() {
    if (!this.profile) {
      return html`<section aria-label="Customer context"><p class="empty">No history for this customer yet.
        Conversations opened on sites where Rapport is on, and imported orders or CRM records, will appear here.</p></section>`;
    }
    const p = this.profile;
    const ids = [...p.emails, ...p.phones, ...p.userIds.map((u) => `${u.source} ${u.id}`)];
    return html`<section aria-label="Customer context" aria-busy=${this.busy ? 'true' : 'false'}>
      <h2>${p.name ?? p.emails[0] ?? p.phones[0] ?? 'Customer'}</h2>
      <p class="ids">${ids.join(' · ')}</p>
      ${this.renderOpening()}
      ${this.renderFacts()}
      ${this.renderMood()}
      ${this.renderMerges()}
      ${this.renderTimeline()}
    </section>`;
  }

  renderOpening() {
    const line = this.summary?.openingLine;
    if (!line) return nothing;
    return html`<div class="opening" role="group" aria-label="Suggested opening line">
      <p>${line}</p>
      <button type="button" @click=${() => this.copy(line)}>Copy opening line</button>
      <span role="status" aria-live="polite">${this._copied}</span>
    </div>`;
  }

  renderFacts() {
    const facts = keyFacts(this.summary);
    if (!facts.length) return nothing;
    return html`<h3>Key facts</h3><ul class="facts">${facts.map((f) => html`<li>${f}</li>`)}</ul>`;
  }

  renderMood() {
    const s = this.summary?.sentiment;
    if (!s) return nothing;
    const w = 200, h = 40, pts = s.points;
    const x = (i) => (pts.length === 1 ? w / 2 : (i * (w - 8)) / (pts.length - 1) + 4);
    const y = (score) => h / 2 - score * (h / 2 - 4);
    const line = pts.map((pt, i) => `${x(i).toFixed(1)},${y(pt.score).toFixed(1)}`).join(' ');
    const description = moodDescription(s);
    return html`<h3>Mood</h3>
      <svg role="img" aria-label=${description} width=${w} height=${h} viewBox="0 0 ${w} ${h}">
        ${svg`<line x1="0" x2=${w} y1=${h / 2} y2=${h / 2} stroke="#d0d7de" stroke-dasharray="3 3"></line>
        <polyline points=${line} fill="none" stroke="#0969da" stroke-width="2"></polyline>
        ${pts.map((pt, i) => svg`<circle cx=${x(i)} cy=${y(pt.score)} r="2.5" fill=${pt.score < -0.25 ? '#cf222e' : pt.score > 0.25 ? '#1a7f37' : '#57606a'}></circle>`)}`}
      </svg>
      <p class="meta">${description}</p>`;
  }

  renderMerges() {
    const p = this.profile;
    if (!p.merges.length && !p.links.length) return nothing;
    return html`<h3>Identity</h3>
      ${p.merges.map((m) => html`<div class="merge">
        <span>Merged ${m.manual ? 'by hand' : 'automatically'}: ${m.reason}</span>
        <button type="button" @click=${() => this.request('rapport-unmerge', { merge: m.id })}
          aria-label=${`Undo merge: ${m.reason}`}>Undo merge</button></div>`)}
      ${p.links.map((l) => html`<div class="merge">
        <span>Possibly the same person as ${l.customer}: ${l.reason}</span>
        <button type="button" aria-label=${`Merge with ${l.customer}`}
          @click=${() => this.request('rapport-merge', { a: p.id, b: l.customer, reason: `Confirmed by the agent: ${l.reason}` })}>Merge</button></div>`)}`;
  }

  renderTimeline() {
    const groups = groupEvents(this.events ?? []);
    return html`<h3>Timeline</h3>
      ${groups.length ? groups.map((g, n) => html`<details ?open=${n < 3}>
        <summary>${g.conversation ? `Conversation ${g.conversation}` : g.ticket ? `Ticket ${g.ticket}` : TYPE_LABELS[g.events[0].type]}
          · ${g.source}${g.topic ? ` · ${g.topic}` : ''} · ${when(g.latest)}</summary>
        <ol>${g.events.map((e) => html`<li>
          <div class="meta">${TYPE_LABELS[e.type] ?? e.type}${e.role === 'agent' ? ' (agent)' : ''} · <time datetime=${e.at}>${when(e.at)}</time>${e.sentiment !== undefined ? ` · mood ${moodWord(e.sentiment)}` : ''}</div>
          ${this.renderBody(e)}</li>`)}</ol>
      </details>`) : html`<p class="empty">No events.</p>`}`;
  }

  renderBody(e) {
    if (e.text) return html`<div class="text">${e.text}</div>`;
    if (e.type === 'purchase' || e.type === 'refund') {
      return html`<div>${money(e.amount, e.currency)}${e.order ? ` · order ${e.order}` : ''}${e.item ? ` · ${e.item}` : ''}</div>`;
    }
    if (e.change) return html`<div>${e.change}</div>`;
    if (e.score !== undefined) return html`<div>Score ${e.score}</div>`;
    if (e.subject) return html`<div>${e.subject}</div>`;
    return nothing;
  }

  request(name, detail) {
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
  }

  async copy(text) {
    try {
      await navigator.clipboard.writeText(text);
      this._copied = 'Copied';
    } catch {
      this._copied = 'Could not copy: select the line and copy it';
    }
    this.request('rapport-copy', { text });
  }
}

if (!customElements.get('rapport-timeline')) customElements.define('rapport-timeline', RapportTimeline);

// Wires an element to a source with the service's (or the bridge's) methods:
// { profile, summary, timeline, merge, unmerge } (sync or async). Loads the
// customer, and reloads after a merge or unmerge. Returns { load, disconnect }.
export function connectTimeline(element, source, customer) {
  let current = customer;
  async function load(next = current) {
    current = next;
    element.busy = true;
    try {
      if (current == null) {
        Object.assign(element, { profile: null, summary: null, events: [] });
        return;
      }
      const profile = await source.profile(current);
      const [summary, events] = await Promise.all([source.summary(profile.id), source.timeline(profile.id)]);
      Object.assign(element, { profile, summary, events });
      current = profile.id;
    } catch (error) {
      if (error?.code !== 'RAPPORT_E_NOT_FOUND') throw error;
      Object.assign(element, { profile: null, summary: null, events: [] });
    } finally {
      element.busy = false;
    }
  }
  const onMerge = async (e) => { const r = await source.merge(e.detail.a, e.detail.b, e.detail.reason); await load(r.customer); };
  const onUnmerge = async (e) => { await source.unmerge(e.detail.merge); await load(current); };
  element.addEventListener('rapport-merge', onMerge);
  element.addEventListener('rapport-unmerge', onUnmerge);
  const ready = load(customer);
  return {
    ready,
    load,
    disconnect() {
      element.removeEventListener('rapport-merge', onMerge);
      element.removeEventListener('rapport-unmerge', onUnmerge);
    },
  };
}

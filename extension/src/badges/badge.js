// One badge on one customer message: a host element placed in the message,
// a closed shadow root holding a button (sentiment, emotion, cues, priority,
// mood trend: each a word plus an icon) and a tooltip with the words behind
// the reading. Every piece of text is set with textContent; nothing is parsed
// as HTML. The tooltip opens on hover, on keyboard focus and on click
// (pinned), closes on Escape, and lives in the top layer (popover) so the page
// can neither clip nor cover it.
import { icon } from './icons.js';
import { BADGE_CSS, BADGE_HOST_STYLE as HOST_STYLE } from './style.js';

export const HOST_ATTRIBUTE = 'data-rapport-badge';
let nextId = 0;

function el(document, tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text != null) node.textContent = text;
  return node;
}

function chip(document, className, iconName, text, attrs = {}) {
  const node = el(document, 'span', `chip ${className}`);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  node.append(icon(document, iconName), el(document, 'span', 'label', text));
  return node;
}

const EFFECT = { negative: 'pushes negative', positive: 'pushes positive', neutral: 'noted', cue: 'support cue' };

// One constructed stylesheet per document, adopted by every badge's shadow
// root: thousands of badges then share one parsed sheet instead of each
// carrying its own <style> for the browser to parse and match. Where adopting
// fails (no constructable stylesheets, or a content-script world that cannot
// hand its sheet to the page's shadow root), the badge gets a <style> of its own.
const sheets = new WeakMap();   // document -> CSSStyleSheet, or null where it cannot be adopted
function sharedSheet(document) {
  if (!sheets.has(document)) {
    let sheet = null;
    try {
      sheet = new document.defaultView.CSSStyleSheet();
      sheet.replaceSync(BADGE_CSS);
    } catch {
      sheet = null;
    }
    sheets.set(document, sheet);
  }
  return sheets.get(document);
}

// Whether adopting was seen to work in a document: checked once (reading
// adoptedStyleSheets back makes a new array each time, for every badge).
const adopts = new WeakSet();
function styleShadow(document, root) {
  const sheet = sharedSheet(document);
  if (sheet) {
    try {
      root.adoptedStyleSheets = [sheet];
      if (adopts.has(document)) return;
      if (root.adoptedStyleSheets.length === 1) { adopts.add(document); return; }
    } catch {
      // fall through to a <style> of its own
    }
    sheets.set(document, null);
  }
  root.append(el(document, 'style', null, BADGE_CSS));
}

// One guard per document for every badge host: the page may rewrite a host's
// attributes to hide it (style, hidden, popover...), and they are put back at
// once. The observer is the isolated world's own, so a page that replaced
// MutationObserver cannot stop it. One observer and one set of event
// handlers for all badges (each badge's state found from its host or
// button): a long conversation's 2,500 badges used to carry an observer and
// six listener closures each, for the garbage collector to trace.
const guards = new WeakMap();        // document -> MutationObserver
const owners = new WeakMap();        // host or button -> Badge
function guard(document, host) {
  let observer = guards.get(document);
  if (!observer) {
    observer = new document.defaultView.MutationObserver((records) => {
      for (const { target } of records) {
        const badge = owners.get(target);
        if (!badge || badge.destroyed) continue;
        if (target.getAttribute('style') !== HOST_STYLE) target.setAttribute('style', HOST_STYLE);
        // Its drawing state too: "room" draws nothing inside (style.js).
        if (target.getAttribute(HOST_ATTRIBUTE) !== badge.state) target.setAttribute(HOST_ATTRIBUTE, badge.state);
        for (const name of target.getAttributeNames()) if (name !== 'style' && name !== HOST_ATTRIBUTE) target.removeAttribute(name);
      }
    });
    guards.set(document, observer);
  }
  observer.observe(host, { attributes: true });
}

// The button's events, shared by all badges: focus, hover or click (pinned)
// open the tooltip, Escape closes it.
const HANDLERS = {
  click(event) { const b = owners.get(event.currentTarget); b.pinned = !b.pinned; b.sync(); },
  focus(event) { const b = owners.get(event.currentTarget); b.focused = true; b.sync(); },
  blur(event) { const b = owners.get(event.currentTarget); b.focused = false; b.pinned = false; b.sync(); },
  mouseenter(event) { const b = owners.get(event.currentTarget); b.hovering = true; b.sync(); },
  mouseleave(event) { const b = owners.get(event.currentTarget); b.hovering = false; b.sync(); },
  keydown(event) {
    const b = owners.get(event.currentTarget);
    if (event.key === 'Escape' && b.isOpen()) { b.pinned = false; b.hovering = false; b.focused = false; b.sync(); event.stopPropagation(); }
  },
};

class Badge {
  constructor(document) {
    this.document = document;
    const host = document.createElement('div');
    host.setAttribute(HOST_ATTRIBUTE, '');
    host.setAttribute('style', HOST_STYLE);
    const root = host.attachShadow({ mode: 'closed' });
    const badge = el(document, 'div', 'badge');
    const button = el(document, 'button', 'summary');
    button.type = 'button';
    button.setAttribute('aria-expanded', 'false');
    const tip = el(document, 'div', 'tip');
    const tipId = `rapport-tip-${++nextId}`;
    tip.id = tipId;
    tip.setAttribute('role', 'tooltip');
    this.canPopover = typeof tip.showPopover === 'function';
    if (this.canPopover) tip.setAttribute('popover', 'manual'); else tip.classList.add('nopop');
    button.setAttribute('aria-describedby', tipId);
    badge.append(button, tip);
    styleShadow(document, root);
    root.append(badge);
    Object.assign(this, { host, badge, button, tip, state: '', pinned: false, hovering: false, focused: false, destroyed: false,
      shown: null,     // { model, trend } last rendered
      tipFor: null }); // the `shown` the tooltip's content was built for
    owners.set(host, this);
    owners.set(button, this);
    guard(document, host);
    for (const [type, handler] of Object.entries(HANDLERS)) button.addEventListener(type, handler);
  }

  isOpen() { return this.canPopover ? this.tip.matches(':popover-open') : this.tip.classList.contains('open'); }

  place() {
    const { button, tip } = this;
    const r = button.getBoundingClientRect();
    const view = this.document.defaultView;
    const below = r.bottom + 6;
    const top = below + tip.offsetHeight > view.innerHeight && r.top > tip.offsetHeight + 6 ? r.top - tip.offsetHeight - 6 : below;
    tip.style.left = `${Math.max(4, Math.min(r.left, view.innerWidth - tip.offsetWidth - 4))}px`;
    tip.style.top = `${Math.max(4, top)}px`;
  }

  sync() {
    const want = this.pinned || this.hovering || this.focused;
    if (want) this.fillTip();
    if (want === this.isOpen()) { if (want) this.place(); return; }
    if (!this.host.isConnected) return;
    if (this.canPopover) { if (want) this.tip.showPopover(); else this.tip.hidePopover(); } else this.tip.classList.toggle('open', want);
    this.button.setAttribute('aria-expanded', String(want));
    if (want) this.place();
  }

  render(model, trend) {
    const { document } = this;
    this.badge.dataset.sentiment = model.sentiment.label;
    const chips = [el(document, 'span', 'brand', 'Rapport')];
    chips.push(chip(document, 'sentiment', model.sentiment.icon, model.sentiment.text));
    if (model.emotion) chips.push(chip(document, 'emotion', model.emotion.icon, model.emotion.text));
    for (const cue of model.cues) chips.push(chip(document, 'cue', cue.icon, cue.text, { 'data-cue': cue.id }));
    chips.push(chip(document, 'priority', `priority-${model.priority.level}`, model.priority.text, { 'data-level': model.priority.level }));
    if (trend && trend.direction !== 'none') chips.push(chip(document, 'trend', trend.icon, trend.text, { 'data-direction': trend.direction }));
    // Hidden separators make the button's accessible name a readable list.
    this.button.replaceChildren(...chips.flatMap((c, i) => (i ? [el(document, 'span', 'vh', i === 1 ? ': ' : ', '), c] : [c])));
    this.shown = { model, trend };
    if (this.isOpen()) { this.fillTip(); this.place(); }
  }

  // The tooltip's content is built when it first opens (hover, focus, click)
  // and again after a new render: most of a long conversation's badges are
  // never opened, and each would otherwise carry a dozen more nodes.
  fillTip() {
    if (!this.shown || this.tipFor === this.shown) return;
    this.tipFor = this.shown;
    const { document } = this;
    const { model, trend } = this.shown;
    const parts = [el(document, 'h2', null, `Why Rapport reads this as ${[model.sentiment.text, model.emotion?.text].filter(Boolean).join(', ').toLowerCase()}`)];
    if (model.words.length) {
      const list = el(document, 'ul', 'words');
      for (const w of model.words) {
        const item = el(document, 'li');
        item.append(el(document, 'q', null, w.text), el(document, 'span', 'effect', ` ${EFFECT[w.effect]}${w.note ? ` (${w.note})` : ''}`));
        list.append(item);
      }
      parts.push(list);
    } else {
      parts.push(el(document, 'p', null, 'No strong words: the overall tone decided it.'));
    }
    for (const cue of model.cues) {
      parts.push(el(document, 'p', null, `${cue.text}: ${cue.words.map((w) => `“${w}”`).join(', ') || 'from the message as a whole'}`));
    }
    parts.push(el(document, 'p', null, `${model.priority.text} (${Math.round(model.priority.value * 100)} of 100).`));
    if (trend && trend.direction !== 'none') {
      parts.push(el(document, 'p', null, `${trend.text} over ${trend.points} customer messages (last change ${trend.from.toFixed(2)} → ${trend.to.toFixed(2)}, scale −1 to 1).`));
    }
    this.tip.replaceChildren(...parts);
  }

  // How the host is drawn (style.js), kept by the guard: '' off screen,
  // skipped and without room until first drawn; 'near' drawn at once (in or
  // near the view); 'room' near the view, its room taken but nothing drawn
  // yet (markNear() then draws it).
  setState(state) { this.state = state; this.host.setAttribute(HOST_ATTRIBUTE, state); }
  markNear() { this.setState('near'); }
  markRoom() { this.setState('room'); }
  markWait() { this.setState('wait'); }
  // Back in the layout, with a one-line room until drawn (style.js).
  markShown() { this.setState('shown'); }

  destroy() {
    this.destroyed = true;
    if (this.isOpen() && this.canPopover) this.tip.hidePopover();
    this.host.remove();
  }
}

// { host, render(model, trend), markNear(), markRoom(), destroy() }
export function createBadge(document) {
  return new Badge(document);
}

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

function styleShadow(document, root) {
  const sheet = sharedSheet(document);
  if (sheet) {
    try {
      root.adoptedStyleSheets = [sheet];
      if (root.adoptedStyleSheets.length === 1) return;
    } catch {
      // fall through to a <style> of its own
    }
    sheets.set(document, null);
  }
  root.append(el(document, 'style', null, BADGE_CSS));
}

export function createBadge(document) {
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
  const canPopover = typeof tip.showPopover === 'function';
  if (canPopover) tip.setAttribute('popover', 'manual'); else tip.classList.add('nopop');
  button.setAttribute('aria-describedby', tipId);
  badge.append(button, tip);
  styleShadow(document, root);
  root.append(badge);

  // The page may rewrite the host's attributes to hide it (style, hidden,
  // popover...): they are put back at once. The observer is the isolated
  // world's own, so a page that replaced MutationObserver cannot stop it.
  const guard = new document.defaultView.MutationObserver(() => {
    if (host.getAttribute('style') !== HOST_STYLE) host.setAttribute('style', HOST_STYLE);
    for (const name of host.getAttributeNames()) if (name !== 'style' && name !== HOST_ATTRIBUTE) host.removeAttribute(name);
  });
  guard.observe(host, { attributes: true });

  let pinned = false;
  let hovering = false;
  let focused = false;
  function isOpen() { return canPopover ? tip.matches(':popover-open') : tip.classList.contains('open'); }
  function place() {
    const r = button.getBoundingClientRect();
    const view = document.defaultView;
    const below = r.bottom + 6;
    const top = below + tip.offsetHeight > view.innerHeight && r.top > tip.offsetHeight + 6 ? r.top - tip.offsetHeight - 6 : below;
    tip.style.left = `${Math.max(4, Math.min(r.left, view.innerWidth - tip.offsetWidth - 4))}px`;
    tip.style.top = `${Math.max(4, top)}px`;
  }
  function sync() {
    const want = pinned || hovering || focused;
    if (want) fillTip();
    if (want === isOpen()) { if (want) place(); return; }
    if (!host.isConnected) return;
    if (canPopover) { if (want) tip.showPopover(); else tip.hidePopover(); } else tip.classList.toggle('open', want);
    button.setAttribute('aria-expanded', String(want));
    if (want) place();
  }
  button.addEventListener('click', () => { pinned = !pinned; sync(); });
  button.addEventListener('focus', () => { focused = true; sync(); });
  button.addEventListener('blur', () => { focused = false; pinned = false; sync(); });
  button.addEventListener('mouseenter', () => { hovering = true; sync(); });
  button.addEventListener('mouseleave', () => { hovering = false; sync(); });
  button.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && isOpen()) { pinned = false; hovering = false; focused = false; sync(); event.stopPropagation(); }
  });

  // The tooltip's content is built when it first opens (hover, focus, click)
  // and again after a new render: most of a long conversation's badges are
  // never opened, and each would otherwise carry a dozen more nodes.
  let shown = null;      // { model, trend } last rendered
  let tipFor = null;     // the `shown` the tooltip's content was built for
  function render(model, trend) {
    badge.dataset.sentiment = model.sentiment.label;
    const chips = [el(document, 'span', 'brand', 'Rapport')];
    chips.push(chip(document, 'sentiment', model.sentiment.icon, model.sentiment.text));
    if (model.emotion) chips.push(chip(document, 'emotion', model.emotion.icon, model.emotion.text));
    for (const cue of model.cues) chips.push(chip(document, 'cue', cue.icon, cue.text, { 'data-cue': cue.id }));
    chips.push(chip(document, 'priority', `priority-${model.priority.level}`, model.priority.text, { 'data-level': model.priority.level }));
    if (trend && trend.direction !== 'none') chips.push(chip(document, 'trend', trend.icon, trend.text, { 'data-direction': trend.direction }));
    // Hidden separators make the button's accessible name a readable list.
    button.replaceChildren(...chips.flatMap((c, i) => (i ? [el(document, 'span', 'vh', i === 1 ? ': ' : ', '), c] : [c])));
    shown = { model, trend };
    if (isOpen()) { fillTip(); place(); }
  }

  function fillTip() {
    if (!shown || tipFor === shown) return;
    tipFor = shown;
    const { model, trend } = shown;
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
    tip.replaceChildren(...parts);
  }

  return {
    host,
    render,
    // Put in the page in or near the view: drawn at once (style.js).
    markNear() { host.setAttribute(HOST_ATTRIBUTE, 'near'); },
    destroy() { guard.disconnect(); if (isOpen() && canPopover) tip.hidePopover(); host.remove(); },
  };
}

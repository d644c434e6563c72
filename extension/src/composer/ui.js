// The composer's on-screen parts, in one host element at the end of the
// document with a closed shadow root, shown in the top layer (popover) so the
// page can neither cover nor restyle it: marks under the cold phrases (drawn
// over the editor, never inside it) and the coaching card (empathy meter,
// mismatch alert, each suggestion with its reason and one-click
// alternatives). All text is set with textContent.
import { HOST_STYLE } from '../badges/style.js';

export const COMPOSER_ATTRIBUTE = 'data-rapport-composer';

const CSS = `
:host { all: initial !important; }
* { box-sizing: border-box; }
.layer { position: fixed; inset: 0; pointer-events: none; font: 13px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color: #1f2328; }
.clip { position: fixed; overflow: hidden; pointer-events: none; }
.mark { position: absolute; border-bottom: 2px dashed #bf8700; background: rgba(212, 167, 44, .18); border-radius: 2px; }
.mark[data-severity="high"] { border-bottom-color: #cf222e; background: rgba(207, 34, 46, .12); }
.card { position: fixed; width: 380px; overflow: auto; pointer-events: auto; background: #fff;
  border: 1px solid #8c959f; border-radius: 8px; box-shadow: 0 6px 18px rgba(0,0,0,.18); padding: 8px 10px; }
.card[hidden] { display: none; }
header { display: flex; align-items: center; gap: 8px; }
header strong { font-size: 13px; }
meter { width: 90px; height: 10px; }
.score { font-variant-numeric: tabular-nums; }
.toggle { margin-left: auto; }
button { font: inherit; padding: 2px 8px; border: 1px solid #8c959f; border-radius: 6px; background: #f6f8fa; color: #1f2328; cursor: pointer; }
button:focus-visible { outline: 2px solid #0969da; outline-offset: 1px; }
.alert { margin: 6px 0; padding: 6px 8px; border: 1px solid #ff8182; border-left-width: 4px; border-radius: 6px; background: #ffebe9; }
.alert::before { content: "⚠ "; }
ol { margin: 6px 0 0; padding: 0; list-style: none; }
li { padding: 6px 0; border-top: 1px solid #d0d7de; }
.flag q { font-weight: 600; }
.why { color: #57606a; margin: 2px 0 4px; }
.alts { display: flex; flex-direction: column; gap: 4px; align-items: stretch; }
.alts button { text-align: left; }
.alts .ignore { align-self: flex-start; background: transparent; }
.ok { margin: 6px 0 0; color: #1a7f37; }
.hint { margin: 6px 0 0; color: #57606a; font-size: 11px; }
.body[hidden] { display: none; }
`;

function el(document, tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text != null) node.textContent = text;
  return node;
}

export function createComposerUi(document, { onApply, onIgnore, onEscape }) {
  const host = document.createElement('div');
  host.setAttribute(COMPOSER_ATTRIBUTE, '');
  host.setAttribute('style', `${HOST_STYLE}; position: fixed !important; inset: 0 !important; margin: 0 !important; pointer-events: none !important; width: auto !important; height: auto !important; border: 0 !important; background: transparent !important; max-width: none !important; overflow: visible !important`);
  const canPopover = typeof host.showPopover === 'function';
  if (canPopover) host.setAttribute('popover', 'manual');
  const root = host.attachShadow({ mode: 'closed' });
  const layer = el(document, 'div', 'layer');
  const clip = el(document, 'div', 'clip');
  const card = el(document, 'section', 'card');
  card.setAttribute('role', 'region');
  card.setAttribute('aria-label', 'Rapport draft coaching');
  card.hidden = true;
  layer.append(clip, card);
  root.append(el(document, 'style', null, CSS), layer);
  const scratch = el(document, 'div');  // where the textarea mirror measures
  root.append(scratch);

  let collapsed = false;
  // Like an editor's toolbar: pressing a button keeps the focus and selection in the editor.
  card.addEventListener('mousedown', (event) => { if (event.target.closest('button')) event.preventDefault(); });
  card.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') { event.stopPropagation(); onEscape(); }
  });

  function show() {
    if (!host.isConnected) document.documentElement.append(host);
    if (canPopover && !host.matches(':popover-open')) host.showPopover();
  }

  // Marks: one box per line fragment of each flagged phrase, clipped to the editor.
  function drawMarks(editorBox, marks) {
    Object.assign(clip.style, { left: `${editorBox.left}px`, top: `${editorBox.top}px`, width: `${editorBox.width}px`, height: `${editorBox.height}px` });
    clip.replaceChildren(...marks.flatMap(({ rects, severity }) => rects.map((r) => {
      const m = el(document, 'div', 'mark');
      m.dataset.severity = severity;
      Object.assign(m.style, { left: `${r.left - editorBox.left}px`, top: `${r.top - editorBox.top}px`, width: `${r.width}px`, height: `${r.height}px` });
      return m;
    })));
  }

  // Below the editor, or above it when there is more room there, or beside it
  // when neither side has room; never over the editor. The card scrolls
  // inside the space it gets.
  function placeCard(editorBox) {
    const view = document.defaultView;
    const gap = 6;
    const below = view.innerHeight - editorBox.bottom - 2 * gap;
    const above = editorBox.top - 2 * gap;
    const right = view.innerWidth - editorBox.right - 2 * gap;
    let top; let left = Math.max(4, Math.min(editorBox.left, view.innerWidth - 384));
    let room = Math.max(below, above);
    if (room < 160 && right >= 380) {
      left = editorBox.right + gap;
      top = Math.max(4, Math.min(editorBox.top, view.innerHeight - 200));
      room = view.innerHeight - top - gap;
    } else if (below >= above) {
      top = editorBox.bottom + gap;
    } else {
      top = null;  // anchored by its bottom edge, just above the editor
    }
    // Compact, so the helpdesk's own buttons near the editor stay reachable.
    card.style.maxHeight = `${Math.max(120, Math.min(room, 300))}px`;
    card.style.left = `${left}px`;
    if (top === null) {
      card.style.top = 'auto';
      card.style.bottom = `${view.innerHeight - editorBox.top + gap}px`;
    } else {
      card.style.top = `${top}px`;
      card.style.bottom = 'auto';
    }
  }

  function render({ review, draft, editorBox, marks }) {
    show();
    drawMarks(editorBox, marks);
    const header = el(document, 'header');
    const meter = el(document, 'meter');
    Object.assign(meter, { min: 0, max: 100, low: 40, high: 70, optimum: 100, value: review.empathyScore });
    meter.setAttribute('aria-label', 'Empathy');
    const toggle = el(document, 'button', 'toggle', collapsed ? 'Show' : 'Hide');
    toggle.type = 'button';
    toggle.setAttribute('aria-expanded', String(!collapsed));
    header.append(el(document, 'strong', null, 'Rapport'), el(document, 'span', null, 'Empathy'), meter,
      el(document, 'span', 'score', `${review.empathyScore} of 100`), toggle);
    const body = el(document, 'div', 'body');
    body.hidden = collapsed;
    toggle.addEventListener('click', () => { collapsed = !collapsed; body.hidden = collapsed; toggle.textContent = collapsed ? 'Show' : 'Hide'; toggle.setAttribute('aria-expanded', String(!collapsed)); });
    if (review.mismatch?.alert) {
      const alert = el(document, 'p', 'alert', review.mismatch.message);
      alert.setAttribute('role', 'alert');
      body.append(alert);
    }
    const list = el(document, 'ol');
    review.suggestions.slice(0, 8).forEach((s, index) => {
      const item = el(document, 'li');
      const flag = el(document, 'p', 'flag');
      if (s.kind === 'phrase') flag.append(el(document, 'q', null, s.text), document.createTextNode(`: ${s.message}`));
      else flag.textContent = s.message;
      const alts = el(document, 'div', 'alts');
      s.replacements.slice(0, 3).forEach((text, choice) => {
        const b = el(document, 'button', 'use', s.kind === 'absence' ? `Add “${text.trim()}”` : `Use “${text}”`);
        b.type = 'button';
        b.addEventListener('click', () => onApply(s, text, { index, choice, draft }));
        alts.append(b);
      });
      const ignore = el(document, 'button', 'ignore', 'Ignore');
      ignore.type = 'button';
      ignore.addEventListener('click', () => onIgnore(s));
      alts.append(ignore);
      item.append(flag, el(document, 'p', 'why', `Why: ${s.why}`), alts);
      list.append(item);
    });
    if (review.suggestions.length) body.append(list);
    else body.append(el(document, 'p', 'ok', 'No cold phrases found in this draft.'));
    body.append(el(document, 'p', 'hint', 'Alt+Shift+R moves here from the editor; Escape goes back.'));
    card.replaceChildren(header, body);
    card.hidden = false;
    placeCard(editorBox);
  }

  return {
    host,
    scratch,
    show,
    render,
    reposition(editorBox, marks) { if (!card.hidden) { drawMarks(editorBox, marks); placeCard(editorBox); } },
    focus() { card.querySelector('button.use, button')?.focus(); },
    hide() { card.hidden = true; clip.replaceChildren(); },
    destroy() { host.remove(); },
  };
}

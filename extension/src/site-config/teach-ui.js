// "Teach Rapport this page", on the page: a small guide (closed shadow root,
// top layer) asks the agent to click a customer message, then an agent
// message, then the reply box (or skip it), outlining what is under the
// pointer; the clicks are captured so the helpdesk does not act on them.
// Then it shows what the derived configuration matches (how many messages of
// each side, whether the reply box was found) with Save and Cancel. Escape
// cancels at any step. startTeach returns a promise of the configuration
// (null when cancelled); saving it is the caller's business.
import { deriveSiteConfig } from './teach.js';
import { adapterFromConfig } from './config.js';
import { isSensitiveField } from '../composer/sensitive.js';

const STEPS = [
  { key: 'customer', text: 'Click a message written by the customer.' },
  { key: 'agent', text: 'Click a message written by an agent (you or a colleague).' },
  { key: 'editor', text: 'Click the box where you type replies, or press Skip.', optional: true },
];

const CSS = `
:host { all: initial !important; }
* { box-sizing: border-box; }
.guide { position: fixed; right: 16px; bottom: 16px; width: 340px; padding: 12px 14px; background: #fff; color: #1f2328;
  border: 2px solid #1f3a5f; border-radius: 10px; box-shadow: 0 8px 24px rgba(0,0,0,.2);
  font: 14px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; pointer-events: auto; }
h2 { font-size: 15px; margin: 0 0 6px; color: #1f3a5f; }
p { margin: 4px 0; }
.buttons { display: flex; gap: 8px; margin-top: 10px; }
button { font: inherit; padding: 4px 12px; border-radius: 6px; border: 1px solid #1f3a5f; background: #fff; color: #1f3a5f; cursor: pointer; }
button.primary { background: #1f3a5f; color: #fff; }
button:focus-visible { outline: 3px solid #0969da; outline-offset: 2px; }
.outline { position: fixed; pointer-events: none; border: 2px dashed #0969da; background: rgba(9,105,218,.08); border-radius: 4px; }
.error { color: #a40e26; }
`;

function el(document, tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text != null) node.textContent = text;
  return node;
}

export function startTeach({ window: win, name }) {
  const document = win.document;
  const host = document.createElement('div');
  host.setAttribute('data-rapport-teach', '');
  host.setAttribute('style', 'all: initial !important; position: fixed !important; inset: 0 !important; pointer-events: none !important; z-index: 2147483647 !important; display: block !important; border: 0 !important; padding: 0 !important; margin: 0 !important; width: auto !important; height: auto !important; background: transparent !important; overflow: visible !important');
  if (typeof host.showPopover === 'function') host.setAttribute('popover', 'manual');
  const root = host.attachShadow({ mode: 'closed' });
  const outline = el(document, 'div', 'outline');
  outline.hidden = true;
  const guide = el(document, 'section', 'guide');
  guide.setAttribute('role', 'dialog');
  guide.setAttribute('aria-label', 'Teach Rapport this page');
  root.append(el(document, 'style', null, CSS), outline, guide);
  document.documentElement.append(host);
  host.showPopover?.();

  const picked = {};
  let step = 0;
  let finish;
  const done = new Promise((resolve) => { finish = resolve; });
  const inGuide = (event) => event.composedPath().includes(host);

  function button(text, onClick, primary = false) {
    const b = el(document, 'button', primary ? 'primary' : '', text);
    b.type = 'button';
    b.addEventListener('click', onClick);
    return b;
  }

  function showStep() {
    const s = STEPS[step];
    const buttons = el(document, 'div', 'buttons');
    if (s.optional) buttons.append(button('Skip', () => next(null)));
    buttons.append(button('Cancel', () => end(null)));
    guide.replaceChildren(el(document, 'h2', null, `Teach Rapport this page (${step + 1} of ${STEPS.length})`), el(document, 'p', null, s.text),
      el(document, 'p', null, 'Escape cancels.'), buttons);
    (buttons.querySelector('button'))?.focus({ preventScroll: true });
  }

  function showResult() {
    stopPicking();
    let config; let read;
    try {
      config = deriveSiteConfig({ ...picked, name, location: win.location });
      read = adapterFromConfig(config).read(document);
    } catch (error) {
      guide.replaceChildren(el(document, 'h2', null, 'Rapport cannot learn this page'), el(document, 'p', 'error', error.message),
        Object.assign(el(document, 'div', 'buttons'), {}));
      guide.lastChild.append(button('Start again', () => { Object.keys(picked).forEach((k) => delete picked[k]); step = 0; startPicking(); showStep(); }, true), button('Cancel', () => end(null)));
      guide.querySelector('button').focus();
      return;
    }
    const count = (role) => read.messages.filter((m) => m.role === role).length;
    const lines = read.unsure ? [read.unsure] : [
      `It finds ${read.messages.length} messages: ${count('customer')} from the customer, ${count('agent')} from agents${
        count('system') + count('internal') ? `, ${count('system') + count('internal')} system lines or internal notes (never badged)` : ''}.`,
      read.editor ? 'It found the reply box.' : 'No reply box: draft coaching stays off on this page.',
    ];
    const buttons = el(document, 'div', 'buttons');
    buttons.append(button('Save', () => end(config), true), button('Cancel', () => end(null)));
    guide.replaceChildren(el(document, 'h2', null, 'Rapport learned this page'), ...lines.map((t) => el(document, 'p', null, t)), buttons);
    buttons.querySelector('button').focus();
  }

  function next(element) {
    picked[STEPS[step].key] = element ?? undefined;
    step += 1;
    if (step < STEPS.length) showStep(); else showResult();
  }

  const onMove = (event) => {
    if (inGuide(event)) { outline.hidden = true; return; }
    const r = event.target.getBoundingClientRect?.();
    if (!r) return;
    outline.hidden = false;
    Object.assign(outline.style, { left: `${r.left}px`, top: `${r.top}px`, width: `${r.width}px`, height: `${r.height}px` });
  };
  // The helpdesk must not act on these clicks (open a message, follow a link).
  const swallow = (event) => { if (!inGuide(event)) { event.preventDefault(); event.stopImmediatePropagation(); } };
  const onClick = (event) => {
    if (inGuide(event)) return;
    swallow(event);
    const target = event.target;
    if (STEPS[step].key === 'editor' && isSensitiveField(target)) return;  // never a password or payment field
    next(target);
  };
  const onKey = (event) => { if (event.key === 'Escape') { event.preventDefault(); end(null); } };

  function startPicking() {
    document.addEventListener('mousemove', onMove, true);
    for (const t of ['mousedown', 'mouseup', 'pointerdown', 'pointerup']) document.addEventListener(t, swallow, true);
    document.addEventListener('click', onClick, true);
  }
  function stopPicking() {
    outline.hidden = true;
    document.removeEventListener('mousemove', onMove, true);
    for (const t of ['mousedown', 'mouseup', 'pointerdown', 'pointerup']) document.removeEventListener(t, swallow, true);
    document.removeEventListener('click', onClick, true);
  }
  function end(result) {
    stopPicking();
    document.removeEventListener('keydown', onKey, true);
    host.remove();
    finish(result);
  }

  document.addEventListener('keydown', onKey, true);
  startPicking();
  showStep();
  return done;
}

// Draft coaching: follows the reply editor (the adapter's, or whichever
// editor the agent focuses), reviews the draft in the engine host through a
// review session per conversation (reviewOpen once, then review on each
// pause in typing, debounced, the previous review cancelled), and shows the
// marks and the card (ui.js). Applying a suggestion goes through the editor's
// own input path (surface.js). Typing is never blocked: nothing here runs on
// a keystroke except restarting a timer.
import { surfaceFor } from './surface.js';
import { createComposerUi, COMPOSER_ATTRIBUTE } from './ui.js';

const DEBOUNCE_MS = 350;

export function createComposer({ window: win, engine, debounceMs = DEBOUNCE_MS }) {
  const document = win.document;
  let surface = null;
  let detachSurface = () => {};
  let context = { conversationId: `page:${win.location.host}${win.location.pathname}`, customer: {} };
  let opened = null;           // conversation id + customer text of the open review session
  let timer = null;
  let inflight = null;         // AbortController of the pending review
  let last = null;             // { review, draft }
  const ignored = new Set();   // "ruleId:text" the agent dismissed
  let stopped = false;

  const ui = createComposerUi(document, {
    onApply: (s, text) => apply(s, text),
    onIgnore: (s) => { ignored.add(`${s.ruleId}:${s.text}`); if (last) show(last.review, last.draft); },
    onEscape: () => surface?.element.focus(),
  });

  function attach(next) {
    if (!next || next.element === surface?.element) return;
    detachSurface();
    surface = next;
    const target = next.element;
    const doc = target.ownerDocument;
    const onInput = () => schedule();
    const onKey = (event) => {
      if (event.altKey && event.shiftKey && (event.key === 'R' || event.key === 'r')) { event.preventDefault(); ui.focus(); }
    };
    target.addEventListener('input', onInput);
    target.addEventListener('keydown', onKey);
    // Editors that change the draft from script (paste handlers, setData) fire no input event.
    const observer = next.kind === 'textarea' ? null : new doc.defaultView.MutationObserver(onInput);
    observer?.observe(target, { childList: true, subtree: true, characterData: true });
    const onMove = () => reposition();
    win.addEventListener('scroll', onMove, true);
    win.addEventListener('resize', onMove);
    if (doc !== document) doc.addEventListener('scroll', onMove, true);
    detachSurface = () => {
      target.removeEventListener('input', onInput);
      target.removeEventListener('keydown', onKey);
      observer?.disconnect();
      win.removeEventListener('scroll', onMove, true);
      win.removeEventListener('resize', onMove);
      if (doc !== document) doc.removeEventListener('scroll', onMove, true);
      surface = null;
      last = null;
      ui.hide();
    };
    schedule(0);
  }

  function onFocusIn(event) {
    const target = event.composedPath?.()[0] ?? event.target;
    if (target.closest?.(`[${COMPOSER_ATTRIBUTE}]`)) return;
    const next = surfaceFor(target);
    if (next) attach(next);
  }
  document.addEventListener('focusin', onFocusIn, true);
  // Focus moving into an iframe editor (CKEditor 4, TinyMCE) shows in this
  // document only as the window losing focus to the frame.
  const onBlur = () => setTimeout(() => {
    const active = document.activeElement;
    if (active?.localName === 'iframe') attach(surfaceFor(active));
  });
  win.addEventListener('blur', onBlur);

  function schedule(delay = debounceMs) {
    clearTimeout(timer);
    timer = setTimeout(review, delay);
  }

  async function review() {
    if (!surface || stopped) return;
    const draft = surface.read().text;
    inflight?.abort();
    if (draft.trim().length < 3) { last = null; ui.hide(); return; }
    const controller = new AbortController();
    inflight = controller;
    try {
      const { conversationId, customer } = context;
      const openKey = `${conversationId}\u0001${customer.customerText ?? ''}`;
      if (opened !== openKey) {
        await engine.call('reviewOpen', [conversationId, customer], { signal: controller.signal });
        opened = openKey;
      }
      const result = await engine.call('review', [conversationId, draft], { signal: controller.signal });
      if (controller.signal.aborted || !surface) return;
      last = { review: result, draft };
      show(result, draft);
    } catch (error) {
      if (controller.signal.aborted || error?.code === 'RAPPORT_E_CANCELLED') return;
      opened = null;  // the host may have restarted: open the session again next time
    }
  }

  function visible(review) {
    return { ...review, suggestions: review.suggestions.filter((s) => !ignored.has(`${s.ruleId}:${s.text}`)) };
  }

  function marksFor(review, draft) {
    const current = surface.read();
    if (current.text !== draft) return [];  // typed since: old offsets would point elsewhere
    return review.suggestions.filter((s) => s.kind === 'phrase').map((s) => ({
      severity: s.severity,
      rects: surface.rects(ui.scratch, s.start, s.end, current),
    }));
  }

  function show(review, draft) {
    const shown = visible(review);
    ui.show();  // laid out before the textarea mirror measures inside it
    ui.render({ review: shown, draft, editorBox: surface.box(), marks: marksFor(shown, draft) });
  }

  function reposition() {
    if (!surface || !last) return;
    ui.reposition(surface.box(), marksFor(visible(last.review), last.draft));
  }

  async function apply(suggestion, text) {
    if (!surface || !last) return false;
    const now = surface.read().text;
    // Only when the flagged words are still where the review found them.
    if (now !== last.draft && now.slice(suggestion.start, suggestion.end) !== suggestion.text) { schedule(0); return false; }
    const ok = await surface.apply(suggestion.replaceStart, suggestion.replaceEnd, text);
    schedule(0);
    return ok;
  }

  return {
    // Called by the content script each frame the page changed.
    frame({ conversation }) {
      if (conversation) {
        const customers = conversation.messages.filter((m) => m.role === 'customer');
        context = {
          conversationId: String(conversation.conversationId),
          customer: { customerText: customers.at(-1)?.text ?? '', customerName: conversation.customer?.name ?? undefined },
        };
        if (conversation.editor && !surface) attach(surfaceFor(conversation.editor));
      }
    },
    // Mutations inside the editor being coached are the composer's business, not the page watcher's.
    ignores: (node) => node === ui.host || Boolean(surface && (surface.element === node || surface.element.contains(node))),
    get surface() { return surface; },
    get last() { return last; },
    apply,
    stop() {
      stopped = true;
      clearTimeout(timer);
      inflight?.abort();
      document.removeEventListener('focusin', onFocusIn, true);
      win.removeEventListener('blur', onBlur);
      detachSurface();
      ui.destroy();
      if (opened) engine.call('reviewClose', [context.conversationId]).catch(() => {});
    },
  };
}

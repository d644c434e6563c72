// Badges far from the view wait out of the page's layout until their message
// comes near it (issue 11: a 5,000-message page stays responsive once badged).
//
// Why: 2,500 badge hosts in the layout, even skipped ones (content-visibility:
// auto), made every later move of the page dear: a never-drawn badge takes
// its room as it nears the view and moves everything below it, each such
// move cost 30-40 ms CPU, and a wheel scroll of a badged page had frames of
// 55-73 ms in 4 runs of 5 (the page alone, none). A waiting badge is
// `display: none` (state "wait", badges/style.js): it costs the page's
// layout nothing. One IntersectionObserver finds a waiting badge's message
// within REVEAL_VIEWS views of the view (of the window, and through scrollMargin of
// any scrolling pane the message is in), and the badges it found go in
// together at most every REVEAL_EVERY_MS ("shown": skipped off screen as
// any badge, content-visibility: auto, with a one-line room until drawn).
// They take their room screens away from the agent's sight (scroll anchoring
// keeps the view still when that is above it), the browser draws them from
// 150 % of a view away, and only the badges the agent has come near are in
// the layout.
//
// Keyboard: a waiting badge cannot take focus, so a Tab press first reveals
// the waiting badges next to the focused element in page order (REVEAL_ON_TAB
// each way); Tab then reaches the next badge, which scrolls into view and
// brings its neighbours in through the observer. Find-in-page and a screen
// reader's reading cursor see a badge once it has been near the view
// (content/README.md says so).
//
// Where the browser lacks scrollMargin (a message in an inner pane would only
// be found once on screen), nothing waits: badges go in as before.
// Near: within REVEAL_VIEWS views of the window's view. Chromium adds the
// scrollMargin to the rootMargin for the window's own scrolling (probed: a
// rootMargin of 3 views and a scrollMargin of 3 views revealed badges 6 views
// down), and resolves a percentage scrollMargin of the window against more
// than its height (300 % revealed 21 views down): so half of it goes in
// each, the scrollMargin in pixels. A pane then reveals what is within half
// of that below or above it (and within the window's margin).
const REVEAL_VIEWS = 3;
const REVEAL_EVERY_MS = 200;
const REVEAL_ON_TAB = 3;

export function createRevealer(win) {
  const Observer = win.IntersectionObserver;
  const supported = typeof Observer === 'function' && 'scrollMargin' in Observer.prototype;
  const waiting = new Map();      // message anchor -> badge
  const anchors = new WeakMap();  // badge -> its anchor while it waits
  const due = new Set();          // badges found near the view, to go in at the next reveal
  let timer = 0;
  let observer = null;

  const show = () => {
    timer = 0;
    for (const badge of due) if (!badge.destroyed && badge.state === 'wait') badge.markShown();
    due.clear();
  };

  const release = (anchor) => {
    const badge = waiting.get(anchor);
    waiting.delete(anchor);
    observer?.unobserve(anchor);
    if (badge) anchors.delete(badge);
    return badge;
  };

  const onNear = (entries) => {
    for (const entry of entries) {
      if (!entry.isIntersecting) continue;
      const badge = release(entry.target);
      if (badge) due.add(badge);
    }
    if (due.size && !timer) timer = win.setTimeout(() => win.requestAnimationFrame(show), REVEAL_EVERY_MS);
  };

  // Before the browser moves focus: the waiting badges next to the focused
  // element, REVEAL_ON_TAB after it and before it in page order, go in now.
  const onKey = (event) => {
    if (event.key !== 'Tab' || !waiting.size) return;
    const from = win.document.activeElement ?? win.document.body;
    const after = [];
    const before = [];
    for (const anchor of waiting.keys()) {
      const position = from.compareDocumentPosition(anchor);
      // An anchor holding the focus counts as after it: its badge is its last child.
      const follows = position & (win.Node.DOCUMENT_POSITION_FOLLOWING | win.Node.DOCUMENT_POSITION_CONTAINS);
      keepNearest(follows ? after : before, anchor, follows ? isBefore : isAfter);
    }
    for (const anchor of [...after, ...before]) release(anchor)?.markShown();
  };
  const isBefore = (a, b) => Boolean(a.compareDocumentPosition(b) & win.Node.DOCUMENT_POSITION_FOLLOWING);
  const isAfter = (a, b) => isBefore(b, a);
  // Keeps the REVEAL_ON_TAB anchors nearest the focus, `closer(a, b)` when a is nearer.
  function keepNearest(list, anchor, closer) {
    let i = list.length;
    while (i > 0 && closer(anchor, list[i - 1])) i--;
    if (i < REVEAL_ON_TAB) list.splice(i, 0, anchor);
    if (list.length > REVEAL_ON_TAB) list.pop();
  }

  if (supported) win.addEventListener('keydown', onKey, { capture: true });

  return {
    supported,
    // The badge waits, out of the layout, until its message nears the view.
    wait(badge, anchor) {
      if (!observer) {
        const half = REVEAL_VIEWS / 2;
        observer = new Observer(onNear, { rootMargin: `${half * 100}% 0px`, scrollMargin: `${Math.round(half * (win.innerHeight || 800))}px 0px` });
      }
      badge.markWait();
      waiting.set(anchor, badge);
      anchors.set(badge, anchor);
      observer.observe(anchor);
    },
    // A badge destroyed or drawn some other way stops waiting.
    forget(badge) {
      const anchor = anchors.get(badge);
      if (anchor) release(anchor);
      due.delete(badge);
    },
    get waiting() { return waiting.size; },
    clear() {
      observer?.disconnect();
      observer = null;
      waiting.clear();
      due.clear();
    },
    stop() {
      this.clear();
      win.clearTimeout(timer);
      timer = 0;
      if (supported) win.removeEventListener('keydown', onKey, { capture: true });
    },
  };
}

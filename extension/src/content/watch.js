// One DOM watcher per page: a single MutationObserver on the document whose
// records only set a flag; the work runs at most once per animation frame.
// Rapport's own additions (its badge and overlay hosts) are ignored, so
// drawing a badge never schedules another pass. Route changes (pushState
// navigation in single-page helpdesks) are noticed by comparing location.href
// on each pass and on popstate/hashchange.
// Scrolling changes no node, yet a read can depend on it (a site
// configuration's opener is taken only once the message pane is scrolled to
// its start): while the last read says so (`readOnScroll(true)`), the end of
// a scroll schedules one pass.
const SCROLL_END_MS = 150;

export function watchPage({ window: win, isOwnNode, onFrame }) {
  const document = win.document;
  let scheduled = false;
  let stopped = false;
  let lastHref = win.location.href;

  function run() {
    scheduled = false;
    if (stopped) return;
    const href = win.location.href;
    const routeChanged = href !== lastHref;
    lastHref = href;
    onFrame({ routeChanged });
  }
  function schedule() {
    if (scheduled || stopped) return;
    scheduled = true;
    win.requestAnimationFrame(run);
  }
  const ownOnly = (nodes) => [...nodes].every(isOwnNode);
  const observer = new win.MutationObserver((records) => {
    for (const r of records) {
      // Rapport adding its hosts is no news; one of them removed (by the page
      // too) is: the next pass puts it back.
      if (r.type === 'childList' && r.removedNodes.length === 0 && ownOnly(r.addedNodes)) continue;
      if (isOwnNode(r.target)) continue;
      schedule();
      return;
    }
  });
  observer.observe(document.documentElement, {
    childList: true, subtree: true, characterData: true,
    // Helpdesks switch ticket tabs by hiding panes, without adding nodes.
    attributes: true, attributeFilter: ['hidden', 'aria-hidden'],
  });
  win.addEventListener('popstate', schedule);
  win.addEventListener('hashchange', schedule);
  // A frame's document loading changes no node of this one, but its text may
  // be a message (OTOBO and Znuny show HTML mail in a same-origin iframe).
  const frameLoaded = (event) => {
    if (event.target?.localName === 'iframe' && !isOwnNode(event.target)) schedule();
  };
  document.addEventListener('load', frameLoaded, true);
  // Listened to only while wanted, so a page that does not need it pays
  // nothing per scroll event. Capture phase on the document: a pane's own
  // scroll events do not bubble. Each event only moves a timer: one pass per
  // scroll's end, not per event.
  let scrollWanted = false;
  let scrollTimer = null;
  const clearScrollTimer = () => { if (scrollTimer !== null) win.clearTimeout(scrollTimer); scrollTimer = null; };
  const scrolled = () => {
    clearScrollTimer();
    scrollTimer = win.setTimeout(() => { scrollTimer = null; schedule(); }, SCROLL_END_MS);
  };
  function readOnScroll(wanted) {
    if (wanted === scrollWanted || stopped) return;
    scrollWanted = wanted;
    if (wanted) document.addEventListener('scroll', scrolled, { capture: true, passive: true });
    else { document.removeEventListener('scroll', scrolled, true); clearScrollTimer(); }
  }
  schedule();
  return {
    schedule,
    readOnScroll,
    stop() {
      readOnScroll(false);
      stopped = true;
      observer.disconnect();
      win.removeEventListener('popstate', schedule);
      win.removeEventListener('hashchange', schedule);
      document.removeEventListener('load', frameLoaded, true);
    },
  };
}

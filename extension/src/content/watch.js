// One DOM watcher per page: a single MutationObserver on the document whose
// records only set a flag; the work runs at most once per animation frame.
// Rapport's own additions (its badge and overlay hosts) are ignored, so
// drawing a badge never schedules another pass. Route changes (pushState
// navigation in single-page helpdesks) are noticed by comparing location.href
// on each pass and on popstate/hashchange.
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
  schedule();
  return {
    schedule,
    stop() {
      stopped = true;
      observer.disconnect();
      win.removeEventListener('popstate', schedule);
      win.removeEventListener('hashchange', schedule);
      document.removeEventListener('load', frameLoaded, true);
    },
  };
}

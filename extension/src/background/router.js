// The message router of the background context (Chrome's service worker,
// Firefox's background page). Content scripts connect with the port name
// 'rapport-tab', the side panel with 'rapport-panel'; both speak the bridge
// (CONTRACTS §2, §4). The router forwards engine work to the engine host
// through `link` ({ call(method, args), generation, running }) and keeps every result
// inside the tab that asked:
//   - review sessions are keyed by the port they were opened on, never by an
//     id the page chose alone, and closed when that port closes;
//   - the panel only ever sees the snapshot of the active tab of its window.
import { RapportError, ErrorCodes } from '../../../shared/api/errors.js';
import { ext } from '../platform/ext.js';
import { serveBridge } from '../../../shared/bridge/host.js';
import { fromRuntimePort } from '../../../shared/bridge/ports.js';

export const TAB_PORT = 'rapport-tab';
export const PANEL_PORT = 'rapport-panel';

// What the side panel may ask of the customer context; tabs may only capture.
export const PANEL_CONTEXT = ['context.profile', 'context.summary', 'context.timeline', 'context.merge', 'context.unmerge', 'context.forget',
  'context.previewText', 'context.importStart', 'context.importChunk', 'context.importCancel'];
// What the side panel may add: an orders/CRM file the agent chose there
// (whole, or in chunks ending with importFinish); both answer what was added.
export const PANEL_IMPORTS = ['context.importText', 'context.importFinish'];

let portSeq = 0;
const WATCH_MS = 20_000;

export function createRouter(link) {
  const snapshots = new Map();   // tabId -> { version, snapshot }
  const activeTab = new Map();   // windowId -> tabId
  const watchers = new Set();    // { windowId, since, resolve }
  // Versions start above those of any earlier router: the background is
  // restarted when idle, and a panel must never take a new view for the one
  // it already shows because their numbers met.
  let version = Date.now();
  let contextVersion = 0;        // bumped when a capture added events (any tab): panels reload their timeline

  function notify() {
    for (const w of [...watchers]) {
      const current = panelState(w.windowId);
      if (current.version > w.since) { watchers.delete(w); w.resolve(current); }
    }
  }

  // Events were added (a capture in any tab, an import in a panel): every
  // panel reloads its timeline on its next panel.watch/ofTab answer.
  function contextChanged() {
    contextVersion++;
    version++;
    for (const entry of snapshots.values()) entry.version = version;
    notify();
  }

  function panelState(windowId) {
    const tabId = activeTab.get(windowId) ?? null;
    const entry = tabId === null ? null : snapshots.get(tabId);
    return { tabId, version: entry?.version ?? 0, snapshot: entry?.snapshot ?? null, contextVersion };
  }

  ext.tabs.onActivated.addListener(({ tabId, windowId }) => {
    activeTab.set(windowId, tabId);
    // A switch of tab is news for the panel even if neither tab changed.
    version++;
    const entry = snapshots.get(tabId);
    if (entry) entry.version = version;
    for (const w of [...watchers]) if (w.windowId === windowId) { watchers.delete(w); w.resolve(panelState(windowId)); }
    recall(tabId);   // its panel.update, if any, notifies the panels
  });
  ext.tabs.onRemoved.addListener((tabId) => snapshots.delete(tabId));

  // Everything above lives in memory, and the background goes when idle
  // (Firefox unloads its event page, Chrome stops its service worker), the
  // tabs' ports with it. A tab we hold no snapshot for is asked to send its
  // last one again (content/main.js); it does so over a new port, whose
  // disconnect then clears it as usual. One question per tab at a time; a tab
  // without the content script just has nothing to show.
  const asking = new Map();      // tabId -> the pending question
  function recall(tabId) {
    if (typeof tabId !== 'number' || tabId < 0 || snapshots.has(tabId)) return Promise.resolve();
    if (!asking.has(tabId)) {
      asking.set(tabId, Promise.resolve()
        .then(() => ext.tabs.sendMessage(tabId, { type: 'rapport.snapshot' }, { frameId: 0 }))
        .catch(() => null)
        .finally(() => asking.delete(tabId)));
    }
    return asking.get(tabId);
  }

  async function knowActive(windowId) {
    if (!activeTab.has(windowId)) {
      const [tab] = await ext.tabs.query({ active: true, windowId });
      if (tab) activeTab.set(windowId, tab.id);
    }
    await recall(activeTab.get(windowId));
  }

  function tabMethods(port, sender) {
    const ns = `p${++portSeq}`;
    const tabId = sender.tab?.id ?? -1;
    const open = new Map();      // conversationId -> { customer, generation }
    const key = (conversationId) => {
      if (typeof conversationId !== 'string' || !conversationId) {
        throw new RapportError('RAPPORT_E_INPUT_TYPE', 'conversationId must be a non-empty string');
      }
      return `${ns}/${conversationId}`;
    };

    async function reopen(conversationId, s) {
      await link.call('reviewOpen', [key(conversationId), s.customer]);
      s.generation = link.generation;
    }

    port.onDisconnect.addListener(() => {
      for (const conversationId of open.keys()) link.call('reviewClose', [key(conversationId)]).catch(() => {});
      open.clear();
      if (snapshots.delete(tabId)) { version++; notify(); }
    });

    return {
      analyzeBatch: (texts) => link.call('analyzeBatch', [texts]),
      async reviewOpen(conversationId, customer) {
        const s = { customer, generation: -1 };
        await reopen(conversationId, s);
        open.set(conversationId, s);
        return { conversationId };
      },
      async review(conversationId, draft) {
        const s = open.get(conversationId);
        if (!s) throw new RapportError(ErrorCodes.NO_SESSION, `no review session '${conversationId}' is open in this tab (reviewOpen first)`);
        // The engine host may have been closed when idle since: re-open there.
        if (s.generation !== link.generation) await reopen(conversationId, s);
        try {
          return await link.call('review', [key(conversationId), draft]);
        } catch (error) {
          if (error?.code !== ErrorCodes.NO_SESSION) throw error;
          await reopen(conversationId, s);
          return link.call('review', [key(conversationId), draft]);
        }
      },
      async reviewClose(conversationId) {
        if (!open.delete(conversationId)) return { closed: false };
        return link.call('reviewClose', [key(conversationId)]);
      },
      // A tab may only add what it reads; it never reads the context back.
      async 'context.capture'(conversation) {
        const result = await link.call('context.capture', [conversation]);
        // Another tab's capture is news for every panel showing this customer.
        if (result?.added) contextChanged();
        return result;
      },
      async 'panel.update'(snapshot) {
        if (tabId < 0) throw new RapportError('RAPPORT_E_INPUT_TYPE', 'panel.update comes from a tab only');
        snapshots.set(tabId, { version: ++version, snapshot });
        notify();
        return { version };
      },
    };
  }

  function panelMethods(port) {
    const mine = new Set();
    port.onDisconnect.addListener(() => { for (const w of mine) { watchers.delete(w); w.resolve(null); } });
    return {
      // One tab's snapshot (the popup shows what Rapport reads in its tab).
      async 'panel.ofTab'(tabId) {
        await recall(tabId);
        const entry = snapshots.get(tabId);
        return { tabId, version: entry?.version ?? 0, snapshot: entry?.snapshot ?? null, contextVersion };
      },
      async 'panel.current'(windowId) {
        await knowActive(windowId);
        return panelState(windowId);
      },
      // Long poll: resolves when the panel's view changed after `since`
      // (null when the call is cancelled or the panel goes away).
      async 'panel.watch'(windowId, since = 0) {
        await knowActive(windowId);
        const current = panelState(windowId);
        if (current.version > since) return current;
        return new Promise((resolve) => {
          // Answered within WATCH_MS even when nothing changed: a panel that
          // hears nothing for longer knows its port is dead (sidepanel/main.js).
          const timer = setTimeout(() => { watchers.delete(w); w.resolve(panelState(windowId)); }, WATCH_MS);
          const w = { windowId, since, resolve: (v) => { clearTimeout(timer); mine.delete(w); resolve(v); } };
          watchers.add(w);
          mine.add(w);
          this.signal.addEventListener('abort', () => { watchers.delete(w); w.resolve(null); }, { once: true });
        });
      },
      // The customer context for the panel's timeline (and its forget button).
      ...Object.fromEntries(PANEL_CONTEXT.map((name) => [name, (...args) => link.call(name, args)])),
      ...Object.fromEntries(PANEL_IMPORTS.map((name) => [name, async (...args) => {
        const result = await link.call(name, args);
        if (result?.added) contextChanged();
        return result;
      }])),
    };
  }

  ext.runtime.onConnect.addListener((port) => {
    // Only our own contexts reach onConnect (no externally_connectable), and
    // content scripts come with the browser-provided sender.tab.
    if (port.name === TAB_PORT) serveBridge({ port: fromRuntimePort(port), methods: tabMethods(port, port.sender ?? {}) });
    else if (port.name === PANEL_PORT) serveBridge({ port: fromRuntimePort(port), methods: panelMethods(port) });
  });

  return { panelState };
}

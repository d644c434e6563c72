// Content script entry (bundled by extension/build.mjs into content.js). Runs
// in the extension's isolated world on the sites the agent turned on: the
// page's scripts cannot see or replace anything here. It talks to the engine
// host only through the shared bridge over a runtime port named 'rapport-tab'
// (CONTRACTS.md section 4), started on the first call, restarted if the
// service worker went away. Site configurations saved in the settings
// (`siteConfigs`, see ../site-config/README.md) come before the built-in
// adapters; an invalid one is left out (the options page shows its errors).
import { createBridgeClient } from '../../../shared/bridge/client.js';
import { fromRuntimePort } from '../../../shared/bridge/ports.js';
import { ext } from '../platform/ext.js';
import { loadSettings, updateSettings } from '../platform/settings.js';
import { helpdeskAdapters, generic } from '../adapters/helpdesks.js';
import { parseSiteConfig, adapterFromConfig, browserSelectorCheck } from '../site-config/config.js';
import { startTeach } from '../site-config/teach-ui.js';
import { createComposer } from '../composer/coach.js';
import { startRapport } from './run.js';

async function siteAdapters() {
  try {
    const { siteConfigs = [] } = await loadSettings();
    const checkSelector = browserSelectorCheck(document);
    return siteConfigs.map((c) => parseSiteConfig(c, { checkSelector })).filter((r) => r.ok).map((r) => adapterFromConfig(r.config));
  } catch {
    return [];  // settings unreadable: the built-in adapters still work
  }
}

// registerContentScripts and a one-off activeTab injection can both run this
// file in one page; the isolated world's global says it already runs.
if (!globalThis.__rapportContent) {
  globalThis.__rapportContent = siteAdapters().then((sites) => {
    const engine = createBridgeClient({ start: async () => fromRuntimePort(ext.runtime.connect({ name: 'rapport-tab' })) });
    const composer = createComposer({ window, engine });
    return startRapport({ window, engine, adapters: [...sites, ...helpdeskAdapters], fallback: generic, extensions: [composer] });
  });
  // Asked by the extension itself (tabs.sendMessage: never the page): the
  // background's snapshot request, and "Teach Rapport this page" from the
  // popup, whose saved configuration is used from the next page load on.
  let teaching = false;
  ext.runtime.onMessage.addListener((message, sender, sendResponse) => {
    // The background restarted and asks for this tab's snapshot (router.js):
    // answered once the panel.update carrying it went through.
    if (message?.type === 'rapport.snapshot') {
      globalThis.__rapportContent.then((run) => run.resendSnapshot())
        .then(() => sendResponse(true), () => sendResponse(false));
      return true;
    }
    if (message?.type !== 'rapport.teach' || teaching) return undefined;
    teaching = true;
    startTeach({ window, name: message.name }).then(async (config) => {
      if (config) {
        await updateSettings((s) => { s.siteConfigs = [...(s.siteConfigs ?? []).filter((c) => c.name !== config.name), config]; });
      }
    }).finally(() => { teaching = false; });
    return undefined;
  });
}

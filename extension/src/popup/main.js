// The toolbar popup: turns Rapport on or off for the current site, takes a
// one-off look at the current page (activeTab), and opens the panel or the
// settings. The permission request runs first thing in the click handler:
// browsers only show their prompt for a user's gesture.
import { ext } from '../platform/ext.js';
import { siteState, enableSite, disableSite, lookOnce } from '../platform/sites.js';
import { createBridgeClient } from '../../../shared/bridge/client.js';
import { fromRuntimePort } from '../../../shared/bridge/ports.js';

const $ = (id) => document.getElementById(id);
let tab = null;
let state = { supported: false };

function say(text, kind = '') {
  $('status').textContent = text;
  $('status').dataset.kind = kind;
}

// The tab the popup acts on: the active tab of this window, or, when the
// popup page is opened in a tab of its own, the one named by ?tab=ID.
async function targetTab() {
  const id = Number(new URLSearchParams(location.search).get('tab'));
  if (Number.isInteger(id) && id > 0) return ext.tabs.get(id);
  const [active] = await ext.tabs.query({ active: true, currentWindow: true });
  return active ?? null;
}

// What the content script reported for this tab (its last panel.update).
async function reading() {
  const client = createBridgeClient({ port: fromRuntimePort(ext.runtime.connect({ name: 'rapport-panel' })) });
  try {
    return (await client.call('panel.ofTab', [tab.id])).snapshot;
  } catch {
    return null;
  } finally {
    client.close();
  }
}

function describe(snapshot) {
  if (!snapshot) return 'No conversation read on this page yet.';
  if (snapshot.unsure) {
    return `Rapport is not sure which messages are the customer's here (${snapshot.unsure}), so it shows no badges.`;
  }
  const customers = (snapshot.messages ?? []).filter((m) => m.role === 'customer').length;
  return `Reading this conversation (${snapshot.adapter ?? 'page'}): ${customers} customer message${customers === 1 ? '' : 's'}.`;
}

async function render() {
  state = tab?.url ? await siteState(tab.url) : { supported: false };
  const toggle = $('toggle');
  if (!state.supported) {
    $('site').textContent = 'This page';
    $('state').textContent = 'Rapport works on web helpdesks (http and https pages) only.';
    toggle.disabled = true;
    $('look').disabled = true;
    $('teach').disabled = true;
    toggle.textContent = 'Turn on for this site';
    return;
  }
  $('site').textContent = state.origin;
  $('state').textContent = state.enabled ? 'Rapport is on for this site.' : 'Rapport is off for this site.';
  toggle.disabled = false;
  toggle.textContent = state.enabled ? 'Turn off for this site' : 'Turn on for this site';
  toggle.setAttribute('aria-pressed', String(Boolean(state.enabled)));
  $('look').disabled = Boolean(state.enabled);
  $('teach').disabled = !state.enabled;
  const snapshot = await reading();
  $('reading').hidden = !state.enabled && !snapshot;
  $('reading').textContent = describe(snapshot);
}

$('toggle').addEventListener('click', async () => {
  try {
    if (state.enabled) {
      await disableSite(tab.url);
      say('Turned off. Reload the page to remove Rapport from it.', 'ok');
    } else {
      const result = await enableSite(tab.url);
      if (!result.enabled) say('The browser did not grant access to this site, so Rapport stays off.', 'error');
      else {
        say('Turned on. Rapport starts on this site from the next page load.', 'ok');
        ext.tabs.reload(tab.id).catch(() => {});
      }
    }
  } catch (error) {
    say(error.message, 'error');
  }
  await render();
});

$('look').addEventListener('click', async () => {
  try {
    await lookOnce(tab.id);
    say('Rapport is reading this page until it is reloaded.', 'ok');
  } catch (error) {
    say(`Could not look at this page: ${error.message}`, 'error');
  }
});

// The content script shows its pointing guide in the page (site-config/
// teach-ui.js); the popup closes so the agent can click there.
$('teach').addEventListener('click', async () => {
  try {
    await ext.tabs.sendMessage(tab.id, { type: 'rapport.teach', name: new URL(tab.url).hostname });
    window.close();
  } catch (error) {
    say(`Could not start teaching on this page: ${error.message}. Reload it and try again.`, 'error');
  }
});

$('panel').addEventListener('click', async () => {
  try {
    if (globalThis.chrome?.sidePanel?.open) await globalThis.chrome.sidePanel.open({ windowId: tab.windowId });
    else if (globalThis.browser?.sidebarAction?.open) await globalThis.browser.sidebarAction.open();
    else throw new Error('this browser has no side panel');
  } catch (error) {
    say(`Could not open the panel: ${error.message}`, 'error');
  }
});

$('options').addEventListener('click', () => { ext.runtime.openOptionsPage(); });

const manifest = ext.runtime.getManifest();
$('panel').hidden = !manifest.side_panel && !manifest.sidebar_action;
tab = await targetTab().catch(() => null);
await render();
document.body.dataset.ready = 'true';

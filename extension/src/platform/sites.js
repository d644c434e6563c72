// Turning Rapport on and off per site. At install the extension has no host
// access at all; the agent turns a site on from the popup, which
//   1. asks for that one origin (optional_host_permissions; the browser shows
//      its own prompt, and the request must come from the click itself),
//   2. registers the content script for it (scripting.registerContentScripts,
//      kept across restarts), and
//   3. remembers it in settings.sites (the options page lists them).
// Turning it off undoes all three. The background re-syncs at start-up and
// when the agent withdraws access in the browser's own UI.
import { ext } from './ext.js';
import { loadSettings, updateSettings } from './settings.js';

const SCRIPT_PREFIX = 'rapport-site:';
// The build defines this: ['/content/main.js'] when it shipped a content
// script. Absolute: Firefox resolves a relative path against the calling page.
const CONTENT_JS = typeof __RAPPORT_CONTENT_JS__ !== 'undefined' ? __RAPPORT_CONTENT_JS__ : []; // eslint-disable-line no-undef

// 'https://desk.example.com:8443/a/b' -> { origin: 'https://desk.example.com', pattern: 'https://desk.example.com/*' }.
// Match patterns carry no port: a site is its scheme and host.
export function siteOf(url) {
  let parsed;
  try { parsed = new URL(url); } catch { return null; }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return null;
  return { origin: `${parsed.protocol}//${parsed.hostname}`, pattern: `${parsed.protocol}//${parsed.hostname}/*` };
}

const scriptId = (origin) => SCRIPT_PREFIX + origin;

export async function isGranted(origin) {
  return ext.permissions.contains({ origins: [siteOf(origin).pattern] });
}

async function register(origin) {
  const js = CONTENT_JS;
  if (js.length === 0) return false;
  const id = scriptId(origin);
  const existing = await ext.scripting.getRegisteredContentScripts({ ids: [id] });
  if (existing.length > 0) return true;
  await ext.scripting.registerContentScripts([{ id, matches: [siteOf(origin).pattern], js,
    runAt: 'document_idle', allFrames: false, persistAcrossSessions: true }]);
  return true;
}

async function unregister(origin) {
  const id = scriptId(origin);
  const existing = await ext.scripting.getRegisteredContentScripts({ ids: [id] });
  if (existing.length > 0) await ext.scripting.unregisterContentScripts({ ids: [id] });
}

// Must run inside the click handler (the permission prompt needs the user's
// gesture): call it first, before any other await.
export async function enableSite(url) {
  const site = siteOf(url);
  if (!site) throw new Error(`Rapport works on http and https pages only, not ${url}`);
  const granted = await ext.permissions.request({ origins: [site.pattern] });
  if (!granted) return { enabled: false, reason: 'permission-denied', origin: site.origin };
  await register(site.origin);
  await updateSettings((s) => { s.sites = [...new Set([...s.sites, site.origin])].sort(); });
  return { enabled: true, origin: site.origin };
}

export async function disableSite(url) {
  const site = siteOf(url);
  if (!site) return { enabled: false };
  await unregister(site.origin);
  await updateSettings((s) => { s.sites = s.sites.filter((o) => o !== site.origin); });
  // Withdraw the host permission too (it may already be gone).
  await ext.permissions.remove({ origins: [site.pattern] }).catch(() => false);
  return { enabled: false, origin: site.origin };
}

export async function siteState(url) {
  const site = siteOf(url);
  if (!site) return { supported: false };
  const { sites } = await loadSettings();
  const on = sites.includes(site.origin);
  return { supported: true, origin: site.origin, enabled: on && await isGranted(site.origin), saved: on };
}

// Registered scripts = sites turned on whose permission is still granted.
export async function syncSites() {
  const { sites } = await loadSettings();
  const keep = [];
  for (const origin of sites) {
    if (await isGranted(origin)) { await register(origin); keep.push(origin); } else await unregister(origin);
  }
  const registered = await ext.scripting.getRegisteredContentScripts();
  const stale = registered.filter((s) => s.id.startsWith(SCRIPT_PREFIX) && !keep.includes(s.id.slice(SCRIPT_PREFIX.length)));
  if (stale.length) await ext.scripting.unregisterContentScripts({ ids: stale.map((s) => s.id) });
  if (keep.length !== sites.length) await updateSettings((s) => { s.sites = keep; });
  return keep;
}

// A one-off look at the current tab (activeTab, granted by opening the popup):
// injects the content script into this tab only, without turning the site on.
export async function lookOnce(tabId) {
  const files = CONTENT_JS;
  if (files.length === 0) throw new Error('this build has no content script');
  await ext.scripting.executeScript({ target: { tabId }, files });
}

export function watchSites() {
  ext.runtime.onStartup?.addListener(() => { syncSites().catch(console.error); });
  ext.runtime.onInstalled.addListener(() => { syncSites().catch(console.error); });
  ext.permissions.onRemoved.addListener(() => { syncSites().catch(console.error); });
}

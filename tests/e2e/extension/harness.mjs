// Shared pieces of the extension's page-side end-to-end tests.
//
// `contentBundle()`: the content script's code (extension/src/content/run.js
// with every adapter) bundled by esbuild for injection into a fixture page;
// `startInPage(page)` starts it there with an engine that runs the real
// analyzer (shared/api, model path) in the page: the same calls
// (`analyzeBatch`, `panel.update`) the bridge carries in the extension.
// `readBadges(page)` reads the badges through the DevTools protocol, which
// sees into closed shadow roots (page scripts cannot). `serveRepoToChromium()`
// gives a test file the server and the browser its fixture pages need.
import path from 'node:path';
import test from 'node:test';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { chromium } from 'playwright-core';
import { startServer } from '../../../scripts/static-server.mjs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

// A static server over the repository (fixture pages at `live.server.origin`)
// and a headless Chromium (`live.browser`), started before the calling file's
// tests and closed after them. Call it once at the top of a test file.
export function serveRepoToChromium() {
  const live = {};
  test.before(async () => {
    live.server = await startServer(ROOT);
    live.browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  });
  test.after(async () => { await live.browser?.close(); await live.server?.close(); });
  return live;
}

let bundled;
export async function contentBundle() {
  bundled ??= (await esbuild.build({
    stdin: {
      contents: `import { startRapport } from './extension/src/content/run.js';
import { createComposer } from './extension/src/composer/coach.js';
import { helpdeskAdapters, generic } from './extension/src/adapters/helpdesks.js';
import { parseSiteConfig, adapterFromConfig, browserSelectorCheck } from './extension/src/site-config/config.js';
import { deriveSiteConfig, stableSelector } from './extension/src/site-config/teach.js';
import { startTeach } from './extension/src/site-config/teach-ui.js';
window.__siteConfig = { parse: (c) => parseSiteConfig(c, { checkSelector: browserSelectorCheck(document) }), derive: deriveSiteConfig, stableSelector, adapterFromConfig,
  teach: () => { window.__taught = startTeach({ window, name: 'Nimbus Desk' }); } };
window.__rapportStart = (engine, { siteConfigs = [] } = {}) => {
  window.__composer = createComposer({ window, engine });
  const adapters = [...siteConfigs.map(adapterFromConfig), ...helpdeskAdapters];
  window.__rapport = startRapport({ window, engine, adapters, fallback: generic, extensions: [window.__composer] });
};`,
      resolveDir: ROOT,
    },
    bundle: true, write: false, format: 'iife',
  })).outputFiles[0].text;
  return bundled;
}

// The engine: a real analyzer in the page, with every call recorded.
const ENGINE = (model, start) => `
import { createAnalyzer } from '/shared/api/index.js';
const analyzer = await createAnalyzer(${model ? '' : '{ model: false }'});
window.__engineCalls = [];
const sessions = new Map();
window.__panelSnapshots = [];
window.__rapportStart({
  async call(method, args, { signal } = {}) {
    window.__engineCalls.push({ method, size: Array.isArray(args[0]) ? args[0].length : null,
      head: method === 'analyzeBatch' ? args[0].slice(0, 3) : null });
    if (signal?.aborted) throw Object.assign(new Error('cancelled'), { code: 'RAPPORT_E_CANCELLED' });
    if (method === 'analyzeBatch') return analyzer.analyzeBatch(args[0]);
    if (method === 'panel.update') { window.__panelSnapshots.push(args[0]); return null; }
    // Review sessions as the engine host keeps them: per conversation, the customer's message analyzed with each review.
    if (method === 'reviewOpen') { sessions.set(args[0], args[1] ?? {}); return null; }
    if (method === 'review') {
      if (!sessions.has(args[0])) throw Object.assign(new Error('no review session'), { code: 'RAPPORT_E_BRIDGE_REQUEST' });
      return analyzer.reviewDraft(args[1], sessions.get(args[0]));
    }
    if (method === 'reviewClose') { sessions.delete(args[0]); return null; }
    // No customer context here (the call fails as before), but what the page would add to it is kept:
    // every call (a long conversation goes in pieces) and the last one.
    if (method === 'context.capture') { (window.__captures ??= []).push(args[0]); window.__lastCapture = args[0]; }
    throw Object.assign(new Error('unknown method ' + method), { code: 'RAPPORT_E_BRIDGE_METHOD' });
  },
}, ${start});
window.__engineReady = true;`;

// `start` (JS source of an object) is passed to __rapportStart: e.g. '{ siteConfigs: window.taught }'.
export async function startInPage(page, { model = true, start = '{}' } = {}) {
  await page.addScriptTag({ content: await contentBundle() });
  await page.addScriptTag({ type: 'module', content: ENGINE(model, start) });
  await page.waitForFunction(() => window.__engineReady === true, null, { timeout: 60000 });
}

function walk(node, visit, parent = null) {
  visit(node, parent);
  for (const child of node.children ?? []) walk(child, visit, node);
  for (const shadow of node.shadowRoots ?? []) walk(shadow, visit, node);
  if (node.contentDocument) walk(node.contentDocument, visit, node);
}
const attrs = (node) => Object.fromEntries((node.attributes ?? []).reduce((pairs, v, i, a) => (i % 2 ? pairs : [...pairs, [v, a[i + 1]]]), []));
function textUnder(node, skip = () => false) {
  let text = '';
  walk(node, (n) => { if (n.nodeType === 3 && !skip(n)) text += n.nodeValue; });
  return text;
}

// Every badge on the page: the visible summary, the tooltip, whether the
// tooltip is open, the host's message text and the DevTools node ids.
export async function readBadges(page) {
  return withCdp(page, (cdp, root) => badgesIn(cdp, root));
}

async function withCdp(page, fn) {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
    return await fn(cdp, root);
  } finally {
    await cdp.detach();
  }
}

async function badgesIn(cdp, root) {
  {
    const hosts = [];
    walk(root, (n) => { if (n.nodeType === 1 && 'data-rapport-badge' in attrs(n)) hosts.push(n); });
    const out = [];
    for (const host of hosts) {
      const shadow = host.shadowRoots?.[0];
      let summary = null; let tip = null;
      if (shadow) {
        walk(shadow, (n) => {
          const cls = attrs(n).class ?? '';
          if (n.nodeType === 1 && /\bsummary\b/.test(cls)) summary = n;
          if (n.nodeType === 1 && /\btip\b/.test(cls)) tip = n;
        });
      }
      const { object } = await cdp.send('DOM.resolveNode', { backendNodeId: host.backendNodeId });
      const { result } = await cdp.send('Runtime.callFunctionOn', {
        objectId: object.objectId, returnByValue: true,
        functionDeclaration: 'function () { const r = this.getBoundingClientRect(); const a = this.closest("[data-comment-id],[data-transaction-id],[id]"); return { message: this.parentElement ? this.parentElement.textContent.replace(/\\s+/g, " ").trim() : null, anchorId: a ? (a.getAttribute("data-comment-id") || a.getAttribute("data-transaction-id") || a.id) : null, x: r.x + 8, y: r.y + r.height / 2, w: r.width, h: r.height, backendNodeId: 0 }; }',
      });
      let tipOpen = false;
      if (tip) {
        const t = await cdp.send('DOM.resolveNode', { backendNodeId: tip.backendNodeId });
        tipOpen = (await cdp.send('Runtime.callFunctionOn', { objectId: t.object.objectId, returnByValue: true,
          functionDeclaration: 'function () { return this.matches(":popover-open") || this.classList.contains("open"); }' })).result.value;
      }
      out.push({
        hostNodeId: host.backendNodeId,
        closed: shadow?.shadowRootType === 'closed',
        summary: summary ? textUnder(summary).replace(/\s+/g, ' ').trim() : null,
        tip: tip ? textUnder(tip).replace(/\s+/g, ' ').trim() : null,
        tipOpen,
        ...result.value,
      });
    }
    return out;
  }
}

// The composer's card: its text, its buttons (label + a centre point to click
// with the real mouse), the alert, the marks drawn over the editor.
export async function readComposer(page) {
  return withCdp(page, async (cdp, root) => {
    let host = null;
    walk(root, (n) => { if (!host && n.nodeType === 1 && 'data-rapport-composer' in attrs(n)) host = n; });
    if (!host?.shadowRoots?.[0]) return null;
    let card = null; const marks = []; const buttons = []; let alert = null;
    walk(host.shadowRoots[0], (n) => {
      if (n.nodeType !== 1) return;
      const a = attrs(n);
      if (/\bcard\b/.test(a.class ?? '')) card = n;
      if (/\bmark\b/.test(a.class ?? '')) marks.push(n);
      if (a.role === 'alert') alert = n;
      if (n.nodeName === 'BUTTON') buttons.push(n);
    });
    const center = async (n) => {
      try {
        const { model } = await cdp.send('DOM.getBoxModel', { backendNodeId: n.backendNodeId });
        const q = model.border;
        return { x: (q[0] + q[4]) / 2, y: (q[1] + q[5]) / 2 };
      } catch { return null; }
    };
    const shown = card && !('hidden' in attrs(card));
    return {
      closed: host.shadowRoots[0].shadowRootType === 'closed',
      shown,
      text: card ? textUnder(card).replace(/\s+/g, ' ').trim() : '',
      alert: alert ? textUnder(alert).trim() : null,
      marks: marks.length,
      buttons: await Promise.all(buttons.map(async (b) => ({ text: textUnder(b).trim(), at: await center(b) }))),
      meter: (() => { let v = null; walk(card ?? {}, (n) => { if (n.nodeName === 'METER') v = Number(attrs(n).value ?? NaN); }); return v; })(),
    };
  });
}

// The real extension (extension/build.mjs, Chrome build) in headless
// Chromium, turned on for http://127.0.0.1 as the popup does it once the
// agent allowed the site: the host is declared in this test build (headless
// Chromium grants optional hosts to no click), the site is saved in settings
// and the content script is registered for it, as platform/sites.js does.
export async function launchRealExtension() {
  const { variantBuild, launchChromium } = await import('./host-helpers.mjs');
  const dir = await variantBuild('chrome', { extraHostPermissions: ['http://127.0.0.1/*'] });
  const ext = await launchChromium(dir);
  // As enableSite does: the site goes into settings.sites first, so the
  // background's install-time syncSites (which may run after this, on a
  // loaded machine) keeps the script instead of dropping it as stale.
  await ext.sw.evaluate(async () => {
    const key = 'rapport.settings';
    const stored = (await chrome.storage.local.get(key))[key] ?? {};
    await chrome.storage.local.set({ [key]: { ...stored, sites: [...new Set([...(stored.sites ?? []), 'http://127.0.0.1'])] } });
  });
  const id = 'rapport-site:http://127.0.0.1';
  const registered = () => ext.sw.evaluate(async (id) => (await chrome.scripting.getRegisteredContentScripts({ ids: [id] })).length === 1, id);
  for (let i = 0; i < 50 && !(await registered()); i++) {
    await ext.sw.evaluate((id) => chrome.scripting.registerContentScripts([{ id, matches: ['http://127.0.0.1/*'],
      js: ['/content/main.js'], runAt: 'document_idle', allFrames: false, persistAcrossSessions: true }]).catch(() => {}), id);
  }
  if (!(await registered())) throw new Error('could not register the content script for http://127.0.0.1');
  return { ...ext, dir };
}

// Any Rapport host's closed shadow content by its marker attribute: text and
// buttons (label and centre point, to click with the real mouse).
export async function readShadowHost(page, attribute) {
  return withCdp(page, async (cdp, root) => {
    let host = null;
    walk(root, (n) => { if (!host && n.nodeType === 1 && attribute in attrs(n)) host = n; });
    if (!host?.shadowRoots?.[0]) return null;
    const buttons = [];
    walk(host.shadowRoots[0], (n) => { if (n.nodeName === 'BUTTON') buttons.push(n); });
    const at = async (n) => {
      const { model } = await cdp.send('DOM.getBoxModel', { backendNodeId: n.backendNodeId });
      return { x: (model.border[0] + model.border[4]) / 2, y: (model.border[1] + model.border[5]) / 2 };
    };
    return {
      closed: host.shadowRoots[0].shadowRootType === 'closed',
      text: (() => { const parts = []; walk(host.shadowRoots[0], (n, parent) => { if (n.nodeType === 3 && parent?.nodeName !== 'STYLE') parts.push(n.nodeValue); }); return parts.join(' ').replace(/\s+/g, ' ').trim(); })(),
      buttons: await Promise.all(buttons.map(async (b) => ({ text: textUnder(b).trim(), at: await at(b) }))),
    };
  });
}

// Shared by the extension's platform tests (build, permissions, privacy):
// variant builds in temporary folders, a headless Chromium with the unpacked
// build loaded, and a page server whose pages make no request of their own
// (so every request the browser makes on them is the extension's or the test's).
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const FIREFOX = process.env.FIREFOX_PATH || '/usr/bin/firefox-esr';
const { buildExtension } = await import(pathToFileURL(path.join(ROOT, 'extension', 'build.mjs')).href);

export function tempDir(prefix) {
  return fs.mkdtempSync(path.join(os.tmpdir(), `rapport-${prefix}-`));
}

// A build of `browser` into a temporary folder (see buildExtension's options).
export async function variantBuild(browser, options = {}) {
  const outDir = tempDir(`ext-${browser}`);
  await buildExtension({ browser, outDir, ...options });
  return outDir;
}

// Serves `pages` ({ '/path': html }) on 127.0.0.1; records every request.
export async function pageServer(pages) {
  const requests = [];
  const server = http.createServer((req, res) => {
    requests.push(req.url);
    const html = pages[new URL(req.url, 'http://x').pathname];
    if (html === undefined) { res.writeHead(404).end(); return; }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(html);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return { origin, requests, close: () => new Promise((r) => server.close(r)) };
}

export async function launchChromium(extDir, { netlog, env } = {}) {
  const profile = tempDir('profile');
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM, headless: true, env: env ? { ...process.env, ...env } : undefined,
    ignoreDefaultArgs: ['--disable-extensions'],
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run',
      `--disable-extensions-except=${extDir}`, `--load-extension=${extDir}`,
      ...(netlog ? [`--log-net-log=${netlog}`, '--net-log-capture-mode=Everything'] : [])],
  });
  const sw = context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://'))
    ?? await context.waitForEvent('serviceworker', { timeout: 15000 });
  const id = new URL(sw.url()).host;
  return {
    context, sw, id, profile,
    async close() { await context.close(); fs.rmSync(profile, { recursive: true, force: true }); },
  };
}

// Runs bridge calls from a content-script world of `tabId` over a
// 'rapport-tab' port, exactly as the content script talks to the background
// (the port stays open between calls, in that world's globals). Returns the
// raw replies {id, ok, result | error}.
export async function callFromTab(sw, tabId, method, args) {
  const [{ result }] = await sw.evaluate(([tabId, method, args]) => chrome.scripting.executeScript({
    target: { tabId },
    args: [method, args],
    func: (method, args) => {
      const w = globalThis;
      if (!w.__rapportTestPort) {
        const port = chrome.runtime.connect({ name: 'rapport-tab' });
        const state = { port, pending: new Map(), next: 1, closed: false };
        port.onMessage.addListener((m) => { state.pending.get(m.id)?.(m); state.pending.delete(m.id); });
        port.onDisconnect.addListener(() => { state.closed = true; });
        w.__rapportTestPort = state;
      }
      const state = w.__rapportTestPort;
      const id = state.next++;
      return new Promise((resolve) => { state.pending.set(id, resolve); state.port.postMessage({ id, method, args }); });
    },
  }), [tabId, method, args]);
  return result;
}

// The tab id of a Playwright page, as the extension sees it.
export async function tabIdOf(sw, url) {
  return sw.evaluate(async (url) => (await chrome.tabs.query({})).find((t) => t.url === url)?.id, url);
}

export async function offscreenCount(sw) {
  return sw.evaluate(async () => (await chrome.runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT'] })).length);
}

export const QUIET_PAGE = (title, body) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>${title}</title></head><body>${body}</body></html>`;

// Firefox ESR over WebDriver BiDi (puppeteer-core): the build is installed as
// a temporary add-on; its pages live at moz-extension://FIREFOX_UUID/ (pinned
// by pref), and optional permission requests are accepted without a prompt.
// `prefs` adds Firefox preferences (e.g. a short event-page idle time).
export const FIREFOX_UUID = '5a3c0f8e-7d1b-4c2a-9e6f-0b1d2c3e4f50';
export async function launchFirefox(extDir, { prefs = {} } = {}) {
  const { default: puppeteer } = await import('puppeteer-core');
  const manifest = JSON.parse(fs.readFileSync(path.join(extDir, 'manifest.json'), 'utf8'));
  const addonId = manifest.browser_specific_settings.gecko.id;
  const browser = await puppeteer.launch({
    browser: 'firefox', protocol: 'webDriverBiDi', headless: true, executablePath: FIREFOX,
    args: ['-remote-allow-system-access'],     // lets a tab show a moz-extension:// page
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [addonId]: FIREFOX_UUID }),
      'extensions.webextOptionalPermissionPrompts': false,
      ...prefs,
    },
  });
  const installed = await browser.installExtension(extDir);
  return { browser, addonId, installed, base: `moz-extension://${FIREFOX_UUID}/` };
}

// Opens an extension page in Firefox. Its goto never resolves (the page does
// load: selectors and evaluate work), so it is not awaited.
export async function openExtensionPage(browser, url, readySelector) {
  const page = await browser.newPage();
  page.goto(url, { timeout: 3000 }).catch(() => {});
  // The wait can fail early when the tab moves from about:blank to the page
  // under it (its document is replaced): wait again, up to a minute in all.
  const deadline = Date.now() + 60000;
  for (;;) {
    try {
      await page.waitForSelector(readySelector, { timeout: Math.max(1000, deadline - Date.now()) });
      break;
    } catch (error) {
      if (Date.now() >= deadline) throw error;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  return page;
}

// axe-core in a page (extension pages too: evaluate is not subject to the
// page's CSP); returns the violations of impact serious or critical.
const AXE = fs.readFileSync(path.join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
export async function seriousA11yViolations(page) {
  await page.evaluate(AXE);
  const violations = await page.evaluate(async () => (await globalThis.axe.run(document)).violations
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')) })));
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

// Presses Tab until focus comes back round; returns what got focus, in order
// (id, or tag and text), so a test can check every control is reachable.
export async function tabOrder(page, max = 60) {
  const seen = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const here = await page.evaluate(() => {
      const a = document.activeElement;
      return a && a !== document.body ? (a.id || `${a.tagName.toLowerCase()}:${a.getAttribute('aria-label') ?? a.textContent.trim()}`) : null;
    });
    if (here && seen.includes(here)) break;
    if (here) seen.push(here);
  }
  return seen;
}

// Bridge calls from an extension page (e.g. the side panel's) over a port
// named `portName`, kept open in the page between calls; resolves the raw
// reply. Does not wait when `wait` is false: returns a promise handle instead.
export async function callFromExtensionPage(page, portName, method, args) {
  return page.evaluate(([portName, method, args]) => {
    const w = globalThis;
    w.__rapportPorts ??= {};
    if (!w.__rapportPorts[portName]) {
      const port = chrome.runtime.connect({ name: portName });
      const state = { port, pending: new Map(), next: 1 };
      port.onMessage.addListener((m) => { state.pending.get(m.id)?.(m); state.pending.delete(m.id); });
      w.__rapportPorts[portName] = state;
    }
    const state = w.__rapportPorts[portName];
    const id = state.next++;
    return new Promise((resolve) => { state.pending.set(id, resolve); state.port.postMessage({ id, method, args }); });
  }, [portName, method, args]);
}

// Every record of the context database, read in an extension page.
export async function readContextDb(page) {
  return page.evaluate(() => new Promise((resolve, reject) => {
    const open = indexedDB.open('rapport-context');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const names = [...db.objectStoreNames];
      const tx = db.transaction(names, 'readonly');
      const out = {};
      for (const name of names) {
        const req = tx.objectStore(name).getAll();
        req.onsuccess = () => { out[name] = req.result; };
      }
      tx.oncomplete = () => { db.close(); resolve(out); };
      tx.onerror = () => reject(tx.error);
    };
  }));
}

// Adds a customer (end-user) message to ticket 102 of the Zendesk fixture page,
// as the agent workspace does when the customer writes again (the page's own
// builder, tests/e2e/fixtures/helpdesks/zendesk-log.js).
export async function appendZendeskCustomerMessage(page, commentId, text) {
  await page.evaluate(([id, body]) => window.zendeskLog.append([{ id, role: 'end-user', text: body }]), [commentId, text]);
}

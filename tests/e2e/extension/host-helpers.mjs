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
    context, sw, id,
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

export const QUIET_PAGE = (title, body) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body>${body}</body></html>`;

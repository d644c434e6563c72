// Shared set-up of the Chromium end-to-end suites (browser.test.mjs,
// bridge.test.mjs): the fixture extension built as it would ship, and one
// headless Chromium (Debian chromium + playwright-core) with it loaded,
// recording console errors and any request that leaves 127.0.0.1 or the
// extension.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from '../../scripts/static-server.mjs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

// The fixture extension (tests/e2e/fixtures/extension/) plus the API, the
// bridge and the engine build, in the layout its files import.
function buildExtension() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-ext-'));
  fs.cpSync(path.join(ROOT, 'tests', 'e2e', 'fixtures', 'extension'), dir, { recursive: true });
  for (const part of [['shared', 'api'], ['shared', 'bridge'], ['wasm', 'dist'], ['models']]) {
    fs.cpSync(path.join(ROOT, ...part), path.join(dir, ...part), { recursive: true });
  }
  return dir;
}

// Starts the static server over the repo and Chromium with the extension.
export async function launch() {
  assert.ok(fs.existsSync(CHROMIUM), `no Chromium at ${CHROMIUM} (apt-get install chromium)`);
  const server = await startServer(ROOT);
  const extensionDir = buildExtension();
  const profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-profile-'));
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    ignoreDefaultArgs: ['--disable-extensions'],
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run',
      `--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`],
  });
  const browser = { server, context, consoleErrors: [], foreignRequests: [], seenRequests: [] };
  context.on('request', (r) => {
    const url = new URL(r.url());
    browser.seenRequests.push(url.pathname);
    if (!(url.origin === server.origin || url.protocol === 'chrome-extension:' || url.protocol === 'data:')) {
      browser.foreignRequests.push(r.url());
    }
  });
  context.on('console', (m) => {
    if (m.type() === 'error') browser.consoleErrors.push(`${m.text()} at ${m.location().url}`);
  });
  // The extension's service worker and its id.
  browser.extension = async () => {
    let [worker] = context.serviceWorkers();
    worker ??= await context.waitForEvent('serviceworker', { timeout: 15000 });
    return { id: new URL(worker.url()).host, worker };
  };
  browser.close = async () => {
    await context.close();
    await server.close();
    for (const dir of [extensionDir, profileDir]) fs.rmSync(dir, { recursive: true, force: true });
  };
  return browser;
}

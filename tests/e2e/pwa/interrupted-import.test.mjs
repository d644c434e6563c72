// An import interrupted by the user's world: the tab closed, or the whole
// browser killed (SIGKILL to its process), half-way through. Either way the
// next visit shows the previous data, and IndexedDB, read directly, holds
// nothing of the interrupted import once the app has started again.
import test from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, go, kpi, ready, startDashboard } from './helpers.mjs';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-kill-'));
const profile = path.join(tmp, 'profile');
let server;
const browsers = new Set();  // every Chromium this file started, killed in test.after whatever happened

// A browser we own the process of: launched here, driven over CDP.
async function startBrowser() {
  const child = spawn(CHROMIUM, [...CHROMIUM_ARGS, '--headless=new', '--remote-debugging-port=0',
    `--user-data-dir=${profile}`, 'about:blank'], { stdio: ['ignore', 'ignore', 'pipe'] });
  browsers.add(child);
  child.once('exit', () => browsers.delete(child));
  const ws = await new Promise((resolve, reject) => {
    let err = '';
    child.stderr.on('data', (d) => {
      err += d;
      const m = /DevTools listening on (ws:\/\/\S+)/.exec(err);
      if (m) resolve(m[1]);
    });
    child.on('exit', (code) => reject(new Error(`chromium exited ${code}: ${err}`)));
  });
  const browser = await chromium.connectOverCDP(ws);
  return { child, browser, context: browser.contexts()[0] };
}

async function storedDatasets(page) {
  return page.evaluate(() => new Promise((resolve, reject) => {
    const open = indexedDB.open('rapport-dashboard');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      // Messages are stored in pages of rows (pwa/src/worker/store.js).
      const tx = open.result.transaction(['datasets', 'pages'], 'readonly');
      const sets = tx.objectStore('datasets').getAll();
      const pages = tx.objectStore('pages').getAll();
      tx.oncomplete = () => {
        resolve({ sets: sets.result.map((s) => `${s.id}:${s.state}`), messages: pages.result.reduce((n, p) => n + p.rows.length, 0) });
        open.result.close();
      };
    };
  }));
}

// The file is made in the page and handed to the file input as the user's
// choice would be (a browser driven over CDP is "remote" to Playwright,
// which would otherwise copy a large file over the protocol).
// The stored datasets once they equal `want`, or as they are after 15 s.
async function settledDatasets(page, want) {
  let now = await storedDatasets(page);
  for (let i = 0; i < 60 && JSON.stringify(now) !== JSON.stringify(want); i++) {
    await page.waitForTimeout(250);
    now = await storedDatasets(page);
  }
  return now;
}

async function startImport(page) {
  await go(page, 'import');
  await page.evaluate((count) => {
    const lines = [];
    for (let i = 0; i < count; i++) {
      lines.push(JSON.stringify({ conversation: `k${i >> 1}`, at: '2024-06-03T12:00:00Z', text: `Still waiting on parcel ${i}, please help.` }));
    }
    const transfer = new DataTransfer();
    transfer.items.add(new File([`${lines.join('\n')}\n`], 'big.ndjson', { type: 'application/x-ndjson' }));
    const input = document.querySelector('#import-file');
    input.files = transfer.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
  }, 80000);
  await page.waitForSelector('#import-start:not([disabled])', { timeout: 60000 });
  await page.click('#import-start');
  // Wait until some batches are in IndexedDB (pending), then interrupt.
  await page.waitForFunction(() => {
    const p = document.querySelector('.progress [role=status]');
    return p && Number(p.textContent.split(' rows')[0].replace(/,/g, '')) >= 4000;
  }, null, { timeout: 180000 });
}

test.before(async () => {
  server = await startDashboard();
});

test.after(async () => {
  for (const child of browsers) child.kill('SIGKILL');
  await server?.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

test('closing the tab or killing the browser mid-import keeps the previous data, and nothing of the import', async () => {
  let { child, browser, context } = await startBrowser();
  let page = await context.newPage();
  await page.goto(server.url);
  await ready(page);
  const before = await kpi(page, 'Customer messages');
  const stored = await storedDatasets(page);
  assert.deepEqual(stored.sets, ['demo:committed']);

  // 1. The tab is closed mid-import.
  await startImport(page);
  await page.close();
  page = await context.newPage();
  await page.goto(server.url);
  await ready(page);
  assert.equal(await kpi(page, 'Customer messages'), before);
  // The closed tab's import may hold its lock a moment longer (its worker
  // winding down): its remains go once the lock is free (store.js sweep).
  assert.deepEqual(await settledDatasets(page, stored), stored, 'the closed tab\'s import left rows in IndexedDB');

  // 2. The browser process is killed mid-import.
  await startImport(page);
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGKILL');
  await exited;
  await browser.close().catch(() => {});
  ({ child, browser, context } = await startBrowser());
  try {
    page = await context.newPage();
    await page.goto(server.url);
    await ready(page);
    assert.equal(await kpi(page, 'Customer messages'), before);
    assert.deepEqual(await storedDatasets(page), stored, 'the interrupted import left rows in IndexedDB');
  } finally {
    await browser.close().catch(() => {});
    child.kill('SIGKILL');
  }
});

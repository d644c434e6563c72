// The dashboard's IndexedDB moved from one record per message (v1) to pages
// of rows (v2, pwa/src/worker/store.js). Data imported under v1 must still be
// there after the upgrade: a v1 database is written by hand in a fresh
// profile (on the dashboard's origin, before the app ever ran), then the app
// opens it. The numbers shown, a conversation whose messages straddle two
// pages, and the stored layout are checked.
import test from 'node:test';
import assert from 'node:assert/strict';
import { go, kpi, launch, ready, startDashboard } from './helpers.mjs';

let server;
let context;

test.before(async () => {
  server = await startDashboard();
  ({ context } = await launch());
});

test.after(async () => {
  await context?.close();
  await server?.stop();
});

// 100 conversations of customer, agent, customer (seq 3k .. 3k+2); c42 holds
// seqs 126..128, across the first two pages of 128 rows, and is the most
// pressing one, so it heads the Queue.
function v1Messages() {
  const out = [];
  for (let k = 0; k < 100; k++) {
    const urgent = k === 42;
    const at = (minute) => new Date(Date.UTC(2024, 4, 1, 9, k, minute)).toISOString();
    const customer = (text, minute) => ({ conversation: `c${k}`, at: at(minute), role: 'customer', text, customer: `u${k}`,
      agent: 'Sam', sentiment: urgent ? -0.9 : 0.4, priority: urgent ? 0.95 : 0.1 });
    out.push(customer(urgent ? 'This is the third time, I am furious!' : 'Thanks, all good.', 0));
    out.push({ conversation: `c${k}`, at: at(10), role: 'agent', text: 'Happy to help.', customer: `u${k}`, agent: 'Sam', empathy: 60 });
    out.push(customer(urgent ? 'Still nothing. Cancel everything.' : 'Great, thank you.', 20));
  }
  return out;
}

test('data stored by the v1 layout is there after the upgrade, conversations included', async () => {
  const page = context.pages()[0] ?? await context.newPage();
  // Same origin as the app, but no app: the v1 database is written before the app's worker opens it.
  await page.goto(new URL('manifest.webmanifest', server.url).href);
  await page.evaluate((messages) => new Promise((resolve, reject) => {
    const open = indexedDB.open('rapport-dashboard', 1);
    open.onupgradeneeded = () => {
      const db = open.result;
      db.createObjectStore('datasets', { keyPath: 'id' });
      const store = db.createObjectStore('messages', { keyPath: ['dataset', 'seq'] });
      store.createIndex('byConversation', ['dataset', 'conversation', 'seq']);
      store.createIndex('byCustomer', ['dataset', 'customer', 'seq']);
      db.createObjectStore('meta');
    };
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const tx = db.transaction(['datasets', 'messages', 'meta'], 'readwrite');
      tx.objectStore('datasets').put({ id: 'old', name: 'old.ndjson', format: 'mapped', state: 'committed', rows: messages.length });
      messages.forEach((m, seq) => tx.objectStore('messages').put({ ...m, dataset: 'old', seq }));
      tx.objectStore('meta').put(['old'], 'active');
      tx.oncomplete = () => { db.close(); resolve(); };
      tx.onerror = () => reject(tx.error);
    };
  }), v1Messages());

  await page.goto(server.url);
  await ready(page);
  assert.equal(await kpi(page, 'Customer messages'), 200);

  await go(page, 'queue');
  await page.locator('button', { hasText: 'Open' }).first().click();
  await page.waitForSelector('.messages .message');
  assert.equal(await page.locator('#view-title').innerText(), 'Conversation c42');
  assert.deepEqual(await page.locator('.messages .message').evaluateAll((els) => els.length), 3);

  const stored = await page.evaluate(() => new Promise((resolve, reject) => {
    const open = indexedDB.open('rapport-dashboard');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const tx = db.transaction('pages', 'readonly');
      const pages = tx.objectStore('pages').getAll();
      tx.oncomplete = () => {
        resolve({ version: db.version, stores: [...db.objectStoreNames],
          pages: pages.result.map((p) => `${p.dataset}/${p.page}:${p.rows.length}`) });
        db.close();
      };
    };
  }));
  assert.deepEqual(stored, { version: 2, stores: ['datasets', 'meta', 'pages'], pages: ['old/0:128', 'old/1:128', 'old/2:44'] });
});

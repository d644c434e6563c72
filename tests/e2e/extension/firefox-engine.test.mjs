// Firefox's engine host runs in a dedicated worker that the background page
// starts (engine-host/worker.js), never on the background page's own thread:
// Firefox runs the background page, the sidebar, the popup and the options
// page on one extension-process main thread, so a long engine call there
// froze the sidebar. In Firefox ESR (puppeteer-core over WebDriver BiDi):
//   - the team rule pack (from storage, which workers cannot read) reaches
//     the worker's analyzer, and a review works through the router;
//   - while one analyzeBatch of 2,000 messages is in flight, the background page
//     keeps answering router calls that need no engine (pings from an
//     extension page, one after another): an ordering, not a time limit; with
//     the engine on the shared thread no ping got through until the batch
//     was done. The background page started one worker (its Worker
//     constructor is watched from the test);
//   - after the idle release (2 s in this build) the worker is gone and a new
//     one starts on the next call: a review on the session opened before
//     still works (the router re-opens it) with the rule pack applied again;
//   - a build without the worker file fails calls with RAPPORT_E_ENGINE_LOAD,
//     then and later, instead of never answering.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { FIREFOX, variantBuild, launchFirefox, openExtensionPage } from './host-helpers.mjs';

const TEAM_PACK = {
  schema: 'rapport-rules/1', name: 'acme-support', base: 'default',
  rules: [{ id: 'acme.synergy', category: 'jargon', severity: 'low', scope: 'phrase', patterns: ['synergy|synergies'],
    message: 'Buzzword', why: 'Buzzwords sound evasive to customers.', examples: ['We value the synergy.'], alternatives: ['teamwork'] }],
};
const DRAFT = 'Thanks for waiting. We value the synergy between our teams and will fix this today.';
const LINES = ['This is the third time I am asking about my refund and nobody answers me.',
  'Thank you so much, the replacement arrived today and it works perfectly.',
  'I was charged twice for the same order #4411 and I want the money back now.',
  'Could you tell me when the parcel will be shipped? I need it before Friday.',
  'Your app keeps logging me out every few minutes, this is really frustrating.'];
// 2,000 messages of a few sentences (four of the content script's largest
// batches: long enough for several pings however fast the machine).
const BATCH = Array.from({ length: 2000 }, (_, i) => `${LINES[i % 5]} ${LINES[(i + 2) % 5]} Ticket ${i}, line ${i * 7}.`);

// Bridge calls from an extension page, over ports kept open in the page
// (sessions are per port); `call(portName, method, args)` resolves the raw reply.
async function bridgeIn(page) {
  await page.evaluate(() => {
    const ports = {};
    globalThis.call = (name, method, args) => {
      if (!ports[name]) {
        const port = browser.runtime.connect({ name });
        const state = { port, pending: new Map(), next: 1 };
        port.onMessage.addListener((m) => { state.pending.get(m.id)?.(m); state.pending.delete(m.id); });
        ports[name] = state;
      }
      const state = ports[name];
      const id = state.next++;
      return new Promise((resolve) => { state.pending.set(id, resolve); state.port.postMessage({ id, method, args }); });
    };
  });
  return (name, method, args) => page.evaluate((n, m, a) => globalThis.call(n, m, a), name, method, args);
}

async function ruleIds(call) {
  const r = await call('rapport-tab', 'review', ['c1', DRAFT]);
  assert.ok(r.ok, JSON.stringify(r.error));
  return r.result.suggestions.map((s) => s.ruleId);
}

test('Firefox: the engine runs in a worker of the background page; rule pack, reviews and idle release', { timeout: 180000 }, async (t) => {
  assert.ok(fs.existsSync(FIREFOX), `no Firefox at ${FIREFOX} (apt-get install firefox-esr)`);
  const extDir = await variantBuild('firefox', { define: { __RAPPORT_ENGINE_IDLE_MS__: '2000' } });
  // The event page stays up for the whole test (its unloading is firefox-badges.test.mjs's case).
  const { browser, base } = await launchFirefox(extDir, { prefs: { 'extensions.background.idle.timeout': 600000 } });
  t.after(async () => { await browser.close(); fs.rmSync(extDir, { recursive: true, force: true }); });

  const page = await openExtensionPage(browser, `${base}popup/index.html`, 'body[data-ready]');
  // Every worker the background page starts, from now on (nothing has needed the engine yet).
  await page.evaluate(async () => {
    const bg = await browser.runtime.getBackgroundPage();
    bg.testWorkers = [];
    bg.Worker = new Proxy(bg.Worker, { construct(target, args) {
      bg.testWorkers.push(new URL(String(args[0])).pathname);
      return Reflect.construct(target, args);
    } });
  });
  const workersStarted = () => page.evaluate(async () => [...(await browser.runtime.getBackgroundPage()).testWorkers]);
  await page.evaluate((pack) => browser.storage.local.set({ 'rapport.settings': { rulePack: JSON.stringify(pack) } }), TEAM_PACK);
  const call = await bridgeIn(page);

  // The pack from storage reaches the worker's analyzer; reviews work.
  const opened = await call('rapport-tab', 'reviewOpen', ['c1', { customerText: 'My order is late again.' }]);
  assert.ok(opened.ok, JSON.stringify(opened.error));
  assert.ok((await ruleIds(call)).includes('acme.synergy'), 'the team rule flags the draft');
  const labels = await call('rapport-tab', 'analyzeBatch', [['Refund me NOW or I cancel my account!', 'Thank you so much, that fixed it!']]);
  assert.deepEqual(labels.result.map((r) => r.sentiment.label), ['negative', 'positive']);

  // A long engine call, and pings to the background page while it runs.
  const run = await page.evaluate(async (texts) => {
    let done = false;
    let pingsDuring = 0;
    const started = performance.now();
    const batch = globalThis.call('rapport-tab', 'analyzeBatch', [texts]).then((reply) => { done = true; return reply; });
    while (!done) {
      const pong = await globalThis.call('rapport-panel', 'panel.ofTab', [-1]);
      if (!pong.ok) throw new Error(JSON.stringify(pong.error));
      if (!done) pingsDuring++;
    }
    const reply = await batch;
    return { ok: reply.ok, count: reply.result?.length, error: reply.error, pingsDuring, ms: performance.now() - started };
  }, BATCH);
  assert.ok(run.ok, JSON.stringify(run.error));
  assert.equal(run.count, 2000);
  t.diagnostic(`2,000 messages in ${run.ms.toFixed(0)} ms; ${run.pingsDuring} pings answered meanwhile`);
  assert.ok(run.pingsDuring >= 1, `the background page answered ${run.pingsDuring} pings while the batch ran`);
  assert.deepEqual(await workersStarted(), ['/engine-host/worker.js'], 'one engine worker, started by the background page');

  // Idle release: the worker goes; the next review starts a new one, the
  // session is re-opened there and the pack is applied again.
  await new Promise((r) => setTimeout(r, 4000));
  assert.ok((await ruleIds(call)).includes('acme.synergy'), 'after the idle release: reviewed, with the team rule');
  assert.deepEqual(await workersStarted(), ['/engine-host/worker.js', '/engine-host/worker.js'], 'a new worker after the idle release');
});

test('Firefox: an engine worker that does not load fails calls with RAPPORT_E_ENGINE_LOAD', { timeout: 120000 }, async (t) => {
  const extDir = await variantBuild('firefox');
  fs.rmSync(path.join(extDir, 'engine-host', 'worker.js'));
  const { browser, base } = await launchFirefox(extDir);
  t.after(async () => { await browser.close(); fs.rmSync(extDir, { recursive: true, force: true }); });
  const page = await openExtensionPage(browser, `${base}popup/index.html`, 'body[data-ready]');
  const call = await bridgeIn(page);
  for (const text of ['My order never arrived.', 'Still nothing.']) {
    const reply = await call('rapport-tab', 'analyzeBatch', [[text]]);
    assert.equal(reply.ok, false, JSON.stringify(reply));
    assert.equal(reply.error.code, 'RAPPORT_E_ENGINE_LOAD');
    assert.match(reply.error.message, /engine worker did not load/);
  }
});

// The shared engine bridge (shared/bridge/) in real Chromium: an engine host in
// a dedicated worker (clients on the page) and in an MV3 offscreen document
// (clients in the service worker, one runtime Port per "tab"), both built from
// the same engineMethods table. Same results and same error codes as Node;
// unknown methods, cancellation, two clients at once, and a host that goes
// away mid-batch (pending calls reject RAPPORT_E_HOST_GONE, nothing hangs).
import test from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { launch, ROOT } from './chromium.mjs';

const TEXT = "This is the third time I'm asking 😡 I need my refund ASAP or I'm cancelling my account!";
const { createAnalyzer } = await import(pathToFileURL(path.join(ROOT, 'shared', 'api', 'index.js')).href);
const lexicon = await createAnalyzer({ model: false });
const model = await createAnalyzer();
const expectedBatch = await lexicon.analyzeBatch([TEXT, 'thank you!']);
const expectedModel = await model.analyze(TEXT);
const inputError = await lexicon.analyze(5).catch((e) => ({ name: e.name, code: e.code, message: e.message }));
lexicon.dispose();
model.dispose();

let browser;
test.before(async () => { browser = await launch(); });
test.after(async () => { await browser?.close(); });

test('an engine host in a dedicated worker, through the bridge only', async () => {
  const page = await browser.context.newPage();
  await page.goto(`${browser.server.origin}/tests/e2e/fixtures/bridge-page.html`);
  const out = await page.evaluate((text) => window.bridgeScenario(text), TEXT);
  assert.deepEqual(out.analysis, { ok: true, result: expectedBatch }, 'worker host and Node results differ');
  assert.deepEqual(out.inputError, { ok: false, error: inputError });
  assert.equal(out.unknown.error.code, 'RAPPORT_E_BRIDGE_METHOD');
  assert.equal(out.unknown.error.name, 'RapportError');
  assert.equal(out.cancel.first, 5000);
  assert.equal(out.cancel.second.error.code, 'RAPPORT_E_CANCELLED');
  assert.equal(out.closedClient.error.code, 'RAPPORT_E_DISPOSED');
  assert.equal(out.twoTabs.length, 20);
  for (const pair of out.twoTabs) assert.deepEqual(pair, ['negative', 'positive'], 'results crossed between clients');
  assert.equal(out.terminated.error.code, 'RAPPORT_E_HOST_GONE');
  assert.deepEqual(out.afterShutdown.map((o) => o.error.code), ['RAPPORT_E_HOST_GONE', 'RAPPORT_E_HOST_GONE']);
  await page.close();
});

// The service worker's test hooks (fixtures/extension/background.js).
const call = (worker, client, method, args, options) =>
  worker.evaluate(([c, m, a, o]) => self.bridgeCall(c, m, a, o), [client, method, args, options]);

test('the offscreen document serves the model path to the service worker, errors with their codes', async () => {
  const { worker } = await browser.extension();
  assert.deepEqual(await call(worker, 'tabA', 'analyze', [TEXT]), { ok: true, result: expectedModel });
  assert.deepEqual(await call(worker, 'tabA', 'analyze', [5]), { ok: false, error: { ...inputError, details: undefined } });
  const unknown = await call(worker, 'tabA', 'eval', ['1']);
  assert.equal(unknown.error.code, 'RAPPORT_E_BRIDGE_METHOD');
  const noSession = await call(worker, 'tabA', 'review', ['nope', 'hi']);
  assert.equal(noSession.error.code, 'RAPPORT_E_NO_SESSION');
  const pack = await call(worker, 'tabA', 'loadRulePack', ['{"schema":']);
  assert.equal(pack.error.code, 'RAPPORT_E_RULE_PACK');
  assert.equal(pack.error.details[0].code, 'invalid_json');
  const info = await call(worker, 'tabA', 'info', []);
  assert.equal(info.result.source, 'model+lexicon');
});

test('two tabs at once: the same conversation id, each its own customer; results never cross', async () => {
  const { worker } = await browser.extension();
  const labels = await worker.evaluate(async () => {
    await Promise.all([
      self.bridgeCall('tabA', 'reviewOpen', ['ticket-1', { customerText: 'Third time asking, I am furious!' }]),
      self.bridgeCall('tabB', 'reviewOpen', ['ticket-1', { customerText: 'Thank you so much, works great!' }]),
    ]);
    const rounds = await Promise.all(Array.from({ length: 20 }, (_, i) => Promise.all([
      self.bridgeCall('tabA', 'review', ['ticket-1', `Calm down ${i}.`]),
      self.bridgeCall('tabB', 'review', ['ticket-1', `Calm down ${i}.`]),
      self.bridgeCall('tabA', 'analyzeBatch', [[`This is awful and I am furious, order ${i}!!!`, `Thank you so much, great help ${i}`]]),
    ])));
    return rounds.map(([a, b, batch]) => [a.result.mismatch.customerLabel, b.result.mismatch.customerLabel,
      batch.result.map((r) => r.sentiment.label).join()]);
  });
  for (const row of labels) assert.deepEqual(row, ['negative', 'positive', 'negative,positive']);
});

test('cancelling a queued batch, and the document closed mid-batch: typed errors, nothing hangs', async () => {
  const { worker } = await browser.extension();
  const big = Array.from({ length: 3000 }, (_, i) => `order ${i} is late, refund me now!!!`);
  const [first, second] = await worker.evaluate(async (texts) => Promise.all([
    self.bridgeCall('tabA', 'analyzeBatch', [texts]),
    self.bridgeCall('tabA', 'analyzeBatch', [texts], { abortAfterMs: 0 }),
  ]), big);
  assert.equal(first.result.length, 3000);
  assert.equal(second.error.code, 'RAPPORT_E_CANCELLED');

  const gone = await worker.evaluate((texts) => self.closeEngineHostDuring('tabC', 'analyzeBatch', [texts.concat(texts)]), big);
  assert.equal(gone.ok, false);
  assert.equal(gone.error.code, 'RAPPORT_E_HOST_GONE');
  // The next call starts a new host (lazy start again); a review session of the
  // old one is gone and says so.
  const again = await call(worker, 'tabA', 'analyze', [TEXT]);
  assert.deepEqual(again, { ok: true, result: expectedModel });
  assert.equal((await call(worker, 'tabA', 'review', ['ticket-1', 'hi'])).error.code, 'RAPPORT_E_NO_SESSION');
});

test('nothing left 127.0.0.1 or the extension; no console errors', () => {
  assert.deepEqual(browser.foreignRequests, []);
  assert.deepEqual(browser.consoleErrors, []);
});

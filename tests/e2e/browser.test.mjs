// The built module in real headless Chromium (Debian chromium + playwright-core):
// a normal page, a dedicated worker, an MV3 extension page under the CSP
// "script-src 'self' 'wasm-unsafe-eval'", the extension's service worker, and
// its offscreen document as the engine host the service worker asks.
// Each must give the same result as Node for the same text.
import test from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { launch, ROOT } from './chromium.mjs';

const TEXT = "This is the third time I'm asking 😡 I need my refund ASAP or I'm cancelling my account!";

const { createAnalyzer } = await import(pathToFileURL(path.join(ROOT, 'shared', 'api', 'index.js')).href);
const nodeAnalyzer = await createAnalyzer({ model: false });
const nodeModelAnalyzer = await createAnalyzer();
const expectedModel = await nodeModelAnalyzer.analyze(TEXT);
nodeModelAnalyzer.dispose();
const expected = await nodeAnalyzer.analyze(TEXT);
const expectedThanks = await nodeAnalyzer.analyze('thank you!');
const expectedSw = await nodeAnalyzer.analyze('Thanks a lot, you saved my day!');
const expectedReview = await nodeAnalyzer.reviewDraft('Calm down, there is nothing I can do.', { customerText: TEXT });
nodeAnalyzer.dispose();

// Chromium with the fixture extension (tests/e2e/chromium.mjs); its request
// and console logs are read by the last tests.
let browser;
let context;
let server;
test.before(async () => {
  browser = await launch();
  ({ context, server } = browser);
});
test.after(async () => { await browser?.close(); });

function assertSupportResult(r) {
  assert.ok(r && !r.error, `failed in the browser: ${JSON.stringify(r)}`);
  assert.equal(r.result.sentiment.label, 'negative');
  const ids = r.result.cues.map((c) => c.id);
  assert.ok(ids.includes('urgency') && ids.includes('churn_risk'), ids.join());
  for (const c of r.result.cues) for (const s of c.spans) assert.equal(TEXT.slice(s.start, s.end), s.text);
  assert.deepEqual(r.result, expected, 'browser and Node results differ');
}

test('a normal page imports the API and analyzes a message', async () => {
  const page = await context.newPage();
  await page.goto(`${server.origin}/tests/e2e/fixtures/page.html?text=${encodeURIComponent(TEXT)}`);
  const out = await page.evaluate(() => window.pageResult);
  assertSupportResult(out);
  assert.deepEqual(out.batch, [expected, expectedThanks]);
  await page.close();
});

test('a page runs the default (model) path like Node, with no import map or bundler', async () => {
  const page = await context.newPage();
  await page.goto(`${server.origin}/tests/e2e/fixtures/page.html?text=${encodeURIComponent(TEXT)}`);
  const out = await page.evaluate(() => window.modelResult);
  assert.ok(out && !out.error, JSON.stringify(out));
  assert.equal(out.source, 'model+lexicon');
  assert.equal(out.result.source, 'model+lexicon');
  assert.deepEqual(out.result, expectedModel, 'browser and Node model results differ');
  await page.close();
});

test('a dedicated module worker analyzes a message', async () => {
  const page = await context.newPage();
  await page.goto(`${server.origin}/tests/e2e/fixtures/page.html?text=${encodeURIComponent(TEXT)}`);
  const out = await page.evaluate(() => window.workerResult);
  assertSupportResult(out);
  assert.equal(out.inWorker, true);
  assert.deepEqual(out.modelResult, expectedModel, 'worker and Node model results differ');
  await page.close();
});

const extensionId = () => browser.extension();

test('an MV3 extension page (CSP without unsafe-eval) analyzes a message', async () => {
  const { id } = await extensionId();
  const page = await context.newPage();
  await page.goto(`chrome-extension://${id}/page.html?text=${encodeURIComponent(TEXT)}`);
  const out = await page.evaluate(() => window.extensionResult);
  assertSupportResult(out);
  assert.deepEqual(out.violations, []);
  assert.deepEqual(out.review, expectedReview, 'draft review differs from Node');
  assert.deepEqual(out.modelResult, expectedModel, 'extension page and Node model results differ');
  assert.ok(out.review.suggestions.length > 0);
  await page.close();
});

test("the extension's service worker analyzes a message", async () => {
  const { worker } = await extensionId();
  const out = await worker.evaluate(() => self.serviceWorkerResult);
  assert.ok(out && !out.error, JSON.stringify(out));
  assert.deepEqual(out.result, expectedSw);
  assert.equal(out.result.sentiment.label, 'positive');
  assert.deepEqual(await worker.evaluate(() => self.defaultResult), {
    name: 'RapportError', code: 'RAPPORT_E_MODEL_LOAD',
    message: "could not load the model runtime (wasm/dist/ort, built by 'npm run build'); " +
      'pass { model: false } for lexicon-only' });
  assert.deepEqual(browser.consoleErrors, []);
});

test("the extension's engine host (an offscreen document) runs the model for the service worker", async () => {
  const { worker } = await extensionId();
  const out = await worker.evaluate((text) => self.analyzeInEngineHost(text), TEXT);
  assert.ok(out && !out.error, JSON.stringify(out));
  assert.equal(out.result.source, 'model+lexicon');
  assert.deepEqual(out.result, expectedModel, 'engine host and Node model results differ');
  assert.deepEqual(browser.consoleErrors, []);
});

test('no request left 127.0.0.1 or the extension', () => {
  assert.ok(browser.seenRequests.some((p) => p.endsWith('/rapport_core.wasm')), 'the request log saw nothing');
  assert.ok(browser.seenRequests.some((p) => p.endsWith('/ort/ort-wasm-simd-threaded.wasm')), 'ORT was not loaded from wasm/dist/ort');
  assert.deepEqual(browser.foreignRequests, []);
});

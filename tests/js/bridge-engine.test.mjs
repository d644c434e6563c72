// The engine's method table (shared/bridge/engine-methods.js) over the bridge
// in Node: the same results and the same errors as a local analyzer, review
// sessions per client, lazy start, cancellation of a queued batch, a host
// closed mid-batch.
import test from 'node:test';
import assert from 'node:assert/strict';
import { createBridgeClient } from '../../shared/bridge/client.js';
import { serveBridge } from '../../shared/bridge/host.js';
import { fromMessagePort } from '../../shared/bridge/ports.js';
import { engineMethods, MAX_SESSIONS_PER_PEER } from '../../shared/bridge/engine-methods.js';
import { api } from './helpers.mjs';

const { createAnalyzer, RapportError } = api;
const CUSTOMER = { customerText: "Third time my order is late. Unacceptable, I'm furious!", customerName: 'Dana' };
const DRAFT = 'Hi, calm down. As I said, there is nothing I can do.';

function connect(methods) {
  const { port1, port2 } = new MessageChannel();
  const served = serveBridge({ port: fromMessagePort(port2), methods });
  const client = createBridgeClient({ port: fromMessagePort(port1) });
  return { client, served };
}

// The same failure, local and remote: same class, code and message.
async function sameError(local, remote) {
  const l = await local.then(() => null, (e) => e);
  const r = await remote.then(() => null, (e) => e);
  assert.ok(l instanceof RapportError && r instanceof RapportError, `${l} / ${r}`);
  assert.equal(r.code, l.code);
  assert.equal(r.message, l.message);
  assert.deepEqual(r.details, l.details);
}

test('analysis, review and packs over the bridge equal the local analyzer, errors included', async () => {
  const local = await createAnalyzer({ model: false });
  let made = 0;
  const methods = engineMethods(() => { made++; return createAnalyzer({ model: false }); });
  assert.equal(made, 0, 'lazy: nothing is made before the first call');
  const { client, served } = connect(methods);
  const texts = ['Where is my refund?!', 'Thanks, great help 😊', 'cancel\u0000my account \uD800 now', ''];
  assert.deepEqual(await client.call('analyzeBatch', [texts]), await local.analyzeBatch(texts));
  assert.deepEqual(await client.call('analyze', [texts[0]]), await local.analyze(texts[0]));
  assert.equal(made, 1);

  assert.equal(await client.call('reviewOpen', ['c1', CUSTOMER]), true);
  assert.equal(await client.call('reviewOpen', ['c1', CUSTOMER]), false, 'same customer: not analysed again');
  const session = local.createReviewSession(CUSTOMER);
  assert.deepEqual(await client.call('review', ['c1', DRAFT]), await session.review(DRAFT));
  assert.deepEqual(await client.call('reviewDraft', [DRAFT, CUSTOMER]), await local.reviewDraft(DRAFT, CUSTOMER));

  for (const [method, args, localCall] of [
    ['analyze', [5], () => local.analyze(5)],
    ['analyzeBatch', ['no'], () => local.analyzeBatch('no')],
    ['analyzeBatch', [new Array(10001).fill('x')], () => local.analyzeBatch(new Array(10001).fill('x'))],
    ['reviewDraft', [DRAFT, { nope: 1 }], () => local.reviewDraft(DRAFT, { nope: 1 })],
    ['review', ['c1', 42], () => session.review(42)],
    ['loadRulePack', ['{"schema":'], async () => local.loadRulePack('{"schema":')],
    ['loadRulePack', [{ schema: 'rapport-rules/1', base: 'default', disable: ['no.such.rule'] }],
      async () => local.loadRulePack({ schema: 'rapport-rules/1', base: 'default', disable: ['no.such.rule'] })],
  ]) {
    await sameError(localCall(), client.call(method, args));
  }
  await assert.rejects(client.call('review', ['never-opened', DRAFT]), (e) => e.code === 'RAPPORT_E_NO_SESSION' &&
    e.message === "no review session is open for conversation 'never-opened'; call reviewOpen first");
  await assert.rejects(client.call('reviewOpen', [{}, CUSTOMER]), (e) => e.code === 'RAPPORT_E_INPUT_TYPE');

  // A pack loaded over the bridge applies to the engine's sessions.
  await client.call('loadRulePack', [{ schema: 'rapport-rules/1', base: 'default', rules: [], disable: ['dismissive.calm-down'] }]);
  const after = await client.call('review', ['c1', DRAFT]);
  assert.ok(!after.suggestions.some((s) => s.ruleId === 'dismissive.calm-down'));
  assert.doesNotMatch(await client.call('exportRulePack'), /dismissive\.calm-down/);
  await client.call('resetRulePack');
  const info = await client.call('info');
  assert.equal(info.source, 'lexicon');
  assert.equal(info.version, local.version);
  assert.equal(info.limits.maxBatchSize, 10000);
  assert.equal(await client.call('reviewClose', ['c1']), true);
  assert.equal(await client.call('reviewClose', ['c1']), false);
  await assert.rejects(client.call('review', ['c1', DRAFT]), (e) => e.code === 'RAPPORT_E_NO_SESSION');
  client.close();
  served.close();
  local.dispose();
});

test('two clients with the same conversation id keep their own sessions; a closed client\'s sessions are freed', async () => {
  const methods = engineMethods(() => createAnalyzer({ model: false }));
  const tabA = connect(methods);
  const tabB = connect(methods);
  const happy = { customerText: 'Thanks so much, it arrived and works great!', customerName: 'Lee' };
  await Promise.all([tabA.client.call('reviewOpen', ['ticket-1', CUSTOMER]), tabB.client.call('reviewOpen', ['ticket-1', happy])]);
  const rounds = await Promise.all(Array.from({ length: 20 }, (_, i) => Promise.all([
    tabA.client.call('review', ['ticket-1', `${DRAFT} ${i}`]), tabB.client.call('review', ['ticket-1', `${DRAFT} ${i}`]),
  ])));
  for (const [a, b] of rounds) {
    assert.equal(a.mismatch.customerLabel, 'negative');
    assert.equal(b.mismatch.customerLabel, 'positive');
  }
  assert.equal((await tabA.client.call('info')).reviewSessions, 2);
  tabB.client.close();  // the tab went away
  for (let i = 0; i < 50 && (await tabA.client.call('info')).reviewSessions !== 1; i++) await new Promise((r) => setTimeout(r, 5));
  assert.equal((await tabA.client.call('info')).reviewSessions, 1);
  assert.equal((await tabA.client.call('review', ['ticket-1', DRAFT])).mismatch.customerLabel, 'negative');
  tabA.client.close();
});

test(`a client keeps at most ${MAX_SESSIONS_PER_PEER} sessions: the least recently used is closed`, async () => {
  const methods = engineMethods(() => createAnalyzer({ model: false }));
  const { client, served } = connect(methods);
  for (let i = 0; i <= MAX_SESSIONS_PER_PEER; i++) await client.call('reviewOpen', [i, { customerText: `order ${i} late` }]);
  assert.equal((await client.call('info')).reviewSessions, MAX_SESSIONS_PER_PEER);
  await assert.rejects(client.call('review', [0, 'sorry']), (e) => e.code === 'RAPPORT_E_NO_SESSION');
  assert.equal(typeof (await client.call('review', [1, 'sorry'])).empathyScore, 'number');
  client.close();
  served.close();
});

test('a batch cancelled while it waits for the engine never runs; a failed start is retried', async () => {
  let batches = 0;
  let fail = true;
  const methods = engineMethods(async () => {
    if (fail) { fail = false; throw new Error('no wasm today'); }
    const a = await createAnalyzer({ model: false });
    const real = a.analyzeBatch;
    a.analyzeBatch = (texts) => { batches++; return real(texts); };
    return a;
  });
  const { client, served } = connect(methods);
  await assert.rejects(client.call('analyze', ['hi']), (e) => e.code === 'RAPPORT_E_INTERNAL' && /no wasm today/.test(e.message));
  const big = Array.from({ length: 5000 }, (_, i) => `message ${i}: where is my order?`);
  const controller = new AbortController();
  const first = client.call('analyzeBatch', [big]);
  const second = client.call('analyzeBatch', [big], { signal: controller.signal });
  controller.abort();
  await assert.rejects(second, (e) => e.code === 'RAPPORT_E_CANCELLED');
  assert.equal((await first).length, 5000);
  await client.call('analyzeBatch', [['after']]);
  assert.equal(batches, 2, 'the cancelled batch never reached the engine');
  client.close();
  served.close();
});

test('the host closed mid-batch: the pending call rejects with RAPPORT_E_HOST_GONE', async () => {
  const methods = engineMethods(() => createAnalyzer({ model: false }));
  const { client, served } = connect(methods);
  await client.call('info');  // started
  const texts = Array.from({ length: 10000 }, (_, i) => `message ${i}: refund me now, this is the worst!!!`);
  const calls = [client.call('analyzeBatch', [texts]), client.call('analyzeBatch', [texts])];
  served.close();
  for (const c of calls) await assert.rejects(c, (e) => e.code === 'RAPPORT_E_HOST_GONE');
  await assert.rejects(client.call('info'), (e) => e.code === 'RAPPORT_E_HOST_GONE');
  client.close();
});

// Review sessions (one per conversation, shared/api/review.js over the C++
// ReviewSession): sessions of different customers interleaved give exactly
// what separate one-shots give, the customer is analysed once per session,
// packs belong to one analyzer, dispose() and the GC fallback free the engine
// side, and span texts are the caller's own text.
import test from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { api, API_URL } from './helpers.mjs';

const { createAnalyzer, RapportError } = api;

const ANGRY = { customerText: "Third time my order is late. Unacceptable, I'm furious!", customerName: 'Dana' };
const HAPPY = { customerText: 'Thanks so much, the replacement arrived and works great!', customerName: 'Lee',
  agentName: 'Sam', company: 'Acme' };
const DRAFTS = [
  'Hi, calm down. As I said, there is nothing I can do.',
  'I am so sorry about your order, Dana. I will refund it today and email you the label.',
  'Glad it works! Let me know if anything else comes up.',
  'Per our policy we cannot do that. Unfortunately you have to wait.',
  '',
];

const disposedError = (e) => e instanceof RapportError && e.code === 'RAPPORT_E_DISPOSED';

test('two sessions with different customers, interleaved, give the same results as separate one-shots', async () => {
  const a = await createAnalyzer({ model: false });
  const angry = a.createReviewSession(ANGRY);
  const happy = a.createReviewSession(HAPPY);
  const oneShots = await createAnalyzer({ model: false });
  for (let round = 0; round < 3; round++) {
    for (const draft of DRAFTS) {
      // Interleaved: each session's call sits between the other's.
      const [x, y] = await Promise.all([angry.review(draft), happy.review(draft)]);
      assert.equal(JSON.stringify(x), JSON.stringify(await oneShots.reviewDraft(draft, ANGRY)), draft);
      assert.equal(JSON.stringify(y), JSON.stringify(await oneShots.reviewDraft(draft, HAPPY)), draft);
      // The analyzer's own one-shot does not disturb the sessions either.
      await a.reviewDraft(draft, { customerText: 'whatever' });
    }
  }
  // They really differ: the mismatch alert depends on the customer.
  assert.equal((await angry.review(DRAFTS[0])).mismatch.customerLabel, 'negative');
  assert.equal((await happy.review(DRAFTS[0])).mismatch.customerLabel, 'positive');
  a.dispose();
  oneShots.dispose();
});

test('a session analyses its customer once; setCustomer re-analyses only on a change', async () => {
  const a = await createAnalyzer({ model: false });
  const s = a.createReviewSession(ANGRY);
  assert.deepEqual(s.stats(), { customerAnalyses: 1 });
  let draft = '';
  for (const ch of 'I am sorry, I will fix this today.') {
    draft += ch;
    await s.review(draft);  // every keystroke
  }
  assert.deepEqual(s.stats(), { customerAnalyses: 1 });
  assert.equal(s.setCustomer(ANGRY), false);
  assert.deepEqual(s.stats(), { customerAnalyses: 1 });
  assert.equal(s.setCustomer({ ...ANGRY, customerText: 'Actually it just arrived, thank you!' }), true);
  assert.deepEqual(s.stats(), { customerAnalyses: 2 });
  assert.equal((await s.review('Glad to hear it!')).mismatch.customerLabel, 'positive');
  assert.equal(s.setCustomer(), true);  // no customer at all
  assert.equal((await s.review('Glad to hear it!')).mismatch.alert, false);
  a.dispose();
});

test('packs belong to one analyzer: its sessions follow its pack, another analyzer keeps its own', async () => {
  const a = await createAnalyzer({ model: false });
  const b = await createAnalyzer({ model: false });
  const before = a.createReviewSession(ANGRY);  // opened before the pack changes
  const other = b.createReviewSession(ANGRY);
  const calm = (r) => r.suggestions.some((s) => s.ruleId === 'dismissive.calm-down');
  assert.ok(calm(await before.review('Please calm down.')));
  a.loadRulePack({ schema: 'rapport-rules/1', base: 'default', rules: [], disable: ['dismissive.calm-down'] });
  const after = a.createReviewSession(ANGRY);
  assert.ok(!calm(await before.review('Please calm down.')), 'an open session uses the pack loaded since');
  assert.ok(!calm(await after.review('Please calm down.')));
  assert.ok(!calm(await a.reviewDraft('Please calm down.')));
  assert.ok(calm(await other.review('Please calm down.')), 'the other analyzer kept the default pack');
  assert.ok(calm(await b.reviewDraft('Please calm down.')));
  assert.doesNotMatch(a.exportRulePack(), /dismissive\.calm-down/);
  assert.match(b.exportRulePack(), /dismissive\.calm-down/);
  a.resetRulePack();
  assert.ok(calm(await before.review('Please calm down.')));
  a.dispose();
  b.dispose();
});

test('dispose() ends a session (idempotent); the analyzer\'s dispose() ends all of them', async () => {
  const a = await createAnalyzer({ model: false });
  const s = a.createReviewSession(ANGRY);
  const t = a.createReviewSession(HAPPY);
  assert.equal(a.memoryStats().reviewSessions, 2);
  s.dispose();
  s.dispose();
  assert.equal(s.disposed, true);
  assert.equal(a.memoryStats().reviewSessions, 1);
  await assert.rejects(s.review('hi'), (e) => disposedError(e) &&
    e.message === 'review() on a disposed review session; open a new one with analyzer.createReviewSession()');
  assert.throws(() => s.setCustomer(HAPPY), disposedError);
  assert.deepEqual(s.stats(), { customerAnalyses: 0 });
  assert.equal(typeof (await t.review('hi')).empathyScore, 'number');  // the other one still works
  a.dispose();
  assert.equal(t.disposed, true);
  await assert.rejects(t.review('hi'), (e) => disposedError(e) &&
    e.message === 'review() on a disposed analyzer; create a new one with createAnalyzer()');
  assert.throws(() => a.createReviewSession(ANGRY), disposedError);
  t.dispose();  // after the analyzer: harmless
});

test('bad input to sessions is a typed RapportError', async () => {
  const a = await createAnalyzer({ model: false });
  assert.throws(() => a.createReviewSession(5), (e) => e.code === 'RAPPORT_E_INPUT_TYPE' &&
    e.message === 'createReviewSession() options must be an object, got number');
  assert.throws(() => a.createReviewSession({ customer: 'x' }), (e) => e.code === 'RAPPORT_E_OPTIONS' &&
    e.message === "unknown createReviewSession() option 'customer' (known: customerText, customerName, agentName, company)");
  const s = a.createReviewSession();
  await assert.rejects(s.review(42), (e) => e.code === 'RAPPORT_E_INPUT_TYPE' &&
    e.message === 'review() expects the draft as a string, got number');
  assert.throws(() => s.setCustomer({ customerName: 3 }), (e) => e.code === 'RAPPORT_E_INPUT_TYPE' &&
    e.message === "setCustomer() option 'customerName' must be a string, got number");
  assert.deepEqual(s.stats(), { customerAnalyses: 1 }, 'a refused setCustomer changes nothing');
  a.dispose();
});

test('a session dropped without dispose() is freed by the garbage collector', () => {
  // A child with --expose-gc: the FinalizationRegistry fallback closes the engine side.
  const out = execFileSync(process.execPath, ['--expose-gc', '--input-type=module', '-e', `
    import { createAnalyzer } from '${API_URL}';
    const a = await createAnalyzer({ model: false });
    (() => { for (let i = 0; i < 50; i++) a.createReviewSession({ customerText: 'late again ' + i }); })();
    const opened = a.memoryStats().reviewSessions;
    for (let i = 0; i < 20 && a.memoryStats().reviewSessions > 0; i++) {
      gc();
      await new Promise((r) => setTimeout(r, 20));
    }
    console.log(JSON.stringify({ opened, left: a.memoryStats().reviewSessions }));
  `], { encoding: 'utf8' });
  assert.deepEqual(JSON.parse(out), { opened: 50, left: 0 });
});

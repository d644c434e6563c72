// createContext on the wasm build: the same fixtures as the native GoogleTest
// (tests/fixtures/context/), their expectations and their golden output, plus
// the API's own behaviour (options, errors, dispose).
import test from 'node:test';
import assert from 'node:assert/strict';
import { api } from './helpers.mjs';
import { SCENARIOS, loadScenario, loadGolden, runScenario } from './context-scenarios.mjs';

const { createContext, RapportError, ErrorCodes } = api;

test('every context fixture has its golden file', () => {
  assert.ok(SCENARIOS.length >= 7, SCENARIOS.join(', '));
  for (const name of SCENARIOS) assert.doesNotThrow(() => loadGolden(name), name);
});

for (const name of SCENARIOS) {
  test(`context scenario ${name}: expectations and golden output match the native build`, async () => {
    const { failures, golden } = await runScenario(loadScenario(name));
    assert.deepEqual(failures, []);
    assert.deepEqual(golden, loadGolden(name));
  });
}

test('createContext options are checked', async () => {
  await assert.rejects(createContext([]), { code: 'RAPPORT_E_OPTIONS', message: 'createContext() options must be an object, got array' });
  await assert.rejects(createContext({ retention: 90 }), {
    code: 'RAPPORT_E_OPTIONS',
    message: "unknown option 'retention' (known: defaultCallingCode, repeatDays, wasmUrl, wasmBinary, wasmModule)",
  });
  await assert.rejects(createContext({ repeatDays: 0 }), {
    code: 'RAPPORT_E_OPTIONS', message: 'repeatDays must be a whole number of days from 1 to 365',
  });
});

test('a bad event throws one typed error naming the event and field, and adds nothing', async () => {
  const ctx = await createContext();
  ctx.addEvents([{ type: 'note', at: '2026-01-01', customer: { email: 'a@example.com' }, text: 'kept' }]);
  const bad = [{ type: 'note', at: '2026-01-02', customer: { email: 'b@example.com' }, text: 'fine' },
    { type: 'purchase', at: '2026-01-02', customer: { email: 'b@example.com' }, amount: -5 }];
  assert.throws(() => ctx.addEvents(bad), (e) => e instanceof RapportError && e.code === ErrorCodes.INPUT_TYPE
    && e.message === "event 1, field 'amount': amount must be between 0 and 1e+12"
    && e.details[0].event === 1 && e.details[0].field === 'amount');
  assert.equal(ctx.size, 1);
  assert.throws(() => ctx.addEvents({}), { code: 'RAPPORT_E_INPUT_TYPE', message: 'addEvents() expects an array of events, got object' });
  assert.throws(() => ctx.timeline(42), { code: 'RAPPORT_E_INPUT_TYPE' });
  assert.throws(() => ctx.summary('c_unknown'), { code: 'RAPPORT_E_NOT_FOUND', message: "no customer 'c_unknown' (forgotten, or never seen)" });
  assert.throws(() => ctx.summary('c_unknown', { now: 5 }), { code: 'RAPPORT_E_OPTIONS' });
  ctx.dispose();
  assert.throws(() => ctx.customers(), { code: 'RAPPORT_E_DISPOSED' });
  assert.equal(ctx.size, 0);
});

test('summary defaults: now is this moment, a Date works, later events are ignored', async () => {
  const ctx = await createContext();
  const past = new Date(Date.now() - 2 * 86400e3).toISOString();
  const future = new Date(Date.now() + 5 * 86400e3).toISOString();
  ctx.addEvents([
    { type: 'message', at: past, conversation: 'a', customer: { email: 'x@example.com' }, text: 'hi' },
    { type: 'message', at: future, conversation: 'b', customer: { email: 'x@example.com' }, text: 'later' },
  ]);
  assert.equal(ctx.summary({ email: 'x@example.com' }).contacts.last7, 1);
  assert.equal(ctx.summary({ email: 'x@example.com' }, { now: new Date(Date.now() + 6 * 86400e3) }).contacts.last30, 2);
});

test('decisions survive a restart: events re-added, decisions restored', async () => {
  const events = [
    { type: 'note', at: '2026-01-01', customer: { email: 'a@example.com' }, text: 'one' },
    { type: 'note', at: '2026-01-02', customer: { email: 'b@example.com' }, text: 'two' },
  ];
  const first = await createContext();
  first.addEvents(events);
  const [a, b] = first.customers().map((c) => c.id);
  const { merge } = first.merge(a, b, 'same person');
  const saved = first.decisions();
  const second = await createContext();
  second.addEvents(events);
  second.restoreDecisions(saved);
  assert.deepEqual(second.customers(), first.customers());
  assert.equal(second.customers()[0].merges[0].id, merge);
  second.unmerge(merge);
  assert.equal(second.customers().length, 2);
});

test('addEvents says whose each event is, after the whole batch', async () => {
  const ctx = await createContext();
  const r = ctx.addEvents([
    { type: 'note', at: '2026-01-01', customer: { email: 'a@example.com', name: 'Al' }, text: 'one' },
    { type: 'note', at: '2026-01-02', customer: { phone: '+4915112345678' }, text: 'two' },
    { type: 'note', at: '2026-01-03', customer: { email: 'a@example.com', phone: '+4915112345678' }, text: 'both' },
    { type: 'note', at: '2026-01-01', customer: { email: 'a@example.com', name: 'Al' }, text: 'one' },
  ]);
  assert.equal(r.merged.length, 1);
  assert.equal(new Set(r.customers).size, 1, 'the merge in event 2 makes event 1 the same customer');
  assert.equal(r.ids[3], r.ids[0]);
  assert.equal(r.customers[0], ctx.profile({ email: 'a@example.com' }).id);
});

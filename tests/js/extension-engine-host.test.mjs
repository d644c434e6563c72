// The extension's engine host serves the customer context beside the engine
// methods: one context service, opened on the first context call, kept
// across the analyzer's idle release.
import test from 'node:test';
import assert from 'node:assert/strict';
import { createEngineHost } from '../../extension/src/engine-host/host.js';

function fakes() {
  const opened = [];
  const calls = [];
  // (not a thenable: the host awaits the service)
  const service = new Proxy({}, { get: (_, name) => (name === 'then' ? undefined : (...args) => { calls.push([name, ...args]); return { name, args }; }) });
  const openContext = async () => { opened.push(Date.now()); return service; };
  const createAnalyzer = async () => ({ analyzeBatch: (t) => t.map(() => ({})), dispose() {} });
  return { opened, calls, openContext, createAnalyzer };
}

test('context methods are in the host table and share one lazily opened service', async () => {
  const f = fakes();
  const host = createEngineHost({ createAnalyzer: f.createAnalyzer, openContext: f.openContext, idleMs: 60_000 });
  for (const name of ['context.capture', 'context.profile', 'context.summary', 'context.timeline', 'context.merge', 'context.unmerge', 'context.forget']) {
    assert.equal(typeof host.methods[name], 'function', name);
  }
  assert.equal(f.opened.length, 0, 'nothing opened before the first context call');
  const conv = { adapter: 'zendesk', conversationId: '1', customer: { email: 'a@example.com' }, messages: [] };
  assert.deepEqual(await host.methods['context.capture'](conv), { name: 'capture', args: [conv] });
  await host.methods['context.timeline']('c1');
  host.release();   // the analyzer's idle release keeps the context service
  await host.methods['context.forget']({ email: 'a@example.com' });
  assert.equal(f.opened.length, 1);
  assert.deepEqual(f.calls.map((c) => c[0]), ['capture', 'timeline', 'forget']);
  assert.equal(host.generation, 1);
  host.release();
});

test('a failed open is retried on the next call', async () => {
  const f = fakes();
  let fail = true;
  const openContext = async () => { if (fail) { fail = false; throw new Error('quota'); } return f.openContext(); };
  const host = createEngineHost({ createAnalyzer: f.createAnalyzer, openContext, idleMs: 60_000 });
  await assert.rejects(host.methods['context.summary']('c1'), /quota/);
  await host.methods['context.summary']('c1');
  assert.deepEqual(f.calls.map((c) => c[0]), ['summary']);
  host.release();
});

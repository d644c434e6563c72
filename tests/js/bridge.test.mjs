// The engine-host bridge (shared/bridge/) in Node over MessageChannel: request
// ids, errors that cross with their code, the host going away mid-call,
// unknown methods, malformed and oversized requests, two clients at once,
// cancellation and lazy start. The engine's own method table over the bridge:
// tests/js/bridge-engine.test.mjs; in a worker and an MV3 offscreen document:
// tests/e2e/bridge.test.mjs.
import test from 'node:test';
import assert from 'node:assert/strict';
import { createBridgeClient } from '../../shared/bridge/client.js';
import { serveBridge, measure } from '../../shared/bridge/host.js';
import { fromMessagePort } from '../../shared/bridge/ports.js';
import { RapportError, ErrorCodes } from '../../shared/api/errors.js';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, API_URL } from './helpers.mjs';

const tick = (ms = 0) => new Promise((r) => setTimeout(r, ms));

// A method table whose calls can be held open until the test lets them go.
function testMethods() {
  const held = [];
  return {
    held,
    methods: {
      echo(...args) { return args; },
      async slowEcho(value, ms) { await tick(ms); return { value, peer: this.peer.id }; },
      fail(code, message) {
        const e = new RapportError(code, message);
        if (code === ErrorCodes.RULE_PACK) e.details = [{ path: '/rules/0', code: 'bad', message: 'no' }];
        throw e;
      },
      crash() { throw new TypeError('x is not a function'); },
      hold() {
        return new Promise((resolve, reject) => {
          held.push({ resolve, signal: this.signal });
          this.signal.addEventListener('abort', () => reject(this.signal.reason));
        });
      },
      unclonable() { return { f() {} }; },
    },
  };
}

function pair(methods, options = {}) {
  const { port1, port2 } = new MessageChannel();
  const hostPort = fromMessagePort(port2);
  const served = serveBridge({ port: hostPort, methods, ...options });
  const client = createBridgeClient({ port: fromMessagePort(port1) });
  return { client, served, hostPort, raw: port1 };
}

function isRapport(code, message) {
  return (error) => {
    assert.ok(error instanceof RapportError, `not a RapportError: ${error}`);
    assert.equal(error.code, code);
    if (message !== undefined) assert.match(error.message, message);
    return true;
  };
}

test('calls answer with their own results, in any order', async () => {
  const { methods } = testMethods();
  const { client, served } = pair(methods);
  assert.deepEqual(await client.call('echo', ['a', 1, { b: [true, null] }]), ['a', 1, { b: [true, null] }]);
  // Later calls finishing first still resolve the right promises.
  const results = await Promise.all([30, 1, 15, 0].map((ms, i) => client.call('slowEcho', [i, ms])));
  assert.deepEqual(results.map((r) => r.value), [0, 1, 2, 3]);
  assert.equal(client.pendingCount, 0);
  client.close();
  served.close();
});

test('errors cross as the same RapportError with the same code, message and details', async () => {
  const { methods } = testMethods();
  const { client, served } = pair(methods);
  for (const code of [ErrorCodes.INPUT_TYPE, ErrorCodes.TOO_MANY, ErrorCodes.DISPOSED, ErrorCodes.NO_SESSION]) {
    await assert.rejects(client.call('fail', [code, `because ${code}`]), isRapport(code, new RegExp(`^because ${code}$`)));
  }
  await assert.rejects(client.call('fail', [ErrorCodes.RULE_PACK, 'invalid rule pack: /rules/0: no']), (error) => {
    assert.equal(error.code, ErrorCodes.RULE_PACK);
    assert.deepEqual(error.details, [{ path: '/rules/0', code: 'bad', message: 'no' }]);
    return true;
  });
  // A method's bug is not a documented failure: INTERNAL, naming what it was.
  await assert.rejects(client.call('crash'), isRapport(ErrorCodes.INTERNAL, /TypeError: x is not a function/));
  // A result that cannot cross is reported, not lost.
  await assert.rejects(client.call('unclonable'), isRapport(ErrorCodes.INTERNAL, /could not be sent/));
  assert.deepEqual(await client.call('echo', [1]), [1]);  // still serving
  client.close();
  served.close();
});

test('an unknown method answers RAPPORT_E_BRIDGE_METHOD; inherited names are unknown too', async () => {
  const { methods } = testMethods();
  const { client, served } = pair(methods);
  for (const name of ['nope', 'constructor', '__proto__', 'toString', 'hasOwnProperty']) {
    await assert.rejects(client.call(name), isRapport(ErrorCodes.BRIDGE_METHOD, new RegExp(`no method '${name}'`)));
  }
  client.close();
  served.close();
});

test('malformed and oversized requests answer RAPPORT_E_BRIDGE_REQUEST and the host keeps serving', async () => {
  const { methods } = testMethods();
  const { port1, port2 } = new MessageChannel();
  const served = serveBridge({ port: fromMessagePort(port2), methods, maxRequestBytes: 1 << 20 });
  const replies = [];
  port1.on('message', (m) => { if (!m.ready) replies.push(m); });
  const deep = [];
  let at = deep;
  for (let i = 0; i < 300; i++) at = (at[0] = []);
  const cyclic = { a: 1 };
  cyclic.self = cyclic;
  const bad = [
    null, 42, 'analyze', [1, 'echo', []],
    { method: 'echo', args: [] },               // no id
    { id: 0, method: 'echo', args: [] },        // not positive
    { id: 1.5, method: 'echo', args: [] },
    { id: 2, args: [] },                        // no method
    { id: 3, method: 'echo', args: 'x' },       // args not an array
    { id: 4, method: 'echo' },
    { id: 5, method: 'echo', args: ['x'.repeat(600000)] },     // 1.2 MB > 1 MB
    { id: 6, method: 'echo', args: new Array(200000).fill(0) },
    { id: 7, method: 'echo', args: [deep] },
    { id: 8, method: 'echo', args: [cyclic] },
  ];
  for (const m of bad) port1.postMessage(m);
  port1.postMessage({ id: 9, method: 'echo', args: ['fine'] });
  while (replies.length < bad.length + 1) await tick(5);
  const byId = new Map(replies.filter((r) => r.id !== null).map((r) => [r.id, r]));
  for (const r of replies.slice(0, bad.length)) {
    assert.equal(r.ok, false);
    assert.equal(r.error.code, ErrorCodes.BRIDGE_REQUEST, JSON.stringify(r).slice(0, 200));
  }
  assert.equal(replies.filter((r) => r.id === null).length, 7);  // no usable id: answered with id null
  for (const id of [5, 6, 7, 8]) assert.match(byId.get(id).error.message, /larger than 1048576 bytes or nested deeper/);
  assert.deepEqual(byId.get(9), { id: 9, ok: true, result: ['fine'] });
  served.close();
  port1.close();
});

test('measure() stops as soon as a value is over the limit', () => {
  assert.equal(measure('abc', 100), 6);
  assert.ok(measure(new Array(1e7).fill('x'), 1000) < 2000);  // not a walk over ten million items
  assert.equal(measure(Array.from({ length: 3 }, () => 'ab'), 1000), 8 + 3 * (8 + 4));
});

test('a host closed mid-call rejects every pending call with RAPPORT_E_HOST_GONE; later calls too', async () => {
  const { methods, held } = testMethods();
  const { client, served } = pair(methods);
  const calls = [client.call('hold'), client.call('hold'), client.call('slowEcho', [1, 300])];
  while (held.length < 2) await tick(1);
  served.close();
  for (const c of calls) await assert.rejects(c, isRapport(ErrorCodes.HOST_GONE, /before answering (hold|slowEcho)\(\)/));
  // The running methods were told (their signal aborted with HOST_GONE).
  assert.ok(held.every((h) => h.signal.aborted && h.signal.reason.code === ErrorCodes.HOST_GONE));
  await assert.rejects(client.call('echo', [1]), isRapport(ErrorCodes.HOST_GONE));
  assert.equal(client.pendingCount, 0);
  client.close();
});

test('the other end of the channel closing (no goodbye message) also ends pending calls', async () => {
  const { methods, held } = testMethods();
  const { port1, port2 } = new MessageChannel();
  serveBridge({ port: fromMessagePort(port2), methods });
  const client = createBridgeClient({ port: fromMessagePort(port1) });
  const pending = client.call('hold');
  while (held.length < 1) await tick(1);
  port2.close();  // the host's document went away: only the channel's 'close' event says so
  await assert.rejects(pending, isRapport(ErrorCodes.HOST_GONE));
  client.close();
});

test('two clients at once on one method table: results never cross', async () => {
  const { methods } = testMethods();
  const a = pair(methods);
  const b = pair(methods);
  const calls = [];
  for (let i = 0; i < 50; i++) {
    calls.push(a.client.call('slowEcho', [`a${i}`, (i * 7) % 13]).then((r) => ['a', i, r]));
    calls.push(b.client.call('slowEcho', [`b${i}`, (i * 5) % 11]).then((r) => ['b', i, r]));
  }
  for (const [who, i, r] of await Promise.all(calls)) {
    assert.equal(r.value, `${who}${i}`);
    assert.equal(r.peer, (who === 'a' ? a : b).served.peer.id);
  }
  assert.notEqual(a.served.peer.id, b.served.peer.id);
  for (const p of [a, b]) { p.client.close(); p.served.close(); }
});

test('an AbortSignal cancels a pending call: RAPPORT_E_CANCELLED here, the method sees its signal', async () => {
  const { methods, held } = testMethods();
  const { client, served } = pair(methods);
  const controller = new AbortController();
  const pending = client.call('hold', [], { signal: controller.signal });
  while (held.length < 1) await tick(1);
  controller.abort(new Error('user typed again'));
  await assert.rejects(pending, (e) => isRapport(ErrorCodes.CANCELLED, /^hold\(\) was cancelled$/)(e) &&
    e.cause.message === 'user typed again');
  await tick(5);
  assert.ok(held[0].signal.aborted);
  assert.equal(served.runningCount, 0);
  // Already aborted: never sent.
  await assert.rejects(client.call('echo', [1], { signal: AbortSignal.abort() }), isRapport(ErrorCodes.CANCELLED));
  assert.deepEqual(await client.call('echo', [2], { signal: new AbortController().signal }), [2]);
  client.close();
  served.close();
});

test('lazy start: start() runs once, on the first call; a failed start is retried by the next call', async () => {
  const { methods } = testMethods();
  let starts = 0;
  let failNext = true;
  const client = createBridgeClient({
    async start() {
      starts++;
      if (failNext) { failNext = false; throw new Error('offscreen document limit'); }
      const { port1, port2 } = new MessageChannel();
      serveBridge({ port: fromMessagePort(port2), methods });
      return fromMessagePort(port1);
    },
  });
  assert.equal(starts, 0);
  await assert.rejects(client.call('echo', [1]), isRapport(ErrorCodes.HOST_GONE, /could not be started: offscreen document limit/));
  const both = await Promise.all([client.call('echo', [1]), client.call('echo', [2])]);
  assert.deepEqual(both, [[1], [2]]);
  assert.equal(starts, 2);
  client.close();
});

test('start() given with a port runs before the first call; a host that went away is started again', async () => {
  const { methods } = testMethods();
  const hosts = [];
  const client = createBridgeClient({
    start() {
      const { port1, port2 } = new MessageChannel();
      hosts.push(serveBridge({ port: fromMessagePort(port2), methods }));
      return fromMessagePort(port1);
    },
  });
  assert.deepEqual(await client.call('echo', ['x']), ['x']);
  hosts[0].close();
  await tick(5);
  assert.deepEqual(await client.call('echo', ['y']), ['y']);  // a new host
  assert.equal(hosts.length, 2);
  client.close();
  for (const h of hosts) h.close();
});

test('client.close() rejects pending calls with RAPPORT_E_DISPOSED; the host sees the port close', async () => {
  const { methods, held } = testMethods();
  const { client, served } = pair(methods);
  const pending = client.call('hold');
  while (held.length < 1) await tick(1);
  client.close();
  await assert.rejects(pending, isRapport(ErrorCodes.DISPOSED, /closed before hold\(\) was answered/));
  await assert.rejects(client.call('echo'), isRapport(ErrorCodes.DISPOSED));
  for (let i = 0; i < 50 && !served.closed; i++) await tick(2);
  assert.ok(served.closed, 'the host noticed the closed port');
  assert.ok(held[0].signal.aborted);
});

test('arguments that cannot be cloned reject with RAPPORT_E_BRIDGE_REQUEST and leave the client usable', async () => {
  const { methods } = testMethods();
  const { client, served } = pair(methods);
  await assert.rejects(client.call('echo', [() => 1]), isRapport(ErrorCodes.BRIDGE_REQUEST, /cannot be sent/));
  await assert.rejects(client.call(42), isRapport(ErrorCodes.INPUT_TYPE));
  await assert.rejects(client.call('echo', 'x'), isRapport(ErrorCodes.INPUT_TYPE));
  assert.deepEqual(await client.call('echo', [3]), [3]);
  client.close();
  served.close();
});

test('the example in shared/bridge/README.md runs and prints what its comments say', async () => {
  const readme = fs.readFileSync(path.join(ROOT, 'shared', 'bridge', 'README.md'), 'utf8');
  const source = readme.match(/<!-- bridge-example:start -->\s*```js\n([\s\S]*?)```\s*<!-- bridge-example:end -->/)?.[1];
  assert.ok(source, 'no bridge-example block in shared/bridge/README.md');
  const expected = source.split('\n').filter((l) => /console\.log\(/.test(l)).map((l) => l.match(/\/\/\s*(.+)$/)[1].trim());
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-bridge-example-')), 'example.mjs');
  const bridgeUrl = pathToFileURL(path.join(ROOT, 'shared', 'bridge')).href;
  fs.writeFileSync(file, source.replace("from 'rapport'", `from '${API_URL}'`).replaceAll("'rapport/bridge/", `'${bridgeUrl}/`));
  const printed = [];
  const log = console.log;
  console.log = (...args) => printed.push(args.join(' '));
  try {
    await import(pathToFileURL(file).href);
  } finally {
    console.log = log;
  }
  assert.deepEqual(printed, expected);
});

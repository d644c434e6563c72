// pwa/src/worker/scoring-sink.js: batches scored one ahead of the writes, in
// order, each seen by onScored just before its write; a scoring failure stops
// the import at the next write or at commit, before anything is committed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scoringSink } from '../../pwa/src/worker/scoring-sink.js';

function recordingSink() {
  const log = [];
  return { log, begin: async (id) => { log.push(`begin ${id}`); }, write: async (rows) => { log.push(`write ${rows.join(',')}`); },
    commit: async () => { log.push('commit'); }, abort: async () => { log.push('abort'); } };
}

// Scores a batch after `ms`; later batches finish first when their delay is shorter.
const slowScore = (delays) => async (rows) => {
  const ms = delays.shift() ?? 0;
  await new Promise((r) => setTimeout(r, ms));
  return rows.map((x) => `${x}*`);
};

test('batches are scored ahead and written in order, the last one at commit', async () => {
  const inner = recordingSink();
  const seen = [];
  const sink = scoringSink(inner, slowScore([30, 1, 10]), (rows) => seen.push(rows.length));
  await sink.begin('i1');
  await sink.write(['a', 'b']);
  assert.deepEqual(inner.log, ['begin i1'], 'the first batch is written only with the next one');
  await sink.write(['c']);
  await sink.write(['d', 'e', 'f']);
  await sink.commit();
  assert.deepEqual(inner.log, ['begin i1', 'write a*,b*', 'write c*', 'write d*,e*,f*', 'commit']);
  assert.deepEqual(seen, [2, 1, 3]);
});

test('a scoring failure rejects the next write or the commit; nothing is committed', async () => {
  for (const failAt of [0, 1]) {
    const inner = recordingSink();
    let n = 0;
    const sink = scoringSink(inner, async (rows) => {
      if (n++ === failAt) throw new Error('engine failed');
      return rows;
    });
    await sink.begin('i2');
    await sink.write(['a']);
    const second = failAt === 0 ? sink.write(['b']) : sink.write(['b']).then(() => sink.commit());
    await assert.rejects(second, /engine failed/);
    await sink.abort(new Error('engine failed'));
    assert.ok(!inner.log.includes('commit'), inner.log.join(' | '));
    assert.equal(inner.log.at(-1), 'abort');
  }
});

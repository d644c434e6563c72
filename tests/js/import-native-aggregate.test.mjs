// The native tool wasm/tools/rapport_aggregate (build/native): the same core
// scores a message stream as the JS API does (lexicon path), its report
// counts what it read, its records import into the dashboard's pipeline as
// they are, and bad input stops it with the line and no output file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAnalyzer } from '../../shared/api/index.js';
import { previewImport, runImport } from '../../shared/import/index.js';
import { memorySink, readFixture } from './import-helpers.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const TOOL = path.join(ROOT, 'build', 'native', 'rapport_aggregate');
const expected = JSON.parse(new TextDecoder().decode(readFixture('conversations.expected.json')));
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-agg-'));
const run = (args) => spawnSync(TOOL, args, { encoding: 'utf8' });

const messages = expected.flatMap((c) => c.messages.map((m) => ({ conversation: String(c.id), at: m.at, role: m.role, text: m.text,
  customer: c.customer, agent: c.agent, brand: c.brand, channel: c.channel, tags: c.tags, ...(c.csat ? { csat: c.csat } : {}) })));

test('rapport_aggregate scores like the JS API, reports the counts, and writes records the dashboard imports', async () => {
  assert.ok(fs.existsSync(TOOL), `no ${TOOL}: run scripts/build.sh`);
  const input = path.join(tmp, 'in.ndjson');
  fs.writeFileSync(input, messages.map((m) => JSON.stringify(m)).join('\n'));
  const out = run(['--records', path.join(tmp, 'rec.ndjson'), '--report', path.join(tmp, 'report.json'), '--query', '{"bucket":"week"}', input]);
  assert.equal(out.status, 0, out.stderr);
  assert.match(out.stderr, /60 messages \(28 agent replies\)/);
  const records = fs.readFileSync(path.join(tmp, 'rec.ndjson'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(records.length, messages.length);

  const analyzer = await createAnalyzer({ model: false });
  const last = new Map();
  for (const [i, m] of messages.entries()) {
    if (m.role === 'customer') {
      const a = await analyzer.analyze(m.text);
      // The JS API rounds scores to 4 decimals; the tool writes floats as they are.
      assert.ok(Math.abs(records[i].sentiment - a.sentiment.score) <= 5.1e-5, `message ${i}: sentiment`);
      assert.ok(Math.abs(records[i].priority - a.priority) <= 5.1e-5, `message ${i}: priority`);
      assert.deepEqual(records[i].cues ?? [], a.cues.map((c) => c.id));
      last.set(m.conversation, m.text);
    } else {
      const review = await analyzer.reviewDraft(m.text, { customerText: last.get(m.conversation) ?? '' });
      assert.equal(records[i].empathy, review.empathyScore, `message ${i}: empathy`);
    }
  }
  analyzer.dispose();

  const report = JSON.parse(fs.readFileSync(path.join(tmp, 'report.json'), 'utf8'));
  assert.equal(report.customerMessages, 32);
  assert.equal(report.agentReplies, 28);
  assert.equal(report.conversations, 24);
  assert.deepEqual(report.agents.map((a) => a.agent).sort(), ['Alice Moreau', 'Bilal Khan', 'Chen Wei']);

  const source = new Uint8Array(fs.readFileSync(path.join(tmp, 'rec.ndjson')));
  const preview = await previewImport(source, { name: 'rec.ndjson' });
  assert.equal(preview.format, 'rapport');
  const sink = memorySink();
  await runImport({ source, name: 'rec.ndjson', format: 'rapport', sink });
  assert.equal(sink.rows.length, 60);
  assert.equal(sink.rows[0].sentiment, records[0].sentiment);
  assert.equal(sink.rows[1].empathy, records[1].empathy);
});

test('rapport_aggregate reads CSV, and stops on bad input naming the line with nothing written', () => {
  const csv = ['conversation,at,role,text,agent,csat', 'a,2024-01-01T10:00:00Z,customer,"Where is my refund,\nagain?",Ann,4',
    'a,2024-01-01T10:05:00Z,agent,"Sorry, it is on its way today.",Ann,4'].join('\r\n');
  fs.writeFileSync(path.join(tmp, 'in.csv'), `\ufeff${csv}\r\n`);
  const ok = run(['--csv', '--report', path.join(tmp, 'csv.json'), path.join(tmp, 'in.csv')]);
  assert.equal(ok.status, 0, ok.stderr);
  const report = JSON.parse(fs.readFileSync(path.join(tmp, 'csv.json'), 'utf8'));
  assert.equal(report.customerMessages, 1);
  assert.equal(report.kpis.csat.mean, 4);

  fs.writeFileSync(path.join(tmp, 'bad.ndjson'), '{"conversation":"a","at":"2024-01-01","text":"ok"}\n{"conversation":"a","at":"2024-01-01","te');
  const bad = run(['--records', path.join(tmp, 'bad-out.ndjson'), path.join(tmp, 'bad.ndjson')]);
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /line 2: not a JSON object \(nothing written\)/);
  assert.ok(!fs.existsSync(path.join(tmp, 'bad-out.ndjson')));
  const csat = run(['--csv', '--report', path.join(tmp, 'x.json'), path.join(tmp, 'in.csv').replace('in.csv', 'wrong.csv')]);
  assert.equal(csat.status, 1);
  fs.writeFileSync(path.join(tmp, 'wrong.csv'), 'conversation,at,text,csat\na,2024-01-01,hi,great\n');
  const wrong = run(['--csv', '--report', path.join(tmp, 'x.json'), path.join(tmp, 'wrong.csv')]);
  assert.match(wrong.stderr, /line 2: field 'csat': 'great' is not a number/);
});

test.after(() => fs.rmSync(tmp, { recursive: true, force: true }));

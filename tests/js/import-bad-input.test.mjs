// Bad input for every reader: each case must fail with an error naming where
// (line, record, field), abort the sink and commit nothing; streams must not
// hold the file in memory; cancel must stop and keep nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { previewImport, runImport, validateMapping, MESSAGE_FIELDS } from '../../shared/import/index.js';
import { spawnSync } from 'node:child_process';
import { bigNdjson, memorySink, readFixture } from './import-helpers.mjs';

const text = (name) => new TextDecoder().decode(readFixture(name));
const enc = (s) => new TextEncoder().encode(s);

async function failing(source, name, options = {}) {
  const sink = memorySink();
  const preview = options.format ? null : await previewImport(source, { name });
  const error = await runImport({ source, name, format: options.format ?? preview.format,
    mapping: options.mapping ?? preview?.mapping ?? {}, sink }).then(() => null, (e) => e);
  assert.ok(error, `${name}: the import should have failed`);
  assert.equal(sink.committed, false, `${name}: committed despite the error`);
  assert.ok(sink.aborted || sink.begun === null, `${name}: the sink was begun and not aborted`);
  return error;
}

test('truncated files: JSON, NDJSON and CSV say where they end', async () => {
  const json = text('zendesk-tickets.json');
  const cut = json.slice(0, Math.floor(json.length / 2));
  const e1 = await failing(enc(cut), 'cut.json', { format: 'zendesk' });
  assert.match(e1.message, /truncated/);
  assert.equal(e1.line, cut.split('\n').length);

  const nd = text('zendesk-tickets.ndjson');
  const e2 = await failing(enc(nd.slice(0, nd.length - 200)), 'cut.ndjson', { format: 'zendesk' });
  assert.equal(e2.line, nd.trimEnd().split('\n').length);
  assert.match(e2.message, /not valid JSON.*truncated/);

  const e3 = await failing(enc('a,b,text\n1,2,"an open quote\n3,4,5\n'), 'cut.csv',
    { format: 'mapped', mapping: { conversation: 'a', at: 'b', text: 'text' } });
  assert.equal(e3.line, 2);
  assert.match(e3.message, /unbalanced quote/);
});

test('wrong types name the line and the field', async () => {
  const csv = 'id;when;body;csat\nc1;2024-01-02T10:00:00Z;hello;4\nc1;2024-01-02T10:05:00Z;"two\nlines";excellent\n';
  const e1 = await failing(enc(csv), 'x.csv', { format: 'mapped', mapping: { conversation: 'id', at: 'when', text: 'body', csat: 'csat' } });
  assert.equal(e1.line, 3);
  assert.equal(e1.field, 'csat');
  assert.match(e1.message, /'excellent' is not a number/);

  const tickets = JSON.parse(text('zendesk-tickets.json'));
  tickets.tickets[3].comments[1].created_at = 'yesterday';
  const e2 = await failing(enc(JSON.stringify(tickets, null, 1)), 'z.json', { format: 'zendesk' });
  assert.equal(e2.record, 4);
  assert.equal(e2.field, 'comments[1].created_at');
  assert.ok(e2.line > 1);

  const e3 = await failing(enc('{"conversation":"a","at":"2024-01-01T00:00:00Z","text":"x","from":"robot"}\n'), 'r.ndjson',
    { format: 'mapped', mapping: { conversation: 'conversation', at: 'at', text: 'text', role: 'from' } });
  assert.equal(e3.field, 'role');
  assert.equal(e3.line, 1);
});

test('missing required fields and columns', async () => {
  const e1 = await failing(enc('id,body\n1,hello\n'), 'm.csv', { format: 'mapped', mapping: { conversation: 'id', text: 'body' } });
  assert.equal(e1.field, 'at');
  const tickets = JSON.parse(text('zendesk-tickets.json'));
  delete tickets.tickets[5].id;
  const e2 = await failing(enc(JSON.stringify(tickets)), 'z.json', { format: 'zendesk' });
  assert.equal(e2.field, 'id');
  assert.equal(e2.record, 6);
  const fd = text('freshdesk-tickets.csv').split('\r\n');
  const header = fd[0].split(',');
  const cells = fd[4].split(',');
  cells[header.indexOf('Created time')] = '';
  fd[4] = cells.join(',');
  const e3 = await failing(enc(fd.join('\r\n')), 'f.csv', { format: 'freshdesk' });
  assert.equal(e3.field, 'Created time');
  assert.equal(e3.line, 5);
  assert.deepEqual(validateMapping({ conversation: 'nope' }, MESSAGE_FIELDS, ['a']).map((i) => i.field),
    ['conversation', 'at', 'text']);
});

test('unknown columns are ignored; a row with another number of fields is an error', async () => {
  const fd = text('freshdesk-tickets.csv').split('\r\n').map((line, i) => (line ? `${line},${i ? 'x' : 'Mystery column'}` : line));
  const sink = memorySink();
  await runImport({ source: enc(fd.join('\r\n')), name: 'f.csv', format: 'freshdesk', sink });
  assert.equal(sink.rows.length, 24);
  const e = await failing(enc('a,b,c\n1,2,3\n4,5\n'), 'n.csv', { format: 'mapped', mapping: { conversation: 'a', at: 'b', text: 'c' } });
  assert.equal(e.line, 3);
  assert.match(e.message, /expected 3 fields/);
});

test('encodings: Latin-1 is refused with its line; BOM, UTF-16 and CRLF are read', async () => {
  const latin1 = new Uint8Array([...enc('id,at,text\n1,2024-01-01,ok\n2,2024-01-01,caf'), 0xe9, ...enc('\n')]);
  const e = await failing(latin1, 'l.csv', { format: 'mapped', mapping: { conversation: 'id', at: 'at', text: 'text' } });
  assert.equal(e.line, 3);
  assert.match(e.message, /not UTF-8/);
  const body = 'id,at,text\r\n1,2024-01-01 10:00,café ☕\r\n';
  const utf16 = new Uint8Array([0xff, 0xfe, ...new Uint8Array(Uint16Array.from(body, (c) => c.charCodeAt(0)).buffer)]);
  for (const source of [new Uint8Array([0xef, 0xbb, 0xbf, ...enc(body)]), utf16]) {
    const sink = memorySink();
    await runImport({ source, name: 'b.csv', format: 'mapped', mapping: { conversation: 'id', at: 'at', text: 'text' }, sink });
    assert.deepEqual(sink.rows, [{ conversation: '1', at: '2024-01-01T10:00:00', text: 'café ☕' }]);
  }
});

test('a stream larger than the whole heap goes through (the file is never held in memory)', () => {
  // 800,000 messages, ~100 MB of NDJSON, through a child process limited to a 48 MB heap.
  const helpers = new URL('./import-helpers.mjs', import.meta.url).href;
  const run = spawnSync(process.execPath, ['--max-old-space-size=48', '--input-type=module', '-e',
    `import(${JSON.stringify(helpers)}).then((m) => m.streamThrough(800000))`], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr.slice(-2000));
  const { rows, bytes } = JSON.parse(run.stdout);
  assert.equal(rows, 800000);
  assert.ok(bytes > 96 * 1048576, `only ${bytes} bytes streamed`);
});

test('cancel stops the stream and keeps nothing', async () => {
  const mapping = { conversation: 'conversation', at: 'at', text: 'text' };
  const controller = new AbortController();
  const cancelled = memorySink();
  const write = cancelled.write;
  cancelled.write = (batch) => { write(batch); if (cancelled.rows.length >= 10000) controller.abort(); };
  const error = await runImport({ source: bigNdjson(400000), format: 'mapped', mapping, sink: cancelled,
    signal: controller.signal }).then(() => null, (e) => e);
  assert.equal(error?.code, 'RAPPORT_E_CANCELLED');
  assert.equal(cancelled.committed, false);
  assert.ok(cancelled.aborted);
  assert.ok(cancelled.rows.length < 400000);
});

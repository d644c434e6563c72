// The import pipeline on every fixture format (tests/fixtures/import/, made by
// make-fixtures.mjs from one table): each importer must give back exactly the
// conversations of that table (messages, roles, agents, times, facts), which
// this test reads from conversations.expected.json on its own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { previewImport, runImport } from '../../shared/import/index.js';
import { memorySink, readFixture as read } from './import-helpers.mjs';

const expected = JSON.parse(new TextDecoder().decode(read('conversations.expected.json')));

async function importFile(name, extra = {}) {
  const source = read(name);
  const preview = await previewImport(source, { name });
  const sink = memorySink();
  const result = await runImport({ source, name, format: preview.format, mapping: preview.mapping, sink, ...extra });
  return { preview, sink, result };
}

const sameInstant = (a, b) => Date.parse(a.endsWith('Z') || /[+-]\d\d:\d\d$/.test(a) ? a : `${a}Z`) === Date.parse(b);

function checkConversations(rows, { idOf = (c) => String(c.id), agentOf = (c) => c.agent, onlyFirst = false }) {
  for (const c of expected) {
    const mine = rows.filter((m) => m.conversation === idOf(c));
    const want = onlyFirst ? c.messages.slice(0, 1) : c.messages;
    assert.equal(mine.length, want.length, `conversation ${c.id}: message count`);
    mine.forEach((m, k) => {
      assert.equal(m.role, want[k].role, `conversation ${c.id} message ${k}: role`);
      assert.ok(m.text.includes(want[k].text.slice(0, 30)), `conversation ${c.id} message ${k}: text '${m.text}'`);
      assert.ok(sameInstant(m.at, want[k].at), `conversation ${c.id} message ${k}: time ${m.at} vs ${want[k].at}`);
      if (agentOf(c)) assert.equal(m.agent, agentOf(c), `conversation ${c.id} message ${k}: agent`);
    });
  }
}

test('Zendesk: JSON ({"tickets": [...]}) and NDJSON with comments; private notes left out', async () => {
  for (const name of ['zendesk-tickets.json', 'zendesk-tickets.ndjson']) {
    const { preview, sink, result } = await importFile(name);
    assert.equal(preview.format, 'zendesk', name);
    assert.equal(result.records, expected.length);
    assert.ok(sink.committed);
    checkConversations(sink.rows, {});
    assert.ok(!sink.rows.some((m) => m.text.startsWith('Internal note')), 'a private comment was imported');
    const good = sink.rows.find((m) => m.conversation === String(expected[1].id));
    assert.equal(good.csat, expected[1].csat >= 4 ? 5 : 1);
    assert.equal(good.brand, expected[1].brand);
  }
});

test('Intercom conversations: source + comment parts, HTML to text, notes left out, rating and close time kept', async () => {
  const { preview, sink } = await importFile('intercom-conversations.json');
  assert.equal(preview.format, 'intercom');
  checkConversations(sink.rows, {});
  const c = expected.find((x) => x.csat && x.solvedAt);
  const row = sink.rows.find((m) => m.conversation === String(c.id));
  assert.equal(row.csat, c.csat);
  assert.ok(sameInstant(row.resolvedAt, c.solvedAt));
  assert.ok(!sink.rows.some((m) => m.text.includes('Internal note')));
  assert.ok(!sink.rows.some((m) => /&#39;|<p>/.test(m.text)), 'HTML or entities left in a text');
});

test('Help Scout: conversations under _embedded with threads, in time order, mailbox as brand', async () => {
  const { preview, sink } = await importFile('helpscout-conversations.json');
  assert.equal(preview.format, 'helpscout');
  checkConversations(sink.rows, {});
});

test('IBM twcc JSON: customer turns, agent turns credited to the signing agent', async () => {
  const { preview, sink } = await importFile('twcc-conversations.json');
  assert.equal(preview.format, 'twcc');
  checkConversations(sink.rows, { idOf: (c) => `tw${c.id}`,
    agentOf: (c) => `${c.brand.replace(' ', '')} ${c.agent.split(' ').map((w) => w[0]).join('')}` });
});

test('Freshdesk ticket CSV: one customer message per ticket, facts from the columns', async () => {
  const { preview, sink } = await importFile('freshdesk-tickets.csv');
  assert.equal(preview.format, 'freshdesk');
  checkConversations(sink.rows, { onlyFirst: true });
  for (const c of expected) {
    const row = sink.rows.find((m) => m.conversation === String(c.id));
    assert.equal(row.csat, c.csat ? (c.csat >= 4 ? 5 : 1) : undefined, `ticket ${c.id} csat`);
    assert.equal(Boolean(row.resolvedAt), Boolean(c.solvedAt));
    assert.deepEqual(row.tags ?? [], c.tags);
  }
});

test('Freshdesk API JSON: description then conversations, incoming = customer, private notes left out', async () => {
  const { preview, sink, result } = await importFile('freshdesk-tickets.json');
  assert.equal(preview.format, 'freshdesk-api');
  assert.deepEqual(preview.issues, []);
  assert.equal(result.records, expected.length);
  checkConversations(sink.rows, { agentOf: () => undefined });
  assert.ok(!sink.rows.some((m) => m.text.startsWith('Internal note')), 'a private note was imported');
  assert.ok(!sink.rows.some((m) => /<div>|&amp;/.test(m.text)), 'HTML left in a text');
  for (const c of expected) {
    const rows = sink.rows.filter((m) => m.conversation === String(c.id));
    assert.equal(Boolean(rows[0].resolvedAt), Boolean(c.solvedAt), `ticket ${c.id} resolved`);
    assert.equal(rows[0].customer, c.customer);
    assert.equal(rows[0].channel, c.channel === 'chat' ? 'chat' : 'email');
    assert.deepEqual(rows[0].tags ?? [], c.tags);
  }
});

test('any CSV (semicolons, CRLF, quotes) and NDJSON through the column mapping', async () => {
  const csv = await importFile('generic-messages.csv');
  assert.equal(csv.preview.format, 'mapped');
  assert.deepEqual(csv.preview.issues, []);
  assert.equal(csv.preview.mapping.role, 'author_type');
  checkConversations(csv.sink.rows, { idOf: (c) => `T-${c.id}` });
  assert.deepEqual(csv.sink.rows[0].tags, expected[0].tags);
  const nd = await importFile('generic-messages.ndjson');
  assert.equal(nd.preview.mapping.role, 'from.type');
  checkConversations(nd.sink.rows, { idOf: (c) => `T-${c.id}` });
});

test('progress reports rows, rows per second and time left, and ends at 100%', async () => {
  const seen = [];
  await importFile('zendesk-tickets.ndjson', { batchSize: 10, onProgress: (p) => seen.push(p) });
  const last = seen[seen.length - 1];
  assert.equal(last.rows, expected.reduce((n, c) => n + c.messages.length, 0));
  assert.equal(last.share, 1);
  assert.equal(last.secondsLeft, 0);
  assert.ok(last.rowsPerSecond > 0);
});

// Exports no fixture here was made from: shaped like the public Twitter
// customer-support corpus (inbound flag, Twitter dates) and like a ticket-level
// helpdesk CSV ("Id", "Created at", "Description"); texts written for this test.
async function importText(text, name, mapping) {
  const source = new TextEncoder().encode(text);
  const preview = await previewImport(source, { name });
  const sink = memorySink();
  await runImport({ source, name, format: 'mapped', mapping: { ...preview.mapping, ...mapping }, sink });
  return { preview, sink };
}

test('column mapping: an inbound flag says who wrote it, and Twitter-style dates are read', async () => {
  const csv = 'tweet_id,author_id,inbound,created_at,text\r\n'
    + '1,sam_k,True,Tue Oct 31 22:10:47 +0000 2017,@AcmeHelp my parcel never came\r\n'
    + '2,AcmeHelp,False,Tue Oct 31 22:14:02 +0000 2017,@sam_k So sorry! Could you DM us the order number?\r\n';
  const { preview, sink } = await importText(csv, 'twcs.csv', { conversation: 'author_id' });
  assert.equal(preview.mapping.role, 'inbound');
  assert.equal(preview.mapping.at, 'created_at');
  assert.deepEqual(sink.rows.map((m) => m.role), ['customer', 'agent']);
  assert.deepEqual(sink.rows.map((m) => Date.parse(m.at)), [Date.UTC(2017, 9, 31, 22, 10, 47), Date.UTC(2017, 9, 31, 22, 14, 2)]);
  assert.ok(sink.committed);
});

test('column mapping: a ticket-level CSV is guessed whole (Id, Created at, Description, Requester, Assignee)', async () => {
  const csv = 'Id,Subject,Created at,Requester,Assignee,Description\n'
    + '41,Refund,"Mar 4, 2024 9:05 AM",ana@example.com,Bo Lind,I was charged twice and want my money back.\n';
  const { preview, sink } = await importText(csv, 'tickets.csv', {});
  assert.deepEqual(preview.issues, []);
  assert.deepEqual({ ...preview.mapping }, { conversation: 'Id', at: 'Created at', text: 'Description', customer: 'Requester', agent: 'Assignee' });
  assert.equal(sink.rows[0].at, '2024-03-04T09:05:00');
});

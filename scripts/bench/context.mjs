// Customer-context speed (issue 12's targets), in Node's wasm through the
// public API:
//   - the summary of one customer with 10,000 events (target: at most 5 ms);
//   - the timeline of that customer, and adding the 10,000 events.
// The events are generated (a shop customer over two years: conversations of
// a few messages, tickets opened and closed, purchases, refunds, ratings), so
// the figure does not depend on any data folder.
//
//   node scripts/bench/context.mjs [--events 10000] [--rounds 50] [--out file.json]
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import fs from 'node:fs';
import { createContext } from '../../shared/api/index.js';

const TOPIC_TEXTS = ['Where is my refund?', 'My order has not arrived yet', 'I was charged twice',
  'I cannot log in to my account', 'Can I get a copy of my invoice?', 'Please change my shipping address'];

export function customerEvents(count, end = Date.parse('2026-03-10T12:00:00Z')) {
  const events = [];
  const who = { email: 'bench.customer@example.com', name: 'Bench Customer' };
  const step = (2 * 365 * 86400e3) / count;
  let ticket = 0;
  for (let i = 0; events.length < count; i++) {
    const at = (k) => new Date(end - (count - events.length - k) * step).toISOString();
    const kind = i % 10;
    const conversation = `conv-${Math.floor(i / 4)}`;
    if (kind < 6) {
      events.push({ type: 'message', at: at(0), source: 'zendesk', id: `m${i}`, conversation, customer: who,
        role: kind % 2 ? 'agent' : 'customer', text: TOPIC_TEXTS[i % TOPIC_TEXTS.length], sentiment: ((i * 37) % 200) / 100 - 1 });
    } else if (kind === 6) {
      events.push({ type: i % 20 === 6 ? 'ticket_opened' : 'ticket_closed', at: at(0), source: 'zendesk',
        ticket: `t${ticket}`, conversation, customer: who, subject: 'Refund not received' });
      if (i % 20 !== 6) ticket++;
    } else if (kind === 7 || kind === 8) {
      events.push({ type: 'purchase', at: at(0), source: 'shop', order: `o${i}`, amount: 10 + (i % 90), currency: 'EUR', customer: who });
    } else {
      events.push(i % 30 === 9 ? { type: 'refund', at: at(0), source: 'shop', order: `o${i - 1}`, amount: 5, currency: 'EUR', customer: who }
        : { type: 'csat', at: at(0), source: 'survey', score: 1 + (i % 5), customer: who });
    }
  }
  return events;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function benchContext({ events: count = 10000, rounds = 50 } = {}) {
  const ctx = await createContext();
  const events = customerEvents(count);
  let t = performance.now();
  ctx.addEvents(events);
  const addMs = performance.now() - t;
  const customer = ctx.profile({ email: 'bench.customer@example.com' }).id;
  const now = '2026-03-10T12:00:00Z';
  ctx.summary(customer, { now });  // warm
  const summary = [], timeline = [];
  for (let r = 0; r < rounds; r++) {
    t = performance.now();
    ctx.summary(customer, { now });
    summary.push(performance.now() - t);
    if (r < 10) {
      t = performance.now();
      ctx.timeline(customer);
      timeline.push(performance.now() - t);
    }
  }
  const s = ctx.summary(customer, { now });
  ctx.dispose();
  return { events: count, rounds, addMs, summaryMedianMs: median(summary), summaryMaxMs: Math.max(...summary),
    timelineMedianMs: median(timeline), summaryTarget: 5, contacts: s.contacts.total, orders: s.orders };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { events: { type: 'string', default: '10000' },
    rounds: { type: 'string', default: '50' }, out: { type: 'string' } } });
  const r = await benchContext({ events: Number(values.events), rounds: Number(values.rounds) });
  console.log(`Customer context, one customer with ${r.events.toLocaleString('en')} events (Node ${process.version}, wasm):`);
  console.log(`  summary   median ${r.summaryMedianMs.toFixed(2)} ms, max ${r.summaryMaxMs.toFixed(2)} ms over ${r.rounds} rounds (target <= ${r.summaryTarget} ms: ${r.summaryMedianMs <= r.summaryTarget ? 'met' : 'MISSED'})`);
  console.log(`  timeline  median ${r.timelineMedianMs.toFixed(1)} ms (every event as JSON)`);
  console.log(`  addEvents ${r.addMs.toFixed(0)} ms for all ${r.events.toLocaleString('en')} (${r.contacts} contacts, ${r.orders} orders)`);
  if (values.out) fs.writeFileSync(values.out, JSON.stringify(r, null, 1));
}

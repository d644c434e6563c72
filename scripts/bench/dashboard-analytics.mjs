// Dashboard analytics speed (reported, not asserted): builds N synthetic
// scored records (default 100,000: 20,000 conversations of 5 messages, 12
// agents, 6 brands, 3 channels, 4 tags, 90 days), loads them into the wasm
// analytics, then times queries with different filters.
//
//   node scripts/bench/dashboard-analytics.mjs [--messages N] [--rounds R]
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const { createAnalytics } = await import(pathToFileURL(path.join(repoRoot, 'shared', 'api', 'index.js')).href);

// A small deterministic generator (xorshift32), so runs compare.
export function syntheticRecords(count, seed = 12345) {
  let s = seed >>> 0;
  const rand = () => { s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0; return s / 4294967296; };
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const agents = Array.from({ length: 12 }, (_, i) => `agent-${i + 1}`);
  const brands = ['Acme', 'Globex', 'Initech', 'Umbrella', 'Hooli', 'Vehement'];
  const channels = ['email', 'chat', 'twitter'];
  const tags = ['refund', 'billing', 'login', 'shipping'];
  const cues = ['urgency', 'churn_risk', 'escalation', 'repeat_contact', 'confusion', 'gratitude'];
  const emotions = [null, null, 'anger', 'annoyance', 'confusion', 'gratitude', 'joy', 'sadness'];
  const start = Date.UTC(2026, 0, 1);
  const records = [];
  for (let c = 0; records.length < count; c++) {
    const base = { conversation: `conv-${c}`, agent: pick(agents), brand: pick(brands), channel: pick(channels),
      tags: [pick(tags)], customer: `customer-${c % 7000}` };
    let at = start + Math.floor(rand() * 90 * 86400e3);
    for (let m = 0; m < 5 && records.length < count; m++) {
      at += Math.floor(rand() * 3600e3);
      const iso = new Date(at).toISOString();
      if (m % 2 === 1) {
        records.push({ ...base, at: iso, role: 'agent', empathy: Math.round(rand() * 100),
          cold: rand() < 0.3 ? [pick(['calm down', 'unfortunately', 'as i said', 'per our policy'])] : [] });
      } else {
        const extra = m === 4 ? { csat: 1 + Math.floor(rand() * 5), resolvedAt: new Date(at + 600e3).toISOString(),
          fcr: rand() < 0.6, handleSeconds: Math.round(rand() * 1800) } : {};
        records.push({ ...base, ...extra, at: iso, role: 'customer', sentiment: Math.round((rand() * 2 - 1) * 1e4) / 1e4,
          priority: Math.round(rand() * 1e4) / 1e4, emotion: pick(emotions), cues: rand() < 0.4 ? [pick(cues)] : [] });
      }
    }
  }
  return records;
}

async function main() {
  const { values } = parseArgs({ options: { messages: { type: 'string', default: '100000' }, rounds: { type: 'string', default: '5' } } });
  const n = Number(values.messages);
  const records = syntheticRecords(n);
  const analytics = await createAnalytics();
  let t0 = performance.now();
  for (let i = 0; i < records.length; i += 10000) analytics.add(records.slice(i, i + 10000));
  const loadMs = performance.now() - t0;
  const queries = {
    'everything, by day': { bucket: 'day' },
    'by hour': { bucket: 'hour' },
    'one agent, by week': { agents: ['agent-3'], bucket: 'week' },
    'brand + channel + tag': { brands: ['Acme'], channels: ['email'], tags: ['refund'] },
    'cue churn_risk, 30 days': { cues: ['churn_risk'], from: '2026-02-01', to: '2026-03-02' },
  };
  console.log(`analytics over ${n.toLocaleString('en-US')} records (wasm, Node ${process.version}): load ${loadMs.toFixed(0)} ms`);
  for (const [name, q] of Object.entries(queries)) {
    const times = [];
    for (let r = 0; r < Number(values.rounds); r++) {
      t0 = performance.now();
      analytics.query(q);
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    console.log(`  ${name.padEnd(26)} median ${times[times.length >> 1].toFixed(1)} ms (min ${times[0].toFixed(1)}, max ${times.at(-1).toFixed(1)})`);
  }
  analytics.dispose();
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();

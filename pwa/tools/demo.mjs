// The built-in demo, scored at build time with the same engine the worker
// runs (createAnalyzer, model path) so the dashboard opens on analyzed data
// at once: shared/demo/conversations.json (derived from the IBM Twitter
// customer care set, Apache-2.0) -> <out>/demo/demo-scored.json.
import fs from 'node:fs';
import path from 'node:path';
import { createAnalyzer } from '../../shared/api/index.js';
import { createMessageScorer } from '../src/worker/score.js';

export const DEMO_SOURCE = 'shared/demo/conversations.json';

// Demo conversations -> messages in the import pipeline's MESSAGE_FIELDS shape.
export function demoMessages(demo) {
  const messages = [];
  for (const conv of demo.conversations) {
    const assignee = conv.messages.find((m) => m.role === 'agent')?.agent;
    for (const m of conv.messages) {
      const base = { conversation: conv.id, at: m.at, brand: conv.brand, channel: 'twitter', text: m.text };
      messages.push(m.role === 'agent' ? { ...base, role: 'agent', agent: m.agent }
        : { ...base, role: 'customer', customer: m.customer, ...(assignee ? { agent: assignee } : {}) });
    }
  }
  return messages;
}

export async function buildDemo(root, outDir) {
  const demo = JSON.parse(fs.readFileSync(path.join(root, DEMO_SOURCE), 'utf8'));
  const analyzer = await createAnalyzer();
  try {
    const messages = await createMessageScorer(analyzer)(demoMessages(demo));
    const out = {
      name: 'Demo: IBM Twitter customer care (pseudonymized)',
      source: demo.source,
      attribution: 'Demo data derived from the IBM Twitter customer care dataset (twcc), Apache License 2.0; ' +
        'customer handles pseudonymized, e-mail addresses masked (shared/demo/README.md).',
      messages,
    };
    fs.mkdirSync(path.join(outDir, 'demo'), { recursive: true });
    fs.writeFileSync(path.join(outDir, 'demo', 'demo-scored.json'), JSON.stringify(out));
    return messages.length;
  } finally {
    analyzer.dispose();
  }
}

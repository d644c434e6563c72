// Scores imported messages for the dashboard: customer messages through
// analyzeBatch, agent replies through the draft review with the customer's
// last message in their conversation as context (as the public API's
// createScorer does), plus the two labels the badges show, derived exactly as
// the core does: the sentiment label from the score (VADER thresholds,
// ±0.05) and the priority level from the priority
// (wasm/core/analysis/analyzer.cc priority_level: 0.75 urgent, 0.5 high,
// 0.25 normal).
import { feltEmotion } from '../../../shared/api/index.js';
import { reviewItems } from './review.js';

export function sentimentLabel(score) {
  return score >= 0.05 ? 'positive' : score <= -0.05 ? 'negative' : 'neutral';
}

export function priorityLevel(priority) {
  return priority >= 0.75 ? 'urgent' : priority >= 0.5 ? 'high' : priority >= 0.25 ? 'normal' : 'low';
}

const BATCH = 256;  // texts per analyzeBatch call

// messages (MESSAGE_FIELDS shape, with text) -> the same objects with the
// scores added, in order. Agent replies with no text (an export that only
// records the reply's time) keep no empathy score; messages that arrive
// scored (records from the native rapport_aggregate) are kept as they are.
// `review([[draft, customerText], ...])` -> [[empathy, cold], ...] reviews the
// replies (by default with `analyzer`, here; the import passes a second
// worker's), while the customers' messages are analyzed here at the same time.
// The scorer remembers each conversation's last customer message across
// calls, so a stream is scored batch by batch in order.
const alreadyScored = (m) => (m.role === 'agent' ? typeof m.empathy === 'number' : typeof m.sentiment === 'number');
export function createMessageScorer(analyzer, { review = (items) => reviewItems(analyzer, items) } = {}) {
  const lastCustomer = new Map();
  async function analyzeCustomers(list) {
    for (let start = 0; start < list.length; start += BATCH) {
      const chunk = list.slice(start, start + BATCH);
      const results = await analyzer.analyzeBatch(chunk.map((m) => String(m.text ?? '')));
      chunk.forEach((m, k) => {
        const a = results[k];
        m.sentiment = a.sentiment.score;
        m.priority = a.priority;
        const emotion = feltEmotion(a);
        if (emotion) m.emotion = emotion;
        if (a.cues.length) m.cues = a.cues.map((c) => c.id);
      });
    }
  }
  return async function score(messages) {
    const out = messages.map((m) => ({ ...m }));
    const customers = [];
    const replies = [];
    const items = [];
    for (const m of out) {
      if (alreadyScored(m) || (m.role === 'agent' && !m.text)) continue;
      if (m.role === 'agent') {
        replies.push(m);
        items.push([String(m.text), lastCustomer.get(m.conversation) ?? '']);
      } else {
        customers.push(m);
        lastCustomer.set(m.conversation, String(m.text ?? ''));
      }
    }
    const [, reviews] = await Promise.all([analyzeCustomers(customers), items.length ? review(items) : []]);
    replies.forEach((m, k) => {
      const [empathy, cold] = reviews[k];
      m.empathy = empathy;
      if (cold.length) m.cold = cold;
    });
    return out;
  };
}

// Scores imported messages for the dashboard: the public API's createScorer
// (customer messages through analyzeBatch, agent replies through the draft
// review) plus the two labels the badges show, derived exactly as the core
// does: the sentiment label from the score (VADER thresholds, ±0.05) and the
// priority level from the priority (wasm/core/analysis/analyzer.cc
// priority_level: 0.75 urgent, 0.5 high, 0.25 normal).
import { createScorer } from '../../../shared/api/index.js';

export function sentimentLabel(score) {
  return score >= 0.05 ? 'positive' : score <= -0.05 ? 'negative' : 'neutral';
}

export function priorityLevel(priority) {
  return priority >= 0.75 ? 'urgent' : priority >= 0.5 ? 'high' : priority >= 0.25 ? 'normal' : 'low';
}

// messages (MESSAGE_FIELDS shape, with text) -> the same objects with the
// scores added, in order. Agent replies with no text (an export that only
// records the reply's time) keep no empathy score; messages that arrive
// scored (records from the native rapport_aggregate) are kept as they are.
const alreadyScored = (m) => (m.role === 'agent' ? typeof m.empathy === 'number' : typeof m.sentiment === 'number');
export function createMessageScorer(analyzer) {
  const scorer = createScorer(analyzer);
  return async function score(messages) {
    const skip = (m) => alreadyScored(m) || (m.role === 'agent' && !m.text);
    const scoreable = messages.filter((m) => !skip(m));
    const records = await scorer.score(scoreable);
    let k = 0;
    return messages.map((m) => {
      const out = { ...m };
      if (skip(m)) return out;
      const r = records[k++];
      if (m.role === 'agent') {
        out.empathy = r.empathy;
        if (r.cold?.length) out.cold = r.cold;
      } else {
        out.sentiment = r.sentiment;
        out.priority = r.priority;
        if (r.emotion) out.emotion = r.emotion;
        if (r.cues?.length) out.cues = r.cues;
      }
      return out;
    });
  };
}

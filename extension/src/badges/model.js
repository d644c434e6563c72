// What a badge says, derived from an Assessment (shared/api/README.md) without
// touching the DOM, so it is unit-tested in Node (tests/js/extension-badges.test.mjs).
// Every signal is a word plus an icon name; colour is only ever an extra hint.
import schema from '../../../shared/api/schema/rapport.schema.json' with { type: 'json' };

const GROUP_OF = new Map(Object.entries(schema.$defs.emotionGroupMembers.const)
  .flatMap(([group, names]) => names.map((name) => [name, group])));

const SENTIMENT_TEXT = { negative: 'Negative', neutral: 'Neutral', positive: 'Positive' };
const EMOTION_TEXT = {
  angry: 'Angry', frustrated: 'Frustrated', disappointed: 'Disappointed', confused: 'Confused',
  anxious: 'Anxious', sad: 'Sad', grateful: 'Grateful', happy: 'Happy',
};
// The four cues an agent acts on; confusion and gratitude already show as the emotion.
export const CUES = {
  urgency: 'Urgent',
  churn_risk: 'Churn risk',
  escalation: 'Escalation',
  repeat_contact: 'Repeat contact',
};
const PRIORITY_TEXT = { low: 'Low priority', normal: 'Normal priority', high: 'High priority', urgent: 'Urgent priority' };

// The agent-facing emotion group: the model's primaryEmotion when the engine ran
// the model, else the strongest GoEmotions score of at least 0.3 mapped to its
// group (lexicon path). Neutral is not worth a chip: null.
export function emotionGroupOf(assessment) {
  if (typeof assessment.primaryEmotion === 'string') {
    return assessment.primaryEmotion === 'neutral' ? null : assessment.primaryEmotion;
  }
  let best = null;
  for (const [name, p] of Object.entries(assessment.emotions ?? {})) {
    const group = GROUP_OF.get(name);
    if (group && group !== 'neutral' && p >= 0.3 && (best === null || p > best.p)) best = { group, p };
  }
  return best?.group ?? null;
}

// The quoted words behind a result: strongest evidence first, each once.
function driverWords(assessment, limit = 6) {
  const seen = new Set();
  const words = [];
  for (const e of assessment.evidence ?? []) {
    const key = e.text.toLowerCase();
    if (!e.text.trim() || seen.has(key)) continue;
    seen.add(key);
    // Cue evidence carries the cue's strength, not a sentiment direction.
    const effect = e.source?.startsWith('cue:') ? 'cue' : e.weight > 0 ? 'positive' : e.weight < 0 ? 'negative' : 'neutral';
    words.push({ text: e.text, effect, note: e.note || '' });
    if (words.length === limit) break;
  }
  return words;
}

export function badgeModel(assessment) {
  const label = assessment.sentiment.label;
  const emotion = emotionGroupOf(assessment);
  const cues = (assessment.cues ?? []).filter((c) => CUES[c.id]).map((c) => ({
    id: c.id,
    text: CUES[c.id],
    icon: `cue-${c.id}`,
    words: [...new Set(c.spans.map((s) => s.text))].slice(0, 4),
  }));
  return {
    sentiment: { label, text: SENTIMENT_TEXT[label], icon: `sentiment-${label}`, score: assessment.sentiment.score },
    emotion: emotion && { group: emotion, text: EMOTION_TEXT[emotion], icon: `emotion-${emotion}` },
    cues,
    priority: { level: assessment.priorityLevel, text: PRIORITY_TEXT[assessment.priorityLevel], value: assessment.priority },
    words: driverWords(assessment),
  };
}

// The conversation's mood trend from its customer messages' sentiment scores
// (-1..1, oldest first): the latest against the one before, so the agent sees
// whether the last exchange helped. A change under 0.15 is steady.
export function moodTrend(scores) {
  if (scores.length < 2) return { direction: 'none', text: 'First customer message', icon: 'trend-none', from: null, to: scores[0] ?? null };
  const from = scores.at(-2);
  const to = scores.at(-1);
  const delta = to - from;
  const direction = delta >= 0.15 ? 'improving' : delta <= -0.15 ? 'worsening' : 'steady';
  const text = { improving: 'Mood improving', worsening: 'Mood worsening', steady: 'Mood steady' }[direction];
  return { direction, text, icon: `trend-${direction}`, from, to, points: scores.length };
}

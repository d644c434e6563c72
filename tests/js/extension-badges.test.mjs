// The badge's words and icons from assessments (extension/src/badges/model.js),
// on real engine results (lexicon path: no model needed in Node) and on the
// model path's fields.
import test from 'node:test';
import assert from 'node:assert/strict';
import { createAnalyzer } from '../../shared/api/index.js';
import { badgeModel, emotionGroupOf, moodTrend } from '../../extension/src/badges/model.js';

const analyzer = await createAnalyzer({ model: false });
test.after(() => analyzer.dispose());

test('an angry, urgent message reads negative with its cues, priority and the words behind it', async () => {
  const text = 'This is the THIRD time I am writing. I need a full refund ASAP or I am disputing the charge with my bank. Unacceptable.';
  const m = badgeModel(await analyzer.analyze(text));
  assert.equal(m.sentiment.label, 'negative');
  assert.equal(m.sentiment.text, 'Negative');
  assert.equal(m.sentiment.icon, 'sentiment-negative');
  assert.ok(m.cues.some((c) => c.id === 'urgency' && c.text === 'Urgent'), JSON.stringify(m.cues));
  assert.ok(m.cues.some((c) => c.id === 'repeat_contact'), JSON.stringify(m.cues));
  assert.ok(m.cues.some((c) => c.id === 'escalation' && c.text === 'Escalation'), JSON.stringify(m.cues));
  assert.ok(['high', 'urgent'].includes(m.priority.level));
  assert.match(m.priority.text, /priority$/i);
  assert.ok(m.words.length > 0 && m.words.every((w) => text.includes(w.text)), JSON.stringify(m.words));
  assert.ok(m.words.some((w) => w.effect === 'negative'));
  // A cue's words are marked as cue evidence, not as pushing the sentiment.
  assert.equal(m.words.find((w) => /third time/i.test(w.text))?.effect, 'cue', JSON.stringify(m.words));
  // Each cue quotes words of the message.
  for (const c of m.cues) for (const w of c.words) assert.ok(text.includes(w), w);
});

test('a thank-you reads positive and grateful; gratitude is the emotion, not a cue chip', async () => {
  const m = badgeModel(await analyzer.analyze('Thank you so much, that fixed it. You are wonderful!'));
  assert.equal(m.sentiment.label, 'positive');
  assert.ok(['grateful', 'happy'].includes(m.emotion?.group), JSON.stringify(m.emotion));
  assert.ok(!m.cues.some((c) => c.id === 'gratitude'));
});

test('the model path names the emotion by primaryEmotion; neutral gives no emotion chip', () => {
  assert.equal(emotionGroupOf({ primaryEmotion: 'anxious', emotions: { joy: 0.9 } }), 'anxious');
  assert.equal(emotionGroupOf({ primaryEmotion: 'neutral', emotions: { anger: 0.9 } }), null);
  // Lexicon path: the strongest GoEmotions name of at least 0.3, by its group.
  assert.equal(emotionGroupOf({ emotions: { annoyance: 0.4, anger: 0.35, joy: 0.1 } }), 'frustrated');
  assert.equal(emotionGroupOf({ emotions: { anger: 0.2 } }), null);
});

test('mood trend: the last customer message against the one before', () => {
  assert.equal(moodTrend([]).direction, 'none');
  assert.equal(moodTrend([-0.6]).direction, 'none');
  assert.deepEqual([moodTrend([-0.6, 0.5]).direction, moodTrend([-0.6, 0.5]).text], ['improving', 'Mood improving']);
  assert.equal(moodTrend([0.4, 0.1, -0.5]).direction, 'worsening');
  assert.equal(moodTrend([0.2, 0.25]).direction, 'steady');
  assert.equal(moodTrend([0.2, 0.25, 0.3]).points, 3);
});

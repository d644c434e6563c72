// The shared JSON contract of one analysis (docs/ARCHITECTURE.md), as a checker
// used by several suites: returns what is wrong with a result, [] if nothing.
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './helpers.mjs';

// The model's label set (GoEmotions' 28 names), as the shipped model.json declares it.
export const EMOTIONS = JSON.parse(fs.readFileSync(path.join(ROOT, 'models', 'model.json'), 'utf8')).labels;
const CUE_IDS = ['urgency', 'churn_risk', 'escalation', 'repeat_contact', 'confusion', 'gratitude'];
const SOURCES = /^(lexicon|supplement|emoji|emoticon|cue:(urgency|churn_risk|escalation|repeat_contact|confusion|gratitude))$/;
const unit = (x) => typeof x === 'number' && x >= 0 && x <= 1;

// Checks one result against the shared JSON contract; returns what is wrong.
export function shapeFailures(r) {
  const bad = [];
  const want = (ok, what) => { if (!ok) bad.push(what); };
  want(['negative', 'neutral', 'positive'].includes(r.sentiment?.label), 'sentiment.label');
  want(typeof r.sentiment.score === 'number' && r.sentiment.score >= -1 && r.sentiment.score <= 1, 'sentiment.score');
  for (const k of ['positive', 'negative', 'neutral']) want(unit(r.sentiment[k]), `sentiment.${k}`);
  const label = r.sentiment.score >= 0.05 ? 'positive' : r.sentiment.score <= -0.05 ? 'negative' : 'neutral';
  want(r.sentiment.label === label, `sentiment.label ${r.sentiment.label} vs score ${r.sentiment.score}`);
  want(JSON.stringify(Object.keys(r.emotions).sort()) === JSON.stringify([...EMOTIONS].sort()), 'emotions keys');
  for (const [k, v] of Object.entries(r.emotions)) want(unit(v), `emotions.${k}`);
  want(Array.isArray(r.cues), 'cues');
  for (const c of r.cues) {
    want(CUE_IDS.includes(c.id), `cue id ${c.id}`);
    want(unit(c.strength), `cue ${c.id} strength`);
    want(Array.isArray(c.spans) && c.spans.length > 0, `cue ${c.id} spans`);
  }
  want(unit(r.priority), 'priority');
  want(['low', 'normal', 'high', 'urgent'].includes(r.priorityLevel), 'priorityLevel');
  want(Array.isArray(r.evidence), 'evidence');
  for (const e of r.evidence) {
    want(typeof e.weight === 'number' && typeof e.note === 'string' && typeof e.text === 'string', 'evidence item');
    want(SOURCES.test(e.source), `evidence source ${e.source}`);
  }
  // Strongest first, within each scale: cue strengths (0..1) and sentiment
  // weights (-4..4) are not comparable with each other.
  for (const isCue of [true, false]) {
    const w = r.evidence.filter((e) => e.source.startsWith('cue:') === isCue).map((e) => Math.abs(e.weight));
    for (let i = 1; i < w.length; i++) want(w[i - 1] >= w[i], 'evidence strongest first');
  }
  want(typeof r.language?.code === 'string' && typeof r.language.supported === 'boolean' &&
    unit(r.language.confidence), 'language');
  want(typeof r.truncated === 'boolean' && typeof r.invalidUtf8 === 'boolean', 'flags');
  want(['lexicon', 'model+lexicon'].includes(r.source), 'source');
  return bad;
}


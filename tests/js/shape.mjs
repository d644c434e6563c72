// One analysis result against the public contract, as a list of what is wrong
// ([] if nothing): the structure from the one schema
// (shared/api/schema/rapport.schema.json), plus the rules a schema cannot say:
// the label follows the score, evidence comes strongest first.
import fs from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import { ROOT } from './helpers.mjs';

const schema = JSON.parse(fs.readFileSync(path.join(ROOT, 'shared', 'api', 'schema', 'rapport.schema.json'), 'utf8'));
export const EMOTIONS = schema.$defs.emotionName.enum;
const ajv = new Ajv({ allErrors: true, strict: true });
ajv.addSchema(schema);
const validateAssessment = ajv.getSchema(`${schema.$id}#/$defs/assessment`);

export function shapeFailures(r) {
  const bad = validateAssessment(r) ? [] : validateAssessment.errors.map((e) => `${e.instancePath} ${e.message}`);
  if (bad.length) return bad;
  const want = (ok, what) => { if (!ok) bad.push(what); };
  const label = r.sentiment.score >= 0.05 ? 'positive' : r.sentiment.score <= -0.05 ? 'negative' : 'neutral';
  want(r.sentiment.label === label, `sentiment.label ${r.sentiment.label} vs score ${r.sentiment.score}`);
  for (const c of r.cues) for (const s of c.spans) want(s.start <= s.end, `cue ${c.id} span order`);
  // Strongest first, within each scale: cue strengths (0..1) and sentiment
  // weights (-4..4) are not comparable with each other.
  for (const isCue of [true, false]) {
    const w = r.evidence.filter((e) => e.source.startsWith('cue:') === isCue).map((e) => Math.abs(e.weight));
    for (let i = 1; i < w.length; i++) want(w[i - 1] >= w[i], 'evidence strongest first');
  }
  return bad;
}

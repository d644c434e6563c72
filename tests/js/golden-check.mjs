// The golden-fixture checker for the wasm build: the same rules as the native
// one (tests/cpp), over tests/fixtures/golden/analyze.json. Returns a list of
// failures, each naming the field, so a report reads "case X: field: why".

const SIGN = (x) => (x > 0 ? 1 : x < 0 ? -1 : 0);

export function checkCase(expect, r) {
  const fails = [];
  const fail = (field, why) => fails.push(`${field}: ${why}`);

  if (expect.label !== undefined) {
    const allowed = Array.isArray(expect.label) ? expect.label : [expect.label];
    if (!allowed.includes(r.sentiment.label)) {
      fail('label', `expected ${allowed.join(' or ')}, got ${r.sentiment.label} (score ${r.sentiment.score})`);
    }
  }
  if (expect.scoreMin !== undefined && !(r.sentiment.score >= expect.scoreMin)) {
    fail('scoreMin', `expected score >= ${expect.scoreMin}, got ${r.sentiment.score}`);
  }
  if (expect.scoreMax !== undefined && !(r.sentiment.score <= expect.scoreMax)) {
    fail('scoreMax', `expected score <= ${expect.scoreMax}, got ${r.sentiment.score}`);
  }
  const cueIds = r.cues.map((c) => c.id);
  for (const id of expect.cues ?? []) {
    if (!cueIds.includes(id)) fail('cues', `expected cue ${id}, got [${cueIds.join(', ')}]`);
  }
  for (const id of expect.noCues ?? []) {
    if (cueIds.includes(id)) fail('noCues', `cue ${id} must not be present`);
  }
  for (const [id, texts] of Object.entries(expect.cueSpans ?? {})) {
    const cue = r.cues.find((c) => c.id === id);
    const spans = cue ? cue.spans.map((s) => s.text) : [];
    for (const text of texts) {
      if (!spans.includes(text)) fail('cueSpans', `cue ${id} lacks span "${text}", has [${spans.join(', ')}]`);
    }
  }
  for (const want of expect.evidence ?? []) {
    const found = r.evidence.some((e) => e.text === want.text &&
      (want.sign === undefined || SIGN(e.weight) === want.sign));
    if (!found) {
      const have = r.evidence.map((e) => `${e.text}:${e.weight}`).join(', ');
      fail('evidence', `expected "${want.text}" with sign ${want.sign}, got [${have}]`);
    }
  }
  if (expect.language !== undefined && r.language.code !== expect.language) {
    fail('language', `expected ${expect.language}, got ${r.language.code}`);
  }
  for (const [field, actual] of [['supported', r.language.supported], ['truncated', r.truncated],
    ['invalidUtf8', r.invalidUtf8]]) {
    if (expect[field] !== undefined && actual !== expect[field]) {
      fail(field, `expected ${expect[field]}, got ${actual}`);
    }
  }
  return fails;
}

// Span invariants every result must keep, fixture or not: offsets are UTF-16
// units of the analyzed text, so slicing the input gives the span's text
// (when the input was not cut and was well-formed).
export function spanFailures(text, r) {
  const fails = [];
  const spans = [...r.evidence, ...r.cues.flatMap((c) => c.spans)];
  for (const s of spans) {
    if (!(Number.isInteger(s.start) && Number.isInteger(s.end) && s.start <= s.end)) {
      fails.push(`span ${JSON.stringify(s)} has bad offsets`);
    } else if (!r.truncated && text.slice(s.start, s.end) !== s.text) {
      fails.push(`span ${JSON.stringify(s)} does not match text.slice -> "${text.slice(s.start, s.end)}"`);
    }
  }
  return fails;
}

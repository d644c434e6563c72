// A typed example of the public API that touches every member a caller uses.
// tests/js/contract.test.mjs compiles it with the TypeScript compiler
// (tsc --noEmit --strict) against shared/api/index.d.ts, so a declaration
// that drifts from how the API is documented to be used fails the suite.
import {
  createAnalyzer, RapportError, ErrorCodes, version,
  type Analyzer, type Assessment, type DraftReview, type EmotionName, type CueId,
} from '../../shared/api/index.js';

function describe(a: Assessment): string {
  const { label, score, positive, negative, neutral } = a.sentiment;
  const strongest = (Object.entries(a.emotions) as [EmotionName, number][])
    .sort((x, y) => y[1] - x[1])[0];
  const cues: string[] = a.cues.map((c) => `${c.id as CueId}:${c.strength.toFixed(2)}:` +
    c.spans.map((s) => `${s.start}-${s.end} ${s.text}`).join('|'));
  const evidence = a.evidence.map((e) => `${e.source} ${e.weight} ${e.note} ${e.text} ${e.start}-${e.end}`);
  const lang = `${a.language.code} ${a.language.supported} ${a.language.confidence}`;
  const flags = [a.truncated, a.invalidUtf8].map(String).join();
  const model = a.source === 'model+lexicon'
    ? `${a.primaryEmotion ?? ''} ${(a.detectedEmotions ?? []).join()} ${a.emotionGroups?.angry ?? 0}`
    : '';
  return [label, score + positive + negative + neutral, strongest?.[0], ...cues, ...evidence, lang, flags,
    a.priority, a.priorityLevel, model].join(' ');
}

function explain(r: DraftReview): string {
  const parts = r.scoreParts.map((p) => `${p.id} ${p.points}/${p.max} ` +
    p.reasons.map((x) => `${x.effect}${x.note}${x.start ?? ''}${x.end ?? ''}${x.text ?? ''}`).join());
  const found = r.suggestions.map((s) => [s.start, s.end, s.text, s.replaceStart, s.replaceEnd, s.category,
    s.ruleId, s.severity, s.kind, s.message, s.why, s.replacements.join('/')].join(' '));
  const m = r.mismatch;
  return [r.empathyScore, r.omittedSuggestions, r.words, r.truncated, r.invalidUtf8, r.pack,
    m.alert, m.message, m.customerLabel, m.customerScore, ...parts, ...found].join(' ');
}

export async function run(): Promise<string[]> {
  const analyzer: Analyzer = await createAnalyzer({ model: false });
  const out: string[] = [version, analyzer.version, analyzer.source, String(analyzer.disposed),
    analyzer.emotionLabels.join(), String(analyzer.limits.maxBatchSize + analyzer.limits.maxAnalyzedBytes +
      analyzer.limits.maxBatchUnits)];
  out.push(describe(await analyzer.analyze('Where is my refund?')));
  for (const a of await analyzer.analyzeBatch(['Thanks!', 'Third time asking'])) out.push(describe(a));
  out.push(explain(await analyzer.reviewDraft('Calm down.', { customerText: 'I am furious', customerName: 'Dana',
    agentName: 'Sam', company: 'Acme' })));
  const info = analyzer.loadRulePack(analyzer.exportRulePack());
  out.push(String(info.ruleCount));
  analyzer.resetRulePack();
  const { wasmHeapBytes, wasmBreakBytes } = analyzer.memoryStats();
  out.push(String(wasmHeapBytes + wasmBreakBytes));
  try {
    analyzer.loadRulePack('{');
  } catch (e) {
    if (e instanceof RapportError && e.code === ErrorCodes.RULE_PACK) {
      out.push(...(e.details ?? []).map((d) => `${d.path} ${d.code} ${d.message}`));
    }
  }
  analyzer.dispose();
  return out;
}

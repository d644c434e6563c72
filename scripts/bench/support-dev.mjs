// The in-domain dev table: customer messages of support-labelled/ (IBM twcc
// dev conversations, labelled by the Rapport team; GUIDELINES.md there), the
// traffic the badge is for. Same run, same texts for every contestant.
//
// Sentiment: macro recall over the classes present, recall of each class, and
// the confusion matrix (gold row -> predicted column). Positive has only 10
// of 625 messages, so its recall moves the macro figure by 3.3 points per
// message; negative and neutral recall are printed beside it for that reason.
// Urgency (Rapport rows only; the peers have no such output): precision and
// recall of the labelled `urgent` flag, read two ways from the public
// result: the `urgency` cue, and the priority level ("high" or "urgent").
import fs from 'node:fs';
import path from 'node:path';

import { macroRecall } from './accuracy.mjs';
import { LABELS } from './datasets.mjs';
import { formatTable, fmtPct } from './table.mjs';

export const SUPPORT_DEV_FILE = path.join('support-labelled', 'dev-customer.jsonl');

// The agent-facing emotion groups of the labels (GUIDELINES.md) and of
// Rapport's primaryEmotion on the default path.
export const EMOTION_GROUPS = ['angry', 'frustrated', 'disappointed', 'confused', 'anxious', 'sad', 'grateful',
  'happy', 'neutral'];

// Reads DIR/support-labelled/dev-customer.jsonl: one JSON object per line
// with `text`, `sentiment` (negative|neutral|positive) and `urgent` (0|1).
// Returns null when the folder has no such file (the bench says it skipped
// the table); a malformed line is an error naming file, line and field.
export function loadSupportDev(dataDir) {
  const file = path.join(dataDir, SUPPORT_DEV_FILE);
  if (!fs.existsSync(file)) return null;
  const texts = [];
  const labels = [];
  const urgent = [];
  const emotions = [];
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    const where = `${file}:${i + 1}`;
    let row;
    try {
      row = JSON.parse(line);
    } catch (err) {
      throw new Error(`${where}: not JSON (${err.message})`);
    }
    if (typeof row.text !== 'string') throw new Error(`${where}: field "text" must be a string`);
    if (!LABELS.includes(row.sentiment)) {
      throw new Error(`${where}: field "sentiment" must be one of ${LABELS.join('|')}, got ${JSON.stringify(row.sentiment)}`);
    }
    if (row.urgent !== 0 && row.urgent !== 1) {
      throw new Error(`${where}: field "urgent" must be 0 or 1, got ${JSON.stringify(row.urgent)}`);
    }
    if (row.emotion !== undefined && !EMOTION_GROUPS.includes(row.emotion)) {
      throw new Error(`${where}: field "emotion" must be one of ${EMOTION_GROUPS.join('|')}, got ${JSON.stringify(row.emotion)}`);
    }
    texts.push(row.text);
    labels.push(row.sentiment);
    urgent.push(row.urgent === 1);
    emotions.push(row.emotion ?? null);
  });
  if (texts.length === 0) throw new Error(`${file}: no messages`);
  // Emotion figures only when every line has its label.
  return { name: 'support-labelled dev (customer messages)', short: 'support dev', texts, labels, urgent,
    emotions: emotions.every((e) => e !== null) ? emotions : null };
}

// confusion[gold][predicted] counts, over LABELS.
export function confusionMatrix(gold, predicted) {
  if (gold.length !== predicted.length) {
    throw new Error(`confusionMatrix: ${gold.length} gold labels but ${predicted.length} predictions`);
  }
  const m = Object.fromEntries(LABELS.map((g) => [g, Object.fromEntries(LABELS.map((p) => [p, 0]))]));
  for (let i = 0; i < gold.length; i++) {
    if (!(predicted[i] in m[gold[i]])) throw new Error(`confusionMatrix: unknown label ${predicted[i]}`);
    m[gold[i]][predicted[i]]++;
  }
  return m;
}

// Precision and recall of a yes/no prediction against gold flags; null
// precision when nothing was flagged (no division by zero dressed as 0).
export function precisionRecall(gold, flagged) {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (let i = 0; i < gold.length; i++) {
    if (flagged[i] && gold[i]) tp++;
    else if (flagged[i]) fp++;
    else if (gold[i]) fn++;
  }
  return { precision: tp + fp === 0 ? null : tp / (tp + fp), recall: tp + fn === 0 ? null : tp / (tp + fn),
    flagged: tp + fp, tp };
}

// Agreement of predicted emotion groups with the gold ones: accuracy, and
// F1 of each gold group averaged over the groups present in the gold labels.
export function emotionAgreement(gold, predicted) {
  let hits = 0;
  const f1 = [];
  for (let i = 0; i < gold.length; i++) hits += gold[i] === predicted[i];
  for (const g of EMOTION_GROUPS) {
    const n = gold.filter((x) => x === g).length;
    if (n === 0) continue;
    const flagged = predicted.filter((x) => x === g).length;
    const tp = gold.filter((x, i) => x === g && predicted[i] === g).length;
    f1.push(tp === 0 ? 0 : (2 * tp) / (n + flagged));
  }
  return { accuracy: hits / gold.length, macroF1: f1.reduce((a, b) => a + b, 0) / f1.length };
}

// The two urgency readings of one Rapport result (public API shape).
export const URGENCY_READINGS = {
  cue: (r) => r.cues.some((c) => c.id === 'urgency'),
  priority: (r) => r.priorityLevel === 'high' || r.priorityLevel === 'urgent',
};

// opened: [{ name, kind, handle }]; Rapport handles give resultsOf(texts)
// (full assessments), peers labelsOf(texts). Returns one row per contestant.
export async function measureSupportDev(opened, set) {
  const rows = [];
  for (const c of opened) {
    let predicted;
    let urgency = null;
    let emotion = null;
    if (c.kind === 'rapport' && typeof c.handle.resultsOf === 'function') {
      const results = await c.handle.resultsOf(set.texts);
      predicted = results.map((r) => r.sentiment.label);
      urgency = Object.fromEntries(Object.entries(URGENCY_READINGS).map(([k, read]) =>
        [k, precisionRecall(set.urgent, results.map(read))]));
      // primaryEmotion exists on the default path only (the model's groups).
      if (set.emotions && results.every((r) => typeof r.primaryEmotion === 'string')) {
        emotion = emotionAgreement(set.emotions, results.map((r) => r.primaryEmotion));
      }
    } else {
      predicted = await c.handle.labelsOf(set.texts);
    }
    rows.push({ contestant: c.name, dataset: set.name, examples: set.texts.length,
      ...macroRecall(set.labels, predicted), confusion: confusionMatrix(set.labels, predicted), urgency, emotion });
  }
  return rows;
}

const short = { negative: 'neg', neutral: 'neu', positive: 'pos' };

export function supportDevTables(rows, set) {
  const counts = Object.fromEntries(LABELS.map((l) => [l, set.labels.filter((x) => x === l).length]));
  const urgentCount = set.urgent.filter(Boolean).length;
  const head = `In-domain dev: ${set.name}, ${set.texts.length} messages ` +
    `(${LABELS.map((l) => `${counts[l]} ${l}`).join(', ')}; ${urgentCount} urgent)`;
  const recall = formatTable(
    ['contestant', 'macro recall', 'neg recall', 'neu recall', 'pos recall', 'accuracy'],
    rows.map((r) => [r.contestant, fmtPct(r.macroRecall), fmtPct(r.recall.negative), fmtPct(r.recall.neutral),
      fmtPct(r.recall.positive), fmtPct(r.accuracy)]));
  const confusion = formatTable(
    ['contestant', ...LABELS.flatMap((g) => LABELS.map((p) => `${short[g]}->${short[p]}`))],
    rows.map((r) => [r.contestant, ...LABELS.flatMap((g) => LABELS.map((p) => r.confusion[g][p]))]));
  const urgencyRows = rows.filter((r) => r.urgency);
  const urgency = urgencyRows.length === 0 ? '' : formatTable(
    ['contestant', 'urgency cue precision', 'recall', 'priority high+ precision', 'recall'],
    urgencyRows.map((r) => [r.contestant, fmtPct(r.urgency.cue.precision), fmtPct(r.urgency.cue.recall),
      fmtPct(r.urgency.priority.precision), fmtPct(r.urgency.priority.recall)]));
  const emotionRows = rows.filter((r) => r.emotion);
  const emotion = emotionRows.length === 0 ? '' : formatTable(
    ['contestant', 'primaryEmotion accuracy', 'macro F1 over gold groups'],
    emotionRows.map((r) => [r.contestant, fmtPct(r.emotion.accuracy), fmtPct(r.emotion.macroF1)]));
  return [head, recall, '', 'Confusion (gold->predicted counts)', confusion,
    ...(urgency ? ['', 'Urgency (the labelled urgent flag; the peers give no urgency)', urgency] : []),
    ...(emotion ? ['', 'Agent-facing emotion (the labelled `emotion` group against primaryEmotion; default path only)',
      emotion] : [])].join('\n');
}

// Issue 9's targets on this run's figures (left out when not measured).
export function supportDevTargets(results) {
  const rapport = (source) => results.contestants.find((c) => c.kind === 'rapport' && c.source === source)?.name;
  const model = rapport('model+lexicon');
  const lexicon = rapport('lexicon');
  const peers = results.contestants.filter((c) => c.kind === 'peer').map((c) => c.name);
  const out = [];
  const dev = (name) => results.supportDev?.find((r) => r.contestant === name);
  const m = dev(model);
  if (m) {
    out.push({ target: 'issue 9: default path, support dev macro recall >= 75, negative >= 85, neutral >= 60',
      met: m.macroRecall >= 0.75 && m.recall.negative >= 0.85 && m.recall.neutral >= 0.6,
      measured: `${fmtPct(m.macroRecall)}, neg ${fmtPct(m.recall.negative)}, neu ${fmtPct(m.recall.neutral)}` });
    const others = [lexicon, ...peers].map(dev).filter(Boolean);
    const best = Math.max(...others.map((r) => r.macroRecall));
    out.push({ target: 'issue 9: default path above the lexicon path and every peer, support dev macro recall',
      met: m.macroRecall > best, measured: `${fmtPct(m.macroRecall)} vs best other ${fmtPct(best)}` });
    for (const [k, label] of [['cue', 'urgency cue'], ['priority', 'priority high+']]) {
      const u = m.urgency?.[k];
      if (!u) continue;
      out.push({ target: `issue 9: urgent flag by ${label}: recall >= 70, precision >= 60`,
        met: (u.recall ?? 0) >= 0.7 && (u.precision ?? 0) >= 0.6,
        measured: `recall ${fmtPct(u.recall)}, precision ${fmtPct(u.precision)}` });
    }
  }
  const l = dev(lexicon);
  const peerRows = peers.map(dev).filter(Boolean);
  if (l && peerRows.length) {
    const best = Math.max(...peerRows.map((r) => r.macroRecall));
    out.push({ target: 'issue 9: lexicon macro recall above every peer, support dev', met: l.macroRecall > best,
      measured: `${fmtPct(l.macroRecall)} vs best peer ${fmtPct(best)}` });
  }
  for (const [set, floor] of [['TweetEval', 0.65], ['GoEmotions', 0.72]]) {
    const v = results.accuracy?.find((a) => a.contestant === model && a.dataset.startsWith(set))?.macroRecall;
    if (v !== undefined) {
      out.push({ target: `issue 9: default path macro recall >= ${fmtPct(floor)}, ${set}`, met: v >= floor,
        measured: fmtPct(v) });
    }
  }
  return out;
}

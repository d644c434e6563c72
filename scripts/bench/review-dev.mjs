// In-domain draft-review quality (issue 10): the team-labelled brand replies
// of support-labelled/dev-agent.jsonl reviewed through the public API
// (analyzer.reviewDraft(reply, { customerText })), compared with the labels.
//
//   node scripts/bench/review-dev.mjs --data <data folder> [--rules] [--json] [--no-speed]
//   (the folder holding support-labelled/, or support-labelled/ itself)
// or, from the bench harness: import { benchReviewDev } from './review-dev.mjs'.
//
// Figures (what the issue's targets are stated in):
// - cold flags: a reply is "flagged" when it gets at least one phrase finding
//   of a cold category (COLD_CATEGORIES: the brush-offs the label `cold`
//   describes); precision and recall of that against `cold`, reply level.
//   The looser "any phrase finding" (style rules included) is shown beside it.
// - absence on ownership=1: share of replies the team says own the problem or
//   give a next step that still get an ownership/next-step absence finding.
// - empathy Spearman: empathyScore against the `empathy` level (0/1/2), ties
//   ranked by their average rank.
// - per rule: how many replies each phrase rule fires on, how many of them the
//   team labelled cold, and how many are good replies (not cold, ownership=1,
//   empathy >= 1): the measured precision RULES.md quotes.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import { createAnalyzer } from '../../shared/api/index.js';
import { formatTable, fmtPct, fmtMs } from './table.mjs';
import { benchReview } from './review.mjs';

// Categories whose findings mean "this reply brushes the customer off", as
// the label's guideline defines cold (dismissive, blaming, policy-hiding,
// brush-off). Style categories (jargon, robotic_opener, negative_framing,
// uncertainty, missing_next_step phrases) make a reply less warm, not cold.
export const COLD_CATEGORIES = new Set([
  'dismissive', 'blame_shifting', 'policy_hiding', 'passive_waiting', 'condescending',
  'minimizing', 'missing_ownership', 'bare_redirect', 'rule_citing_refusal', 'conversation_ender',
]);
const ABSENCE_CATEGORIES = new Set(['missing_ownership', 'missing_next_step']);

export const DEV_FILE = path.join('support-labelled', 'dev-agent.jsonl');
const DEFAULT_PACK = fileURLToPath(new URL('../../shared/rules/default.json', import.meta.url));

// Finds dev-agent.jsonl under `dataDir` (the data folder or support-labelled/
// itself); throws an error that says what is missing and where it looked.
export function findDevReplies(dataDir) {
  const candidates = [path.join(dataDir, DEV_FILE), path.join(dataDir, 'dev-agent.jsonl')];
  const found = candidates.find((f) => fs.existsSync(f));
  if (!found) {
    const err = new Error(`review dev set not found: looked for ${candidates.join(' and ')} ` +
      '(pass --data <folder holding support-labelled/dev-agent.jsonl>)');
    err.code = 'REVIEW_DEV_MISSING';
    throw err;
  }
  return found;
}

// Parses the labelled replies; a bad line is an error naming file, line and field.
export function parseDevReplies(text, file = 'dev-agent.jsonl') {
  const rows = [];
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    let row;
    try {
      row = JSON.parse(line);
    } catch (err) {
      throw new Error(`${file} line ${i + 1}: not JSON (${err.message})`);
    }
    for (const key of ['reply', 'customer']) {
      if (typeof row[key] !== 'string') throw new Error(`${file} line ${i + 1}: field '${key}' must be a string`);
    }
    for (const [key, max] of [['empathy', 2], ['ownership', 1], ['cold', 1]]) {
      if (!Number.isInteger(row[key]) || row[key] < 0 || row[key] > max) {
        throw new Error(`${file} line ${i + 1}: field '${key}' must be an integer 0..${max}`);
      }
    }
    rows.push({ id: row.id ?? `line ${i + 1}`, customer: row.customer, reply: row.reply,
      empathy: row.empathy, ownership: row.ownership, cold: row.cold });
  });
  if (rows.length === 0) throw new Error(`${file}: no labelled replies`);
  return rows;
}

// Average ranks (1-based), ties sharing the mean of their positions.
function ranks(values) {
  const order = values.map((v, i) => [v, i]).sort((a, b) => a[0] - b[0]);
  const out = new Array(values.length);
  for (let i = 0; i < order.length;) {
    let j = i;
    while (j + 1 < order.length && order[j + 1][0] === order[i][0]) j++;
    for (let k = i; k <= j; k++) out[order[k][1]] = (i + j) / 2 + 1;
    i = j + 1;
  }
  return out;
}

// Spearman's rho: Pearson correlation of the average ranks (null when either
// side is constant).
export function spearman(xs, ys) {
  if (xs.length !== ys.length || xs.length < 2) throw new Error('spearman needs two equal lists of 2+ values');
  const rx = ranks(xs), ry = ranks(ys);
  const mean = (a) => a.reduce((s, v) => s + v, 0) / a.length;
  const mx = mean(rx), my = mean(ry);
  let sxy = 0, sxx = 0, syy = 0;
  for (let i = 0; i < rx.length; i++) {
    sxy += (rx[i] - mx) * (ry[i] - my);
    sxx += (rx[i] - mx) ** 2;
    syy += (ry[i] - my) ** 2;
  }
  return sxx === 0 || syy === 0 ? null : sxy / Math.sqrt(sxx * syy);
}

function precisionRecall(predicted, actual) {
  let tp = 0, fp = 0, fn = 0;
  predicted.forEach((p, i) => {
    if (p && actual[i]) tp++;
    else if (p) fp++;
    else if (actual[i]) fn++;
  });
  return { flagged: tp + fp, truePositives: tp, precision: tp + fp ? tp / (tp + fp) : null,
    recall: tp + fn ? tp / (tp + fn) : null };
}

// Scores already-computed reviews against the labels (pure: tests feed it
// small hand-made cases).
export function scoreReviews(rows, reviews) {
  const phrases = reviews.map((r) => r.suggestions.filter((s) => s.kind === 'phrase'));
  const cold = rows.map((r) => r.cold === 1);
  const coldFlags = precisionRecall(phrases.map((p) => p.some((s) => COLD_CATEGORIES.has(s.category))), cold);
  const anyPhrase = precisionRecall(phrases.map((p) => p.length > 0), cold);
  const owned = rows.map((r, i) => i).filter((i) => rows[i].ownership === 1);
  const absent = (i) => reviews[i].suggestions.some((s) => s.kind === 'absence' && ABSENCE_CATEGORIES.has(s.category));
  const absenceOnOwned = owned.filter(absent).length;
  const absenceCounts = {};
  reviews.forEach((r) => r.suggestions.filter((s) => s.kind === 'absence')
    .forEach((s) => { absenceCounts[s.ruleId] = (absenceCounts[s.ruleId] ?? 0) + 1; }));
  const perRule = new Map();
  phrases.forEach((list, i) => {
    for (const id of new Set(list.map((s) => s.ruleId))) {
      const s = list.find((x) => x.ruleId === id);
      const entry = perRule.get(id) ?? { ruleId: id, category: s.category, replies: 0, cold: 0, good: 0,
        example: null };
      entry.replies++;
      if (rows[i].cold) entry.cold++;
      if (!rows[i].cold && rows[i].ownership === 1 && rows[i].empathy >= 1) entry.good++;
      entry.example ??= s.text;
      perRule.set(id, entry);
    }
  });
  return {
    replies: rows.length,
    coldLabelled: cold.filter(Boolean).length,
    coldFlags,
    anyPhrase,
    repliesWithSuggestions: reviews.filter((r) => r.suggestions.length > 0).length,
    ownershipLabelled: owned.length,
    absenceOnOwnership: owned.length ? absenceOnOwned / owned.length : null,
    absenceCounts,
    empathySpearman: spearman(reviews.map((r) => r.empathyScore), rows.map((r) => r.empathy)),
    perRule: [...perRule.values()].map((e) => ({ ...e, precision: e.replies ? e.cold / e.replies : null }))
      .sort((a, b) => b.replies - a.replies || a.ruleId.localeCompare(b.ruleId)),
  };
}

export async function reviewRows(rows, { analyzer } = {}) {
  const own = !analyzer;
  const a = analyzer ?? await createAnalyzer({ model: false });
  try {
    const reviews = [];
    for (const r of rows) reviews.push(await a.reviewDraft(r.reply, { customerText: r.customer }));
    return reviews;
  } finally {
    if (own) a.dispose();
  }
}

// Indices of the first reply of each distinct text, the leading @mentions
// aside: brands paste the same macro to many customers (one help-site redirect
// is 9 of the 36 cold replies), and a rule tuned to one macro should not look
// better than it is.
export function distinctReplies(rows) {
  const seen = new Set();
  const keep = [];
  rows.forEach((r, i) => {
    const key = r.reply.replace(/^(\s*@\w+)+\s*/, '').trim();
    if (!seen.has(key)) {
      seen.add(key);
      keep.push(i);
    }
  });
  return keep;
}

export async function benchReviewDev(dataDir) {
  const file = findDevReplies(dataDir);
  const rows = parseDevReplies(fs.readFileSync(file, 'utf8'), file);
  const reviews = await reviewRows(rows);
  const keep = distinctReplies(rows);
  const distinct = scoreReviews(keep.map((i) => rows[i]), keep.map((i) => reviews[i]));
  return { file, ...scoreReviews(rows, reviews),
    distinct: { replies: distinct.replies, coldLabelled: distinct.coldLabelled, coldFlags: distinct.coldFlags,
      absenceOnOwnership: distinct.absenceOnOwnership, empathySpearman: distinct.empathySpearman } };
}

export const REVIEW_DEV_TARGETS = {
  coldPrecision: 0.6, coldRecall: 0.6, absenceOnOwnership: 0.2, empathySpearman: 0.5,
};

// `keystroke`: a benchReview() result (review.mjs), when speed was measured.
export function reviewDevTable(r, keystroke = null) {
  const f3 = (x) => (x === null ? '-' : x.toFixed(2));
  const t = REVIEW_DEV_TARGETS;
  const speed = keystroke ? [['per keystroke, 2,000-char draft (median wall / CPU mean)',
    `${fmtMs(keystroke.medianMs)} / ${fmtMs(keystroke.cpuMeanMs)}`, `<= ${keystroke.budgetMs} ms`,
    keystroke.withinBudget ? 'yes' : 'NO']] : [];
  return formatTable(['figure', 'measured', 'target', 'met'], [
    ['cold flags: precision vs `cold`', `${f3(r.coldFlags.precision)} (${r.coldFlags.truePositives}/${r.coldFlags.flagged})`,
      `>= ${t.coldPrecision}`, r.coldFlags.precision >= t.coldPrecision ? 'yes' : 'NO'],
    ['cold flags: recall vs `cold`', `${f3(r.coldFlags.recall)} (${r.coldFlags.truePositives}/${r.coldLabelled})`,
      `>= ${t.coldRecall}`, r.coldFlags.recall >= t.coldRecall ? 'yes' : 'NO'],
    ['any phrase finding: precision / recall', `${f3(r.anyPhrase.precision)} / ${f3(r.anyPhrase.recall)}`, '', ''],
    ['ownership=1 replies with an absence finding', `${fmtPct(r.absenceOnOwnership)}% of ${r.ownershipLabelled}`,
      `<= ${100 * t.absenceOnOwnership}%`, r.absenceOnOwnership <= t.absenceOnOwnership ? 'yes' : 'NO'],
    ['replies with any suggestion', `${r.repliesWithSuggestions} of ${r.replies}`, '', ''],
    ['empathy score vs `empathy` (Spearman)', f3(r.empathySpearman), `>= ${t.empathySpearman}`,
      r.empathySpearman >= t.empathySpearman ? 'yes' : 'NO'],
    ...(r.distinct ? [[`distinct reply texts only (${r.distinct.replies}, ${r.distinct.coldLabelled} cold): ` +
      'cold P / R, absence, Spearman',
    `${f3(r.distinct.coldFlags.precision)} / ${f3(r.distinct.coldFlags.recall)}, ` +
      `${fmtPct(r.distinct.absenceOnOwnership)}%, ${f3(r.distinct.empathySpearman)}`, '', '']] : []),
    ...speed,
  ], { leftColumns: [0, 1, 2] });
}

// What RULES.md quotes per rule (shared/rules/precision.json): counts only,
// never reply text. Rules that fired on no dev reply are listed with 0.
export function precisionRecord(r, pack = JSON.parse(fs.readFileSync(DEFAULT_PACK, 'utf8'))) {
  const rules = {};
  for (const rule of pack.rules) {
    if (rule.kind === 'absence') continue;
    const e = r.perRule.find((x) => x.ruleId === rule.id);
    rules[rule.id] = { replies: e?.replies ?? 0, cold: e?.cold ?? 0, good: e?.good ?? 0 };
  }
  return {
    $comment: 'Written by node scripts/bench/review-dev.mjs --data <dir> --write-precision shared/rules/precision.json',
    measuredOn: `support-labelled/dev-agent.jsonl: ${r.replies} team-labelled brand replies, ${r.coldLabelled} labelled cold`,
    coldFlags: { precision: r.coldFlags.precision, recall: r.coldFlags.recall },
    rules,
  };
}

export function perRuleTable(r) {
  return formatTable(['rule', 'category', 'replies', 'cold', 'good', 'precision', 'e.g.'],
    r.perRule.map((e) => [e.ruleId, e.category, e.replies, e.cold, e.good, fmtPct(e.precision),
      JSON.stringify(e.example).slice(0, 40)]), { leftColumns: [0, 1, 6] });
}

async function main() {
  const { values } = parseArgs({ options: {
    data: { type: 'string' }, rules: { type: 'boolean', default: false }, json: { type: 'boolean', default: false },
    'no-speed': { type: 'boolean', default: false },
    'write-precision': { type: 'string' },
  } });
  if (!values.data) throw new Error('pass --data <folder holding support-labelled/dev-agent.jsonl>');
  const r = await benchReviewDev(path.resolve(values.data));
  if (values['write-precision']) {
    fs.writeFileSync(values['write-precision'], JSON.stringify(precisionRecord(r), null, 1) + '\n');
    console.log(`per-rule precision written to ${values['write-precision']} (regenerate RULES.md with scripts/gen-rules.mjs --docs)`);
  }
  const keystroke = values['no-speed'] ? null : await benchReview({ calls: 1000 });
  if (values.json) {
    console.log(JSON.stringify({ ...r, keystroke }, null, 2));
    return;
  }
  console.log(`Draft review on ${r.replies} labelled brand replies (${r.file})`);
  console.log(reviewDevTable(r, keystroke));
  console.log(`absence findings: ${Object.entries(r.absenceCounts).map(([k, v]) => `${k} ${v}`).join(', ') || 'none'}`);
  if (values.rules) console.log(`\nPer phrase rule (cold = labelled cold; good = not cold, ownership 1, empathy >= 1)\n${perRuleTable(r)}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((err) => {
    console.error(`review-dev bench failed: ${err.message}`);
    process.exitCode = 2;
  });
}

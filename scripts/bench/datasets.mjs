// Loads the two labelled evaluation sets the benchmark uses, from the shared
// data folder (never copied into the repo): TweetEval sentiment val and
// GoEmotions dev grouped to three sentiment classes.
//
// GoEmotions grouping rule (applied identically to every contestant, and
// exported so the model trainer can use exactly the same one):
//   each label id -> its group in sentiment_groups.json; id 27 -> neutral.
//   positive and negative both present         -> dropped (mixed example)
//   positive present (with neutral/ambiguous)  -> positive
//   negative present (with neutral/ambiguous)  -> negative
//   only neutral and/or ambiguous labels       -> neutral
// Why: a polar emotion chosen by the raters is the clearest signal we have;
// the "ambiguous" emotions (surprise, curiosity, confusion, realization) have
// no agreed polarity, and a 3-class tool's answer for "no clear polarity" is
// neutral. Mixed examples have no single right answer, so they are left out.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const LABELS = ['negative', 'neutral', 'positive'];

const here = path.dirname(fileURLToPath(import.meta.url));
// Repo root is two levels up; the data folder sits beside the repo.
export const DEFAULT_DATA_DIR = path.resolve(here, '..', '..', '..', 'shared', 'data');

function readLines(file) {
  const text = fs.readFileSync(file, 'utf8');
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

// TweetEval's text files keep some characters as literal escapes ("don\u2019t",
// "\u002c": 206 of the 2,000 val lines), an artefact of how the set was built.
// Every contestant gets the decoded text, so none is judged on the artefact.
export function decodeLiteralEscapes(text) {
  return text.replace(/\\u([0-9a-fA-F]{4})/g, (_, hex) => String.fromCharCode(parseInt(hex, 16)));
}

// TweetEval sentiment val: val_text.txt and val_labels.txt, one per line,
// labels 0 negative, 1 neutral, 2 positive.
export function loadTweetEvalSentiment(dataDir, split = 'val') {
  const dir = path.join(dataDir, 'tweeteval', 'sentiment');
  const texts = readLines(path.join(dir, `${split}_text.txt`)).map(decodeLiteralEscapes);
  const ids = readLines(path.join(dir, `${split}_labels.txt`));
  if (texts.length !== ids.length) {
    throw new Error(`TweetEval ${split}: ${texts.length} texts but ${ids.length} labels`);
  }
  const labels = ids.map((id, i) => {
    const label = LABELS[Number(id)];
    if (!label) throw new Error(`TweetEval ${split} line ${i + 1}: bad label "${id}"`);
    return label;
  });
  return { name: `TweetEval sentiment ${split}`, short: `TweetEval ${split}`, texts, labels, dropped: 0 };
}

// Builds id -> 'positive'|'negative'|'ambiguous'|'neutral' from the dataset's
// own labels.txt and sentiment_groups.json.
export function loadGoEmotionsGroups(dataDir) {
  const dir = path.join(dataDir, 'goemotions');
  const names = readLines(path.join(dir, 'labels.txt')).map((s) => s.trim());
  const groups = JSON.parse(fs.readFileSync(path.join(dir, 'sentiment_groups.json'), 'utf8'));
  const byName = new Map();
  for (const [group, members] of Object.entries(groups)) {
    for (const name of members) byName.set(name, group);
  }
  byName.set('neutral', 'neutral');
  return names.map((name) => {
    const group = byName.get(name);
    if (!group) throw new Error(`GoEmotions label "${name}" has no sentiment group`);
    return group;
  });
}

// Returns the 3-class label for one example's label ids, or null to drop it.
export function groupGoEmotionsLabels(labelIds, groupOfId) {
  let pos = false;
  let neg = false;
  for (const id of labelIds) {
    const group = groupOfId[id];
    if (group === undefined) throw new Error(`unknown GoEmotions label id ${id}`);
    if (group === 'positive') pos = true;
    else if (group === 'negative') neg = true;
  }
  if (pos && neg) return null;
  if (pos) return 'positive';
  if (neg) return 'negative';
  return 'neutral';
}

// GoEmotions dev.tsv: text<TAB>comma-separated label ids<TAB>comment id.
export function loadGoEmotionsSentiment(dataDir, split = 'dev') {
  const groupOfId = loadGoEmotionsGroups(dataDir);
  const rows = readLines(path.join(dataDir, 'goemotions', `${split}.tsv`));
  const texts = [];
  const labels = [];
  let dropped = 0;
  rows.forEach((row, i) => {
    const [text, ids] = row.split('\t');
    if (text === undefined || ids === undefined) {
      throw new Error(`GoEmotions ${split} line ${i + 1}: expected text<TAB>labels`);
    }
    const label = groupGoEmotionsLabels(ids.split(',').map(Number), groupOfId);
    if (label === null) {
      dropped++;
      return;
    }
    texts.push(text);
    labels.push(label);
  });
  return { name: `GoEmotions ${split} (sentiment groups)`, short: `GoEmotions ${split}`, texts, labels,
    dropped };
}

// GoEmotions texts without grouping (speed uses every text, mixed ones too).
export function loadGoEmotionsTexts(dataDir, split = 'dev') {
  return readLines(path.join(dataDir, 'goemotions', `${split}.tsv`)).map((row) => row.split('\t')[0]);
}

// Everything the bench needs, loaded once.
export function loadBenchData(dataDir = DEFAULT_DATA_DIR) {
  if (!fs.existsSync(dataDir)) {
    throw new Error(`data folder not found: ${dataDir} (pass --data <folder>)`);
  }
  const tweeteval = loadTweetEvalSentiment(dataDir);
  const goemotions = loadGoEmotionsSentiment(dataDir);
  const speedTexts = tweeteval.texts.concat(loadGoEmotionsTexts(dataDir));
  return { accuracySets: [tweeteval, goemotions], speedTexts };
}

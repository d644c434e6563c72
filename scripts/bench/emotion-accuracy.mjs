// Emotion accuracy of the Rapport rows (the peers give no emotions) on
// TweetEval emotion val: 374 tweets, one label each of anger, joy, optimism,
// sadness. Never trained or tuned on. Each class scores as the largest
// probability among the GoEmotions labels that express it; the prediction
// is the highest-scoring class; the metric is macro F1 (TweetEval's own).
import fs from 'node:fs';
import path from 'node:path';
import { decodeLiteralEscapes } from './datasets.mjs';

// TweetEval emotion's classes (its mapping.txt order) and their GoEmotions
// labels (our mapping). TweetEval has no fear class; fear and nervousness
// count as sadness, the nearest of the four, rather than being dropped.
export const EMOTION_CLASSES = [
  ['anger', ['anger', 'annoyance', 'disgust', 'disapproval']],
  ['joy', ['joy', 'amusement', 'excitement', 'love', 'admiration', 'gratitude', 'pride', 'relief', 'approval']],
  ['optimism', ['optimism', 'desire', 'caring']],
  ['sadness', ['sadness', 'grief', 'disappointment', 'remorse', 'fear', 'nervousness', 'embarrassment']],
];

function lines(file) {
  return fs.readFileSync(file, 'utf8').split('\n').filter((l, i, all) => l !== '' || i < all.length - 1);
}

// null when the data folder has no TweetEval emotion val.
export function loadTweetEvalEmotion(dataDir) {
  const dir = path.join(dataDir, 'tweeteval', 'emotion');
  if (!fs.existsSync(path.join(dir, 'val_text.txt'))) return null;
  const texts = lines(path.join(dir, 'val_text.txt')).map(decodeLiteralEscapes);
  const gold = lines(path.join(dir, 'val_labels.txt')).map(Number);
  if (texts.length !== gold.length) throw new Error(`TweetEval emotion val: ${texts.length} texts but ${gold.length} labels`);
  return { name: 'TweetEval emotion val', texts, gold };
}

export function classOf(emotions) {
  let best = 0;
  let bestScore = -1;
  EMOTION_CLASSES.forEach(([, members], k) => {
    const score = Math.max(...members.map((m) => emotions[m]));
    if (score > bestScore) [best, bestScore] = [k, score];
  });
  return best;
}

export function macroF1(gold, predicted, classes) {
  let sum = 0;
  for (let c = 0; c < classes; c++) {
    let tp = 0, fp = 0, fn = 0;
    for (let i = 0; i < gold.length; i++) {
      if (predicted[i] === c && gold[i] === c) tp++;
      else if (predicted[i] === c) fp++;
      else if (gold[i] === c) fn++;
    }
    sum += tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
  }
  return sum / classes;
}

// opened: contestants; those whose handle has emotionsOf(texts) are scored.
export async function measureEmotionAccuracy(opened, set) {
  const rows = [];
  for (const c of opened.filter((o) => typeof o.handle.emotionsOf === 'function')) {
    const predicted = (await c.handle.emotionsOf(set.texts)).map(classOf);
    rows.push({ contestant: c.name, dataset: set.name, examples: set.texts.length,
      macroF1: macroF1(set.gold, predicted, EMOTION_CLASSES.length) });
  }
  return rows;
}

// Macro recall over the three sentiment classes (the TweetEval sentiment
// metric): the mean of per-class recall, so a tool cannot score well by
// always answering the majority class.
import { LABELS } from './datasets.mjs';

export function macroRecall(gold, predicted) {
  if (gold.length !== predicted.length) {
    throw new Error(`macroRecall: ${gold.length} gold labels but ${predicted.length} predictions`);
  }
  const perClass = {};
  for (const label of LABELS) {
    let total = 0;
    let hit = 0;
    for (let i = 0; i < gold.length; i++) {
      if (gold[i] !== label) continue;
      total++;
      if (predicted[i] === label) hit++;
    }
    perClass[label] = total === 0 ? null : hit / total;
  }
  const present = LABELS.filter((l) => perClass[l] !== null);
  const macro = present.reduce((sum, l) => sum + perClass[l], 0) / present.length;
  let correct = 0;
  for (let i = 0; i < gold.length; i++) if (gold[i] === predicted[i]) correct++;
  return { macroRecall: macro, accuracy: correct / gold.length, recall: perClass };
}

// opened: [{ name, handle }]; sets: [{ name, texts, labels }].
// Returns [{ contestant, dataset, examples, macroRecall, accuracy, recall }].
export async function measureAccuracy(opened, sets) {
  const rows = [];
  for (const set of sets) {
    for (const c of opened) {
      const predicted = await c.handle.labelsOf(set.texts);
      rows.push({ contestant: c.name, dataset: set.name, examples: set.texts.length,
        ...macroRecall(set.labels, predicted) });
    }
  }
  return rows;
}

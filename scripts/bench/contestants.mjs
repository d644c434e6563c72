// Every contestant of `npm run bench`, in table order. Adding a row is one
// entry here: { name, kind, open() -> { labelsOf(texts), latencies?(texts),
// memory?(), close() } }.
import { PEERS } from './peers.mjs';
import { rapportContestant } from './rapport.mjs';

export const CONTESTANTS = [
  // createAnalyzer() default: the shipped model fused with the lexicon.
  rapportContestant({ name: 'Rapport (model+lexicon)', options: {} }),
  rapportContestant({ name: 'Rapport (lexicon)', options: { model: false } }),
  ...PEERS,
];

// Rapport as a bench contestant, through the public JS API only (the package
// root), exactly as an embedding app would use it.
//
// Hook for more Rapport rows (e.g. the model path): call rapportContestant()
// again with other createAnalyzer() options and add it to contestants.mjs.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const API_ENTRY = path.resolve(here, '..', '..', 'shared', 'api', 'index.js');

export const DEFAULT_BATCH_SIZE = 256;

// The memory figures in bytes the API reports (analyzer.memoryStats():
// wasmHeapBytes, wasmBreakBytes; counts such as reviewSessions are not
// memory), or {} if it reports none.
function memoryOf(analyzer) {
  if (typeof analyzer.memoryStats !== 'function') return {};
  return Object.fromEntries(Object.entries(analyzer.memoryStats()).filter(([key]) => key.endsWith('Bytes')));
}

export function rapportContestant({ name, options = {}, batchSize = DEFAULT_BATCH_SIZE }) {
  return {
    name,
    kind: 'rapport',
    options,
    async open() {
      const api = await import(pathToFileURL(API_ENTRY).href);
      const analyzer = await api.createAnalyzer(options);
      return {
        version: 'this repo',
        source: analyzer.source,  // 'lexicon' or 'model+lexicon': what the row really ran
        batchSize,
        // The throughput path: analyzeBatch over chunks of batchSize texts.
        async labelsOf(texts) {
          const labels = new Array(texts.length);
          for (let start = 0; start < texts.length; start += batchSize) {
            const chunk = texts.slice(start, start + batchSize);
            const results = await analyzer.analyzeBatch(chunk);
            for (let i = 0; i < results.length; i++) labels[start + i] = results[i].sentiment.label;
          }
          return labels;
        },
        // Full assessments (support-dev.mjs reads cues and priority too).
        async resultsOf(texts) {
          const out = [];
          for (let start = 0; start < texts.length; start += batchSize) {
            out.push(...await analyzer.analyzeBatch(texts.slice(start, start + batchSize)));
          }
          return out;
        },
        // The 28 emotion probabilities of each text (emotion-accuracy.mjs).
        async emotionsOf(texts) {
          const out = [];
          for (let start = 0; start < texts.length; start += batchSize) {
            for (const r of await analyzer.analyzeBatch(texts.slice(start, start + batchSize))) out.push(r.emotions);
          }
          return out;
        },
        // The interactive path: one analyze() per message, each timed (ms).
        async latencies(texts) {
          const times = new Array(texts.length);
          for (let i = 0; i < texts.length; i++) {
            const t0 = performance.now();
            await analyzer.analyze(texts[i]);
            times[i] = performance.now() - t0;
          }
          return times;
        },
        memory: () => memoryOf(analyzer),
        close: () => analyzer.dispose(),
      };
    },
  };
}

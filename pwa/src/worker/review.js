// Agent replies' draft reviews during an import, in a second worker (the
// same worker.js, started with the name REVIEW_WORKER, so the service
// worker's precache serves it offline too): the reviews are most of an import's
// scoring, and on a second core they run while this worker parses, analyzes
// the customers' messages and writes to IndexedDB. The review path is the
// core's alone (no model), so a lexicon analyzer there gives exactly the
// reviews the main worker's analyzer would (tests/js/pwa-score.test.mjs).
import { createAnalyzer } from '../../../shared/api/index.js';
import { connect, serve } from '../rpc.js';
import { engineOptions } from './assets.js';

export const REVIEW_WORKER = 'rapport-import-reviews';

// The lowercased cold phrases a review flagged, each once.
export function coldPhrases(review) {
  return [...new Set(review.suggestions.filter((s) => s.kind === 'phrase').map((s) => s.text.toLowerCase()))];
}

// [[draft, customerText], ...] -> [[empathyScore, coldPhrases], ...], in order.
export async function reviewItems(analyzer, items) {
  const out = [];
  for (const [text, customerText] of items) {
    const review = await analyzer.reviewDraft(text, { customerText });
    out.push([review.empathyScore, coldPhrases(review)]);
  }
  return out;
}

// The review worker's side: open (with the team's rule pack), then reviews.
export function serveReviews(scope, engineBase) {
  let analyzer = null;
  serve(scope, {
    async open({ rulePack }) {
      analyzer = await createAnalyzer({ model: false, assetBase: engineOptions(engineBase).assetBase });
      if (rulePack) analyzer.loadRulePack(rulePack);
      return true;
    },
    async review({ items }) { return reviewItems(analyzer, items); },
  });
}

// The importing worker's side: one review worker for one import; close()
// ends it (also on failure or cancel). If the worker dies (a script error,
// out of memory), its calls reject instead of waiting for ever.
export async function openReviewWorker(url, { rulePack = null } = {}) {
  const worker = new Worker(url, { type: 'module', name: REVIEW_WORKER });
  const died = new Promise((resolve, reject) => {
    worker.addEventListener('error', (event) => {
      event.preventDefault?.();
      reject(new Error(`the review worker stopped: ${event.message || 'it could not run'}`));
    }, { once: true });
  });
  died.catch(() => {});
  const client = connect(worker);
  const call = (method, params) => Promise.race([client.call(method, params), died]);
  try {
    await call('open', { rulePack });
  } catch (error) {
    worker.terminate();
    throw error;
  }
  return { review: (items) => call('review', { items }), close: () => worker.terminate() };
}

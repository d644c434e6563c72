// Rapport's public JS API (package root). See README.md here for the reference and
// ERRORS.md for every error code. Works in Node 20, pages, workers and MV3
// extension pages: no eval, no new Function, no DOM.
//
// An analyzer is composed of parts so features plug in without API changes:
//   - the core session (core-session.js): lexicon sentiment, cues, evidence;
//   - the model (model.js): features from the core, ONNX Runtime Web, fusion
//     in the core; results say source 'model+lexicon';
//   - feature methods (e.g. reviewDraft from shared/api/review.js), attached
//     in `composeMethods` below.

import { loadEngine } from './engine.js';
import { CoreSession } from './core-session.js';
import { buildAnalyzer } from './analyzer.js';
import { attachReview } from './review.js';
import { RapportError, ErrorCodes, describeType } from './errors.js';

export { RapportError, ErrorCodes } from './errors.js';
export { createAnalytics, createScorer, feltEmotion } from './analytics.js';
export { createContext } from './context.js';

// Kept equal to package.json "version" (tests/js/api-contract.test.mjs checks).
export const version = '0.1.0';

const KNOWN_OPTIONS = ['model', 'assetBase', 'wasmUrl', 'wasmBinary', 'wasmModule'];

function checkOptions(options) {
  if (options === undefined) return {};
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new RapportError(ErrorCodes.OPTIONS,
      `createAnalyzer() options must be an object, got ${describeType(options)}`);
  }
  for (const key of Object.keys(options)) {
    if (!KNOWN_OPTIONS.includes(key)) {
      throw new RapportError(ErrorCodes.OPTIONS,
        `unknown option '${key}' (known: ${KNOWN_OPTIONS.join(', ')})`);
    }
  }
  const { model, assetBase } = options;
  if (assetBase !== undefined && !(assetBase instanceof URL) && typeof assetBase !== 'string') {
    throw new RapportError(ErrorCodes.OPTIONS,
      `option 'assetBase' must be a URL or a string, got ${describeType(assetBase)}`);
  }
  if (model !== undefined && typeof model !== 'boolean' && (model === null || typeof model !== 'object')) {
    throw new RapportError(ErrorCodes.OPTIONS,
      `option 'model' must be a boolean or a model object, got ${describeType(model)}`);
  }
  return options;
}

// The model slot. `model: false` means lexicon-only and never loads model.js
// (nor ONNX Runtime, which it imports from wasm/dist/ort/). MV3 service
// workers forbid import(): they use model: false, and the extension runs the
// model in its offscreen document or background page instead.
const MODEL_RUNTIME_MESSAGE = 'could not load the model runtime (wasm/dist/ort, built by ' +
  "'npm run build'); pass { model: false } for lexicon-only";

async function resolveModel(options, session) {
  if (options.model === false) return null;
  let loadModel;
  try {
    ({ loadModel } = await import('./model.js'));
  } catch (error) {
    throw new RapportError(ErrorCodes.MODEL_LOAD, MODEL_RUNTIME_MESSAGE, { cause: error });
  }
  return loadModel(session, options.model === true ? undefined : options.model, options.assetBase);
}

export async function createAnalyzer(options) {
  const checked = checkOptions(options);
  const session = new CoreSession(await loadEngine(checked));
  const model = await resolveModel(checked, session);
  return composeMethods(buildAnalyzer(session, model, version), session);
}

// Feature modules attach their methods here, over the analyzer's own session
// (reviewDraft: attachReview(analyzer, session) from shared/api/review.js).
function composeMethods(analyzer, session) {
  return attachReview(analyzer, session);
}

// Shared by the node --test suites: where things are, and how to get an
// analyzer over the built wasm module (wasm/dist, made by scripts/build.sh).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const API_PATH = path.join(ROOT, 'shared', 'api', 'index.js');
export const API_URL = pathToFileURL(API_PATH).href;
export const GLUE_PATH = path.join(ROOT, 'wasm', 'dist', 'rapport_core.mjs');
export const WASM_PATH = path.join(ROOT, 'wasm', 'dist', 'rapport_core.wasm');
export const GOLDEN_PATH = path.join(ROOT, 'tests', 'fixtures', 'golden', 'analyze.json');

if (!fs.existsSync(GLUE_PATH) || !fs.existsSync(WASM_PATH)) {
  throw new Error(`wasm module not built (${GLUE_PATH}); run scripts/build.sh first`);
}

export const api = await import(API_URL);

// Fixture text: "text" directly, or {"textRepeat": {"unit", "count"}}.
export function caseText(c) {
  if (typeof c.text === 'string') return c.text;
  if (c.textRepeat) return c.textRepeat.unit.repeat(c.textRepeat.count);
  throw new Error(`golden case "${c.name}" has neither text nor textRepeat`);
}

export function loadGolden() {
  return JSON.parse(fs.readFileSync(GOLDEN_PATH, 'utf8'));
}

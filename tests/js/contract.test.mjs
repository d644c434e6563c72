// The public contract in one place (shared/api/schema/rapport.schema.json):
// every result of both analysis paths and of the draft review validates
// against it; the engine reports exactly the names it declares; and the
// TypeScript compiler checks index.d.ts against it and against real results
// (real objects written out as typed literals: a field the .d.ts does not
// declare, or a declared field of the wrong type, is a compile error).
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import Ajv from 'ajv';
import { api, ROOT, caseText, loadGolden } from './helpers.mjs';
import { loadEngine } from '../../shared/api/engine.js';

const schema = JSON.parse(fs.readFileSync(path.join(ROOT, 'shared', 'api', 'schema', 'rapport.schema.json'), 'utf8'));
const defs = schema.$defs;
const ajv = new Ajv({ allErrors: true, strict: true, strictTuples: false });
ajv.addSchema(schema);
const validator = (name) => ajv.getSchema(`${schema.$id}#/$defs/${name}`);

function assertValid(name, values, what) {
  const validate = validator(name);
  for (const [i, v] of values.entries()) {
    assert.ok(validate(v), `${what} #${i} is not a valid ${name}: ${ajv.errorsText(validate.errors)}`);
  }
}

const REVIEW_GOLDEN = JSON.parse(fs.readFileSync(path.join(ROOT, 'tests', 'fixtures', 'golden', 'review.json'), 'utf8'));
const DEV_TEXTS = fs.readFileSync(path.join(ROOT, 'tests', 'fixtures', 'dev-texts', 'goemotions-dev-sample.txt'), 'utf8')
  .split('\n').filter(Boolean);
const TEXTS = [...loadGolden().map(caseText), ...DEV_TEXTS];
const reviewDraftOf = (c) => (typeof c.draft === 'string' ? c.draft : c.draftRepeat.unit.repeat(c.draftRepeat.count));

const lexicon = await api.createAnalyzer({ model: false });
const model = await api.createAnalyzer();
test.after(() => { lexicon.dispose(); model.dispose(); });

test('the schema rejects what it must', () => {
  const validate = validator('assessment');
  assert.equal(validate({}), false);
  assert.equal(validator('cueId')('urgent'), false);
  assert.equal(validator('draftReview')({ empathyScore: 101 }), false);
});

test('every lexicon-path result validates', async () => {
  const results = await lexicon.analyzeBatch(TEXTS);
  assertValid('assessment', results, 'lexicon result');
  assert.ok(results.every((r) => r.source === 'lexicon' && !('primaryEmotion' in r)));
});

test('every model-path result validates', async () => {
  const results = await model.analyzeBatch(TEXTS);
  assertValid('assessment', results, 'model result');
  // Empty text, text of nothing but U+FFFD (a lone surrogate arrives as one), text in a
  // language the model does not read, and one word in which the rules find nothing
  // ("zzzzzzzz", a 70 KB run of one letter), keep the lexicon's result.
  const readable = (t) => /[^\s\uFFFD\uD800-\uDFFF]/.test(t.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, 'x'));
  const words = (t) => (t.replace(/(?:https?:\/\/|www\.)\S+|[@#]\S+/g, ' ').match(/\p{L}[\p{L}\p{M}'’]*/gu) ?? []).length;
  const bare = (r, i) => r.evidence.length === 0 && words(TEXTS[i]) <= 1;
  const modelReads = (r, i) => r.language.supported && readable(TEXTS[i]) && !bare(r, i);
  assert.ok(results.every((r, i) => r.source === (modelReads(r, i) ? 'model+lexicon' : 'lexicon')));
  assert.ok(results.filter((r) => typeof r.primaryEmotion === 'string').length > TEXTS.length / 2);
});

test('every draft review validates, with and without a customer message', async () => {
  const reviews = [];
  for (const c of REVIEW_GOLDEN) {
    const options = {};
    if (c.customerText !== undefined) options.customerText = c.customerText;
    if (c.customerName !== undefined) options.customerName = c.customerName;
    reviews.push(await lexicon.reviewDraft(reviewDraftOf(c), options));
  }
  reviews.push(await model.reviewDraft('Calm down, there is nothing I can do.', { customerText: 'I am furious!' }));
  assertValid('draftReview', reviews, 'review');
  assert.ok(reviews.some((r) => r.suggestions.some((s) => s.kind === 'absence')) &&
    reviews.some((r) => r.suggestions.some((s) => s.kind === 'phrase')), 'both kinds of findings were exercised');
});

test('the engine uses exactly the names the schema declares', async () => {
  const core = await loadEngine({});
  const vocabulary = JSON.parse(core.vocabularyJson());
  assert.deepEqual(vocabulary.cueIds, defs.cueId.enum);
  assert.deepEqual(vocabulary.emotionNames, defs.emotionName.enum);
  assert.deepEqual(Object.keys(vocabulary.emotionGroups), defs.emotionGroup.enum);
  assert.deepEqual(vocabulary.emotionGroups, defs.emotionGroupMembers.const);
  assert.deepEqual(lexicon.emotionLabels, defs.emotionName.enum);
});

// TypeScript literal types for a list of strings ('a' | 'b').
const union = (values) => values.map((v) => JSON.stringify(v)).join(' | ');

test('index.d.ts agrees with the schema, the real exports and real results (tsc --noEmit)', async () => {
  const dir = path.join(ROOT, 'build', 'contract-types');
  fs.mkdirSync(dir, { recursive: true });
  const [plain] = await lexicon.analyzeBatch(['Third time asking!!! Refund me ASAP or I cancel :( thanks']);
  const [fused] = await model.analyzeBatch(['I am so confused and angry, where is my order?']);
  const review = await model.reviewDraft('Calm down, as I said there is nothing I can do.',
    { customerText: 'I am furious!', customerName: 'Dana' });
  const codes = Object.fromEntries(Object.entries(api.ErrorCodes));
  const source = `// Generated by tests/js/contract.test.mjs; compiled, never run.
import type * as Api from '../../shared/api/index.js';
import type { Assessment, DraftReview, CueId, EmotionName, EmotionGroup, SentimentLabel, PriorityLevel,
  ErrorCode } from '../../shared/api/index.js';
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false;
type Writable<T> = { -readonly [K in keyof T]: T[K] };
export const checks: true[] = [
  true as Equal<CueId, ${union(defs.cueId.enum)}>,
  true as Equal<EmotionName, ${union(defs.emotionName.enum)}>,
  true as Equal<EmotionGroup, ${union(defs.emotionGroup.enum)}>,
  true as Equal<SentimentLabel, ${union(defs.sentimentLabel.enum)}>,
  true as Equal<PriorityLevel, ${union(defs.priorityLevel.enum)}>,
  true as Equal<keyof typeof Api, ${union(Object.keys(api).sort())}>,
  true as Equal<Writable<typeof Api.ErrorCodes>, ${JSON.stringify(codes)}>,
  true as Equal<ErrorCode, ${union(Object.values(codes))}>,
];
export const lexiconResult: Assessment = ${JSON.stringify(plain)};
export const modelResult: Assessment = ${JSON.stringify(fused)};
export const draftReview: DraftReview = ${JSON.stringify(review)};
`;
  fs.writeFileSync(path.join(dir, 'generated.ts'), source);
  const tsc = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  const args = ['--noEmit', '--strict', '--exactOptionalPropertyTypes', '--target', 'es2022', '--module', 'nodenext',
    '--moduleResolution', 'nodenext', '--lib', 'es2022,dom', '--types', 'node',
    path.join(dir, 'generated.ts'), path.join(ROOT, 'tests', 'types', 'example.ts')];
  try {
    execFileSync(process.execPath, [tsc, ...args], { cwd: ROOT, encoding: 'utf8', stdio: 'pipe' });
  } catch (error) {
    assert.fail(`tsc found type errors:\n${error.stdout}${error.stderr}`);
  }
});

test('tsc does fail on a result the declarations do not allow', () => {
  const dir = path.join(ROOT, 'build', 'contract-types');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'broken.ts'), `import type { Assessment } from '../../shared/api/index.js';
export const r: Pick<Assessment, 'priorityLevel' | 'cues'> = { priorityLevel: 'soon', cues: [{ id: 'urgency', strength: 1, spans: [], extra: 1 }] };
`);
  const tsc = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  const run = () => execFileSync(process.execPath, [tsc, '--noEmit', '--strict', '--module', 'nodenext',
    '--moduleResolution', 'nodenext', '--lib', 'es2022,dom', '--types', 'node', path.join(dir, 'broken.ts')],
  { cwd: ROOT, encoding: 'utf8', stdio: 'pipe' });
  assert.throws(run, (e) => /priorityLevel|"soon"/.test(e.stdout) && /extra/.test(e.stdout));
});

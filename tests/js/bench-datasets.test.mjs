// The bench's dataset loaders: TweetEval's literal escapes are decoded for
// every contestant alike, and nothing else in a text changes.
import test from 'node:test';
import assert from 'node:assert/strict';
import { decodeLiteralEscapes } from '../../scripts/bench/datasets.mjs';

test('literal \\uXXXX escapes in TweetEval text become the characters they name', () => {
  assert.equal(decodeLiteralEscapes('I don\\u2019t care\\u002c really'), 'I don\u2019t care, really');
  assert.equal(decodeLiteralEscapes('C:\\users and \\u12 stay'), 'C:\\users and \\u12 stay');
  assert.equal(decodeLiteralEscapes('plain text'), 'plain text');
});

// Runs the embedding example of the docs and checks what it prints against
// its own `// ...` comments, so the example can never rot. The block sits
// between <!-- embed-example:start/end --> markers, in the top-level README
// and in shared/api/README.md; each copy is run.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import util from 'node:util';
import { pathToFileURL } from 'node:url';
import { ROOT, API_URL } from './helpers.mjs';

function exampleFrom(file) {
  if (!fs.existsSync(file)) return null;
  const m = fs.readFileSync(file, 'utf8')
    .match(/<!-- embed-example:start -->\s*```js\n([\s\S]*?)```\s*<!-- embed-example:end -->/);
  return m ? m[1] : null;
}

// "foo ... bar" in a comment matches any text in place of the "...".
function commentPattern(comment) {
  const parts = comment.split('...').map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${parts.join('.*')}$`);
}

for (const doc of ['README.md', path.join('shared', 'api', 'README.md')]) {
  test(`the embedding example in ${doc} runs and prints what its comments say`, async () => {
    const source = exampleFrom(path.join(ROOT, doc));
    assert.ok(source, `no embed-example block found in ${doc}`);
    const lines = source.trimEnd().split('\n');
    assert.ok(lines.length <= 12, `example has ${lines.length} lines; keep it about 10`);
    assert.match(source, /from 'rapport'/);

    const expected = lines.filter((l) => /console\.log\(/.test(l))
      .map((l) => (l.match(/\/\/\s*(.+)$/) || [])[1]?.trim() ?? null);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-example-')), 'example.mjs');
    fs.writeFileSync(file, source.replace(/from 'rapport'/, `from '${API_URL}'`));

    const printed = [];
    const realLog = console.log;
    console.log = (...args) => printed.push(args.map((a) => (typeof a === 'string' ? a
      : util.inspect(a, { breakLength: Infinity, depth: 4 }))).join(' '));
    try {
      await import(pathToFileURL(file).href);
    } finally {
      console.log = realLog;
      fs.rmSync(path.dirname(file), { recursive: true });
    }
    assert.equal(printed.length, expected.length, `printed: ${printed.join(' | ')}`);
    expected.forEach((want, i) => {
      if (want !== null) assert.match(printed[i], commentPattern(want), `line ${i + 1} of output`);
    });
  });
}

// Draft coaching in real headless Chromium, on one fixture page per real
// editor library from npm (tests/e2e/fixtures/editors/): typing a cold draft
// shows the card with suggestions, the empathy meter and the mismatch alert;
// one click applies an alternative through the editor's own input path, so
// the editor's own API returns the new text and the form field sent on submit
// matches; the editor's undo (Ctrl+Z, as the agent does it) restores the
// draft. The editor's DOM is never written to by Rapport.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { ROOT, startInPage, readComposer, serveRepoToChromium } from './harness.mjs';

const FIXTURES = path.join(ROOT, 'tests', 'e2e', 'fixtures', 'editors');
const SHOTS = path.join(ROOT, 'docs', 'screenshots');
const live = serveRepoToChromium();

// Where the agent clicks to type, per editor (the editable surface).
const EDITORS = {
  textarea: { click: '#reply' },
  contenteditable: { click: '#reply' },
  ckeditor4: { frame: '#cke_reply iframe.cke_wysiwyg_frame' },
  ckeditor5: { click: '.ck-editor__editable' },
  tinymce: { frame: 'iframe.tox-edit-area__iframe' },
  quill: { click: '#reply .ql-editor' },
  summernote: { click: '.note-editable' },
  prosemirror: { click: '#reply .ProseMirror', bundle: true },
  lexical: { click: '#reply', bundle: true },
  draftjs: { click: '#reply [contenteditable="true"]', bundle: true, css: 'node_modules/draft-js/dist/Draft.css' },
};

async function bundle(kind) {
  const out = await esbuild.build({ entryPoints: [path.join(FIXTURES, `${kind}.entry.js`)], bundle: true, write: false,
    format: 'iife', define: { 'process.env.NODE_ENV': '"production"', global: 'window' }, logLevel: 'silent' });
  return out.outputFiles[0].text;
}

const DRAFT = 'Per our policy, you need to wait 5 days.';

async function openEditor(kind) {
  const page = await live.browser.newPage({ viewport: { width: 1000, height: 800 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${live.server.origin}/tests/e2e/fixtures/editors/${kind}.html`);
  const spec = EDITORS[kind];
  if (spec.css) await page.addStyleTag({ content: fs.readFileSync(path.join(ROOT, spec.css), 'utf8') });
  if (spec.bundle) await page.addScriptTag({ content: await bundle(kind) });
  await page.waitForFunction(() => window.fixture, null, { timeout: 30000 });
  await startInPage(page);
  return { page, errors, spec };
}

async function focusEditor(page, spec) {
  if (spec.frame) await page.frameLocator(spec.frame).locator('body').click();
  else await page.click(spec.click);
}

async function waitForCard(page, predicate, what) {
  for (let i = 0; i < 100; i++) {
    const c = await readComposer(page);
    if (c && predicate(c)) return c;
    await page.waitForTimeout(100);
  }
  assert.fail(`composer card never showed ${what}: ${JSON.stringify(await readComposer(page))}`);
}

const editorText = (page) => page.evaluate(() => window.fixture.text().replace(/\s+/g, ' ').trim());
const fieldText = (page) => page.evaluate(async () => {
  const fields = await window.fixture.submit();
  return (window.fixture.field ?? ((v) => v))(fields.reply).replace(/\s+/g, ' ').trim();
});

for (const kind of Object.keys(EDITORS)) {
  test(`${kind}: cold phrases flagged; one click applies through the editor; form field matches; undo restores`, async () => {
    const { page, errors, spec } = await openEditor(kind);
    await focusEditor(page, spec);
    const editorHtmlBefore = await page.evaluate(() => document.querySelectorAll('[data-rapport-badge] , [data-rapport-composer]').length);
    await page.keyboard.type(DRAFT, { delay: 5 });
    assert.equal(await editorText(page), DRAFT, 'typed text reached the editor');

    const card = await waitForCard(page, (c) => c.shown && /Per our policy/.test(c.text), 'the policy suggestion');
    assert.equal(card.closed, true);
    assert.ok(card.marks >= 1, 'cold phrases are marked over the editor');
    assert.match(card.alert ?? '', /upset/, 'mismatch: upset customer, draft that does not acknowledge it');
    assert.ok(card.meter >= 0 && card.meter < 50, `empathy meter low for a cold draft: ${card.meter}`);
    assert.match(card.text, /Why: /);
    // Rapport's marks live outside the editor: nothing of ours inside its DOM.
    const inside = await page.evaluate(() => {
      const docs = [document, ...[...document.querySelectorAll('iframe')].map((f) => f.contentDocument).filter(Boolean)];
      return docs.map((d) => d.querySelectorAll('[contenteditable] [data-rapport-composer], [contenteditable] [data-rapport-badge]').length).reduce((a, b) => a + b, 0);
    });
    assert.equal(inside, 0);
    assert.ok(editorHtmlBefore <= 1);

    const use = card.buttons.find((b) => b.text.startsWith('Use “') && /rule|option|policy|what I can do/i.test(b.text));
    assert.ok(use?.at, `an alternative for the policy phrase: ${JSON.stringify(card.buttons.map((b) => b.text))}`);
    const replacement = use.text.slice(5, -1);
    // The agent reads the card before clicking (editors merge edits made within
    // a moment into one undo step: Quill within 1 s).
    await page.waitForTimeout(1100);
    await page.mouse.click(use.at.x, use.at.y);
    await page.waitForFunction((r) => window.fixture.text().replace(/\s+/g, ' ').includes(r), replacement, { timeout: 5000 })
      .catch(() => {});
    const applied = await editorText(page);
    assert.ok(applied.includes(replacement), `editor API has the alternative: ${applied}`);
    assert.doesNotMatch(applied, /Per our policy/);
    assert.match(applied, /you need to wait 5 days/, 'the rest of the draft is kept');
    // Some editors sync their field on a short debounce (Summernote: 10 ms).
    let field = '';
    for (let i = 0; i < 30 && field !== applied; i++) { field = await fieldText(page); if (field !== applied) await page.waitForTimeout(100); }
    assert.equal(field, applied, 'the form field sent on submit matches the editor');

    await focusEditor(page, spec);
    await page.keyboard.press('Control+z');
    await page.waitForFunction((d) => window.fixture.text().replace(/\s+/g, ' ').trim() === d, DRAFT, { timeout: 3000 }).catch(() => {});
    assert.equal(await editorText(page), DRAFT, 'undo restores the draft');
    if (kind === 'ckeditor5') {
      fs.mkdirSync(SHOTS, { recursive: true });
      await page.keyboard.press('End');
      await waitForCard(page, (c) => c.shown && /Per our policy/.test(c.text), 'the card again');
      await page.screenshot({ path: path.join(SHOTS, 'composer.png') });
    }
    assert.deepEqual(errors, []);
    await page.close();
  });
}

test('password, payment and one-time-code fields are never read', async () => {
  const page = await live.browser.newPage();
  await page.goto(`${live.server.origin}/tests/e2e/fixtures/editors/textarea.html`);
  await page.waitForFunction(() => window.fixture);
  await page.evaluate(() => {
    const form = document.querySelector('form');
    for (const [type, name, ac] of [['password', 'pw', 'current-password'], ['text', 'card', 'cc-number'], ['text', 'otp', 'one-time-code']]) {
      const input = document.createElement('input');
      Object.assign(input, { type, name, id: name });
      input.setAttribute('autocomplete', ac);
      form.prepend(input);
    }
  });
  await startInPage(page);
  for (const id of ['pw', 'card', 'otp']) {
    await page.click(`#${id}`);
    await page.keyboard.type('Per our policy, calm down.');
  }
  await page.waitForTimeout(800);
  const calls = await page.evaluate(() => window.__engineCalls.filter((c) => c.method.startsWith('review')));
  assert.deepEqual(calls, [], 'no review of a sensitive field');
  // The composer follows the reply box only, never the sensitive fields.
  assert.equal(await page.evaluate(() => window.__composer.surface?.element.id ?? null), 'reply');
  await page.close();
});

// Site configurations (extension/src/site-config/): the schema, errors by
// JSON path, the documented example, and the generated validator kept in step.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { parseSiteConfig, adapterFromConfig } from '../../extension/src/site-config/config.js';
import { generate, OUT } from '../../extension/src/site-config/generate-validator.mjs';

const example = fs.readFileSync(new URL('../../extension/src/site-config/example.json', import.meta.url), 'utf8');

test('the documented example is valid and the README shows it whole', () => {
  const r = parseSiteConfig(example);
  assert.equal(r.ok, true, JSON.stringify(r.errors));
  const readme = fs.readFileSync(new URL('../../extension/src/site-config/README.md', import.meta.url), 'utf8');
  assert.ok(readme.includes(example.trim()), 'README.md embeds example.json verbatim');
  const adapter = adapterFromConfig(r.config);
  assert.equal(adapter.id, 'site:Acme Desk');
  const at = (url) => { const u = new URL(url); return { hostname: u.hostname, port: u.port, pathname: u.pathname, search: u.search, hash: u.hash }; };
  assert.equal(adapter.matches(at('https://desk.acme.example/tickets/12')), true);
  assert.equal(adapter.matches(at('https://eu.acme-support.example/tickets/9?x=1')), true);
  assert.equal(adapter.matches(at('https://desk.acme.example/reports')), false, 'paths');
  assert.equal(adapter.matches(at('https://evil.example/tickets/12')), false, 'hosts');
});

test('invalid configurations: every error with its JSON path, nothing accepted', () => {
  const bad = JSON.parse(example);
  delete bad.match.hosts;
  bad.roles[1].role = 'boss';
  bad.roles[2].matches = 42;
  bad.message.txet = '.body';
  bad.roles[4].authorMatches = '(unclosed';
  bad.version = 2;
  const r = parseSiteConfig(bad);
  assert.equal(r.ok, false);
  const byPath = Object.fromEntries(r.errors.map((e) => [e.path, e.message]));
  assert.equal(byPath['$.match.hosts'], 'is required');
  assert.match(byPath['$.roles[1].role'], /^must be one of customer, agent, internal, system$/);
  assert.match(byPath['$.roles[2].matches'], /must be a CSS selector or a list/);
  assert.equal(byPath['$.message.txet'], 'is not a known field');
  assert.equal(byPath['$.version'], 'must be 1');
  // Regular expressions are checked once the shape is right.
  const regex = JSON.parse(example);
  regex.roles[4].authorMatches = '(unclosed';
  assert.deepEqual(parseSiteConfig(regex).errors.map((e) => e.path), ['$.roles[4].authorMatches']);
  // CSS selectors, when a parser is given (the browser's, in the extension).
  const sel = JSON.parse(example);
  sel.message.text = ['.ok', 'li[['];
  const r2 = parseSiteConfig(sel, { checkSelector: (s) => !s.includes('[[') });
  assert.deepEqual(r2.errors, [{ path: '$.message.text[1]', message: 'is not a valid CSS selector: li[[' }]);
});

test('a JSON syntax error says where', () => {
  const r = parseSiteConfig('{\n  "version": 1,\n  "name": "x",,\n}');
  assert.equal(r.ok, false);
  assert.equal(r.errors[0].path, '$');
  assert.match(r.errors[0].message, /^is not valid JSON at line 3, column \d+/);
});

test('the committed validator is what the schema generates', () => {
  assert.equal(fs.readFileSync(OUT, 'utf8'), generate(), 'run: node extension/src/site-config/generate-validator.mjs');
});

test('the authors-only example is valid and shown whole; authorIsOpener is checked with its JSON path', () => {
  const text = fs.readFileSync(new URL('../../extension/src/site-config/example-authors.json', import.meta.url), 'utf8');
  const r = parseSiteConfig(text);
  assert.equal(r.ok, true, JSON.stringify(r.errors));
  const readme = fs.readFileSync(new URL('../../extension/src/site-config/README.md', import.meta.url), 'utf8');
  assert.ok(readme.includes(text.trim()), 'README.md embeds example-authors.json verbatim');
  const bad = JSON.parse(text);
  bad.roles[1].authorIsOpener = 'yes';
  assert.deepEqual(parseSiteConfig(bad).errors, [{ path: '$.roles[1].authorIsOpener', message: 'must be boolean' }]);
  bad.roles[1].authorIsOpener = true;
  delete bad.message.author;
  assert.deepEqual(parseSiteConfig(bad).errors.map((e) => e.path), ['$.roles[1].authorIsOpener', '$.roles[2].authorIsOpener']);
  bad.roles[1] = { role: 'customer', authorIsOpener: true, authorIsOwner: true };
  assert.deepEqual(parseSiteConfig(bad).errors, [{ path: '$.roles[1].authorIsOwner', message: 'is not a known field' }]);
});

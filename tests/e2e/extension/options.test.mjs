// The options page and the popup in Chromium: the team rule pack (an invalid
// pack is rejected with its errors and JSON paths and changes nothing; a
// valid one applies to the running engine at once and exports back; reset),
// what counts as urgent, sites turned off from the list, local data measured
// and deleted; every control reachable by keyboard; no serious axe-core
// violation on either page.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, variantBuild, pageServer, launchChromium, callFromTab, tabIdOf, QUIET_PAGE,
  seriousA11yViolations, tabOrder } from './host-helpers.mjs';

const HOST = 'http://127.0.0.1/*';
const SHOTS = path.join(ROOT, 'docs', 'screenshots');   // the README shows them
const TEAM_PACK = {
  schema: 'rapport-rules/1', name: 'acme-support', base: 'default',
  rules: [{ id: 'acme.synergy', category: 'jargon', severity: 'low', scope: 'phrase', patterns: ['synergy|synergies'],
    message: 'Buzzword', why: 'Buzzwords sound evasive to customers.', examples: ['We value the synergy.'], alternatives: ['teamwork'] }],
};
const BAD_PACK = { schema: 'rapport-rules/1', name: 'broken', rules: [{ id: 'x', category: 'jargon', severity: 'extreme', scope: 'phrase', patterns: ['a'] }] };
const DRAFT = 'Thanks for waiting. We value the synergy between our teams and will fix this today.';

test('options: rule pack, urgency, sites and data; popup and options pass keyboard and axe checks', async (t) => {
  const extDir = await variantBuild('chrome', { extraHostPermissions: [HOST], extraPermissions: ['tabs'] });
  const server = await pageServer({ '/ticket': QUIET_PAGE('Ticket', '<p>ticket</p>') });
  const chromium = await launchChromium(extDir);
  t.after(async () => { await chromium.close(); await server.close(); fs.rmSync(extDir, { recursive: true, force: true }); });
  const { context, sw, id } = chromium;
  const settings = () => sw.evaluate(async () => (await chrome.storage.local.get('rapport.settings'))['rapport.settings'] ?? null);

  const ticket = await context.newPage();
  await ticket.goto(`${server.origin}/ticket`);
  const tabId = await tabIdOf(sw, `${server.origin}/ticket`);
  assert.ok((await callFromTab(sw, tabId, 'reviewOpen', ['c1', { customerText: 'My order is late again.' }])).ok);
  const ruleIds = async () => {
    const r = await callFromTab(sw, tabId, 'review', ['c1', DRAFT]);
    assert.ok(r.ok, JSON.stringify(r.error));
    return r.result.suggestions.map((s) => s.ruleId);
  };
  assert.ok(!(await ruleIds()).includes('acme.synergy'), 'built-in rules first');

  const options = await context.newPage();
  await options.goto(`chrome-extension://${id}/options/index.html`);
  await options.waitForSelector('body[data-ready]', { state: 'attached' });
  assert.match(await options.textContent('#pack-current'), /built-in rules/);

  // An invalid pack: every error with its JSON path; nothing changes.
  await options.setInputFiles('#pack-file', { name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(BAD_PACK)) });
  await options.waitForSelector('#pack-errors:not([hidden])');
  const errors = await options.$$eval('#pack-errors-list li', (lis) => lis.map((li) => li.textContent));
  assert.ok(errors.length >= 2, errors.join('\n'));
  assert.ok(errors.some((e) => e.startsWith('/rules/0/severity severity must be low, medium or high')), errors.join('\n'));
  assert.ok(errors.some((e) => e.startsWith('/rules/0/why')), errors.join('\n'));
  assert.match(await options.textContent('#pack-errors-title'), /^broken\.json was not imported: invalid rule pack/);
  assert.equal((await settings())?.rulePack ?? null, null);
  // Not JSON at all.
  await options.setInputFiles('#pack-file', { name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{ "schema": ') });
  await options.waitForFunction(() => document.getElementById('pack-errors-title').textContent.startsWith('notes.json was not imported: not valid JSON'));

  // A valid pack applies to the running engine at once.
  await options.setInputFiles('#pack-file', { name: 'acme.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(TEAM_PACK)) });
  await options.waitForFunction(() => /acme-support/.test(document.getElementById('pack-current').textContent));
  assert.ok(await options.$eval('#pack-errors', (e) => e.hidden));
  assert.equal(JSON.parse((await settings()).rulePack).name, 'acme-support');
  for (let i = 0; i < 50 && !(await ruleIds()).includes('acme.synergy'); i++) await new Promise((r) => setTimeout(r, 100));
  assert.ok((await ruleIds()).includes('acme.synergy'), 'the team rule flags the draft');

  const download = options.waitForEvent('download');
  await options.click('#pack-export');
  const exported = JSON.parse(fs.readFileSync(await (await download).path(), 'utf8'));
  assert.ok(exported.rules.some((r) => r.id === 'acme.synergy'), 'the export holds the team rule');
  assert.ok(exported.rules.some((r) => r.id === 'dismissive.calm-down'), 'over the built-in ones');

  await options.click('#pack-reset');
  await options.waitForFunction(() => /built-in rules/.test(document.getElementById('pack-current').textContent));
  for (let i = 0; i < 50 && (await ruleIds()).includes('acme.synergy'); i++) await new Promise((r) => setTimeout(r, 100));
  assert.ok(!(await ruleIds()).includes('acme.synergy'), 'reset to the built-in rules');

  // Site configurations: an invalid one is rejected with its JSON paths; a
  // valid one (the documented example) is listed, exported and removed.
  const example = JSON.parse(fs.readFileSync(path.join(ROOT, 'extension', 'src', 'site-config', 'example.json'), 'utf8'));
  const broken = { ...example, name: 'Broken', message: { ...example.message, item: 'li[' } };
  delete broken.roles;
  await options.setInputFiles('#config-file', { name: 'two.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify([example, broken])) });
  await options.waitForSelector('#config-errors:not([hidden])');
  const configErrors = await options.$$eval('#config-errors-list li', (lis) => lis.map((li) => li.textContent));
  assert.ok(configErrors.length > 0 && configErrors.every((e) => e.startsWith('$[1]')), configErrors.join('\n'));
  assert.deepEqual((await settings()).siteConfigs ?? [], [], 'all or nothing');
  await options.setInputFiles('#config-file', { name: 'acme.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(example)) });
  await options.waitForSelector('#configs li');
  assert.match(await options.textContent('#configs li span'), /^Acme Desk \(desk\.acme\.example/);
  assert.equal((await settings()).siteConfigs[0].name, 'Acme Desk');
  const configDownload = options.waitForEvent('download');
  await options.click('#config-export');
  assert.deepEqual(JSON.parse(fs.readFileSync(await (await configDownload).path(), 'utf8')).map((c) => c.name), ['Acme Desk']);
  // The authors-only example (roles by who opened the conversation) imports as it is documented.
  const authors = fs.readFileSync(path.join(ROOT, 'extension', 'src', 'site-config', 'example-authors.json'));
  await options.setInputFiles('#config-file', { name: 'printer-desk.json', mimeType: 'application/json', buffer: authors });
  await options.waitForFunction(() => document.querySelectorAll('#configs li').length === 2);
  assert.deepEqual((await settings()).siteConfigs.map((c) => c.name), ['Acme Desk', 'Printer Desk']);
  assert.deepEqual((await settings()).siteConfigs[1].roles.map((r) => r.authorIsOpener ?? null), [null, true, false]);

  // What counts as urgent.
  await options.click('#cue-repeat_contact');
  await options.selectOption('#urgent-priority', 'urgent');
  await options.waitForFunction(() => document.getElementById('status').textContent === 'Saved.');
  assert.deepEqual((await settings()).urgent, { cues: ['urgency', 'churn_risk', 'escalation', 'repeat_contact'], minPriority: 'urgent' });

  // A site turned on (the declared test host: granted) shows in the list and turns off from it.
  await options.fill('#site-url', `${server.origin}/ticket`);
  await options.click('#add-site button[type=submit]');
  await options.waitForSelector('#sites li');
  assert.deepEqual(await options.$$eval('#sites li span', (s) => s.map((x) => x.textContent)), ['http://127.0.0.1']);
  await options.click('#sites li button');
  await options.waitForSelector('#sites-empty:not([hidden])');
  assert.deepEqual((await settings()).sites, []);

  // Keyboard: every control is reachable with Tab.
  await options.evaluate(() => document.activeElement?.blur());
  const order = await tabOrder(options);
  for (const control of ['site-url', 'config-file', 'config-export', 'pack-file', 'pack-export', 'cue-urgency', 'cue-confusion', 'urgent-priority', 'delete-all']) {
    assert.ok(order.includes(control), `${control} not reachable by keyboard: ${order.join(', ')}`);
  }
  assert.deepEqual(await seriousA11yViolations(options), []);
  await options.setViewportSize({ width: 900, height: 800 });
  await options.screenshot({ path: path.join(SHOTS, 'options.png'), fullPage: true });

  // Local data: measured, then deleted after a confirmation.
  assert.match(await options.textContent('#data-size'), /^Rapport keeps [\d.]+ (KB|MB) on this device/);
  await options.focus('#delete-all');
  await options.keyboard.press('Enter');
  assert.equal(await options.evaluate(() => document.activeElement.id), 'delete-yes', 'the confirmation takes focus');
  assert.deepEqual(await seriousA11yViolations(options), []);
  await options.keyboard.press('Enter');
  await options.waitForFunction(() => /deleted/.test(document.getElementById('status').textContent));
  assert.equal(await settings(), null, 'storage is empty');

  // The popup, for the ticket tab.
  const popup = await context.newPage();
  await popup.setViewportSize({ width: 360, height: 320 });
  await popup.goto(`chrome-extension://${id}/popup/index.html?tab=${tabId}`);
  await popup.waitForSelector('body[data-ready]', { state: 'attached' });
  await popup.screenshot({ path: path.join(SHOTS, 'popup.png') });
  const popupOrder = await tabOrder(popup);
  for (const control of ['toggle', 'look', 'options']) assert.ok(popupOrder.includes(control), `popup: ${control} not reachable: ${popupOrder}`);
  assert.deepEqual(await seriousA11yViolations(popup), []);
});

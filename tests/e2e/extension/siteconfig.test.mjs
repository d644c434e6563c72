// A helpdesk no adapter knows, in real headless Chromium: the generic mode
// says it is unsure and badges nothing; "Teach Rapport this page" derives a
// site configuration from the three elements the agent points at, with
// stable selectors only; the configuration validates, and with it the
// customer's messages get their badges and the reply box its coaching.
import test from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { startServer } from '../../../scripts/static-server.mjs';
import { ROOT, CHROMIUM, startInPage, readBadges, contentBundle, readShadowHost } from './harness.mjs';

let server; let browser;
test.before(async () => {
  server = await startServer(ROOT);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
});
test.after(async () => { await browser?.close(); await server?.close(); });

const URL_PATH = '/tests/e2e/fixtures/helpdesks/taught.html';
const GENERATED = /\d|css-|sc-|jsx-|__[A-Za-z0-9]{5}\b/;

test('generic mode is unsure here; a taught configuration has stable selectors and reads the page right', async () => {
  const page = await browser.newPage();
  await page.goto(server.origin + URL_PATH);
  await startInPage(page);
  await page.waitForFunction(() => window.__rapport.status.state === 'unsure', null, { timeout: 30000 });
  assert.match(await page.evaluate(() => window.__rapport.status.unsure), /could not tell who wrote/);
  assert.equal((await readBadges(page)).length, 0, 'unsure: nothing badged');

  // The agent points at a customer message (its text), an agent message and the reply box.
  const config = await page.evaluate(() => window.__siteConfig.derive({
    customer: document.querySelector('#evt-100231 p'),
    agent: document.querySelector('#evt-100232 p'),
    editor: document.querySelector('textarea'),
    location,
  }));
  const selectors = JSON.stringify([config.conversation, config.message, config.roles, config.editor]);
  assert.doesNotMatch(selectors, GENERATED, `no generated id or hashed class: ${selectors}`);
  assert.deepEqual(config.match.hosts, [new URL(server.origin).host]);
  assert.deepEqual(config.roles.map((r) => r.role), ['customer', 'agent']);
  const checked = await page.evaluate((c) => window.__siteConfig.parse(c), config);
  assert.equal(checked.ok, true, JSON.stringify(checked.errors));
  const read = await page.evaluate((c) => {
    const r = window.__siteConfig.adapterFromConfig(c).read(document);
    return { roles: r.messages.map((m) => m.role), texts: r.messages.map((m) => m.text), editor: r.editor?.localName, unsure: r.unsure };
  }, config);
  assert.deepEqual(read.roles, ['customer', 'agent', 'customer']);
  assert.match(read.texts[0], /^My invoice is wrong/);
  assert.doesNotMatch(read.texts[0], /Priya · 09:02/, 'the meta line is not message text');
  assert.equal(read.editor, 'textarea');
  assert.equal(read.unsure, null);
  await page.close();

  // Saved and used: the page badged through the configuration alone.
  const page2 = await browser.newPage();
  await page2.goto(server.origin + URL_PATH);
  await page2.evaluate((c) => { window.taught = [c]; }, config);
  await startInPage(page2, { start: '{ siteConfigs: window.taught }' });
  await page2.waitForFunction(() => window.__rapport.status.badged === 2, null, { timeout: 30000 });
  assert.equal(await page2.evaluate(() => window.__rapport.adapter.id), `site:${config.name}`);
  const badges = await readBadges(page2);
  assert.equal(badges.length, 2);
  assert.match(badges[0].summary, /^Rapport: Negative, /);
  assert.match(badges[1].summary, /^Rapport: Positive, .*Mood improving/);
  await page2.close();
});

test('stable selectors survive a redeploy that renames every generated token', async () => {
  const page = await browser.newPage();
  await page.goto(server.origin + URL_PATH);
  await page.addScriptTag({ content: await contentBundle() });
  const config = await page.evaluate(() => window.__siteConfig.derive({
    customer: document.querySelector('#evt-100231 p'), agent: document.querySelector('#evt-100232 p'),
    editor: document.querySelector('textarea'), location,
  }));
  // The next deploy: new ids, new hashes.
  const roles = await page.evaluate((c) => {
    for (const el of document.querySelectorAll('*')) {
      if (el.id) el.id = `${el.id.replace(/\d+/, '')}${Math.floor(Math.random() * 1e6)}`;
      for (const cls of [...el.classList]) if (/\d|css-|sc-|jsx-|__/.test(cls)) { el.classList.remove(cls); el.classList.add(`css-${Math.random().toString(36).slice(2, 8)}`); }
    }
    return window.__siteConfig.adapterFromConfig(c).read(document).messages.map((m) => m.role);
  }, config);
  assert.deepEqual(roles, ['customer', 'agent', 'customer']);
  // And when the two sides cannot be told apart, Teach says so.
  const refused = await page.evaluate(() => {
    for (const b of document.querySelectorAll('.bubble')) b.classList.remove('bubble-in', 'bubble-out');
    try { window.__siteConfig.derive({ customer: document.querySelectorAll('.bubble p')[0], agent: document.querySelectorAll('.bubble p')[1], location }); return null; } catch (e) { return e.message; }
  });
  assert.match(refused, /look the same to Rapport/);
  await page.close();
});

test('Teach on a page whose classes are all generated: the roles come from the sides of the thread, the list from its place', async () => {
  const page = await browser.newPage();
  await page.goto(`${server.origin}/tests/e2e/fixtures/helpdesks/generic-bubbles.html`);
  await page.addScriptTag({ content: await contentBundle() });
  const config = await page.evaluate(() => window.__siteConfig.derive({
    customer: document.querySelectorAll('.s3c > div')[0], agent: document.querySelectorAll('.t4d > div')[0],
    editor: document.querySelector('textarea'), location,
  }));
  assert.deepEqual(config.roles, [{ role: 'customer', side: 'left' }, { role: 'agent', side: 'right' }, { role: 'system', side: 'center' }]);
  assert.equal(config.defaultRole, null, 'a block on no known side stays unknown');
  assert.doesNotMatch(JSON.stringify([config.conversation, config.message]), /q1a|r2b|s3c|t4d/, 'no generated class');
  assert.equal(await page.evaluate((c) => window.__siteConfig.parse(c).ok, config), true);
  // A redeploy renames every class; the configuration still reads the thread.
  const roles = await page.evaluate((c) => {
    const renamed = new Map();
    for (const el of document.querySelectorAll('[class]')) {
      for (const cls of [...el.classList]) {
        if (!renamed.has(cls)) renamed.set(cls, `x${Math.random().toString(36).slice(2, 7)}`);
        el.classList.replace(cls, renamed.get(cls));
      }
    }
    const sheet = document.querySelector('style');
    sheet.textContent = sheet.textContent.replace(/\.([a-z0-9]{3})\b/g, (m, c) => (renamed.has(c) ? `.${renamed.get(c)}` : m));
    return window.__siteConfig.adapterFromConfig(c).read(document).messages.map((m) => m.role);
  }, config);
  assert.deepEqual(roles, ['customer', 'system', 'agent', 'customer', 'agent', 'customer']);
  await page.close();
});

test('Teach Rapport this page: the agent clicks three things, sees what it matches, saves', async () => {
  const page = await browser.newPage({ viewport: { width: 1000, height: 700 } });
  await page.goto(server.origin + URL_PATH);
  await page.addScriptTag({ content: await contentBundle() });
  await page.evaluate(() => {
    window.pageClicks = 0;
    document.addEventListener('click', () => { window.pageClicks += 1; });
    window.__siteConfig.teach();
  });
  const guide = async () => readShadowHost(page, 'data-rapport-teach');
  assert.match((await guide()).text, /\(1 of 3\) Click a message written by the customer/);
  assert.equal((await guide()).closed, true);
  await page.click('#evt-100231 p');
  assert.match((await guide()).text, /\(2 of 3\) Click a message written by an agent/);
  await page.click('#evt-100232 p');
  assert.match((await guide()).text, /\(3 of 3\) Click the box where you type replies/);
  await page.click('textarea');
  const result = await guide();
  assert.match(result.text, /It finds 3 messages: 2 from the customer, 1 from agents\. It found the reply box\./);
  assert.equal(await page.evaluate(() => window.pageClicks), 0, 'the helpdesk did not act on the teaching clicks');
  // Keyboard: Save has the focus; Enter saves.
  await page.keyboard.press('Enter');
  const config = await page.evaluate(() => window.__taught);
  assert.equal(config.name, 'Nimbus Desk');
  assert.deepEqual(config.roles.map((r) => r.role), ['customer', 'agent']);
  assert.equal(await guide(), null, 'the guide is gone');
  assert.equal((await page.evaluate((c) => window.__siteConfig.parse(c), config)).ok, true);

  // Escape cancels.
  await page.evaluate(() => window.__siteConfig.teach());
  await page.keyboard.press('Escape');
  assert.equal(await page.evaluate(() => window.__taught), null);
  await page.close();
});

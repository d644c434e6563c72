// The generic mode reads every generic-* fixture page the same in Firefox ESR
// as in Chromium: the same messages, roles and texts, or the same "unsure".
// It reads class words and, on pages whose classes say nothing, the layout
// (where each message's text sits, how its row packs its bubble: layout.js),
// and the two engines lay text out with their own fonts and code. The
// Chromium suites check the readings themselves (badges.test.mjs,
// adapters.test.mjs); this one checks that Firefox agents get them too.
// The adapter code runs in the page as the content script runs it (bundled).
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import esbuild from 'esbuild';
import { chromium } from 'playwright-core';
import puppeteer from 'puppeteer-core';
import { startServer } from '../../../scripts/static-server.mjs';
import { ROOT, CHROMIUM } from './harness.mjs';
import { FIREFOX } from './host-helpers.mjs';
import { LIBREDESK_TEXTS, PAPERCUPS_ALONE_TEXTS, papercupsAlone } from './generic-texts.mjs';

const FIXTURES = path.join(ROOT, 'tests', 'e2e', 'fixtures', 'helpdesks');
const VIEWPORT = { width: 1100, height: 900 };

const READER = (await esbuild.build({
  stdin: {
    contents: `import { generic } from './extension/src/adapters/helpdesks.js';
window.__readGeneric = () => {
  const c = generic.read(document);
  return c && { unsure: c.unsure ?? null, editor: !!c.editor,
    messages: c.messages.map((m) => ({ role: m.role, text: m.text.replace(/\\s+/g, ' ').trim() })) };
};`,
    resolveDir: ROOT,
  },
  bundle: true, write: false, format: 'iife',
})).outputFiles[0].text;

const fixtures = fs.readdirSync(FIXTURES).filter((f) => /^generic-.*\.html$/.test(f)).sort();

test('generic mode: Firefox reads every generic-* fixture as Chromium does', async (t) => {
  assert.ok(fs.existsSync(FIREFOX), `no Firefox at ${FIREFOX} (apt-get install firefox-esr)`);
  assert.ok(fixtures.length >= 5, `generic fixtures found: ${fixtures}`);
  const server = await startServer(ROOT);
  const chrome = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  const firefox = await puppeteer.launch({ browser: 'firefox', executablePath: FIREFOX, headless: true, protocol: 'webDriverBiDi' });
  t.after(async () => { await chrome.close(); await firefox.close(); await server.close(); });
  const chromePage = await chrome.newPage({ viewport: VIEWPORT });
  const firefoxPage = await firefox.newPage();
  await firefoxPage.setViewport(VIEWPORT);

  const readIn = async (page, url, prepare = null) => {
    await page.goto(url);
    await page.addScriptTag({ content: READER });
    if (prepare) await page.evaluate(prepare);
    return page.evaluate(() => window.__readGeneric());
  };
  let read = 0;
  for (const fixture of fixtures) {
    const url = `${server.origin}/tests/e2e/fixtures/helpdesks/${fixture}`;
    const inChromium = await readIn(chromePage, url);
    const inFirefox = await readIn(firefoxPage, url);
    assert.deepEqual(inFirefox, inChromium, `${fixture}: Firefox reads it as Chromium does`);
    if (inChromium && !inChromium.unsure) read++;
  }
  // Most of them are read (the rest are pages it must be unsure about).
  assert.ok(read >= 5, `read in both: ${read} of ${fixtures.length}`);

  // The exact texts where names, initials and "Sent … ago" lines are told from the message by what they are
  // (their size, colour and box: each engine's own layout).
  const exact = [['generic-libredesk', null, LIBREDESK_TEXTS], ['generic-papercups', papercupsAlone, PAPERCUPS_ALONE_TEXTS]];
  for (const [fixture, prepare, texts] of exact) {
    const url = `${server.origin}/tests/e2e/fixtures/helpdesks/${fixture}.html`;
    for (const [engine, page] of [['Chromium', chromePage], ['Firefox', firefoxPage]]) {
      const r = await readIn(page, url, prepare);
      assert.deepEqual(r.messages.map((m) => m.text), texts, `${fixture} in ${engine}`);
    }
  }
});

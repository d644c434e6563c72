// The extension builds (npm run build -> build/extension/{chrome,firefox} and
// their zips) and the Chrome build's engine path in real headless Chromium:
// a content-script world asks the service worker, which creates the offscreen
// engine host on first need (one per browser), routes analyses and per-tab
// review sessions to it, keeps each tab's sessions to that tab, and closes the
// host when idle (a shortened idle time in this test build), re-opening the
// sessions transparently afterwards.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { ROOT, variantBuild, pageServer, launchChromium, callFromTab, callFromExtensionPage, tabIdOf, offscreenCount,
  QUIET_PAGE } from './host-helpers.mjs';

const OUT = path.join(ROOT, 'build', 'extension');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const readManifest = (browser) => JSON.parse(fs.readFileSync(path.join(OUT, browser, 'manifest.json'), 'utf8'));
const ANGRY = "This is the third time I'm asking. I want my refund NOW or I'm cancelling my account!";
const COLD = 'Calm down. As per our policy there is nothing I can do.';

test('npm run build wrote both unpacked builds with manifests from the one source', () => {
  const chrome = readManifest('chrome');
  const firefox = readManifest('firefox');
  for (const m of [chrome, firefox]) {
    assert.equal(m.manifest_version, 3);
    assert.equal(m.version, pkg.version);
    assert.deepEqual(m.host_permissions, [], 'no host access at install');
    assert.ok(!m.content_scripts, 'no content script is declared: sites are turned on one by one');
    const csp = m.content_security_policy.extension_pages;
    assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'[;]/);
    assert.match(csp, /connect-src 'self'/);
    assert.doesNotMatch(csp, /https?:|\*/, 'no remote source of any kind');
  }
  assert.equal(chrome.background.service_worker, 'background/main.js');
  assert.ok(chrome.permissions.includes('offscreen'));
  assert.ok(!chrome.browser_specific_settings);
  assert.deepEqual(firefox.background.scripts, ['background/main.js']);
  assert.ok(!firefox.permissions.includes('offscreen'), 'Firefox has no offscreen documents');
  assert.match(firefox.browser_specific_settings.gecko.id, /@/);
  for (const browser of ['chrome', 'firefox']) {
    const m = readManifest(browser);
    const files = [m.background.service_worker ?? m.background.scripts[0], m.action?.default_popup,
      m.options_ui?.page, m.side_panel?.default_path, m.sidebar_action?.default_panel, ...Object.values(m.icons)].filter(Boolean);
    for (const f of files) assert.ok(fs.existsSync(path.join(OUT, browser, f)), `${browser}: manifest names ${f}, which the build lacks`);
    for (const f of ['engine/rapport_core.wasm', 'engine/ort/ort-wasm-simd-threaded.wasm', 'engine/model/model.onnx', 'engine/model/model.json']) {
      assert.ok(fs.statSync(path.join(OUT, browser, f)).size > 0, `${browser}: ${f}`);
    }
  }
  assert.ok(fs.existsSync(path.join(OUT, 'chrome', 'offscreen', 'index.html')));
  assert.ok(!fs.existsSync(path.join(OUT, 'firefox', 'offscreen')));
  // One engine worker, started by Chrome's offscreen document and by Firefox's background page.
  for (const browser of ['chrome', 'firefox']) assert.ok(fs.existsSync(path.join(OUT, browser, 'engine-host', 'worker.js')), browser);
});

test('the zip packages hold exactly the unpacked builds, byte for byte', () => {
  for (const browser of ['chrome', 'firefox']) {
    const zip = path.join(OUT, `rapport-${browser}-${pkg.version}.zip`);
    // Python's zipfile checks every CRC and lists the entries.
    const listing = JSON.parse(execFileSync('python3', ['-c', `import zipfile,json,sys
z = zipfile.ZipFile(sys.argv[1]); bad = z.testzip()
print(json.dumps({"bad": bad, "files": {i.filename: i.file_size for i in z.infolist()}}))`, zip], { encoding: 'utf8' }));
    assert.equal(listing.bad, null);
    const dir = path.join(OUT, browser);
    const onDisk = {};
    const walk = (d) => { for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const f = path.join(d, e.name);
      if (e.isDirectory()) walk(f); else onDisk[path.relative(dir, f).split(path.sep).join('/')] = fs.statSync(f).size;
    } };
    walk(dir);
    assert.deepEqual(listing.files, onDisk);
  }
});

test('Chrome: content worlds get analyses and per-tab review sessions through the service worker and one offscreen engine host', async (t) => {
  const extDir = await variantBuild('chrome', { extraHostPermissions: ['http://127.0.0.1/*'],
    define: { __RAPPORT_ENGINE_IDLE_MS__: '3000' } });
  const server = await pageServer({ '/a': QUIET_PAGE('Ticket A', '<p>a</p>'), '/b': QUIET_PAGE('Ticket B', '<p>b</p>') });
  const browser = await launchChromium(extDir);
  t.after(async () => { await browser.close(); await server.close(); fs.rmSync(extDir, { recursive: true, force: true }); });
  const { context, sw } = browser;

  assert.equal(await offscreenCount(sw), 0, 'no engine host before anything needs one');
  const pageA = await context.newPage(); await pageA.goto(`${server.origin}/a`);
  const pageB = await context.newPage(); await pageB.goto(`${server.origin}/b`);
  const tabA = await tabIdOf(sw, `${server.origin}/a`);
  const tabB = await tabIdOf(sw, `${server.origin}/b`);

  const { createAnalyzer } = await import(pathToFileURL(path.join(ROOT, 'shared', 'api', 'index.js')).href);
  const node = await createAnalyzer();
  const expected = await node.analyzeBatch([ANGRY, 'Thank you so much, that fixed it!']);
  const expectedReview = await node.reviewDraft(COLD, { customerText: ANGRY, customerName: 'Ana' });
  node.dispose();

  const batch = await callFromTab(sw, tabA, 'analyzeBatch', [[ANGRY, 'Thank you so much, that fixed it!']]);
  assert.ok(batch.ok, JSON.stringify(batch.error));
  assert.deepEqual(batch.result, expected, 'the engine host gives what the API gives in Node (model + lexicon)');
  assert.equal(batch.result[0].sentiment.label, 'negative');
  assert.equal(batch.result[1].sentiment.label, 'positive');
  assert.equal(await offscreenCount(sw), 1);

  // Both tabs use the same conversation id: each has its own session.
  assert.ok((await callFromTab(sw, tabA, 'reviewOpen', ['c1', { customerText: ANGRY, customerName: 'Ana' }])).ok);
  assert.ok((await callFromTab(sw, tabB, 'reviewOpen', ['c1', { customerText: 'Thanks, all good now.', customerName: 'Bo' }])).ok);
  const reviewA = await callFromTab(sw, tabA, 'review', ['c1', COLD]);
  const reviewB = await callFromTab(sw, tabB, 'review', ['c1', COLD]);
  assert.ok(reviewA.ok && reviewB.ok);
  assert.deepEqual(reviewA.result, expectedReview);
  assert.equal(reviewA.result.mismatch.alert, true, 'upset customer, cold draft');
  assert.notDeepEqual(reviewB.result.mismatch, reviewA.result.mismatch, "tab B's session has tab B's customer");
  assert.equal(await offscreenCount(sw), 1, 'one engine host for every tab');

  // A tab cannot reach a session it did not open.
  const foreign = await callFromTab(sw, tabB, 'review', ['only-in-a', COLD]);
  assert.ok((await callFromTab(sw, tabA, 'reviewOpen', ['only-in-a', { customerText: ANGRY }])).ok);
  const stillForeign = await callFromTab(sw, tabB, 'review', ['only-in-a', COLD]);
  for (const r of [foreign, stillForeign]) {
    assert.equal(r.ok, false);
    assert.equal(r.error.code, 'RAPPORT_E_NO_SESSION');
  }
  const unknown = await callFromTab(sw, tabA, 'exportRulePack', []);
  assert.equal(unknown.error.code, 'RAPPORT_E_BRIDGE_METHOD', 'tabs get only the tab methods');

  // Idle: the host closes itself (3 s in this build), and the next review
  // re-creates it and re-opens the session with the same customer.
  const deadline = Date.now() + 20000;
  while (await offscreenCount(sw) > 0) {
    assert.ok(Date.now() < deadline, 'the idle engine host was not closed');
    await new Promise((r) => setTimeout(r, 250));
  }
  const again = await callFromTab(sw, tabA, 'review', ['c1', COLD]);
  assert.ok(again.ok, JSON.stringify(again.error));
  assert.deepEqual(again.result, expectedReview);
  assert.equal(await offscreenCount(sw), 1);
});

test("Chrome: the panel sees the active tab's conversation only, and follows tab switches", async (t) => {
  const extDir = await variantBuild('chrome', { extraHostPermissions: ['http://127.0.0.1/*'] });
  const server = await pageServer({ '/a': QUIET_PAGE('Ticket A', '<p>a</p>'), '/b': QUIET_PAGE('Ticket B', '<p>b</p>') });
  const browser = await launchChromium(extDir);
  t.after(async () => { await browser.close(); await server.close(); fs.rmSync(extDir, { recursive: true, force: true }); });
  const { context, sw, id } = browser;
  const pageA = await context.newPage(); await pageA.goto(`${server.origin}/a`);
  const pageB = await context.newPage(); await pageB.goto(`${server.origin}/b`);
  const tabA = await tabIdOf(sw, `${server.origin}/a`);
  const tabB = await tabIdOf(sw, `${server.origin}/b`);
  const windowId = await sw.evaluate((tabId) => chrome.tabs.get(tabId).then((t) => t.windowId), tabA);
  // The panel: an extension page connected as the side panel connects.
  const panel = await context.newPage();
  await panel.goto(`chrome-extension://${id}/popup/index.html`);
  const call = (method, args) => callFromExtensionPage(panel, 'rapport-panel', method, args);

  const snapshot = (who) => ({ conversationId: `t-${who}`, customer: { name: who }, messages: [{ role: 'customer', text: `hi from ${who}` }] });
  assert.ok((await callFromTab(sw, tabA, 'panel.update', [snapshot('A')])).ok);
  assert.ok((await callFromTab(sw, tabB, 'panel.update', [snapshot('B')])).ok);

  await pageA.bringToFront();
  let view = await call('panel.watch', [windowId, 0]);
  for (let i = 0; i < 20 && view.result.tabId !== tabA; i++) view = await call('panel.current', [windowId]);
  assert.equal(view.result.tabId, tabA);
  assert.deepEqual(view.result.snapshot, snapshot('A'), "only the active tab's conversation");

  // A long poll answers when the agent switches tab.
  const next = call('panel.watch', [windowId, view.result.version]);
  await pageB.bringToFront();
  const switched = await next;
  assert.equal(switched.result.tabId, tabB);
  assert.deepEqual(switched.result.snapshot, snapshot('B'));

  // ... and when the active tab's conversation changes; the other tab's
  // updates are not news for the panel while B is active.
  const later = call('panel.watch', [windowId, switched.result.version]);
  assert.ok((await callFromTab(sw, tabA, 'panel.update', [{ ...snapshot('A'), messages: [] }])).ok);
  assert.ok((await callFromTab(sw, tabB, 'panel.update', [{ ...snapshot('B'), messages: [] }])).ok);
  const updated = await later;
  assert.equal(updated.result.tabId, tabB);
  assert.deepEqual(updated.result.snapshot.messages, []);
  const current = await call('panel.current', [windowId]);
  assert.equal(current.result.snapshot.customer.name, 'B');
  assert.equal((await call('analyzeBatch', [['hi']])).error.code, 'RAPPORT_E_BRIDGE_METHOD', 'the panel gets only panel methods');
});

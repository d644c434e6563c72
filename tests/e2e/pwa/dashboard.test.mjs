// The dashboard in real Chromium, served the way `npm start` serves it: the
// demo opens analyzed; every view is reachable by keyboard and has no serious
// axe violation (screenshots of each go to docs/screenshots/); the PWA is
// installable and works offline after one visit, reload included; each
// import format shows the numbers this test computes on its own (fixture
// table + the Node API); bad input and cancel keep the previous data.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT, axe, go, importFile, kpi, kpiDetail, launch, ready, startDashboard } from './helpers.mjs';

const FIXTURES = path.join(ROOT, 'tests', 'fixtures', 'import');
const SHOTS = path.join(ROOT, 'docs', 'screenshots');
const { createAnalyzer } = await import(path.join(ROOT, 'shared', 'api', 'index.js'));
const analyzer = await createAnalyzer();
const negatives = async (texts) => (await analyzer.analyzeBatch(texts)).filter((a) => a.sentiment.score <= -0.05).length;

const demo = JSON.parse(fs.readFileSync(path.join(ROOT, 'shared', 'demo', 'conversations.json'), 'utf8'));
const demoCustomer = demo.conversations.flatMap((c) => c.messages.filter((m) => m.role !== 'agent'));
const demoReplies = demo.conversations.reduce((n, c) => n + c.messages.filter((m) => m.role === 'agent').length, 0);
const demoNegative = await negatives(demoCustomer.map((m) => m.text));

let server;
let context;
let page;

test.before(async () => {
  server = await startDashboard();
  ({ context } = await launch());
  page = context.pages()[0] ?? await context.newPage();
});

test.after(async () => {
  await context?.close();
  await server?.stop();
  analyzer.dispose();
});

test('npm start serves the dashboard at the URL it prints, opened on the analyzed demo', async () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  assert.match(pkg.scripts.start, /scripts\/build\.sh && node scripts\/serve-dashboard\.mjs$/);
  assert.match(pkg.scripts.demo, /node scripts\/demo\.mjs$/);
  await page.goto(server.url);
  await ready(page);
  assert.equal(await kpi(page, 'Customer messages'), demoCustomer.length);
  assert.match(await kpiDetail(page, 'Customer messages'), new RegExp(`^${demo.conversations.length.toLocaleString('en-US')} conversations`));
  assert.match(await kpiDetail(page, 'Negative'), new RegExp(`^${demoNegative} messages`));
  assert.match(await page.locator('main .lead').first().innerText(), new RegExp(`${demoReplies.toLocaleString('en-US')} agent replies`));
  assert.match(await page.locator('footer').innerText(), /IBM Twitter customer care dataset.*Apache License 2\.0/);
  assert.match(await page.locator('#storage-status').innerText(), /Storage: (persistent|best effort)/);
});

test('keyboard alone reaches every view and the controls inside it', async () => {
  await page.goto(server.url);
  await ready(page);
  const views = ['overview', 'queue', 'conversation', 'agents', 'customers', 'rules', 'import'];
  for (const view of views) {
    await page.evaluate(() => { document.activeElement?.blur(); window.scrollTo(0, 0); });
    let found = false;
    for (let i = 0; i < 40 && !found; i++) {
      await page.keyboard.press('Tab');
      found = await page.evaluate((v) => document.activeElement?.getAttribute('href') === `#/${v}`, view);
    }
    assert.ok(found, `Tab never reached the ${view} link`);
    await page.keyboard.press('Enter');
    await page.waitForFunction((v) => location.hash === `#/${v}`, view);
  }
  // From the Queue, Tab to the first "Open" button and open that conversation with Enter.
  await go(page, 'queue');
  let onOpen = false;
  for (let i = 0; i < 80 && !onOpen; i++) {
    await page.keyboard.press('Tab');
    onOpen = await page.evaluate(() => document.activeElement?.textContent === 'Open');
  }
  assert.ok(onOpen, 'Tab never reached an Open button in the queue');
  await page.keyboard.press('Enter');
  await page.waitForSelector('.messages .message');
  assert.match(await page.locator('#view-title').innerText(), /^Conversation /);
});

test('each view: no serious axe violation, and a screenshot for the README', async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.goto(server.url);
  await ready(page);
  for (const view of ['overview', 'queue', 'agents', 'customers', 'rules', 'import', 'conversation']) {
    if (view === 'conversation') {
      await go(page, 'queue');
      await page.locator('button', { hasText: 'Open' }).first().click();
      await page.waitForSelector('.messages .message');
    } else {
      await go(page, view);
    }
    if (view === 'agents') {
      await page.locator('button', { hasText: 'Coach' }).nth(2).click();
      await page.waitForSelector('.agent-detail .reply', { timeout: 120000 });
    }
    if (view === 'customers') {
      await page.locator('button', { hasText: 'Timeline' }).first().click();
      await page.waitForSelector('rapport-timeline:not([busy]) section');
    }
    if (view === 'rules') await page.waitForFunction(() => document.querySelector('#rule-pack').value.length > 100);
    assert.deepEqual(await axe(page), [], `axe on ${view}`);
    await page.screenshot({ path: path.join(SHOTS, `dashboard-${view}.png`) });
  }
});

test('installable PWA: manifest, icons, service worker; offline reload keeps working', async () => {
  await page.goto(server.url);
  await ready(page);
  const manifest = await (await page.request.get(new URL('manifest.webmanifest', server.url).href)).json();
  assert.equal(manifest.display, 'standalone');
  assert.ok(manifest.icons.some((i) => i.sizes === '512x512' && i.purpose === 'maskable'));
  assert.ok(manifest.icons.some((i) => i.sizes === '192x192'));
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.reload();
  await ready(page);
  assert.ok(await page.evaluate(() => Boolean(navigator.serviceWorker.controller)), 'the service worker does not control the page');
  const cdp = await context.newCDPSession(page);
  const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
  assert.deepEqual(installabilityErrors, [], 'Chromium reports the app not installable');
  const before = await kpi(page, 'Customer messages');

  await context.setOffline(true);
  try {
    await page.reload();
    await ready(page);
    assert.equal(await kpi(page, 'Customer messages'), before);
    // The engine itself (wasm core, ONNX Runtime, model) comes from the precache: a draft review works offline.
    await go(page, 'agents');
    await page.locator('button', { hasText: 'Coach' }).first().click();
    await page.waitForSelector('.agent-detail .reply', { timeout: 120000 });
  } finally {
    await context.setOffline(false);
  }
});

const expected = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'conversations.expected.json'), 'utf8'));
const FORMATS = {
  'zendesk-tickets.json': { agents: (c) => c.agent },
  'zendesk-tickets.ndjson': { agents: (c) => c.agent },
  'intercom-conversations.json': { agents: (c) => c.agent },
  'helpscout-conversations.json': { agents: (c) => c.agent },
  'twcc-conversations.json': { agents: (c) => `${c.brand.replace(' ', '')} ${c.agent.split(' ').map((w) => w[0]).join('')}` },
  'generic-messages.csv': { agents: (c) => c.agent },
  'freshdesk-tickets.csv': { firstOnly: true },
};

async function agentRows() {
  await go(page, 'agents');
  return page.locator('table:has(caption:text("Coaching by agent")) tbody tr').evaluateAll((rows) =>
    Object.fromEntries(rows.map((r) => [r.cells[0].textContent, Number(r.cells[1].textContent)])));
}

for (const [file, spec] of Object.entries(FORMATS)) {
  test(`import ${file}: the numbers shown match the fixture table and the Node analyzer`, async () => {
    await page.goto(server.url);
    await ready(page);
    const result = await importFile(page, path.join(FIXTURES, file));
    assert.match(result, /^Imported \d+ messages/, result);
    const customer = expected.flatMap((c) => (spec.firstOnly ? c.messages.slice(0, 1) : c.messages).filter((m) => m.role === 'customer'));
    await go(page, 'overview');
    await page.waitForFunction((n) => document.querySelector('.kpi-value')?.textContent === String(n), customer.length);
    assert.equal(await kpi(page, 'Customer messages'), customer.length);
    assert.match(await kpiDetail(page, 'Customer messages'), /^24 conversations/);
    assert.match(await kpiDetail(page, 'Negative'), new RegExp(`^${await negatives(customer.map((m) => m.text))} messages`));
    if (spec.agents) {
      const want = {};
      for (const c of expected) want[spec.agents(c)] = (want[spec.agents(c)] ?? 0) + c.messages.filter((m) => m.role === 'agent').length;
      assert.deepEqual(await agentRows(), want);
    }
  });
}

test('bad input shows where it is and keeps the data; cancel half-way keeps it too', async () => {
  await page.goto(server.url);
  await ready(page);
  const before = await kpi(page, 'Customer messages');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-bad-'));
  const json = fs.readFileSync(path.join(FIXTURES, 'intercom-conversations.json'), 'utf8');
  fs.writeFileSync(path.join(dir, 'truncated.json'), json.slice(0, Math.floor(json.length * 0.6)));
  const bad = await importFile(page, path.join(dir, 'truncated.json'));
  assert.match(bad, /Import failed, nothing was imported: line \d+: the JSON ends in the middle of record \d+: the file is truncated/);

  // ~60,000 messages (7 MB): long enough to cancel after the first rows.
  const lines = [];
  for (let i = 0; i < 60000; i++) {
    lines.push(JSON.stringify({ ticket: `t${i >> 2}`, time: '2024-05-01T09:00:00Z', body: `Where is my order number ${i}? It is late again.` }));
  }
  fs.writeFileSync(path.join(dir, 'big.ndjson'), `${lines.join('\n')}\n`);
  const cancelled = await importFile(page, path.join(dir, 'big.ndjson'), { cancelAfterRows: 1 });
  assert.match(cancelled, /Import cancelled\. Your previous data is unchanged\./);
  await go(page, 'overview');
  assert.equal(await kpi(page, 'Customer messages'), before);
  fs.rmSync(dir, { recursive: true, force: true });
});

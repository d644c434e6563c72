// The extension on a live Request Tracker 5 (Debian request-tracker5): the
// test installs it if needed, resets and seeds it (tests/e2e/fixtures/rt5/rt5.sh),
// loads the real built extension in headless Chromium, logs in as an agent,
// and checks the badges on the ticket page (customer messages only, plausible
// labels) and the coaching in RT's own reply editor (CKEditor 4).
// RT5 that cannot be installed or started FAILS this test, with the reason.
import test from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, readBadges, readComposer, launchRealExtension } from './harness.mjs';

const RT = path.join(ROOT, 'tests', 'e2e', 'fixtures', 'rt5', 'rt5.sh');
const PORT = process.env.RT_PORT || '8765';
const BASE = `http://127.0.0.1:${PORT}`;
const SHOTS = path.join(ROOT, 'docs', 'screenshots');

function rt(step, timeout) {
  try {
    return execFileSync('bash', [RT, step], { encoding: 'utf8', timeout, env: { ...process.env, RT_PORT: PORT }, stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  } catch (error) {
    throw new Error(`RT5 ${step} failed: ${(error.stderr || error.message).toString().trim().split('\n').slice(-5).join(' | ')}`);
  }
}

let ext; let tickets;
test.before(async () => {
  rt('install', 15 * 60 * 1000);   // apt + DB the first time (~1-2 min); a no-op once installed
  rt('start', 120 * 1000);         // pristine DB, rt-server up
  tickets = rt('seed', 120 * 1000).split(/\s+/);
  ext = await launchRealExtension();
});
test.after(async () => { await ext?.close(); try { rt('stop', 60000); } catch { /* reported by the tests */ } });

async function login(page, url) {
  await page.goto(url, { timeout: 90000 });
  await page.fill('form#login input[name="user"]', 'root');
  await page.fill('form#login input[name="pass"]', 'rt-root-pw');
  await Promise.all([page.waitForNavigation({ timeout: 90000 }), page.click('form#login input[type="submit"]')]);
  await page.waitForSelector('#preferences .current-user', { state: 'attached' });
}

async function badgesWhen(page, count) {
  for (let i = 0; i < 150; i++) {
    const b = await readBadges(page);
    if (b.length >= count) return b;
    await page.waitForTimeout(200);
  }
  return readBadges(page);
}

test('RT5 ticket page: badges on the requestor\'s messages only, with plausible labels', async () => {
  const page = await ext.context.newPage();
  await page.setViewportSize({ width: 1280, height: 1000 });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await login(page, `${BASE}/Ticket/Display.html?id=${tickets[0]}`);
  await page.waitForSelector('#delayed_ticket_history .history-container .transaction', { timeout: 60000 });
  const badges = await badgesWhen(page, 2);
  // Dana wrote the ticket and one reply; root's reply and the internal comment get nothing.
  assert.equal(badges.length, 2, JSON.stringify(badges.map((b) => b.message)));
  assert.ok(badges.every((b) => b.closed));
  const first = badges.find((b) => /THIRD time I am writing/.test(b.message));
  const second = badges.find((b) => /already waited 9 days/.test(b.message));
  assert.ok(first && second, 'both customer messages badged');
  assert.match(first.summary, /^Rapport: Negative, /);
  assert.match(first.summary, /Repeat contact/);
  assert.match(first.summary, /(High|Urgent) priority/);
  assert.doesNotMatch(first.summary, /Mood/);
  assert.match(second.summary, /Mood (improving|worsening|steady)/);
  assert.ok(!badges.some((b) => /INTERNAL: carrier|Best regards/.test(b.message)), 'no badge on agent reply or internal note');
  await page.waitForFunction(() => !window.jQuery || window.jQuery(':animated').length === 0);
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, 'rt5-badges.png'), fullPage: true });

  await page.goto(`${BASE}/Ticket/Display.html?id=${tickets[1]}`);
  await page.waitForSelector('#delayed_ticket_history .history-container .transaction', { timeout: 60000 });
  const polite = await badgesWhen(page, 1);
  assert.equal(polite.length, 1);
  assert.match(polite[0].summary, /^Rapport: Positive, /, polite[0].summary);
  assert.deepEqual(errors, []);
  await page.close();
});

test('RT5 reply form: coaching in RT\'s CKEditor 4; applying keeps CKEditor and the form in step; undo restores', async () => {
  const page = await ext.context.newPage();
  await page.setViewportSize({ width: 1280, height: 1000 });
  await page.goto(`${BASE}/Ticket/Update.html?Action=Respond&id=${tickets[0]}`);
  if (await page.$('form#login')) await login(page, `${BASE}/Ticket/Update.html?Action=Respond&id=${tickets[0]}`);
  await page.waitForFunction(() => window.CKEDITOR?.instances?.UpdateContent?.status === 'ready', null, { timeout: 60000 });
  const draft = 'Per our policy, you need to wait 5 days.';
  await page.frameLocator('#cke_UpdateContent iframe.cke_wysiwyg_frame').locator('body').click();
  await page.keyboard.type(draft, { delay: 5 });
  let card = null;
  for (let i = 0; i < 300 && !(card?.shown && /Per our policy/.test(card.text)); i++) { await page.waitForTimeout(150); card = await readComposer(page); }
  assert.ok(card?.shown, `the coaching card shows: ${JSON.stringify(card)}`);
  assert.ok(card.marks >= 1);
  const use = card.buttons.find((b) => b.text.startsWith('Use “') && /rule|option|what I can do/i.test(b.text));
  assert.ok(use?.at, JSON.stringify(card.buttons.map((b) => b.text)));
  const replacement = use.text.slice(5, -1);
  await page.waitForTimeout(1100);
  await page.mouse.click(use.at.x, use.at.y);
  const text = () => page.evaluate(() => {
    const html = window.CKEDITOR.instances.UpdateContent.getData();
    return new DOMParser().parseFromString(html, 'text/html').body.textContent.replace(/\s+/g, ' ').trim();
  });
  await page.waitForFunction((r) => window.CKEDITOR.instances.UpdateContent.getData().includes(r.slice(0, 12)), replacement, { timeout: 5000 }).catch(() => {});
  const applied = await text();
  assert.ok(applied.includes(replacement.replace(/'/g, '’')) || applied.includes(replacement), applied);
  assert.doesNotMatch(applied, /Per our policy/);
  // RT's form field after CKEditor's own submit-time sync.
  const field = await page.evaluate(() => {
    window.CKEDITOR.instances.UpdateContent.updateElement();
    return new DOMParser().parseFromString(document.getElementById('UpdateContent').value, 'text/html').body.textContent.replace(/\s+/g, ' ').trim();
  });
  assert.equal(field, applied);
  await page.screenshot({ path: path.join(SHOTS, 'rt5-composer.png') });
  await page.frameLocator('#cke_UpdateContent iframe.cke_wysiwyg_frame').locator('body').click();
  await page.keyboard.press('Control+z');
  await page.waitForTimeout(300);
  assert.equal(await text(), draft, 'undo restores the draft');
  await page.close();
});

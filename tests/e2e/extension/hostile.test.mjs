// Hostile pages against the real built extension in headless Chromium
// (tests/e2e/fixtures/helpdesks/hostile.html): payloads in names and
// messages, CSS that hides, restyles and covers the badges, DOM prototypes,
// MutationObserver, requestAnimationFrame, postMessage and attachShadow
// replaced before the content script runs, Trusted Types enforced, forged
// bridge messages, and a page script that tampers with the badges. None may
// run code, change a badge, hide it for good, or break the page.
import test from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../../../scripts/static-server.mjs';
import { ROOT, readBadges, launchRealExtension } from './harness.mjs';

let ext; let server;
test.before(async () => {
  server = await startServer(ROOT);
  ext = await launchRealExtension();
  // Warm the engine host on a benign page first (offscreen document, model:
  // slow on a loaded machine), so the hostile page's waits measure the page.
  const warm = await ext.context.newPage();
  await warm.goto(`${server.origin}/tests/e2e/fixtures/helpdesks/zendesk.html`);
  for (let i = 0; i < 900 && (await readBadges(warm)).length < 2; i++) await warm.waitForTimeout(200);
  await warm.close();
});
test.after(async () => { await ext?.close(); await server?.close(); });

async function settle(page, count) {
  // The first analysis also starts the engine host (offscreen document, model): allow a minute.
  for (let i = 0; i < 600; i++) {
    const b = await readBadges(page);
    if (b.length === count && b.every((x) => x.summary)) return b;
    await page.waitForTimeout(100);
  }
  return readBadges(page);
}

// The badge is what a click at its centre hits (polled: a re-attached badge is drawn on the next frame).
async function hitsBadge(page, b) {
  for (let i = 0; i < 20; i++) {
    if (await page.evaluate(([x, y]) => document.elementFromPoint(x, y)?.hasAttribute('data-rapport-badge') ?? false, [b.x, b.y])) return true;
    await page.waitForTimeout(100);
  }
  return false;
}

const hostileState = (page) => page.evaluate(() => ({ ...window.hostile, pwned: window.hostile.pwned ?? null }));

test('a hostile page can neither run code through Rapport, nor hide, change or duplicate its badges, nor break itself', async () => {
  const page = await ext.context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${server.origin}/tests/e2e/fixtures/helpdesks/hostile.html`);
  let badges = await settle(page, 2);
  assert.equal(badges.length, 2, 'the customer messages are badged despite the overridden DOM');
  assert.deepEqual(badges.map((b) => b.anchorId), ['h-1', 'h-3'], 'customer messages only');
  assert.ok(badges.every((b) => b.closed));
  assert.match(badges[0].summary, /^Rapport: Negative, /);
  assert.match(badges[1].summary, /^Rapport: Positive, /, 'forged replies did not change the reading');
  const before = badges.map((b) => b.summary);

  // Laid out and reachable, whatever the page's CSS says. (The page's overlay
  // lets the pointer through; a badge is an ordinary block of the message's
  // flow, so an overlay the page lays over the message lies over it too:
  // badges/style.js says why.)
  for (const b of badges) {
    assert.ok(b.w > 40 && b.h > 10, `laid out: ${b.w}x${b.h}`);
    assert.equal(await hitsBadge(page, b), true, 'a click at the badge reaches it');
  }

  // Nothing ran: no payload executed, none of the page's traps was touched by Rapport, no Trusted Types violation.
  let state = await hostileState(page);
  assert.equal(state.pwned, null);
  assert.deepEqual(state.leaks, [], 'the content script never used the page\'s DOM functions');
  assert.deepEqual(state.violations, []);

  // The page tampers with its badges: closed shadow, attributes, removal.
  const tamper = await page.evaluate(() => {
    const hosts = [...document.querySelectorAll('[data-rapport-badge]')];
    const shadow = hosts.map((h) => h.shadowRoot);
    Element.prototype.removeAttribute.call(hosts[0], 'style');
    hosts[0].hidden = true;
    // The drawing state that takes a badge's room with nothing drawn in it (badges/style.js).
    const drawn = hosts[0].getAttribute('data-rapport-badge');
    hosts[0].dataset.rapportBadge = 'room';   // (the page's setAttribute is one of its traps)
    hosts[1].remove();
    window.tampered = { host: hosts[0], drawn };
    return { shadow: shadow.map((s) => s === null), count: hosts.length };
  });
  assert.deepEqual(tamper.shadow, [true, true], 'the page cannot reach into the badge');
  await page.waitForTimeout(300);
  badges = await settle(page, 2);
  assert.equal(badges.length, 2, 'a removed badge comes back, never twice');
  assert.equal(await page.evaluate(() => window.tampered.host.getAttribute('data-rapport-badge') === window.tampered.drawn), true,
    'its drawing state is put back');
  assert.deepEqual(badges.map((b) => b.summary), before);
  for (const b of badges) {
    assert.equal(await hitsBadge(page, b), true, 'restyled or removed, it is visible again');
  }

  // Keyboard still reaches the tooltip, which lives in the top layer.
  let focused = false;
  for (let i = 0; i < 12 && !focused; i++) {
    await page.keyboard.press('Tab');
    focused = await page.evaluate(() => document.activeElement?.hasAttribute('data-rapport-badge') ?? false);
  }
  assert.ok(focused);
  assert.ok((await readBadges(page)).some((b) => b.tipOpen));

  // The page itself still works: its own timers and handlers ran all along.
  state = await hostileState(page);
  assert.ok(state.forgedReplies.length > 1, 'its forging loop kept running');
  assert.equal(await page.evaluate(() => document.title), 'Ticket #666 – hostile helpdesk (fixture)');
  assert.deepEqual(state.leaks, []);
  assert.deepEqual(errors.filter((e) => !/hostile /.test(e)), [], 'no error but the page\'s own traps');
  await page.close();
});

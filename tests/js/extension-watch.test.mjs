// The page watcher's scroll reads (extension/src/content/watch.js), with a
// fake window whose frames and timers the test runs by hand: no scroll
// listener unless a read asked for one, and one pass per scroll's end however
// many scroll events it fires. In a real browser:
// tests/e2e/extension/siteconfig.test.mjs (a Rocket.Chat pane scrolled to its start).
import test from 'node:test';
import assert from 'node:assert/strict';
import { watchPage } from '../../extension/src/content/watch.js';

function fakeWindow() {
  let now = 0;
  let frames = [];
  const timers = new Map();
  let nextId = 1;
  const listeners = [];
  const target = (name) => ({
    addEventListener: (type, fn, options) => listeners.push({ on: name, type, fn, options }),
    removeEventListener: (type, fn, capture) => {
      const i = listeners.findIndex((l) => l.on === name && l.type === type && l.fn === fn
        && !!(l.options === true || l.options?.capture) === !!capture);
      if (i >= 0) listeners.splice(i, 1);
    },
  });
  const win = {
    ...target('window'),
    location: { href: 'https://desk.example/chat/1' },
    document: { ...target('document'), documentElement: {} },
    MutationObserver: class { observe() {} disconnect() {} },
    requestAnimationFrame: (fn) => frames.push(fn),
    setTimeout: (fn, ms) => { timers.set(nextId, { fn, at: now + ms }); return nextId++; },
    clearTimeout: (id) => timers.delete(id),
  };
  return {
    win,
    scrollListeners: () => listeners.filter((l) => l.on === 'document' && l.type === 'scroll'),
    scroll() { for (const l of this.scrollListeners()) l.fn({ type: 'scroll' }); },
    advance(ms) {
      now += ms;
      for (const [id, t] of [...timers]) if (t.at <= now) { timers.delete(id); t.fn(); }
    },
    runFrames() { const run = frames; frames = []; for (const fn of run) fn(); },
  };
}

test('no scroll listener until a read asks; then one pass per scroll end, none after it is withdrawn', () => {
  const page = fakeWindow();
  let passes = 0;
  const watcher = watchPage({ window: page.win, isOwnNode: () => false, onFrame: () => { passes++; } });
  page.runFrames();
  assert.equal(passes, 1, 'the first pass');
  assert.equal(page.scrollListeners().length, 0, 'a page that does not need it pays nothing per scroll');

  watcher.readOnScroll(true);
  watcher.readOnScroll(true);
  const listeners = page.scrollListeners();
  assert.equal(listeners.length, 1);
  assert.deepEqual(listeners[0].options, { capture: true, passive: true }, 'inner panes count; never blocks scrolling');
  // Twenty scroll events 20 ms apart: nothing while the scroll goes on, one pass at its end.
  for (let i = 0; i < 20; i++) { page.scroll(); page.advance(20); page.runFrames(); }
  assert.equal(passes, 1);
  page.advance(150);
  page.runFrames();
  assert.equal(passes, 2, 'one pass for the whole scroll');
  page.advance(1000);
  page.runFrames();
  assert.equal(passes, 2);

  // A read that no longer needs it: the listener goes, a scroll's pending pass with it.
  page.scroll();
  watcher.readOnScroll(false);
  page.advance(1000);
  page.runFrames();
  assert.equal(passes, 2);
  assert.equal(page.scrollListeners().length, 0);

  watcher.readOnScroll(true);
  watcher.stop();
  assert.equal(page.scrollListeners().length, 0, 'stopped: no listener left');
  watcher.readOnScroll(true);
  assert.equal(page.scrollListeners().length, 0, 'a read finishing after stop adds none');
});

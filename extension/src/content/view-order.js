// Which messages of a conversation the agent sees, and the order the content
// script analyzes and badges them in (run.js): the view first.

// Badges of the messages in and near the view are drawn first, on their own
// in one frame: drawn badges take room and move every message below them,
// so that frame pays for relaying out and re-walking the whole conversation
// (about 30 ms of a loaded 2-core machine for 5,000 messages, with no badge
// at all: plain blocks put in the first messages); carrying off-screen badges
// too made it the longest frame of a long page. Near: within one and a half
// views above or below it, as far as Chromium draws content-visibility: auto
// (kViewportMarginPercentage 150 in its display_lock_document_state.h; with
// half a view, the next group's hosts just past it were found on screen and
// drawn by a second layout pass), at most NEAR_MAX messages.
const NEAR_MAX = 60;
const NEAR_MARGIN = 1.5;   // views
// Then the latest messages, newest first (the last carries the trend), then
// the rest from the oldest down.
const FIRST_DRAWN = 20;

// The messages in or near the view, in page order (NEAR_MAX). Message
// elements follow the page's order on screen (top to bottom, or bottom to
// top in a reversed log), so a binary search over their boxes finds the
// first one reaching the view in a dozen reads of layout (clean between
// frames: the page's change was laid out by the frame that showed it).
function nearTheView(win, messages, anchorOf) {
  const n = messages.length;
  if (!n) return [];
  const view = win.innerHeight || 800;
  const margin = view * NEAR_MARGIN;
  const box = (i) => anchorOf(messages[i]).getBoundingClientRect();
  const reversed = n > 1 && box(n - 1).top < box(0).top;
  const at = (k) => box(reversed ? n - 1 - k : k);   // k-th message from the top of the screen
  let lo = 0; let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (at(mid).bottom < -margin) lo = mid + 1; else hi = mid;
  }
  const near = [];
  for (let k = lo; k < n && near.length < NEAR_MAX && at(k).top <= view + margin; k++) near.push(messages[reversed ? n - 1 - k : k]);
  return reversed ? near.reverse() : near;
}

// { near, order }: the messages in the order they are analyzed and badged: those in view first
// (see NEAR_MAX), then the latest ones (the last carries the trend), then
// the rest from the oldest down. A conversation opened at its end (most
// helpdesks) gets the badges the agent sees first.
export function inViewOrder(win, messages, anchorOf) {
  const near = nearTheView(win, messages, anchorOf);
  const nearSet = new Set(near);
  const rest = messages.filter((m) => !nearSet.has(m));
  return { near, order: [...near, ...rest.slice(-FIRST_DRAWN).reverse(), ...rest.slice(0, Math.max(0, rest.length - FIRST_DRAWN))] };
}

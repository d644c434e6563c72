// Small DOM readers the helpdesk adapters share. Every selector argument may be
// one CSS selector or a list of fallbacks tried in order: helpdesks rename
// things, and the first selector that still matches wins.

const asList = (selectors) => (Array.isArray(selectors) ? selectors : [selectors]);

// First element matching any of the selectors, searched under root.
export function first(root, selectors) {
  if (!root) return null;
  for (const selector of asList(selectors)) {
    const found = root.querySelector(selector);
    if (found) return found;
  }
  return null;
}

// All elements of the first selector that matches anything (not the union:
// a fallback must not add a second, overlapping copy of the same messages).
export function all(root, selectors) {
  if (!root) return [];
  for (const selector of asList(selectors)) {
    const found = root.querySelectorAll(selector);
    if (found.length) return [...found];
  }
  return [];
}

// Reading in steps. A long conversation (thousands of messages) is too much
// to read in one task without blocking the page, so adapters read it as a
// generator, `*readSteps(document)`, that yields after every STEP_ITEMS
// messages; the content script runs one step per task (content/run.js).
// `read(document)` runs all the steps at once (tests, Teach, the options page).
export const STEP_ITEMS = 250;

// items.map(fn), yielding after every STEP_ITEMS items: `yield* mapInSteps(...)`.
export function* mapInSteps(items, fn) {
  const out = [];
  for (let i = 0; i < items.length; i++) {
    out.push(fn(items[i], i));
    if ((i + 1) % STEP_ITEMS === 0 && i + 1 < items.length) yield;
  }
  return out;
}

// A read's work counted in items (about one message read each; smaller
// looks count fractions): `if (spend(n)) yield;` ends the step once
// STEP_ITEMS items of work are done, whatever the loop (the generic mode's
// container search, layout reading and message mapping share one budget).
export function stepBudget(size = STEP_ITEMS) {
  let used = 0;
  return (n = 1) => {
    used += n;
    if (used < size) return false;
    used = 0;
    return true;
  };
}

// In a loop of its own: `if (pauseAt(i)) yield;` before item i.
export const pauseAt = (i) => i > 0 && i % STEP_ITEMS === 0;

export function runSteps(steps) {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

// An adapter written as `*readSteps(document)` also gets the one-go `read`.
export function stepwise(adapter) {
  return { ...adapter, read: (document) => runSteps(adapter.readSteps(document)) };
}

// The element itself or one of its descendants matches.
export function has(element, selectors) {
  return asList(selectors).some((s) => element.matches(s) || element.querySelector(s));
}

const BLOCKS = 'br,p,div,li,blockquote,h1,h2,h3,h4,tr';
const BLOCK_TAGS = new Set(BLOCKS.split(','));
// The selector of what textOf leaves out, `drop` included.
export const skipSelector = (drop = []) => ['script', 'style', 'template', 'button', '[aria-hidden="true"]', '[hidden]', ...drop].join(',');
const NONE = new Set();
const normalize = (text) => text.replace(/[ \t\u00a0]+/g, ' ').replace(/\s*\n\s*/g, '\n').trim();

// Readable text of an element, without the parts a reader does not see as the
// message (quoted history, signatures, buttons, hidden helpers).
export const textOf = (element, options) => readText(element, options).text;

// textOf's text and the elements it left out (`skipped`: those under the
// element matching the skip selector; the element itself is read whatever it
// is). The page is only read, never changed, and nothing is copied: a copy
// cut to size (the clone this once was) made a DOM mutation per part left out
// and per paragraph, each one paid again by every live Range of the page, and
// on a 5,000-message page was most of the read.
export function readText(element, { drop = [] } = {}) {
  if (!element) return { text: '', skipped: NONE };
  const skip = skipSelector(drop);
  // A plain message (nothing to drop, no blocks inside) reads the same
  // without the walk; a long conversation is mostly such messages.
  if (!element.querySelector(`${skip},${BLOCKS},iframe`)) return { text: normalize(element.textContent), skipped: NONE };
  const skipped = new Set(element.querySelectorAll(skip));
  let out = '';
  const visit = (parent) => {
    for (let node = parent.firstChild; node; node = node.nextSibling) {
      if (node.nodeType === 3 || node.nodeType === 4) { out += node.data; continue; }
      if (node.nodeType !== 1) continue;
      const tag = node.localName;
      // A mail shown in a same-origin frame (OTOBO and Znuny show HTML mail in
      // a sandboxed iframe that allows its origin) is read from the frame's
      // document; a cross-origin frame has none and adds nothing.
      if (tag === 'iframe') { out += `\n${frameText(node, drop)}\n`; continue; }
      if (skipped.has(node)) continue;
      visit(node);
      // Block boundaries become line breaks so words of two paragraphs never join.
      if (BLOCK_TAGS.has(tag)) out += '\n';
    }
  };
  visit(element);
  return { text: normalize(out), skipped };
}

function frameText(frame, drop) {
  let body = null;
  try { body = frame.contentDocument?.body ?? null; } catch { body = null; }
  return body ? textOf(body, { drop }) : '';
}

// A message time: a machine-readable attribute when there is one
// (<time datetime>, title, data-time), else the visible text.
export function timeOf(element) {
  if (!element) return null;
  for (const attr of ['datetime', 'data-time', 'data-timestamp', 'title']) {
    const value = element.getAttribute(attr);
    if (value) return value;
  }
  const text = element.textContent.trim();
  return text || null;
}

const EMAIL = /[A-Z0-9._%+-]+@[A-Z0-9.-]+\.[A-Z]{2,}/i;

// An email address from an element: mailto link, an `email` attribute (Gmail
// puts it there), or the first address in its text.
export function emailOf(element) {
  if (!element) return null;
  const href = element.getAttribute('href');
  if (href && href.startsWith('mailto:')) return decodeURIComponent(href.slice(7).split('?')[0]);
  const attr = element.getAttribute('email') || element.getAttribute('data-email');
  if (attr) return attr;
  return element.textContent.match(EMAIL)?.[0] ?? null;
}

// Visible: laid out and not hidden by an ancestor. Helpdesks keep the panes of
// other open tickets in the DOM, hidden; only the shown one is the conversation.
export function isShown(element) {
  if (!element || !element.isConnected) return false;
  if (typeof element.checkVisibility === 'function') return element.checkVisibility();
  return element.getClientRects().length > 0;
}

// The first shown element of a list, or null.
export function firstShown(elements) {
  return elements.find(isShown) ?? null;
}

// A path segment or query value from the URL, by regular expression.
export function fromUrl(location, pattern) {
  const match = `${location.pathname}${location.search}${location.hash}`.match(pattern);
  return match ? match[1] : null;
}

// Host test: exact host or any subdomain of it.
export function onHost(location, host) {
  return location.hostname === host || location.hostname.endsWith(`.${host}`);
}

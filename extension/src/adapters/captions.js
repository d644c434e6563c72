// Captions: the lines a chat or mail block shows around the author's words
// that say who and when, not how they feel: the sender's name, the avatar's
// initials, "Sent 5 minutes ago", "10:42 AM", "Seen". Helpdesks without an
// adapter rarely name them in a class (Libredesk's name and initials,
// Papercups' "Sent … ago" line), so the generic mode reads them with the text
// unless it recognises them by what they are:
//   - a line at the start or end of the block's text (peeled from either
//     edge; never every line, a message keeps at least one),
//   - that is a whole element of its own (its text is exactly that line:
//     "I was sent this 2 days ago" is a sentence, not a caption, and a time
//     inside a sentence is never cut out of it),
//   - whose text is a time, date or delivery status, or a name or address,
//     set in smaller type than the message's text (the fine print; a
//     customer's own "2 hours ago" line is set like the rest of their message
//     and stays; colour alone is not enough: a customer's red "Urgent" or a
//     link is theirs), or one to three capitals in a small square box (an
//     avatar's initials).
import { isFaceBox } from './layout.js';

const STATUS = 'sent|seen|read|delivered|received|edited|posted|replied|updated|failed|pending';
const UNIT = 'seconds?|secs?|s|minutes?|mins?|m|hours?|hrs?|h|days?|d|weeks?|wks?|w|months?|mos?|years?|yrs?|y';
const MONTH = '(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\\.?';
const WEEKDAY = '(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\\.?';
const CLOCK = '\\d{1,2}:\\d{2}(?::\\d{2})?(?:\\s?[ap]\\.?m\\.?)?';
const DATE = [
  '\\d{4}-\\d{2}-\\d{2}(?:[t ]\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?(?:z|[+-]\\d{2}:?\\d{2})?)?',   // ISO 8601
  '\\d{1,2}[/.]\\d{1,2}[/.]\\d{2,4}',
  `${MONTH}\\s\\d{1,2}(?:st|nd|rd|th)?(?:,?\\s\\d{4})?`,
  `\\d{1,2}(?:st|nd|rd|th)?\\s${MONTH}(?:,?\\s\\d{4})?`,
].join('|');
const RELATIVE = `just now|now|today|yesterday|(?:an?|one|a few|\\d+)\\s?(?:${UNIT})\\sago|\\d+\\s?(?:s|m|min|h|d|w|mo|y)`;
const TOKEN = `(?:${STATUS}|${RELATIVE}|${CLOCK}|${DATE}|${WEEKDAY})`;
const SEP = '(?:\\s*[·•|,–—-]\\s*|\\s+(?:at|on)\\s+|\\s+)';
// One to five of those, as "Sent 5 minutes ago", "Today at 10:42 AM · Seen".
const TIME_LINE = new RegExp(`^${TOKEN}(?:${SEP}${TOKEN}){0,4}[\\s✓✔]*$`, 'i');
// A person's name: one to four capitalised words (with the apostrophes and
// hyphens names have, an initial's dot, the lower-case particles of "van
// Dijk", "de la Cruz"), or an email address.
const NAME_WORD = "(?:\\p{Lu}(?:[\\p{L}\\p{M}'’-]+|\\.)?|van|von|der|den|de|la|le|du|del|da|di|bin|al)";
const NAME_LINE = new RegExp(`^${NAME_WORD}(?: ${NAME_WORD}){0,3}$`, 'u');
const EMAIL_LINE = /^[^\s@]+@[^\s@]+\.[a-z]{2,}$/i;
const INITIALS = /^\p{Lu}{1,3}$/u;
const MAX_CAPTION = 48;

// What a line of text could be as a caption, from its text alone: 'initials',
// 'time', 'name' or null (then it is the author's words whatever its element).
export function captionKind(line) {
  if (!line || line.length > MAX_CAPTION) return null;
  if (INITIALS.test(line)) return 'initials';
  if (TIME_LINE.test(line)) return 'time';
  if (NAME_LINE.test(line) || EMAIL_LINE.test(line)) return 'name';
  return null;
}

const norm = (text) => text.replace(/\s+/g, ' ').trim();
const MAX_NODES = 200;

// The block's text nodes with words, outside the parts its reading skips
// (`skipped`, the elements under the block matching `skip`: looked up, not
// matched again for each node up to the page's root).
function wordNodes(block, skip, skipped) {
  if (block.matches(skip)) return [];
  const document = block.ownerDocument;
  const walker = document.createTreeWalker(block, 4 /* NodeFilter.SHOW_TEXT */);
  const nodes = [];
  // Inside a skipped element, each element's answer kept (its ancestors are
  // shared by the block's other text nodes).
  const inside = new Map([[block, false]]);
  const hidden = (el) => {
    let answer = inside.get(el);
    if (answer === undefined) inside.set(el, answer = skipped.has(el) || hidden(el.parentElement));
    return answer;
  };
  for (let node = walker.nextNode(); node && nodes.length < MAX_NODES; node = walker.nextNode()) {
    if (!node.data.trim() || (skipped.size && hidden(node.parentElement))) continue;
    nodes.push(node);
  }
  return nodes;
}

// The largest element (below the block) around `node` whose text is exactly
// `line`, or null when the line is not an element of its own.
function lineElement(node, block, line) {
  let found = null;
  for (let el = node.parentElement; el && el !== block; el = el.parentElement) {
    if (norm(el.textContent) !== line) break;
    found = el;
  }
  return found;
}

function smallerType(node, reference) {
  const view = node.ownerDocument.defaultView;
  const size = (text) => parseFloat(view.getComputedStyle(text.parentElement).fontSize);
  return size(node) < size(reference) - 0.5;
}

function isCaption(kind, node, element, reference) {
  if (kind === 'initials') {
    for (let el = node.parentElement; el !== element.parentElement; el = el.parentElement) {
      if (isFaceBox(el.getBoundingClientRect())) return true;
    }
    return false;
  }
  return smallerType(node, reference);
}

// Whether the text's first or last line could be a caption: only then is
// the block's DOM looked at (most messages: no DOM work; a block looked at
// costs about four plain messages' reads).
export function mayHaveCaptions(text) {
  const cut = text.indexOf('\n');
  return cut >= 0 && (!!captionKind(text.slice(0, cut)) || !!captionKind(text.slice(text.lastIndexOf('\n') + 1)));
}

// `text` (the block as textOf read it, `skip` the selector of what it left
// out, `skipped` the elements under the block it left out, readText in dom.js)
// without its captions.
export function withoutCaptions(block, text, skip, skipped = null) {
  if (!mayHaveCaptions(text)) return text;
  const lines = text.split('\n');
  const nodes = wordNodes(block, skip, skipped ?? new Set(block.querySelectorAll(skip)));
  if (!nodes.length) return text;
  // The message's own type: that of its longest run of text.
  const reference = nodes.reduce((a, b) => (b.data.trim().length > a.data.trim().length ? b : a));
  let front = 0;
  let back = 0;
  let first = 0;
  let last = nodes.length - 1;
  // One edge line: a caption element whose text is exactly that line.
  const peel = (node, line) => {
    const kind = captionKind(line);
    const element = kind && lineElement(node, block, line);
    if (!element || element.contains(reference)) return null;
    return isCaption(kind, node, element, reference) ? element : null;
  };
  while (front + back < lines.length - 1 && first <= last) {
    const element = peel(nodes[first], lines[front]);
    if (!element) break;
    front++;
    while (first <= last && element.contains(nodes[first])) first++;
  }
  while (front + back < lines.length - 1 && first <= last) {
    const element = peel(nodes[last], lines[lines.length - 1 - back]);
    if (!element) break;
    back++;
    while (first <= last && element.contains(nodes[last])) last--;
  }
  return front || back ? lines.slice(front, lines.length - back).join('\n') : text;
}

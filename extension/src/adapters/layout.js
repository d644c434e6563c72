// Where a message's text sits in its conversation, for layouts whose markup
// does not say who wrote what. Only text is measured, never the boxes: a chat
// row is often as wide as the thread while its bubble hugs one side, and
// Rapport's own badge (text in a closed shadow root) must not move the reading.

const MAX_TEXT_NODES = 20;  // enough to place a bubble; bounds the cost of a long one

// One Range per document, used again: each live Range is updated by every
// change of its document until the garbage collector takes it, and a read of
// a long page measuring with a new one per message left thousands for the
// page's next changes (and the next read) to pay for.
const ranges = new WeakMap();
function rangeFor(document) {
  let range = ranges.get(document);
  if (!range) ranges.set(document, range = document.createRange());
  return range;
}

// The rectangle around the element's visible text, or null.
export function textBox(element) {
  const document = element.ownerDocument;
  const walker = document.createTreeWalker(element, 4 /* NodeFilter.SHOW_TEXT */);
  const range = rangeFor(document);
  let box = null;
  for (let node = walker.nextNode(), seen = 0; node && seen < MAX_TEXT_NODES; node = walker.nextNode()) {
    if (!node.data.trim()) continue;
    seen++;
    range.selectNodeContents(node);
    const r = range.getBoundingClientRect();
    if (!r.width || !r.height) continue;
    box = box
      ? { left: Math.min(box.left, r.left), right: Math.max(box.right, r.right), top: Math.min(box.top, r.top), bottom: Math.max(box.bottom, r.bottom) }
      : { left: r.left, right: r.right, top: r.top, bottom: r.bottom };
  }
  range.setStart(document, 0);  // let go of the last message measured
  range.collapse(true);
  return box;
}

const marginOf = (width) => Math.max(16, width * 0.08);

// 'left', 'right' or 'center': where the message's row packs its bubble when it
// says so (alignedSide: the page's own declaration, surer than geometry: an
// agent's short note beside an avatar column can sit nearer the middle than the
// right edge), else where the text clearly keeps to one part of the container
// (by at least 8% of its width, 16 px at least), else null: text that spans the
// thread says nothing about its author.
// `frame`: the container's box when the caller already read it (one read for
// many messages; boxes are relative to the view, so read in the same task).
export function sideOf(element, container, frame = null) {
  const aligned = alignedSide(element);
  if (aligned) return aligned;
  const box = textBox(element);
  frame ??= container.getBoundingClientRect();
  if (!box || !frame.width) return null;
  const margin = marginOf(frame.width);
  const leftGap = box.left - frame.left;
  const rightGap = frame.right - box.right;
  if (rightGap - leftGap > margin) return 'left';
  if (leftGap - rightGap > margin) return 'right';
  if (leftGap > margin && rightGap > margin) return 'center';
  return null;
}

const START = new Set(['normal', 'flex-start', 'start', 'left']);
const END = new Set(['flex-end', 'end', 'right']);

// A long message fills its bubble and a wide bubble most of the thread, so its
// text sits nowhere in particular; its row may still say which side it packs
// the bubble to (Chatwoot: each message is a flex row, justify-content start for
// the contact, end for agents, center for activity lines). Read down the
// message's single-child chain (three levels at most) to the first flex row:
// its justify-content says where it packs its only child, and the child must
// sit there (by 8 px at least; a child that fills the row is packed nowhere, and
// one pushed by an auto margin against the row's packing disagrees: no answer).
// Rows holding an avatar beside the text have two children and are not read.
export function alignedSide(element) {
  const view = element.ownerDocument.defaultView;
  let row = element;
  for (let depth = 0; depth < 3; depth++) {
    const kids = [...row.children].filter((k) => k.firstChild);
    if (kids.length !== 1) return null;
    const style = view.getComputedStyle(row);
    if (/flex/.test(style.display) && /^row/.test(style.flexDirection)) {
      const reverse = style.flexDirection === 'row-reverse';
      const justify = style.justifyContent.replace(/^(safe|unsafe) /, '');
      let packed = null;
      if (justify === 'center') packed = 'center';
      else if (START.has(justify)) packed = reverse ? 'right' : 'left';
      else if (END.has(justify)) packed = reverse ? 'left' : 'right';
      const outer = row.getBoundingClientRect();
      const inner = kids[0].getBoundingClientRect();
      const leftGap = inner.left - outer.left;
      const rightGap = outer.right - inner.right;
      let placed = null;
      if (rightGap - leftGap >= 8) placed = 'left';
      else if (leftGap - rightGap >= 8) placed = 'right';
      else if (leftGap >= 8 && rightGap >= 8) placed = 'center';
      return packed === placed ? packed : null;
    }
    row = kids[0];
  }
  return null;
}

// Each element starts below the previous one (a thread), not beside it (a grid).
export function isStacked(elements) {
  let last = -Infinity;
  for (const element of elements) {
    const r = element.getBoundingClientRect();
    if (r.top < last - 1) return false;
    last = r.bottom;
  }
  return true;
}

// The face a message shows before its text, as a key: a small square picture
// (img src, or an inline svg's drawing), or a small square element holding one
// to three letters (initials); null when the message has none, or when text
// comes first (a name above the bubble: the face, if any, is not read).
// Chat tools that put only the viewer's own messages on the right show
// everyone else on the left, the customer and a colleague alike (Papercups: the
// customer's icon, a colleague's initial); two faces on the customer's side
// mean two authors there.
const MAX_FACE_NODES = 40;
export function faceOf(element) {
  const document = element.ownerDocument;
  const walker = document.createTreeWalker(element, 1 | 4 /* SHOW_ELEMENT | SHOW_TEXT */);
  for (let node = walker.nextNode(), seen = 0; node && seen < MAX_FACE_NODES; node = walker.nextNode(), seen++) {
    if (node.nodeType === 3) {
      if (node.data.trim().length > 3) return null;
      continue;
    }
    const tag = node.localName;
    let key = null;
    if (tag === 'img') key = `img ${node.getAttribute('src') ?? ''}`;
    else if (tag === 'svg') key = `svg ${node.innerHTML.slice(0, 160)}`;
    else if (!node.firstElementChild) {
      const text = node.textContent.trim();
      if (text.length >= 1 && text.length <= 3) key = `text ${text}`;
    }
    if (!key) continue;
    if (isFaceBox(node.getBoundingClientRect())) return key;
  }
  return null;
}

// An avatar's box: small and about square.
export function isFaceBox(r) {
  const big = Math.max(r.width, r.height);
  return big >= 8 && big <= 72 && Math.abs(r.width - r.height) <= big * 0.35;
}

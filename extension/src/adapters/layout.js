// Where a message's text sits in its conversation, for layouts whose markup
// does not say who wrote what. Only text is measured, never the boxes: a chat
// row is often as wide as the thread while its bubble hugs one side, and
// Rapport's own badge (text in a closed shadow root) must not move the reading.

const MAX_TEXT_NODES = 20;  // enough to place a bubble; bounds the cost of a long one

// The rectangle around the element's visible text, or null.
export function textBox(element) {
  const document = element.ownerDocument;
  const walker = document.createTreeWalker(element, 4 /* NodeFilter.SHOW_TEXT */);
  const range = document.createRange();
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
  return box;
}

// 'left', 'right' or 'center' when the text clearly keeps to one part of the
// container (by at least 8% of its width, 16 px at least), else null: text
// that spans the thread says nothing about its author.
export function sideOf(element, container) {
  const box = textBox(element);
  const frame = container.getBoundingClientRect();
  if (!box || !frame.width) return null;
  const margin = Math.max(16, frame.width * 0.08);
  const leftGap = box.left - frame.left;
  const rightGap = frame.right - box.right;
  if (rightGap - leftGap > margin) return 'left';
  if (leftGap - rightGap > margin) return 'right';
  if (leftGap > margin && rightGap > margin) return 'center';
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

// The draft of a contenteditable editor as plain text, with a map back to the
// DOM: each text node's offset in the text. Block boundaries and <br> become
// "\n" (not mapped to any node), so the words of two paragraphs never join
// and review offsets (UTF-16 units of this text) turn back into DOM Ranges.
const BLOCK = new Set(['P', 'DIV', 'LI', 'UL', 'OL', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'BLOCKQUOTE', 'PRE', 'TR', 'TABLE', 'SECTION', 'ARTICLE']);
const SKIP = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT']);

export function readEditable(root) {
  let text = '';
  const nodes = [];  // { node, start }
  const newline = () => { if (text && !text.endsWith('\n')) text += '\n'; };
  const visit = (node) => {
    if (node.nodeType === 3) {
      nodes.push({ node, start: text.length });
      text += node.data;
      return;
    }
    if (node.nodeType !== 1 || SKIP.has(node.nodeName)) return;
    // Non-editable islands inside the editor (widgets, mentions UI) are not draft text.
    if (node !== root && node.getAttribute('contenteditable') === 'false') return;
    if (node.nodeName === 'BR') { text += '\n'; return; }
    const block = BLOCK.has(node.nodeName);
    if (block) newline();
    for (let child = node.firstChild; child; child = child.nextSibling) visit(child);
    if (block) newline();
  };
  for (let child = root.firstChild; child; child = child.nextSibling) visit(child);
  // A trailing newline is layout, not draft.
  const draft = text.replace(/\n+$/, '');
  return { text: draft, nodes };
}

// The DOM position of a text offset. At a boundary between two text nodes,
// `side` picks the end of the earlier one ('before') or the start of the later.
export function positionAt(map, offset, side = 'after') {
  const { nodes } = map;
  let found = null;
  for (const entry of nodes) {
    const end = entry.start + entry.node.data.length;
    if (offset < entry.start) break;
    if (offset <= end) {
      found = { node: entry.node, offset: offset - entry.start };
      if (side === 'before' || offset < end) return found;
    } else {
      found = { node: entry.node, offset: entry.node.data.length };  // inside a virtual "\n" after it
    }
  }
  return found;
}

export function rangeOf(map, start, end) {
  const from = positionAt(map, start, 'after');
  const to = positionAt(map, end, 'before');
  if (!from || !to) return null;
  const range = from.node.ownerDocument.createRange();
  range.setStart(from.node, from.offset);
  range.setEnd(to.node, to.offset);
  if (range.collapsed && start !== end) return null;
  return range;
}

// Where characters of a <textarea> are on screen: a hidden copy of the field
// (same box, font and wrapping) with the text before and the span to measure.
// It lives inside Rapport's own shadow root, so the page never sees it.
const COPIED = ['boxSizing', 'width', 'height', 'paddingTop', 'paddingRight', 'paddingBottom', 'paddingLeft',
  'borderTopWidth', 'borderRightWidth', 'borderBottomWidth', 'borderLeftWidth', 'borderStyle',
  'fontFamily', 'fontSize', 'fontWeight', 'fontStyle', 'fontStretch', 'fontVariant', 'lineHeight',
  'letterSpacing', 'wordSpacing', 'textTransform', 'textIndent', 'tabSize', 'direction', 'textAlign'];

export function textareaRects(container, field, start, end) {
  const doc = container.ownerDocument;
  const view = field.ownerDocument.defaultView;
  const style = view.getComputedStyle(field);
  const box = doc.createElement('div');
  for (const p of COPIED) box.style[p] = style[p];
  Object.assign(box.style, { position: 'fixed', left: '0px', top: '0px', visibility: 'hidden', overflow: 'hidden',
    whiteSpace: field.localName === 'textarea' ? 'pre-wrap' : 'pre', overflowWrap: 'break-word', borderColor: 'transparent' });
  const value = field.value;
  const mark = doc.createElement('span');
  mark.textContent = value.slice(start, end) || '\u200b';
  box.append(doc.createTextNode(value.slice(0, start)), mark, doc.createTextNode(value.slice(end) + ' '));
  container.append(box);
  try {
    const origin = box.getBoundingClientRect();
    const at = field.getBoundingClientRect();
    return [...mark.getClientRects()].map((r) => ({
      left: at.left + (r.left - origin.left) - field.scrollLeft,
      top: at.top + (r.top - origin.top) - field.scrollTop,
      width: r.width, height: r.height,
    }));
  } finally {
    box.remove();
  }
}

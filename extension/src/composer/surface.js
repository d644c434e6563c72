// A reply editor as the composer sees it, whatever it is built with: a
// <textarea>, a contenteditable element (CKEditor 5, ProseMirror, Lexical,
// Draft.js, Quill, Summernote, ...) or the editable body of a same-origin
// iframe (CKEditor 4, TinyMCE). It reads the draft, measures where a span of
// it is on screen, and applies a replacement through the editor's own input
// path: select the span, then insertText, exactly the events typing makes,
// so the editor's model, undo stack and form field follow as they do for
// typing. The editor's DOM is never written to directly.
import { isSensitiveField } from './sensitive.js';
import { readEditable, rangeOf } from './text-map.js';
import { textareaRects } from './mirror.js';

// Editors that keep their undo history from key and paste events, not from
// input events (CKEditor 4 and 5, TinyMCE): for them a replacement arrives as
// what it is to them, a paste of plain text, which each handles (and records
// as one undo step) through its own clipboard pipeline. Every other editor
// gets insertText, the event typing makes.
const PASTE_EDITORS = '.cke_editable, .ck-editor__editable, .mce-content-body';
// Summernote takes its undo snapshots on keydown and mouseup only (it assumes
// every change starts with one): the snapshot a click into the editor would
// take is asked for the same way before the text is inserted.
const SNAPSHOT_ON_MOUSEUP = '.note-editable';

function pasteText(root, text) {
  const data = new DataTransfer();
  data.setData('text/plain', text);
  const event = new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true });
  root.dispatchEvent(event);
  return event.defaultPrevented;  // the editor took it
}

const nextFrame = (win) => new Promise((resolve) => win.requestAnimationFrame(() => resolve()));
const pause = (win, ms) => new Promise((resolve) => win.setTimeout(resolve, ms));

// The editing host an element belongs to (the outermost contenteditable).
function editingHost(element) {
  let host = null;
  for (let el = element; el && el.nodeType === 1; el = el.parentElement) {
    if (el.isContentEditable) host = el;
    else if (host) break;
  }
  return host;
}

function frameBody(iframe) {
  try {
    const body = iframe.contentDocument?.body;
    return body && (body.isContentEditable || iframe.contentDocument.designMode === 'on') ? body : null;
  } catch {
    return null;  // cross-origin frame: not ours to read
  }
}

// The surface for an element (or null when it is no editor, or a field Rapport never reads).
export function surfaceFor(element) {
  if (!element || element.nodeType !== 1) return null;
  if (element.localName === 'iframe') {
    const body = frameBody(element);
    return body ? editableSurface(body, element) : null;
  }
  if (isSensitiveField(element)) return null;
  if (element.localName === 'textarea' || (element.localName === 'input' && /^(text|search|)$/.test(element.type))) {
    return element.readOnly || element.disabled ? null : textareaSurface(element);
  }
  const host = editingHost(element);
  if (!host || isSensitiveField(host)) return null;
  return editableSurface(host, null);
}

function textareaSurface(field) {
  const doc = field.ownerDocument;
  return {
    kind: 'textarea',
    element: field,
    target: field,
    frame: null,
    read: () => ({ text: field.value }),
    rects: (container, start, end) => textareaRects(container, field, start, end),
    box: () => field.getBoundingClientRect(),
    async apply(start, end, text) {
      field.focus();
      field.setSelectionRange(start, end);
      // insertText keeps the browser's own undo stack and fires input events.
      if (!doc.execCommand('insertText', false, text)) {
        field.setRangeText(text, start, end, 'end');
        field.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertReplacementText', data: text }));
      }
      return field.value.slice(start, start + text.length) === text;
    },
  };
}

function editableSurface(root, frame) {
  const doc = root.ownerDocument;
  const win = doc.defaultView;
  const offset = () => {
    if (!frame) return { x: 0, y: 0 };
    const r = frame.getBoundingClientRect();
    return { x: r.left + frame.clientLeft, y: r.top + frame.clientTop };
  };
  return {
    kind: frame ? 'iframe' : 'contenteditable',
    element: root,
    target: frame ?? root,
    frame,
    read: () => readEditable(root),
    rects(container, start, end, map = readEditable(root)) {
      const range = rangeOf(map, start, end);
      if (!range) return [];
      const o = offset();
      return [...range.getClientRects()].filter((r) => r.width > 0)
        .map((r) => ({ left: r.left + o.x, top: r.top + o.y, width: r.width, height: r.height }));
    },
    box() {
      const r = (frame ?? root).getBoundingClientRect();
      return r;
    },
    async apply(start, end, text) {
      const map = readEditable(root);
      const range = start === end && start >= map.text.length ? endRange(root) : rangeOf(map, start, end);
      if (!range) return false;
      // Some editors restore their own selection when they get focus (CKEditor 5
      // renders it again a moment after focus): focus first, then select the
      // span until the selection holds, so the text never lands at their caret.
      const wanted = map.text.slice(start, end);
      if (doc.activeElement !== root && !root.contains(doc.activeElement)) {
        root.focus();
        await pause(win, 80);
      }
      const selection = win.getSelection();
      for (let attempt = 0; attempt < 5; attempt++) {
        const changed = new Promise((resolve) => doc.addEventListener('selectionchange', resolve, { once: true }));
        selection.removeAllRanges();
        selection.addRange(range);
        // Editors sync their model's selection on selectionchange: let it land first.
        await Promise.race([changed, pause(win, 100)]);
        await nextFrame(win);
        if (selection.rangeCount === 1 && selection.toString() === wanted) break;
      }
      if (root.matches(SNAPSHOT_ON_MOUSEUP)) root.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
      if (!(root.matches(PASTE_EDITORS) && pasteText(selection.anchorNode?.parentElement ?? root, text))) {
        doc.execCommand('insertText', false, text);
      }
      await nextFrame(win);
      return readEditable(root).text.includes(text.trim());
    },
  };
}

// The caret at the very end of the draft's last text (absence suggestions insert there).
function endRange(root) {
  const doc = root.ownerDocument;
  const walker = doc.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
  let last = null;
  for (let n = walker.nextNode(); n; n = walker.nextNode()) if (n.data.trim()) last = n;
  const range = doc.createRange();
  if (last) range.setStart(last, last.data.length); else range.setStart(root, root.childNodes.length);
  range.collapse(true);
  return range;
}

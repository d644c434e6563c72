// Bytes in, text out, a chunk at a time: never the whole file in memory.
// Accepts a Blob/File (browsers, workers), a WHATWG ReadableStream, any async
// iterable of Uint8Array (Node streams) or, for tests, a string or bytes.
// Text must be UTF-8 (a BOM is dropped) or UTF-16 with its BOM; anything else
// stops with the line of the first bad byte, so a Windows-1252 export is
// reported instead of being imported with garbled letters.
import { ImportError, throwIfAborted } from './errors.js';

export const CHUNK_BYTES = 1 << 20;
const encoder = new TextEncoder();

export function sourceSize(source) {
  if (typeof Blob !== 'undefined' && source instanceof Blob) return source.size;
  if (source instanceof Uint8Array) return source.byteLength;
  if (typeof source === 'string') return encoder.encode(source).byteLength;
  return source?.size ?? null;
}

export async function* byteChunks(source, { chunkBytes = CHUNK_BYTES, maxBytes = Infinity } = {}) {
  if (typeof source === 'string') source = encoder.encode(source);
  if (source instanceof Uint8Array) {
    const end = Math.min(source.byteLength, maxBytes);
    for (let off = 0; off < end; off += chunkBytes) yield source.subarray(off, Math.min(end, off + chunkBytes));
    return;
  }
  if (typeof Blob !== 'undefined' && source instanceof Blob) {
    const end = Math.min(source.size, maxBytes);
    for (let off = 0; off < end; off += chunkBytes) {
      yield new Uint8Array(await source.slice(off, Math.min(end, off + chunkBytes)).arrayBuffer());
    }
    return;
  }
  let seen = 0;
  const iterable = typeof source?.getReader === 'function' ? readerIterable(source)
    : source?.[Symbol.asyncIterator] ? source : null;
  if (!iterable) throw new ImportError('nothing to read: expected a file, a stream or text');
  for await (const chunk of iterable) {
    const bytes = typeof chunk === 'string' ? encoder.encode(chunk) : new Uint8Array(chunk.buffer ?? chunk, chunk.byteOffset ?? 0, chunk.byteLength);
    yield bytes;
    seen += bytes.byteLength;
    if (seen >= maxBytes) return;
  }
}

async function* readerIterable(stream) {
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

function encodingOf(first) {
  if (first[0] === 0xff && first[1] === 0xfe) return 'utf-16le';
  if (first[0] === 0xfe && first[1] === 0xff) return 'utf-16be';
  return 'utf-8';
}

// The index of the first byte that is not valid UTF-8 (only called after the
// decoder refused a chunk, to say where).
function firstInvalidUtf8(bytes) {
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i];
    const n = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (n === 0) return i;
    if (i + n > bytes.length) return i;  // cut at the chunk end: not an error by itself
    for (let k = 1; k < n; k++) if ((bytes[i + k] & 0xc0) !== 0x80) return i;
    i += n;
  }
  return -1;
}

function countNewlines(bytes, end) {
  let n = 0;
  for (let i = 0; i < end; i++) if (bytes[i] === 0x0a) n++;
  return n;
}

// Yields { text, bytes } where bytes counts the source bytes consumed so far.
export async function* textChunks(source, { signal, chunkBytes, maxBytes } = {}) {
  let decoder = null;
  let consumed = 0;
  let lines = 1;
  for await (const raw of byteChunks(source, { chunkBytes, maxBytes })) {
    throwIfAborted(signal);
    if (!decoder) decoder = new TextDecoder(encodingOf(raw), { fatal: true });
    let text;
    try {
      text = decoder.decode(raw, { stream: true });
    } catch {
      const at = Math.max(0, firstInvalidUtf8(raw));  // -1: the bad sequence began in the previous chunk
      throw new ImportError('the file is not UTF-8 text (an invalid byte here: was it saved as Windows-1252 or Latin-1? ' +
        'Save it as UTF-8 and import it again)', { line: lines + countNewlines(raw, at) });
    }
    consumed += raw.byteLength;
    lines += countNewlines(raw, raw.length);
    if (text) yield { text, bytes: consumed };
  }
  if (decoder) {
    let tail;
    try {
      tail = decoder.decode();
    } catch {
      throw new ImportError('the file ends in the middle of a character (truncated?)', { line: lines });
    }
    if (tail) yield { text: tail, bytes: consumed };
  }
}

// The first `maxBytes` of a source as text (for sniffing and previews).
export async function headText(source, maxBytes = 256 * 1024) {
  let text = '';
  try {
    for await (const chunk of textChunks(source, { maxBytes, chunkBytes: maxBytes })) text += chunk.text;
  } catch (error) {
    // A multi-byte character cut at maxBytes is fine for a preview.
    if (!(error instanceof ImportError) || !/ends in the middle/.test(error.message)) throw error;
  }
  return text;
}

// The first bytes as text (for sniffing) and a source that still yields every
// byte: files and buffers can be read twice; a one-shot stream or async
// iterable is read until `maxBytes`, and those chunks are replayed before the rest.
export async function peekSource(source, maxBytes = 64 * 1024) {
  const rereadable = typeof source === 'string' || source instanceof Uint8Array
    || (typeof Blob !== 'undefined' && source instanceof Blob);
  if (rereadable) return { head: await headText(source, maxBytes), source };
  const iterator = byteChunks(source)[Symbol.asyncIterator]();
  const buffered = [];
  let size = 0;
  while (size < maxBytes) {
    const { done, value } = await iterator.next();
    if (done) break;
    buffered.push(value);
    size += value.byteLength;
  }
  const joined = new Uint8Array(size);
  let off = 0;
  for (const b of buffered) { joined.set(b, off); off += b.byteLength; }
  const head = await headText(joined, maxBytes);
  async function* replay() {
    yield* buffered;
    for (;;) {
      const { done, value } = await iterator.next();
      if (done) return;
      yield value;
    }
  }
  return { head, source: replay() };
}

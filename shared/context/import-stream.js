// An orders/CRM file handed over a bridge piece by piece (the extension's
// side panel reads the agent's file in chunks and sends them to its engine
// host), so no message carries the whole file: one streamed, all-or-nothing
// import (importIntoContext) per session, with progress and cancel.
//
//   start(firstText, { name, mapping, size })  -> { importId, mapping, columns }
//   chunk(importId, text)                      -> progress, once the importer took the text
//   finish(importId)                           -> { importId, rows, added, duplicates, seconds, mapping, columns }
//   cancel(importId)                           -> { cancelled }: true, nothing of the file is kept;
//                                                 false, it was already committed (or unknown)
//
// progress: { rows, bytes, totalBytes, share, rowsPerSecond, secondsLeft }
// (shared/import/progress.js; share and time left from `size`, the file's
// bytes). chunk() resolving only when its text was taken is the back
// pressure: a sender that awaits each call never has more than one chunk
// queued. A failed import (a bad row: an ImportError naming line, record
// and field) rejects the next chunk() or finish(). A session without a call
// for `idleMs` (the sender went away) is cancelled.
import { ImportError, cancelledError } from '../import/errors.js';
import { chooseMapping, columnsRead, importIntoContext } from './import.js';

export const MAX_CHUNK_CHARS = 16 << 20;

export function importSessions(getService, { idleMs = 30_000 } = {}) {
  const sessions = new Map();
  let count = 0;

  function find(importId) {
    const s = sessions.get(importId);
    if (!s) throw new ImportError(`no import '${importId}' is running (it finished, was cancelled, or got no chunk for ${idleMs / 1000} s)`);
    s.touch();
    return s;
  }

  // The session's error, once: the import is over.
  function failure(s, error) {
    s.close();
    return error;
  }

  async function start(first, { name = 'import', mapping, size = null } = {}) {
    if (typeof first !== 'string' || !first) throw new ImportError('the file is empty');
    if (first.length > MAX_CHUNK_CHARS) throw new ImportError(`a chunk may hold at most ${MAX_CHUNK_CHARS} characters`);
    const total = Number.isFinite(size) && size > 0 ? size : null;
    // The first chunk stands for the file's head, up to its last whole line
    // (the import reads the row cut there whole), of unknown size (so a JSON
    // array cut short is not an error either).
    const end = first.lastIndexOf('\n');
    const cut = end > 0 ? first.slice(0, end + 1) : first;
    const head = { size: null, async* [Symbol.asyncIterator]() { yield cut; } };
    const chosen = await chooseMapping(head, { name, mapping });
    const service = await getService();
    const importId = `import-${Date.now()}-${++count}`;
    const controller = new AbortController();
    const queue = [{ text: first, taken: () => {} }];
    let wake = null;
    let ended = false;
    let timer = null;
    const s = {
      progress: { rows: 0, bytes: 0, totalBytes: total, share: total ? 0 : null, rowsPerSecond: 0, secondsLeft: null },
      touch() {
        clearTimeout(timer);
        timer = setTimeout(() => { controller.abort(); wake?.(); s.close(); }, idleMs);
      },
      close() { clearTimeout(timer); sessions.delete(importId); },
      hold() { clearTimeout(timer); },   // finishing: no longer waiting for the sender
      push(text) {
        return new Promise((taken) => { queue.push({ text, taken }); wake?.(); });
      },
      end() { ended = true; wake?.(); },
      cancel() { controller.abort(); wake?.(); },
    };
    // What runImport reads: the chunks as they come; a cancel while it
    // waits for one throws (returning would look like the end of the file).
    const source = {
      size: total,
      async* [Symbol.asyncIterator]() {
        for (;;) {
          if (controller.signal.aborted) throw cancelledError();
          if (queue.length) {
            const { text, taken } = queue.shift();
            taken();
            yield text;
          } else if (ended) {
            return;
          } else {
            await new Promise((resolve) => { wake = resolve; });
            wake = null;
          }
        }
      },
    };
    s.result = importIntoContext(service, { source, name, mapping: chosen, importId, signal: controller.signal,
      onProgress: (p) => { s.progress = p; } });
    s.result.catch(() => {});  // reported by chunk(), finish() or cancel()
    s.answer = { mapping: chosen, columns: columnsRead(chosen) };
    sessions.set(importId, s);
    s.touch();
    return { importId, ...s.answer };
  }

  async function chunk(importId, text) {
    const s = find(importId);
    if (typeof text !== 'string') throw new ImportError('a chunk must be text');
    if (text.length > MAX_CHUNK_CHARS) throw new ImportError(`a chunk may hold at most ${MAX_CHUNK_CHARS} characters`);
    // Taken, or the import failed meanwhile (its error is the answer).
    try {
      await Promise.race([s.push(text), s.result.then(() => {})]);
    } catch (error) {
      throw failure(s, error);
    }
    s.touch();   // the wait for the next chunk starts now
    return s.progress;
  }

  async function finish(importId) {
    const s = find(importId);
    s.hold();
    s.end();
    try {
      const result = await s.result;
      s.close();
      return { ...result, ...s.answer };
    } catch (error) {
      throw failure(s, error);
    }
  }

  async function cancel(importId) {
    const s = sessions.get(importId);
    if (!s) return { cancelled: false };
    s.cancel();
    // A cancel that came after the commit began cannot take it back: say so.
    const committed = await s.result.then(() => true, () => false);
    s.close();
    return { cancelled: !committed };
  }

  return { start, chunk, finish, cancel, get running() { return sessions.size; } };
}

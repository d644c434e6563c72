// Bundled by scripts/bench/context-import.mjs: imports the CSV it is sent
// into a fresh context service, off the page's main thread (as the dashboard
// and the extension's engine host run imports), and reports the time.
import { previewContextImport, importIntoContext } from '../../shared/context/import.js';
import { openContextService } from '../../shared/context/service.js';

self.onmessage = async ({ data: { csv, dbName } }) => {
  try {
    const file = new Blob([csv], { type: 'text/csv' });
    const service = await openContextService({ dbName });
    const preview = await previewContextImport(file, { name: 'orders.csv' });
    const started = performance.now();
    let lastProgress = null;
    const result = await importIntoContext(service, { source: file, name: 'orders.csv', mapping: preview.mapping,
      onProgress: (p) => { lastProgress = p; } });
    const seconds = (performance.now() - started) / 1000;
    const customers = service.customers().length;
    const stored = (await service.store.estimate()).events;
    service.close();
    self.postMessage({ ok: true, seconds, rows: result.rows, added: result.added, customers, stored,
      rowsPerSecond: lastProgress?.rowsPerSecond ?? null });
  } catch (error) {
    self.postMessage({ ok: false, message: String(error?.message ?? error) });
  }
};

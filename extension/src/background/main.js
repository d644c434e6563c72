// The background context. Chrome: the service worker, which routes messages
// and leaves the engine to the offscreen document's worker. Firefox: the
// background page, which routes and starts the engine worker itself. The
// build picks the engine link per browser (the 'rapport-engine-link' alias in
// extension/build.mjs); neither background carries the engine code, which is
// bundled in engine-host/worker.js.
import { createLink } from 'rapport-engine-link';
import { ext } from '../platform/ext.js';
import { SETTINGS_KEY } from '../platform/settings.js';
import { watchSites } from '../platform/sites.js';
import { createRouter } from './router.js';

const link = createLink();
createRouter(link);
watchSites();

// A new team rule pack (options page) applies to the running engine at once;
// an engine started later reads it itself.
ext.storage.onChanged.addListener((changes, area) => {
  const change = area === 'local' ? changes[SETTINGS_KEY] : undefined;
  if (!change || !link.running) return;
  const before = change.oldValue?.rulePack ?? null;
  const after = change.newValue?.rulePack ?? null;
  if (JSON.stringify(before) === JSON.stringify(after)) return;
  link.call(after ? 'loadRulePack' : 'resetRulePack', after ? [after] : [])
    .catch((e) => console.warn('Rapport: the new rule pack does not load', e));
});

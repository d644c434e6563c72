// What the options page does to data: checks a rule pack with the engine,
// measures and deletes everything Rapport keeps in this browser.
import { ext } from '../platform/ext.js';
import { loadSettings } from '../platform/settings.js';
import { disableSite } from '../platform/sites.js';

// Parses and loads `text` into `analyzer` (a scratch one), so the engine's
// own checks decide; throws RAPPORT_E_RULE_PACK with `details`
// ([{path, code, message}]) or a JSON syntax error with its position.
export async function validateRulePack(analyzer, text) {
  let pack;
  try {
    pack = JSON.parse(text);
  } catch (error) {
    throw Object.assign(new Error(`not valid JSON (${error.message})`), { details: [] });
  }
  const { ruleCount } = analyzer.loadRulePack(text);
  analyzer.resetRulePack();
  return { name: typeof pack.name === 'string' ? pack.name : (pack.base ? `overlay on ${pack.base}` : 'unnamed'), ruleCount };
}

// Bytes kept: extension storage (settings, site configurations) and the
// origin's IndexedDB/Cache (customer history), as the browser counts them.
export async function dataSize() {
  const all = await ext.storage.local.get(null);
  const storage = new TextEncoder().encode(JSON.stringify(all)).length;
  const estimate = await navigator.storage?.estimate?.().catch(() => null);
  const databases = estimate?.usage ?? 0;
  return { bytes: storage + databases, parts: [['settings and site configurations', storage], ['customer history', databases]] };
}

export async function deleteAllData() {
  const { sites } = await loadSettings();
  for (const origin of sites) await disableSite(`${origin}/`);
  await ext.storage.local.clear();
  for (const db of (await indexedDB.databases?.()) ?? []) {
    await new Promise((resolve) => {
      const request = indexedDB.deleteDatabase(db.name);
      request.onsuccess = request.onerror = request.onblocked = () => resolve();
    });
  }
}

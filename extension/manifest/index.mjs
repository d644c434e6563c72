// Turns the one manifest source (manifest.json here) into the manifest of one
// browser: the 'chrome' or 'firefox' block is merged over the common keys
// (a key ending in '+' appends to the common array), the version comes from
// package.json, and keys pointing at pages the build did not find (side
// panel, sidebar) are left out rather than pointing at a missing file.
import fs from 'node:fs';

export const BROWSERS = ['chrome', 'firefox'];

const SOURCE = new URL('./manifest.json', import.meta.url);

function merge(base, overlay) {
  const out = { ...base };
  for (const [key, value] of Object.entries(overlay)) {
    if (key.endsWith('+')) {
      const name = key.slice(0, -1);
      out[name] = [...(out[name] ?? []), ...value];
    } else {
      out[key] = value;
    }
  }
  return out;
}

// `pages`: the set of built files (e.g. 'sidepanel/index.html') so keys
// naming a page the build lacks are dropped. `extraHostPermissions`: test
// builds only (Chromium grants no optional host permission headless, so the
// permission test declares its host; EXTENSION-TESTING.md).
export function manifestFor(browser, { version, pages, extraHostPermissions = [] }) {
  if (!BROWSERS.includes(browser)) throw new Error(`unknown browser '${browser}' (known: ${BROWSERS.join(', ')})`);
  const source = JSON.parse(fs.readFileSync(SOURCE, 'utf8'));
  const common = Object.fromEntries(Object.entries(source).filter(([k]) => k !== '//' && !BROWSERS.includes(k)));
  const manifest = merge(common, source[browser]);
  manifest.version = version;
  manifest.host_permissions = [...manifest.host_permissions, ...extraHostPermissions];
  if (!pages.has(manifest.side_panel?.default_path)) delete manifest.side_panel;
  if (!pages.has(manifest.sidebar_action?.default_panel)) delete manifest.sidebar_action;
  if (!pages.has(manifest.options_ui?.page)) delete manifest.options_ui;
  if (manifest.action && !pages.has(manifest.action.default_popup)) delete manifest.action.default_popup;
  if (!manifest.side_panel) manifest.permissions = manifest.permissions.filter((p) => p !== 'sidePanel');
  return manifest;
}

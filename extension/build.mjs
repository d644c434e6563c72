// Builds the extension for Chrome and Firefox from one source (run by
// scripts/build.sh; `node extension/build.mjs`):
//   build/extension/chrome/   unpacked, load it from chrome://extensions
//   build/extension/firefox/  unpacked, load it from about:debugging
//   build/extension/rapport-{chrome,firefox}-VERSION.zip  store packages
// esbuild bundles each entry found in extension/src/<entry>/main.js into
// <entry>/main.js (content scripts as a classic script, the rest as modules);
// each entry folder's page and styles (index.html, *.css, images) are copied
// beside it; the engine's files go under engine/ (CONTRACTS §3); the manifest
// comes from extension/manifest/. Skips the work when no input changed.
//
// Tests build variants with buildExtension() (a test host declared, or a
// control build that makes a request) into their own folders.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { digest, walk } from '../scripts/build-stamp.mjs';
import { manifestFor, BROWSERS } from './manifest/index.mjs';
import { zipDirectory } from './tools/zip.mjs';
import { iconPng } from '../pwa/tools/icons.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const src = path.join(root, 'extension', 'src');
export const OUT = path.join(root, 'build', 'extension');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

// Entries in the order of CONTRACTS §4. The offscreen document is Chrome's
// only (it starts the engine worker there; Firefox's background page starts
// it itself).
const ENTRIES = ['content', 'sidepanel', 'popup', 'options', 'background', 'offscreen'];
const CLASSIC = new Set(['content']);           // registered content scripts cannot be modules
const ONLY = { offscreen: ['chrome'] };
// Module workers, bundled on their own in both builds: the engine host
// (engine-host/worker.js), which Chrome's offscreen document and Firefox's
// background page start, so engine work runs off the extension pages' thread.
const WORKERS = ['engine-host/worker.js'];
const STATIC = /\.(html|css|svg|png|woff2)$/;
const ICON_SIZES = [16, 32, 48, 128];

// The engine's files, from where the wasm build and the model live to where
// the extension reads them (platform/engine-assets.js).
async function engineFiles() {
  const assets = path.join(root, 'shared', 'api', 'assets.js');
  if (fs.existsSync(assets)) {
    const mod = await import(pathToFileURL(assets).href);
    if (typeof mod.engineAssetFiles === 'function') {
      return mod.engineAssetFiles().map((f) => (typeof f === 'string' ? [f, f] : [f.from, f.to]));
    }
  }
  return [['wasm/dist/rapport_core.wasm', 'rapport_core.wasm'],
    ['wasm/dist/ort/ort-wasm-simd-threaded.wasm', 'ort/ort-wasm-simd-threaded.wasm'],
    ['wasm/dist/ort/NOTICE.txt', 'ort/NOTICE.txt'],
    ['models/model.onnx', 'model/model.onnx'], ['models/model.json', 'model/model.json']];
}

export function entriesFound(browser) {
  return ENTRIES.filter((e) => fs.existsSync(path.join(src, e, 'main.js')) && (!ONLY[e] || ONLY[e].includes(browser)));
}

// One browser's unpacked build into `outDir`.
//   extraHostPermissions: declared host permissions (test builds only)
//   banner: { entry: code } prepended to an entry's bundle (the privacy
//           test's control build, which must be caught making a request)
//   extraPermissions: e.g. ['tabs'] so a test can open the popup for a tab
//   define: extra esbuild defines (e.g. __RAPPORT_ENGINE_IDLE_MS__: '3000')
//   entrySources: { entry: file } bundles `file` as that entry (a test stand-in)
export async function buildExtension({ browser, outDir, extraHostPermissions = [], extraPermissions = [],
  banner = {}, define = {}, entrySources = {} }) {
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.mkdirSync(outDir, { recursive: true });
  const entries = [...new Set([...entriesFound(browser), ...Object.keys(entrySources)])]
    .sort((a, b) => ENTRIES.indexOf(a) - ENTRIES.indexOf(b));
  const common = {
    absWorkingDir: root, bundle: true, target: ['chrome116', 'firefox128'], minify: !process.env.EXTENSION_NO_MINIFY, sourcemap: false,
    logLevel: 'warning', legalComments: 'linked', charset: 'utf8',
    alias: { 'rapport-engine-link': browser === 'chrome' ? './extension/src/background/link-offscreen.js'
      : './extension/src/background/link-worker.js' },
    define: { __RAPPORT_BROWSER__: JSON.stringify(browser),
      __RAPPORT_CONTENT_JS__: JSON.stringify(entries.includes('content') ? ['/content/main.js'] : []), ...define },
    loader: { '.wasm': 'file', '.svg': 'text' },
  };
  for (const entry of entries) {
    for (const f of walk(path.join(src, entry)).filter((f) => STATIC.test(f))) {
      fs.cpSync(f, path.join(outDir, entry, path.relative(path.join(src, entry), f)));
    }
    await esbuild.build({ ...common, entryPoints: [entrySources[entry] ?? path.join(src, entry, 'main.js')],
      outfile: path.join(outDir, entry, 'main.js'), format: CLASSIC.has(entry) ? 'iife' : 'esm',
      banner: banner[entry] ? { js: banner[entry] } : undefined });
  }
  for (const file of WORKERS) {
    await esbuild.build({ ...common, entryPoints: [path.join(src, file)], outfile: path.join(outDir, file), format: 'esm' });
  }
  for (const f of walk(path.join(src, 'ui')).filter((f) => STATIC.test(f))) {
    fs.cpSync(f, path.join(outDir, 'ui', path.relative(path.join(src, 'ui'), f)));
  }
  for (const [from, to] of await engineFiles()) fs.cpSync(path.join(root, from), path.join(outDir, 'engine', to));
  fs.mkdirSync(path.join(outDir, 'icons'), { recursive: true });
  for (const size of ICON_SIZES) fs.writeFileSync(path.join(outDir, 'icons', `icon-${size}.png`), iconPng(size));
  const pages = new Set(walk(outDir).map((f) => path.relative(outDir, f).split(path.sep).join('/')));
  const manifest = manifestFor(browser, { version: pkg.version, pages, extraHostPermissions });
  manifest.permissions.push(...extraPermissions);
  fs.writeFileSync(path.join(outDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return { entries, manifest };
}

const inputs = async () => [...walk(path.join(root, 'extension')), ...walk(path.join(root, 'shared')),
  path.join(root, 'wasm', 'dist', 'rapport_core.mjs'), path.join(root, 'package-lock.json'),
  path.join(root, 'pwa', 'tools', 'icons.mjs'), ...(await engineFiles()).map(([from]) => path.join(root, from))];

// Sizes of what ships, for the build log and the README's figures.
export function sizes(dir) {
  const out = {};
  for (const f of walk(dir)) {
    const rel = path.relative(dir, f).split(path.sep).join('/');
    const group = rel.endsWith('/main.js') || rel.endsWith('/worker.js') ? rel : rel.startsWith('engine/') ? 'engine/' : 'other';
    out[group] = (out[group] ?? 0) + fs.statSync(f).size;
  }
  return out;
}

async function main() {
  const stampFile = path.join(OUT, '.build-stamp');
  const stamp = digest(root, await inputs());
  if (fs.existsSync(stampFile) && fs.readFileSync(stampFile, 'utf8') === stamp) {
    console.log('extension: build/extension is up to date');
    return;
  }
  const started = performance.now();
  fs.mkdirSync(OUT, { recursive: true });
  for (const browser of BROWSERS) {
    const dir = path.join(OUT, browser);
    const { entries } = await buildExtension({ browser, outDir: dir });
    const zip = path.join(OUT, `rapport-${browser}-${pkg.version}.zip`);
    zipDirectory(dir, zip);
    const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
    const parts = Object.entries(sizes(dir)).map(([k, v]) => `${k} ${kb(v)}`).join(', ');
    console.log(`extension: ${browser}: ${entries.join(', ')}; ${parts}; package ${kb(fs.statSync(zip).size)}`);
  }
  fs.writeFileSync(stampFile, stamp);
  console.log(`extension: built build/extension in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();

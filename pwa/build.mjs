// Builds the dashboard PWA into build/pwa/ (run by scripts/build.sh):
//   1. esbuild bundles the page (src/app, Preact + uPlot) and the worker
//      (src/worker: the API, the import pipeline, idb, ONNX Runtime's glue);
//   2. the engine's binary files go under engine/ (engineAssetFiles()),
//      with the static files, the icons and the manifest;
//   3. the demo is scored with the same engine (tools/demo.mjs);
//   4. workbox-build generates sw.js, precaching everything above with
//      revision hashes under a versioned cache id.
// Skips all of it when none of its inputs changed since the last build.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { digest, walk } from '../scripts/build-stamp.mjs';
import { generateSW } from 'workbox-build';
import { engineAssetFiles } from '../shared/api/assets.js';
import { buildDemo, DEMO_SOURCE } from './tools/demo.mjs';
import { iconPng } from './tools/icons.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'build', 'pwa');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
// The engine's files and where they go under engine/: the API's own list.
const ENGINE_FILES = engineAssetFiles().map(({ from, to }) => [from, to]);
const SCREENSHOTS = [['docs/screenshots/dashboard-overview.png', 'Overview: KPIs, sentiment over time, emotion mix'],
  ['docs/screenshots/dashboard-queue.png', 'Queue: conversations by emotional need']];

const inputs = () => [...walk(path.join(root, 'pwa', 'src')), ...walk(path.join(root, 'pwa', 'static')),
  ...walk(path.join(root, 'pwa', 'tools')), path.join(root, 'pwa', 'build.mjs'), path.join(root, 'scripts', 'build-stamp.mjs'),
  // everything the bundles may import from shared/ (the API, import, context, bridge, rules)
  ...walk(path.join(root, 'shared')),
  path.join(root, 'wasm', 'dist', 'rapport_core.mjs'), path.join(root, 'package-lock.json'),
  ...ENGINE_FILES.map(([from]) => path.join(root, from))];
// (The screenshots are copied but not part of the stamp: the tests retake
// them on every run, and that alone should not rebuild the app.)

function manifest() {
  const screenshots = SCREENSHOTS.filter(([f]) => fs.existsSync(path.join(root, f)))
    .map(([f, label]) => ({ src: `screenshots/${path.basename(f)}`, sizes: '1280x800', type: 'image/png', form_factor: 'wide', label }));
  return {
    name: 'Rapport support dashboard', short_name: 'Rapport', id: './', start_url: './', scope: './',
    description: 'How your customers feel, from your helpdesk exports, analyzed on this device. Works offline.',
    display: 'standalone', background_color: '#f7f8fa', theme_color: '#1f3a5f', lang: 'en',
    icons: [{ src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
      { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
      { src: 'icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' }],
    screenshots,
  };
}

async function build() {
  const stampFile = path.join(out, '.build-stamp');
  const stamp = digest(root, inputs());
  if (fs.existsSync(stampFile) && fs.readFileSync(stampFile, 'utf8') === stamp) {
    console.log('pwa: build/pwa is up to date');
    return;
  }
  const started = performance.now();
  const demoFile = path.join(out, 'demo', 'demo-scored.json');
  const demoStampFile = path.join(out, 'demo', '.stamp');
  const demoStamp = digest(root, [path.join(root, DEMO_SOURCE), ...walk(path.join(root, 'shared', 'api')),
    path.join(root, 'pwa', 'src', 'worker', 'score.js'), path.join(root, 'pwa', 'src', 'worker', 'review.js'),
    path.join(root, 'wasm', 'dist', 'rapport_core.wasm'),
    // model.json too: its thresholds change the scores as much as the weights do
    path.join(root, 'models', 'model.onnx'), path.join(root, 'models', 'model.json')]);
  const keepDemo = fs.existsSync(demoFile) && fs.existsSync(demoStampFile) && fs.readFileSync(demoStampFile, 'utf8') === demoStamp;
  const demoBytes = keepDemo ? fs.readFileSync(demoFile) : null;
  fs.rmSync(out, { recursive: true, force: true });
  fs.mkdirSync(out, { recursive: true });

  await esbuild.build({
    entryPoints: { app: 'pwa/src/app/main.jsx', worker: 'pwa/src/worker/main.js' },
    absWorkingDir: root, outdir: out, bundle: true, format: 'esm', target: 'es2022', minify: !process.env.PWA_NO_MINIFY,
    sourcemap: false, jsx: 'automatic', jsxImportSource: 'preact', logLevel: 'warning', legalComments: 'linked',
    loader: { '.wasm': 'file' },
  });
  // app.css is not copied: the page imports it, so esbuild emitted it above
  // together with uPlot's stylesheet.
  for (const f of walk(path.join(root, 'pwa', 'static')).filter((f) => !f.endsWith('.css'))) {
    fs.cpSync(f, path.join(out, path.relative(path.join(root, 'pwa', 'static'), f)));
  }
  for (const [from, to] of ENGINE_FILES) fs.cpSync(path.join(root, from), path.join(out, 'engine', to));
  fs.mkdirSync(path.join(out, 'icons'), { recursive: true });
  fs.writeFileSync(path.join(out, 'icons', 'icon-192.png'), iconPng(192));
  fs.writeFileSync(path.join(out, 'icons', 'icon-512.png'), iconPng(512));
  fs.writeFileSync(path.join(out, 'icons', 'maskable-512.png'), iconPng(512, { maskable: true }));
  for (const [f] of SCREENSHOTS) {
    if (fs.existsSync(path.join(root, f))) fs.cpSync(path.join(root, f), path.join(out, 'screenshots', path.basename(f)));
  }
  fs.writeFileSync(path.join(out, 'manifest.webmanifest'), `${JSON.stringify(manifest(), null, 2)}\n`);
  fs.mkdirSync(path.join(out, 'demo'), { recursive: true });
  if (demoBytes) fs.writeFileSync(demoFile, demoBytes);
  else await buildDemo(root, out);
  fs.writeFileSync(demoStampFile, demoStamp);

  const sw = await generateSW({
    globDirectory: out, globPatterns: ['**/*.{html,js,css,wasm,onnx,json,webmanifest,png,txt}'],
    globIgnores: ['sw.js', 'workbox-*.js', '**/.*'], swDest: path.join(out, 'sw.js'),
    cacheId: `rapport-dashboard-${pkg.version}`, cleanupOutdatedCaches: true, clientsClaim: true, skipWaiting: false,
    navigateFallback: 'index.html', maximumFileSizeToCacheInBytes: 32 * 1024 * 1024, inlineWorkboxRuntime: true,
    mode: 'production', sourcemap: false,
  });
  fs.writeFileSync(path.join(out, 'precache.json'), JSON.stringify({ files: sw.count, bytes: sw.size }));
  fs.writeFileSync(stampFile, stamp);
  console.log(`pwa: built build/pwa in ${((performance.now() - started) / 1000).toFixed(1)} s; ` +
    `service worker precaches ${sw.count} files, ${(sw.size / 1048576).toFixed(1)} MB`);
  for (const w of sw.warnings) console.warn(`pwa: ${w}`);
}

await build();

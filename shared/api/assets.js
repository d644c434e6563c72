// Where the engine's files are: the one place that knows. The JS modules are
// imported (a host bundles them); these files are fetched or read at run time:
//
//   rapport_core.wasm                  the C++ core
//   ort/ort-wasm-simd-threaded.wasm    ONNX Runtime Web's wasm (model path)
//   model/model.onnx, model/model.json the model and its metadata (model path)
//
// createAnalyzer({ assetBase }) resolves all of them from one base URL in that
// layout, so the extension and the dashboard each load the engine from their
// own build output; a host's build copies engineAssetFiles() there. Without
// assetBase they are found beside this package (wasm/dist/, models/).

// The package's own copies: [name under assetBase, path in the package].
// The first four are loaded; ONNX Runtime's licence notice travels with it.
const FILES = [
  ['rapport_core.wasm', 'wasm/dist/rapport_core.wasm'],
  ['ort/ort-wasm-simd-threaded.wasm', 'wasm/dist/ort/ort-wasm-simd-threaded.wasm'],
  ['model/model.onnx', 'models/model.onnx'],
  ['model/model.json', 'models/model.json'],
];
const NOTICES = [['ort/NOTICE.txt', 'wasm/dist/ort/NOTICE.txt']];

const PACKAGE_ROOT = new URL('../../', import.meta.url);

// What a host copies into its build output: [{ from, to, source }], `from`
// the path in this package, `to` the path under the assetBase the host will
// pass, `source` the package file's URL. `lexiconOnly` leaves out the model
// path's files (ONNX Runtime, the model).
export function engineAssetFiles({ lexiconOnly = false } = {}) {
  return [...FILES, ...NOTICES].filter(([to]) => !lexiconOnly || to === 'rapport_core.wasm')
    .map(([to, from]) => ({ from, to, source: new URL(from, PACKAGE_ROOT) }));
}

// The URLs of every file for `assetBase` (a URL, or a string resolved against
// the current location / module), or the package's own when it is undefined.
export function engineAssetUrls(assetBase) {
  if (assetBase === undefined) {
    const [wasm, ortWasm, model, meta] = FILES.map(([, path]) => new URL(path, PACKAGE_ROOT));
    return { wasm, ortWasm, model, meta };
  }
  const base = new URL(String(assetBase).replace(/\/?$/, '/'), globalThis.location?.href ?? import.meta.url);
  const [wasm, ortWasm, model, meta] = FILES.map(([name]) => new URL(name, base));
  return { wasm, ortWasm, model, meta };
}

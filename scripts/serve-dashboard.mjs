// `npm start`'s server: serves the built dashboard (build/pwa/, made by
// pwa/build.mjs through scripts/build.sh) on http://127.0.0.1:PORT/ (PORT from
// the environment; default: a free port), prints that URL on a line of its
// own and serves until stopped (Ctrl-C). Loopback only; read-only; no
// request ever leaves this machine.
//   node scripts/serve-dashboard.mjs [--root DIR]
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json; charset=utf-8', '.webmanifest': 'application/manifest+json',
  '.wasm': 'application/wasm', '.onnx': 'application/octet-stream', '.png': 'image/png', '.svg': 'image/svg+xml',
  '.txt': 'text/plain; charset=utf-8',
};

export function createDashboardServer(root) {
  return http.createServer((req, res) => {
    let urlPath;
    try {
      urlPath = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    } catch {
      res.writeHead(400).end('bad request');
      return;
    }
    if (urlPath.endsWith('/')) urlPath += 'index.html';
    const file = path.resolve(root, `.${urlPath}`);
    if (!file.startsWith(root + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    // no-cache: the browser revalidates; offline, the service worker answers.
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache',
      'x-content-type-options': 'nosniff' });
    fs.createReadStream(file).pipe(res);
  });
}

function main() {
  const { values } = parseArgs({ options: { root: { type: 'string', default: path.join(repoRoot, 'build', 'pwa') } } });
  const root = path.resolve(values.root);
  if (!fs.existsSync(path.join(root, 'index.html'))) {
    console.error(`serve-dashboard: no dashboard build in ${root}; run 'npm run build' (or 'npm start', which builds first)`);
    process.exitCode = 1;
    return;
  }
  const port = process.env.PORT ? Number(process.env.PORT) : 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`serve-dashboard: PORT must be a port number, got '${process.env.PORT}'`);
    process.exitCode = 1;
    return;
  }
  const server = createDashboardServer(root);
  server.on('error', (error) => {
    console.error(`serve-dashboard: ${error.message}`);
    process.exitCode = 1;
  });
  server.listen(port, '127.0.0.1', () => {
    console.log('Rapport dashboard (demo data; import your helpdesk exports from the Import view):');
    console.log(`http://127.0.0.1:${server.address().port}/`);
    console.log('Serving until stopped (Ctrl-C).');
  });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.close(() => process.exit(0)));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();

// What the extension and dashboard builds share to skip work: every file
// under a folder, and one hash over a list of files (their paths relative to
// the repository and their bytes), kept beside the output as its stamp.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export function walk(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory()
    ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

export function digest(root, files) {
  const hash = crypto.createHash('sha256');
  for (const f of [...files].sort()) {
    hash.update(path.relative(root, f));
    if (fs.existsSync(f)) hash.update(fs.readFileSync(f));
  }
  return hash.digest('hex');
}

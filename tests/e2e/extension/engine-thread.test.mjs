// Chrome's engine runs in a dedicated worker started by the offscreen
// document (engine-host/worker.js), never on the document's main thread: every
// extension page of the extension (side panel, popup, options, the offscreen
// document) shares one renderer main thread, so engine work there froze the
// side panel. Measured as a count, not a time limit: an orders file imported
// through the side panel (the engine parses and stores it batch by batch)
// while the panel keeps a setTimeout(0) chain running. The panel's timer
// must keep firing at least half as often as it does idle (its own rate just
// before, same page, same load); with the engine on the shared main thread
// it fired only between the engine's batches (about a third of its idle rate
// measured by scripts/bench/extension-panel-import.mjs).
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { variantBuild } from './host-helpers.mjs';
import { ordersCsv } from '../../../scripts/bench/context-import.mjs';
import { panelImport } from '../../../scripts/bench/extension-panel-import.mjs';

test('the side panel\'s timer keeps firing while the engine imports an orders file', async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-thread-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const csv = path.join(dir, 'thread-orders.csv');
  fs.writeFileSync(csv, ordersCsv(30000));
  const r = await panelImport(await variantBuild('chrome'), csv);
  assert.equal(r.status, 'thread-orders.csv: 30000 rows read, 30000 new, 0 already stored.');
  assert.ok(r.tickRate >= r.idleRate / 2,
    `the panel's setTimeout(0) ticked ${r.ticks} times in the import (${r.tickRate.toFixed(0)}/s), idle ${r.idleRate.toFixed(0)}/s`);
});

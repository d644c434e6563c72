// The side panel's responsiveness while the engine host works
// (`node scripts/bench/extension-panel-import.mjs [--rows 100000] [--rounds 1] [--dir BUILD ...]`):
// the real Chrome build in headless Chromium; an orders CSV (generated, the
// context-import bench's) chosen in the side panel and imported there, which
// streams it to the engine host in chunks (context.importChunk). The panel
// counts its longest gap between animation frames and between setTimeout(0)
// ticks from pressing Import to the result. Extension pages share one renderer
// main thread, so this gap is what engine work on the offscreen document's
// main thread costs the panel (also: the timer's tick rate during the import
// against its idle rate, measured just before). Several --dir builds (e.g. an older build of
// the same tree) run interleaved, round by round, for an A/B under the same load.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { launchChromium, variantBuild } from '../../tests/e2e/extension/host-helpers.mjs';
import { ordersCsv } from './context-import.mjs';

export async function panelImport(dir, csvFile) {
  const ext = await launchChromium(dir);
  try {
    const panel = await ext.context.newPage();
    await panel.setViewportSize({ width: 420, height: 900 });
    await panel.goto(`chrome-extension://${ext.id}/sidepanel/index.html`);
    await panel.setInputFiles('#orders-file', csvFile);
    await panel.waitForFunction(() => !document.querySelector('#orders-map').hidden, null, { timeout: 60000, polling: 250 });
    // The timer's idle rate first (ticks per second with nothing to do), the
    // baseline its rate during the import is compared with.
    const idleRate = await panel.evaluate(() => new Promise((resolve) => {
      const start = performance.now();
      let n = 0;
      const tick = () => (++n < 250 ? setTimeout(tick, 0) : resolve(n / ((performance.now() - start) / 1000)));
      setTimeout(tick, 0);
    }));
    await panel.evaluate(() => {
      const probe = { frameGap: 0, timerGap: 0, frames: 0, ticks: 0, running: true };
      let lastFrame = performance.now();
      let lastTick = performance.now();
      const frame = (t) => { probe.frameGap = Math.max(probe.frameGap, t - lastFrame); lastFrame = t; probe.frames++; if (probe.running) requestAnimationFrame(frame); };
      const tick = () => { const t = performance.now(); probe.timerGap = Math.max(probe.timerGap, t - lastTick); lastTick = t; probe.ticks++; if (probe.running) setTimeout(tick, 0); };
      requestAnimationFrame(frame);
      setTimeout(tick, 0);
      probe.started = performance.now();
      globalThis.probe = probe;
    });
    const name = path.basename(csvFile);
    await panel.click('#orders-import');
    await panel.waitForFunction((file) => {
      const text = document.querySelector('#orders-status').textContent;
      return text.startsWith(`${file}:`) || text.startsWith(`Nothing from ${file}`);
    }, name, { timeout: 300000, polling: 250 });
    return await panel.evaluate(() => {
      probe.running = false;
      const seconds = (performance.now() - probe.started) / 1000;
      return { status: document.querySelector('#orders-status').textContent, seconds,
        frameGap: probe.frameGap, timerGap: probe.timerGap, frames: probe.frames, ticks: probe.ticks, tickRate: probe.ticks / seconds };
    }).then((r) => ({ ...r, idleRate }));
  } finally {
    await ext.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { rows: { type: 'string', default: '100000' }, rounds: { type: 'string', default: '1' },
    dir: { type: 'string', multiple: true } } });
  const dirs = values.dir ?? [await variantBuild('chrome')];
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-panel-import-'));
  const csv = path.join(tmp, 'orders.csv');
  fs.writeFileSync(csv, ordersCsv(Number(values.rows)));
  for (let round = 1; round <= Number(values.rounds); round++) {
    for (const dir of dirs) {
      const r = await panelImport(dir, csv);
      console.log(`round ${round} ${dir}: ${r.status}`);
      console.log(`  ${r.seconds.toFixed(1)} s; panel's longest frame gap ${r.frameGap.toFixed(0)} ms (${r.frames} frames), ` +
        `longest setTimeout(0) gap ${r.timerGap.toFixed(0)} ms (${r.ticks} ticks: ` +
        `${r.tickRate.toFixed(0)}/s, ${(100 * r.tickRate / r.idleRate).toFixed(0)}% of its idle ${r.idleRate.toFixed(0)}/s)`);
    }
  }
  fs.rmSync(tmp, { recursive: true, force: true });
}

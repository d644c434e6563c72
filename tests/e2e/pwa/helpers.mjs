// Shared by the dashboard's browser tests: start the dashboard server as
// `npm start` does (build already done), launch Chromium, read the numbers the
// views show.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run'];

// Starts scripts/serve-dashboard.mjs and resolves with the URL it prints on a line of its own.
export function startDashboard(env = {}) {
  const child = spawn(process.execPath, [path.join(ROOT, 'scripts', 'serve-dashboard.mjs')],
    { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stderr.on('data', (d) => { err += d; });
    child.stdout.on('data', (d) => {
      out += d;
      const m = /^(http:\/\/127\.0\.0\.1:\d+\/)$/m.exec(out);
      if (m) resolve({ url: m[1], stdout: () => out, stop: () => new Promise((r) => { child.once('exit', r); child.kill('SIGTERM'); }) });
    });
    child.on('exit', (code) => reject(new Error(`serve-dashboard exited ${code}: ${err}${out}`)));
  });
}

export async function launch(profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-dash-'))) {
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, viewport: { width: 1280, height: 800 },
  });
  return { context, profileDir };
}

export async function ready(page) {
  await page.waitForSelector('body[data-ready="true"]', { timeout: 120000 });
  await page.waitForSelector('#view-title', { timeout: 60000 });
}

// The value of the KPI card labelled `label`, as a number.
export async function kpi(page, label) {
  const text = await page.locator('.kpi', { has: page.locator('.kpi-label', { hasText: label }) }).locator('.kpi-value').innerText();
  return Number(text.replace(/[,%]/g, ''));
}

export async function kpiDetail(page, label) {
  return page.locator('.kpi', { has: page.locator('.kpi-label', { hasText: label }) }).locator('.kpi-detail').innerText();
}

export async function go(page, view) {
  await page.click(`nav a[href="#/${view}"]`);
  await page.waitForFunction((v) => location.hash === `#/${v}` && document.querySelector('#view-title'), view);
}

// Runs axe-core in the page; returns the serious and critical violations.
export async function axe(page) {
  // Evaluated over the DevTools protocol: the page's CSP forbids injected <script> tags.
  if (!(await page.evaluate(() => Boolean(globalThis.axe)))) {
    await page.evaluate(fs.readFileSync(path.join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8'));
  }
  const result = await page.evaluate(() => globalThis.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')})`);
}

// Imports a file through the Import view and waits for the result line
// (`timeout`: how long the import may take; the benchmark's big files need more).
export async function importFile(page, file, { cancelAfterRows = null, timeout = 180000 } = {}) {
  await go(page, 'import');
  await page.setInputFiles('#import-file', file);
  await page.waitForSelector('#import-start:not([disabled])', { timeout: 60000 });
  await page.click('#import-start');
  if (cancelAfterRows !== null) {
    await page.waitForFunction((n) => {
      const p = document.querySelector('.progress [role=status]');
      return p && Number(p.textContent.split(' rows')[0].replace(/,/g, '')) >= n;
    }, cancelAfterRows, { timeout: 120000 });
    await page.click('#import-cancel');
  }
  await page.waitForSelector('#import-result', { timeout });
  return page.locator('#import-result').innerText();
}

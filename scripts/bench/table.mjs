// Plain-text tables: by default the first column is left-aligned and the
// others (numbers) right-aligned; `leftColumns` lists more text columns.
export function formatTable(headers, rows, { leftColumns = [0] } = {}) {
  const cells = [headers, ...rows].map((r) => r.map((c) => String(c)));
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => r[i].length)));
  const pad = (c, i) => (leftColumns.includes(i) ? c.padEnd(widths[i]) : c.padStart(widths[i]));
  const line = (r) => r.map(pad).join('  ').trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [line(cells[0]), rule, ...cells.slice(1).map(line)].join('\n');
}

export function fmtInt(n) {
  return Math.round(n).toLocaleString('en-US');
}

export function fmtPct(x) {
  return x === null || x === undefined ? '-' : (100 * x).toFixed(1);
}

export function fmtMs(x) {
  return x < 1 ? `${(x * 1000).toFixed(0)} us` : `${x.toFixed(2)} ms`;
}

export function fmtMB(bytes) {
  return bytes === null || bytes === undefined ? 'n/a' : `${(bytes / 1048576).toFixed(1)} MB`;
}

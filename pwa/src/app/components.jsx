// Building blocks every view uses: a data table, a chart (uPlot) that always
// comes with its text summary and its data table, the export buttons, badges.
import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import { download, toCsv } from './export.js';

export function DataTable({ caption, columns, rows, rowKey = (r, i) => i, onRowAction, actionLabel, actionName }) {
  return (
    <div class="table-wrap">
      <table>
        <caption>{caption}</caption>
        <thead><tr>{columns.map((c) => <th scope="col">{c}</th>)}{onRowAction && <th scope="col"><span class="sr-only">Action</span></th>}</tr></thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={rowKey(r, i)}>
              {r.cells.map((c) => <td>{c}</td>)}
              {onRowAction && <td><button type="button" aria-label={actionName?.(r)} onClick={() => onRowAction(r)}>{actionLabel}</button></td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const COLORS = ['#b3261e', '#5f6368', '#1e7b34', '#1a56a8', '#8e44ad', '#b35c00', '#00796b', '#6d4c41'];

// kind 'time': x = unix seconds; kind 'bars': x = category indexes with labels.
export function Chart({ id, title, x, series, kind = 'time', labels = [], yRange = null, summary, table }) {
  const box = useRef(null);
  useEffect(() => {
    if (!box.current || x.length === 0) return undefined;
    const width = Math.max(320, Math.min(900, box.current.clientWidth || 640));
    const opts = {
      width, height: 220, legend: { show: true },
      scales: {
        // One point: an hour either side, not uPlot's default span of years.
        x: { time: kind === 'time', ...(x.length === 1 && kind === 'time' ? { range: [x[0] - 3600, x[0] + 3600] } : {}) },
        ...(yRange ? { y: { range: yRange } } : {}),
      },
      axes: kind === 'bars'
        ? [{ values: (u, ticks) => ticks.map((t) => labels[t] ?? ''), gap: 4, size: 60, rotate: -30 }, {}]
        : [{}, {}],
      series: [{ label: kind === 'bars' ? 'category' : 'time' }, ...series.map((s, i) => ({
        label: s.label, stroke: s.color ?? COLORS[i % COLORS.length], width: 2,
        fill: kind === 'bars' ? `${s.color ?? COLORS[i % COLORS.length]}99` : undefined,
        paths: kind === 'bars' ? uPlot.paths.bars({ size: [0.6, 40] }) : undefined,
        dash: i === 1 ? [6, 4] : i === 2 ? [2, 3] : undefined,  // not colour alone
        points: { show: kind !== 'bars' },
      }))],
    };
    const plot = new uPlot(opts, [x, ...series.map((s) => s.values)], box.current);
    return () => plot.destroy();
  }, [x, series, kind]);
  return (
    <figure class="chart" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`}><h3>{title}</h3><p class="summary">{summary}</p></figcaption>
      <div ref={box} class="plot" role="img" aria-label={`${title}. ${summary}`} />
      <details>
        <summary>Data table: {title}</summary>
        <DataTable caption={title} columns={table.columns} rows={table.rows.map((cells) => ({ cells }))} />
      </details>
    </figure>
  );
}

// CSV of the view's main table and the printable report.
export function ExportBar({ name, columns, rows }) {
  return (
    <div class="export-bar no-print">
      <button type="button" onClick={() => download(`rapport-${name}.csv`, toCsv(columns, rows))}>Export CSV</button>
      <button type="button" onClick={() => window.print()}>Printable report</button>
    </div>
  );
}

export function Badge({ kind, children }) {
  return <span class={`badge badge-${kind}`}>{children}</span>;
}

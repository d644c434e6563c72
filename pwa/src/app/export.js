// Each view exports what it shows: a CSV (Papa.unparse quotes and escapes)
// and a printable report (the browser's print dialog over a print stylesheet
// that keeps the view's text, charts' summaries and tables).
import Papa from 'papaparse';

// Cells starting with = + - @ would run as formulas in spreadsheets: prefixed with '.
const risky = /^[=+\-@\t\r]/;
export function toCsv(columns, rows) {
  return Papa.unparse({ fields: columns, data: rows.map((r) => r.map((v) => {
    const s = v === null || v === undefined ? '' : String(v);
    return risky.test(s) ? `'${s}` : s;
  })) });
}

export function download(name, text, type = 'text/csv;charset=utf-8') {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

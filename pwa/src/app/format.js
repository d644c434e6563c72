// Number and time formatting for the views (plain text only).
export const int = (n) => (n === null || n === undefined ? '–' : Math.round(n).toLocaleString('en-US'));
export const pct = (n, d) => (d ? `${Math.round((100 * n) / d)}%` : '–');
export const num = (n, digits = 2) => (n === null || n === undefined ? '–' : Number(n).toFixed(digits));
export const signed = (n) => (n === null || n === undefined ? '–' : `${n >= 0 ? '+' : ''}${n.toFixed(2)}`);
export function duration(seconds) {
  if (seconds === null || seconds === undefined) return '–';
  if (seconds < 90) return `${Math.round(seconds)} s`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min`;
  if (seconds < 172800) return `${(seconds / 3600).toFixed(1)} h`;
  return `${(seconds / 86400).toFixed(1)} d`;
}
export const shortTime = (iso) => (iso ? String(iso).slice(0, 16).replace('T', ' ') : '–');
export function sentimentLabel(score) {
  return score >= 0.05 ? 'positive' : score <= -0.05 ? 'negative' : 'neutral';
}
export function priorityLevel(p) {
  return p >= 0.75 ? 'urgent' : p >= 0.5 ? 'high' : p >= 0.25 ? 'normal' : 'low';
}

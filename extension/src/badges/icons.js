// Small line icons drawn as SVG paths (24x24, stroke = currentColor), built with
// createElementNS: no icon font, no emoji font needed, no markup parsing.
const FACE = 'M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18';
const EYES = 'M9 10h.01M15 10h.01';
const PATHS = {
  'sentiment-positive': [FACE, EYES, 'M8 14.5q4 3.5 8 0'],
  'sentiment-neutral': [FACE, EYES, 'M8.5 15h7'],
  'sentiment-negative': [FACE, EYES, 'M8 16.5q4-3.5 8 0'],
  'emotion-angry': [FACE, 'M7.5 8.5l3 1.5M16.5 8.5l-3 1.5', 'M8 16.5q4-3 8 0'],
  'emotion-frustrated': [FACE, 'M8 9.5h3M13 9.5h3', 'M8 15.5l2-1 2 1 2-1 2 1'],
  'emotion-disappointed': [FACE, EYES, 'M9 16q3-2 6 0'],
  'emotion-confused': [FACE, EYES, 'M9 15.5q1.5-1 3 0t3 0'],
  'emotion-anxious': [FACE, EYES, 'M9.5 16a2.5 2 0 0 1 5 0'],
  'emotion-sad': [FACE, EYES, 'M8 16.5q4-3.5 8 0', 'M15.5 11.5v2'],
  'emotion-grateful': ['M12 20s-7-4.4-7-9.5A3.8 3.8 0 0 1 12 8a3.8 3.8 0 0 1 7 2.5C19 15.6 12 20 12 20z'],
  'emotion-happy': [FACE, 'M8.5 10q.5-1 1 0M14.5 10q.5-1 1 0', 'M7.5 14q4.5 4.5 9 0'],
  'cue-urgency': ['M12 4a8 8 0 1 0 0 16a8 8 0 1 0 0-16', 'M12 8v4l3 2', 'M10 2h4'],
  'cue-churn_risk': ['M14 4H6v16h8', 'M11 12h10M18 9l3 3-3 3'],
  'cue-escalation': ['M12 20V5', 'M6 11l6-6 6 6', 'M5 20h14'],
  'cue-repeat_contact': ['M4 11a8 8 0 0 1 14-4l2 2', 'M20 4v5h-5', 'M20 13a8 8 0 0 1-14 4l-2-2', 'M4 20v-5h5'],
  'priority-low': ['M6 18h2'],
  'priority-normal': ['M6 18h2M11 18v-4'],
  'priority-high': ['M6 18h2M11 18v-5M16 18v-9'],
  'priority-urgent': ['M6 18h2M11 18v-5M16 18v-9M21 18V5'],
  'trend-improving': ['M3 17l6-6 4 4 8-8', 'M15 7h6v6'],
  'trend-worsening': ['M3 7l6 6 4-4 8 8', 'M15 17h6v-6'],
  'trend-steady': ['M3 12h18', 'M17 8l4 4-4 4'],
  'trend-none': ['M12 12h.01'],
};

const SVG = 'http://www.w3.org/2000/svg';

// Each icon is built once per document and cloned after that: a clone makes
// no JS wrapper for its paths, and 2,500 badges of five icons each otherwise
// leave tens of thousands of wrappers for the garbage collector (a trace of
// the 5,000-message page showed 70 ms scavenges in badge-drawing slices).
const built = new WeakMap();   // document -> Map(name -> svg)
export function icon(document, name) {
  if (!built.has(document)) built.set(document, new Map());
  const cache = built.get(document);
  if (!cache.has(name)) cache.set(name, buildIcon(document, name));
  return cache.get(name).cloneNode(true);
}

function buildIcon(document, name) {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  svg.setAttribute('class', 'icon');
  // One <path> of all the icon's strokes (each begins with its own move-to):
  // with 2,500 badges, one node per icon instead of up to four is thousands
  // of nodes fewer for the browser to style and lay out.
  const path = document.createElementNS(SVG, 'path');
  path.setAttribute('d', (PATHS[name] ?? []).join(' '));
  svg.append(path);
  return svg;
}

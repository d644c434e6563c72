// What the side panel shows for one conversation snapshot (the content
// script's panel.update): pure functions from the snapshot to words, so
// they are tested in Node (tests/js/extension-sidepanel.test.mjs); main.js
// puts them on the page with textContent only.
import { CUES, moodTrend } from '../badges/model.js';

const LABEL = { negative: 'Negative', neutral: 'Neutral', positive: 'Positive' };
const EMOTION = { angry: 'Angry', frustrated: 'Frustrated', disappointed: 'Disappointed', confused: 'Confused',
  anxious: 'Anxious', sad: 'Sad', grateful: 'Grateful', happy: 'Happy' };

// Machine times (ISO 8601 from datetime attributes) in the agent's locale; other text as the page shows it.
function readableTime(time) {
  if (!time || !/^\d{4}-\d\d-\d\dT/.test(time) || Number.isNaN(Date.parse(time))) return time;
  return new Date(time).toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' });
}

const signed = (x) => `${x < 0 ? '−' : x > 0 ? '+' : ''}${Math.abs(x).toFixed(2)}`;

// null when there is nothing to show, with the reason as { title, text }.
export function emptyState(snapshot) {
  if (!snapshot) {
    return { title: 'No conversation yet', text: 'Open a ticket or chat in a helpdesk tab where Rapport is turned on (toolbar button, then “Turn on for this site”). Its customer’s mood and cues show here.' };
  }
  if (snapshot.unsure) {
    return { title: 'Not sure about this page', text: `Rapport could not tell the customer’s messages from the agent’s here (${snapshot.unsure}), so it shows nothing rather than guess. A site configuration can teach it this page.` };
  }
  const customers = snapshot.messages.filter((m) => m.role === 'customer');
  if (!customers.length) return { title: 'No customer message yet', text: 'This conversation has no message from the customer on the page yet.' };
  if (!customers.some((m) => m.assessment)) return { title: 'Reading…', text: `Analyzing ${customers.length} customer message${customers.length === 1 ? '' : 's'} on this device.` };
  return null;
}

export function panelView(snapshot) {
  const customers = snapshot.messages.filter((m) => m.role === 'customer' && m.assessment);
  const scores = customers.map((m) => m.assessment.score);
  const trend = moodTrend(scores);
  const who = [snapshot.customer?.name, snapshot.customer?.email].filter(Boolean).join(' · ') || 'Customer';
  const cueCounts = new Map();
  for (const m of customers) for (const c of m.assessment.cues) cueCounts.set(c, (cueCounts.get(c) ?? 0) + 1);
  return {
    who: `${who} — conversation ${snapshot.conversationId} (${snapshot.adapter})`,
    trend: {
      direction: trend.direction,
      text: trend.direction === 'none'
        ? `One customer message so far: ${LABEL[customers[0].assessment.label].toLowerCase()} (${signed(scores[0])}).`
        : `${trend.text}: the last customer message reads ${signed(trend.to)}, the one before ${signed(trend.from)} (−1 very negative, +1 very positive).`,
    },
    points: scores,
    chartLabel: `Customer mood per message, oldest first: ${scores.map(signed).join(', ')}.`,
    cues: [...cueCounts].filter(([id]) => CUES[id]).map(([id, n]) => `${CUES[id]}: ${n} of ${customers.length} message${customers.length === 1 ? '' : 's'}`),
    messages: customers.map((m, i) => ({
      label: [readableTime(m.time), `${LABEL[m.assessment.label]} (${signed(m.assessment.score)})`,
        m.assessment.emotion && EMOTION[m.assessment.emotion], ...m.assessment.cues.filter((c) => CUES[c]).map((c) => CUES[c]),
        `${m.assessment.priorityLevel} priority`].filter(Boolean).join(' · '),
      text: m.text.length > 160 ? `${m.text.slice(0, 157)}…` : m.text,
    })),
  };
}

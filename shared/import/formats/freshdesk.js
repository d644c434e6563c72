// Freshdesk ticket export (Tickets > Export, CSV): one row per ticket with the
// columns the admin ticked, headed by the labels of Freshdesk's export dialog
// ("Ticket ID", "Subject", "Description", "Status", "Source", "Agent",
// "Group", "Created time", "Resolved time", "Closed time", "Time tracked",
// "Agent interactions", "Tags", "Survey results", "Product", "Full name",
// "Email"...; field meanings in the Tickets API,
// https://developers.freshdesk.com/api/#tickets). Headers are matched
// ignoring case and punctuation; other columns are ignored; an export whose
// labels differ goes through the column-mapping step instead.
// The export holds the ticket's description (the customer's first message),
// not the later conversation, so each ticket gives one customer message;
// the agent, times, tags and survey result become the conversation's facts.
// Times have no zone: they are kept as written (the helpdesk's time zone).
import { ImportError } from '../errors.js';
import { normalizeName, toTime } from '../fields.js';
import { compact, htmlToText } from './common.js';

const REQUIRED = ['Ticket ID', 'Created time'];
// Freshdesk's default satisfaction survey answers, on the 1..5 scale.
const SURVEY = { awesome: 5, 'extremely happy': 5, happy: 4, good: 4, neutral: 3, 'not good': 1, unhappy: 2, 'extremely unhappy': 1 };

function column(row, name) {
  if (name in row) return row[name];
  const want = normalizeName(name);
  for (const key of Object.keys(row)) if (normalizeName(key) === want) return row[key];
  return undefined;
}

function time(row, name, where, required = false) {
  const raw = column(row, name);
  if (raw === undefined || raw.trim() === '') {
    if (required) throw new ImportError('is required', { ...where, field: name });
    return undefined;
  }
  const t = toTime(raw);
  if (t === null) throw new ImportError(`'${raw.slice(0, 40)}' is not a date-time`, { ...where, field: name });
  return t;
}

function hoursMinutes(raw, where, field) {
  if (!raw || !raw.trim()) return undefined;
  const m = /^(\d+):(\d{2})(?::(\d{2}))?$/.exec(raw.trim());
  if (!m) throw new ImportError(`'${raw}' is not a duration (hh:mm)`, { ...where, field });
  return +m[1] * 3600 + +m[2] * 60 + +(m[3] ?? 0);
}

export default {
  id: 'freshdesk',
  label: 'Freshdesk ticket export (CSV)',
  docs: ['https://developers.freshdesk.com/api/#tickets'],
  kinds: ['csv'],
  detectColumns: (columns) => {
    const names = new Set(columns.map(normalizeName));
    return names.has('ticket id') && names.has('created time') && (names.has('description') || names.has('subject'));
  },
  requiredColumns: REQUIRED,
  toMessages(row, where) {
    const conversation = String(column(row, 'Ticket ID') ?? '').trim();
    if (!conversation) throw new ImportError('is required', { ...where, field: 'Ticket ID' });
    const at = time(row, 'Created time', where, true);
    const description = htmlToText(column(row, 'Description') ?? '');
    const text = description.trim() ? description : (column(row, 'Subject') ?? '');
    if (!text.trim()) throw new ImportError('the ticket has neither a description nor a subject', { ...where, field: 'Description' });
    const status = normalizeName(column(row, 'Status') ?? '');
    const resolved = status === 'resolved' || status === 'closed';
    const survey = normalizeName(column(row, 'Survey results') ?? '');
    const interactions = column(row, 'Agent interactions');
    const tags = (column(row, 'Tags') ?? '').split(',').map((t) => t.trim()).filter(Boolean);
    return [compact({
      conversation, at, role: 'customer', text,
      customer: column(row, 'Email') || column(row, 'Full name') || column(row, 'Contact ID'),
      agent: column(row, 'Agent'),
      brand: column(row, 'Product') || column(row, 'Group'),
      channel: column(row, 'Source')?.toLowerCase(),
      tags: tags.length ? tags : undefined,
      csat: survey ? SURVEY[survey] : undefined,
      resolvedAt: resolved ? (time(row, 'Resolved time', where) ?? time(row, 'Closed time', where)) : undefined,
      handleSeconds: hoursMinutes(column(row, 'Time tracked'), where, 'Time tracked'),
      fcr: resolved && interactions !== undefined && interactions !== '' ? Number(interactions) <= 1 : undefined,
    })];
  },
};

// Target fields: what a mapped row becomes. A field list is data, so another
// importer (e.g. the customer-context orders import) passes its own list to
// previewImport/runImport. MESSAGE_FIELDS are the dashboard's: one support
// message each, as the analytics records want them (shared/api/README.md,
// "Analytics").
//
// A field: { id, label, type, required?, synonyms[] (column names it is
// guessed from, compared lowercase without punctuation), min?, max? }.
// Types: string, text, date, number, boolean, list, role.
import { ImportError } from './errors.js';
import { TIME_FORMATS, toTime } from './time.js';

export { toTime };

export const MESSAGE_FIELDS = [
  { id: 'conversation', label: 'Conversation or ticket id', type: 'string', required: true,
    synonyms: ['conversation', 'conversation id', 'ticket', 'ticket id', 'thread', 'thread id', 'session id', 'case id', 'chat id',
      'ticket number', 'case number', 'conversation number', 'id'] },
  { id: 'at', label: 'Time sent', type: 'date', required: true,
    synonyms: ['at', 'time', 'timestamp', 'date', 'datetime', 'created', 'created at', 'created time', 'sent at', 'message time',
      'created on', 'date created', 'creation date', 'sent', 'posted at'] },
  { id: 'text', label: 'Message text', type: 'text', required: true,
    synonyms: ['text', 'message', 'body', 'content', 'comment', 'plain body', 'message text', 'body text', 'message body',
      'description'] },
  { id: 'role', label: 'Who wrote it (customer or agent)', type: 'role',
    synonyms: ['role', 'author type', 'sender type', 'sender role', 'from type', 'direction', 'author role', 'inbound', 'incoming',
      'outbound', 'outgoing'] },
  { id: 'customer', label: 'Customer', type: 'string',
    synonyms: ['customer', 'customer id', 'customer email', 'requester', 'requester id', 'email', 'contact', 'user', 'user id', 'client'] },
  { id: 'agent', label: 'Agent', type: 'string',
    synonyms: ['agent', 'agent name', 'assignee', 'assignee id', 'admin', 'owner', 'responder', 'operator'] },
  { id: 'brand', label: 'Brand or mailbox', type: 'string', synonyms: ['brand', 'brand id', 'mailbox', 'product', 'inbox'] },
  { id: 'channel', label: 'Channel', type: 'string', synonyms: ['channel', 'source', 'via', 'medium'] },
  { id: 'tags', label: 'Tags', type: 'list', synonyms: ['tags', 'tag', 'labels'] },
  { id: 'csat', label: 'CSAT (1 to 5)', type: 'number', min: 1, max: 5,
    synonyms: ['csat', 'satisfaction', 'satisfaction score', 'rating', 'csat score'] },
  { id: 'nps', label: 'NPS answer (0 to 10)', type: 'number', min: 0, max: 10, synonyms: ['nps', 'nps score'] },
  { id: 'resolvedAt', label: 'Resolved at', type: 'date',
    synonyms: ['resolved at', 'resolved', 'resolved time', 'solved at', 'closed at'] },
  { id: 'handleSeconds', label: 'Handle time (seconds)', type: 'number', min: 0,
    synonyms: ['handle seconds', 'handle time', 'time spent', 'handling time'] },
  { id: 'fcr', label: 'First-contact resolution', type: 'boolean',
    synonyms: ['fcr', 'first contact resolution', 'one touch', 'resolved first contact'] },
];

export const normalizeName = (name) => String(name).toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();

const AGENT_WORDS = new Set(['agent', 'admin', 'staff', 'operator', 'support', 'outbound', 'outgoing', 'user agent',
  'brand', 'company', 'team', 'employee', 'rep', 'representative', 'teammate']);
const CUSTOMER_WORDS = new Set(['customer', 'end user', 'enduser', 'requester', 'client', 'contact', 'lead', 'inbound',
  'incoming', 'visitor', 'user', 'consumer']);

const TRUE = new Set(['true', 'yes', 'y', '1']);
const FALSE = new Set(['false', 'no', 'n', '0']);

// A yes/no column can say who wrote a message: "inbound" (as in the public
// Twitter customer-support corpus) or "incoming" (Freshdesk) is yes for the
// customer; "outbound" or "outgoing" is yes for the agent.
const CUSTOMER_FLAGS = new Set(['inbound', 'incoming', 'is inbound', 'is incoming', 'from customer', 'is customer']);
const AGENT_FLAGS = new Set(['outbound', 'outgoing', 'is outbound', 'is outgoing', 'from agent', 'is agent']);

function roleFromFlag(column, raw) {
  const name = normalizeName(String(column ?? '').split('.').pop());
  const flagFor = CUSTOMER_FLAGS.has(name) ? 'customer' : AGENT_FLAGS.has(name) ? 'agent' : null;
  if (!flagFor) return null;
  const s = String(raw).trim().toLowerCase();
  const yes = raw === true || TRUE.has(s);
  if (!yes && raw !== false && !FALSE.has(s)) return null;
  return yes === (flagFor === 'customer') ? 'customer' : 'agent';
}

// The value of `field` from a raw cell (of `column`, when the column's name
// carries meaning); undefined when empty; throws an ImportError naming the
// field when the cell has the wrong type.
export function coerce(field, raw, where = {}, column = undefined) {
  if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) {
    if (field.required) throw new ImportError('is required but empty', { ...where, field: field.id });
    return undefined;
  }
  const bad = (what) => {
    const shown = typeof raw === 'object' ? JSON.stringify(raw).slice(0, 40) : String(raw).slice(0, 40);
    throw new ImportError(`'${shown}' is not ${what}`, { ...where, field: field.id });
  };
  switch (field.type) {
    case 'string': return typeof raw === 'object' ? bad('a single value') : String(raw).trim();
    case 'text': return typeof raw === 'object' ? bad('text') : String(raw);
    case 'date': return toTime(raw) ?? bad(TIME_FORMATS);
    case 'number': {
      const n = typeof raw === 'number' ? raw : Number(String(raw).trim().replace(',', '.'));
      if (!Number.isFinite(n)) return bad('a number');
      if ((field.min !== undefined && n < field.min) || (field.max !== undefined && n > field.max)) {
        return bad(`a number from ${field.min ?? '-inf'} to ${field.max ?? 'inf'}`);
      }
      return n;
    }
    case 'boolean': {
      if (typeof raw === 'boolean') return raw;
      const s = String(raw).trim().toLowerCase();
      return TRUE.has(s) ? true : FALSE.has(s) ? false : bad('yes/no (true/false)');
    }
    case 'list': {
      const items = Array.isArray(raw) ? raw.map(String) : String(raw).split(/[,;|]/);
      return items.map((t) => t.trim()).filter(Boolean);
    }
    case 'role': {
      const flagged = roleFromFlag(column, raw);
      if (flagged) return flagged;
      const s = normalizeName(raw);
      if (AGENT_WORDS.has(s)) return 'agent';
      if (CUSTOMER_WORDS.has(s)) return 'customer';
      return bad('a role (customer/end-user/requester or agent/admin/staff)');
    }
    default: return raw;
  }
}

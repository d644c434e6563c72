// Zendesk Support tickets with their comments, as JSON or NDJSON.
// - The account data export (Admin Center > Account > Tools > Reports >
//   JSON export) writes one ticket per line, NDJSON:
//   https://support.zendesk.com/hc/en-us/articles/4408886165402
// - The REST API writes {"tickets": [...]} (Tickets API,
//   https://developer.zendesk.com/api-reference/ticketing/tickets/tickets/);
//   comments come from the Ticket Comments API as a "comments" list per
//   ticket (https://developer.zendesk.com/api-reference/ticketing/tickets/ticket_comments/).
// Ticket fields used: id, requester_id, assignee_id (or assignee {name}),
// brand_id, via.channel, tags, status, satisfaction_rating.score
// ('good' | 'bad'), metric_set.solved_at (Ticket Metrics,
// https://developer.zendesk.com/api-reference/ticketing/tickets/ticket_metrics/),
// and per comment: author_id, plain_body (or body / html_body), public,
// created_at. Private comments (public: false) are internal notes and are
// left out. A comment is the customer's when its author is the requester.
import { ImportError } from '../errors.js';
import { compact, htmlToText, listOf, need, timeField } from './common.js';

// Zendesk's CSAT is good/bad: recorded on the 1..5 scale as 5 and 1, so
// "satisfied share" (>= 4) is the share of good ratings.
const CSAT = { good: 5, bad: 1 };

function person(record, key, where) {
  const embedded = record[key.replace(/_id$/, '')];
  if (embedded && typeof embedded === 'object' && (embedded.name || embedded.email)) return embedded.name ?? embedded.email;
  const id = record[key];
  if (id === undefined || id === null) return undefined;
  if (typeof id !== 'number' && typeof id !== 'string') throw new ImportError('expected an id', { ...where, field: key });
  return `${key === 'assignee_id' ? 'agent' : 'user'} ${id}`;
}

export default {
  id: 'zendesk',
  label: 'Zendesk tickets with comments (JSON or NDJSON)',
  docs: ['https://support.zendesk.com/hc/en-us/articles/4408886165402',
    'https://developer.zendesk.com/api-reference/ticketing/tickets/ticket_comments/'],
  kinds: ['json', 'ndjson'],
  jsonKeys: ['tickets'],
  detect: (r) => r.id !== undefined && Array.isArray(r.comments) && ('requester_id' in r || 'via' in r || 'subject' in r),
  toMessages(ticket, where) {
    const conversation = String(need(ticket, 'id', where));
    const requester = ticket.requester_id;
    const customer = person(ticket, 'requester_id', where);
    const agent = person(ticket, 'assignee_id', where);
    const context = compact({
      conversation,
      brand: ticket.brand?.name ?? (ticket.brand_id != null ? `brand ${ticket.brand_id}` : undefined),
      channel: ticket.via?.channel,
      tags: listOf(ticket.tags, where, 'tags').map(String),
      csat: CSAT[ticket.satisfaction_rating?.score],
      resolvedAt: ticket.metric_set?.solved_at ? timeField(ticket.metric_set.solved_at, where, 'metric_set.solved_at') : undefined,
      fcr: ticket.metric_set?.replies !== undefined && ticket.metric_set?.solved_at ? ticket.metric_set.replies <= 1 : undefined,
    });
    if (context.tags?.length === 0) delete context.tags;
    const comments = listOf(ticket.comments, where, 'comments');
    const messages = [];
    comments.forEach((c, i) => {
      if (!c || typeof c !== 'object') throw new ImportError('expected a comment object', { ...where, field: `comments[${i}]` });
      if (c.public === false) return;
      const text = typeof c.plain_body === 'string' ? c.plain_body
        : typeof c.body === 'string' ? c.body : htmlToText(c.html_body);
      if (!text || !text.trim()) return;
      const at = timeField(c.created_at, where, `comments[${i}].created_at`);
      const byRequester = c.author_id !== undefined && c.author_id === requester;
      messages.push(compact(byRequester
        ? { ...context, at, role: 'customer', customer, agent, text }
        : { ...context, at, role: 'agent', customer, agent: c.author?.name ?? (c.author_id === ticket.assignee_id ? agent : `agent ${c.author_id}`), text }));
    });
    if (messages.length === 0 && ticket.description) {
      messages.push(compact({ ...context, at: timeField(ticket.created_at, where, 'created_at'), role: 'customer',
        customer, agent, text: String(ticket.description) }));
    }
    return messages;
  },
};

// Freshdesk tickets with their conversations, as the REST API v2 gives them
// ("View a ticket" with ?include=conversations,requester,stats, or "List all
// tickets" followed by "List all conversations of a ticket" per ticket:
// https://developers.freshdesk.com/api/#view_a_ticket ,
// https://developers.freshdesk.com/api/#list_all_ticket_notes), saved as a
// JSON array, as {"tickets": [...]} or as NDJSON. Freshdesk's own export
// dialog writes CSV without the conversation (freshdesk.js); this is how a
// whole conversation history leaves Freshdesk.
// Ticket fields used: id, created_at, description_text (or description,
// HTML), requester_id / requester { name, email }, responder_id, status
// (4 resolved, 5 closed), source (channel code), tags, product_id, group_id,
// stats { resolved_at, closed_at }. Per conversation: body_text (or body),
// incoming (true when it came from outside the helpdesk), private (private
// notes are left out), user_id, created_at.
import { byTime, compact, htmlToText, listOf, need, timeField } from './common.js';

// The ticket's "source" codes of the Tickets API.
const CHANNELS = { 1: 'email', 2: 'portal', 3: 'phone', 7: 'chat', 9: 'feedback widget', 10: 'outbound email' };
const RESOLVED = new Set([4, 5]);

function bodyOf(record, plain, html) {
  return typeof record[plain] === 'string' && record[plain].trim() ? record[plain] : htmlToText(record[html]);
}

export default {
  id: 'freshdesk-api',
  label: 'Freshdesk tickets with conversations (API JSON or NDJSON)',
  docs: ['https://developers.freshdesk.com/api/#view_a_ticket', 'https://developers.freshdesk.com/api/#list_all_ticket_notes'],
  kinds: ['json', 'ndjson'],
  jsonKeys: ['tickets'],
  detect: (r) => r.id !== undefined && 'requester_id' in r && Array.isArray(r.conversations)
    && ('description_text' in r || 'responder_id' in r),
  toMessages(ticket, where) {
    const conversation = String(need(ticket, 'id', where));
    const requester = ticket.requester_id;
    const customer = ticket.requester?.email ?? ticket.requester?.name ?? (requester != null ? `user ${requester}` : undefined);
    const agent = ticket.responder_id != null ? `agent ${ticket.responder_id}` : undefined;
    const resolvedWhen = ticket.stats?.resolved_at ?? ticket.stats?.closed_at;
    const tags = listOf(ticket.tags, where, 'tags').map(String).filter(Boolean);
    const context = compact({
      conversation, customer, agent,
      brand: ticket.product_id != null ? `product ${ticket.product_id}` : ticket.group_id != null ? `group ${ticket.group_id}` : undefined,
      channel: CHANNELS[ticket.source],
      tags: tags.length ? tags : undefined,
      resolvedAt: RESOLVED.has(ticket.status) && resolvedWhen ? timeField(resolvedWhen, where, 'stats.resolved_at') : undefined,
    });
    const messages = [];
    const opening = bodyOf(ticket, 'description_text', 'description');
    if (opening.trim()) {
      messages.push({ ...context, at: timeField(ticket.created_at, where, 'created_at'), role: 'customer', text: opening });
    }
    listOf(ticket.conversations, where, 'conversations').forEach((c, i) => {
      if (!c || typeof c !== 'object' || c.private === true) return;
      const text = bodyOf(c, 'body_text', 'body');
      if (!text.trim()) return;
      const at = timeField(c.created_at, where, `conversations[${i}].created_at`);
      const fromCustomer = c.incoming === true || (requester != null && c.user_id === requester);
      messages.push(compact({ ...context, at, role: fromCustomer ? 'customer' : 'agent', text,
        agent: fromCustomer || c.user_id == null || c.user_id === ticket.responder_id ? agent : `agent ${c.user_id}` }));
    });
    messages.sort(byTime);
    return messages;
  },
};

// Help Scout conversations with their threads, as the Mailbox API 2.0 lists
// them with embed=threads (https://developer.helpscout.com/mailbox-api/endpoints/conversations/list/ ;
// threads: https://developer.helpscout.com/mailbox-api/endpoints/conversations/threads/list/),
// saved as {"_embedded": {"conversations": [...]}}, a JSON array or NDJSON.
// Fields used: id, mailboxId, createdAt, closedAt, status, source.type,
// primaryCustomer { email, first, last }, assignee { first, last, email },
// tags[].tag, and per thread (_embedded.threads[]): type ('customer' and
// 'message' are the customer's and the agent's emails, 'chat' and 'phone'
// are attributed by createdBy.type), body (HTML), createdAt, createdBy.
// Notes and system line items are left out.
import { byTime, compact, htmlToText, listOf, need, timeField } from './common.js';

const person = (p) => p && ([p.first, p.last].filter(Boolean).join(' ') || p.email || (p.id != null ? `user ${p.id}` : undefined));

function roleOf(thread) {
  if (thread.type === 'customer') return 'customer';
  if (thread.type === 'message') return 'agent';
  if (thread.type === 'chat' || thread.type === 'phone') {
    return thread.createdBy?.type === 'customer' ? 'customer' : thread.createdBy?.type === 'user' ? 'agent' : null;
  }
  return null;
}

export default {
  id: 'helpscout',
  label: 'Help Scout conversations with threads (JSON or NDJSON)',
  docs: ['https://developer.helpscout.com/mailbox-api/endpoints/conversations/list/',
    'https://developer.helpscout.com/mailbox-api/endpoints/conversations/threads/list/'],
  kinds: ['json', 'ndjson'],
  jsonKeys: ['_embedded.conversations'],
  detect: (r) => Boolean(r._embedded && Array.isArray(r._embedded.threads)) || ('mailboxId' in r && 'primaryCustomer' in r),
  toMessages(conv, where) {
    const conversation = String(need(conv, 'id', where));
    const tags = listOf(conv.tags, where, 'tags').map((t) => String(t?.tag ?? t)).filter(Boolean);
    const customer = conv.primaryCustomer?.email ?? person(conv.primaryCustomer);
    const agent = person(conv.assignee);
    const closed = conv.status === 'closed' && conv.closedAt ? timeField(conv.closedAt, where, 'closedAt') : undefined;
    const base = compact({ conversation, brand: conv.mailboxId != null ? `mailbox ${conv.mailboxId}` : undefined,
      channel: conv.source?.type ?? conv.type, tags: tags.length ? tags : undefined, resolvedAt: closed, customer });
    const threads = listOf(conv._embedded?.threads, where, '_embedded.threads');
    const messages = [];
    threads.forEach((t, i) => {
      const role = roleOf(t);
      const text = role && htmlToText(t.body);
      if (!text) return;
      const at = timeField(t.createdAt, where, `_embedded.threads[${i}].createdAt`);
      messages.push(compact({ ...base, at, role, text,
        agent: role === 'agent' ? (person(t.createdBy) ?? agent) : agent }));
    });
    messages.sort(byTime);
    return messages;
  },
};

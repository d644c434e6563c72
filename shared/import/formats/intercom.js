// Intercom conversations as the REST API gives them (the Conversation model:
// https://developers.intercom.com/docs/references/rest-api/api.intercom.io/conversations/conversation ,
// retrieved one by one with their conversation_parts), saved as a JSON array,
// as {"conversations": [...]}, or as NDJSON. Fields used: id, created_at
// (Unix seconds), source { body (HTML), author { type, id, name, email } },
// conversation_parts.conversation_parts[] { part_type, body, created_at,
// author }, admin_assignee_id, tags.tags[].name, conversation_rating.rating
// (1..5), statistics.last_close_at, statistics.count_reopens.
// Authors of type admin are agents; user, lead and contact are customers;
// bot and system parts, notes and parts without a body are left out.
import { ImportError } from '../errors.js';
import { compact, htmlToText, listOf, need, timeField } from './common.js';

const AGENT_TYPES = new Set(['admin', 'team']);
const CUSTOMER_TYPES = new Set(['user', 'lead', 'contact']);

function who(author) {
  return author ? (author.name || author.email || (author.id != null ? `${author.type} ${author.id}` : undefined)) : undefined;
}

export default {
  id: 'intercom',
  label: 'Intercom conversations (JSON or NDJSON)',
  docs: ['https://developers.intercom.com/docs/references/rest-api/api.intercom.io/conversations/conversation'],
  kinds: ['json', 'ndjson'],
  jsonKeys: ['conversations'],
  detect: (r) => r.type === 'conversation' || (r.source && typeof r.source === 'object' && 'conversation_parts' in r),
  toMessages(conv, where) {
    const conversation = String(need(conv, 'id', where));
    const tags = listOf(conv.tags?.tags, where, 'tags.tags').map((t) => String(t?.name ?? t)).filter(Boolean);
    const rating = conv.conversation_rating?.rating;
    if (rating != null && !(rating >= 1 && rating <= 5)) {
      throw new ImportError(`'${rating}' is not a rating from 1 to 5`, { ...where, field: 'conversation_rating.rating' });
    }
    const lastClose = conv.statistics?.last_close_at;
    const base = compact({
      conversation,
      channel: conv.source?.delivered_as ?? conv.source?.type,
      tags: tags.length ? tags : undefined,
      csat: rating ?? undefined,
      resolvedAt: lastClose ? timeField(lastClose, where, 'statistics.last_close_at') : undefined,
      fcr: lastClose && conv.statistics?.count_reopens !== undefined ? conv.statistics.count_reopens === 0 : undefined,
    });
    const parts = [];
    if (conv.source?.body) {
      parts.push({ part_type: 'comment', body: conv.source.body, author: conv.source.author,
        created_at: need(conv, 'created_at', where), field: 'source' });
    }
    listOf(conv.conversation_parts?.conversation_parts, where, 'conversation_parts').forEach((p, i) => {
      parts.push({ ...p, field: `conversation_parts[${i}]` });
    });
    let customer = undefined;
    let agent = undefined;
    const messages = [];
    for (const p of parts) {
      if (p.part_type === 'note' || !p.body) continue;
      const type = p.author?.type;
      const role = AGENT_TYPES.has(type) ? 'agent' : CUSTOMER_TYPES.has(type) ? 'customer' : null;
      if (!role) continue;
      const text = htmlToText(p.body);
      if (!text) continue;
      const at = timeField(p.created_at, where, `${p.field}.created_at`);
      if (role === 'customer') customer ??= who(p.author);
      else agent ??= who(p.author);
      messages.push(compact({ ...base, at, role, text, [role]: who(p.author) }));
    }
    for (const m of messages) {
      m.customer ??= customer;
      if (m.role === 'customer' && agent) m.agent = agent;
    }
    return messages.map(compact);
  },
};

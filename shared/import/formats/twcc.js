// IBM Twitter customer-care conversations (the "twcc" set the demo comes from):
// a JSON array of conversations, each
//   { dialogHeader: { sessionID, company, conversationDateTime, ... },
//     dialogContent: [ { client|client1|agent: handle, datetime, message, tweet_ID } ],
//     agentURL: { tweet_ID, turn, url, url_utterance } }
// where agentURL.url_utterance is the brand reply that carried a link, kept
// apart from dialogContent by the set. Published by IBM (Apache-2.0) with
// "Dialog Acts for Customer Care" (https://github.com/IBM/twcc-dataset, the
// README there describes these fields).
import { ImportError } from '../errors.js';
import { byTime, compact, need, timeField } from './common.js';

// Twitter "snowflake" ids: milliseconds since 2010-11-04T01:42:54.657Z above bit 22
// (https://developer.x.com/en/docs/x-ids); the reply in agentURL has no
// datetime of its own.
const TWITTER_EPOCH_MS = 1288834974657n;
export function tweetTime(id) {
  const ms = Number((BigInt(id) >> 22n) + TWITTER_EPOCH_MS);
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/\.000Z$/, 'Z');
}

// Support teams sign replies ("^SJ", "*MS", "- Mindy"): the reply is credited
// to "<brand> SJ"; a name becomes its first two letters. Unsigned: "<brand> team".
const SIGNATURE = /(?:\^|\*|[-\u2013]\s?)([A-Za-z]{1,12})\s*$/;
export function agentOf(brand, text) {
  const m = SIGNATURE.exec(String(text).trim());
  if (!m || /^(refund|content|all)$/i.test(m[1])) return `${brand} team`;
  const sig = m[1];
  return `${brand} ${(sig === sig.toUpperCase() ? sig : sig.slice(0, 2)).toUpperCase()}`;
}

export default {
  id: 'twcc',
  label: 'IBM Twitter customer care (JSON)',
  docs: ['https://github.com/IBM/twcc-dataset'],
  kinds: ['json', 'ndjson'],
  jsonKeys: [],
  detect: (record) => Boolean(record.dialogHeader && Array.isArray(record.dialogContent)),
  toMessages(record, where) {
    const header = need(record, 'dialogHeader', where);
    const conversation = String(need(header, 'sessionID', where, "is required (dialogHeader.sessionID)"));
    const brand = header.company ? String(header.company) : undefined;
    if (!Array.isArray(record.dialogContent)) throw new ImportError('expected a list', { ...where, field: 'dialogContent' });
    const turns = record.dialogContent.map((turn, i) => ({ turn, at: timeField(turn.datetime, where, `dialogContent[${i}].datetime`) }));
    const reply = record.agentURL;
    if (reply?.url_utterance && reply.tweet_ID) {
      turns.push({ turn: { agent: brand, message: reply.url_utterance }, at: tweetTime(reply.tweet_ID) });
    }
    turns.sort(byTime);
    const messages = [];
    let assignee;
    for (const { turn, at } of turns) {
      const text = typeof turn.message === 'string' ? turn.message : '';
      if (!text.trim()) continue;
      if (turn.agent !== undefined) {
        const agent = agentOf(brand ?? turn.agent, text);
        assignee ??= agent;
        messages.push(compact({ conversation, at, role: 'agent', agent, brand, channel: 'twitter', text }));
      } else {
        messages.push(compact({ conversation, at, role: 'customer', customer: turn.client ?? turn.client1, brand,
          channel: 'twitter', text }));
      }
    }
    for (const m of messages) if (m.role === 'customer' && assignee) m.agent = assignee;
    return messages;
  },
};

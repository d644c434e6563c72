// Front (https://app.frontapp.com/open/cnv_ID, inbox views …/cnv_ID).
//
// Front's own ids are public through its API and links: conversations cnv_…,
// messages msg_…, comments (internal discussion) com_…, and a message's
// direction `is_inbound`. The adapter reads elements that carry those ids and
// direction; the DOM attribute names are inferred, not verified (see evidence).
import { all, first, fromUrl, onHost, textOf, timeOf, emailOf, mapInSteps, stepwise } from './dom.js';

const S = {
  conversation: ['[data-conversation-id^="cnv_"]'],
  item: ['[data-message-id^="msg_"], [data-comment-id^="com_"]'],
  body: ['[data-message-body]', '.message-body', '.comment-body'],
  author: ['[data-sender-name]', '.message-sender'],
  email: ['[data-sender-handle]'],
  time: ['time'],
  editor: ['[data-composer] [contenteditable="true"]', '[data-composer] textarea'],
};

function roleOf(item) {
  if (item.hasAttribute('data-comment-id')) return 'internal';
  const inbound = item.getAttribute('data-is-inbound');
  if (inbound === 'true') return 'customer';
  if (inbound === 'false') return 'agent';
  return 'system';
}

export default stepwise({
  id: 'front',
  name: 'Front',
  matches(location, document) {
    return onHost(location, 'frontapp.com') || Boolean(document.querySelector('[data-conversation-id^="cnv_"] [data-message-id^="msg_"]'));
  },
  *readSteps(document) {
    const conversation = first(document, S.conversation);
    if (!conversation) return null;
    const conversationId = conversation.getAttribute('data-conversation-id') ?? fromUrl(document.location, /(cnv_[a-z0-9]+)/);
    const messages = (yield* mapInSteps(all(conversation, S.item), (item) => ({
      id: item.getAttribute('data-message-id') ?? item.getAttribute('data-comment-id'),
      element: item,
      role: roleOf(item),
      author: first(item, S.author)?.textContent.trim() ?? null,
      email: first(item, S.email)?.getAttribute('data-sender-handle') ?? null,
      text: textOf(first(item, S.body), { drop: ['blockquote', '.quoted'] }),
      time: timeOf(first(item, S.time)),
    }))).filter((m) => m.text);
    const customer = messages.find((m) => m.role === 'customer');
    return {
      conversationId,
      customer: { name: customer?.author ?? null, email: customer?.email ?? emailOf(first(conversation, 'a[href^="mailto:"]')) },
      messages: messages.map(({ email, ...m }) => m),
      editor: first(conversation, S.editor) ?? first(document, S.editor),
    };
  },
  evidence: [
    { selectors: ['app.frontapp.com/open/cnv_ID', 'msg_…'],
      source: 'Zulip\'s Front integration docs (linkifier cnv_(?P<id>[0-9a-z]+) → https://app.frontapp.com/open/cnv_{id}); public code linking https://app.frontapp.com/open/msg_…' },
    { selectors: ['is_inbound', 'com_ comment ids'],
      source: 'Front core API message objects (is_inbound, from.handle/name) as typed in public API clients found with the code search corpus' },
    { selectors: [...S.conversation, ...S.item, ...S.body, ...S.author, ...S.email, ...S.editor, '[data-is-inbound]'],
      source: 'inferred, not verified against the live app: DOM attributes carrying the API ids and direction' },
  ],
});

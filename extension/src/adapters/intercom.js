// Intercom inbox (https://app.intercom.com/a/inbox/APP/inbox/…/conversation/ID).
//
// Public evidence about the inbox's DOM is thin (below). The adapter leans on
// Intercom's BEM-style class vocabulary seen in public tools (`conversation__…`
// blocks, `o__` modifiers) and reads parts as `.conversation__part` with the
// author kind in a modifier: `o__user` (the customer), `o__admin` (teammate),
// `o__note` (internal note), `o__bot` / `o__event` (automatic).
import { all, first, fromUrl, onHost, textOf, timeOf, emailOf, mapInSteps, stepwise } from './dom.js';

const S = {
  stream: ['[data-conversation-stream]', '.conversation__stream'],
  part: ['.conversation__part', '[data-part-id]'],
  body: ['.conversation__text', '.conversation__part__body', '[data-part-body]'],
  author: ['.conversation__part__author', '[data-part-author]'],
  time: ['time', '.conversation__part__time'],
  editor: ['.inbox__composer [contenteditable="true"]', '[data-composer] [contenteditable="true"]', '.ProseMirror[contenteditable="true"]'],
  title: ['span[data-conversation-title]', '.conversation__card__title__text'],
  email: ['[data-user-email]', '.user-details a[href^="mailto:"]', 'a[href^="mailto:"]'],
};

function roleOf(part) {
  const c = part.classList;
  if (c.contains('o__note')) return 'internal';
  if (c.contains('o__user') || part.getAttribute('data-author-type') === 'user') return 'customer';
  if (c.contains('o__admin') || part.getAttribute('data-author-type') === 'admin') return 'agent';
  return 'system';  // o__bot, o__event and anything not named
}

export default stepwise({
  id: 'intercom',
  name: 'Intercom inbox',
  matches(location, document) {
    return (onHost(location, 'intercom.com') && location.pathname.startsWith('/a/inbox/'))
      || Boolean(document.querySelector('.conversation__stream .conversation__part'));
  },
  *readSteps(document) {
    const stream = first(document, S.stream);
    if (!stream) return null;
    const conversationId = fromUrl(document.location, /\/conversation\/(\d+)/)
      ?? stream.getAttribute('data-conversation-id');
    const messages = (yield* mapInSteps(all(stream, S.part), (part, index) => ({
      id: part.getAttribute('data-part-id') || part.id || `${conversationId}:${index}`,
      element: part,
      role: roleOf(part),
      author: first(part, S.author)?.textContent.trim() ?? null,
      text: textOf(first(part, S.body)),
      time: timeOf(first(part, S.time)),
    }))).filter((m) => m.text);
    return {
      conversationId,
      customer: {
        name: first(document, S.title)?.textContent.trim() ?? messages.find((m) => m.role === 'customer')?.author ?? null,
        email: emailOf(first(document, S.email)),
      },
      messages,
      editor: first(document, S.editor),
    };
  },
  evidence: [
    { selectors: ['/a/inbox/APP/inbox/…/conversation/ID'],
      source: 'many public tools build inbox links this way (e.g. "https://app.intercom.com/a/inbox/${APP_ID}/inbox/conversation/${id}"); part anchors "#part_id=user-message-…" in github.com/dmatt/slackercom README' },
    { selectors: ['span[data-conversation-title]'],
      source: 'a public Intercom helper extension (getContactName: document.querySelector("span[data-conversation-title]")), found with the code search corpus' },
    { selectors: ['.conversation__card__title__text', 'o__ modifier classes'],
      source: 'github.com/toggl/track-extension, src/scripts/content/intercom.js (div.card.conversation__card.o__in-list, .conversation__card__title__text)' },
    { selectors: [...S.part, ...S.body, ...S.author, 'o__user', 'o__admin', 'o__note', ...S.editor, ...S.stream],
      source: 'inferred from that vocabulary, not verified against a live inbox; the generic mode and a site configuration are the fallback' },
  ],
});

// Freshdesk agent portal, new ("Mint") ticket view
// (https://DOMAIN.freshdesk.com/a/tickets/ID).
//
// Each reply, note or the first message is one element carrying `data-album`
// with a `.ticket-details__item` inside (evidence below). Who wrote it is
// read from the author link: requesters live under /a/contacts/, agents under
// /a/admins/ or /a/agents/. The reply box is Froala (`.fr-element.fr-view`).
import { all, first, fromUrl, onHost, textOf, timeOf, emailOf, mapInSteps, stepwise } from './dom.js';

const S = {
  item: '[data-album]',
  detail: '.ticket-details__item',
  body: ['[data-testid="conversation-body"]', '.ticket-details__body', '.conversation-body', '.ticket-details__item'],
  author: ['a[href*="/a/contacts/"]', 'a[href*="/a/admins/"]', 'a[href*="/a/agents/"]', '.ticket-details__author'],
  time: ['time', '[data-testid="conversation-time"]'],
  note: ['.private-note', '[data-note-type="private"]', '[aria-label="Private note"]'],
  system: ['.ticket-details__activity', '[data-note-type="automation"]'],
  editor: ['.fr-element.fr-view[contenteditable="true"]', '.reply-box textarea', '.redactor-editor[contenteditable="true"]'],
  requester: ['[data-testid="requester-info"]', '.requester-info', '.contact-info'],
};

function roleOf(item) {
  if (S.note.some((s) => item.matches(s) || item.querySelector(s))) return 'internal';
  if (S.system.some((s) => item.matches(s) || item.querySelector(s))) return 'system';
  const author = first(item, S.author);
  const href = author?.getAttribute('href') ?? '';
  if (href.includes('/a/contacts/')) return 'customer';
  if (href.includes('/a/admins/') || href.includes('/a/agents/')) return 'agent';
  return 'system';
}

export default stepwise({
  id: 'freshdesk',
  name: 'Freshdesk',
  matches(location, document) {
    return (onHost(location, 'freshdesk.com') && location.pathname.startsWith('/a/tickets/'))
      || Boolean(document.querySelector(`${S.item} ${S.detail}`));
  },
  *readSteps(document) {
    const items = all(document, S.item).filter((el) => el.querySelector(S.detail));
    if (!items.length) return null;
    const conversationId = fromUrl(document.location, /\/a\/tickets\/(\d+)/)
      ?? document.querySelector('[data-ticket-id]')?.getAttribute('data-ticket-id') ?? null;
    const messages = (yield* mapInSteps(items, (item, index) => ({
      id: `${conversationId}:${item.getAttribute('data-album') || index}`,
      element: item,
      role: roleOf(item),
      author: first(item, S.author)?.textContent.trim() ?? null,
      text: textOf(first(item, S.body), { drop: ['.ticket-details__header', '.quoted-text', 'blockquote'] }),
      time: timeOf(first(item, S.time)),
    }))).filter((m) => m.text);
    const requester = first(document, S.requester);
    const firstCustomer = messages.find((m) => m.role === 'customer');
    return {
      conversationId,
      customer: {
        name: first(requester, ['.requester-name', 'a[href*="/a/contacts/"]'])?.textContent.trim() ?? firstCustomer?.author ?? null,
        email: emailOf(first(requester, ['a[href^="mailto:"]', '.requester-email'])),
      },
      messages,
      editor: first(document, S.editor),
    };
  },
  evidence: [
    { selectors: [S.item, S.detail],
      source: 'github.com/roelvanduijnhoven/freshdesk-mint-navigator, snipplet.js: walks the ticket conversation by $("[data-album]") and highlights ".ticket-details__item"' },
    { selectors: ['/a/tickets/ID'],
      source: 'Freshworks developer docs and sample apps: the ticket page is https://DOMAIN.freshdesk.com/a/tickets/123' },
    { selectors: S.editor,
      source: 'a public Freshdesk reply-assistant extension (utils/freshdesk SELECTORS: replyTextArea ".reply-box textarea, .fr-element", richTextEditor ".fr-element.fr-view, .redactor-editor"), found with the code search corpus' },
    { selectors: [...S.author, ...S.note, ...S.system, ...S.body, ...S.requester],
      source: 'inferred, not verified against a live Freshdesk: author links to /a/contacts/ vs agent pages, private-note and activity markers, requester panel' },
  ],
});

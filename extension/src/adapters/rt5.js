// Request Tracker 5 (Debian request-tracker5 5.0.3), the agent UI:
// Ticket/Display.html?id=N (the history, loaded by AJAX into
// #delayed_ticket_history unless $ShowHistory is 'always') and
// Ticket/Update.html?id=N (the reply form, CKEditor 4 on #UpdateContent).
//
// Every event of a ticket is a .transaction[data-transaction-id]; messages
// (ticket created, correspondence, comments) carry the class `message`, the
// rest `other` / `basics`. RT 5.0.3 gives all three message kinds the same
// class: the description says which ("Ticket created", "Correspondence
// added", "Comments added"), and the author's .user[data-user-id] says who.
// A message is the customer's when its author is one of the ticket's
// requestors (read from the page's people panel, never assumed).
// Evidence: these selectors were read from a live RT 5.0.3 (the test suite
// installs and drives one: tests/e2e/extension/rt5.test.mjs) and match RT's
// open source templates (share/html/Elements/ShowHistory*,
// share/html/Ticket/Elements/ShowTransaction, ShowPeople).
import { all, first, fromUrl, textOf, emailOf, pauseAt, stepwise } from './dom.js';

const S = {
  history: ['.history.ticket[id^="ticket-"] .history-container', '.history-container'],
  transaction: '.transaction[data-transaction-id]',
  description: '.description',
  author: '.description .user[data-user-id]',
  body: '.messagebody',
  date: '.date',
  requestors: '.ticket-info-people .requestors .value .user[data-user-id]',
  editorFrame: '#cke_UpdateContent iframe.cke_wysiwyg_frame',
  editorField: 'textarea#UpdateContent',
  updateForm: 'form[name="TicketUpdate"]',
};

function isRtPage(document) {
  return /^comp-Ticket-(Display|Update)$/.test(document.body?.id ?? '')
    && Boolean(document.querySelector('#comp-Ticket-Display .ticket-info-people, #comp-Ticket-Update form[name="TicketUpdate"], #delayed_ticket_history, .history-container'));
}

function roleOf(transaction, requestorIds) {
  if (!transaction.classList.contains('message')) return 'system';
  const description = transaction.querySelector(S.description)?.textContent ?? '';
  if (/Comments? added/i.test(description)) return 'internal';
  const author = transaction.querySelector(S.author)?.getAttribute('data-user-id');
  if (author && requestorIds.has(author)) return 'customer';
  return author === '1' ? 'system' : 'agent';  // user 1 is "The RT System itself"
}

export default stepwise({
  id: 'rt5',
  name: 'Request Tracker 5',
  matches: (location, document) => isRtPage(document),
  *readSteps(document) {
    const conversationId = fromUrl(document.location, /[?&;]id=(\d+)/)
      ?? document.querySelector(`${S.updateForm} input[name="id"]`)?.value
      ?? document.querySelector('.history.ticket[id^="ticket-"]')?.id.match(/ticket-(\d+)-history/)?.[1];
    if (!conversationId) return null;
    const requestors = all(document, S.requestors);
    const requestorIds = new Set(requestors.map((u) => u.getAttribute('data-user-id')));
    const messages = [];
    for (const [i, t] of all(first(document, S.history), S.transaction).entries()) {
      if (pauseAt(i)) yield;
      const body = t.querySelector(S.body);
      if (!body) continue;
      // Quoted earlier mail is folded by RT into .message-stanza-folder / closed stanzas.
      const text = textOf(body, { drop: ['.message-stanza-folder', '.message-stanza.closed', 'blockquote'] });
      if (!text) continue;
      messages.push({
        id: t.getAttribute('data-transaction-id'),
        element: t,
        badgeAnchor: body,
        role: roleOf(t, requestorIds),
        author: t.querySelector(S.author)?.textContent.replace(/\s*<[^>]*>\s*$/, '').trim() ?? null,
        text,
        time: t.querySelector(S.date)?.textContent.replace(/\u00a0/g, ' ').trim() ?? null,
      });
    }
    const firstRequestor = requestors[0];
    return {
      conversationId,
      customer: {
        name: firstRequestor?.textContent.replace(/<[^>]*>/, '').trim() || null,
        email: emailOf(firstRequestor),
      },
      messages,
      editor: first(document, [S.editorFrame, S.editorField]),
    };
  },
  evidence: [
    { selectors: [S.transaction, '.transaction.message', S.description, S.author, S.body, S.date, S.history].flat(),
      source: 'live RT 5.0.3 (Debian request-tracker5 5.0.3+dfsg-3~deb12u7) installed by tests/e2e/fixtures/rt5/rt5.sh; RT source share/html/Elements/ShowHistoryPage, Ticket/Elements/ShowTransaction' },
    { selectors: [S.requestors], source: 'live RT 5.0.3, Ticket/Elements/ShowPeople (requestors row, .user[data-user-id])' },
    { selectors: [S.editorFrame, S.editorField], source: 'live RT 5.0.3 Ticket/Update.html: CKEditor 4.13 replaces textarea#UpdateContent' },
  ],
});

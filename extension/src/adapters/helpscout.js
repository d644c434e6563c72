// Help Scout mailbox (https://secure.helpscout.net/conversation/ID/NUMBER).
//
// Each thread of a conversation is an <article class="thread …" id="thread-N">;
// the customer's threads carry the class `customer` (evidence below), notes
// `note`, replies by teammates `message`, and automatic line items `lineitem`.
// The body sits in section.js-thread-content … section.messageBody.
import { all, first, fromUrl, onHost, textOf, timeOf, emailOf, mapInSteps, stepwise } from './dom.js';

const S = {
  thread: ['article.thread[id^="thread-"]', 'li > div[id^="thread-"]'],
  body: ['section.messageBody', 'section.js-thread-content', '.thread-content'],
  meta: ['section.threadHeader section.meta', '.threadHeader'],
  author: ['.threadHeader .name', 'span[data-nocollapse="true"]', '.threadHeader strong'],
  time: ['time', '.threadHeader .time'],
  editor: ['[data-cy="ConvoEditor"] [contenteditable="true"]', '[data-cy="ConvoEditor"][contenteditable="true"]',
    '.redactor_redactor.redactor_editor', '[role="textbox"][aria-label="Reply Editor"]'],
  sidebar: ['[data-cy="customer-sidebar"]', '.c-conversation-sidebar', '.sidebar-customer'],
};

function roleOf(thread) {
  const c = thread.classList;
  if (c.contains('customer') || c.contains('is-customer')) return 'customer';
  if (c.contains('note')) return 'internal';
  if (c.contains('lineitem') || c.contains('workflow')) return 'system';
  if (c.contains('message') || c.contains('reply')) return 'agent';
  return 'system';
}

export default stepwise({
  id: 'helpscout',
  name: 'Help Scout',
  matches(location, document) {
    return (onHost(location, 'helpscout.net') && location.pathname.startsWith('/conversation/'))
      || Boolean(document.querySelector('article.thread[id^="thread-"] section.js-thread-content'));
  },
  *readSteps(document) {
    const threads = all(document, S.thread);
    if (!threads.length) return null;
    const conversationId = fromUrl(document.location, /\/conversation\/(\d+)/)
      ?? document.querySelector('[data-conversation-id]')?.getAttribute('data-conversation-id') ?? null;
    // Help Scout lists the newest thread first; messages go out oldest first.
    const messages = (yield* mapInSteps(threads, (thread) => ({
      id: thread.id,
      element: thread,
      role: roleOf(thread),
      author: first(thread, S.author)?.textContent.trim() ?? null,
      text: textOf(first(thread, S.body), { drop: ['section.threadHeader', '.quoted', 'blockquote'] }),
      time: timeOf(first(thread, S.time)),
    }))).filter((m) => m.text);
    const ordered = document.querySelector('[data-thread-order="newest-first"]') ? messages.reverse() : messages;
    const sidebar = first(document, S.sidebar);
    return {
      conversationId,
      customer: {
        name: first(sidebar, ['.c-customer-name', '[data-cy="customer-name"]', 'h2'])?.textContent.trim()
          ?? ordered.find((m) => m.role === 'customer')?.author ?? null,
        email: emailOf(first(sidebar, ['a[href^="mailto:"]', '.c-customer-email'])),
      },
      messages: ordered,
      editor: first(document, S.editor),
    };
  },
  evidence: [
    { selectors: ['article.thread.customer', 'section.js-thread-content > section.messageBodyWrap > section.message > section.messageBody',
      'section.threadHeader > section.meta', 'article id "thread-N"'],
      source: 'github.com/trentslutzky/helpscout-thread-hider, threadhider.js (queries article.thread.customer, splits article.id on "-" for the thread id, hides section.messageBody)' },
    { selectors: ['[data-cy="ConvoEditor"]', '[role="textbox"][aria-label="Reply Editor"]', '[data-cy="customer-sidebar"]', '.c-conversation-sidebar', 'span[data-nocollapse="true"]'],
      source: 'a public Help Scout GPT-assistant adapter (HelpScoutAdapter.selectors: editor, sidebar, threadAuthor), found with the code search corpus' },
    { selectors: ['.redactor_redactor.redactor_editor'],
      source: 'a public text-expander content script that recognises the Help Scout editor on helpscout.net by these classes' },
    { selectors: ['article.thread.note', 'article.thread.message', 'article.thread.lineitem', '[data-thread-order]'],
      source: 'inferred, not verified: class names of the non-customer thread types' },
  ],
});

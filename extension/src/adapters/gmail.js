// Gmail (https://mail.google.com/mail/u/N/#inbox/THREAD).
//
// Gmail's class names are short and minified but have been stable for years and
// are what many public extensions use: the open thread's subject is h2.hP, each
// expanded message div.adn.ads, its sender span.gD (with an `email`
// attribute), its body div.a3s.aiL, its time span.g3 (full date in `title`).
// Who is the agent: the signed-in account, whose address Gmail puts in the
// page title ("Inbox - me@example.com - Gmail").
import { all, first, fromUrl, onHost, textOf, timeOf, mapInSteps, stepwise } from './dom.js';

const S = {
  subject: ['div.ha h2.hP', 'h2.hP'],
  message: ['div.adn.ads[data-message-id]', 'div.adn.ads'],
  sender: ['span.gD[email]', 'span[email].gD'],
  body: ['div.a3s.aiL', 'div.a3s'],
  time: ['span.g3[title]', 'span.g3'],
  editor: ['div[aria-label="Message Body"][contenteditable="true"]', 'div.Am.Al.editable[contenteditable="true"]'],
};

const EMAIL = /[A-Z0-9._%+-]+@[A-Z0-9.-]+\.[A-Z]{2,}/i;

export default stepwise({
  id: 'gmail',
  name: 'Gmail',
  matches(location, document) {
    return location.hostname === 'mail.google.com' || Boolean(document.querySelector('h2.hP') && document.querySelector('div.adn.ads'));
  },
  *readSteps(document) {
    const subject = first(document, S.subject);
    const items = all(document, S.message);
    if (!subject || !items.length) return null;
    const me = (document.title.match(EMAIL)?.[0] ?? '').toLowerCase();
    const conversationId = subject.getAttribute('data-legacy-thread-id') ?? subject.getAttribute('data-thread-perm-id')
      ?? fromUrl(document.location, /#[^/]+\/([A-Za-z0-9]+)/);
    const messages = (yield* mapInSteps(items, (item, index) => {
      const sender = first(item, S.sender);
      const email = (sender?.getAttribute('email') ?? '').toLowerCase();
      return {
        id: item.getAttribute('data-legacy-message-id') || item.getAttribute('data-message-id') || `${conversationId}:${index}`,
        element: item,
        // Without a known account the author cannot be told apart: system, not badged.
        role: !me || !email ? 'system' : email === me ? 'agent' : 'customer',
        author: sender?.getAttribute('name') ?? sender?.textContent.trim() ?? null,
        email,
        text: textOf(first(item, S.body), { drop: ['.gmail_quote', 'blockquote', '.gmail_signature'] }),
        time: timeOf(first(item, S.time)),
      };
    })).filter((m) => m.text);
    const customer = messages.find((m) => m.role === 'customer');
    return {
      conversationId,
      customer: { name: customer?.author ?? null, email: customer?.email ?? null },
      messages: messages.map(({ email, ...m }) => m),
      editor: first(document, S.editor),
    };
  },
  evidence: [
    { selectors: ['h2.hP', '.gD', '.a3s.aiL'],
      source: 'github.com/neelchau/Spam-mail-extension, content.js (subject h2.hP, sender .gD, body .a3s.aiL; re-reads on location.href change)' },
    { selectors: ['span[email]'], source: 'github.com/Bharathkumar-2006/Email-safety-checker, extension/scripts/content.js (getAttribute("email"))' },
    { selectors: ['div.ha h2.hP', 'div.adn.ads', 'span.gD', 'span.go'],
      source: 'a public Gmail attachment fetcher (selectors: subject "div.ha h2.hP", activeEmail "div.adn.ads", sender "span.gD"), found with the code search corpus' },
    { selectors: [...S.time, ...S.editor, 'data-legacy-thread-id', 'data-legacy-message-id', 'account address in document.title'],
      source: 'inferred, not verified here: widely used by Gmail extensions but no public source found in the corpus this session' },
  ],
});

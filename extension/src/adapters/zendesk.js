// Zendesk Support agent workspace (https://SUBDOMAIN.zendesk.com/agent/tickets/ID).
//
// The workspace keeps one conversation pane per open ticket tab, the inactive
// ones hidden, and renders each event of the conversation log as an
// <article data-test-id="omni-log-comment-item">. The data-test-id values below
// are the ones open-source tools that read this page rely on (see `evidence`);
// tests/e2e/fixtures/helpdesks/zendesk.html reproduces that structure.
import { all, first, firstShown, fromUrl, onHost, textOf, timeOf, emailOf, pauseAt, stepwise } from './dom.js';

const S = {
  pane: ['div.omni-conversation-pane[data-ticket-id]', '[data-ticket-id]'],
  log: '[data-test-id="omni-log-container"]',
  item: 'article[data-test-id="omni-log-comment-item"]',
  message: '[data-test-id="omni-log-item-message"]',
  content: ['[data-test-id="omni-log-message-content"]', '[data-test-id="omni-log-item-message"]'],
  sender: ['[data-test-id="omni-log-item-sender"]', '[data-test-id="omni-log-comment-user-link"]'],
  time: 'time[data-test-id^="timestamp-"]',
  internalTag: '[data-test-id="omni-log-internal-note-tag"]',
  editor: [
    '[data-test-id="omnicomposer-rich-text-ckeditor"][contenteditable="true"]',
    '[data-test-id="omnicomposer-plain-text-ckeditor"][contenteditable="true"]',
    '[data-test-id="ticket-rich-text-editor"] [contenteditable="true"]',
    '.zendesk-editor--rich-text-container [contenteditable="true"]',
  ],
  requesterEmail: ['[data-test-id="ticket-requester-email"]', 'a[href^="mailto:"]'],
};

// The message div's `type` attribute says who wrote it ('end-user', 'agent');
// a sender whose name says bot is an automated (system) message.
function roleOf(item, message) {
  if (item.querySelector(S.internalTag)) return 'internal';
  const type = message.getAttribute('type');
  const sender = first(item, S.sender)?.textContent ?? '';
  if (/\bbot\b/i.test(sender)) return 'system';
  if (type === 'end-user') return 'customer';
  if (type === 'agent') return 'agent';
  return 'system';
}

function activePane(document) {
  return firstShown(all(document, S.pane).filter((p) => p.querySelector(S.log)))
    ?? (document.querySelector(S.log) ? document.body : null);
}

export default stepwise({
  id: 'zendesk',
  name: 'Zendesk agent workspace',
  matches(location, document) {
    return (onHost(location, 'zendesk.com') && location.pathname.startsWith('/agent/'))
      || Boolean(document.querySelector(`${S.log} ${S.item}`));
  },
  *readSteps(document) {
    const pane = activePane(document);
    if (!pane) return null;
    const conversationId = pane.getAttribute('data-ticket-id')
      ?? fromUrl(document.location, /\/agent\/tickets\/(\d+)/);
    const messages = [];
    for (const [i, item] of all(pane, S.item).entries()) {
      if (pauseAt(i)) yield;
      const message = item.querySelector(S.message);
      if (!message || message.getAttribute('aria-hidden') === 'true') continue;
      const text = textOf(first(item, S.content), { drop: ['div.signature'] });
      if (!text) continue;
      messages.push({
        id: item.getAttribute('data-comment-id') || item.id || `${conversationId}:${messages.length}`,
        element: item,
        role: roleOf(item, message),
        author: first(item, S.sender)?.textContent.trim() ?? null,
        text,
        time: timeOf(item.querySelector(S.time)),
      });
    }
    const firstCustomer = messages.find((m) => m.role === 'customer');
    return {
      conversationId,
      customer: { name: firstCustomer?.author ?? null, email: emailOf(first(pane, S.requesterEmail)) },
      messages,
      editor: first(pane, S.editor) ?? first(document, S.editor),
    };
  },
  evidence: [
    { selectors: [S.item, S.log, S.message, S.content, S.sender, S.time].flat(),
      source: 'github.com/joaoaguiar264/Automacoes-ALT, "Zendesk - ALT Copilot.user.js" (CONFIG.SELECTORS: messageItems, messageBubble, messageContent, messageSender, messageTimestamp, chatInput)' },
    { selectors: [S.internalTag, '[type="end-user"|"agent"] on omni-log-item-message', 'div.signature', '[data-test-id="omni-log-comment-user-link"]'],
      source: 'a public Zendesk transcript-extraction userscript (detectSenderType: internal-note tag, `type` attribute, bot sender name), found with the code search corpus' },
    { selectors: ['[data-ticket-id] [data-test-id="omni-log-container"]', 'div.omni-conversation-pane[data-ticket-id]'],
      source: 'public Zendesk userscripts scoping the log to the ticket pane (querySelector(`[data-ticket-id="${id}"] [data-test-id="omni-log-container"]`))' },
    { selectors: S.editor,
      source: 'Automacoes-ALT chatInput list; a public Zendesk reply helper watching focus in .zendesk-editor--rich-text-container / [data-test-id="omnicomposer-rich-text-ckeditor"]' },
    { selectors: S.requesterEmail, source: 'inferred, not verified: the requester panel shows the address as a mailto link' },
  ],
});

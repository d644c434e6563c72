// Generic mode: for a helpdesk no adapter or site configuration knows. It looks
// for a common chat or email layout (a log/feed region or a list of repeated
// "message"-like blocks) and reads who wrote each block from the words its
// classes and data attributes use (incoming/outgoing, customer/agent, note…).
//
// It only answers when it is sure: every block has a role and both sides of
// the conversation appear. Otherwise it returns no messages and `unsure` says
// why, so nothing is badged on text it may have misread.
import { isShown, textOf, timeOf, mapInSteps, runSteps } from './dom.js';
import { isSensitiveField } from '../composer/sensitive.js';

const BLOCK_WORD = /(^|[-_\s=])(message|msg|chat|comment|reply|post|bubble|entry|thread-item|event)s?([-_\s]|$)/i;
const HINTS = [
  ['internal', /(^|[-_\s=])(note|internal|private|whisper)([-_\s]|$)/i],
  ['system', /(^|[-_\s=])(system|notice|status|automated|bot)([-_\s]|$)/i],
  ['customer', /(^|[-_\s=])(incoming|inbound|received|customer|client|visitor|contact|requester|end-?user|them|theirs)([-_\s]|$)/i],
  ['agent', /(^|[-_\s=])(outgoing|outbound|sent|agent|staff|admin|operator|teammate|support|me|mine|self|own)([-_\s]|$)/i],
];

function hintText(element) {
  const parts = [element.className?.baseVal ?? element.className ?? ''];
  for (const attr of element.attributes) {
    if (attr.name.startsWith('data-') || attr.name === 'aria-label') parts.push(`${attr.name}=${attr.value}`);
  }
  return parts.join(' ');
}

function roleOf(block) {
  const text = hintText(block);
  const found = HINTS.filter(([, re]) => re.test(text)).map(([role]) => role);
  return found.length === 1 ? found[0] : null;  // none or contradictory: not sure
}

// Candidate containers: ARIA log/feed regions first, then any element whose
// children are mostly blocks named like messages.
function containers(document) {
  const found = [...document.querySelectorAll('[role="log"],[role="feed"]')];
  for (const el of document.querySelectorAll('ol,ul,section,div,main')) {
    const kids = [...el.children];
    if (kids.length >= 2 && kids.filter((k) => BLOCK_WORD.test(hintText(k))).length >= Math.max(2, kids.length * 0.6)) found.push(el);
  }
  return found.filter(isShown);
}

function findEditor(document, near) {
  const fields = [...document.querySelectorAll('textarea,[contenteditable="true"],[contenteditable=""],[role="textbox"]')]
    .filter((el) => isShown(el) && !isSensitiveField(el) && !near.contains(el));
  return fields.at(-1) ?? null;  // reply boxes sit after the thread
}

export function* readGenericSteps(document) {
  const candidates = containers(document);
  if (!candidates.length) return null;
  // The container with the most blocks is the conversation.
  const blocksOf = (c) => [...c.children].filter((k) => c.matches('[role="log"],[role="feed"]') || BLOCK_WORD.test(hintText(k)));
  const container = candidates.reduce((a, b) => (blocksOf(b).length > blocksOf(a).length ? b : a));
  const blocks = blocksOf(container);
  const messages = (yield* mapInSteps(blocks, (block, index) => ({
    id: block.id || block.getAttribute('data-id') || `generic:${index}`,
    element: block,
    role: roleOf(block),
    text: textOf(block, { drop: ['time', '[class*="meta"]', '[class*="author"]'] }),
    time: timeOf(block.querySelector('time')),
  }))).filter((m) => m.text);
  const roles = new Set(messages.map((m) => m.role));
  let unsure = null;
  if (messages.length < 2) unsure = 'fewer than two messages found';
  else if (roles.has(null)) unsure = `could not tell who wrote ${messages.filter((m) => !m.role).length} of ${messages.length} messages`;
  else if (!roles.has('customer') || !roles.has('agent')) unsure = 'found messages from one side only; cannot tell the customer from the agent';
  return {
    conversationId: `${document.location.host}${document.location.pathname}`,
    customer: { name: null, email: null },
    messages: unsure ? [] : messages,
    editor: findEditor(document, container),
    unsure,
    candidates: messages.length,
  };
}

export const readGeneric = (document) => runSteps(readGenericSteps(document));

export default {
  id: 'generic',
  name: 'Generic chat and email layouts',
  matches: () => true,
  readSteps: readGenericSteps,
  read: readGeneric,
  evidence: [
    { selectors: ['[role="log"]', '[role="feed"]'], source: 'WAI-ARIA 1.2: log and feed roles for chat transcripts and lists of articles' },
  ],
};

// Generic mode: for a helpdesk no adapter or site configuration knows. It looks
// for a common chat or email layout (a log/feed region or a list of repeated
// "message"-like blocks) and works out who wrote each block, surest first:
//
// 1. the words its classes and data attributes use (incoming/outgoing,
//    customer/agent, note, event…), resolved toward the roles never badged:
//    an internal note is internal whoever wrote it (Zammad's "agent
//    is-internal"), a system line named with the agent's side is a system line
//    (Znuny's "system Outgoing"); a bare wrapper around a message lends it the
//    words of the element inside (Znuny);
// 2. when only one side is named, the unnamed blocks are the other side (not
//    when the only name is the viewer's "mine"/"own": a colleague's messages
//    are unnamed too):
//    many desks mark one kind only (osTicket's thread entries are `message`
//    from the customer and `response` from staff; FreeScout's agent replies
//    are `thread-type-message` beside `thread-type-customer`);
// 3. where the layout says it: chat tools put the agent's own messages on the
//    right and the customer's on the left, system lines in the middle; read
//    from the row's own packing of its bubble when it declares one (Chatwoot's
//    justify-start/end/center rows), else from where the text sits (GLPI's
//    timeline: requester left, technician right); and only when the left
//    shows one face (avatar picture or initials): tools that put only the
//    viewer's own messages on the right show a colleague's beside the
//    customer's (Papercups), told apart by nothing but the avatar.
//
// Hidden blocks and the block holding the reply box are not messages.
//
// It only answers when it is sure: every block has a role and both sides of
// the conversation appear. Otherwise it returns no messages and `unsure` says
// why, so nothing is badged on text it may have misread.
import { isShown, readText, timeOf, stepBudget, runSteps, skipSelector } from './dom.js';
import { withoutCaptions, mayHaveCaptions } from './captions.js';
import { isSensitiveField } from '../composer/sensitive.js';
import { sideOf, isStacked, faceOf } from './layout.js';

const BLOCK_WORD = /(^|[-_\s=])(message|msg|chat|comment|reply|post|bubble|entry|article|thread-item|event)s?([-_\s]|$)/i;
// The viewer's own messages ("mine", "own", "self", "me"): the agent reading the
// page wrote them, but the other blocks need not be the customer's (a colleague
// who had the chat before, a transfer), so these words never name a side for
// step 2 below.
const VIEWER = /(^|[-_\s=])(me|mine|self|own)([-_\s]|$)/i;
const AGENT_WORDS = /(^|[-_\s=])(outgoing|outbound|sent|agent|staff|admin|operator|teammate|support|response)([-_\s]|$)/i;
const HINTS = [
  ['internal', /(^|[-_\s=])(note|internal|private|whisper)([-_\s]|$)/i],
  // Znuny's "NotVisibleForCustomer"; also not-visible-to-customer, hidden-from-client.
  ['internal', /(not-?visible|hidden|invisible)-?(for|to|from)-?(customers?|clients?|contacts?|end-?users?|requesters?)/i],
  ['system', /(^|[-_\s=])(system|notice|status|automated|bot|event|activity)([-_\s]|$)/i],
  ['customer', /(^|[-_\s=])(incoming|inbound|received|customer|client|visitor|contact|requester|end-?user|them|theirs)([-_\s]|$)/i],
  ['agent', AGENT_WORDS],
  ['agent', VIEWER],
];
const SIDES = { left: 'customer', right: 'agent', center: 'system' };
// Parts of a block that are not the message: headers, meta lines, fine print,
// avatars (initials) and author names say who and when, not how they feel;
// parts hidden by the common hiding classes (Zammad's folded "See more" toggle
// is "hide", Znuny's mail header "Hidden", Bootstrap's "d-none") are not read
// by the agent either. Class names match in any case (Znuny's "Header"); a
// BEM head ("block--head", "note__head": HESK) is a header too. Menus and
// dropdown lists, action bars and form controls in a message are its actions
// ("Edit", "Delete post", OTOBO's "Reply" with its <select> of standard
// answers), quoted mail history (`type="cite"`, Gmail's quote) was written
// before, and a note nested in a message (HESK lists the staff's internal
// notes inside the customer's first message) is not the message's author
// speaking.
const TEXT_DROP = ['time', 'small', 'header', '[class*="header" i]', '[class*="--head" i]', '[class*="__head" i]',
  '[class*="avatar" i]', '[class*="meta" i]',
  '[class*="author" i]', '[class~="hide" i]', '[class~="hidden" i]', '[class~="is-hidden" i]', '[class~="d-none"]',
  '[class~="sr-only"]', '[class~="visually-hidden"]', '[style*="display: none"]', '[style*="display:none"]',
  '[role="menu"]', '[class~="dropdown-menu"]', '[class~="dropdown-list"]', '[class*="actions" i]', 'select',
  '[type="cite"]', '[class~="gmail_quote"]',
  '[class~="note" i]', '[class~="notes" i]', '[class*="-notes" i]', '[class*="_notes" i]', '[class*="internal-note" i]'];
const TEXT_SKIP = skipSelector(TEXT_DROP);
const OTHER_SIDE = { customer: 'agent', agent: 'customer' };
// Bounds on the layout search for pages whose classes say nothing, so a big
// page costs a bounded number of measurements.
const MAX_LAYOUT_CANDIDATES = 20;
const MAX_LAYOUT_SAMPLE = 24;
// Every part of the read that grows with the page runs in steps (issue 11: a
// 5,000-message page never makes one long task): the container search, the
// blocks, the layout reading and the messages share one budget of work
// (stepBudget, adapters/dom.js) counted in items of about one message read:
// an element's tag or child count looked at is LOOK of one, its class and
// data words read NAME; a block unwrapped, a message's side or text is one.
const LOOK = 1 / 16;
const NAME = 1 / 4;
const CAPTION_LOOK = 4;  // a message whose edge lines are looked at as captions (captions.js)
// A message's layout measured (its side: up to three rows' styles and twenty
// text boxes, layout.js; its face): about two messages' reads. Counted as one,
// a step of Libredesk's bubbles (name, initials, time and whitespace around
// each text) made some 8,900 DOM calls.
const MEASURE = 2;

function hintText(element) {
  const parts = [element.className?.baseVal ?? element.className ?? ''];
  for (const attr of element.attributes) {
    if (attr.name.startsWith('data-') || attr.name === 'aria-label') parts.push(`${attr.name}=${attr.value}`);
  }
  return parts.join(' ');
}

// Both are asked of the same elements several times in one read (containers,
// wrappers, blocks); the answers are kept for that read only (class names change
// between reads).
let roleMemo = new WeakMap();
let blockMemo = new WeakMap();
let unwrapMemo = new WeakMap();
function hintedRole(block) {
  if (!roleMemo.has(block)) roleMemo.set(block, roleOf(hintText(block)));
  return roleMemo.get(block);
}

// The words of one block, resolved toward the roles that are never badged: an
// internal note is internal whoever wrote it (Zammad: "agent is-internal"), and
// a system or bot line named with the agent's side is a system line (Znuny:
// "system Outgoing"). Customer and agent together, or customer and system, say
// nothing sure.
function roleOf(text) {
  const found = new Set(HINTS.filter(([, re]) => re.test(text)).map(([role]) => role));
  if (found.has('internal')) return 'internal';
  if (found.has('customer') && (found.has('agent') || found.has('system'))) return null;
  if (found.has('system')) return 'system';
  return found.size === 1 ? [...found][0] : null;  // none: not sure
}

function isBlock(element) {
  if (!blockMemo.has(element)) blockMemo.set(element, element.localName === 'article' || BLOCK_WORD.test(hintText(element)));
  return blockMemo.get(element);
}
const isLog = (element) => element.matches('[role="log"],[role="feed"]');
// Frameworks and templates often wrap each message in a bare element (Znuny: a
// <div> holding an empty anchor and the article widget; a component's root
// <div> in a <li>). A child whose own attributes say nothing and that holds one
// element with content stands for that element, two levels down at most.
function unwrap(element) {
  let found = unwrapMemo.get(element);
  if (!found) unwrapMemo.set(element, found = unwrapOnce(element));
  return found;
}
function unwrapOnce(element) {
  let el = element;
  for (let depth = 0; depth < 2 && !isBlock(el) && !hintedRole(el); depth++) {
    let only = null;
    for (const k of el.children) {
      if (!k.firstChild) continue;  // an empty anchor or spacer
      if (only) return element;
      only = k;
    }
    if (!only) return element;
    el = only;
  }
  return isBlock(el) || hintedRole(el) ? el : element;
}
// The container's blocks: its children, unwrapped, that are named like
// messages (all of them in a log or feed).
function* blocksOf(container, spend) {
  const log = isLog(container);
  const blocks = [];
  for (const kid of [...container.children]) {  // as it was: the page may change between steps
    const cost = unwrapMemo.has(kid) ? NAME : 1;  // the container search may have unwrapped it
    const k = unwrap(kid);
    if (log || isBlock(k) || hintedRole(k)) blocks.push(k);
    if (spend(cost)) yield;
  }
  return blocks;
}

// Candidate containers: ARIA log/feed regions first, then any element whose
// children are mostly blocks named like messages.
function* namedContainers(document, spend) {
  const found = [...document.querySelectorAll('[role="log"],[role="feed"]')];
  for (const el of document.querySelectorAll('ol,ul,section,div,main')) {
    if (spend(LOOK)) yield;
    if (el.children.length >= 2 && (yield* isNamedList(el, spend))) found.push(el);
  }
  // A log or feed named like a list of messages is found twice.
  return [...new Set(found)].filter(isShown);
}

function* isNamedList(el, spend) {
  const kids = [...el.children];
  const need = Math.max(2, kids.length * 0.6);
  let named = 0;
  for (const k of kids) {
    if (isBlock(k)) named++;
    if (spend(NAME)) yield;
  }
  if (named >= need) return true;
  // Not enough named children: look inside bare wrappers, unless too few
  // children could still be blocks (most elements of a page are not lists).
  let open = 0;
  for (const k of kids) {
    if (k.firstElementChild || isBlock(k) || hintedRole(k)) open++;
    if (spend(NAME)) yield;
  }
  if (open < need) return false;
  let innerNamed = 0;
  let withRole = 0;
  const roles = new Set();
  for (const k of kids) {
    const inner = unwrap(k);
    if (isBlock(inner)) innerNamed++;
    const role = hintedRole(inner);
    if (role) { withRole++; roles.add(role); }
    if (spend()) yield;
  }
  if (innerNamed >= need) return true;
  // Blocks named only by their author's side (Znuny's "customer Incoming" and
  // "agent Outgoing" widgets): both sides must be named, so a list of contact
  // cards is not taken for a conversation.
  return roles.size >= 2 && withRole >= need;
}

// Pages whose class names say nothing (utility classes, hashed names): a list
// of same-tag children stacked one under the other, with text, whose text sits
// on both the left and the right is a chat. A grid of fields side by side is not
// stacked, and a plain list has one side only, so neither passes.
function* layoutContainer(document, spend) {
  const lists = [];
  for (const el of document.querySelectorAll('ol,ul,section,div,main')) {
    if (spend(LOOK)) yield;
    if (el.children.length < 3) continue;
    const kids = [...el.children];
    const tag = kids[0].localName;
    let same = 0;
    for (const k of kids) {
      if (k.localName === tag) same++;
      if (spend(LOOK)) yield;
    }
    // Its size kept: a page of thousands of messages has thousands of small
    // lists (each message's own rows), and sorting them by asking each its
    // children again was one long step of DOM calls.
    if (same >= kids.length * 0.8) lists.push({ el, size: kids.length });
  }
  lists.sort((a, b) => b.size - a.size);
  // Each candidate's sample is measured in one go (its boxes in the same
  // task), and the budget is spent after it: a page with no chat looks at
  // all of them.
  for (const { el } of lists.slice(0, MAX_LAYOUT_CANDIDATES)) {
    if (isLaidOutChat(el)) return el;
    if (spend(MAX_LAYOUT_SAMPLE * MEASURE)) yield;
  }
  return null;
}

function isLaidOutChat(el) {
  if (!isShown(el)) return false;
  const sample = [...el.children].slice(0, MAX_LAYOUT_SAMPLE).filter((k) => k.textContent.trim() && isShown(k) && !holdsEditor(k));
  if (sample.length < 3 || !isStacked(sample)) return false;
  const frame = el.getBoundingClientRect();
  const sides = sample.map((k) => sideOf(k, el, frame));
  return sides.includes('left') && sides.includes('right') && sides.filter(Boolean).length >= sample.length * 0.8;
}

const EDITOR = 'textarea,[contenteditable="true"],[contenteditable=""],[role="textbox"]';
// A block holding a text field is the reply box opened in the thread (GLPI's
// answer form is a timeline item), not a message.
const holdsEditor = (block) => block.matches(EDITOR) || !!block.querySelector(EDITOR);

// The elements among `elements` (a set) that are or hold one of the page's
// text fields: a page has few fields and many blocks, so each field's
// ancestors are looked up instead of each block searched.
// Only shown fields count: a message may hold a hidden form (HESK's "add
// note" form folded inside the customer's first message).
function holdingFields(document, elements) {
  const holders = new Set();
  for (const field of document.querySelectorAll(EDITOR)) {
    if (!isShown(field)) continue;
    for (let el = field; el; el = el.parentElement) if (elements.has(el)) holders.add(el);
  }
  return holders;
}

function findEditor(document, messages) {
  const elements = new Set(messages.map((m) => m.element));
  const inMessage = (field) => {
    for (let el = field; el; el = el.parentElement) if (elements.has(el)) return true;
    return false;
  };
  const fields = [...document.querySelectorAll(EDITOR)]
    .filter((el) => isShown(el) && !isSensitiveField(el) && !inMessage(el));
  return fields.at(-1) ?? null;  // reply boxes sit after the thread
}

// Steps 2 and 3 of the header, for the blocks the class words left open.
function* fillRoles(messages, container, spend) {
  const open = messages.filter((m) => !m.role);
  if (!open.length) return;
  const named = new Set(messages.map((m) => m.role).filter((r) => OTHER_SIDE[r]));
  if (named.size === 1) {
    // The one side named counts unless every block naming it is the viewer's
    // own only (a colleague's messages are unnamed too).
    const [side] = named;
    let bySide = false;
    for (const m of messages) {
      if (m.role !== side) continue;
      const hint = hintText(m.element);
      if (!(side === 'agent' && VIEWER.test(hint) && !AGENT_WORDS.test(hint))) { bySide = true; break; }
      if (spend(NAME)) yield;
    }
    if (bySide) {
      for (const m of open) m.role = OTHER_SIDE[side];
      return;
    }
  }
  // The layout must agree with every block the classes named, or it is not
  // used. The container's box is read once a step (boxes are relative to the
  // view, which may scroll between steps).
  const sides = new Map();
  let frame = null;
  for (const m of messages) {
    frame ??= container.getBoundingClientRect();
    const side = sideOf(m.element, container, frame);
    if (m.role && OTHER_SIDE[m.role] && SIDES[side] !== m.role) return;
    sides.set(m, side);
    if (spend(MEASURE)) { yield; frame = null; }
  }
  const laidOut = open.map((m) => SIDES[sides.get(m)]);
  if (!laidOut.includes('customer') && !named.has('customer')) return;
  if (!laidOut.includes('agent') && !named.has('agent')) return;
  // The left is the customer's only if one author writes there: two faces on
  // that side (Papercups puts a colleague's messages beside the customer's,
  // only the viewer's own on the right) leave it unread.
  const faces = new Set();
  for (let i = 0; i < open.length; i++) {
    if (laidOut[i] !== 'customer') continue;
    const face = faceOf(open[i].element);
    if (face) faces.add(face);
    if (spend(MEASURE)) yield;
  }
  if (faces.size > 1) return;
  open.forEach((m, i) => { m.role = laidOut[i] ?? null; });
}

export function* readGenericSteps(document) {
  roleMemo = new WeakMap();
  blockMemo = new WeakMap();
  unwrapMemo = new WeakMap();
  const spend = stepBudget();
  const candidates = yield* namedContainers(document, spend);
  // The container with the most blocks is the conversation (the first of
  // equals).
  let container = null;
  let blocks = null;
  for (const candidate of candidates) {
    const found = yield* blocksOf(candidate, spend);
    if (!blocks || found.length > blocks.length) { container = candidate; blocks = found; }
  }
  if (!container) {
    container = yield* layoutContainer(document, spend);
    if (!container) return null;
    // Only the layout's blocks are checked for being shown: a named
    // conversation may be thousands of messages long.
    blocks = [];
    for (const kid of [...container.children]) {
      if (isShown(kid)) blocks.push(kid);
      if (spend(NAME)) yield;
    }
  }
  // Hidden blocks (a collapsed form, a section title shown later) and the
  // reply box are not messages.
  const holders = holdingFields(document, new Set(blocks));
  if (holders.size) blocks = blocks.filter((b) => !holders.has(b));
  const messages = [];
  for (let index = 0; index < blocks.length; index++) {
    const block = blocks[index];
    // Names, initials and times no class names are recognised by what they are (captions.js).
    const { text: read, skipped } = readText(block, { drop: TEXT_DROP });
    const text = withoutCaptions(block, read, TEXT_SKIP, skipped);
    if (text) {
      messages.push({
        id: block.id || block.getAttribute('data-id') || `generic:${index}`,
        element: block,
        role: hintedRole(block),
        text,
        time: timeOf(block.querySelector('time')),
      });
    }
    if (spend(text && mayHaveCaptions(read) ? CAPTION_LOOK : 1)) yield;
  }
  yield* fillRoles(messages, container, spend);
  const roles = new Set(messages.map((m) => m.role));
  let unsure = null;
  if (messages.length < 2) unsure = 'fewer than two messages found';
  else if (roles.has(null)) unsure = `could not tell who wrote ${messages.filter((m) => !m.role).length} of ${messages.length} messages`;
  else if (!roles.has('customer') || !roles.has('agent')) unsure = 'found messages from one side only; cannot tell the customer from the agent';
  return {
    conversationId: `${document.location.host}${document.location.pathname}`,
    customer: { name: null, email: null },
    messages: unsure ? [] : messages,
    editor: findEditor(document, messages),
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
    { selectors: ['.thread-entry.message', '.thread-entry.response', '.thread-entry.note', '.thread-event'], source: 'osTicket (GPL-2.0), include/staff/templates/thread-entry.tmpl.php: entry types M message, R response, N note' },
    { selectors: ['.thread-type-customer', '.thread-type-message', '.thread-type-note'], source: 'FreeScout: agent replies are .thread-type-message (its public theme CSS)' },
    // Checked against fixture pages written from each product's templates (tests/e2e/fixtures/helpdesks/generic-*.html).
    { selectors: ['.ticket-article-item.customer', '.ticket-article-item.agent', '.ticket-article-item.is-internal', '.ticket-article-item.system'], source: 'Zammad (AGPL-3.0), app/assets/javascripts/app/controllers/ticket_zoom/article_view.coffee: sender name and is-internal as classes' },
    { selectors: ['.message-bubble-container.justify-start', '.message-bubble-container.justify-end', '.message-bubble-container.justify-center'], source: 'Chatwoot (MIT), app/javascript/dashboard/components-next/message/Message.vue: the row packs the bubble by orientation; no role words' },
    { selectors: ['.WidgetSimple.customer.Incoming', '.WidgetSimple.agent.Outgoing', '.WidgetSimple.system', '.NotVisibleForCustomer'], source: 'Znuny (GPL-3.0), Kernel/Output/HTML/Templates/Standard/AgentTicketZoom/ArticleRender/MIMEBase.tt: sender type, direction and visibility as classes, in a bare wrapper' },
    { selectors: ['.itil-timeline > .timeline-item', '.timeline-item.ms-auto', '.timeline-item.private-item'], source: 'GLPI (GPL-3.0), templates/components/itilobject/timeline/timeline.html.twig: entries on the left or right (ms-auto), private-item' },
    { selectors: ['.rcx-message[data-own]', '.rcx-message-system'], source: 'Rocket.Chat (MIT), apps/meteor/client/components/message/variants/RoomMessage.tsx: data-own marks only the viewer\'s messages; visitor and colleagues alike (unsure)' },
    { selectors: ['article.ticket__body_block.response', 'article.ticket__body_block.original-message', '.block--notes .note', '.ticket__replies_list'], source: 'HESK 3, admin/admin_ticket.php (read in the public mirror The-Mejor-Solutions/hesk): "response" on staff replies only; staff notes and a hidden note form inside the first message' },
    { selectors: ['.WidgetSimple.customer.Incoming', '.ArticleMailContentHTMLWrapper > iframe', '.ItemActions > ul.Actions'], source: 'OTOBO (GPL-3.0), Kernel/Output/HTML/Templates/Standard/AgentTicketZoom/ArticleRender/MIMEBase.tt and ArticleActionMenu.tt: as Znuny; HTML mail in a same-origin sandboxed iframe' },
    { selectors: ['.space-y-4 .items-start', '.space-y-4 .items-end', '.message-bubble.bg-private'], source: 'Libredesk (AGPL-3.0), frontend/src/features/conversation/message/MessageBubble.vue and MessageList.vue: no role words; contact bubbles start, agents\' and private notes end' },
    { selectors: [], source: 'Papercups (MIT), assets/src/components/conversations/ChatMessage.tsx and ConversationMessages.tsx: theme-ui css-* names only; the viewer\'s messages right, the customer and colleagues left, told apart by the avatar only (unsure when both show)' },
    { selectors: ['#posts > .post-container.kind-first', '.post-container.kind-reply', '.post-container.kind-note'], source: 'Helpy (MIT), app/views/admin/topics/_post.html.erb: kind-reply for both sides, only notes named (unsure)' },
    { selectors: ['.thread-list > .uv-ticket-main', '.uv-ticket-main.uv-ticket-note'], source: 'UVdesk (MIT), uvdesk/core-framework Resources/views/ticket.html.twig: only notes named, every thread laid out alike (nothing read)' },
    { selectors: ['.divide-y > .mt-4 > .mx-3', '.divide-y > .mt-4 > .bg-cyan-50'], source: 'Frappe Helpdesk (AGPL-3.0), desk/src/pages/ticket/TicketConversation.vue, TicketCommunication.vue, TicketComment.vue: nothing names a side, every entry alike (nothing read)' },
  ],
};

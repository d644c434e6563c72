// Site configurations: a helpdesk described in JSON instead of code
// (schema: site-config.schema.json; README.md has a full example).
//   parseSiteConfig(jsonTextOrObject, { checkSelector }) -> { ok: true, config } | { ok: false, errors: [{ path, message }] }
//   adapterFromConfig(config) -> an adapter like those in ../adapters/ (id 'site:<name>')
// Errors name the JSON path ($.roles[0].matches) and say what is wrong; a
// JSON syntax error gives its line and column. Nothing partial is accepted.
import { validate } from './validate.generated.js';
import { all, first, textOf, timeOf, emailOf, fromUrl, pauseAt, stepwise, isShown } from '../adapters/dom.js';
import { sideOf } from '../adapters/layout.js';

const jsonPath = (pointer) => `$${pointer.split('/').slice(1).map((p) => {
  const key = p.replace(/~1/g, '/').replace(/~0/g, '~');
  return /^\d+$/.test(key) ? `[${key}]` : /^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
}).join('')}`;

const SELECTORS_HINT = 'must be a CSS selector or a list of 1 to 10 CSS selectors (fallbacks, tried in order)';

function schemaErrors(errors) {
  // A selector field that is neither form fails both branches of its oneOf:
  // one clear message instead of the branches' details.
  const oneOf = errors.filter((e) => e.keyword === 'oneOf').map((e) => e.instancePath);
  const out = [];
  for (const e of errors) {
    if (e.keyword !== 'oneOf' && e.schemaPath.includes('/oneOf/') && oneOf.some((p) => e.instancePath.startsWith(p))) continue;
    if (e.keyword === 'oneOf') out.push({ path: jsonPath(e.instancePath), message: e.schemaPath.includes('defaultRole') ? 'must be a role or null' : SELECTORS_HINT });
    else if (e.keyword === 'required') out.push({ path: jsonPath(`${e.instancePath}/${e.params.missingProperty}`), message: 'is required' });
    else if (e.keyword === 'additionalProperties') out.push({ path: jsonPath(`${e.instancePath}/${e.params.additionalProperty}`), message: 'is not a known field' });
    else if (e.keyword === 'enum') out.push({ path: jsonPath(e.instancePath), message: `must be one of ${e.params.allowedValues.join(', ')}` });
    else if (e.keyword === 'const') out.push({ path: jsonPath(e.instancePath), message: `must be ${JSON.stringify(e.params.allowedValue)}` });
    else out.push({ path: jsonPath(e.instancePath), message: e.message });
  }
  return out.filter((e, i) => out.findIndex((x) => x.path === e.path && x.message === e.message) === i);
}

function lineColumn(text, error) {
  const at = Number(/position (\d+)/.exec(error.message)?.[1]);
  if (!Number.isInteger(at)) return '';
  const before = text.slice(0, at).split('\n');
  return ` at line ${before.length}, column ${before.at(-1).length + 1}`;
}

const listOf = (s) => (s === undefined ? [] : Array.isArray(s) ? s : [s]);

// Regular expressions and (when a DOM is at hand) CSS selectors must compile.
function semanticErrors(config, checkSelector) {
  const errors = [];
  const regex = (value, path) => {
    if (value === undefined) return;
    try { new RegExp(value); } catch (e) { errors.push({ path, message: `is not a valid regular expression: ${e.message}` }); }
  };
  (config.match.paths ?? []).forEach((p, i) => regex(p, `$.match.paths[${i}]`));
  regex(config.conversation?.idFromUrl, '$.conversation.idFromUrl');
  config.roles.forEach((r, i) => regex(r.authorMatches, `$.roles[${i}].authorMatches`));
  config.roles.forEach((r, i) => {
    if (r.authorIsOpener !== undefined && !config.message.author) errors.push({ path: `$.roles[${i}].authorIsOpener`, message: 'needs message.author (the selector of the author inside a message)' });
  });
  if (checkSelector) {
    const check = (value, path) => listOf(value).forEach((s, i) => {
      const where = Array.isArray(value) ? `${path}[${i}]` : path;
      if (!checkSelector(s)) errors.push({ path: where, message: `is not a valid CSS selector: ${s}` });
    });
    check(config.conversation?.root, '$.conversation.root');
    check(config.conversation?.idAttribute?.selector, '$.conversation.idAttribute.selector');
    for (const k of ['item', 'text', 'author', 'time', 'ignore']) check(config.message[k], `$.message.${k}`);
    config.roles.forEach((r, i) => { check(r.matches, `$.roles[${i}].matches`); check(r.has, `$.roles[${i}].has`); });
    check(config.editor, '$.editor');
    check(config.customer?.name, '$.customer.name');
    check(config.customer?.email, '$.customer.email');
  }
  return errors;
}

// A selector check for pages: the browser's own parser.
export function browserSelectorCheck(document) {
  const probe = document.createDocumentFragment();
  return (selector) => { try { probe.querySelector(selector); return true; } catch { return false; } };
}

export function parseSiteConfig(input, { checkSelector } = {}) {
  let config = input;
  if (typeof input === 'string') {
    try { config = JSON.parse(input); } catch (error) {
      return { ok: false, errors: [{ path: '$', message: `is not valid JSON${lineColumn(input, error)}: ${error.message}` }] };
    }
  }
  if (!validate(config)) return { ok: false, errors: schemaErrors(validate.errors) };
  const errors = semanticErrors(config, checkSelector);
  return errors.length ? { ok: false, errors } : { ok: true, config };
}

function hostMatches(pattern, location) {
  const host = location.port ? `${location.hostname}:${location.port}` : location.hostname;
  if (pattern.startsWith('*.')) return location.hostname.endsWith(pattern.slice(1)) || location.hostname === pattern.slice(2);
  return pattern.includes(':') ? host === pattern : location.hostname === pattern;
}

// Two author texts name the same person when they match ignoring case and spacing.
const sameAuthor = (text) => text.replace(/\s+/g, ' ').trim().toLowerCase();

// A control that loads the conversation's older part: "Load more", "Show
// earlier messages", "View previous replies", "Older messages".
const LOAD_OLDER = /^(?:(?:load|show|view|see|fetch|display|get)\s+(?:\S+\s+){0,2}?(?:more|older|earlier|previous)\b|(?:older|earlier|previous)\s+(?:messages|comments|replies|posts|conversation|history|activity)\b)/i;
const CONTROLS = 'button,a,[role="button"]';
const MAX_OPENERS = 1000;

// The nearest element scrolling the first message (not the page as a whole:
// a ticket page scrolls as one, a chat's lazy history in a pane of its own).
function scrollerOf(element) {
  const view = element.ownerDocument.defaultView;
  const page = element.ownerDocument.scrollingElement;
  for (let el = element.parentElement; el && el !== page && el.localName !== 'body'; el = el.parentElement) {
    if (/auto|scroll|overlay/.test(view.getComputedStyle(el).overflowY) && el.scrollHeight > el.clientHeight + 1) return el;
  }
  return null;
}

// Why the first message on the page may not be the conversation's first
// (older messages not loaded yet), or null: a "load older" control before it,
// or its scrolling pane not at its top (chats open at their latest messages
// and load older ones as the agent scrolls up).
const NOT_AT_START = 'the conversation is not scrolled to its start, older messages may not be loaded';
function historyCut(first, items) {
  const scroller = scrollerOf(first);
  if (scroller && scroller.scrollTop > 1) return NOT_AT_START;
  const scope = scroller ?? first.parentElement?.parentElement ?? first.parentElement;
  for (const control of scope?.querySelectorAll(CONTROLS) ?? []) {
    if (!(control.compareDocumentPosition(first) & 4 /* Node.DOCUMENT_POSITION_FOLLOWING */)) continue;
    if (items.some((item) => item.contains(control))) continue;
    const words = `${control.textContent} ${control.getAttribute('aria-label') ?? ''}`.replace(/\s+/g, ' ').trim();
    if (LOAD_OLDER.test(words) && isShown(control)) return `older messages are not loaded ("${words.slice(0, 40)}")`;
  }
  return null;
}

export function adapterFromConfig(config) {
  const paths = (config.match.paths ?? []).map((p) => new RegExp(p));
  const roleRules = config.roles.map((r) => ({ ...r, author: r.authorMatches && new RegExp(r.authorMatches, 'i') }));
  const byOpener = roleRules.some((r) => r.authorIsOpener !== undefined);
  // Who opened each conversation (by its id and the page's address), as
  // first found, for the page's life: a chat that loads older messages as the
  // agent scrolls up puts them before the one that was first, which must not
  // change who the customer is. The oldest are forgotten past MAX_OPENERS.
  const openers = new Map();
  // `who`: the author as compared with the opener (a message without an
  // author of its own is a follow-up line of the previous author);
  // `opener`: the author of the conversation's first message.
  const roleOf = (item, author, who, opener) => {
    for (const r of roleRules) {
      if (r.matches && !listOf(r.matches).some((s) => item.matches(s))) continue;
      if (r.has && !listOf(r.has).some((s) => item.querySelector(s))) continue;
      if (r.author && !r.author.test(author ?? '')) continue;
      if (r.authorIsOpener !== undefined && (!who || !opener || (who === opener) !== r.authorIsOpener)) continue;
      // The side is measured within the list the message sits in.
      if (r.side && sideOf(item, item.parentElement) !== r.side) continue;
      return r.role;
    }
    return config.defaultRole ?? null;
  };
  return stepwise({
    id: `site:${config.name}`,
    name: config.name,
    config,
    matches: (location) => config.match.hosts.some((h) => hostMatches(h, location))
      && (!paths.length || paths.some((re) => re.test(`${location.pathname}${location.search}${location.hash}`))),
    *readSteps(document) {
      const root = config.conversation?.root ? first(document, config.conversation.root) : document.body;
      if (!root) return null;
      const idAttr = config.conversation?.idAttribute;
      const conversationId = (config.conversation?.idFromUrl && fromUrl(document.location, new RegExp(config.conversation.idFromUrl)))
        ?? (idAttr && first(document, idAttr.selector)?.getAttribute(idAttr.attribute))
        ?? `${document.location.host}${document.location.pathname}`;
      const drop = listOf(config.message.ignore);
      const messages = [];
      const items = all(root, config.message.item);
      const whos = [];  // each message's author as compared with the opener
      let who = null; let firstAuthor = null;
      for (const [index, item] of items.entries()) {
        if (pauseAt(index)) yield;
        const author = config.message.author ? first(item, config.message.author)?.textContent.trim() || null : null;
        if (byOpener) {
          who = author ? sameAuthor(author) : who;
          firstAuthor ??= who;
        }
        const body = config.message.text ? first(item, config.message.text) : item;
        const text = textOf(body, { drop: config.message.text ? drop : [...drop, ...listOf(config.message.author), ...listOf(config.message.time)] });
        if (!text) continue;
        messages.push({
          id: item.id || item.getAttribute('data-id') || `${conversationId}:${index}`,
          element: item, role: null, author, text,
          time: config.message.time ? timeOf(first(item, config.message.time)) : null,
        });
        whos.push(who);
      }
      // The opener is remembered per conversation and address (a page whose
      // address does not change with the conversation shows another one when
      // the remembered opener wrote none of its messages, and is read afresh).
      // It is taken from the page when the page shows the conversation's
      // start; until then nothing is badged (as when the generic mode is
      // unsure) rather than roles perhaps the wrong way round.
      const key = `${conversationId} ${document.location.pathname}${document.location.search}${document.location.hash}`;
      let opener = byOpener ? openers.get(key) ?? null : null;
      if (opener && !whos.includes(opener)) opener = null;
      let cut = null;
      if (byOpener && !opener) {
        opener = firstAuthor;
        cut = opener ? historyCut(items[0], items) : null;
        if (opener && !cut) {
          openers.set(key, opener);
          if (openers.size > MAX_OPENERS) openers.delete(openers.keys().next().value);
        }
      }
      for (const [index, m] of messages.entries()) {
        if (pauseAt(index)) yield;
        m.role = roleOf(m.element, m.author, whos[index], opener);
      }
      // Like the generic mode: a message whose role no rule gives means the
      // configuration does not fit this page: say so rather than guess.
      const unknown = messages.filter((m) => !m.role).length;
      const unsure = cut ? `the site configuration "${config.name}" tells the customer by who opened the conversation, but ${cut}`
        : unknown ? `the site configuration "${config.name}" gives no role to ${unknown} of ${messages.length} messages` : null;
      return {
        conversationId,
        customer: {
          name: config.customer?.name ? first(document, config.customer.name)?.textContent.trim() || null : null,
          email: config.customer?.email ? emailOf(first(document, config.customer.email)) : null,
        },
        messages: unsure ? [] : messages,
        unsure,
        // Scrolling to the start changes no node: the content script reads
        // again when a scroll ends (content/watch.js).
        rereadOnScroll: cut === NOT_AT_START,
        editor: config.editor ? first(document, config.editor) : null,
      };
    },
  });
}

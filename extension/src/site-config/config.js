// Site configurations: a helpdesk described in JSON instead of code
// (schema: site-config.schema.json; README.md has a full example).
//   parseSiteConfig(jsonTextOrObject, { checkSelector }) -> { ok: true, config } | { ok: false, errors: [{ path, message }] }
//   adapterFromConfig(config) -> an adapter like those in ../adapters/ (id 'site:<name>')
// Errors name the JSON path ($.roles[0].matches) and say what is wrong; a
// JSON syntax error gives its line and column. Nothing partial is accepted.
import { validate } from './validate.generated.js';
import { all, first, textOf, timeOf, emailOf, fromUrl, pauseAt, stepwise } from '../adapters/dom.js';
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

export function adapterFromConfig(config) {
  const paths = (config.match.paths ?? []).map((p) => new RegExp(p));
  const roleRules = config.roles.map((r) => ({ ...r, author: r.authorMatches && new RegExp(r.authorMatches, 'i') }));
  const byOpener = roleRules.some((r) => r.authorIsOpener !== undefined);
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
      let opener = null; let who = null;
      for (const [index, item] of all(root, config.message.item).entries()) {
        if (pauseAt(index)) yield;
        const author = config.message.author ? first(item, config.message.author)?.textContent.trim() || null : null;
        if (byOpener) {
          who = author ? sameAuthor(author) : who;
          opener ??= who;
        }
        const body = config.message.text ? first(item, config.message.text) : item;
        const text = textOf(body, { drop: config.message.text ? drop : [...drop, ...listOf(config.message.author), ...listOf(config.message.time)] });
        if (!text) continue;
        messages.push({
          id: item.id || item.getAttribute('data-id') || `${conversationId}:${index}`,
          element: item, role: roleOf(item, author, who, opener), author, text,
          time: config.message.time ? timeOf(first(item, config.message.time)) : null,
        });
      }
      // Like the generic mode: a message whose role no rule gives means the
      // configuration does not fit this page: say so rather than guess.
      const unknown = messages.filter((m) => !m.role).length;
      return {
        conversationId,
        customer: {
          name: config.customer?.name ? first(document, config.customer.name)?.textContent.trim() || null : null,
          email: config.customer?.email ? emailOf(first(document, config.customer.email)) : null,
        },
        messages: unknown ? [] : messages,
        unsure: unknown ? `the site configuration "${config.name}" gives no role to ${unknown} of ${messages.length} messages` : null,
        editor: config.editor ? first(document, config.editor) : null,
      };
    },
  });
}

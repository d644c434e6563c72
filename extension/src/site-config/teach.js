// "Teach Rapport this page": from three elements the agent pointed at (a
// customer message, an agent message, the reply box) derive a site
// configuration with stable selectors: tag names, data-test attributes,
// ARIA roles and labels, and class names people chose; never generated ids
// or hashed class names (css-1x9f2k, Message_root__a8Fk2, sc-bdVaJa, jsx-123),
// which change with every deploy of the helpdesk.
import { sideOf } from '../adapters/layout.js';
import { adapterFromConfig } from './config.js';

const TEST_ATTRS = ['data-testid', 'data-test-id', 'data-test', 'data-qa', 'data-cy', 'data-role', 'data-type'];

// A class or id token that a person wrote: letters, words joined by - or _,
// no digits runs, no hash-like tails.
export function isStableToken(token) {
  if (!/^[A-Za-z][A-Za-z-]*(__?[A-Za-z-]+)*$/.test(token)) return false;           // digits anywhere: generated
  if (/^(css|sc|jsx|emotion|styled|svelte|ng|v|astro)-/i.test(token)) return false;  // CSS-in-JS prefixes
  if (/__[A-Za-z0-9]{5}$/.test(token) && /[A-Z]/.test(token.split('__').pop())) return false; // CSS modules hash tail
  if (token.length > 40) return false;
  // Mixed-case runs without separators look machine-made (e.g. "aXbYcZdE").
  return !(/[a-z][A-Z][a-z]?[A-Z]/.test(token) && !/[-_]/.test(token));
}

const esc = (s) => (globalThis.CSS?.escape ? CSS.escape(s) : s.replace(/[^\w-]/g, (c) => `\\${c}`));

// The stable features of one element, as selector parts.
function features(el) {
  const parts = [];
  for (const a of TEST_ATTRS) if (el.hasAttribute(a)) parts.push(`[${a}="${el.getAttribute(a)}"]`);
  if (el.id && isStableToken(el.id)) parts.push(`#${esc(el.id)}`);
  for (const c of el.classList) if (isStableToken(c)) parts.push(`.${esc(c)}`);
  const role = el.getAttribute('role');
  if (role) parts.push(`[role="${role}"]`);
  if (el.localName === 'textarea' || el.localName === 'input') {
    const name = el.getAttribute('name');
    if (name && isStableToken(name)) parts.push(`[name="${name}"]`);
  }
  const label = el.getAttribute('aria-label');
  if (label && label.length <= 40 && !/\d{3,}/.test(label)) parts.push(`[aria-label="${label.replace(/"/g, '\\"')}"]`);
  return parts;
}

// The shortest selector from the element's stable features (plus stable
// ancestors when needed) that picks it out of `document`.
export function stableSelector(el, document = el.ownerDocument) {
  const own = features(el);
  const candidates = [];
  for (const p of own) candidates.push(`${el.localName}${p}`);
  if (own.length > 1) candidates.push(`${el.localName}${own.join('')}`);
  for (const c of candidates) if (document.querySelectorAll(c).length === 1) return c;
  // Qualify by the nearest ancestor with a stable, unique description.
  for (let a = el.parentElement; a && a !== document.documentElement; a = a.parentElement) {
    for (const p of features(a)) {
      const anc = `${a.localName}${p}`;
      if (document.querySelectorAll(anc).length !== 1) continue;
      for (const c of [...candidates, el.localName]) if (document.querySelectorAll(`${anc} ${c}`).length === 1) return `${anc} ${c}`;
    }
  }
  return candidates.at(-1) ?? null;
}

// When nothing stable names an element: its place under the nearest ancestor
// that has a stable, unique selector (or the body), by tag and position.
// Survives a redeploy that renames every class, not one that reshapes the page.
function pathSelector(el, document) {
  const steps = [];
  for (let node = el; node && node !== document.body && node !== document.documentElement; node = node.parentElement) {
    const anchor = features(node).map((p) => `${node.localName}${p}`).find((c) => document.querySelectorAll(c).length === 1);
    if (anchor) return [anchor, ...steps].join(' > ');
    const sameTag = [...node.parentElement.children].filter((k) => k.localName === node.localName);
    steps.unshift(sameTag.length > 1 ? `${node.localName}:nth-of-type(${sameTag.indexOf(node) + 1})` : node.localName);
  }
  return ['body', ...steps].join(' > ');
}

// Who wrote what from the layout, when no class or attribute says it: the
// two messages keep to different sides of their list (chat bubbles). A line
// in the middle is then a system line.
function sideRoles(blocks) {
  const customer = sideOf(blocks.customer, blocks.list);
  const agent = sideOf(blocks.agent, blocks.list);
  if (!customer || !agent || customer === agent) return null;
  const roles = [{ role: 'customer', side: customer }, { role: 'agent', side: agent }];
  if (customer !== 'center' && agent !== 'center') roles.push({ role: 'system', side: 'center' });
  return roles;
}

const stableClasses = (el) => features(el).filter((p) => p.startsWith('.'));

// Two blocks of one kind: same tag and a stable class in common (or, on a
// page whose classes are all generated, no stable class on either).
function alike(x, y) {
  if (x.localName !== y.localName) return false;
  const cx = stableClasses(x); const cy = stableClasses(y);
  return (!cx.length && !cy.length) || cx.some((c) => cy.includes(c));
}

// The nearest ancestor of `el` (below `stop`) that repeats: a sibling shares its tag and a stable class.
function repeatedBlock(el, stop) {
  for (let x = el; x && x !== stop; x = x.parentElement) {
    const cx = stableClasses(x);
    if (cx.length && [...(x.parentElement?.children ?? [])].some((y) => y !== x && y.localName === x.localName && stableClasses(y).some((c) => cx.includes(c)))) return x;
  }
  return null;
}

// The message blocks: the ancestors of the two clicked messages that are
// siblings (children of one list), described by what they share. When those
// two are not of one kind (a ticket whose opening post stands apart from the
// list of replies), each message's block is its own repeated ancestor, and
// the blocks are of two kinds ("mixed").
function messageBlocks(customerEl, agentEl) {
  let pair = null;
  for (let c = customerEl; c && !pair; c = c.parentElement) {
    for (let a = agentEl; a; a = a.parentElement) {
      if (c !== a && c.parentElement && c.parentElement === a.parentElement) { pair = { customer: c, agent: a, list: c.parentElement }; break; }
    }
  }
  if (!pair || alike(pair.customer, pair.agent)) return pair;
  const customer = repeatedBlock(customerEl, pair.list) ?? pair.customer;
  const agent = repeatedBlock(agentEl, pair.list) ?? pair.agent;
  if (customer === pair.customer && agent === pair.agent) return pair;
  return { customer, agent, list: pair.list, mixed: true };
}

const norm = (text) => text.replace(/\s+/g, ' ').trim();
const TIME_LIKE = /\d{1,2}:\d{2}|\b\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}\b|\b(ago|today|yesterday|am|pm)\b/i;
const NAME_LIKE = /name|author|sender|from|user|email|mailto|login|nick|owner/i;
const INLINE = new Set(['span', 'a', 'b', 'strong', 'em', 'i', 'bdi', 'small', 'abbr', 'cite', 'br']);
// An element whose text is one short line: only inline elements inside.
const oneLine = (el) => [...el.querySelectorAll('*')].every((k) => INLINE.has(k.localName));

// Selectors that may name an element inside a block: its tag with each
// stable class or test attribute, a mailto link, the bare tag.
function innerSelectors(el) {
  const out = features(el).filter((p) => p.startsWith('.') || p.startsWith('[data-')).map((p) => `${el.localName}${p}`);
  if (el.localName === 'a' && /^mailto:/i.test(el.getAttribute('href') ?? '')) out.push('a[href^="mailto:"]');
  out.push(el.localName);
  return out;
}

// Who wrote each block, when the page shows it: a selector that, in both
// blocks, finds a short text outside the message itself (not a time) that
// differs between the two. Name-like elements (a class saying name/author/
// sender, a mailto link) first, then leaves, then document order.
function authorField(blocks, textOfBlock) {
  const usable = (block, sel) => {
    const el = block.querySelector(sel);
    if (!el) return null;
    const body = textOfBlock(block);
    if (body && (el.contains(body) || body.contains(el))) return null;
    const text = norm(el.textContent);
    if (!text || text.length > 80 || !oneLine(el) || el.closest('time') || el.querySelector('time') || TIME_LIKE.test(text)) return null;
    return { el, text };
  };
  const seen = new Set();
  const found = [];
  for (const el of blocks.customer.querySelectorAll('*')) {
    for (const sel of innerSelectors(el)) {
      if (seen.has(sel)) continue;
      seen.add(sel);
      const c = usable(blocks.customer, sel); const a = usable(blocks.agent, sel);
      if (!c || !a || c.text.toLowerCase() === a.text.toLowerCase()) continue;
      const score = (NAME_LIKE.test(sel) ? 2 : 0) + (c.el.children.length === 0 ? 1 : 0);
      found.push({ sel, score, customer: c.text, agent: a.text });
    }
  }
  // Only an element that says it names someone (a class or attribute, a
  // mailto link): a plain line could be a subject or a status, and a wrong
  // author field would give the customer's side to whoever differs from it.
  return found.filter((f) => f.score >= 2).sort((x, y) => y.score - x.score)[0] ?? null;
}

// Marks one level or more inside two blocks that have none themselves:
// walking down the two clicked paths side by side (same tags), the first
// level whose elements differ by a stable class or attribute. The rule is a
// `has` on that element, by its path from the block (`:scope > div > ...`).
function innerMarks(blocks, customerEl, agentEl) {
  const down = (block, el) => { const path = []; for (let x = el; x && x !== block; x = x.parentElement) path.unshift(x); return path; };
  const cPath = down(blocks.customer, customerEl); const aPath = down(blocks.agent, agentEl);
  const steps = [];
  for (let i = 0; i < Math.min(cPath.length, aPath.length); i++) {
    const c = cPath[i]; const a = aPath[i];
    if (c.localName !== a.localName) return null;
    const sharedHere = stableClasses(c).filter((p) => stableClasses(a).includes(p)).join('');
    const customerMark = features(c).filter((p) => !features(a).includes(p) && !p.startsWith('#'));
    const agentMark = features(a).filter((p) => !features(c).includes(p) && !p.startsWith('#'));
    const base = `:scope > ${[...steps, `${c.localName}${sharedHere}`].join(' > ')}`;
    if (customerMark.length || agentMark.length) {
      const tagPath = `:scope > ${cPath.slice(0, i + 1).map((x) => x.localName).join(' > ')}`;
      return { customerMark, agentMark, ruleBase: { customer: base, agent: base }, kind: { path: tagPath, customer: c, agent: a } };
    }
    steps.push(`${c.localName}${sharedHere}`);
  }
  return null;
}

// Blocks of a third kind (system lines, notes) have neither side's mark, and
// would leave the page unsure. Each one with a stable mark of its own that
// neither clicked message has gets a rule: "internal" when the mark says
// note/internal/private, else "system" (neither is badged). A block with
// no such mark keeps no role: the page stays unsure, as it should.
function otherKinds(config, kind, ruleKey, document) {
  const probe = { ...config, defaultRole: '?' };
  const known = new Set([...features(kind.customer), ...features(kind.agent)]);
  const rules = [];
  for (const m of adapterFromConfig(probe).read(document).messages) {
    if (m.role !== '?') continue;
    const el = kind.path ? m.element.querySelector(kind.path) : m.element;
    const mark = el && features(el).find((p) => !known.has(p) && !p.startsWith('#'));
    if (!mark) continue;
    const where = `${kind.path ?? el.localName}${mark}`;
    if (rules.some((r) => r[ruleKey] === where)) continue;
    rules.push({ role: /note|internal|private|notvisible/i.test(mark) ? 'internal' : 'system', [ruleKey]: where });
  }
  return rules;
}

// The clicked element's nearest part, inside its block, that has a stable name (the message text).
function textPart(clicked, block) {
  for (let x = clicked; x && x !== block; x = x.parentElement) {
    const p = features(x).find((f) => f.startsWith('.') || f.startsWith('[data-'));
    if (p) return `${x.localName}${p}`;
  }
  return null;
}

export function deriveSiteConfig({ customer, agent, editor, name, location }) {
  const document = customer.ownerDocument;
  const blocks = messageBlocks(customer, agent);
  if (!blocks) throw new Error('the two messages do not sit in one list; point at a message of each side in the same conversation');
  const describe = (el) => `${el.localName}${stableClasses(el).join('')}`;
  const shared = features(blocks.customer).filter((p) => features(blocks.agent).includes(p) && p.startsWith('.'));
  const list = stableSelector(blocks.list, document) ?? pathSelector(blocks.list, document);
  const under = (el) => (el.parentElement === blocks.list ? list : stableSelector(el.parentElement, document) ?? pathSelector(el.parentElement, document));
  // One kind of block: what both share, under the list. Two kinds: each under its own parent.
  const item = blocks.mixed
    ? [...new Set([`${under(blocks.customer)} > ${describe(blocks.customer)}`, `${under(blocks.agent)} > ${describe(blocks.agent)}`])].join(', ')
    : `${list} > ${blocks.customer.localName}${shared.join('')}`;
  // The text: the clicked element's stable-named part inside each block.
  const textParts = [...new Set([textPart(customer, blocks.customer), textPart(agent, blocks.agent)].filter(Boolean))];
  const text = textParts.length ? textParts.join(', ') : null;
  const textOfBlock = (block) => (text ? block.querySelector(text) : null);

  // Who wrote what: what only one side's block has (not when the blocks are
  // of two kinds: that tells the opening post from the replies, not the
  // customer from the agent); else the sides of the thread; else the authors.
  const onlyIn = (x, y) => features(x).filter((p) => !features(y).includes(p) && !p.startsWith('#'));
  let customerMark = blocks.mixed ? [] : onlyIn(blocks.customer, blocks.agent);
  let agentMark = blocks.mixed ? [] : onlyIn(blocks.agent, blocks.customer);
  // A block may be a bare wrapper whose one child carries the marks (Znuny's
  // <div> around "WidgetSimple customer Incoming"): the rule is then on that child.
  let ruleBase = { customer: `${blocks.customer.localName}${shared.join('')}`, agent: `${blocks.agent.localName}${shared.join('')}` };
  let ruleKey = 'matches';
  // Where the marks are: the block itself, or the element at `kind.path` inside it.
  let kind = { path: null, customer: blocks.customer, agent: blocks.agent };
  if (!blocks.mixed && !customerMark.length && !agentMark.length) {
    const inner = innerMarks(blocks, customer, agent);
    if (inner) ({ customerMark, agentMark, ruleBase, kind } = inner), ruleKey = 'has';
  }
  const marked = customerMark.length || agentMark.length;
  const bySide = !marked && !blocks.mixed ? sideRoles(blocks) : null;
  const author = !marked && !bySide ? authorField(blocks, textOfBlock) : null;
  if (!marked && !bySide && !author) {
    throw new Error('the customer\'s and the agent\'s messages look the same to Rapport (no class or attribute tells them apart, they sit on the same side, and no author name differs between them)');
  }
  const roles = bySide ?? [];
  if (author) roles.push({ role: 'customer', authorIsOpener: true }, { role: 'agent', authorIsOpener: false });
  if (customerMark.length) roles.push({ role: 'customer', [ruleKey]: `${ruleBase.customer}${customerMark[0]}` });
  if (agentMark.length) roles.push({ role: 'agent', [ruleKey]: `${ruleBase.agent}${agentMark[0]}` });
  const host = location.port ? `${location.hostname}:${location.port}` : location.hostname;
  const config = {
    version: 1,
    name: name || `${location.hostname} (taught)`,
    match: { hosts: [host] },
    conversation: { root: list },
    message: { item, ...(text ? { text } : {}), ...(author ? { author: author.sel } : {}) },
    roles,
    defaultRole: bySide || author || (customerMark.length && agentMark.length) ? null : customerMark.length ? 'agent' : 'customer',
    ...(editor ? { editor: stableSelector(editor, document) } : {}),
  };
  if (marked) config.roles.push(...otherKinds(config, kind, ruleKey, document));
  if (author) {
    // The authors tell the sides apart by who opened the conversation: that must be the customer here.
    const first = [...document.querySelectorAll(item)].map((b) => norm(b.querySelector(author.sel)?.textContent ?? '')).find(Boolean);
    const opener = first || null;
    if (!opener || opener.toLowerCase() !== author.customer.toLowerCase()) {
      throw new Error(`the customer's and the agent's messages differ only by their author, and Rapport tells them apart by who opened the conversation; but the first message here is by ${opener ? `"${opener}"` : 'no one it can name'}, not by the customer ("${author.customer}"). Click the customer's first message (the one that opened the conversation) as the customer's message, or write the site configuration by hand.`);
    }
  }
  // The configuration must give the two clicked messages the roles the agent said.
  const read = adapterFromConfig(config).read(document);
  const roleOf = (block) => read.messages.find((m) => m.element === block)?.role;
  if (read.messages.length && (roleOf(blocks.customer) !== 'customer' || roleOf(blocks.agent) !== 'agent')) {
    throw new Error('the configuration Rapport could derive does not read the two messages you clicked as the customer\'s and the agent\'s; write the site configuration by hand');
  }
  return config;
}

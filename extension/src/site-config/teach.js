// "Teach Rapport this page": from three elements the agent pointed at (a
// customer message, an agent message, the reply box) derive a site
// configuration with stable selectors: tag names, data-test attributes,
// ARIA roles and labels, and class names people chose; never generated ids
// or hashed class names (css-1x9f2k, Message_root__a8Fk2, sc-bdVaJa, jsx-123),
// which change with every deploy of the helpdesk.
import { sideOf } from '../adapters/layout.js';

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

// The message blocks: the ancestors of the two clicked messages that are
// siblings (children of one list), described by what they share.
function messageBlocks(customerEl, agentEl) {
  for (let c = customerEl; c; c = c.parentElement) {
    for (let a = agentEl; a; a = a.parentElement) {
      if (c !== a && c.parentElement && c.parentElement === a.parentElement) return { customer: c, agent: a, list: c.parentElement };
    }
  }
  return null;
}

export function deriveSiteConfig({ customer, agent, editor, name, location }) {
  const document = customer.ownerDocument;
  const blocks = messageBlocks(customer, agent);
  if (!blocks) throw new Error('the two messages do not sit in one list; point at a message of each side in the same conversation');
  const shared = features(blocks.customer).filter((p) => features(blocks.agent).includes(p) && p.startsWith('.'));
  const item = `${blocks.customer.localName}${shared.join('')}`;
  const onlyIn = (x, y) => features(x).filter((p) => !features(y).includes(p) && !p.startsWith('#'));
  const customerMark = onlyIn(blocks.customer, blocks.agent);
  const agentMark = onlyIn(blocks.agent, blocks.customer);
  const bySide = !customerMark.length && !agentMark.length ? sideRoles(blocks) : null;
  if (!customerMark.length && !agentMark.length && !bySide) {
    throw new Error('the customer\'s and the agent\'s messages look the same to Rapport (no class or attribute tells them apart, and they sit on the same side)');
  }
  const roles = bySide ?? [];
  if (customerMark.length) roles.push({ role: 'customer', matches: `${item}${customerMark[0]}` });
  if (agentMark.length) roles.push({ role: 'agent', matches: `${item}${agentMark[0]}` });
  const list = stableSelector(blocks.list, document) ?? pathSelector(blocks.list, document);
  // The text: the clicked element inside the block, when it is a sub-part with a stable name.
  const text = customer !== blocks.customer ? features(customer).find((p) => p.startsWith('.') || p.startsWith('[data-')) : null;
  const host = location.port ? `${location.hostname}:${location.port}` : location.hostname;
  const config = {
    version: 1,
    name: name || `${location.hostname} (taught)`,
    match: { hosts: [host] },
    conversation: list ? { root: list } : undefined,
    message: { item: list ? `${list} > ${item}` : item, ...(text ? { text: `${customer.localName}${text}` } : {}) },
    roles,
    defaultRole: bySide || (customerMark.length && agentMark.length) ? null : customerMark.length ? 'agent' : 'customer',
    ...(editor ? { editor: stableSelector(editor, document) } : {}),
  };
  if (!config.conversation) delete config.conversation;
  return config;
}

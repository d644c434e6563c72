// Each helpdesk adapter against its fixture page in real headless Chromium:
// the adapters are bundled (esbuild) and injected into the page, which reads
// the conversation as the content script would, then navigates like a SPA.
import test from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { chromium } from 'playwright-core';
import { startServer } from '../../../scripts/static-server.mjs';
import { LIBREDESK_TEXTS, PAPERCUPS_ALONE_TEXTS, papercupsAlone } from './generic-texts.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const bundle = (await esbuild.build({
  stdin: { contents: "import { helpdeskAdapters, generic } from './extension/src/adapters/helpdesks.js';\n"
    + 'window.__rapport = { adapters: [...helpdeskAdapters, generic], read(id) { const a = this.adapters.find((x) => x.id === id);'
    + ' const r = a.read(document); return r && { ...r, matches: a.matches(location, document), editor: r.editor ? r.editor.outerHTML.slice(0, 60) : null,'
    + ' messages: r.messages.map((m) => ({ role: m.role, text: m.text, time: m.time, id: m.id })) }; } };',
  resolveDir: ROOT }, bundle: true, write: false, format: 'iife' })).outputFiles[0].text;

let server; let browser;
test.before(async () => {
  server = await startServer(ROOT);
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: ['--no-sandbox'] });
});
test.after(async () => { await browser?.close(); await server?.close(); });

async function open(name) {
  const page = await browser.newPage();
  await page.goto(`${server.origin}/tests/e2e/fixtures/helpdesks/${name}.html`);
  await page.addScriptTag({ content: bundle });
  return page;
}

const CASES = [
  { id: 'zendesk', conversationId: '102', roles: ['customer', 'system', 'agent', 'internal', 'customer'],
    customer: { name: 'Maria Lopez', email: 'maria.lopez@example.com' }, first: /order #4411 never arrived/, nav: ['#ticket-103', '/agent/tickets/103', '103'] },
  { id: 'freshdesk', conversationId: '5521', roles: ['customer', 'agent', 'internal', 'system', 'customer'],
    customer: { name: 'Tom Baker', email: 'tom.baker@example.org' }, first: /crashes every time/, nav: ['#ticket-5522', '/a/tickets/5522', '5522'] },
  { id: 'helpscout', conversationId: '880', roles: ['customer', 'agent', 'internal', 'customer'],
    customer: { name: 'Grace Hopper', email: 'grace@example.net' }, first: /charged twice/, nav: ['#conv-881', '/conversation/881/12', '881'] },
  { id: 'intercom', conversationId: '2154700001', roles: ['customer', 'system', 'system', 'agent', 'internal'],
    customer: { name: 'Jonas Berg', email: 'jonas.berg@example.se' }, first: /deleted all my saved reports/, nav: ['#conv-2', '/a/inbox/x/inbox/conversation/2154700002', '2154700002'] },
  { id: 'front', conversationId: 'cnv_abc123', roles: ['customer', 'internal', 'agent'],
    customer: { name: 'Olu Adeyemi', email: 'olu@example.ng' }, first: /delivery was damaged/, nav: ['#cnv-2', '/open/cnv_def456', 'cnv_def456'] },
  { id: 'gmail', conversationId: '18c0a1', roles: ['customer', 'agent', 'customer'],
    customer: { name: 'Sofia Rossi', email: 'sofia.rossi@example.it' }, first: /returned the shoes/, nav: ['#thread-2', '/mail/u/0/#inbox/18c0b2', '18c0b2'] },
];

for (const c of CASES) {
  test(`${c.id}: conversation, roles, text, customer, editor, SPA navigation`, async () => {
    const page = await open(c.id);
    const r = await page.evaluate((id) => window.__rapport.read(id), c.id);
    assert.equal(r.matches, true);
    assert.equal(r.conversationId, c.conversationId);
    assert.deepEqual(r.messages.map((m) => m.role), c.roles);
    assert.match(r.messages[0].text, c.first);
    assert.deepEqual(r.customer, c.customer);
    assert.ok(r.editor, 'reply editor found');
    // Quoted history, signatures and hidden helpers are not part of the text.
    for (const m of r.messages) assert.doesNotMatch(m.text, /wrote:|Sam, Acme Support|^Sofia$/m);
    // The other adapters do not claim this page (the generic mode always may).
    const claims = await page.evaluate(() => window.__rapport.adapters.filter((a) => a.id !== 'generic' && a.matches(location, document)).map((a) => a.id));
    assert.deepEqual(claims, [c.id]);
    await page.evaluate(([tpl, url]) => window.navigateTo(tpl, url), c.nav);
    const after = await page.evaluate((id) => window.__rapport.read(id), c.id);
    assert.equal(after.conversationId, c.nav[2]);
    assert.equal(after.messages[0].role, 'customer');
    await page.close();
  });
}

test('generic: a common chat layout is read, the password field is not the editor', async () => {
  const page = await open('generic-chat');
  const r = await page.evaluate(() => window.__rapport.read('generic'));
  assert.equal(r.unsure, null);
  assert.deepEqual(r.messages.map((m) => m.role), ['customer', 'agent', 'system', 'customer']);
  assert.match(r.editor, /^<textarea/);
  await page.close();
});

test('generic: a thread that names one side only reads the unnamed entries as the other side', async () => {
  const page = await open('generic-thread');
  const r = await page.evaluate(() => window.__rapport.read('generic'));
  assert.equal(r.unsure, null);
  assert.deepEqual(r.messages.map((m) => m.role), ['customer', 'system', 'agent', 'internal', 'customer']);
  assert.match(r.messages[0].text, /^My card was charged twice/, 'the header (author, time) is not part of the text');
  assert.equal(r.messages[0].time, '2026-11-02T09:14:00Z');
  assert.match(r.editor, /^<textarea/);
  await page.close();
});

test('generic: class names that say nothing, the layout does: left customer, right agent, middle system', async () => {
  const page = await open('generic-bubbles');
  const r = await page.evaluate(() => window.__rapport.read('generic'));
  assert.equal(r.unsure, null);
  assert.deepEqual(r.messages.map((m) => m.role), ['customer', 'system', 'agent', 'customer', 'agent', 'customer']);
  assert.match(r.messages[0].text, /parcel is two weeks late/, 'the chat, not the menu or the details grid');
  // Narrowed so the bubbles span the thread, the layout says nothing: unsure, nothing read.
  await page.addStyleTag({ content: '.r2b > div { max-width: none; flex: 1; }' });
  const wide = await page.evaluate(() => window.__rapport.read('generic'));
  assert.equal(wide, null);
  await page.close();
});

test('generic: says it is unsure and badges nothing when authors cannot be told apart', async () => {
  const page = await open('generic-unsure');
  const r = await page.evaluate(() => window.__rapport.read('generic'));
  assert.match(r.unsure, /could not tell who wrote 3 of 3/);
  assert.deepEqual(r.messages, []);
  await page.close();
});

// Open-source helpdesks no adapter knows, reproduced from their templates (each
// fixture's header names the source files): what the generic mode reads on each.
const UNSEEN = [
  // Sender type in the article's classes; internal articles "agent is-internal"; system lines.
  { fixture: 'generic-zammad', roles: ['customer', 'system', 'agent', 'internal', 'customer'], first: /^I ordered a standing desk/,
    editor: /articleNewEdit-body/ },
  // No role words: each row packs its bubble start (contact), end (agents, private notes) or center (activity).
  { fixture: 'generic-chatwoot', roles: ['customer', 'system', 'agent', 'agent', 'customer'], first: /^Hi, I was charged twice/,
    editor: /ProseMirror/ },
  // Bare wrapper around a widget named "customer Incoming" / "agent Outgoing" / "system Outgoing" / "NotVisibleForCustomer".
  { fixture: 'generic-znuny', roles: ['customer', 'system', 'agent', 'internal', 'customer'], first: /^The laptop I received/,
    editor: /^<textarea id="RichText"/ },
  // Position on the timeline (requester left, technician right), private tasks; hidden titles and the open answer form skipped.
  { fixture: 'generic-glpi', roles: ['customer', 'agent', 'internal', 'customer'], first: /^The VPN has been dropping/,
    editor: /^<textarea id="content_new"/ },
  // One side named ("response" on staff replies); the staff's notes and a hidden note form inside the
  // customer's first message, "Reply by" heads and "More" menus are not text; collapsed older replies are not read.
  { fixture: 'generic-hesk', roles: ['customer', 'customer', 'agent', 'customer'], first: /^Order 5521 arrived broken\nThe lamp I ordered/,
    editor: /^<textarea class="form-control" name="message"/, absent: /sick of filing|Add note|Reply by|Delete post|More|courier for the photos/ },
  // As Znuny; HTML mail in a same-origin iframe is read from the frame (without its quoted history), the
  // action menu and its <select> of standard answers are not text.
  { fixture: 'generic-otobo', roles: ['customer', 'system', 'agent', 'internal', 'customer'], first: /^Hello,\nyour invoice charges us/,
    editor: /^<textarea id="RichText"/, absent: /Reply|Print|Split|Thanks for your patience|Your ticket has been received|wrote:/ },
];

for (const c of UNSEEN) {
  test(`generic on ${c.fixture.slice(8)}: roles, text without headers or avatars, the reply editor`, async () => {
    const page = await open(c.fixture);
    const r = await page.evaluate(() => window.__rapport.read('generic'));
    assert.equal(r.unsure, null);
    assert.deepEqual(r.messages.map((m) => m.role), c.roles);
    assert.match(r.messages[0].text, c.first);
    for (const m of r.messages) assert.doesNotMatch(m.text, /See more|^[A-Z]{2}$|Subject:|ago$|Tasks|Followup/m, m.text);
    if (c.absent) for (const m of r.messages) assert.doesNotMatch(m.text, c.absent);
    assert.match(r.editor, c.editor);
    // No known adapter claims these pages.
    const claims = await page.evaluate(() => window.__rapport.adapters.filter((a) => a.id !== 'generic' && a.matches(location, document)).map((a) => a.id));
    assert.deepEqual(claims, []);
    await page.close();
  });
}

test('generic on trudesk: comments carry no author role and sit on one side: unsure, nothing read', async () => {
  const page = await open('generic-trudesk');
  const r = await page.evaluate(() => window.__rapport.read('generic'));
  assert.match(r.unsure, /could not tell who wrote 3 of 3/);
  assert.deepEqual(r.messages, []);
  await page.close();
});

test('generic on chatwoot: a bubble pushed right by an auto margin in a row packed at the start is not read as left', async () => {
  const page = await open('generic-chatwoot');
  await page.addStyleTag({ content: '#message9003 { justify-content: normal; } #message9003 > div { margin-left: auto; }' });
  const r = await page.evaluate(() => window.__rapport.read('generic'));
  const agents = r.messages.filter((m) => /refunded it|Billing bug/.test(m.text));
  assert.ok(r.unsure || agents.length === 2, JSON.stringify(r));
  assert.ok(agents.every((m) => m.role !== 'customer'), JSON.stringify(agents));
  await page.close();
});

test('generic on chatwoot: a row that fills the thread says nothing; the page turns unsure rather than guess', async () => {
  const page = await open('generic-chatwoot');
  // The bubbles and their grid fill their rows: neither justify-content nor the text places them.
  await page.addStyleTag({ content: '.message-bubble-container > div { flex: 1; } .max-w-lg { max-width: none; } .justify-end .grid { grid-template-columns: 1fr 24px; }' });
  const r = await page.evaluate(() => window.__rapport.read('generic'));
  assert.notEqual(r.unsure, null);
  assert.deepEqual(r.messages, []);
  await page.close();
});

test('generic on rocket.chat: the visitor and a colleague look alike (all on the left, data-own for the viewer only): unsure', async () => {
  const page = await open('generic-rocketchat');
  const r = await page.evaluate(() => window.__rapport.read('generic'));
  assert.match(r.unsure, /could not tell who wrote 4 of 5/);
  assert.deepEqual(r.messages, []);
  // Were the viewer's own messages marked "own" in a class (as some chat tools do),
  // the others would still not be the customer's: the colleague's reply is unnamed too.
  await page.evaluate(() => { for (const m of document.querySelectorAll('[data-own="true"]')) m.classList.add('own'); });
  const own = await page.evaluate(() => window.__rapport.read('generic'));
  assert.notEqual(own.unsure, null);
  assert.deepEqual(own.messages, []);
  await page.close();
});

test('generic on libredesk: no role words, each bubble sits left (contact) or right (agents, private notes): read from the layout', async () => {
  const page = await open('generic-libredesk');
  const r = await page.evaluate(() => window.__rapport.read('generic'));
  assert.equal(r.unsure, null);
  assert.deepEqual(r.messages.map((m) => m.role), ['customer', 'agent', 'agent', 'agent', 'customer']);
  // The sender's name (smaller, muted) and the avatar's initials (a small round box) sit in the bubble's column
  // with no class saying so: recognised by what they are, not read with the text.
  assert.deepEqual(r.messages.map((m) => m.text), LIBREDESK_TEXTS);
  assert.match(r.editor, /ProseMirror/);
  // A customer's lines that only look like a name or a time, in the message's type (a colour of their own is not
  // fine print), are their words.
  await page.evaluate(() => {
    const body = document.querySelectorAll('.native-html')[4];
    body.innerHTML = '<div style="color: #c00">Urgent Fix</div><div>Got it, I was sent the report 2 days ago.</div><div>10:42 AM</div>';
  });
  const own = await page.evaluate(() => window.__rapport.read('generic'));
  assert.equal(own.messages[4].text, 'Urgent Fix\nGot it, I was sent the report 2 days ago.\n10:42 AM');
  await page.close();
});

test('generic on papercups: a colleague beside the customer on the left (only the viewer on the right): unsure, not a wrong side', async () => {
  const page = await open('generic-papercups');
  const r = await page.evaluate(() => window.__rapport.read('generic'));
  assert.match(r.unsure, /could not tell who wrote 5 of 5/);
  assert.deepEqual(r.messages, []);
  // Without the colleague's message, one face on the left: the layout is read.
  await page.evaluate(papercupsAlone);
  const alone = await page.evaluate(() => window.__rapport.read('generic'));
  assert.equal(alone.unsure, null);
  assert.deepEqual(alone.messages.map((m) => m.role), ['customer', 'customer', 'agent', 'customer']);
  // The "Sent … ago" and "Seen … ago" lines under a group (fine print, no class saying so) are not the text.
  assert.deepEqual(alone.messages.map((m) => m.text), PAPERCUPS_ALONE_TEXTS);
  // A message that mentions a time keeps every word, a last line "2 hours ago" set as the message too.
  await page.evaluate(() => {
    document.querySelectorAll('.css-1ad9m0p span')[1].innerHTML = '<p>I was sent this invoice 2 days ago.</p><p>2 hours ago</p>';
  });
  const mention = await page.evaluate(() => window.__rapport.read('generic'));
  assert.equal(mention.messages[1].text, 'I was sent this invoice 2 days ago.\n2 hours ago');
  await page.close();
});

test('generic on helpy: replies of both sides are "kind-reply", only notes are named: unsure', async () => {
  const page = await open('generic-helpy');
  const r = await page.evaluate(() => window.__rapport.read('generic'));
  assert.match(r.unsure, /could not tell who wrote 3 of 4/);
  assert.deepEqual(r.messages, []);
  await page.close();
});

// UVdesk names only notes; Frappe Helpdesk names nothing (emails of both sides alike, comments apart only by a
// "Comment" badge's text); every entry laid out alike on the left.
for (const fixture of ['generic-uvdesk', 'generic-frappe']) {
  test(`generic on ${fixture.slice(8)}: no side named, all laid out alike: no conversation read`, async () => {
    const page = await open(fixture);
    const r = await page.evaluate(() => window.__rapport.read('generic'));
    assert.equal(r, null);
    await page.close();
  });
}

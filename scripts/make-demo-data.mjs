// Derives the built-in demo data (shared/demo/conversations.json) from the
// IBM Twitter customer care dataset (twcc/, Apache-2.0).
//
//   node scripts/make-demo-data.mjs <data folder> [output file]
//   node scripts/make-demo-data.mjs --check <data folder>   (exit 1 if the committed file differs)
//
// Keeps the customer turns (the "client"/"client1" turns) and the brands'
// replies: the "agent" turns of dialogContent and the reply the set stores
// apart in agentURL.url_utterance (its time read from its tweet id: Twitter
// ids carry their creation time in milliseconds above bit 22). Each reply is
// credited to the brand's agent who signed it ("^SJ", "*MS", "-Karla" become
// "AdobeCare SJ", "RockstarSupport MS", "Ask_Spectrum KA"; unsigned replies
// to "<brand> team"), so the dashboard can coach per agent. Takes every dev
// conversation, then test conversations in file order while the file stays
// within its 900 KB budget (the repo allows the demo 1 MB).
// Customer handles become stable pseudonyms ("customer-0001") wherever they
// appear and e-mail addresses become "[email]": the source is public, but a
// demo has no need for anyone's handle. HTML entities left by Twitter's API
// (&amp; &lt; &gt; &quot;) are decoded so the text reads as it was typed.
// The output is deterministic: same input, same bytes.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { agentOf, tweetTime } from '../shared/import/formats/twcc.js';

const SPLITS = ['dev', 'test'];
export const MAX_BYTES = 900 * 1024;
const HEADER_ALLOWANCE = 512;  // the few header fields before the conversations

// Brand and staff accounts that appear as a conversation's "client" (their
// marketing posts, which customers then answered): not customer turns, and
// their handles are public brand names, so mentions of them stay as they are.
const BRAND_ACCOUNTS = new Set(['amazon', 'Chase', 'DropboxBusiness', 'GoDaddy', 'hulu', 'MikeSievert',
  'Photoshop', 'PrimeVideoIN', 'TMobile', 'Windows']);

const ENTITIES = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"' };

function decodeEntities(text) {
  return text.replace(/&(amp|lt|gt|quot);/g, (m) => ENTITIES[m]);
}

function maskEmails(text) {
  return text.replace(/[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g, '[email]');
}

function escapeRegExp(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// Drops the milliseconds Twitter timestamps carry (always .000).
// The customer who wrote a turn, or undefined for agent and brand turns.
function customerOf(turn) {
  const handle = turn.client ?? turn.client1;
  return handle === undefined || BRAND_ACCOUNTS.has(handle) ? undefined : handle;
}

function compactTime(iso) {
  return iso.replace(/\.000Z$/, 'Z');
}

export function deriveDemoData(dataDir, budget = MAX_BYTES) {
  const pseudonyms = new Map();
  const pseudonymOf = (handle) => {
    if (!pseudonyms.has(handle)) {
      pseudonyms.set(handle, `customer-${String(pseudonyms.size + 1).padStart(4, '0')}`);
    }
    return pseudonyms.get(handle);
  };

  const raw = [];
  for (const split of SPLITS) {
    const file = path.join(dataDir, 'twcc', `${split}.json`);
    for (const conv of JSON.parse(fs.readFileSync(file, 'utf8'))) raw.push({ conv });
  }
  // First pass: give every customer a pseudonym, in file order.
  for (const { conv } of raw) {
    for (const turn of conv.dialogContent) {
      const handle = customerOf(turn);
      if (handle !== undefined) pseudonymOf(handle);
    }
  }
  // Longest handles first, so one handle inside another is not half-replaced.
  const handles = [...pseudonyms.keys()].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  const mention = new RegExp(`@(${handles.map(escapeRegExp).join('|')})\\b`, 'g');
  const clean = (text) =>
    maskEmails(decodeEntities(text)).replace(mention, (_, h) => `@${pseudonyms.get(h)}`);

  const conversations = [];
  let used = HEADER_ALLOWANCE;
  for (const { conv } of raw) {
    const brand = conv.dialogHeader.company;
    const turns = conv.dialogContent.map((turn) => ({ turn, at: compactTime(turn.datetime) }));
    if (conv.agentURL?.url_utterance && conv.agentURL.tweet_ID) {
      turns.push({ turn: { agent: brand, message: conv.agentURL.url_utterance }, at: tweetTime(conv.agentURL.tweet_ID) });
    }
    const messages = turns
      .map(({ turn, at }) => {
        if (turn.agent !== undefined) {
          return { at, role: 'agent', agent: agentOf(brand, turn.message), text: clean(turn.message) };
        }
        const customer = customerOf(turn);
        return customer === undefined ? null : { at, customer: pseudonyms.get(customer), text: clean(turn.message) };
      })
      .filter((m) => m !== null && m.text.trim() !== '')
      .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
    if (!messages.some((m) => m.role !== 'agent')) continue;
    const conversation = { id: conv.dialogHeader.sessionID, brand, messages };
    const cost = Buffer.byteLength(JSON.stringify(conversation)) + 2;
    if (used + cost > budget) break;
    used += cost;
    conversations.push(conversation);
  }
  return {
    source: 'IBM Twitter customer care dataset (twcc), dev split then test split: customer turns and brand replies',
    licence: 'Apache-2.0 (see shared/demo/README.md)',
    derivedBy: 'scripts/make-demo-data.mjs',
    conversations,
  };
}

// One conversation per line: small, and diffs stay readable.
export function serialize(demo) {
  const { conversations, ...header } = demo;
  const head = JSON.stringify(header).slice(0, -1);
  const lines = conversations.map((c) => JSON.stringify(c));
  return `${head},"conversations":[\n${lines.join(',\n')}\n]}\n`;
}

function main(argv) {
  const check = argv[0] === '--check';
  const [dataDir, outArg] = check ? argv.slice(1) : argv;
  if (!dataDir) {
    console.error('usage: node scripts/make-demo-data.mjs [--check] <data folder> [output file]');
    return 2;
  }
  const twcc = path.join(path.resolve(dataDir), 'twcc');
  if (!fs.existsSync(twcc)) {
    console.error(`make-demo-data: no twcc/ folder in ${path.resolve(dataDir)} (the IBM Twitter customer care set)`);
    return 2;
  }
  const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const out = path.resolve(outArg ?? path.join(repoRoot, 'shared', 'demo', 'conversations.json'));
  const text = serialize(deriveDemoData(path.resolve(dataDir)));
  if (check) {
    const same = fs.existsSync(out) && fs.readFileSync(out, 'utf8') === text;
    console.log(same ? `${out} is what the data derives` : `${out} differs from what ${dataDir} derives`);
    return same ? 0 : 1;
  }
  const bytes = Buffer.byteLength(text);
  if (bytes > MAX_BYTES) {
    console.error(`demo data would be ${bytes} bytes, over the ${MAX_BYTES} byte budget`);
    return 1;
  }
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, text);
  const demo = JSON.parse(text);
  const all = demo.conversations.flatMap((c) => c.messages);
  const replies = all.filter((m) => m.role === 'agent').length;
  console.log(`wrote ${out}: ${demo.conversations.length} conversations, ${all.length - replies} customer messages, ` +
    `${replies} agent replies, ${bytes} bytes`);
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main(process.argv.slice(2));
}

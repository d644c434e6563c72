#!/usr/bin/env node
// Trains the contact-topic classifier of the customer context
// (wasm/core/context/topics.cc) from two permissive intent corpora and
// writes models/topics.json, the small artifact the core embeds.
//
//   node scripts/train-topics.mjs DATA_DIR [--out models/topics.json] [--fixture FILE]
//
// --fixture also writes a small sample of held-out texts (BANKING77 test and
// UCI, both CC BY 4.0) that tests/cpp/context_topics_test.cc checks the
// embedded model against (tests never read DATA_DIR).
//
// DATA_DIR holds bitext/customer_support_sample.csv (Bitext customer-support
// sample, CDLA-Sharing-1.0), banking77/{train,test}.tsv (BANKING77,
// CC BY 4.0) and uci_sentences/sentences.tsv (UCI Sentiment Labelled
// Sentences, CC BY 4.0). The intents (27 + 77) map onto the coarse topics
// below: a contact's topic "in a few words", good enough to notice that
// someone is back about the same thing. The UCI review sentences ("Good
// case, excellent value") are the "none" class: text about no support topic
// in particular, which must not get one. The model is multinomial naive Bayes over word
// unigrams and bigrams, keeping the most class-specific features (chi-square).
// Held out: BANKING77's own test split and a fixed 20% of Bitext and UCI (by
// a hash of the text). Deterministic: the same data gives the same bytes.
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Papa from 'papaparse';

// id -> [label (a few words), phrase (for "in touch ... about <phrase>")]
export const TOPICS = {
  refund: ['refund', 'your refund'],
  delivery: ['delivery', 'your delivery'],
  order: ['order', 'your order'],
  shipping_address: ['shipping address', 'your shipping address'],
  payment: ['payment problem', 'a payment'],
  invoice: ['invoice', 'your invoice'],
  account_access: ['account access', 'getting into your account'],
  account_details: ['account details', 'your account details'],
  account_closure: ['closing the account', 'closing your account'],
  fees: ['fees and charges', 'the charges'],
  feedback: ['complaint or feedback', 'your feedback'],
  newsletter: ['newsletter', 'the newsletter'],
  card: ['card', 'your card'],
  transfer: ['transfer', 'a transfer'],
  top_up: ['top-up', 'a top-up'],
  identity_check: ['identity check', 'verifying your identity'],
  cash_withdrawal: ['cash withdrawal', 'a cash withdrawal'],
  exchange_rate: ['exchange rate', 'exchange rates'],
  none: ['', ''],  // not a topic: the classifier abstains
};

// Source intent -> topic. Intents that are no topic of their own (asking for
// a human, which country is supported) are left out of training.
export const INTENT_TOPIC = {
  // Bitext
  get_refund: 'refund', track_refund: 'refund', check_refund_policy: 'refund',
  track_order: 'delivery', delivery_period: 'delivery', delivery_options: 'delivery',
  cancel_order: 'order', change_order: 'order', place_order: 'order',
  change_shipping_address: 'shipping_address', set_up_shipping_address: 'shipping_address',
  payment_issue: 'payment', check_payment_methods: 'payment',
  check_invoice: 'invoice', get_invoice: 'invoice',
  create_account: 'account_access', registration_problems: 'account_access', recover_password: 'account_access',
  edit_account: 'account_details', switch_account: 'account_details',
  delete_account: 'account_closure', check_cancellation_fee: 'fees',
  complaint: 'feedback', review: 'feedback', newsletter_subscription: 'newsletter',
  // BANKING77
  Refund_not_showing_up: 'refund', request_refund: 'refund',
  activate_my_card: 'card', card_about_to_expire: 'card', card_acceptance: 'card', card_arrival: 'card',
  card_delivery_estimate: 'card', card_linking: 'card', card_not_working: 'card', card_swallowed: 'card',
  change_pin: 'card', compromised_card: 'card', contactless_not_working: 'card', disposable_card_limits: 'card',
  get_disposable_virtual_card: 'card', get_physical_card: 'card', getting_spare_card: 'card',
  getting_virtual_card: 'card', lost_or_stolen_card: 'card', order_physical_card: 'card', pin_blocked: 'card',
  supported_cards_and_currencies: 'card', virtual_card_not_working: 'card', visa_or_mastercard: 'card',
  apple_pay_or_google_pay: 'payment', card_payment_not_recognised: 'payment', declined_card_payment: 'payment',
  direct_debit_payment_not_recognised: 'payment', pending_card_payment: 'payment',
  'reverted_card_payment?': 'payment', transaction_charged_twice: 'payment',
  card_payment_fee_charged: 'fees', cash_withdrawal_charge: 'fees', exchange_charge: 'fees',
  extra_charge_on_statement: 'fees', top_up_by_bank_transfer_charge: 'fees', top_up_by_card_charge: 'fees',
  transfer_fee_charged: 'fees',
  card_payment_wrong_exchange_rate: 'exchange_rate', exchange_rate: 'exchange_rate', exchange_via_app: 'exchange_rate',
  fiat_currency_support: 'exchange_rate', wrong_exchange_rate_for_cash_withdrawal: 'exchange_rate',
  atm_support: 'cash_withdrawal', cash_withdrawal_not_recognised: 'cash_withdrawal',
  declined_cash_withdrawal: 'cash_withdrawal', pending_cash_withdrawal: 'cash_withdrawal',
  wrong_amount_of_cash_received: 'cash_withdrawal',
  automatic_top_up: 'top_up', balance_not_updated_after_cheque_or_cash_deposit: 'top_up', pending_top_up: 'top_up',
  top_up_by_cash_or_cheque: 'top_up', top_up_failed: 'top_up', top_up_limits: 'top_up', top_up_reverted: 'top_up',
  topping_up_by_card: 'top_up', verify_top_up: 'top_up',
  balance_not_updated_after_bank_transfer: 'transfer', beneficiary_not_allowed: 'transfer', cancel_transfer: 'transfer',
  declined_transfer: 'transfer', failed_transfer: 'transfer', pending_transfer: 'transfer', receiving_money: 'transfer',
  transfer_into_account: 'transfer', transfer_not_received_by_recipient: 'transfer', transfer_timing: 'transfer',
  age_limit: 'identity_check', unable_to_verify_identity: 'identity_check', verify_my_identity: 'identity_check',
  verify_source_of_funds: 'identity_check', why_verify_identity: 'identity_check',
  edit_personal_details: 'account_details', lost_or_stolen_phone: 'account_access', passcode_forgotten: 'account_access',
  terminate_account: 'account_closure',
};

// The same features as topics.cc: lower-cased ASCII words (apostrophes
// dropped inside them, any word with a digit is "<n>"), and adjacent pairs.
export function features(text) {
  const words = [];
  for (const raw of String(text).toLowerCase().replace(/'/g, '').split(/[^a-z0-9]+/)) {
    if (raw) words.push(/[0-9]/.test(raw) ? '<n>' : raw);
  }
  const out = [...words];
  for (let i = 1; i < words.length; i++) out.push(`${words[i - 1]} ${words[i]}`);
  return out;
}

function fnv(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) { h ^= text.charCodeAt(i); h = Math.imul(h, 0x01000193) >>> 0; }
  return h;
}

function load(dir) {
  const train = [], test = [];
  const csv = readFileSync(join(dir, 'bitext', 'customer_support_sample.csv'), 'utf8');
  for (const row of Papa.parse(csv, { header: true, skipEmptyLines: true }).data) {
    const topic = INTENT_TOPIC[row.intent];
    if (!topic) continue;
    (fnv(row.instruction) % 5 === 0 ? test : train).push({ text: row.instruction, topic, corpus: 'bitext' });
  }
  for (const [file, into] of [['train.tsv', train], ['test.tsv', test]]) {
    const lines = readFileSync(join(dir, 'banking77', file), 'utf8').split('\n').slice(1);
    for (const line of lines) {
      const tab = line.lastIndexOf('\t');
      if (tab < 0) continue;
      const topic = INTENT_TOPIC[line.slice(tab + 1).trim()];
      if (topic) into.push({ text: line.slice(0, tab), topic, corpus: 'banking77' });
    }
  }
  const uci = readFileSync(join(dir, 'uci_sentences', 'sentences.tsv'), 'utf8').split('\n').slice(1);
  for (const line of uci) {
    const text = line.split('\t')[0];
    if (text) (fnv(text) % 5 === 0 ? test : train).push({ text, topic: 'none', corpus: 'uci' });
  }
  return { train, test };
}

// Chi-square of feature presence against each topic (a feature scores its
// best topic's): the `keep` most topic-specific features, seen in at least
// `minDocs` texts.
function selectFeatures(examples, ids, keep, minDocs) {
  const docs = new Map();
  const perTopic = ids.map(() => 0);
  for (const { text, topic } of examples) {
    const t = ids.indexOf(topic);
    perTopic[t]++;
    for (const f of new Set(features(text))) {
      if (!docs.has(f)) docs.set(f, ids.map(() => 0));
      docs.get(f)[t]++;
    }
  }
  const n = examples.length;
  const scored = [];
  for (const [f, d] of docs) {
    const df = d.reduce((a, b) => a + b, 0);
    if (df < minDocs) continue;
    let best = 0;
    d.forEach((a, t) => {
      const b = df - a, c = perTopic[t] - a, e = n - df - c;
      const den = (a + b) * (c + e) * (a + c) * (b + e);
      if (den > 0) best = Math.max(best, (n * (a * e - b * c) ** 2) / den);
    });
    scored.push([f, best]);
  }
  scored.sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1));
  return scored.slice(0, keep).map(([f]) => f).sort();
}

// A deterministic shuffle (mulberry32), so the same data gives the same model.
function shuffled(items, seed) {
  let s = seed >>> 0;
  const rand = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

// Multinomial logistic regression over feature presence, by SGD with L2;
// weights under `prune` are dropped, so the artifact stays sparse and small.
export function train(examples, { keep = 6000, minDocs = 2, epochs = 12, rate = 0.5, l2 = 1e-5, prune = 0.3 } = {}) {
  const ids = Object.keys(TOPICS);
  const vocab = selectFeatures(examples, ids, keep, minDocs);
  const index = new Map(vocab.map((f, i) => [f, i]));
  const K = ids.length;
  const W = new Float64Array(vocab.length * K);
  const bias = new Float64Array(K);
  const rows = examples.map((e) => ({
    x: [...new Set(features(e.text))].filter((f) => index.has(f)).map((f) => index.get(f)),
    y: ids.indexOf(e.topic),
  }));
  const p = new Float64Array(K);
  for (let epoch = 0; epoch < epochs; epoch++) {
    const lr = rate / (1 + epoch);
    for (const { x, y } of shuffled(rows, 1234 + epoch)) {
      let max = -Infinity;
      for (let k = 0; k < K; k++) {
        let z = bias[k];
        for (const f of x) z += W[f * K + k];
        p[k] = z;
        if (z > max) max = z;
      }
      let sum = 0;
      for (let k = 0; k < K; k++) { p[k] = Math.exp(p[k] - max); sum += p[k]; }
      for (let k = 0; k < K; k++) {
        const g = p[k] / sum - (k === y ? 1 : 0);
        bias[k] -= lr * g;
        for (const f of x) W[f * K + k] -= lr * (g + l2 * W[f * K + k]);
      }
    }
  }
  const round = (w) => Math.round(w * 1000) / 1000;
  const table = {};
  vocab.forEach((f, i) => {
    const row = [];
    for (let k = 0; k < K; k++) if (Math.abs(W[i * K + k]) >= prune) row.push([k, round(W[i * K + k])]);
    if (row.length) table[f] = row;
  });
  return { ids, bias: [...bias].map(round), features: table };
}

// The classifier exactly as topics.cc runs it, for the evaluation here.
export function makeClassifier(model) {
  const { topics, bias, features: table } = model;
  return (text) => {
    const score = [...bias];
    let seen = 0;
    for (const f of new Set(features(text))) {
      const row = table[f];
      if (!row) continue;
      seen++;
      for (const [k, w] of row) score[k] += w;
    }
    if (!seen) return { topic: null, confidence: 0 };
    const max = Math.max(...score);
    const z = score.reduce((s, x) => s + Math.exp(x - max), 0);
    const best = score.indexOf(max);
    return { topic: topics[best].id === 'none' ? null : topics[best].id, confidence: 1 / z };
  };
}

// accuracy: the topic (or none) is right with the threshold applied;
// coverage: share given a topic; accuracyCovered: right among those.
function evaluate(classify, examples, threshold) {
  let right = 0, covered = 0, coveredRight = 0;
  for (const e of examples) {
    const result = classify(e.text);
    const topic = result.confidence >= threshold ? result.topic : null;
    const confidence = result.confidence;
    if ((topic ?? 'none') === e.topic) right++;
    if (topic && confidence >= threshold) { covered++; if (topic === e.topic) coveredRight++; }
  }
  return { examples: examples.length, accuracy: +(right / examples.length).toFixed(4),
    coverage: +(covered / examples.length).toFixed(4), accuracyCovered: +(coveredRight / covered).toFixed(4) };
}

// Every 20th BANKING77 test row and every 12th held-out UCI sentence.
function heldOutSample(test) {
  const banking = test.filter((e) => e.corpus === 'banking77').filter((_, i) => i % 20 === 0);
  const uci = test.filter((e) => e.corpus === 'uci').filter((_, i) => i % 12 === 0);
  return {
    about: 'Held-out texts for the contact-topic model (never trained on), written by scripts/train-topics.mjs ' +
      '--fixture: every 20th mapped row of BANKING77 test.tsv (PolyAI, CC BY 4.0, ' +
      'https://github.com/PolyAI-LDN/task-specific-datasets) with its intent mapped to a topic, and every 12th ' +
      'held-out sentence of UCI Sentiment Labelled Sentences (Kotzias et al. 2015, CC BY 4.0, ' +
      'https://archive.ics.uci.edu/dataset/331) as no topic (null).',
    examples: [...banking, ...uci].map((e) => ({ text: e.text, topic: e.topic === 'none' ? null : e.topic })),
  };
}

function main() {
  const args = process.argv.slice(2);
  if (!args[0] || args[0].startsWith('--')) {
    console.error('usage: node scripts/train-topics.mjs DATA_DIR [--out models/topics.json]');
    process.exit(2);
  }
  const dir = resolve(args[0]);
  const outAt = args.indexOf('--out');
  const out = outAt >= 0 ? args[outAt + 1] : new URL('../models/topics.json', import.meta.url).pathname;
  const { train: trainSet, test } = load(dir);
  const raw = train(trainSet);
  const threshold = 0.5;
  const model = {
    about: 'Contact topics for the customer context (wasm/core/context/topics.cc): multinomial logistic ' +
      'regression over word unigrams and bigrams; made by scripts/train-topics.mjs from the Bitext ' +
      'customer-support sample (CDLA-Sharing-1.0), BANKING77 (CC BY 4.0) and, as the no-topic class, UCI ' +
      'Sentiment Labelled Sentences (CC BY 4.0); see models/TOPICS.md.',
    threshold,
    topics: raw.ids.map((id) => ({ id, label: TOPICS[id][0], phrase: TOPICS[id][1] })),
    bias: raw.bias,
    features: raw.features,
  };
  const classify = makeClassifier(model);
  const by = (corpus) => test.filter((e) => e.corpus === corpus);
  model.evaluation = {
    train: trainSet.length,
    heldOut: evaluate(classify, test, threshold),
    bitext: evaluate(classify, by('bitext'), threshold),
    banking77: evaluate(classify, by('banking77'), threshold),
    none: evaluate(classify, by('uci'), threshold),
  };
  writeFileSync(out, `${JSON.stringify(model)}\n`);
  const fixtureAt = args.indexOf('--fixture');
  if (fixtureAt >= 0) {
    const sample = heldOutSample(test);
    writeFileSync(args[fixtureAt + 1], `${JSON.stringify(sample).replace(/\},\{/g, '},\n{')}\n`);
  }
  console.log(JSON.stringify(model.evaluation, null, 1));
  console.log(`wrote ${out}: ${Object.keys(model.features).length} features, ${model.topics.length} topics`);
}

if (import.meta.url === `file://${process.argv[1]}`) main();

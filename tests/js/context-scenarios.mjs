// Runs a scenario of tests/fixtures/context/ against the wasm build through
// the public API (createContext), exactly as tests/cpp/context_scenario.h
// runs it natively: the steps, the expectations, and the golden document.
import fs from 'node:fs';
import path from 'node:path';
import { api, ROOT } from './helpers.mjs';

export const SCENARIO_DIR = path.join(ROOT, 'tests', 'fixtures', 'context');
export const SCENARIOS = fs.readdirSync(SCENARIO_DIR)
  .filter((f) => f.endsWith('.json') && !f.endsWith('.expected.json'))
  .map((f) => f.slice(0, -'.json'.length)).sort();

export function loadScenario(name) {
  return JSON.parse(fs.readFileSync(path.join(SCENARIO_DIR, `${name}.json`), 'utf8'));
}

export function loadGolden(name) {
  return JSON.parse(fs.readFileSync(path.join(SCENARIO_DIR, `${name}.expected.json`), 'utf8'));
}

// "contacts.last7", "openIssues.0.ticket", "lifetimeValue.length".
function atPath(doc, dotted) {
  let v = doc;
  for (const part of dotted.split('.')) {
    if (Array.isArray(v) && part === 'length') return v.length;
    if (v === null || typeof v !== 'object' || !(part in v)) return '(missing)';
    v = v[part];
  }
  return v;
}

const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

export async function runScenario(scenario) {
  const ctx = await api.createContext(scenario.options ?? {});
  const failures = [];
  const fail = (why) => failures.push(why);
  const idOf = (q, where) => {
    try { return ctx.profile(q).id; } catch (e) { fail(`${where}: no customer for ${JSON.stringify(q)}: ${e.message}`); return ''; }
  };
  const summary = (spec) => {
    const options = { now: spec.now };
    if (spec.repeatDays !== undefined) options.repeatDays = spec.repeatDays;
    return ctx.summary(idOf(spec.customer, 'summary'), options);
  };

  function check(e, where) {
    const customers = ctx.customers();
    if (e.customers !== undefined && customers.length !== e.customers) {
      fail(`${where}: ${customers.length} customers, expected ${e.customers}`);
    }
    for (const [a, b] of e.same ?? []) if (idOf(a, where) !== idOf(b, where)) fail(`${where}: not one customer: ${JSON.stringify([a, b])}`);
    for (const [a, b] of e.apart ?? []) if (idOf(a, where) === idOf(b, where)) fail(`${where}: one customer, expected two: ${JSON.stringify([a, b])}`);
    for (const [kind, code] of [['ambiguous', 'RAPPORT_E_AMBIGUOUS'], ['missing', 'RAPPORT_E_NOT_FOUND']]) {
      for (const q of e[kind] ?? []) {
        try { ctx.profile(q); fail(`${where}: ${kind} ${JSON.stringify(q)} found a customer`); } catch (err) {
          if (err.code !== code) fail(`${where}: ${kind} ${JSON.stringify(q)} -> ${err.code} ${err.message}`);
        }
      }
    }
    for (const p of e.profiles ?? []) {
      const c = ctx.profile(p.customer);
      const got = { merges: c.merges.length, manualMerges: c.merges.filter((m) => m.manual).length,
        phones: c.phones.length, links: c.links.length, events: c.events, name: c.name };
      for (const [k, v] of Object.entries(p)) {
        if (k !== 'customer' && !same(got[k], v)) fail(`${where}: profile ${JSON.stringify(p.customer)} ${k} = ${JSON.stringify(got[k])}`);
      }
    }
    for (const t of e.timelines ?? []) {
      const events = ctx.timeline(t.customer);
      const got = { types: events.map((ev) => ev.type), conversations: [], ambiguous: [] };
      for (const ev of events) {
        if (ev.conversation !== undefined && !got.conversations.includes(ev.conversation)) got.conversations.push(ev.conversation);
        if (ev.ambiguous) got.ambiguous.push(ev.conversation ?? ev.id);
      }
      for (const k of ['types', 'conversations', 'ambiguous']) {
        if (t[k] !== undefined && !same(t[k], got[k])) fail(`${where}: timeline ${k} ${JSON.stringify(got[k])}`);
      }
    }
    for (const spec of e.summaries ?? []) {
      const s = summary(spec);
      for (const [k, v] of Object.entries(spec.fields)) {
        const got = atPath(s, k);
        if (!same(got, v)) fail(`${where}: summary ${JSON.stringify(spec.customer)} ${k} = ${JSON.stringify(got)}`);
      }
    }
  }

  scenario.steps.forEach((step, n) => {
    const where = `step ${n}`;
    const before = ctx.size;
    if (step.add) {
      if (step.error) {
        try {
          ctx.addEvents(step.add);
          fail(`${where}: expected an error`);
        } catch (err) {
          const d = err.details?.[0] ?? {};
          if (err.code !== 'RAPPORT_E_INPUT_TYPE' || d.event !== step.error.event || d.field !== step.error.field) {
            fail(`${where}: error ${err.code} ${JSON.stringify(d)}`);
          }
        }
        if (ctx.size !== before) fail(`${where}: a failed batch added events`);
        return;
      }
      const r = ctx.addEvents(step.add);
      if (step.expectAdded !== undefined && r.added !== step.expectAdded) fail(`${where}: added ${r.added}`);
      if (step.expectDuplicates !== undefined && r.duplicates !== step.expectDuplicates) fail(`${where}: duplicates ${r.duplicates}`);
      if (step.expectMerged !== undefined && r.merged.length !== step.expectMerged) fail(`${where}: merged ${JSON.stringify(r.merged)}`);
    } else if (step.merge) {
      ctx.merge(idOf(step.merge.a, where), idOf(step.merge.b, where), step.merge.reason);
    } else if (step.unmerge) {
      const merges = ctx.profile(step.unmerge.customer).merges;
      if (!merges.length) return fail(`${where}: nothing to unmerge`);
      ctx.unmerge(merges.at(-1).id);
    } else if (step.forget) {
      ctx.forget(step.forget);
    } else if (step.check) {
      check(step.check, where);
    }
  });
  check(scenario.expect, 'expect');

  const customers = ctx.customers();
  const timelines = Object.fromEntries(customers.map((c) => [c.id, ctx.timeline(c.id)]));
  const summaries = (scenario.expect.summaries ?? []).map(summary);
  ctx.dispose();
  return { failures, golden: { customers, timelines, summaries } };
}

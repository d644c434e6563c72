// The content script's work on one page, independent of how it reaches the
// engine (`engine.call(method, args, { signal })`: the bridge client in the
// extension, a direct analyzer in tests). It picks the adapter, watches the
// page, analyzes new customer messages in one analyzeBatch per frame, draws a
// badge on each of them (never on agent messages, notes or system events),
// keeps the conversation's mood trend, and sends the conversation to the side
// panel. Once every customer message of a conversation is analyzed it is
// added to the customer context (context.capture: once per new or changed
// conversation, never per frame; internal notes are left out).
// A route change aborts what is in flight and starts over.
import { watchPage } from './watch.js';
import { inViewOrder } from './view-order.js';
import { createRevealer } from './reveal.js';
import { createBadge, HOST_ATTRIBUTE } from '../badges/badge.js';
import { badgeModel, moodTrend } from '../badges/model.js';
import { createOutbox } from './outbox.js';

const MAX_CACHED = 5000;
// Work per frame is bounded so a long conversation never blocks the page:
// at most this many texts per analyzeBatch (the rest go in the next frames),
// and badges are drawn for this many milliseconds per frame.
const MAX_BATCH = 500;
// Badges are drawn in slices of about this many milliseconds, each its own
// task: between two slices the page's own events, timers and rendering run,
// so even 5,000 messages never make one long task (issue 11: none over 50 ms).
const SLICE_MS = 8;
// The badges near the view (more than NEAR_GROUP of them) take their room
// together in one frame, with nothing drawn inside: that frame pays the move
// of everything below once (pre-paint and layout of the whole conversation:
// the page's own ~17 and ~4 ms CPU here, as for 14 plain blocks put in by
// the page itself). Then they are drawn in it at most this many a frame
// (~0.6 ms a badge), which moves nothing when they fit their one-line room.
// Before, groups of 14 each moved the page and drew their badges in the
// same frame: 2-3 frames of 26-52 ms CPU where one of ~26 is left.
// NEAR_GROUP or fewer go in drawn, in one frame: a page whose own paint is
// dear pays it per frame that changes it (the Libredesk-shaped page: about
// 140 ms; its 5 badges in view went in as room, then drawn: two such frames),
// and a few badges drawn cost little more than their room.
const NEAR_GROUP = 14;
// A group near the view of at most this many badges (a new message, say) is
// put in the page at once; a larger one at the frame after next (putGroup).
const QUICK_GROUP = 3;
// New badges are built off the page and put in it in groups, one group per
// rendering frame, with no building in that frame: each frame that adds
// badges pays a style, layout and paint pass over the whole conversation
// (about 20 ms on a loaded 2-core machine for 5,000 messages, whatever was
// added) plus a share per badge added, so a few large groups cost far less
// than a group per slice, and a frame never also carries a slice's script.
// The group size follows the last frame's rendering time (halved above
// RENDER_BUDGET_MS, grown below half of it), within these bounds.
const GROUP_MIN = 40;
const GROUP_MAX = 150;
const RENDER_BUDGET_MS = 24;
export function pickAdapter(adapters, fallback, location, document) {
  return adapters.find((a) => {
    try { return a.matches(location, document); } catch { return false; }
  }) ?? fallback;
}

export function startRapport({ window: win, engine, adapters, fallback, onStatus = () => {}, extensions = [] }) {
  const document = win.document;
  const ownHosts = new WeakSet();
  const isOwnNode = (node) => ownHosts.has(node) || (node.nodeType === 1 && node.hasAttribute?.(HOST_ATTRIBUTE))
    || extensions.some((ext) => ext.ignores?.(node));
  let adapter = pickAdapter(adapters, fallback, win.location, document);
  let conversationKey;
  let abort = new AbortController();
  const assessments = new Map();          // message key -> Assessment (insertion order = age)
  const pending = new Set();              // message keys in flight
  const badges = new Map();               // message element -> { badge, key }
  let status = { adapter: adapter.id, state: 'starting' };
  let current = null;                     // the conversation as last read from the page
  let placing = null;                     // the badge-drawing job in progress (see placeSlice)
  let slices = 0;                         // badge-drawing slices run so far (tests: the work is split)
  let reading = null;                     // the page read in progress (see frame)
  let readAgain = false;                  // the page changed while it was read
  let readSteps = 0;                      // read steps run so far (tests: the read is split)
  // The next slice as a new task: scheduler.postTask where there is one (no
  // 4 ms clamp of nested timers), else a zero timeout.
  const later = (fn) => (win.scheduler?.postTask ? win.scheduler.postTask(fn).catch(() => {}) : win.setTimeout(fn, 0));
  let groupSize = 80;                     // badges put in the page per frame (adapted, see GROUP_MAX)
  const revealer = createRevealer(win);   // off-screen badges wait out of the layout (reveal.js)

  // A message's key, made once per message as read (each process of a long
  // page looked every key up several times: thousands of long strings built
  // and hashed anew per batch; one string kept keeps its hash too).
  const keys = new WeakMap();
  const keyOf = (conv, m) => {
    let key = keys.get(m);
    if (key === undefined) { key = `${conv.conversationId}\u0001${m.id}\u0001${m.text}`; keys.set(m, key); }
    return key;
  };

  // The panel snapshot and the context capture (outbox.js).
  const outbox = createOutbox({ engine, later, changed: () => watcher.schedule(),
    assessmentOf: (conversation, m) => assessments.get(keyOf(conversation, m)) });

  function setStatus(next) {
    status = { adapter: adapter.id, ...next };
    onStatus(status);
  }

  function clearBadges() {
    for (const { badge } of badges.values()) badge.destroy();
    badges.clear();
    revealer.clear();
  }

  function resetConversation(key) {
    abort.abort();
    abort = new AbortController();
    pending.clear();
    placing = null;
    current = null;
    clearBadges();
    conversationKey = key;
    outbox.newConversation();
  }

  function remember(key, assessment) {
    assessments.delete(key);
    assessments.set(key, assessment);
    if (assessments.size > MAX_CACHED) assessments.delete(assessments.keys().next().value);
  }

  // A host re-render can hand us a copy of our host (cloned markup has no
  // shadow root): such strays are removed so a message never shows two badges.
  function removeStrays(element, keep) {
    for (const child of element.querySelectorAll(`[${HOST_ATTRIBUTE}]`)) {
      if (child !== keep) child.remove();
    }
  }

  const signatureOf = (key, trend) => `${key}\u0002${trend?.text ?? ''}\u0002${trend?.points ?? ''}`;

  // The message's badge, made and rendered as needed, not yet put in the page.
  function prepare(message, key, trend) {
    let entry = badges.get(message.element);
    if (!entry) {
      const badge = createBadge(document);
      ownHosts.add(badge.host);
      entry = { badge, key: null, rendered: '' };
      badges.set(message.element, entry);
    }
    const signature = signatureOf(key, trend);
    if (entry.rendered !== signature) {
      entry.badge.render(badgeModel(assessments.get(key)), trend);
      entry.rendered = signature;
      entry.key = key;
    }
    return entry;
  }

  const anchorOf = (message) => message.badgeAnchor ?? message.element;
  const isPlaced = (message, entry) => entry.badge.host.parentNode === anchorOf(message);

  function attach(message, entry) {
    if (isPlaced(message, entry)) return;
    anchorOf(message).append(entry.badge.host);
    removeStrays(message.element, entry.badge.host);
  }

  const byView = (messages) => inViewOrder(win, messages, anchorOf);

  function analyze(conversation, fresh) {
    const signal = abort.signal;
    for (const m of fresh) pending.add(keyOf(conversation, m));
    engine.call('analyzeBatch', [fresh.map((m) => m.text)], { signal }).then((results) => {
      if (signal.aborted) return;
      fresh.forEach((m, i) => { pending.delete(keyOf(conversation, m)); remember(keyOf(conversation, m), results[i]); });
      // The page as last read gets these badges: no new read of a long page
      // for each batch (a change of the page schedules its own read anyway).
      later(reprocess);
    }, (error) => {
      if (signal.aborted) return;
      for (const m of fresh) pending.delete(keyOf(conversation, m));
      setStatus({ state: 'error', error: `${error.code ?? 'error'}: ${error.message}` });
    });
  }

  // The page is read in steps, one per task (the adapter's readSteps yields
  // every STEP_ITEMS messages, adapters/dom.js), so a 5,000-message page is
  // never read in one long task. One read at a time: a change of the page
  // while it runs is read once it is done (a route change starts over).
  function frame({ routeChanged }) {
    if (routeChanged) {
      adapter = pickAdapter(adapters, fallback, win.location, document);
      resetConversation(undefined);
      reading = null;
    }
    if (reading) { readAgain = true; return; }
    const job = { adapter, steps: null };
    reading = job;
    try {
      job.steps = adapter.readSteps ? adapter.readSteps(document) : null;
    } catch (error) {
      failed(job, error);
      return;
    }
    readStep(job);
  }

  function readStep(job) {
    if (job !== reading) return;
    readSteps++;
    let step;
    try {
      step = job.steps ? job.steps.next() : { done: true, value: job.adapter.read(document) };
    } catch (error) {
      failed(job, error);
      return;
    }
    if (!step.done) { later(() => readStep(job)); return; }
    reading = null;
    read(step.value);
    if (readAgain) { readAgain = false; watcher.schedule(); }
  }

  function failed(job, error) {
    reading = null;
    readAgain = false;
    setStatus({ state: 'error', error: `adapter ${job.adapter.id} failed: ${error.message}` });
    read(null);
  }

  function read(conversation) {
    // A read unsure only until the agent scrolls (the adapter says so) is
    // read again when a scroll ends: scrolling changes no node (watch.js).
    watcher.readOnScroll(conversation?.rereadOnScroll === true);
    const key = conversation ? `${adapter.id}:${conversation.conversationId}` : null;
    if (key !== conversationKey) resetConversation(key);
    for (const ext of extensions) ext.frame?.({ conversation, adapter, signal: abort.signal });
    if (!conversation) {
      setStatus({ state: 'no-conversation' });
      current = null;
      return;
    }
    current = conversation;
    process(conversation);
  }

  const reprocess = () => { if (current) process(current); };

  // What a read conversation needs: its new customer messages analyzed (one
  // batch, the next on the next frame) and its badges drawn (in slices).
  function process(conversation) {
    const customers = [];
    const fresh = [];
    const done = [];
    for (const m of conversation.messages) {
      if (m.role !== 'customer' || !m.text) continue;
      customers.push(m);
      const key = keyOf(conversation, m);
      if (assessments.has(key)) done.push(m);
      else if (!pending.has(key)) fresh.push(m);
    }
    const more = fresh.length > MAX_BATCH;

    const trend = moodTrend(done.map((m) => assessments.get(keyOf(conversation, m)).sentiment.score));
    const live = new Set(done.map((m) => m.element));
    // Badges whose message is gone, re-rendered away or no longer a customer's.
    for (const [element, { badge }] of badges) {
      if (!live.has(element)) { revealer.forget(badge); badge.destroy(); badges.delete(element); }
    }
    const { near, order } = byView(done);
    // While a large group near the view waits for its frame, the engine does
    // not analyze: that frame is the dearest of a long page, and on a 2-core
    // machine the engine's process took the core it needed (traced: the same
    // rendering took 1.5-3 times as long with the engine at work). The batch
    // goes out once that group is drawn (putGroup).
    const unplaced = near.filter((m) => { const e = badges.get(m.element); return !e || !isPlaced(m, e); }).length;
    const held = fresh.length > 0 && unplaced > QUICK_GROUP;
    if (fresh.length && !held) analyze(conversation, byView(fresh).order.slice(0, MAX_BATCH));
    placing = { conversation, done, trend, order, near: near.length, next: 0, more, held, customers: customers.length, group: [] };
    // The next batch goes out on the next frame, while this one's badges are
    // drawn; but not before the first comes back: the first holds the
    // messages in view, and the engine at work on the others would share the
    // cores with the frame that puts their badges in (above). (Sent at once,
    // five batches of a 5,000-message page kept the engine busy through it:
    // that frame was over 50 ms in 9 of 10 runs, 5 of 10 with the first alone.)
    if (more && !held && done.length) win.requestAnimationFrame(reprocess);
    placeSlice(placing);
  }

  // One slice of badge drawing for the read `job`; schedules the next slice as
  // a new task until every badge is placed. A newer read (the page changed,
  // a batch came back) replaces the job, and the old one stops (badges it
  // built but did not put in the page yet are put there by the new one).
  // Badges are built here and put in the page by putGroup, a group per
  // frame: first the ones near the view, alone, then groups of groupSize.
  function placeSlice(job) {
    if (job !== placing) return;
    slices++;
    const deadline = performance.now() + SLICE_MS;
    const { conversation, done, trend, order } = job;
    const last = done[done.length - 1];
    while (job.next < order.length) {
      const m = order[job.next];
      const key = keyOf(conversation, m);
      const wantTrend = m === last ? trend : null;
      const entry = badges.get(m.element);
      job.next++;
      if (entry && entry.rendered === signatureOf(key, wantTrend) && isPlaced(m, entry)) continue;
      const ready = prepare(m, key, wantTrend);
      if (!isPlaced(m, ready)) {
        if (job.next <= job.near) ready.badge.markNear();
        job.group.push(m);
      }
      const full = job.next <= job.near ? job.next === job.near && job.group.length > 0 : job.group.length >= groupSize;
      if (full) { putGroup(job); return; }
      if (performance.now() > deadline && job.next < order.length) { later(() => placeSlice(job)); return; }
    }
    if (job.group.length) { putGroup(job); return; }
    placing = null;
    setStatus({ state: conversation.unsure ? 'unsure' : 'reading', unsure: conversation.unsure ?? null,
      messages: conversation.messages.length, customerMessages: job.customers, badged: done.length });
    if (job.more) return;
    if (done.length === job.customers && !conversation.unsure) outbox.capture(adapter.id, conversation, abort.signal);
    outbox.sendSnapshot(adapter.id, conversation, done, trend);
  }

  // Puts the job's built badges in the page at the next frame, then (once
  // that frame is drawn: the next task) goes on with the job, the group size
  // adapted to how long the frame's rendering took. The group near the view
  // (more than QUICK_GROUP badges; fewer go in at once) waits one frame more:
  // the slice that built it would otherwise share its frame, already the
  // dearest one (it moves the whole conversation below it); over NEAR_GROUP,
  // it goes in as room only and is drawn in the frames after; its time says
  // nothing about the off-screen groups' size.
  function putGroup(job) {
    const near = job.next <= job.near;
    const twoStep = near && job.group.length > NEAR_GROUP;
    let drawn = 0;
    const goOn = () => {
      const rendering = performance.now() - drawn;
      if (near) {
        // Its time says nothing about the off-screen groups' size. Once the
        // whole near part is drawn, held analysis resumes (process).
        if (job.held && job.next >= job.near) { job.held = false; reprocess(); return; }
      } else if (rendering > RENDER_BUDGET_MS) groupSize = Math.max(GROUP_MIN, Math.floor(groupSize / 2));
      else if (rendering < RENDER_BUDGET_MS / 2) groupSize = Math.min(GROUP_MAX, Math.ceil(groupSize * 1.5));
      placeSlice(job);
    };
    const put = () => {
      if (job !== placing) return;
      const placed = [];
      for (const m of job.group) {
        const entry = badges.get(m.element);
        if (!entry) continue;
        if (twoStep) entry.badge.markRoom();
        else if (!near && revealer.supported && entry.badge.state === '') revealer.wait(entry.badge, anchorOf(m));
        attach(m, entry);
        placed.push(entry.badge);
      }
      job.group = [];
      drawn = performance.now();
      if (twoStep) drawNear(placed); else later(goOn);
    };
    // The badges near the view, put in the page this frame with their room
    // only, are drawn NEAR_GROUP a frame from the next one on.
    const drawNear = (rest) => win.requestAnimationFrame(() => {
      for (const b of rest.slice(0, NEAR_GROUP)) b.markNear();
      if (rest.length > NEAR_GROUP) drawNear(rest.slice(NEAR_GROUP)); else later(goOn);
    });
    if (!near) win.requestAnimationFrame(put);
    else if (job.group.length > QUICK_GROUP) win.requestAnimationFrame(() => win.requestAnimationFrame(put));
    else put();   // a new message or two: in the page now, drawn by the next frame
  }

  const watcher = watchPage({ window: win, isOwnNode, onFrame: frame });
  return {
    get adapter() { return adapter; },
    get status() { return status; },
    get slices() { return slices; },
    get readSteps() { return readSteps; },
    isOwnNode,
    ownHosts,
    refresh: () => watcher.schedule(),
    resendSnapshot: () => outbox.resendSnapshot(),
    stop() { reading = null; watcher.stop(); revealer.stop(); resetConversation(undefined); for (const ext of extensions) ext.stop?.(); },
  };
}

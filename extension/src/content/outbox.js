// What the content script sends out of the page about its conversation: the
// side panel's snapshot (`panel.update`) and the customer context's capture
// (`context.capture`). `run.js` decides when; this module keeps what was last
// sent, so an unchanged conversation is never sent twice.
import { emotionGroupOf, CUES } from '../badges/model.js';

// The side panel gets the latest messages of a very long conversation.
const SNAPSHOT_MESSAGES = 300;
// Messages per context.capture call (see capture).
const CAPTURE_PIECE = 500;

// What the side panel needs of an assessment (the full one stays in the page).
// (The badge's own reading of it, without building its words and texts.)
function compact(a) {
  if (!a) return null;
  return { label: a.sentiment.label, score: a.sentiment.score, emotion: emotionGroupOf(a),
    cues: (a.cues ?? []).filter((c) => CUES[c.id]).map((c) => c.id), priority: a.priority, priorityLevel: a.priorityLevel };
}

// `assessmentOf(conversation, message)` gives a customer message's assessment;
// `later(fn)` runs fn as a new task; `changed()` asks run.js for a new pass
// (the panel learns the context's customer id with the next snapshot).
export function createOutbox({ engine, later, assessmentOf, changed }) {
  let lastSnapshot = '';
  let sent = null;                        // the snapshot last sent with panel.update
  let lastCapture = '';                   // what was last added to the customer context
  let contextCustomer = null;             // the context's id for this conversation's customer
  let captures = 0;                       // captures that added events (the panel reloads its timeline)

  // A message as it leaves the page: the customer's with its compact assessment.
  const outgoing = (conversation, m) => ({ id: m.id, role: m.role, time: m.time ?? null, text: m.text,
    assessment: m.role === 'customer' ? compact(assessmentOf(conversation, m)) : null });

  // The conversation as the context keeps it: every message but internal
  // notes (their text is the team's, not the customer's story). Assessments
  // go compact, as the context reads them (score, priority, emotion:
  // shared/context/service.js): the full ones (evidence, 28 emotions...) made
  // a 5,000-message capture a ~100 ms postMessage, and the context read no
  // sentiment from them (it has no top-level score). A long conversation goes
  // in pieces of CAPTURE_PIECE messages, each built and sent in its own task
  // (the context adds each message once, by its id, so pieces add up to the
  // whole): in one message, 5,000 of them still made a 30-50 ms task at the
  // end of badging (building, cloning and posting it).
  function capture(adapterId, conversation, signal) {
    const kept = conversation.messages.filter((m) => m.role !== 'internal' && m.role !== 'note' && m.text);
    if (!kept.some((m) => m.role === 'customer')) return;
    const signature = JSON.stringify([adapterId, conversation.conversationId, conversation.customer, kept.map((m) => [m.id, m.text])]);
    if (signature === lastCapture) return;
    lastCapture = signature;
    const customer = { name: conversation.customer?.name ?? null, email: conversation.customer?.email ?? null };
    const results = [];
    const sendPiece = (from) => {
      if (signal.aborted || signature !== lastCapture) return;
      const messages = kept.slice(from, from + CAPTURE_PIECE).map((m) => outgoing(conversation, m));
      // Each piece's failure is noted at once (no rejection left unhandled while the next pieces go).
      results.push(engine.call('context.capture', [{ adapter: adapterId, conversationId: conversation.conversationId, customer, messages }], { signal })
        .then((answer) => ({ answer }), () => ({ failed: true })));
      if (from + CAPTURE_PIECE < kept.length) { later(() => sendPiece(from + CAPTURE_PIECE)); return; }
      Promise.all(results).then((answers) => {
        if (signal.aborted) return;
        if (answers.some((a) => a.failed)) {
          if (signature === lastCapture) lastCapture = '';   // retried on the next change
          return;
        }
        // The customer as the context knows them: each piece's answer names the same one.
        const result = answers[answers.length - 1].answer;
        const added = answers.reduce((sum, a) => sum + (a.answer?.added ?? 0), 0);
        if (result.customer === contextCustomer && !added) return;
        contextCustomer = result.customer;
        captures++;
        changed();
      });
    };
    later(() => sendPiece(0));
  }

  function sendSnapshot(adapterId, conversation, done, trend) {
    const snapshot = {
      adapter: adapterId,
      conversationId: conversation.conversationId,
      customer: conversation.customer,
      contextCustomer,
      captures,
      unsure: conversation.unsure ?? null,
      trend,
      messages: conversation.messages.slice(-SNAPSHOT_MESSAGES).map((m) => ({ ...outgoing(conversation, m), author: m.author ?? null })),
    };
    const text = JSON.stringify([snapshot.conversationId, done.length, snapshot.messages.length, trend.text, contextCustomer, captures]);
    if (text === lastSnapshot) return;
    lastSnapshot = text;
    sent = snapshot;
    engine.call('panel.update', [snapshot]).catch(() => {});  // no panel open: nothing listens
  }

  // The background lost what it knew of this tab (Firefox unloads its idle
  // event page, Chrome its idle service worker) and asks again: the last
  // snapshot goes out once more, over a port connected anew, so the router
  // also learns when this page goes away (that port's disconnect).
  function resendSnapshot() {
    return sent ? engine.call('panel.update', [sent]) : Promise.resolve(null);
  }

  // A new conversation: its customer and capture are learned anew.
  function newConversation() {
    contextCustomer = null;
    lastCapture = '';
  }

  return { capture, sendSnapshot, resendSnapshot, newConversation };
}

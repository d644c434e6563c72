// The side panel's words for a conversation snapshot (extension/src/sidepanel/view.js).
import test from 'node:test';
import assert from 'node:assert/strict';
import { emptyState, panelView } from '../../extension/src/sidepanel/view.js';

const a = (label, score, cues = [], emotion = null, priorityLevel = 'normal') => ({ label, score, cues, emotion, priority: 0.5, priorityLevel });
const snapshot = {
  adapter: 'zendesk', conversationId: '102', customer: { name: 'Maria Lopez', email: 'maria@example.com' }, unsure: null,
  messages: [
    { id: '1', role: 'customer', text: 'Where is my order? Third time asking.', time: '09:12', assessment: a('negative', -0.6, ['repeat_contact', 'urgency'], 'frustrated', 'high') },
    { id: '2', role: 'agent', text: 'Sorry, checking now.', assessment: null },
    { id: '3', role: 'internal', text: 'lost parcel', assessment: null },
    { id: '4', role: 'customer', text: 'Thanks, that is great.', time: '10:00', assessment: a('positive', 0.7, ['gratitude'], 'grateful', 'low') },
  ],
};

test('empty states say why there is nothing to show', () => {
  assert.match(emptyState(null).title, /No conversation/);
  assert.match(emptyState({ ...snapshot, unsure: 'could not tell who wrote 3 of 3 messages' }).text, /could not tell who wrote 3 of 3/);
  assert.match(emptyState({ ...snapshot, messages: snapshot.messages.filter((m) => m.role !== 'customer') }).title, /No customer message/);
  assert.match(emptyState({ ...snapshot, messages: snapshot.messages.map((m) => ({ ...m, assessment: null })) }).title, /Reading/);
  assert.equal(emptyState(snapshot), null);
});

test('the view: customer, trend, trajectory, cues counted, customer messages only', () => {
  const v = panelView(snapshot);
  assert.equal(v.who, 'Maria Lopez · maria@example.com — conversation 102 (zendesk)');
  assert.equal(v.trend.direction, 'improving');
  assert.match(v.trend.text, /^Mood improving: the last customer message reads \+0\.70, the one before −0\.60/);
  assert.deepEqual(v.points, [-0.6, 0.7]);
  assert.deepEqual(v.cues, ['Repeat contact: 1 of 2 messages', 'Urgent: 1 of 2 messages']);
  assert.equal(v.messages.length, 2);
  assert.equal(v.messages[0].label, '09:12 · Negative (−0.60) · Frustrated · Repeat contact · Urgent · high priority');
  assert.equal(panelView({ ...snapshot, messages: [{ ...snapshot.messages[0], time: '2026-12-01T09:12:00Z' }] }).messages[0].label
    .startsWith(new Date('2026-12-01T09:12:00Z').toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' })), true);
  assert.match(v.messages[1].label, /Positive \(\+0\.70\) · Grateful · low priority$/);
});

// What a line of a message can be as a caption, from its text alone
// (extension/src/adapters/captions.js). A line is only dropped when it is also
// a whole element of its own, set apart from the message (checked in real
// browsers: tests/e2e/extension/adapters.test.mjs, firefox-generic.test.mjs);
// this checks that sentences mentioning a time or a name are never candidates.
import test from 'node:test';
import assert from 'node:assert/strict';
import { captionKind } from '../../extension/src/adapters/captions.js';

test('times, dates and delivery status lines are time captions', () => {
  for (const line of ['Sent 5 minutes ago', 'Sent an hour ago', 'Seen 20 minutes ago', '2 hours ago', 'a few seconds ago',
    'just now', 'Yesterday', '10:42 AM', '09:12', '14:05:33', '10:42 a.m.', '2026-12-07', '2026-12-07T01:42:00Z',
    '2026-12-07 10:42', '07/12/2026', 'Mar 3, 2026', '3 March 2026', 'Today at 10:42 AM', 'Mon 10:42', 'Delivered',
    'Seen', 'Read · 10:42', '5m', 'Sent 2h ago', 'Edited 3 days ago', 'Delivered ✓✓']) {
    assert.equal(captionKind(line), 'time', line);
  }
});

test('names, addresses and initials', () => {
  for (const line of ['Ines Moreau', 'Tomas Lind', 'Ava', "Seán O'Brien", 'Jean-Luc Picard', 'Ines M.', 'Vincent van Gogh', 'ines@example.com']) {
    assert.equal(captionKind(line), 'name', line);
  }
  for (const line of ['IN', 'TO', 'P', 'ABC']) assert.equal(captionKind(line), 'initials', line);
});

test('sentences that mention a time, a status or a name are not captions', () => {
  for (const line of ['I was sent this 2 days ago', 'I was sent this 2 days ago.', 'Sent it 2 hours ago, still nothing',
    'Hi Ines, sorry about that.', 'It failed at 10:42 AM again!', 'Thank you so much!', 'Can someone please look at it today?',
    'Delivered but broken', 'Ok.', 'Please call me back tomorrow morning before ten', '']) {
    assert.equal(captionKind(line), null, line);
  }
});

// toTime: the date-time forms real exports write, each read to the same
// instant (or the same wall-clock time when no zone is written), and the
// ambiguous or impossible ones refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toTime } from '../../shared/import/index.js';

test('ISO 8601, space- and slash-separated dates, Unix seconds and milliseconds', () => {
  assert.equal(toTime('2024-03-04T13:00:00Z'), '2024-03-04T13:00:00Z');
  assert.equal(toTime('2024-03-04T13:00:00.250+0530'), '2024-03-04T13:00:00.250+05:30');
  assert.equal(toTime('2024-03-04 13:00'), '2024-03-04T13:00:00');
  assert.equal(toTime('2024/03/04 13:00:05'), '2024-03-04T13:00:05');
  assert.equal(toTime('2024-03-04'), '2024-03-04T00:00:00');
  assert.equal(toTime(1700000000), '2023-11-14T22:13:20.000Z');
  assert.equal(toTime('1700000000000'), '2023-11-14T22:13:20.000Z');
});

test('month names: mail headers, Twitter created_at, 12-hour clocks, "at"', () => {
  const same = '2017-10-31T22:10:47+00:00';
  assert.equal(toTime('Tue, 31 Oct 2017 22:10:47 +0000'), same);
  assert.equal(toTime('Tue Oct 31 22:10:47 +0000 2017'), same);
  assert.equal(Date.parse(toTime('31 October 2017 22:10:47 GMT')), Date.parse(same));
  assert.equal(toTime('Fri, 14 Dec, 2018 at 3:03 PM'), '2018-12-14T15:03:00');
  assert.equal(toTime('Oct 31, 2017 10:10 PM'), '2017-10-31T22:10:00');
  assert.equal(toTime('October 31st, 2017'), '2017-10-31T00:00:00');
  assert.equal(toTime('12 Sept 2020 12:05 am'), '2020-09-12T00:05:00');
  assert.equal(toTime('1 January 2024 09:30:15 +05:30'), '2024-01-01T09:30:15+05:30');
});

test('refused: numeric day/month orders, unknown months, out-of-range parts, 13 PM', () => {
  for (const bad of ['03/04/2024', '31 Foo 2017', 'Octember 3, 2020', '2024-13-01', '2024-02-01 24:00',
    'Oct 1, 2017 13:00 PM', '2024-03/04', 'yesterday', '']) {
    assert.equal(toTime(bad), null, bad);
  }
});

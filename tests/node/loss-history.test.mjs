// The loss chart's constant-memory record (web/js/panel/loss-history.js).
import test from 'node:test';
import assert from 'node:assert/strict';
import { createHistory } from '../../web/js/panel/loss-history.js';

test('few epochs are kept one bucket each', () => {
  const h = createHistory(8);
  for (let e = 0; e < 5; e++) h.add(e, 2 - e / 10);
  assert.equal(h.count, 5);
  assert.equal(h.width, 1);
  assert.deepEqual(Array.from(h.last.subarray(0, 5)), [2, 1.9, 1.8, 1.7, 1.6]);
  assert.deepEqual([h.first, h.firstEpoch, h.lo, h.hi], [2, 0, 1.6, 2]);
});

test('past capacity neighbours merge in pairs: width doubles, min, max and last survive', () => {
  const h = createHistory(8);
  for (let e = 0; e < 100; e++) h.add(e, e % 7);
  assert.ok(h.count <= 8, `${h.count} buckets of 8`);
  assert.equal(h.width, 16, '100 epochs need buckets of 16');
  assert.deepEqual([h.start[0], h.epoch[0], h.min[0], h.max[0], h.last[0]], [0, 15, 0, 6, 15 % 7]);
  assert.equal(h.epoch[h.count - 1], 99);
  assert.equal(h.last[h.count - 1], 99 % 7);
  assert.deepEqual([h.lo, h.hi], [0, 6]);
});

test('non-finite losses are skipped; clear starts again', () => {
  const h = createHistory(4);
  h.add(0, NaN);
  h.add(1, Infinity);
  assert.equal(h.count, 0);
  h.add(2, 1);
  assert.equal(h.count, 1);
  h.clear();
  assert.deepEqual([h.count, h.width, h.lo, h.hi], [0, 1, Infinity, -Infinity]);
  assert.ok(Number.isNaN(h.first));
});

test('a sample past a full history widens the buckets until one is free', () => {
  const h = createHistory(4);
  for (const e of [0, 1, 2, 3]) h.add(e, e);
  h.add(1000, 9);
  assert.deepEqual([h.width, h.count], [2, 3], '[0,1] [2,3] and a new bucket for epoch 1000');
  assert.deepEqual([h.start[2], h.epoch[2], h.last[2]], [1000, 1000, 9]);
  assert.deepEqual([h.min[0], h.max[0], h.last[0]], [0, 1, 1]);
});

test('a merge keeps the lower minimum and higher maximum of the two buckets, and the later last', () => {
  const h = createHistory(2);
  h.add(0, 5);
  h.add(1, 1);
  h.add(2, 3); // full: [0,1] merge into one bucket of width 2
  assert.equal(h.width, 2);
  assert.deepEqual([h.min[0], h.max[0], h.last[0], h.epoch[0]], [1, 5, 1, 1]);
  const g = createHistory(2);
  g.add(0, 1);
  g.add(1, 5);
  g.add(2, 3);
  assert.deepEqual([g.min[0], g.max[0], g.last[0]], [1, 5, 5]);
});

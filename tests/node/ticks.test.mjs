// "Nice" axis ticks (web/js/kit/ticks.js).
import test from 'node:test';
import assert from 'node:assert/strict';
import { ticks } from '../../web/js/kit/ticks.js';

const run = (lo, hi, count, integer) => {
  const out = new Float64Array(32);
  return Array.from(out.subarray(0, ticks(lo, hi, count, out, integer)));
};

test('steps of 1, 2, 2.5 or 5 times a power of ten, covering the range', () => {
  assert.deepEqual(run(-2.5, 2.5, 5), [-2, -1, 0, 1, 2]);
  assert.deepEqual(run(0, 1.5, 6), [0, 0.25, 0.5, 0.75, 1, 1.25, 1.5]);
  assert.deepEqual(run(0, 300, 4), [0, 100, 200, 300]);
  assert.deepEqual(run(0, 1000, 4), [0, 250, 500, 750, 1000]);
});

test('integer ticks never step below 1 nor by 2.5', () => {
  assert.deepEqual(run(0, 10, 4, true), [0, 5, 10]);
  assert.deepEqual(run(0, 3, 10, true), [0, 1, 2, 3]);
});

test('a zero or invalid span gives its one value; the output array bounds the count', () => {
  assert.deepEqual(run(3, 3, 5), [3]);
  assert.deepEqual(run(0, NaN, 5), [0]);
  const out = new Float64Array(3);
  assert.equal(ticks(0, 100, 100, out), 3);
});

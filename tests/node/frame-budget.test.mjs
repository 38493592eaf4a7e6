// The training budget of a frame is what its drawing left of the work target (web/js/panel/frame-budget.js).
import test from 'node:test';
import assert from 'node:assert/strict';
import { createFrameBudget, WORK_TARGET_MS, MIN_TRAIN_MS, MAX_TRAIN_MS } from '../../web/js/panel/frame-budget.js';

test('the budget is the 8 ms target less the frame\'s drawing, within 2 and 7 ms', () => {
  const b = createFrameBudget();
  assert.deepEqual([WORK_TARGET_MS, MIN_TRAIN_MS, MAX_TRAIN_MS], [8, 2, 7]);
  assert.equal(b.train(0.3), 7, '8 - 0.3 is above the 7 ms maximum');
  assert.equal(b.train(1), 7);
  assert.equal(b.train(3.5), 4.5);
  assert.equal(b.train(5), 3);
  assert.equal(b.train(6), 2);
  assert.equal(b.train(12), 2, 'a frame that drew 12 ms still trains 2');
});

test('each frame is budgeted from its own drawing: a costly frame does not lower the next', () => {
  const b = createFrameBudget();
  assert.deepEqual([1, 6, 1, 4, 1].map((ms) => b.train(ms)), [7, 2, 7, 4, 7]);
});

test('a time that is not a number of ms counts as no drawing', () => {
  const b = createFrameBudget();
  assert.deepEqual([NaN, -1, undefined].map((ms) => b.train(ms)), [7, 7, 7]);
});

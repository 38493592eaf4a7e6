// The training budget per frame follows the drawing time (web/js/panel/frame-budget.js).
import test from 'node:test';
import assert from 'node:assert/strict';
import { createFrameBudget, WORK_TARGET_MS, MIN_TRAIN_MS, MAX_TRAIN_MS } from '../../web/js/panel/frame-budget.js';

test('before any measure the budget is the target less 2 ms of drawing', () => {
  assert.equal(createFrameBudget().train(), WORK_TARGET_MS - 2);
});

test('cheap drawing raises the budget to its maximum, costly drawing lowers it to its minimum', () => {
  const b = createFrameBudget();
  for (let i = 0; i < 50; i++) b.drew(0.3);
  assert.equal(b.train(), MAX_TRAIN_MS, '8 - 0.3 is above the 7 ms maximum');
  for (let i = 0; i < 50; i++) b.drew(5);
  assert.ok(Math.abs(b.train() - 3) < 0.01, `8 - 5 ms of drawing leaves ${b.train()} ms`);
  for (let i = 0; i < 50; i++) b.drew(12);
  assert.equal(b.train(), MIN_TRAIN_MS);
});

test('one slow frame moves the budget by a fifth of the change; nonsense times are ignored', () => {
  const b = createFrameBudget();
  b.drew(7);
  assert.ok(Math.abs(b.drawEstimate - 3) < 1e-12, `2 + 0.2 x (7 - 2) = ${b.drawEstimate}`);
  b.drew(NaN); b.drew(-1); b.drew(1e6);
  assert.ok(Math.abs(b.drawEstimate - 3) < 1e-12);
});

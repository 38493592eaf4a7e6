// The page's one number format.
import test from 'node:test';
import assert from 'node:assert/strict';
import { formatNumber, powerOfTen, subscript } from '../../web/js/lib/numbers.js';

test('fixed decimals in the readable range, powers of ten outside it', () => {
  assert.equal(formatNumber(1.38629, 3), '1.386');
  assert.equal(formatNumber(-0.5, 2), '−0.50');
  assert.equal(formatNumber(0, 3), '0.000');
  assert.equal(formatNumber(0.000652, 3), '6.52·10⁻⁴');
  assert.equal(formatNumber(-0.00123, 2), '−1.2·10⁻³');
  assert.equal(formatNumber(0.0009996, 2), '1.0·10⁻³');
  assert.equal(formatNumber(12345, 2), '1.2·10⁴');
  assert.equal(formatNumber(4.0e-5, 4), '4.00·10⁻⁵');
});

test('never NaN on screen', () => {
  assert.equal(formatNumber(NaN, 3), '–');
  assert.equal(formatNumber(undefined, 3), '–');
  assert.equal(formatNumber(Infinity, 3), '∞');
  assert.equal(formatNumber(-Infinity, 3), '−∞');
});

test('powers of ten', () => {
  assert.deepEqual([-12, -1, 0, 1, 2].map(powerOfTen), ['10⁻¹²', '10⁻¹', '1', '10', '10²']);
});

test('subscript digits for indices', () => {
  assert.deepEqual([1, 12, -3].map(subscript), ['₁', '₁₂', '₋₃']);
});

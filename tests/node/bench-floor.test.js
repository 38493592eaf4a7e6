// The epoch floor's count of multiply-adds (bench/floor.js): make bench
// divides it by the measured f64x2 peak, so a wrong count would misstate how
// far the training kernels are from their floor. Counted by hand here from
// the layer loops of bench/reference.js: forward sums and weight gradients
// of every layer, the error sent back through every layer but the first.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { epochMultiplyAdds } = require('../../bench/floor.js');

test('multiply-adds per epoch: forward, weight gradients, error sent back', () => {
  // 2-8-8-8-4: 16 + 64 + 64 + 32 = 176 per point forward and again for the
  // gradients; 64 + 64 + 32 = 160 sent back; 500 points.
  assert.equal(epochMultiplyAdds([2, 8, 8, 8, 4], 500), 500 * (176 + 176 + 160));
  assert.equal(epochMultiplyAdds([2, 8, 8, 8, 4], 500), 256000);
  // 2-4-4: 8 + 16 = 24 twice, 16 sent back; 200 points.
  assert.equal(epochMultiplyAdds([2, 4, 4], 200), 200 * (24 + 24 + 16));
  // one layer: nothing is sent back to the input.
  assert.equal(epochMultiplyAdds([2, 3], 10), 10 * (6 + 6));
});

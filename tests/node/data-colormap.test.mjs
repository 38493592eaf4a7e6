// The regression colour map (web/js/panel/data-colormap.js).
import test from 'node:test';
import assert from 'node:assert/strict';
import { divergingRgb, colouriseLinear, scaleRange } from '../../web/js/panel/data-colormap.js';

const C = { bg: [255, 255, 255], pos: [0, 114, 178], neg: [213, 94, 0] };

test('0 is the background, +range the positive colour, -range the negative, halfway halfway', () => {
  assert.deepEqual(divergingRgb(C, 0, 2), [255, 255, 255]);
  assert.deepEqual(divergingRgb(C, 2, 2), [0, 114, 178]);
  assert.deepEqual(divergingRgb(C, -2, 2), [213, 94, 0]);
  assert.deepEqual(divergingRgb(C, 1, 2), [128, 185, 217]);
  assert.deepEqual(divergingRgb(C, 50, 2), [0, 114, 178], 'clamped above');
  assert.deepEqual(divergingRgb(C, -50, 2), [213, 94, 0], 'clamped below');
  assert.deepEqual(divergingRgb(C, NaN, 2), [255, 255, 255]);
});

test('colouriseLinear packs the same colours as divergingRgb and counts non-finite outputs', () => {
  const out = Float32Array.of(-2, -0.5, 0, 0.7, 3, NaN, Infinity);
  const px = new Uint32Array(9);
  const bad = colouriseLinear(C, out, out.length, px, 2, 2);
  assert.equal(bad, 2);
  assert.equal(px[0], 0);
  for (let i = 0; i < 5; i++) {
    const [r, g, b] = divergingRgb(C, out[i], 2);
    const w = px[2 + i];
    assert.ok(Math.abs((w & 255) - r) <= 1 && Math.abs(((w >> 8) & 255) - g) <= 1 && Math.abs(((w >>> 16) & 255) - b) <= 1, `pixel ${i}`);
    assert.equal(w >>> 24, 255);
  }
  assert.equal(px[7], 0xffffffff, 'NaN is the background');
});

test('the scale\'s range rounds the largest |target| up to a readable step', () => {
  assert.equal(scaleRange(Float64Array.of(0.2, -0.94, 0.81)), 1);
  assert.equal(scaleRange(Float64Array.of(0.1)), 0.5);
  assert.equal(scaleRange(Float64Array.of(1.2)), 1.5);
  assert.equal(scaleRange(Float64Array.of(-3.2, 2)), 4);
  assert.equal(scaleRange(new Float64Array(0)), 0.5);
});

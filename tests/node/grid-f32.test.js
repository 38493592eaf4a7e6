// predictGrid computes in float32 (src/grid_f32.c and src/dense_f32.c); net.predict
// in float64. Over whole grids of trained and of steep random networks, every
// probability of the grid must be within GRID_BOUND of predict at the same
// pixel centre: the bound tests/c/test_grid_f32.c enforces natively. The
// float error grows with the gain of the network (rounding amplified by each
// layer's weights): trained networks stay near 1e-6, random tanh weights of
// std 2.4 reach about 1e-5, and std 3.6 passed 2e-5 in float32; such networks,
// and large output weights, now take the float64 path (src/grid_f32.c,
// mlp__grid_gain_ok and F32_LOGIT_TERMS_LIMIT), so the bound holds for them too.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { createNetwork } = require('../..');

const GRID_BOUND = 2e-5;

function maxGridDiff(net, grid, K) {
  const { xMin, xMax, yMin, yMax, width, height } = grid;
  const g = net.predictGrid(grid);
  const pts = new Float64Array(2 * width * height);
  const dx = (xMax - xMin) / width, dy = (yMax - yMin) / height;
  for (let q = 0; q < width * height; q++) {
    pts[2 * q] = xMin + ((q % width) + 0.5) * dx;
    pts[2 * q + 1] = yMax - (Math.floor(q / width) + 0.5) * dy;
  }
  const p = net.predict(pts);
  assert.equal(g.length, p.length, `grid ${g.length} values, predict ${p.length}`);
  let worst = 0;
  for (let i = 0; i < g.length; i++) worst = Math.max(worst, Math.abs(g[i] - p[i]));
  return worst;
}

const CASES = [
  { name: 'seed 2-4-4 sigmoid, 300 epochs', options: {}, epochs: 300 },
  { name: '2-8-8-8-4 tanh, 500 epochs', options: { layers: [2, 8, 8, 8, 4], activation: 'tanh', learningRate: 0.3, points: 500 }, epochs: 500 },
  { name: '2-64-64-64-4 relu, 100 epochs', options: { layers: [2, 64, 64, 64, 4], activation: 'relu', learningRate: 0.1 }, epochs: 100 },
  { name: '2-8-8-8-4 tanh, steep random weights (std 2.4)', options: { layers: [2, 8, 8, 8, 4], activation: 'tanh' }, epochs: 0, scale: 8 },
  { name: '2-8-8-8-4 tanh, steeper random weights (std 7.2)', options: { layers: [2, 8, 8, 8, 4], activation: 'tanh' }, epochs: 0, scale: 24 },
  { name: 'seed 2-4-4 sigmoid, 300 epochs, then every parameter x 300', options: {}, epochs: 300, scaleAfter: 300 },
];

for (const c of CASES) {
  test(`float32 predictGrid within ${GRID_BOUND} of float64 predict: ${c.name}`, async (t) => {
    const net = await createNetwork(c.options);
    try {
      if (c.scale) net.setParams(net.getParams().map((v) => v * c.scale));
      if (c.epochs) net.step(c.epochs);
      if (c.scaleAfter) net.setParams(net.getParams().map((v) => v * c.scaleAfter));
      const a = maxGridDiff(net, { xMin: -3, xMax: 3, yMin: -3, yMax: 3, width: 256, height: 256 });
      const b = maxGridDiff(net, { xMin: -1.5, xMax: 4, yMin: -6, yMax: 0.5, width: 100, height: 37 });
      t.diagnostic(`${c.name}: max |grid - predict| ${a.toExponential(2)} (256x256), ${b.toExponential(2)} (100x37)`);
      assert.ok(a <= GRID_BOUND && b <= GRID_BOUND, `max |grid - predict| ${a}, ${b}, want <= ${GRID_BOUND}`);
    } finally {
      net.destroy();
    }
  });
}

// Regression mode (linear output, mean squared error): the fit that the
// universal-approximation demo shows, with the demo's own settings, and the
// gradient of the squared error checked against central differences.
import test from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import * as configs from '../../web/js/explainer/demo-configs.js';
import { curves } from '../../web/js/explainer/demo-approx.js';

// The package's CommonJS entry (index.js), as a user of the package loads it.
const { createNetwork } = createRequire(import.meta.url)('../..');

// The demo's sine fit with N = 8 first gets below MSE 0.01 at epoch 247
// (seed 1; mini-batches of 4, learning rate 0.1); the bound leaves room for
// the SIMD build's rounding to move the trajectory a little.
const EPOCH_LIMIT = 400;

test(`sin on [-pi, pi], 1 -> 8 -> 1 sigmoid, linear output: MSE < 0.01 within ${EPOCH_LIMIT} epochs`, async (t) => {
  const net = await createNetwork(configs.approxOptions(8));
  const data = configs.approxData('sine');
  net.setData(data);
  assert.equal(net.pointCount, 64);
  const initial = net.loss;
  let reached = null;
  while (net.epoch < EPOCH_LIMIT) {
    const r = net.step(1);
    assert.equal(r.diverged, false, `diverged at epoch ${r.epoch}`);
    if (r.loss < 0.01) { reached = r.epoch; break; }
  }
  assert.ok(reached !== null, `MSE after ${EPOCH_LIMIT} epochs is ${net.loss} (needs < 0.01)`);
  const atReach = net.loss;
  net.step(1000 - net.epoch);
  const at1000 = net.loss;
  assert.ok(at1000 < 0.01, `MSE at epoch 1000 is ${at1000}: the fit did not stay below 0.01`);
  // The reported loss is the mean over points of the squared error.
  const yhat = net.predict(data.x);
  let sse = 0;
  for (let i = 0; i < 64; i++) sse += (yhat[i] - data.y[i]) ** 2;
  assert.ok(Math.abs(sse / 64 - at1000) < 1e-12, `loss ${at1000} vs mean squared error ${sse / 64}`);
  t.diagnostic(`MSE ${initial.toFixed(4)} at init, ${atReach.toFixed(5)} at epoch ${reached} ` +
    `(first below 0.01), ${at1000.toExponential(2)} at epoch 1000`);
  net.destroy();
});

test('every demo target and N = 1, 8, 32 trains without diverging, and more units fit sin better', async (t) => {
  const results = [];
  const drawn = new Float64Array(configs.approx.points);
  for (let i = 0; i < drawn.length; i++) drawn[i] = configs.approxDefaultDrawing(configs.approxX(i));
  for (const target of configs.approx.targets) {
    for (const units of [1, 8, 32]) {
      const net = await createNetwork(configs.approxOptions(units));
      net.setData(configs.approxData(target, drawn));
      const r = net.step(2000);
      assert.equal(r.diverged, false, `${target}, N = ${units} diverged`);
      assert.ok(Number.isFinite(r.loss), `${target}, N = ${units}: loss ${r.loss}`);
      results.push({ target, units, loss: r.loss });
      net.destroy();
    }
  }
  const sine = Object.fromEntries(results.filter((r) => r.target === 'sine').map((r) => [r.units, r.loss]));
  // One sigmoid cannot make a sine wave; eight can.
  assert.ok(sine[1] > 0.05 && sine[8] < 0.01 && sine[32] < 0.01, `sin MSE after 2000 epochs: ${JSON.stringify(sine)}`);
  t.diagnostic('MSE after 2000 epochs: ' + results.map((r) => `${r.target}/N=${r.units} ${r.loss.toExponential(1)}`).join(', '));
});

/* The gradient the core computed for the current parameters: run the phases
   of one iteration up to (not including) the update. */
function gradientAt(net) {
  for (;;) {
    const p = net.stepPhase();
    if (p.phase === 'backward' && p.layer === 1) break;
    if (p.phase === 'output-error' && net.layers.length === 2) break;
    assert.notEqual(p.phase, 'update', 'reached the update without a backward phase for layer 1');
  }
  return net.getGrads();
}

for (const spec of [
  { layers: [1, 3, 1], activation: 'sigmoid' },
  { layers: [2, 5, 4, 3], activation: 'sigmoid' },
  { layers: [3, 4, 2], activation: 'tanh' },
]) {
  test(`regression gradient ${spec.layers.join('->')} ${spec.activation}: matches central differences of the MSE`, async (t) => {
    const net = await createNetwork({ layers: spec.layers, activation: spec.activation, output: 'linear',
      init: 'glorot', dataset: 'none', seed: 3 });
    const d = net.inputs, K = net.outputs, n = 9;
    const x = new Float64Array(n * d), y = new Float64Array(n * K);
    for (let i = 0; i < x.length; i++) x[i] = Math.sin(1.7 * i + 0.3) * 1.5;
    for (let i = 0; i < y.length; i++) y[i] = Math.cos(0.9 * i) * 0.8;
    net.setData({ x, y });
    const p0 = net.getParams();
    // Move the parameters off their initial values so no bias gradient is
    // trivially symmetric.
    for (let k = 0; k < p0.length; k++) p0[k] += 0.1 * Math.sin(3.1 * k + 1);
    net.setParams(p0);
    const g = gradientAt(net);
    const h = 1e-5, p = p0.slice();
    let worst = 0, largest = 0;
    for (let k = 0; k < p.length; k++) {
      p[k] = p0[k] + h; net.setParams(p); const up = net.loss;
      p[k] = p0[k] - h; net.setParams(p); const down = net.loss;
      p[k] = p0[k];
      const numeric = (up - down) / (2 * h);
      worst = Math.max(worst, Math.abs(numeric - g[k]) / Math.max(1e-3, Math.abs(numeric) + Math.abs(g[k])));
      largest = Math.max(largest, Math.abs(g[k]));
    }
    assert.ok(largest > 1e-2, `largest gradient component ${largest}: the check would pass trivially`);
    assert.ok(worst < 1e-6, `worst relative difference ${worst} over ${p.length} parameters (limit 1e-6)`);
    t.diagnostic(`${p.length} parameters, largest |dL/dp| ${largest.toFixed(3)}, worst relative difference ${worst.toExponential(2)}`);
    net.destroy();
  });
}

test('the fit the demo draws from the parameters is the network\'s own prediction', async (t) => {
  const units = 5;
  const net = await createNetwork(configs.approxOptions(units));
  net.setData(configs.approxData('abs'));
  net.step(300);
  const n = 101, xs = new Float64Array(n), fit = new Float64Array(n), parts = new Float64Array(units * n);
  for (let s = 0; s < n; s++) xs[s] = -Math.PI + 2 * Math.PI * s / (n - 1);
  const params = net.getParams();
  const bias = curves(params, units, xs, n, fit, parts, n);
  const predicted = net.predict(xs);
  let worst = 0, worstSum = 0;
  for (let s = 0; s < n; s++) {
    worst = Math.max(worst, Math.abs(fit[s] - predicted[s]));
    let sum = bias; // the drawn parts and the bias add up to the drawn fit
    for (let i = 0; i < units; i++) sum += parts[i * n + s];
    worstSum = Math.max(worstSum, Math.abs(sum - fit[s]));
  }
  assert.equal(bias, params[3 * units]);
  assert.ok(worst < 1e-12, `drawn fit differs from net.predict by ${worst}`);
  assert.ok(worstSum < 1e-12, `parts + bias differ from the fit by ${worstSum}`);
  t.diagnostic(`largest difference from net.predict over ${n} points: ${worst.toExponential(1)}`);
  net.destroy();
});

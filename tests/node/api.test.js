// The Node API of the core: shapes, values and behaviour promised in the README.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { createNetwork } = require('../..');

const LN4 = Math.log(4);
const GRID = { xMin: -2, xMax: 2, yMin: -2, yMax: 2, width: 64, height: 48 };

function sameBits(a, b) {
  return Buffer.compare(Buffer.from(a.buffer, a.byteOffset, a.byteLength),
    Buffer.from(b.buffer, b.byteOffset, b.byteLength)) === 0;
}

test('initial loss on quadrants is within 0.1 of ln 4, and ln 4 on average over seeds', async (t) => {
  const net = await createNetwork({});
  assert.equal(net.epoch, 0);
  assert.ok(Math.abs(net.loss - LN4) < 0.1, `default seed: loss ${net.loss}`);
  // W = N(0,1) * 0.3 leaves each logit a small random offset, so single seeds
  // scatter above ln 4; their mean sits close to it.
  let sum = 0, within = 0;
  for (let seed = 1; seed <= 200; seed++) {
    const n = await createNetwork({ seed });
    sum += n.loss;
    within += Math.abs(n.loss - LN4) < 0.1;
    n.destroy();
  }
  assert.ok(Math.abs(sum / 200 - LN4) < 0.06, `mean initial loss over 200 seeds ${sum / 200}`);
  t.diagnostic(`default seed ${net.loss.toFixed(4)}; mean over seeds 1..200 ${(sum / 200).toFixed(4)}; ${within}/200 within 0.1 of ln 4`);
});

test('demo defaults reach >= 99% accuracy within 2000 epochs', async (t) => {
  const net = await createNetwork({ layers: [2, 4, 4], activation: 'sigmoid', learningRate: 1.0, seed: 1,
    dataset: 'quadrants', points: 200 });
  let reached = null;
  while (net.epoch < 2000) {
    const r = net.step(10);
    assert.equal(r.diverged, false);
    if (net.accuracy() >= 0.99) { reached = r.epoch; break; }
  }
  assert.ok(reached !== null && reached <= 2000, `accuracy ${net.accuracy()} at epoch ${net.epoch}`);
  t.diagnostic(`accuracy ${net.accuracy()} reached at epoch ${reached}, loss ${net.loss.toFixed(4)}`);
});

test('step returns { epoch, loss, diverged } and the loss falls', async () => {
  const net = await createNetwork({});
  const before = net.loss;
  const r = net.step(10);
  assert.deepEqual(Object.keys(r).sort(), ['diverged', 'epoch', 'loss']);
  assert.equal(r.epoch, 10);
  assert.equal(net.epoch, 10);
  assert.equal(r.loss, net.loss);
  assert.ok(r.loss < before, `loss ${r.loss} after 10 epochs, ${before} before`);
  assert.equal(r.diverged, false);
});

test('predictGrid: length, probabilities sum to 1, orientation, agreement with predict', async () => {
  const net = await createNetwork({});
  net.step(300);
  const g = net.predictGrid(GRID);
  assert.ok(g instanceof Float32Array);
  assert.equal(g.length, 64 * 48 * 4);
  let worst = 0;
  for (let p = 0; p < 64 * 48; p++) {
    worst = Math.max(worst, Math.abs(g[4 * p] + g[4 * p + 1] + g[4 * p + 2] + g[4 * p + 3] - 1));
  }
  assert.ok(worst < 1e-5, `largest |sum - 1| = ${worst}`);
  const argmax = (p) => [0, 1, 2, 3].reduce((b, k) => (g[4 * p + k] > g[4 * p + b] ? k : b), 0);
  // Pixel 0 is the top-left corner (xMin, yMax): the (-1, +1) cluster, class 1.
  assert.equal(argmax(0), 1, 'top-left pixel');
  assert.equal(argmax(63), 0, 'top-right pixel: (+1, +1) is class 0');
  assert.equal(argmax(47 * 64), 2, 'bottom-left pixel: (-1, -1) is class 2');
  assert.equal(argmax(47 * 64 + 63), 3, 'bottom-right pixel: (+1, -1) is class 3');
  // Pixel (r, c) samples the centre x = xMin + (c + .5) dx, y = yMax - (r + .5) dy.
  const pts = [], idx = [[0, 0], [5, 17], [47, 63], [24, 32]];
  for (const [r, c] of idx) pts.push(-2 + (c + 0.5) * 4 / 64, 2 - (r + 0.5) * 4 / 48);
  const p = net.predict(Float64Array.from(pts));
  assert.equal(p.length, idx.length * 4);
  idx.forEach(([r, c], i) => {
    for (let k = 0; k < 4; k++) {
      assert.ok(Math.abs(p[4 * i + k] - g[4 * (r * 64 + c) + k]) < 1e-6, `pixel (${r},${c}) class ${k}`);
    }
  });
  // Reusing an output array returns that array, filled the same.
  const out = new Float32Array(64 * 48 * 4);
  assert.equal(net.predictGrid(GRID, out), out);
  assert.ok(sameBits(out, g));
});

test('same seed gives bit-identical parameters after 500 epochs; another seed does not', async () => {
  for (const batchSize of [0, 32]) {
    const a = await createNetwork({ seed: 5, batchSize, layers: [2, 6, 5, 4], activation: 'tanh', learningRate: 0.3 });
    const b = await createNetwork({ seed: 5, batchSize, layers: [2, 6, 5, 4], activation: 'tanh', learningRate: 0.3 });
    const c = await createNetwork({ seed: 6, batchSize, layers: [2, 6, 5, 4], activation: 'tanh', learningRate: 0.3 });
    a.step(500); b.step(500); c.step(500);
    assert.equal(a.epoch, 500);
    assert.ok(sameBits(a.getParams(), b.getParams()), `batchSize ${batchSize}: same seed`);
    assert.ok(!sameBits(a.getParams(), c.getParams()), `batchSize ${batchSize}: different seed`);
  }
});

test('one cycle of stepPhase is bit-identical to step(1), full batch and mini-batch', async () => {
  for (const [batchSize, cycles] of [[0, 1], [64, 4]]) { // 200 points in batches of 64: 4 per epoch
    const a = await createNetwork({ batchSize, layers: [2, 5, 3, 4], activation: 'relu', learningRate: 0.2 });
    const b = await createNetwork({ batchSize, layers: [2, 5, 3, 4], activation: 'relu', learningRate: 0.2 });
    const seen = [];
    for (let c = 0; c < cycles; c++) {
      let r;
      do { r = a.stepPhase(); seen.push(`${r.phase}${r.layer || ''}`); } while (r.phase !== 'update');
    }
    assert.equal(a.epoch, 1);
    b.step(1);
    assert.ok(sameBits(a.getParams(), b.getParams()), `batchSize ${batchSize}`);
    assert.deepEqual(seen.slice(0, 9), ['forward1', 'forward2', 'logits3', 'softmax', 'loss',
      'output-error3', 'backward2', 'backward1', 'update']);
    assert.equal(seen.length, 9 * cycles);
  }
});

test('stepPhase returns one frozen snapshot: its phase\'s values and what came before, with their shapes', async () => {
  const net = await createNetwork({});
  assert.deepEqual(net.phase, { phase: 'init', layer: 0 });
  const f = net.stepPhase();
  assert.equal(f.phase, 'forward');
  assert.equal(Object.isFrozen(f), true);
  assert.equal(f.m, 200);
  assert.deepEqual(f.activations.map((a) => a && a.length), [2 * 200, 4 * 200, null], 'inputs and layer 1 only');
  for (const a of f.activations[1]) assert.ok(a > 0 && a < 1);
  assert.deepEqual([f.logits, f.grads, f.change], [null, null, null], 'nothing later in the iteration yet');
  assert.equal(net.stepPhase().logits.length, 4 * 200);
  const s = net.stepPhase();
  assert.equal(s.phase, 'softmax');
  const p = s.activations[2];
  for (let q = 0; q < 200; q++) {
    const sum = p[q] + p[200 + q] + p[400 + q] + p[600 + q];
    assert.ok(Math.abs(sum - 1) < 1e-12, `column ${q} sums to ${sum}`);
  }
  const l = net.stepPhase();
  assert.equal(l.phase, 'loss');
  assert.ok(Math.abs(l.batchLoss - net.loss) < 1e-12, `batch loss ${l.batchLoss} vs loss ${net.loss}`);
  const e = net.stepPhase();
  assert.equal(e.phase, 'output-error');
  assert.deepEqual(e.deltas.map((d) => d && d.length), [null, null, 800], 'delta of the output layer only');
  const [l1, l2] = e.layout;
  assert.equal(e.grads.subarray(l2.W, l2.b).length, 16);
  assert.equal(e.grads.subarray(l2.b, l2.b + l2.fanOut).length, 4);
  const bw = net.stepPhase();
  assert.equal(bw.phase, 'backward');
  assert.equal(bw.layer, 1);
  assert.deepEqual(bw.deltas.map((d) => d && d.length), [null, 800, 800]);
  assert.equal(bw.grads.subarray(l1.W, l1.b).length, 8);
  const before = net.getParams();
  const u = net.stepPhase();
  assert.equal(u.phase, 'update');
  assert.equal(u.epoch, 1);
  const g = net.getGrads();
  for (let k = 0; k < before.length; k++) {
    assert.equal(u.params[k], before[k] - 1.0 * g[k]);
    assert.equal(u.change[k], u.params[k] - before[k]);
  }
  assert.deepEqual(net.snapshot().params, u.params, 'snapshot() of the phase last performed');
});

test('a step part-way through a cycle completes that epoch', async () => {
  const a = await createNetwork({});
  const b = await createNetwork({});
  a.stepPhase(); a.stepPhase(); a.stepPhase();
  assert.equal(a.step(1).epoch, 1);
  b.step(1);
  assert.ok(sameBits(a.getParams(), b.getParams()));
});

test('getParams/setParams round-trip and layout', async () => {
  const a = await createNetwork({ layers: [2, 3, 4] });
  const b = await createNetwork({ layers: [2, 3, 4], seed: 9 });
  assert.equal(a.paramCount, (2 + 1) * 3 + (3 + 1) * 4);
  assert.deepEqual(a.paramLayout(), [
    { layer: 1, fanIn: 2, fanOut: 3, W: 0, b: 6 },
    { layer: 2, fanIn: 3, fanOut: 4, W: 9, b: 21 },
  ]);
  const p = a.getParams();
  for (let k = 6; k < 9; k++) assert.equal(p[k], 0, 'biases start at zero');
  a.step(50);
  b.setParams(a.getParams());
  assert.ok(sameBits(a.getParams(), b.getParams()));
  // Same parameters on a different data set (seed 9): the loss differs, predictions agree.
  const pts = Float64Array.from([0.5, -0.25, -1, 1]);
  assert.ok(sameBits(a.predict(pts), b.predict(pts)));
});

test('getData/setData round-trip, and training on user data', async () => {
  const a = await createNetwork({ points: 40 });
  const d = a.getData();
  assert.equal(d.x.length, 80);
  assert.equal(d.y.length, 40);
  assert.deepEqual(Array.from(d.y.slice(0, 8)), [0, 1, 2, 3, 0, 1, 2, 3]);
  for (let i = 0; i < 40; i++) { // each point sits in its class's quadrant, give or take noise
    const [cx, cy] = [[1, 1], [-1, 1], [-1, -1], [1, -1]][d.y[i]];
    assert.ok(Math.hypot(d.x[2 * i] - cx, d.x[2 * i + 1] - cy) < 2, `point ${i}`);
  }
  const xor = await createNetwork({ layers: [2, 8, 2], dataset: 'none', learningRate: 2, activation: 'tanh' });
  assert.ok(Number.isNaN(xor.loss), 'no data: loss is NaN');
  const x = [], y = [];
  for (let i = 0; i < 100; i++) {
    const u = ((i * 37) % 100) / 50 - 1, v = ((i * 61) % 100) / 50 - 1;
    x.push(u, v); y.push(u * v > 0 ? 1 : 0);
  }
  xor.setData({ x: Float64Array.from(x), y: Int32Array.from(y) });
  assert.equal(xor.pointCount, 100);
  assert.deepEqual(Array.from(xor.getData().y), y);
  assert.ok(Math.abs(xor.loss - Math.log(2)) < 0.1, `2-class initial loss ${xor.loss}`);
  xor.step(2000);
  assert.ok(xor.accuracy() >= 0.95, `XOR accuracy ${xor.accuracy()}`);
});

test('mini-batch training learns the quadrants', async () => {
  const net = await createNetwork({ batchSize: 20, learningRate: 0.5 });
  net.step(100);
  assert.ok(net.accuracy() >= 0.99, `accuracy ${net.accuracy()}`);
});

test('wider nets: 8 inputs, 8 hidden layers of 64 units, 8 classes', async () => {
  const layers = [8, 64, 64, 64, 64, 64, 64, 64, 64, 8];
  const net = await createNetwork({ layers, dataset: 'none', activation: 'relu', init: 'he', learningRate: 0.01 });
  const n = 300, x = new Float64Array(n * 8), y = new Int32Array(n);
  for (let i = 0; i < n; i++) { y[i] = i % 8; for (let k = 0; k < 8; k++) x[i * 8 + k] = (k === y[i] ? 2 : 0) + ((i * 7 + k * 13) % 10) / 10; }
  net.setData({ x, y });
  assert.ok(Math.abs(net.loss - Math.log(8)) < 1.5, `initial loss ${net.loss}`);
  net.step(50);
  assert.equal(net.diverged, false);
  assert.equal(net.predict(x.subarray(0, 16)).length, 16);
  assert.ok(net.accuracy() > 0.9, `accuracy ${net.accuracy()}`);
});

test('getParams(out) and getGrads(out) fill a reused array', async () => {
  const net = await createNetwork({});
  const out = new Float64Array(32);
  assert.equal(net.getParams(out), out);
  assert.ok(sameBits(out, net.getParams()));
  net.step(1);
  assert.equal(net.getGrads(out), out);
  assert.ok(sameBits(out, net.getGrads()));
  assert.throws(() => net.getParams(new Float64Array(3)), /out must be a Float64Array of 32 values, got a Float64Array of length 3/);
});

test('step(n, losses) records each epoch\'s training loss, as the seed\'s losses list', async () => {
  for (const batchSize of [0, 50]) {
    const a = await createNetwork({ batchSize });
    const b = await createNetwork({ batchSize });
    const losses = new Float64Array(30).fill(-1);
    const r = a.step(25, losses);
    assert.equal(r.epoch, 25);
    for (let i = 25; i < 30; i++) assert.equal(losses[i], -1, 'only the epochs run are written');
    for (let i = 0; i < 25; i++) {
      if (batchSize === 0) {
        // Full batch: the loss of the parameters before epoch i's update.
        assert.equal(losses[i], b.loss, `epoch ${i}`);
      } else {
        assert.ok(Number.isFinite(losses[i]) && losses[i] > 0 && losses[i] < 2, `epoch ${i}: ${losses[i]}`);
      }
      b.step(1);
    }
    assert.deepEqual(a.getParams(), b.getParams());
    assert.throws(() => a.step(5, new Float64Array(4)), /losses must be a Float64Array of at least 5 values, got a Float64Array of length 4/);
  }
});

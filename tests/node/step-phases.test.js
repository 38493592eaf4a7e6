// net.stepPhases: training stopped part-way through an epoch and resumed,
// bit for bit what step gives; its count of phases, and its bad input.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { createNetwork } = require('../..');

const sameBits = (a, b) => a.length === b.length && Buffer.compare(Buffer.from(a.buffer, a.byteOffset, a.byteLength),
  Buffer.from(b.buffer, b.byteOffset, b.byteLength)) === 0;

// Trains `epochs` in calls of `slice` phases; each epoch's losses land at their epoch.
function sliced(net, epochs, slice) {
  const losses = new Float64Array(epochs), tests = new Float64Array(epochs);
  const l = new Float64Array(epochs), t = new Float64Array(epochs);
  let calls = 0;
  while (net.epoch < epochs) {
    const e0 = net.epoch, r = net.stepPhases(slice, epochs - e0, l, t);
    assert.equal(r.epoch, net.epoch);
    for (let i = 0; i < r.epoch - e0; i++) { losses[e0 + i] = l[i]; tests[e0 + i] = t[i]; }
    calls++;
  }
  return { losses, tests, calls };
}

const CASES = [
  ['2-4-4 sigmoid, the seed', { layers: [2, 4, 4], seed: 2369 }, 60],
  ['3 tanh layers, features, test set', { layers: [4, 8, 5, 3, 4], activation: 'tanh', seed: 7, testFraction: 0.25,
    features: ['x1', 'x2', 'x1^2', 'x1*x2'] }, 40],
  ['relu, Adam, L2, batches of 37', { layers: [2, 16, 16, 4], activation: 'relu', seed: 11, batchSize: 37,
    optimizer: 'adam', regularization: 'l2', regularizationRate: 0.001 }, 25],
];

for (const [name, options, epochs] of CASES) {
  test(`stepPhases in slices of 1, 5 and 13 phases = step(${epochs}): ${name}`, async () => {
    const whole = await createNetwork(options);
    const losses = new Float64Array(epochs), tests = new Float64Array(epochs);
    whole.step(epochs, losses, tests);
    for (const slice of [1, 5, 13]) {
      const net = await createNetwork(options);
      const per = net.phasesPerEpoch;
      const r = sliced(net, epochs, slice);
      assert.equal(r.calls, Math.ceil(epochs * per / slice), `${epochs} epochs of ${per} phases in slices of ${slice}`);
      assert.ok(sameBits(net.getParams(), whole.getParams()), `parameters after slices of ${slice}`);
      assert.ok(sameBits(r.losses, losses), `each epoch's training loss, slices of ${slice}`);
      if (!options.batchSize) assert.ok(sameBits(r.tests, tests), 'full batch: each epoch\'s test loss too');
      assert.equal(net.epochUnderWay, false);
      net.destroy();
    }
    whole.destroy();
  });
}

test('phasesPerEpoch is (2 L + 3) per batch, and epochUnderWay follows the phases', async () => {
  const net = await createNetwork({ layers: [2, 8, 8, 4], seed: 1 }); // L = 3 weight layers, full batch
  assert.equal(net.phasesPerEpoch, 9);
  const batched = await createNetwork({ layers: [2, 8, 4], seed: 1, points: 200, batchSize: 64 }); // 4 batches
  assert.equal(batched.phasesPerEpoch, 7 * 4);
  assert.equal(net.epochUnderWay, false, 'a new network');
  assert.deepEqual(net.stepPhases(4), { epoch: 0, diverged: false });
  assert.equal(net.epochUnderWay, true);
  assert.deepEqual(net.phase, { phase: 'softmax', layer: 0 }, 'forward 1, 2, logits, softmax');
  net.step(1); // finishes the epoch under way
  assert.equal(net.epoch, 1);
  assert.equal(net.epochUnderWay, false);
  assert.deepEqual(batched.stepPhases(7), { epoch: 0, diverged: false });
  assert.equal(batched.epochUnderWay, true, 'one batch of four done: the epoch is under way');
  net.destroy();
  batched.destroy();
});

test('stepPhases refuses bad input by name and range, and the network trains on', async () => {
  const net = await createNetwork({ layers: [2, 4, 4], seed: 3 });
  for (const bad of [0, -1, 1.5, '3', NaN, 2 ** 31]) {
    assert.throws(() => net.stepPhases(bad), { message: /^phases must be an integer from 1 to 2147483647, got / }, String(bad));
  }
  assert.throws(() => net.stepPhases(2, 0), /epochs must be/);
  assert.throws(() => net.stepPhases(2, 3, new Float64Array(2)), /losses must be a Float64Array of at least 3 values/);
  assert.deepEqual(net.stepPhases(11 * 2, 2), { epoch: 2, diverged: false }, 'stops at 2 epochs, not at 22 phases');
  assert.equal(net.epochUnderWay, false);
  net.destroy();
});

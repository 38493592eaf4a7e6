// Saving and restoring a run (net.toJSON(), createNetwork(run), restoreNetwork(run)):
// bit-identical continuation, the saved object's shape, and every malformed run refused
// with a message naming its field, leaving nothing allocated behind.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { createNetwork, restoreNetwork, loadCore } = require('../..');

function sameBits(a, b) {
  return a.length === b.length && Buffer.compare(Buffer.from(a.buffer, a.byteOffset, a.byteLength),
    Buffer.from(b.buffer, b.byteOffset, b.byteLength)) === 0;
}

const viaText = (net) => JSON.parse(JSON.stringify(net));

const ADAM = {
  layers: [4, 8, 6, 4], features: ['x1', 'x2', 'x1*x2', 'sin(x1)'], activation: 'tanh',
  optimizer: 'adam', learningRate: 0.01, batchSize: 32, regularization: 'l2', regularizationRate: 0.001, seed: 7,
};

function assertSameRun(a, b, what) {
  assert.equal(b.epoch, a.epoch, `${what}: epoch`);
  assert.ok(sameBits(a.getParams(), b.getParams()), `${what}: parameters`);
  const sa = a.optimizerState(), sb = b.optimizerState();
  assert.ok(sameBits(sa.m, sb.m) && sameBits(sa.v, sb.v), `${what}: m and v`);
  assert.equal(sb.steps, sa.steps, `${what}: adam's t`);
}

test('saved at epoch 137 mid-Adam with mini-batches, restored from JSON text: 500 more epochs bit for bit', async () => {
  const a = await createNetwork(ADAM);
  a.step(137);
  const run = viaText(a);
  const b = await createNetwork(run);
  assertSameRun(a, b, 'restored');
  assert.equal(b.optimizerState().steps, 137 * 7, '200 points in batches of 32: 7 updates an epoch');
  assert.equal(JSON.stringify(b), JSON.stringify(run), 'a restored run saves as the same text');
  a.step(500);
  b.step(500);
  assertSameRun(a, b, 'after 500 more epochs');
  assert.equal(a.epoch, 637);
  assert.equal(b.loss, a.loss);
  // A fresh network of the same options drifts from neither: the run depended on its state.
  const c = await createNetwork(ADAM);
  c.step(637);
  assert.ok(sameBits(c.getParams(), a.getParams()), 'saving changes nothing in the saved network');
});

test('saved part-way through an epoch and an iteration, restored: the same 500 epochs', async () => {
  const a = await createNetwork(ADAM);
  a.step(137);
  let updates = 0;
  while (updates < 2) updates += a.stepPhase().phase === 'update';
  for (let i = 0; i < 3; i++) a.stepPhase(); // forward 1, forward 2, logits of batch 3
  const run = viaText(a);
  assert.deepEqual([run.epoch, run.batch, run.permDrawn], [137, 2, true]);
  const b = await restoreNetwork(run);
  assert.deepEqual(b.phase, { phase: 'init', layer: 0 }, 'restored at the start of that iteration');
  a.step(500);
  b.step(500);
  assertSameRun(a, b, 'mid-iteration save');
  assert.equal(a.epoch, 637, 'the epoch under way counts as the first of the 500');
});

test('a linear-output run with momentum, and a run with no data, round-trip too', async () => {
  const opts = { layers: [2, 6, 2], output: 'linear', dataset: 'none', optimizer: 'momentum', beta1: 0.7, batchSize: 10, learningRate: 0.05 };
  const a = await createNetwork(opts);
  const x = [], y = [];
  for (let i = 0; i < 45; i++) { const u = (i % 9) / 4 - 1, v = Math.floor(i / 9) / 2 - 1; x.push(u, v); y.push(u * v, u - v); }
  a.setData({ x, y });
  a.step(37);
  const run = viaText(a);
  assert.equal(run.targets.length, 90);
  assert.equal('labels' in run, false);
  const b = await createNetwork(run);
  a.step(100); b.step(100);
  assertSameRun(a, b, 'linear, momentum');
  const empty = await createNetwork({ dataset: 'none' });
  const e = viaText(empty);
  assert.deepEqual([e.x.length, e.labels.length, e.perm.length, e.epochLoss], [0, 0, 0, null]);
  const back = await createNetwork(e);
  assert.equal(back.pointCount, 0);
  assert.ok(sameBits(back.getParams(), empty.getParams()));
});

test('the saved object: versioned, named fields, exact numbers', async () => {
  const net = await createNetwork({ layers: [2, 3, 4], points: 20, optimizer: 'adam' });
  const fresh = net.toJSON();
  assert.deepEqual(Object.keys(fresh), ['format', 'version', 'config', 'epoch', 'batch', 'adamSteps',
    'epochLossSum', 'epochLoss', 'permDrawn', 'diverged', 'rng', 'params', 'm', 'v', 'x', 'labels', 'perm']);
  assert.deepEqual([fresh.format, fresh.version, fresh.epoch, fresh.adamSteps, fresh.epochLoss], ['mlp-explainer-run', 1, 0, 0, null]);
  assert.deepEqual(fresh.config, { layers: [2, 3, 4], activation: 'sigmoid', init: 'seed', output: 'softmax',
    learningRate: 1, batchSize: 0, seed: 1, features: null, optimizer: 'adam', beta1: 0.9, beta2: 0.999,
    epsilon: 1e-8, regularization: 'none', regularizationRate: 0 });
  assert.equal(fresh.rng.length, 8);
  for (const w of fresh.rng) assert.ok(Number.isInteger(w) && w >= 0 && w <= 4294967295, `rng word ${w}`);
  assert.deepEqual([fresh.params.length, fresh.m.length, fresh.x.length, fresh.labels.length, fresh.perm.length], [25, 25, 40, 20, 20]);
  const losses = new Float64Array(3);
  net.step(3, losses);
  const run = net.toJSON();
  assert.equal(run.epochLoss, losses[2], 'epochLoss: the last epoch\'s training loss');
  assert.ok(sameBits(Float64Array.from(run.params), net.getParams()));
  assert.ok(sameBits(Float64Array.from(viaText(net).v), net.optimizerState().v), 'JSON text keeps every bit');
  assert.deepEqual([run.epoch, run.adamSteps], [3, 3]);
});

// A small saved run to break: 2 -> 3 -> 4, 20 points, batches of 8 (3 a epoch), adam.
async function baseRun() {
  const net = await createNetwork({ layers: [2, 3, 4], points: 20, batchSize: 8, optimizer: 'adam' });
  net.step(3);
  const run = viaText(net);
  net.destroy();
  return run;
}

// [what, change to a copy of the run, message]: each message names the field.
const CASES = [
  ['foreign format', (r) => { r.format = 'tfjs-model'; }, 'saved run: format must be "mlp-explainer-run", got "tfjs-model"'],
  ['newer version', (r) => { r.version = 2; }, 'saved run: version must be 1, got 2'],
  ['version as text', (r) => { r.version = '1'; }, 'saved run: version must be 1, got "1"'],
  ['extra field', (r) => { r.comment = 'hi'; }, 'saved run: comment is not a field of a saved softmax run'],
  ['targets in a softmax run', (r) => { r.targets = []; }, 'saved run: targets is not a field of a saved softmax run'],
  ['missing field', (r) => { delete r.epoch; }, 'saved run: epoch is missing'],
  ['missing labels', (r) => { delete r.labels; }, 'saved run: labels is missing'],
  ['missing config', (r) => { delete r.config; }, 'saved run: config is missing'],
  ['config not an object', (r) => { r.config = [2, 3, 4]; }, 'saved run: config must be an object, got an array of length 3'],
  ['missing setting', (r) => { delete r.config.seed; }, 'saved run: config.seed is missing'],
  ['extra setting', (r) => { r.config.momentum = 0.9; }, /^saved run: config\.momentum is not a setting; known: layers, activation, /],
  ['unknown activation', (r) => { r.config.activation = 'softplus'; }, 'saved run: config.activation must be one of sigmoid, tanh, relu, linear, got "softplus"'],
  ['hidden layer too wide', (r) => { r.config.layers = [2, 65, 4]; }, 'saved run: config.layers[1] (hidden units) must be an integer from 1 to 64, got 65'],
  ['features not matching the input width', (r) => { r.config.features = ['x1']; }, 'saved run: config.layers[0] (inputs) must equal the number of features, 1 (x1), got 2'],
  ['beta out of range', (r) => { r.config.beta2 = 1; }, 'saved run: config.beta2 must be a number from 0 to 0.999999, got 1'],
  ['params one short', (r) => { r.params.pop(); }, 'saved run: params must be an array of 25 numbers (the parameter layout), got an array of length 24'],
  ['v one long', (r) => { r.v.push(0); }, 'saved run: v must be an array of 25 numbers (the parameter layout), got an array of length 26'],
  ['x of odd length', (r) => { r.x.pop(); }, 'saved run: x must be an array of n*2 numbers (n points, 2 inputs each), got an array of length 39'],
  ['labels one short', (r) => { r.labels.pop(); }, 'saved run: labels must be an array of 20 numbers (a label for each of the 20 points of x), got an array of length 19'],
  ['perm one short', (r) => { r.perm.pop(); }, 'saved run: perm must be an array of 20 numbers (a permutation of the 20 points), got an array of length 19'],
  ['more points than the core takes', (r) => { r.x = new Array(2 * 10001).fill(0); }, 'saved run: x must hold at most 10000 points, got 10001'],
  ['rng of 4 words', (r) => { r.rng = r.rng.slice(0, 4); }, /^saved run: rng must be an array of 8 numbers .*got an array of length 4$/],
  ['a parameter as text', (r) => { r.params[3] = '0.5'; }, 'saved run: params[3] must be a number, got "0.5"'],
  ['a parameter null (NaN through JSON)', (r) => { r.params[5] = null; }, 'saved run: params[5] must be a number, got null'],
  ['a NaN parameter', (r) => { r.params[2] = NaN; }, 'saved run: params[2] must be a number from -1000000000000 to 1000000000000, got NaN'],
  ['an infinite m', (r) => { r.m[1] = Infinity; }, 'saved run: m[1] must be a finite number, got Infinity'],
  ['a negative v', (r) => { r.v[0] = -1; }, 'saved run: v[0] must be a finite number >= 0, got -1'],
  ['a coordinate out of range', (r) => { r.x[7] = 1e7; }, 'saved run: x[7] must be a number from -1000000 to 1000000, got 10000000'],
  ['a label out of range', (r) => { r.labels[4] = 4; }, 'saved run: labels[4] must be an integer from 0 to 3, got 4'],
  ['epoch as text', (r) => { r.epoch = '3'; }, 'saved run: epoch must be a number, got "3"'],
  ['negative epoch', (r) => { r.epoch = -1; }, 'saved run: epoch must be an integer from 0 to 2147483647, got -1'],
  ['batch past the last', (r) => { r.batch = 3; }, 'saved run: batch must be an integer from 0 to 2, got 3'],
  ['fractional adam step', (r) => { r.adamSteps = 8.5; }, 'saved run: adamSteps must be an integer from 0 to 2147483647, got 8.5'],
  ['epochLoss as text', (r) => { r.epochLoss = 'low'; }, 'saved run: epochLoss must be a number or null, got "low"'],
  ['diverged as 0', (r) => { r.diverged = 0; }, 'saved run: diverged must be true or false, got 0'],
  ['a generator word past 32 bits', (r) => { r.rng[6] = 4294967296; }, 'saved run: rng[6] must be an integer from 0 to 4294967295, got 4294967296'],
  ['an all-zero generator', (r) => { r.rng.fill(0); }, 'saved run: rng must not be all zero'],
  ['a permutation with a repeat', (r) => { r.perm[1] = r.perm[0]; }, 'saved run: perm must be a permutation of 0..19, perm[1] is a repeat or out of range'],
];

test('each malformed or foreign run is refused with an Error naming the field', async () => {
  const base = await baseRun();
  assert.equal(CASES.length, 38);
  for (const [what, change, message] of CASES) {
    const run = structuredClone(base);
    change(run);
    for (const restore of [createNetwork, restoreNetwork]) {
      await assert.rejects(restore(run), (e) => {
        assert.ok(e instanceof Error);
        if (typeof message === 'string') assert.equal(e.message, message, what);
        else assert.match(e.message, message, what);
        return true;
      }, what);
    }
  }
  await assert.rejects(restoreNetwork({ layers: [2, 4, 4] }), /^Error: saved run: format must be "mlp-explainer-run", got undefined$/);
  await assert.rejects(restoreNetwork(null), /^Error: saved run: format must be "mlp-explainer-run", got null$/);
  await assert.rejects(createNetwork({ ...base, format: undefined }), /^Error: saved run: format must be "mlp-explainer-run", got undefined$/);
  const ok = await createNetwork(structuredClone(base));
  assert.equal(ok.epoch, 3, 'the unbroken run restores');
});

test('1000 refused restores of a 2000-point run leave wasm memory as it was', async () => {
  const { module: M } = await loadCore();
  const big = await createNetwork({ layers: [2, 8, 4], points: 2000, batchSize: 100, optimizer: 'adam' });
  big.step(2);
  const base = viaText(big);
  big.destroy();
  const probe = () => { const p = M._malloc(1 << 16); M._free(p); return p; };
  const bytes = M.HEAP8.buffer.byteLength, at = probe();
  let refused = 0;
  for (let i = 0; i < 1000; i++) {
    const [, change] = CASES[i % CASES.length];
    const run = structuredClone(base);
    change(run);
    let net = null;
    try { net = await createNetwork(run); } catch (e) { refused++; continue; }
    net.destroy(); // a change that happened to leave a valid run
  }
  // 'batch past the last' (3 of 20 batches) is valid here: 26 of the 1000.
  assert.equal(refused, 974);
  assert.equal(M.HEAP8.buffer.byteLength, bytes, 'wasm memory did not grow');
  assert.equal(probe(), at, 'the allocator hands out the same block: nothing was left allocated');
});

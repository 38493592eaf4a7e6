// The playground's Node API: input features, update rules, weight penalties,
// every unit's map, and a run saved and restored bit for bit.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { createNetwork, restoreNetwork, loadCore } = require('../..');

const GRID = { xMin: -2, xMax: 2, yMin: -1.5, yMax: 2.5, width: 12, height: 9 };

function sameBits(a, b) {
  return a.length === b.length && Buffer.compare(Buffer.from(a.buffer, a.byteOffset, a.byteLength),
    Buffer.from(b.buffer, b.byteOffset, b.byteLength)) === 0;
}

// Pixel centres of a grid, row-major as predictGrid and unitGrids place them.
function pixelCentres(g) {
  const pts = [];
  for (let r = 0; r < g.height; r++) {
    for (let c = 0; c < g.width; c++) {
      pts.push(g.xMin + (c + 0.5) * (g.xMax - g.xMin) / g.width, g.yMax - (r + 0.5) * (g.yMax - g.yMin) / g.height);
    }
  }
  return pts;
}

const FEATURE_FN = {
  x1: (a) => a, x2: (a, b) => b, 'x1^2': (a) => a * a, 'x2^2': (a, b) => b * b,
  'x1*x2': (a, b) => a * b, 'sin(x1)': (a) => Math.sin(a), 'sin(x2)': (a, b) => Math.sin(b),
};

test('features fill in layers[0], keep the data 2-D and make the snapshot\'s layer 0', async () => {
  const net = await createNetwork({ features: ['sin(x2)', 'x1', 'x1^2', 'x1*x2'], batchSize: 50 });
  assert.deepEqual(net.layers, [4, 4, 4], 'layers[0] = 4 features');
  assert.deepEqual(net.features, ['x1', 'x1^2', 'x1*x2', 'sin(x2)'], 'in the table\'s order');
  assert.equal(net.inputs, 2);
  assert.equal(net.paramCount, 5 * 4 + 5 * 4);
  const d = net.getData();
  assert.equal(d.x.length, 400, '200 points of (x1, x2)');
  const s = net.stepPhase();
  assert.deepEqual(s.features, ['x1', 'x1^2', 'x1*x2', 'sin(x2)']);
  assert.equal(s.activations[0].length, 4 * 50);
  let worst = 0;
  s.features.forEach((name, j) => {
    for (let q = 0; q < 50; q++) {
      const i = s.batchIndex[q], want = FEATURE_FN[name](d.x[2 * i], d.x[2 * i + 1]);
      worst = Math.max(worst, Math.abs(s.activations[0][j * 50 + q] - want));
    }
  });
  assert.ok(worst <= 2e-16, `layer 0 vs the features in JS: largest difference ${worst}`);
  assert.equal(net.predict([0.5, -1]).length, 4, 'predict takes (x1, x2) points');
  const raw = await createNetwork({});
  assert.equal(raw.features, null);
  assert.equal(raw.snapshot().features, null);
  await assert.rejects(createNetwork({ features: ['x1', 'x2', 'x1^2'], layers: [2, 4, 4] }),
    /^Error: layers\[0\] \(inputs\) must equal the number of features, 3 \(x1, x2, x1\^2\), got 2$/);
});

test('a circle is separable by x1^2 + x2^2 with no hidden layer, not by x1, x2', async () => {
  const x = [], y = [];
  for (let i = 0; i < 200; i++) {
    const a = i * 2.399963, r = i % 2 ? 0.5 + (i % 7) / 28 : 1.5 + (i % 5) / 20;
    x.push(r * Math.cos(a), r * Math.sin(a)); y.push(i % 2);
  }
  const acc = {};
  for (const features of [null, ['x1^2', 'x2^2']]) {
    const net = await createNetwork({ layers: [2, 2], features, dataset: 'none', learningRate: 0.5 });
    net.setData({ x, y });
    net.step(500);
    acc[features ? 'squares' : 'raw'] = net.accuracy();
  }
  assert.equal(acc.squares, 1, `accuracy with x1^2, x2^2: ${acc.squares}`);
  assert.ok(acc.raw < 0.75, `accuracy with x1, x2: ${acc.raw}`);
});

test('momentum and adam: the update changes parameters as their formulas say', async () => {
  const lr = 0.05, b1 = 0.8, b2 = 0.99, eps = 1e-6;
  for (const optimizer of ['momentum', 'adam']) {
    const net = await createNetwork({ optimizer, beta1: b1, beta2: b2, epsilon: eps, learningRate: lr, batchSize: 64 });
    assert.deepEqual([net.optimizer, net.beta1, net.beta2, net.epsilon], [optimizer, b1, b2, eps]);
    net.step(3); // some state to carry: t = 12 updates of 4 batches a epoch
    const { m, v, steps } = net.optimizerState();
    assert.equal(steps, optimizer === 'adam' ? 12 : 0);
    let u;
    do u = net.stepPhase(); while (u.phase !== 'update');
    const g = net.getGrads(), t = steps + 1;
    let worst = 0;
    for (let k = 0; k < g.length; k++) {
      const before = u.params[k] - u.change[k];
      assert.equal(u.change[k], u.params[k] - before, 'change = after - before');
      let want;
      if (optimizer === 'momentum') want = -lr * (b1 * m[k] + g[k]);
      else {
        const mk = b1 * m[k] + (1 - b1) * g[k], vk = b2 * v[k] + (1 - b2) * g[k] * g[k];
        want = -lr * (mk / (1 - b1 ** t)) / (Math.sqrt(vk / (1 - b2 ** t)) + eps);
      }
      worst = Math.max(worst, Math.abs(u.change[k] - want) / Math.max(Math.abs(want), 1e-300));
    }
    assert.ok(worst < 1e-9, `${optimizer}: largest relative difference from the formula ${worst}`);
    assert.equal(u.optimizer, optimizer);
  }
});

test('optimiser settings reach the core: runs differ, a phase cycle equals step(1), setters', async () => {
  const base = { batchSize: 40, learningRate: 0.05, layers: [2, 6, 4], activation: 'tanh' };
  const params = {};
  for (const optimizer of ['sgd', 'momentum', 'adam']) {
    const a = await createNetwork({ ...base, optimizer });
    const b = await createNetwork({ ...base, optimizer });
    a.step(21);
    while (b.epoch < 21) b.stepPhase(); // 21 epochs of 5 batches, 7 phases each
    assert.equal(b.phase.phase, 'update');
    assert.ok(sameBits(a.getParams(), b.getParams()), `${optimizer}: phase cycles = steps`);
    params[optimizer] = a.getParams();
  }
  assert.ok(!sameBits(params.sgd, params.momentum) && !sameBits(params.sgd, params.adam) && !sameBits(params.momentum, params.adam));
  const net = await createNetwork({ ...base, optimizer: 'adam' });
  net.step(2);
  net.setOptimizer('adam', { beta2: 0.9 });
  assert.deepEqual([net.beta1, net.beta2, net.optimizerState().steps], [0.9, 0.9, 10], 'betas alone keep the state');
  net.setOptimizer('momentum');
  const s = net.optimizerState();
  assert.equal(s.steps, 0);
  assert.equal(s.m.filter((x) => x !== 0).length, 0, 'a new rule zeroes m');
  assert.equal(net.optimizer, 'momentum');
  net.step(1);
  assert.ok(net.optimizerState().m.some((x) => x !== 0));
  net.resetOptimizer();
  assert.equal(net.optimizerState().m.filter((x) => x !== 0).length, 0);
});

// The penalty over weights only, in plain JavaScript.
function penalty(net) {
  const p = net.getParams(), lambda = net.regularizationRate;
  let sum = 0;
  for (const e of net.paramLayout()) {
    for (let k = e.W; k < e.b; k++) sum += net.regularization === 'l1' ? Math.abs(p[k]) : p[k] * p[k] / 2;
  }
  return net.regularization === 'none' ? 0 : lambda * sum;
}

test('L1 and L2: regLoss is the plain-JS penalty, loss stays the data loss, the gradient gains it', async () => {
  const plain = await createNetwork({ layers: [2, 5, 4] });
  plain.step(30);
  for (const [regularization, rate] of [['l1', 0.01], ['l2', 0.03]]) {
    const net = await createNetwork({ layers: [2, 5, 4], regularization, regularizationRate: rate });
    assert.deepEqual([net.regularization, net.regularizationRate], [regularization, rate]);
    net.setParams(plain.getParams());
    const want = penalty(net);
    assert.ok(want > 0.01, `penalty ${want}`);
    assert.ok(Math.abs(net.regLoss - want) <= 1e-14 * want, `${regularization}: regLoss ${net.regLoss}, plain JS ${want}`);
    assert.equal(net.loss, plain.loss, 'data loss alone');
    net.stepPhase(); plain.stepPhase(); // forward ... output-error and backward: 6 phases
    for (let i = 0; i < 5; i++) { net.stepPhase(); plain.stepPhase(); }
    const g = net.getGrads(), g0 = plain.getGrads(), p = net.getParams();
    let worst = 0;
    for (const e of net.paramLayout()) {
      for (let k = e.W; k < e.b + e.fanOut; k++) {
        const extra = k >= e.b ? 0 : regularization === 'l1' ? rate * Math.sign(p[k]) : rate * p[k];
        worst = Math.max(worst, Math.abs(g[k] - g0[k] - extra));
      }
    }
    assert.ok(worst < 1e-15, `${regularization}: gradient - data gradient vs penalty gradient: ${worst}`);
    net.step(50); plain.step(50);
    assert.ok(!sameBits(net.getParams(), plain.getParams()));
    plain.setParams(plain.getParams()); // back to the start of an iteration
  }
  const none = await createNetwork({});
  assert.equal(none.regLoss, 0);
  none.setRegularization('l2', 0.5);
  assert.ok(Math.abs(none.regLoss - penalty(none)) <= 1e-14 * none.regLoss && none.regLoss > 0);
  none.setRegularization('l1');
  assert.equal(none.regularizationRate, 0.5, 'the rate is kept when omitted');
});

test('unitGrids equals every unit\'s activations at the same points, from phase snapshots', async () => {
  for (const [features, layers] of [[null, [2, 5, 3, 4]], [['x1', 'x1^2', 'x1*x2', 'sin(x1)', 'sin(x2)'], [5, 6, 4]]]) {
    const net = await createNetwork({ features, layers, activation: 'tanh', dataset: 'quadrants' });
    net.step(40);
    const maps = net.unitGrids(GRID), total = GRID.width * GRID.height;
    const units = layers.reduce((a, b) => a + b, 0);
    assert.equal(net.unitCount, units);
    assert.equal(maps.length, units * total);
    // The same points as training data: a full batch's forward pass is the grid's.
    const probe = await createNetwork({ features, layers, activation: 'tanh', dataset: 'none' });
    probe.setParams(net.getParams());
    probe.setData({ x: pixelCentres(GRID), y: new Int32Array(total) });
    let s;
    do s = probe.stepPhase(); while (s.phase !== 'softmax');
    let u = 0, mismatches = 0;
    layers.forEach((n, l) => {
      for (let j = 0; j < n; j++, u++) {
        for (let q = 0; q < total; q++) mismatches += maps[u * total + q] !== Math.fround(s.activations[l][j * total + q]);
      }
    });
    assert.equal(u, units);
    assert.equal(mismatches, 0, `${features ? 'features' : 'raw inputs'}: units x pixels differing from the activations`);
    // The outputs are predictGrid's, unit-major instead of pixel-major: the
    // maps come from the float64 pass; predictGrid's display path runs in
    // float32 (within 2e-5 of it) except with input features, where it is
    // the float64 pass too.
    const g = net.predictGrid(GRID), K = 4, first = units - K;
    let worst = 0;
    for (let k = 0; k < K; k++) for (let q = 0; q < total; q++) worst = Math.max(worst, Math.abs(maps[(first + k) * total + q] - g[q * K + k]));
    if (features) assert.equal(worst, 0, 'features: the same float64 pass');
    else assert.ok(worst > 0 && worst <= 2e-5, `raw inputs: largest difference from predictGrid ${worst} (float32 path, bound 2e-5)`);
  }
});

test('unitLayout names every unit; unitGrids reuses out and refuses what would not fit', async () => {
  const net = await createNetwork({ features: ['x1', 'x2^2'], layers: [2, 3, 2, 4] });
  assert.deepEqual(net.unitLayout().map((u) => `${u.unit}:${u.layer}.${u.index}=${u.name}`), [
    '0:0.0=x1', '1:0.1=x2^2', '2:1.0=h1.1', '3:1.1=h1.2', '4:1.2=h1.3', '5:2.0=h2.1', '6:2.1=h2.2',
    '7:3.0=class 0', '8:3.1=class 1', '9:3.2=class 2', '10:3.3=class 3']);
  const lin = await createNetwork({ layers: [2, 2], output: 'linear', dataset: 'none' });
  assert.deepEqual(lin.unitLayout().map((u) => u.name), ['x1', 'x2', 'output 0', 'output 1']);
  const out = new Float32Array(11 * 108);
  assert.equal(net.unitGrids(GRID, out), out);
  assert.ok(sameBits(out, net.unitGrids(GRID)));
  assert.throws(() => net.unitGrids(GRID, new Float32Array(5)), /^Error: out must be a Float32Array of width\*height\*11 = 1188 values, got a Float32Array of length 5$/);
  assert.throws(() => net.unitGrids({ ...GRID, width: 2048, height: 2048 }), /^Error: width\*height\*units \(11 units\) must be an integer from 1 to 16777216, got 46137344$/);
  assert.throws(() => net.unitGrids({ ...GRID, xMin: 3 }), /^Error: xMin must be less than xMax, got 3 and 2$/);
  assert.throws(() => net.unitGrids({ ...GRID, yMin: '0' }), /^Error: yMin must be a number, got "0"$/);
  assert.throws(() => net.unitGrids({ ...GRID, height: 0 }), /^Error: height must be an integer from 1 to 4096, got 0$/);
});

const BAD_OPTIONS = [
  [{ features: [] }, /^features must be null or a non-empty array of names from x1, x2, x1\^2, x2\^2, x1\*x2, sin\(x1\), sin\(x2\), got an array of length 0$/],
  [{ features: 'x1' }, /^features must be null or a non-empty array/],
  [{ features: ['x1', 'x3'] }, /^features\[1\] must be one of x1, x2, x1\^2, x2\^2, x1\*x2, sin\(x1\), sin\(x2\), got "x3"$/],
  [{ features: ['x2', 'x2'] }, /^features\[1\] repeats "x2"$/],
  [{ optimizer: 'rmsprop' }, /^optimizer must be one of sgd, momentum, adam, got "rmsprop"$/],
  [{ beta1: 1 }, /^beta1 must be a number from 0 to 0\.999999, got 1$/],
  [{ beta2: '0.9' }, /^beta2 must be a number, got "0\.9"$/],
  [{ beta2: NaN }, /^beta2 must be a number from 0 to 0\.999999, got NaN$/],
  [{ epsilon: 0 }, /^epsilon must be a number above 0 and at most 1, got 0$/],
  [{ regularization: 'l3' }, /^regularization must be one of none, l1, l2, got "l3"$/],
  [{ regularizationRate: 101 }, /^regularizationRate must be a number from 0 to 100, got 101$/],
  [{ regularizationRate: -1 }, /^regularizationRate must be a number from 0 to 100, got -1$/],
];

test('every new option is checked, used or not, with the core\'s own messages', async () => {
  // Unused settings are checked too: betas under sgd, a rate with no penalty.
  for (const [options, pattern] of BAD_OPTIONS) {
    await assert.rejects(createNetwork(options), (e) => pattern.test(e.message), JSON.stringify(options));
  }
  assert.equal(BAD_OPTIONS.length, 12);
  // The same values given to the core directly fail with the same text.
  const { module: M } = await loadCore();
  const net = await createNetwork({});
  const ptr = net._ptr, core = (status) => (status < 0 ? M.UTF8ToString(M._nn_error()) : 'ok');
  const js = (fn) => { try { fn(); return 'ok'; } catch (e) { return e.message; } };
  const pairs = [
    [core(M._nn_set_optimizer(ptr, 2, 1, 0.999, 1e-8)), js(() => net.setOptimizer('adam', { beta1: 1 }))],
    [core(M._nn_set_optimizer(ptr, 2, 0.9, -0.5, 1e-8)), js(() => net.setOptimizer('adam', { beta2: -0.5 }))],
    [core(M._nn_set_optimizer(ptr, 2, 0.9, 0.999, 2)), js(() => net.setOptimizer('adam', { epsilon: 2 }))],
    [core(M._nn_set_regularization(ptr, 2, 100.5)), js(() => net.setRegularization('l2', 100.5))],
  ];
  for (const [c, j] of pairs) {
    assert.notEqual(c, 'ok');
    assert.equal(j, c);
  }
  assert.match(js(() => net.setOptimizer('adam', { beta: 0.9 })), /^unknown setting "beta"; known: beta1, beta2, epsilon$/);
  assert.match(js(() => net.setOptimizer('nesterov')), /^optimizer must be one of sgd, momentum, adam, got "nesterov"$/);
  assert.match(js(() => net.setRegularization('l2', '1')), /^regularizationRate must be a number, got "1"$/);
  assert.deepEqual([net.optimizer, net.beta1, net.beta2, net.epsilon, net.regularization, net.regularizationRate],
    ['sgd', 0.9, 0.999, 1e-8, 'none', 0], 'refused settings leave the network as it was');
});

test('the README\'s playground example runs and prints what its comments say', () => {
  const fs = require('node:fs'), path = require('node:path'), { execFileSync } = require('node:child_process');
  const root = path.join(__dirname, '..', '..');
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  const m = readme.match(/<!-- readme-example-playground[^>]*-->\s*```js\n([\s\S]*?)```/);
  assert.ok(m, 'README has the marked ```js example');
  const expected = m[1].split('\n').filter((l) => l.includes('console.log')).map((l) => l.split('//')[1].trim());
  assert.equal(expected.length, 3);
  const out = execFileSync(process.execPath, ['-e', m[1]], { cwd: root, encoding: 'utf8' }).trim().split('\n');
  assert.equal(out.length, 3, `printed:\n${out.join('\n')}`);
  out.forEach((line, i) => assert.ok(expected[i].startsWith(line), `line ${i + 1}: printed "${line}", README says "${expected[i]}"`));
});

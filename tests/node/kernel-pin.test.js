// Training in wasm is bit-for-bit what it was when the values below were
// captured: the wasm half of tests/c/test_kernel_pin.c (same networks, same
// integer-made parameters and data, same hashes; see there).
//
// A regression pin for work on the dense kernels: any change in the order of
// a float64 operation changes some parameter's last bit, and so the hash. The
// pinned values were captured by running this file with PIN_PRINT=1 on the
// code as it was before the kernels were register-blocked (commit 5e1bd92,
// emcc -O3 -msimd128). The parameter hashes equal the native ones where no
// libm call feeds the weights (every case but the two with sin features,
// where glibc's and musl's sin may differ in the last bit); the loss hashes
// too, here, though log may differ in its last bit between the two.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync, spawnSync } = require('node:child_process');
const { createNetwork } = require('../..');

const ROOT = path.resolve(__dirname, '../..');

const ALL = ['x1', 'x2', 'x1^2', 'x2^2', 'x1*x2', 'sin(x1)', 'sin(x2)'];
const base = { output: 'softmax', batchSize: 0, features: null, optimizer: 'sgd',
  regularization: 'none', regularizationRate: 0, testPoints: 0 };
// tests/c/test_kernel_pin.c lists the same cases: keep them in step.
const CASES = [
  { name: 'sigmoid-2-4-4', layers: [2, 4, 4], activation: 'sigmoid', learningRate: 1.0, points: 200, epochs: 40, seed: 1 },
  { name: 'tanh-2-8-8-8-4', layers: [2, 8, 8, 8, 4], activation: 'tanh', learningRate: 0.3, points: 199, epochs: 40, seed: 2 },
  { name: 'relu-7-64x8-4', layers: [7, 64, 64, 64, 64, 64, 64, 64, 64, 4], activation: 'relu', learningRate: 0.02,
    features: ALL, points: 200, epochs: 4, seed: 3 },
  { name: 'tanh-2-1-3-5-4-momentum', layers: [2, 1, 3, 5, 4], activation: 'tanh', learningRate: 0.1,
    optimizer: 'momentum', points: 7, epochs: 50, seed: 4 },
  { name: 'relu-3-5-3-adam-l2-batch32', layers: [3, 5, 5, 3], activation: 'relu', learningRate: 0.01, batchSize: 32,
    features: ['x1', 'x2', 'x1*x2'], optimizer: 'adam', regularization: 'l2', regularizationRate: 0.001,
    points: 199, testPoints: 31, epochs: 20, seed: 5 },
  { name: 'sigmoid-2-64-64-4-momentum-l1-batch50', layers: [2, 64, 64, 4], activation: 'sigmoid', learningRate: 0.5,
    batchSize: 50, optimizer: 'momentum', regularization: 'l1', regularizationRate: 0.0001, points: 199, epochs: 10, seed: 6 },
  { name: 'tanh-2-4-1-linear', layers: [2, 4, 1], activation: 'tanh', output: 'linear', learningRate: 0.05,
    points: 99, testPoints: 13, epochs: 40, seed: 7 },
  { name: 'relu-2-4-nohidden', layers: [2, 4], activation: 'relu', learningRate: 0.5, points: 7, epochs: 30, seed: 8 },
  { name: 'tanh-7-64-8-4-adam-batch16', layers: [7, 64, 8, 4], activation: 'tanh', learningRate: 0.005, batchSize: 16,
    features: ALL, optimizer: 'adam', points: 199, testPoints: 20, epochs: 6, seed: 9 },
  { name: 'relu-2-5x7-4', layers: [2, 5, 5, 5, 5, 5, 5, 5, 4], activation: 'relu', learningRate: 0.05,
    points: 199, epochs: 40, seed: 10 },
  { name: 'sigmoid-4-3-5-2-linear-batch8', layers: [4, 3, 5, 2], activation: 'sigmoid', output: 'linear',
    learningRate: 0.2, batchSize: 8, features: ['x1', 'x2', 'x1^2', 'x2^2'], regularization: 'l2',
    regularizationRate: 0.01, points: 57, epochs: 15, seed: 11 },
  { name: 'relu-2-64x3-4-batch64', layers: [2, 64, 64, 64, 4], activation: 'relu', learningRate: 0.05, batchSize: 64,
    points: 500, epochs: 3, seed: 12 },
].map((c) => ({ ...base, ...c }));

// Captured values [parameter hash, loss hash, accuracy], one per case, in order.
const PINS = [
  ['0xc02fd05f8054a1a6', '0x5e278b82a3b1c22b', 0.945], // sigmoid-2-4-4: loss 0.5268846419623638
  ['0x5c3bc66a65c2e7da', '0xe7e586985ee2537e', 0.9849246231155779], // tanh-2-8-8-8-4: loss 0.2051007239422104
  ['0xabee1ed967fc2d4c', '0xa8956aaf81264965', 0.715], // relu-7-64x8-4: loss 1.0534973948557322
  ['0x4f6f0df7c81bb584', '0x8fa8e8ffa9487f16', 1], // tanh-2-1-3-5-4-momentum: loss 0.09402442008984067
  ['0xcf94b46a54a3c517', '0x262888f6b0ac6e85', 0.9296482412060302], // relu-3-5-3-adam-l2-batch32: loss 0.22490841542581622
  ['0x29b3a48097cb7855', '0xb9705506e7c07db0', 0.9447236180904522], // sigmoid-2-64-64-4-momentum-l1-batch50: loss 0.05909509104843898
  ['0xd5220ea59dbb4970', '0x54aed53cd57d54ae', null], // tanh-2-4-1-linear: loss 0.05874346421027737
  ['0x1cfc647054345932', '0xb122bc64b1dcc95a', 1], // relu-2-4-nohidden: loss 0.2410267952688998
  ['0xdd3ca5065adf2d70', '0xfd173b0e7e90fded', 0.9899497487437185], // tanh-7-64-8-4-adam-batch16: loss 0.15336872718296152
  ['0x89d122663a39a654', '0x80d6ae5b656dc62d', 0.48743718592964824], // relu-2-5x7-4: loss 0.9921061019738675
  ['0x1589ac3d7c054a99', '0x232287d76ab5f2df', null], // sigmoid-4-3-5-2-linear-batch8: loss 0.2097558328230358
  ['0x22ffb1ec87fe0ddd', '0xf094b1b68ace7d06', 0.974], // relu-2-64x3-4-batch64: loss 0.16973825574398502
];

// The C test's 32-bit LCG and its uniform value in [-1, 1].
function lcg(seed) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return (((s >>> 8) % 2001) - 1000) / 1000;
  };
}

function points(c, n, isTest) {
  const K = c.layers[c.layers.length - 1];
  const u = lcg((Math.imul(c.seed, 40503) + (isTest ? 7 : 3)) >>> 0);
  const x = new Float64Array(2 * n), y = new Int32Array(n), t = new Float64Array(n * K);
  for (let q = 0; q < n; q++) {
    const x1 = 2 * u(), x2 = 2 * u();
    x[2 * q] = x1;
    x[2 * q + 1] = x2;
    y[q] = ((x1 > 0 ? 1 : 0) + 2 * (x2 > 0 ? 1 : 0)) % K;
    for (let k = 0; k < K; k++) t[q * K + k] = k % 2 ? (x1 - x2) / 4 : x1 * x2 / 4;
  }
  return { x, y: c.output === 'linear' ? t : y };
}

function params(net, c) {
  const p = new Float64Array(net.getParams().length);
  const u = lcg((Math.imul(c.seed, 2654435761) + 1) >>> 0);
  for (const { layer, fanIn, W } of net.paramLayout()) {
    const end = layer < c.layers.length - 1 ? net.paramLayout()[layer].W : p.length;
    const scale = (c.activation === 'relu' ? 2.5 : 1.5) / Math.sqrt(fanIn);
    for (let k = W; k < end; k++) p[k] = u() * scale;
  }
  return p;
}

function fnv1a(h, values) {
  const bytes = new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  for (const b of bytes) h = BigInt.asUintN(64, (h ^ BigInt(b)) * 0x100000001b3n);
  return h;
}
const hex = (h) => '0x' + h.toString(16).padStart(16, '0');

async function run(c) {
  const { name, points: n, testPoints, epochs, seed, ...options } = c;
  const net = await createNetwork({ ...options, dataset: 'none' });
  try {
    net.setData(points(c, n, false));
    if (testPoints) net.setData(points(c, testPoints, true), 'test');
    net.setParams(params(net, c));
    const losses = new Float64Array(epochs), testLosses = new Float64Array(epochs);
    net.step(epochs, losses, testLosses);
    assert.equal(net.diverged, false, `${name} diverged after ${epochs} epochs`);
    const basis = 0xcbf29ce484222325n;
    return { params: hex(fnv1a(basis, net.getParams())), losses: hex(fnv1a(fnv1a(basis, losses), testLosses)),
      accuracy: net.accuracy(), last: losses[epochs - 1] };
  } finally {
    net.destroy();
  }
}

// src/simd2.h has three paths (wasm simd128, SSE2, plain C); make test-c and
// this file's wasm runs cover the first two. The plain one, built natively
// with SIMD2_PORTABLE, must give the same pinned bits and grids.
function runPortable(suite) {
  const exe = path.join(ROOT, 'build', `${suite}_portable`);
  fs.mkdirSync(path.dirname(exe), { recursive: true });
  const core = fs.readdirSync(path.join(ROOT, 'src')).filter((f) => f.endsWith('.c') && !f.startsWith('wasm_')) // wasm_api.c, wasm_trig.c: the wasm's only
    .map((f) => `src/${f}`);
  execFileSync(process.env.CC || 'cc', ['-std=c99', '-O2', '-DSIMD2_PORTABLE', '-DMLP_TEST_HOOKS', '-Isrc', `tests/c/${suite}.c`, ...core,
    '-o', exe, '-lm'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  return spawnSync(exe, { cwd: ROOT, encoding: 'utf8' });
}

for (const suite of ['test_kernel_pin', 'test_grid_f32']) {
  test(`${suite} passes on simd2.h's plain C path (SIMD2_PORTABLE)`, () => {
    const run = runPortable(suite);
    const last = run.stdout.trim().split('\n').pop();
    const m = last.match(/^(\d+) passed, (\d+) failed$/);
    assert.ok(m, `closing line "${last}"`);
    assert.equal(Number(m[2]), 0, run.stdout.split('\n').filter((l) => /FAIL/.test(l)).slice(0, 10).join('\n'));
    assert.ok(Number(m[1]) >= 50, `${m[1]} checks ran`);
  });
}

if (process.env.PIN_PRINT === '1') {
  test('print the values to pin', async () => {
    for (const c of CASES) {
      const r = await run(c);
      console.log(`  ['${r.params}', '${r.losses}', ${r.accuracy}], // ${c.name}: loss ${r.last}`);
    }
  });
} else {
  test(`${PINS.length} pinned values for ${CASES.length} cases`, () => {
    assert.equal(PINS.length, CASES.length);
  });
  CASES.forEach((c, i) => {
    test(`${c.name}: ${c.epochs} epochs give the pinned parameters, losses and accuracy, bit for bit`, async () => {
      const r = await run(c);
      const [params, losses, accuracy] = PINS[i];
      assert.equal(r.params, params, `${c.name}: parameter hash ${r.params}, pinned ${params}`);
      assert.equal(r.losses, losses, `${c.name}: loss hash ${r.losses}, pinned ${losses} (last loss ${r.last})`);
      assert.ok(Object.is(r.accuracy, accuracy), `${c.name}: accuracy ${r.accuracy}, pinned ${accuracy}`);
    });
  });
}

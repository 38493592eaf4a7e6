// The wrapper's promises under hostile input, one test per way they were once broken (B to I)
// (A is tests/node/host-process.test.js, H is in api.test.js), each as a
// regression test, and the scratch memory a big call leaves behind.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { execFileSync } = require('node:child_process');
const path = require('node:path');
const { createNetwork, loadCore, FLOAT32_MAX, STEP_BUDGET, SCRATCH_KEEP_BYTES, DEFAULTS } = require('../..');

const GRID = { xMin: -2, xMax: 2, yMin: -2, yMax: 2, width: 8, height: 8 };
const MAX_GRID = { ...GRID, width: 2048, height: 2048 }; // width*height at its limit, 4194304

// The Error a call throws (or its promise rejects with), checked to be an Error.
async function errorOf(action) {
  let error = null;
  try { await action(); } catch (e) { error = e; }
  assert.ok(error instanceof Error, `expected an Error, got ${typeof error} ${String(error && error.message)}`);
  return error;
}

test('B: 16 max-size grids on 8-class networks: each succeeds or throws "out of memory"; every network stays usable and destroys once', async () => {
  const nets = [];
  for (let i = 0; i < 16; i++) nets.push(await createNetwork({ layers: [2, 8, 8], dataset: 'gauss', classes: 8, points: 100 }));
  let drawn = 0;
  const out = new Float32Array(4194304 * 8);
  for (const net of nets) {
    try {
      assert.equal(net.predictGrid(MAX_GRID, out).length, 4194304 * 8);
      drawn++;
    } catch (e) {
      assert.match(e.message, /^out of memory: grid needs 134217728 bytes/);
    }
    assert.equal(net.predictGrid(GRID).length, 8 * 8 * 8);
  }
  // The grid buffer (128 MiB) is freed after each call, so all 16 fit.
  assert.equal(drawn, 16);
  for (const net of nets) {
    assert.equal(net.step(1).epoch, 1);
    net.destroy();
    net.destroy(); // a second destroy does nothing
    assert.throws(() => net.epoch, /^Error: this network was destroyed: create a new one$/);
    assert.throws(() => net.setParams(new Float64Array(d8Params())), /this network was destroyed/);
  }
});

function d8Params() { return (2 + 1) * 8 + (8 + 1) * 8; }

test('B: a grid, a unit map and a predict that run out of wasm memory leave the network usable and destroyable', async () => {
  const M = (await loadCore()).module;
  const net = await createNetwork({ layers: [2, 8, 8], dataset: 'gauss', classes: 8, points: 100 });
  const malloc = M._malloc;
  M._malloc = (n) => (n > 1 << 20 ? 0 : malloc(n)); // every block above 1 MiB fails
  try {
    assert.match((await errorOf(() => net.predictGrid(MAX_GRID))).message, /^out of memory: grid needs 134217728 bytes of wasm memory$/);
    assert.match((await errorOf(() => net.unitGrids({ ...GRID, width: 512, height: 512 }))).message, /^out of memory: units needs 18874368 bytes/);
    assert.match((await errorOf(() => net.predict(new Float64Array(2 * 20000)))).message, /^out of memory: predict needs 1280000 bytes of wasm memory for 20000 points$/);
    assert.equal(net.predictGrid(GRID).length, 512);
    assert.equal(net.step(2).epoch, 2);
  } finally {
    M._malloc = malloc;
  }
  net.destroy();
  assert.throws(() => net.predictGrid(GRID), /this network was destroyed/);
});

test('B: destroy frees every block even when one free throws, and the network is destroyed', async () => {
  const M = (await loadCore()).module;
  const net = await createNetwork({});
  net.predictGrid(GRID); // keeps a 1 KiB grid buffer
  net.confusion(); // and a confusion buffer
  net.step(3, new Float64Array(3)); // and a losses buffer
  const free = M._free;
  let calls = 0;
  M._free = (p) => { calls++; if (calls === 1) throw new Error('free failed'); return free(p); };
  try {
    assert.match((await errorOf(() => net.destroy())).message, /^destroy: freeing wasm memory failed \(free failed\); the network is destroyed$/);
  } finally {
    M._free = free;
  }
  assert.equal(calls, 3, 'the grid, confusion and losses buffers');
  net.destroy(); // no-op
  assert.throws(() => net.getParams(), /this network was destroyed/);
  assert.throws(() => net.activations(99), /this network was destroyed/, 'liveness is checked before the arguments');
});

test('C: a linear output beyond float32 is clamped to +-3.4028234663852886e38 in grids, never Infinity, while not diverged', async () => {
  const net = await createNetwork({ layers: [2, 64, 64, 64, 1], output: 'linear', activation: 'relu', learningRate: 0.001, dataset: 'none' });
  const x = [], y = [];
  for (let i = 0; i < 50; i++) { x.push(i % 2 ? 1e6 : -1e6, i % 3 ? 1e6 : -1e6); y.push(i % 2 ? 1e6 : -1e6); }
  net.setData({ x, y });
  assert.equal(net.step(1).diverged, false);
  const G = { xMin: -1e6, xMax: 1e6, yMin: -1e6, yMax: 1e6, width: 16, height: 16 };
  const g = net.predictGrid(G);
  let clamped = 0;
  for (const v of g) { assert.ok(Number.isFinite(v), `grid value ${v}`); clamped += Math.abs(v) === FLOAT32_MAX; }
  assert.equal(clamped, 256, 'every pixel is beyond float32 here');
  const p = net.predict([-1e6, 1e6]);
  assert.ok(Number.isFinite(p[0]) && Math.abs(p[0]) > 1e40, `predict keeps float64's value ${p[0]}`);
  const u = net.unitGrids(G);
  assert.equal(u.length, (2 + 64 * 3 + 1) * 256);
  for (const v of u) assert.ok(Number.isFinite(v), `unit value ${v}`);
  assert.equal(FLOAT32_MAX, 3.4028234663852886e38);
  assert.equal(Math.fround(FLOAT32_MAX), FLOAT32_MAX);
});

test('C: parameters at 1e9 on a linear network: grids clamped, predict finite, no NaN', async () => {
  const net = await createNetwork({ layers: [2, 64, 64, 64, 1], output: 'linear', activation: 'linear', dataset: 'none' });
  net.setParams(new Float64Array(net.paramCount).fill(1e9));
  const g = net.predictGrid({ xMin: -1e6, xMax: 1e6, yMin: -1e6, yMax: 1e6, width: 4, height: 4 });
  assert.deepEqual(Array.from(g).map(Math.abs), new Array(16).fill(FLOAT32_MAX));
  const p = net.predict([1e6, 1e6]);
  assert.ok(Number.isFinite(p[0]) && p[0] > 1e47, `predict ${p[0]}`);
});

test('D: a Proxy whose length changes after the first read sets exactly 32 parameters and breaks nothing', async () => {
  const net = await createNetwork({});
  let lengthReads = 0;
  const p = new Proxy(new Array(32).fill(0.5), {
    get(t, k) { if (k === 'length') return lengthReads++ === 0 ? 32 : 1e6; return Reflect.get(t, k); },
  });
  net.setParams(p);
  assert.equal(lengthReads, 1);
  assert.deepEqual(Array.from(net.getParams()), new Array(32).fill(0.5));
  const huge = new Proxy([], { get(t, k) { return k === 'length' ? 1e9 : 0; } });
  assert.match((await errorOf(() => net.setParams(huge))).message, /^params must be a Float64Array of 32 values, got an array of length 1000000000$/);
  assert.match((await errorOf(() => net.predict(huge))).message, /^points must hold n\*2 numbers/);
  // The module is intact: a new network trains as one in a fresh process does.
  assert.equal(await fingerprint(), fresh());
});

test('E: an element whose valueOf destroys the network or grows memory is refused, and valueOf never runs', async () => {
  const M = (await loadCore()).module;
  const net = await createNetwork({});
  let ran = 0;
  const destroyer = { valueOf() { ran++; net.destroy(); return 0; } };
  assert.match((await errorOf(() => net.predict([destroyer, 0]))).message, /^points\[0\] must be a number, got an object$/);
  const params = new Array(32).fill(0.25);
  params[5] = { valueOf() { ran++; M._malloc(64 << 20); return 1; } };
  assert.match((await errorOf(() => net.setParams(params))).message, /^params\[5\] must be a number, got an object$/);
  assert.equal(ran, 0);
  assert.equal(net.epoch, 0, 'still alive');
  // A Proxy's trap (code that does run, while the array is read) destroying the network mid-read:
  const trap = new Proxy([0, 0], { get(t, k) { if (k === '1') net.destroy(); return Reflect.get(t, k); } });
  assert.match((await errorOf(() => net.predict(trap))).message, /^this network was destroyed/);
  // One that grows wasm memory mid-read: every value still arrives.
  const other = await createNetwork({});
  const heap = M.HEAPU8.length;
  const grow = new Proxy(new Array(32).fill(0.125), {
    get(t, k) { if (k === '7') M._free(M._malloc(heap)); return Reflect.get(t, k); },
  });
  other.setParams(grow);
  assert.ok(M.HEAPU8.length > heap, `memory grew from ${heap} to ${M.HEAPU8.length}`);
  assert.deepEqual(Array.from(other.getParams()), new Array(32).fill(0.125));
});

test('F: every error is an Error naming a field, whatever the value (throwing toString, Symbol, BigInt, null prototype, revoked Proxy)', async () => {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  const hostile = [
    ['throwing toString', { toString() { throw 42; } }], ['Symbol', Symbol('s')], ['BigInt', 10n],
    ['null prototype', Object.create(null)], ['revoked Proxy', proxy],
  ];
  const net = await createNetwork({});
  let checked = 0;
  for (const [what, v] of hostile) {
    for (const [field, call] of [
      ['activation', () => createNetwork({ activation: v })], ['learningRate', () => createNetwork({ learningRate: v })],
      ['layers', () => createNetwork({ layers: v })], ['params', () => net.setParams(v)], ['points', () => net.predict(v)],
      ['learningRate', () => { net.learningRate = v; }], ['epochs', () => net.step(v)], ['x', () => net.addPoint(v, 0, 0)],
      ['options', () => net.generateData(v)], ['createNetwork|options', () => createNetwork(v)],
      ['grid|xMin|predictGrid', () => net.predictGrid(v)], ['which', () => net.accuracy(v)],
    ]) {
      if (what === 'null prototype' && field.endsWith('options')) { // an empty options object: valid
        const made = await call();
        if (made && made.destroy) made.destroy();
        continue;
      }
      const e = await errorOf(call);
      // The field by name, or the option's own name when the value is an unknown option.
      assert.match(e.message, new RegExp(`^(${field})\\b|^unknown option "`), `${what} as ${field}: ${e.message}`);
      checked++;
    }
  }
  assert.equal(checked, 58);
  assert.equal(net.epoch, 0);
});

test('F: describe names any value in a few words and never runs its code', async () => {
  const { describe } = await import('../../web/js/core/limits.js'); // the page's module, as built by make
  const { proxy, revoke } = Proxy.revocable([], {});
  revoke();
  let ran = 0;
  const cases = [
    [{ toString() { ran++; throw 42; }, valueOf() { ran++; return 1; } }, 'an object'], [Symbol('s'), 'a Symbol'],
    [10n, '10n (a BigInt)'], [Object.create(null), 'an object'], [proxy, 'an unreadable value'],
    [new Float32Array(3), 'a Float32Array of length 3'], [[1, 2], 'an array of length 2'], ['x'.repeat(50), `"${'x'.repeat(40)}…"`],
    [NaN, 'NaN'], [null, 'null'], [undefined, 'undefined'], [() => 1, 'a function'], [new Date(0), 'an object'],
  ];
  for (const [v, want] of cases) assert.equal(describe(v), want);
  assert.equal(ran, 0);
  assert.equal(cases.length, 13);
});

test('G: no silent coercion: null, true, "1", [1] and valueOf objects are refused as numbers', async () => {
  const net = await createNetwork({});
  assert.match((await errorOf(() => net.setParams(Array(32).fill(null)))).message, /^params\[0\] must be a number, got null$/);
  const lin = await createNetwork({ layers: [2, 4, 1], output: 'linear', dataset: 'none' });
  let refused = 0;
  for (const bad of [null, true, '1', [1], { valueOf: () => 1 }]) {
    const p = new Array(32).fill(0); p[3] = bad;
    assert.match((await errorOf(() => net.setParams(p))).message, /^params\[3\] must be a number, got /);
    assert.match((await errorOf(() => net.predict([0, bad]))).message, /^points\[1\] must be a number, got /);
    assert.match((await errorOf(() => net.setData({ x: [bad, 0], y: [0] }))).message, /^x\[0\] must be a number, got /);
    assert.match((await errorOf(() => net.setData({ x: [0, 0], y: [bad] }))).message, /^y\[0\] must be a (number|class from 0 to 3), got /);
    assert.match((await errorOf(() => net.addPoint(bad, 0, 0))).message, /^x must be a number, got /);
    assert.match((await errorOf(() => net.addPoint(0, 0, bad))).message, /^label must be a class from 0 to 3, got /);
    assert.match((await errorOf(() => lin.addPoint(0, 0, [bad]))).message, /^target\[0\] must be a number, got /);
    refused += 7;
  }
  assert.equal(refused, 35);
  assert.equal(net.pointCount, 200);
  assert.equal(lin.pointCount, 0);
});

test('G: options only from a plain object\'s own enumerable keys, every one checked', async () => {
  const own = JSON.parse('{"__proto__": {"learningRate": 5}}');
  assert.equal(Object.keys(own).length, 1);
  assert.match((await errorOf(() => createNetwork(own))).message, /^unknown option "__proto__"; known: layers, /);
  assert.match((await errorOf(() => createNetwork(new Date(0)))).message, /^options must be a plain object, got an object$/);
  assert.match((await errorOf(() => createNetwork([]))).message, /^options must be a plain object, got an array of length 0$/);
  assert.match((await errorOf(() => createNetwork({ dataset: 'none', noise: NaN }))).message, /^noise must be a number from 0 to 10, got NaN$/);
  // Inherited keys do not count; a null-prototype object is accepted.
  const inherited = Object.create({ learningRate: 'not a number' });
  assert.equal((await createNetwork(Object.assign(Object.create(null), { seed: 2 }))).learningRate, 1);
  assert.match((await errorOf(() => createNetwork(inherited))).message, /^options must be a plain object/);
  const net = await createNetwork({});
  assert.match((await errorOf(() => net.generateData(JSON.parse('{"__proto__": 1}')))).message, /^unknown option "__proto__"/);
  assert.match((await errorOf(() => net.setOptimizer('adam', JSON.parse('{"__proto__": 1}')))).message, /^unknown setting "__proto__"/);
  assert.equal(DEFAULTS.learningRate, 1);
});

test('I: one step call is bounded by STEP_BUDGET, the message names epochs and the bound, and the largest allowed call ends', async () => {
  assert.equal(STEP_BUDGET, 5e8);
  const big = await createNetwork({ layers: [2, 64, 64, 64, 64, 64, 64, 64, 64, 8], dataset: 'gauss', classes: 8, points: 10000 });
  assert.equal(big.paramCount, 29832);
  const perEpoch = 10000 * (29832 + 64);
  const most = Math.floor(STEP_BUDGET / perEpoch);
  assert.equal(most, 1);
  const t0 = Date.now();
  const e = await errorOf(() => big.step(1000000));
  assert.ok(Date.now() - t0 < 100, 'refused at once');
  assert.equal(e.message, 'epochs must be at most 1 in one step call for this network (29832 parameters, 10000 points: ' +
    'epochs * points * (parameters + 64) <= 500000000, about a second); call step in chunks, got 1000000');
  assert.equal(big.epoch, 0);
  const t1 = Date.now();
  assert.equal(big.step(most).epoch, 1);
  assert.ok(Date.now() - t1 < 5000, `the largest call took ${Date.now() - t1} ms`);
  // The default network: 26041 epochs in one call, 26042 refused; chunks go on.
  const net = await createNetwork({});
  assert.match((await errorOf(() => net.step(26042))).message, /^epochs must be at most 26041 in one step call/);
  for (let i = 0; i < 3; i++) net.step(1000);
  assert.equal(net.epoch, 3000);
});

test('memory: one max-size grid does not keep 128 MiB of wasm heap; small grids keep their buffer', async () => {
  const M = (await loadCore()).module;
  const net = await createNetwork({ layers: [2, 8, 8], dataset: 'none' });
  net.predictGrid(MAX_GRID);
  assert.equal(net._scratch.grid, undefined, 'the 128 MiB grid buffer is freed');
  // The freed 128 MiB can be reused: a 120 MiB block fits without growing memory.
  const heap = M.HEAPU8.length;
  const probe = M._malloc(120 << 20);
  assert.ok(probe !== 0, 'malloc probe');
  assert.equal(M.HEAPU8.length, heap, 'no growth');
  M._free(probe);
  net.predictGrid({ ...GRID, width: 64, height: 64 });
  const kept = net._scratch.grid;
  assert.equal(kept.bytes, 64 * 64 * 8 * 4);
  assert.ok(kept.bytes <= SCRATCH_KEEP_BYTES);
  net.predictGrid({ ...GRID, width: 64, height: 64 });
  assert.equal(net._scratch.grid.ptr, kept.ptr, 'reused, nothing allocated');
  net.unitGrids({ ...GRID, width: 512, height: 512 }); // 18 units * 1 MiB
  assert.equal(net._scratch.units, undefined);
});

// Parameters after 100 epochs of a fixed network, as hex: here and in a fresh process.
async function fingerprint() {
  const net = await createNetwork({ layers: [2, 6, 4], activation: 'tanh', seed: 11, learningRate: 0.5 });
  net.step(100);
  const p = net.getParams();
  net.destroy();
  return Buffer.from(p.buffer).toString('hex');
}

function fresh() {
  const root = path.join(__dirname, '..', '..');
  return execFileSync(process.execPath, ['-e', `
    require(${JSON.stringify(root)}).createNetwork({ layers: [2, 6, 4], activation: 'tanh', seed: 11, learningRate: 0.5 }).then((net) => {
      net.step(100);
      process.stdout.write(Buffer.from(net.getParams().buffer).toString('hex'));
    });`], { encoding: 'utf8' });
}

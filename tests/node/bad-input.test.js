// Every invalid argument throws an Error naming the field and the allowed
// range, and leaves the module as usable as a fresh one.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { execFileSync } = require('node:child_process');
const path = require('node:path');
const { createNetwork } = require('../..');

// [what, action, message pattern]: the pattern names the field and the range.
function cases(net) {
  const GRID = { xMin: -2, xMax: 2, yMin: -2, yMax: 2, width: 8, height: 8 };
  return [
    ['unknown activation', () => createNetwork({ activation: 'softplus' }), /activation must be one of sigmoid, tanh, relu, linear, got "softplus"/],
    ['0 hidden units', () => createNetwork({ layers: [2, 0, 4] }), /layers\[1\] \(hidden units\) must be an integer from 1 to 64, got 0/],
    ['100000 hidden units', () => createNetwork({ layers: [2, 100000, 4] }), /layers\[1\] \(hidden units\) must be an integer from 1 to 64, got 100000/],
    ['9 classes', () => createNetwork({ layers: [2, 4, 9], dataset: 'none' }), /layers\[2\] \(classes\) must be an integer from 2 to 8, got 9/],
    ['9 hidden layers', () => createNetwork({ layers: [2, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4] }), /layers must be an array of 2 to 10 sizes/],
    ['layers not an array', () => createNetwork({ layers: '2,4,4' }), /layers must be an array of 2 to 10 sizes/],
    ['unknown option', () => createNetwork({ learningrate: 1 }), /unknown option "learningrate"/],
    ['NaN learning rate', () => createNetwork({ learningRate: NaN }), /learningRate must be a number above 0 and at most 1000000, got NaN/],
    ['negative learning rate', () => createNetwork({ learningRate: -0.1 }), /learningRate must be a number above 0 and at most 1000000, got -0\.1/],
    ['string learning rate', () => createNetwork({ learningRate: '0.1' }), /learningRate must be a number, got "0\.1"/],
    ['negative points', () => createNetwork({ points: -5 }), /points must be an integer from 1 to 10000, got -5/],
    ['too many points', () => createNetwork({ points: 10001 }), /points must be an integer from 1 to 10000, got 10001/],
    ['negative noise', () => createNetwork({ noise: -1 }), /noise must be a number from 0 to 10, got -1/],
    ['seed out of range', () => createNetwork({ seed: -1 }), /seed must be an integer from 0 to 4294967295, got -1/],
    ['quadrants on 3 classes', () => createNetwork({ layers: [2, 4, 3] }), /dataset 'quadrants' needs layers \[2, \.\.\., 4\]/],
    ['batch size', () => createNetwork({ batchSize: 1.5 }), /batchSize must be an integer from 0 to 10000, got 1\.5/],
    ['setData mismatched lengths', () => net.setData({ x: new Float64Array(10), y: new Int32Array(4) }), /y must hold 5 labels to match x, got a Int32Array of length 4/],
    ['setData odd x length', () => net.setData({ x: new Float64Array(7), y: new Int32Array(3) }), /x must hold n\*2 numbers/],
    ['setData label >= K', () => net.setData({ x: new Float64Array(4), y: Int32Array.from([0, 4]) }), /y\[1\] must be a class from 0 to 3, got 4/],
    ['setData negative label', () => net.setData({ x: new Float64Array(4), y: [0, -1] }), /y\[1\] must be a class from 0 to 3, got -1/],
    ['setData NaN x', () => net.setData({ x: Float64Array.from([0, NaN]), y: [0] }), /x\[1\] must be a number from -1000000 to 1000000, got NaN/],
    ['0x0 grid', () => net.predictGrid({ ...GRID, width: 0, height: 0 }), /width must be an integer from 1 to 4096, got 0/],
    ['100000x100000 grid', () => net.predictGrid({ ...GRID, width: 100000, height: 100000 }), /width must be an integer from 1 to 4096, got 100000/],
    ['4096x4096 grid', () => net.predictGrid({ ...GRID, width: 4096, height: 4096 }), /width\*height must be an integer from 1 to 4194304, got 16777216/],
    ['reversed grid bounds', () => net.predictGrid({ ...GRID, xMin: 2, xMax: -2 }), /xMin must be less than xMax, got 2 and -2/],
    ['NaN grid bound', () => net.predictGrid({ ...GRID, yMax: NaN }), /yMax must be a number from -1000000 to 1000000, got NaN/],
    ['grid far beyond the data range', () => net.predictGrid({ ...GRID, xMin: -1e308, xMax: 1e308 }), /xMin must be a number from -1000000 to 1000000, got -1e\+308/],
    ['predict far beyond the data range', () => net.predict([2e6, 0]), /points\[0\] must be a number from -1000000 to 1000000, got 2000000/],
    ['layerGrads layer', () => net.layerGrads(0), /layer must be an integer from 1 to 2, got 0/],
    ['points with no dataset', () => createNetwork({ dataset: 'none', points: -5 }), /points must be an integer from 1 to 10000, got -5/],
    ['wrong grid out array', () => net.predictGrid(GRID, new Float32Array(3)), /out must be a Float32Array of width\*height\*4 = 256 values/],
    ['params of the wrong length', () => net.setParams(new Float64Array(5)), /params must hold exactly 32 values, got 5/],
    ['NaN param', () => net.setParams(new Float64Array(32).fill(NaN)), /params\[0\] must be a number from -1000000000000 to 1000000000000, got NaN/],
    ['step 0 epochs', () => net.step(0), /epochs must be an integer from 1 to 1000000, got 0/],
    ['step NaN epochs', () => net.step(NaN), /epochs must be an integer from 1 to 1000000, got NaN/],
    ['predict odd length', () => net.predict([1, 2, 3]), /points must hold n\*2 numbers/],
    ['predict NaN', () => net.predict([1, NaN]), /points\[1\] must be a number from -1000000 to 1000000, got NaN/],
    ['learning rate setter', () => { net.learningRate = Infinity; }, /learningRate must be a number above 0 and at most 1000000, got Infinity/],
    ['activations layer', () => net.activations(7), /layer must be an integer from 0 to 2, got 7/],
  ];
}

async function expectError(action, pattern) {
  let error = null;
  try {
    await action();
  } catch (e) {
    error = e;
  }
  assert.ok(error instanceof Error, `expected an Error matching ${pattern}`);
  assert.match(error.message, pattern);
}

test('every invalid argument throws an Error naming the field and range', async () => {
  const net = await createNetwork({});
  const params = net.getParams();
  const list = cases(net);
  assert.equal(list.length, 39);
  for (const [what, action, pattern] of list) {
    await expectError(action, pattern).catch((e) => { e.message = `${what}: ${e.message}`; throw e; });
  }
  // None of them touched the network.
  assert.deepEqual(net.getParams(), params);
  assert.equal(net.epoch, 0);
  assert.equal(net.pointCount, 200);
});

test('every call after destroy throws', async () => {
  const net = await createNetwork({});
  net.destroy();
  const calls = [() => net.step(1), () => net.loss, () => net.layers, () => net.outputs, () => net.epoch, () => net.accuracy(), () => net.getParams(),
    () => net.setParams(new Float64Array(32)), () => net.getData(), () => net.stepPhase(),
    () => net.predict([0, 0]), () => net.predictGrid({ xMin: 0, xMax: 1, yMin: 0, yMax: 1, width: 1, height: 1 })];
  for (const call of calls) await expectError(call, /this network was destroyed: create a new one/);
  net.destroy(); // a second destroy is harmless
});

// Parameters after 100 epochs of a fixed network, as hex, computed in-process.
async function fingerprint() {
  const net = await createNetwork({ layers: [2, 6, 4], activation: 'tanh', seed: 11, learningRate: 0.5 });
  net.step(100);
  const p = net.getParams();
  net.destroy();
  return Buffer.from(p.buffer).toString('hex');
}

test('a network created after 1000 invalid calls behaves as one in a fresh process', async () => {
  const net = await createNetwork({});
  const list = cases(net);
  for (let i = 0; i < 1000; i++) {
    const [, action] = list[i % list.length];
    try { await action(); } catch (e) { /* expected */ }
  }
  net.destroy();
  const here = await fingerprint();
  const root = path.join(__dirname, '..', '..');
  const fresh = execFileSync(process.execPath, ['-e', `
    const { createNetwork } = require(${JSON.stringify(root)});
    createNetwork({ layers: [2, 6, 4], activation: 'tanh', seed: 11, learningRate: 0.5 }).then((net) => {
      net.step(100);
      process.stdout.write(Buffer.from(net.getParams().buffer).toString('hex'));
    });`], { encoding: 'utf8' });
  assert.equal(fresh.length, 2 * 8 * ((2 + 1) * 6 + (6 + 1) * 4));
  assert.equal(here, fresh);
});

test('a diverging run is reported, keeps finite parameters and stops updating', async () => {
  const net = await createNetwork({ activation: 'relu', learningRate: 1e6, layers: [2, 8, 8, 4] });
  let r;
  for (let i = 0; i < 100 && !(r = net.step(1)).diverged; i++);
  assert.equal(r.diverged, true);
  assert.equal(net.diverged, true);
  assert.ok(Number.isFinite(r.loss), `loss ${r.loss}`);
  const p = net.getParams();
  for (const v of p) assert.ok(Number.isFinite(v) && Math.abs(v) <= 1e12, `param ${v}`);
  const epoch = net.epoch;
  assert.deepEqual(net.step(10), { epoch, loss: r.loss, diverged: true });
  assert.deepEqual(net.getParams(), p);
  const g = net.predictGrid({ xMin: -2, xMax: 2, yMin: -2, yMax: 2, width: 16, height: 16 });
  for (const v of g) assert.ok(Number.isFinite(v), 'no NaN in the picture');
  // Fresh parameters clear the state.
  net.setParams(new Float64Array(p.length).fill(0.01));
  net.learningRate = 0.1;
  assert.equal(net.step(1).diverged, false);
});

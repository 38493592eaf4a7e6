// The core's limits, written once (MLP_LIMIT_LIST in src/mlp.h): at every
// boundary value of every limit, the wrapper's message equals the C core's,
// whichever of the two refuses the value.
import test from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { LIMITS, limitMessage, withinLimit } from '../../web/js/core/limits.js';
import { DATASETS } from '../../web/build/limits.mjs';

const { createNetwork, loadCore } = createRequire(import.meta.url)('../..');

/* The C core's message for limit `lim` and value v ('' when within it). */
async function cMessage(lim, v) {
  const M = (await loadCore()).module;
  return M.UTF8ToString(M._nn_limit_message(lim.id, v));
}

/* The values at and around a limit's boundaries. */
function boundaries(lim) {
  const eps = lim.kind === 'int' ? 1 : Math.max(Math.abs(lim.max), 1) * 1e-9;
  return [lim.min - eps, lim.min, lim.max, lim.max + eps, lim.kind === 'int' ? lim.min + 0.5 : NaN];
}

test('the generated table has every limit of the core, with its id', async () => {
  const M = (await loadCore()).module;
  const names = Object.keys(LIMITS);
  assert.ok(names.length >= 16, `${names.length} limits`);
  names.forEach((k, i) => assert.equal(LIMITS[k].id, i, k));
  const n = names.length;
  assert.equal(M.UTF8ToString(M._nn_limit_message(n, 1)), `unknown limit ${n}`, 'no limit past the table\'s last');
});

test('at every boundary of every limit, JavaScript and C agree on the verdict and the message', async () => {
  let compared = 0;
  for (const [key, lim] of Object.entries(LIMITS)) {
    for (const v of boundaries(lim)) {
      const c = await cMessage(lim, v);
      const ok = withinLimit(lim, v);
      assert.equal(c === '', ok, `${key} at ${v}: C ${c ? 'refuses' : 'accepts'}, JS ${ok ? 'accepts' : 'refuses'}`);
      if (!ok) assert.equal(limitMessage(lim, v), c, `${key} at ${v}`);
      compared++;
    }
  }
  assert.equal(compared, Object.keys(LIMITS).length * 5);
});

/* Calls that reach each limit through the public API, and the same value
   given to the C core directly (bypassing the wrapper's own check). */
const THROUGH_API = {
  UNITS: [(v) => createNetwork({ layers: [2, v, 4] }), 'layers[1] (hidden units)'],
  INPUTS: [(v) => createNetwork({ layers: [v, 4, 4], dataset: 'none' }), 'layers[0] (inputs)'],
  CLASSES: [(v) => createNetwork({ layers: [2, 4, v], dataset: 'none' }), 'layers[2] (classes)'],
  LEARNING_RATE: [(v) => createNetwork({ learningRate: v })],
  BATCH_SIZE: [(v) => createNetwork({ batchSize: v })],
  SEED: [(v) => createNetwork({ seed: v })],
  POINTS: [(v) => createNetwork({ points: v })],
  NOISE: [(v) => createNetwork({ noise: v })],
  // On one point, so 10^6 epochs stay within one call's work budget (STEP_BUDGET,
  // tested in reliability.test.js); the EPOCHS limit is the same for every network.
  EPOCHS: [async (v) => {
    const net = await createNetwork({ dataset: 'none' });
    net.setData({ x: [0.5, -0.5], y: [1] });
    return net.step(v);
  }],
  GRID_SIDE: [async (v) => (await createNetwork({})).predictGrid({ xMin: -1, xMax: 1, yMin: -1, yMax: 1, width: v, height: 1 }), 'width'],
  // data-api: generated datasets and the test split.
  GEN_POINTS: [(v) => createNetwork({ layers: [2, 4, 2], dataset: 'xor', points: v })],
  TEST_FRACTION: [(v) => createNetwork({ testFraction: v })],
};
// Each dataset's noise and classes limits, with its name in the field ("noise (circle)").
for (const d of DATASETS) {
  const shape = (K) => (d.output === 'linear' ? { layers: [2, 4, 1], output: 'linear' } : { layers: [2, 4, K] });
  THROUGH_API[d.noiseLimit] = [(v) => createNetwork({ ...shape(d.minClasses), dataset: d.name, noise: v, testFraction: 0.1 }), `noise (${d.name})`];
  // Classes within the limit build a network with that many outputs; the others a valid one.
  THROUGH_API[d.classesLimit] = [(v) => createNetwork({ ...shape(withinLimit(LIMITS[d.classesLimit], v) ? v : d.minClasses),
    dataset: d.name, classes: v, testFraction: 0.1 }), `classes (${d.name})`];
}

test('through the public API each limit\'s boundary values give the core\'s message', async () => {
  for (const [key, [call, field]] of Object.entries(THROUGH_API)) {
    const lim = LIMITS[key];
    for (const v of boundaries(lim)) {
      const want = withinLimit(lim, v) ? '' : limitMessage(lim, v, field);
      let got = '';
      try { await call(v); } catch (e) { got = e.message; }
      assert.equal(got, want, `${key} = ${v}`);
      if (want) assert.equal(got.replace(field || lim.name, lim.name), await cMessage(lim, v), `${key} = ${v}: C's text`);
    }
  }
});

test('values the wrapper passes on are refused by C with the same text (hidden units, learning rate)', async () => {
  const M = (await loadCore()).module;
  const sizes = M._malloc(12);
  M.HEAP32.set([2, 65, 4], sizes >> 2);
  assert.equal(M._nn_init(sizes, 3, 0, 0, 0, 0.1, 0, 1), 0);
  assert.equal(M.UTF8ToString(M._nn_error()), limitMessage(LIMITS.UNITS, 65, 'layers[1] (hidden units)'));
  M.HEAP32.set([2, 4, 4], sizes >> 2);
  assert.equal(M._nn_init(sizes, 3, 0, 0, 0, 2e6, 0, 1), 0);
  assert.equal(M.UTF8ToString(M._nn_error()), limitMessage(LIMITS.LEARNING_RATE, 2e6));
  M._free(sizes);
});

// The vanishing gradient, with the settings of the ReLU demo (web/js/explainer/demo-configs.js):
// the same 6-hidden-layer network trained with sigmoid + Glorot and with
// ReLU + He. The measure is the demo's: the norm of each layer's weight
// gradient, ||dL/dW_l||, layers 1 (input side) to 7 (output).
import test from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import * as configs from '../../web/js/explainer/demo-configs.js';

// The package's CommonJS entry (index.js), as a user of the package loads it.
const { createNetwork } = createRequire(import.meta.url)('../..');

const { vanishing } = configs;
const L = vanishing.layers.length - 1;
const [SIGMOID, RELU] = vanishing.runs;

/* Per-layer gradient norms after each of the first `epochs` epochs: row e-1
   holds the gradient of epoch e, computed from the parameters before its
   update (row 0: the initial weights). */
async function normsByEpoch(run, epochs, seed) {
  const options = configs.vanishingOptions(run);
  if (seed !== undefined) options.seed = seed;
  const net = await createNetwork(options);
  const layout = net.paramLayout();
  const rows = [];
  for (let e = 1; e <= epochs; e++) {
    const r = net.step(1);
    assert.equal(r.diverged, false, `${run.id} diverged at epoch ${e}`);
    rows.push(configs.layerGradNorms(net.getGrads(), layout, new Float64Array(L)));
  }
  const loss = net.loss;
  net.destroy();
  return { rows, loss };
}

const fmt = (v) => v.toExponential(2);

test('at initialisation, ||dW_1|| / ||dW_7|| is at least 100x smaller with sigmoid than with ReLU', async (t) => {
  assert.equal(L, 7);
  const sig = (await normsByEpoch(SIGMOID, 1)).rows[0];
  const relu = (await normsByEpoch(RELU, 1)).rows[0];
  for (const v of [...sig, ...relu]) assert.ok(v > 0 && Number.isFinite(v), `gradient norm ${v}`);
  const rs = sig[0] / sig[L - 1], rr = relu[0] / relu[L - 1];
  t.diagnostic(`sigmoid ||dW_l||, l = 1..7: ${Array.from(sig, fmt).join(' ')}`);
  t.diagnostic(`ReLU    ||dW_l||, l = 1..7: ${Array.from(relu, fmt).join(' ')}`);
  t.diagnostic(`first/last: sigmoid ${fmt(rs)}, ReLU ${fmt(rr)}; ReLU's ratio is ${(rr / rs).toFixed(0)}x sigmoid's`);
  assert.ok(rr >= 100 * rs, `ratio sigmoid ${rs}, ReLU ${rr}: only ${(rr / rs).toFixed(1)}x apart (need >= 100x)`);
  // Through the sigmoid stack the norm shrinks layer after layer going down.
  for (let l = 1; l < L; l++) assert.ok(sig[l - 1] < sig[l], `sigmoid ||dW_${l}|| ${sig[l - 1]} >= ||dW_${l + 1}|| ${sig[l]}`);
});

test('the 100x gap at initialisation holds for seeds 1 to 8, not just the demo seed', async (t) => {
  const gaps = [];
  for (let seed = 1; seed <= 8; seed++) {
    const sig = (await normsByEpoch(SIGMOID, 1, seed)).rows[0];
    const relu = (await normsByEpoch(RELU, 1, seed)).rows[0];
    const gap = (relu[0] / relu[L - 1]) / (sig[0] / sig[L - 1]);
    gaps.push(gap);
    assert.ok(gap >= 100, `seed ${seed}: ReLU's first/last ratio only ${gap.toFixed(1)}x sigmoid's`);
  }
  t.diagnostic(`ReLU ratio / sigmoid ratio, seeds 1..8: ${gaps.map((g) => g.toFixed(0)).join(', ')}`);
});

test('over the first 20 epochs the sigmoid first layer gets >= 100x less gradient than ReLU, and sigmoid learns nothing', async (t) => {
  const E = 20;
  const sig = await normsByEpoch(SIGMOID, E);
  const relu = await normsByEpoch(RELU, E);
  let worst = Infinity;
  const ratios = [];
  for (let e = 0; e < E; e++) {
    const gap = relu.rows[e][0] / sig.rows[e][0];
    worst = Math.min(worst, gap);
    ratios.push(sig.rows[e][0] / sig.rows[e][L - 1]);
  }
  t.diagnostic(`||dW_1|| ReLU / sigmoid, smallest over epochs 1..${E}: ${worst.toFixed(0)}x`);
  t.diagnostic(`sigmoid first/last ratio, epochs 1..${E}: ${ratios.map(fmt).join(' ')}`);
  t.diagnostic(`loss after ${E} epochs: sigmoid ${sig.loss.toFixed(4)} (ln 4 = ${Math.log(4).toFixed(4)}), ReLU ${relu.loss.toFixed(4)}`);
  assert.ok(worst >= 100, `ReLU's first-layer gradient only ${worst.toFixed(1)}x sigmoid's`);
  assert.ok(Math.abs(sig.loss - Math.log(4)) < 0.01, `sigmoid loss ${sig.loss}: expected the ln 4 plateau`);
  assert.ok(relu.loss < 0.2, `ReLU loss ${relu.loss} after ${E} epochs (expected < 0.2)`);
});

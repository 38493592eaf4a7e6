// The narration of each phase: a pure function of a phase snapshot and the
// followed point, quoting that point's live numbers.
import test from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { narrate, fmt } from '../../web/js/panel/phase-narration.js';

const { createNetwork } = createRequire(import.meta.url)('../..');

/* The weight with the largest |Δ| in snapshot s, found from the layout: { k, name }. */
function largestChange(s) {
  let best = { k: -1, d: -1 };
  s.layout.forEach((e) => {
    for (let k = e.W; k < e.W + e.fanIn * e.fanOut; k++) {
      const d = Math.abs(s.change[k]);
      if (d > best.d) best = { k, d, name: `W${e.layer}[${Math.floor((k - e.W) / e.fanOut)},${(k - e.W) % e.fanOut}]` };
    }
  });
  return best;
}

test('every phase of a 2->4->4 cycle is narrated with its live values', async () => {
  const net = await createNetwork({});
  assert.equal(narrate(net.snapshot(), 17), `Initialize weights: loss = ${net.loss.toFixed(3)}`);
  const steps = [];
  for (let i = 0; i < 7; i++) steps.push(net.stepPhase());
  const lines = steps.map((s) => narrate(s, 17));
  const [fwd, logits, soft, loss, , , upd] = steps;
  const a = fwd.activations[1];
  assert.equal(lines[0], `Forward through hidden layer 1: a1 = σ(a0·W1 + b1) = [${[0, 1, 2, 3].map((j) => fmt(a[j * 200 + 17])).join(', ')}] for point #17`);
  const z = logits.logits;
  assert.equal(lines[1], `Output scores: z = a1·W2 + b2 = [${[0, 1, 2, 3].map((k) => fmt(z[k * 200 + 17])).join(', ')}] for point #17`);
  const p = soft.activations[2];
  assert.equal(lines[2], `Softmax: p = [${[0, 1, 2, 3].map((k) => p[k * 200 + 17].toFixed(2)).join(', ')}] for point #17`);
  const y17 = net.getData().y[17];
  assert.equal(loss.batchLabels[17], y17, 'full batch: column 17 is point 17');
  assert.equal(lines[3], `Loss: cross-entropy over 200 points = ${loss.batchLoss.toFixed(3)} ` +
    `(point #17, class ${y17}: −log p = ${fmt(-Math.log(p[y17 * 200 + 17]))})`);
  const d2 = steps[4].deltas[2], d1 = steps[5].deltas[1];
  assert.equal(lines[4], `Output error: δ2 = (p − y) / 200 = [${[0, 1, 2, 3].map((k) => fmt(d2[k * 200 + 17])).join(', ')}] for point #17`);
  assert.equal(lines[5], `Backpropagate to hidden layer 1: δ1 = (δ2·W2ᵀ) ⊙ σ′ = [${[0, 1, 2, 3].map((k) => fmt(d1[k * 200 + 17])).join(', ')}] for point #17`);
  const top = largestChange(upd);
  assert.equal(lines[6], `Update: every weight moves by −η·∂L/∂w with η = 1; for ${top.name}, the weight that moved most: ` +
    `g = ${fmt(upd.grads[top.k])}, Δw = ${fmt(upd.change[top.k])}; epoch 1 done, loss = ${upd.loss.toFixed(3)}`);
  assert.equal(upd.change[top.k], -1 * upd.grads[top.k], 'sgd: Δw = −η g with η = 1');
  assert.equal(upd.loss, net.loss);
});

test('the narration reads only the snapshot: stepping on does not change an old line', async () => {
  const net = await createNetwork({});
  const s = net.stepPhase();
  const line = narrate(s, 5);
  net.step(50);
  assert.equal(narrate(s, 5), line);
  assert.notEqual(narrate(net.stepPhase(), 5), line, 'the next epoch\'s forward phase has other numbers');
});

test('a point outside the current mini-batch gets no numbers', async () => {
  const net = await createNetwork({ batchSize: 10 });
  const s = net.stepPhase();
  assert.equal(s.batchIndex.length, 10);
  const outside = [...Array(200).keys()].find((i) => !s.batchIndex.includes(i));
  assert.equal(narrate(s, outside), 'Forward through hidden layer 1: a1 = σ(a0·W1 + b1)');
  assert.match(narrate(s, s.batchIndex[3]), new RegExp(`= \\[.+\\] for point #${s.batchIndex[3]}$`));
});

test('number format: 2 decimals, powers of ten for tiny and huge values, true minus signs', () => {
  assert.equal(fmt(0.256), '0.26');
  assert.equal(fmt(-0.5), '−0.50');
  assert.equal(fmt(0.00123), '1.2·10⁻³');
  assert.equal(fmt(-0.000367), '−3.7·10⁻⁴');
  assert.equal(fmt(12345), '1.2·10⁴');
  assert.equal(fmt(0), '0.00');
});

test('a 3-hidden-layer network with features, Adam, mini-batches and L2: each narration quotes the module\'s numbers', async () => {
  const net = await createNetwork({ layers: [3, 6, 5, 4, 3], activation: 'tanh', features: ['x1', 'x2', 'x1*x2'],
    dataset: 'spiral', classes: 3, points: 300, batchSize: 50, optimizer: 'adam', regularization: 'l2',
    regularizationRate: 0.01, learningRate: 0.03, seed: 4 });
  net.step(3);
  const steps = [];
  for (let i = 0; i < 11; i++) steps.push(net.stepPhase());
  assert.deepEqual(steps.map((s) => s.phase), ['forward', 'forward', 'forward', 'logits', 'softmax', 'loss', 'output-error',
    'backward', 'backward', 'backward', 'update']);
  const f = steps[0], m = f.m, point = f.batchIndex[7];
  assert.equal(m, 50, 'one mini-batch of 50');
  const a0 = f.activations[0];
  const data = net.getData();
  const [x1, x2] = [data.x[2 * point], data.x[2 * point + 1]];
  assert.ok(Math.abs(a0[2 * m + 7] - x1 * x2) < 1e-12, 'feature x1*x2 is the product');
  const line0 = narrate(f, point);
  assert.ok(line0.startsWith(`Features a0 = (x1, x2, x1*x2) = [${fmt(x1)}, ${fmt(x2)}, ${fmt(x1 * x2)}] for point #${point}; ` +
    'Forward through hidden layer 1: a1 = tanh(a0·W1 + b1) = ['), line0);
  assert.match(narrate(steps[5], point), new RegExp(`^Loss: cross-entropy over a mini-batch of 50 of the 300 points = ${steps[5].batchLoss.toFixed(3)} `));
  const u = steps[10], top = largestChange(u);
  const state = net.optimizerState();
  const pen = [], g = [];
  u.layout.forEach((e) => { for (let k = e.W; k < e.W + e.fanIn * e.fanOut; k++) { pen.push(0.01 * (u.params[k] - u.change[k])); g.push(u.grads[k]); } });
  const share = Math.round(100 * Math.hypot(...pen) / Math.hypot(...g));
  assert.equal(narrate(u, point), `Update (Adam step t = ${state.steps}, β₁ = 0.9, β₂ = 0.999, ε = 1e-8, η = 0.03): ` +
    'm ← β₁m + (1 − β₁)g, v ← β₂v + (1 − β₂)g², w ← w − η·m̂ / (√v̂ + ε); ' +
    `for ${top.name}, the weight that moved most: g = ${fmt(u.grads[top.k])}, m = ${fmt(state.m[top.k])}, v = ${fmt(state.v[top.k])}, ` +
    `Δw = ${fmt(u.change[top.k])}; the L2 penalty (λ = 0.01) is ${share}% of the weights' gradient; ` +
    `a mini-batch of 50 done, now at epoch ${u.epoch}, loss = ${u.loss.toFixed(3)}`);
  assert.ok(state.steps >= 19, `${state.steps} Adam steps: 3 epochs of 6 batches and this one`);
});

test('momentum names its rule and quotes m', async () => {
  const net = await createNetwork({ layers: [2, 4, 4], optimizer: 'momentum', beta1: 0.8, learningRate: 0.1, seed: 2 });
  let s;
  do { s = net.stepPhase(); } while (s.phase !== 'update');
  const top = largestChange(s), m = net.optimizerState().m;
  assert.equal(narrate(s, 0), `Update (momentum, β = 0.8, η = 0.1): m ← β·m + g, w ← w − η·m; for ${top.name}, the weight that moved most: ` +
    `g = ${fmt(s.grads[top.k])}, m = ${fmt(m[top.k])}, Δw = ${fmt(s.change[top.k])}; epoch 1 done, loss = ${s.loss.toFixed(3)}`);
  assert.ok(Math.abs(s.change[top.k] + 0.1 * m[top.k]) < 1e-15, 'first step: Δw = −η m');
});

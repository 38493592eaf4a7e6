// The narration of each phase: a pure function of a phase snapshot and the
// followed point, quoting that point's live numbers.
import test from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { narrate, fmt } from '../../web/js/panel/phase-narration.js';

const { createNetwork } = createRequire(import.meta.url)('../..');

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
  assert.equal(lines[6], `Update: every weight moves by −η·∂L/∂w with η = 1; epoch 1 done, loss = ${upd.loss.toFixed(3)}`);
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

// The narration of each phase quotes the live numbers of the selected point.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { createNetwork } = require('../..');
const { narrate, STEP_OF_PHASE, fmt } = require('../../web/js/phase-narration.js');

test('every phase of a 2->4->4 cycle is narrated with its live values', async () => {
  const net = await createNetwork({});
  const opts = { activation: 'sigmoid', learningRate: 1, point: 17 };
  assert.equal(narrate(net, net.phase, opts), `Initialize weights: loss = ${net.loss.toFixed(3)}`);
  const lines = [];
  for (let i = 0; i < 7; i++) {
    const r = net.stepPhase();
    lines.push([r, narrate(net, r, opts)]);
  }
  const [fwd, logits, soft, loss, err, back, upd] = lines;
  const a = fwd[0].activations;
  assert.equal(fwd[1], `Forward through hidden layer 1: a1 = σ(a0·W1 + b1) = [${[0, 1, 2, 3].map((j) => fmt(a[j * 200 + 17])).join(', ')}] for point #17`);
  assert.match(logits[1], /^Output scores: z = a1·W2 \+ b2 = \[[^\]]+\] for point #17$/);
  const p = soft[0].outputs;
  assert.equal(soft[1], `Softmax: p = [${[0, 1, 2, 3].map((k) => p[k * 200 + 17].toFixed(2)).join(', ')}] for point #17`);
  const y17 = net.getData().y[17];
  assert.equal(loss[1], `Loss: cross-entropy over 200 points = ${loss[0].loss.toFixed(3)} ` +
    `(point #17, class ${y17}: −log p = ${fmt(-Math.log(p[y17 * 200 + 17]))})`);
  assert.match(err[1], /^Output error: δ2 = \(p − y\) \/ 200 = \[.+\] for point #17$/);
  assert.match(back[1], /^Backpropagate to hidden layer 1: δ1 = \(δ2·W2ᵀ\) ⊙ σ′ = \[.+\] for point #17$/);
  assert.equal(upd[1], `Update: every weight moves by −η·∂L/∂w with η = 1; epoch 1 done, loss = ${net.loss.toFixed(3)}`);
  assert.deepEqual(lines.map(([r]) => STEP_OF_PHASE[r.phase]), [1, 2, 3, 4, 5, 6, 7]);
});

test('a point outside the current mini-batch gets no numbers', async () => {
  const net = await createNetwork({ batchSize: 10 });
  const r = net.stepPhase();
  const inBatch = net.batchIndex();
  assert.equal(inBatch.length, 10);
  const outside = [...Array(200).keys()].find((i) => !inBatch.includes(i));
  assert.equal(narrate(net, r, { activation: 'sigmoid', point: outside }),
    'Forward through hidden layer 1: a1 = σ(a0·W1 + b1)');
  assert.match(narrate(net, r, { activation: 'sigmoid', point: inBatch[3] }), new RegExp(`= \\[.+\\] for point #${inBatch[3]}$`));
});

test('number format: 2 decimals, powers of ten for tiny and huge values, true minus signs', () => {
  assert.equal(fmt(0.256), '0.26');
  assert.equal(fmt(-0.5), '−0.50');
  assert.equal(fmt(0.00123), '1.2·10⁻³');
  assert.equal(fmt(-0.000367), '−3.7·10⁻⁴');
  assert.equal(fmt(12345), '1.2·10⁴');
  assert.equal(fmt(0), '0.00');
});

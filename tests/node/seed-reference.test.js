// The core reproduces the seed's numpy algorithm, transcribed in seed-reference.js.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { createNetwork } = require('../..');
const { seedTrain } = require('./seed-reference.js');

function maxRelError(a, b) {
  let worst = 0;
  for (let i = 0; i < a.length; i++) {
    worst = Math.max(worst, Math.abs(a[i] - b[i]) / Math.max(Math.abs(b[i]), 1e-12));
  }
  return worst;
}

for (const [hidden, lr, seed] of [[4, 1.0, 1], [8, 0.5, 7]]) {
  test(`2->${hidden}->4 sigmoid, lr ${lr}, seed ${seed}: parameters match the seed's algorithm after 200 epochs`, async (t) => {
    const net = await createNetwork({ layers: [2, hidden, 4], learningRate: lr, seed, points: 200 });
    const p0 = net.getParams();
    const [l1, l2] = net.paramLayout();
    const { x, y } = net.getData();
    const ref = seedTrain({
      X: x, y, n: 200, d: 2, H: hidden, K: 4, lr, epochs: 200,
      W1: p0.slice(l1.W, l1.b), b1: p0.slice(l1.b, l1.b + hidden),
      W2: p0.slice(l2.W, l2.b), b2: p0.slice(l2.b, l2.b + 4),
    });
    // The seed's first recorded loss is that of the initial parameters (its
    // log(y_hat + 1e-8) differs from the exact log-softmax by < 1e-7).
    assert.ok(Math.abs(ref.losses[0] - net.loss) < 1e-7, `initial loss ${net.loss} vs seed ${ref.losses[0]}`);
    // The loss trajectory: the module's loss of the parameters before epoch e
    // against the seed's losses[e]; the seed's log(y_hat + 1e-8) moves each
    // term by at most 1e-8 / y_hat, so they agree to ~1e-7, not to rounding.
    let worstLoss = 0;
    for (let e = 0; e < 200; e++) {
      worstLoss = Math.max(worstLoss, Math.abs(net.loss - ref.losses[e]));
      net.step(1);
    }
    assert.ok(worstLoss < 1e-6, `largest loss difference over 200 epochs ${worstLoss} (limit 1e-6)`);
    const p = net.getParams();
    const expected = Float64Array.from([...ref.W1, ...ref.b1, ...ref.W2, ...ref.b2]);
    assert.equal(p.length, expected.length);
    const err = maxRelError(p, expected);
    assert.ok(err < 1e-9, `max relative parameter difference ${err} (limit 1e-9)`);
    t.diagnostic(`2->${hidden}->4: max relative parameter difference ${err.toExponential(2)}, max loss difference ${worstLoss.toExponential(2)}`);
    net.destroy();
  });
}

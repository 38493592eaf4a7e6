// The network playground's link keys (web/js/panel/keys/network-keys.js)
// through hashstate: parsing, writing, and the createNetwork options built.
import test from 'node:test';
import assert from 'node:assert/strict';
import { parse, serialize, networkOptions, DEFAULTS } from '../../web/js/panel/hashstate.js';
import { createRequire } from 'node:module';

const { loadCore } = createRequire(import.meta.url)('../..');

const FULL = 'layers=8,8,4&features=x1,x1sq,sinx2&optimizer=adam&beta1=0.8&beta2=0.99&epsilon=1e-7' +
  '&reg=l2&regRate=0.01&batch=10&init=he';

test('the default link and options are the seed\'s: 2 → 4 → 4, sgd, no penalty, full batch', () => {
  assert.equal(serialize(DEFAULTS), 'activation=sigmoid&hidden=4&lr=0.1&seed=2369&speed=1');
  const o = networkOptions(DEFAULTS);
  assert.deepEqual(o.layers, [2, 4, 4]);
  assert.equal(o.optimizer, 'sgd');
  assert.equal(o.batchSize, 0);
  assert.equal(o.init, 'seed');
  assert.equal(o.features, undefined);
  assert.equal(o.regularization, undefined);
});

test('every network key round-trips through serialize, commas written as commas', () => {
  const a = parse('#' + FULL);
  assert.deepEqual(a.problems, []);
  const text = serialize(a.settings);
  assert.equal(text, 'activation=sigmoid&hidden=4&lr=0.1&seed=2369&speed=1&' + FULL);
  assert.deepEqual(parse(text).settings, a.settings);
  assert.deepEqual(a.settings.layers, [8, 8, 4]);
  assert.deepEqual(a.settings.features, ['x1', 'x1sq', 'sinx2']);
});

test('options: input width from the features, hidden from layers, output kept', () => {
  const o = networkOptions(parse(FULL).settings);
  assert.deepEqual(o.layers, [3, 8, 8, 4, 4]);
  assert.deepEqual(o.features, ['x1', 'x1^2', 'sin(x2)']);
  assert.deepEqual([o.optimizer, o.beta1, o.beta2, o.epsilon], ['adam', 0.8, 0.99, 1e-7]);
  assert.deepEqual([o.regularization, o.regularizationRate, o.batchSize, o.init], ['l2', 0.01, 10, 'he']);
  assert.deepEqual(networkOptions(parse('layers=0&features=x1sq,x2sq').settings).layers, [2, 4]);
  assert.deepEqual(networkOptions(parse('hidden=7').settings).layers, [2, 7, 4], 'hidden=N: one layer of N');
  assert.deepEqual(networkOptions(parse('hidden=7&layers=3,5').settings).layers, [2, 3, 5, 4], 'layers wins');
  // Momentum takes beta1 only; sgd neither.
  const m = networkOptions(parse('optimizer=momentum&beta1=0.5').settings);
  assert.deepEqual([m.beta1, m.beta2], [0.5, undefined]);
});

test('features are kept in layer 0\'s order; x1,x2 alone is the default and not written', () => {
  assert.deepEqual(parse('features=sinx2,x1').settings.features, ['x1', 'sinx2']);
  const raw = parse('features=x2,x1');
  assert.equal(raw.settings.features, null);
  assert.equal(serialize(raw.settings), serialize(DEFAULTS));
});

test('invalid values give a problem naming the key and the rule, and the default', () => {
  const cases = {
    layers: ['65', '1,2,3,4,5,6,7,8,9', '', '4,,4', '4,x', '-1', '0,4'],
    features: ['x3', 'x1,x1', '', 'X1'],
    optimizer: ['rmsprop'], beta1: ['1', '-0.1'], beta2: ['2'], epsilon: ['0', '2'],
    reg: ['l3'], regRate: ['101', '-1'], batch: ['-1', '10001', '1.5'], init: ['xavier'],
  };
  for (const [key, values] of Object.entries(cases)) {
    for (const v of values) {
      const r = parse(`${key}=${v}`);
      assert.equal(r.problems.length, 1, `${key}=${v} is refused`);
      assert.equal(r.problems[0].key, key);
      assert.match(r.problems[0].message, new RegExp(`^${key} must be `));
      assert.deepEqual(r.settings[key], DEFAULTS[key]);
    }
  }
  assert.match(parse('layers=65').problems[0].message, /from 1 to 64.*; using one layer of hidden$/);
});

test('the options of every key are accepted by the core (8 × 64 with all seven features)', async () => {
  const core = await loadCore();
  const all = 'features=x1,x2,x1sq,x2sq,x1x2,sinx1,sinx2&layers=64,64,64,64,64,64,64,64';
  for (const hash of [FULL, all, 'layers=0', 'optimizer=momentum&reg=l1&regRate=0.1&batch=1&init=glorot']) {
    const o = networkOptions(parse(hash).settings);
    const net = core.createNetwork(o);
    assert.deepEqual(net.layers, o.layers, hash);
    assert.equal(net.optimizer, o.optimizer);
    net.destroy();
  }
});

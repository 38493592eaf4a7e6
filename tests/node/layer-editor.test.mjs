// The layer editor's arithmetic and the saved run -> link settings
// (web/js/panel/layer-editor.js, run-io.js's runSettings): pure, no DOM.
import test from 'node:test';
import assert from 'node:assert/strict';
import { addLayer, removeLayer, setUnits, widthsToSettings, shapeText } from '../../web/js/panel/layer-editor.js';
import { runSettings } from '../../web/js/panel/run-io.js';
import { parse, serialize, networkOptions, DEFAULTS } from '../../web/js/panel/hashstate.js';

test('layers: 0 to 8, a new one copies the last width; units 1 to 64', () => {
  assert.deepEqual(addLayer([]), [4]);
  assert.deepEqual(addLayer([4, 9]), [4, 9, 9]);
  assert.deepEqual(addLayer([1, 2, 3, 4, 5, 6, 7, 8]), [1, 2, 3, 4, 5, 6, 7, 8]);
  assert.deepEqual(removeLayer([4]), []);
  assert.deepEqual(removeLayer([]), []);
  assert.deepEqual(setUnits([4, 4], 1, 65), [4, 64]);
  assert.deepEqual(setUnits([4, 4], 0, 0), [1, 4]);
  assert.deepEqual(setUnits([4], 3, 9), [4], 'no such layer: unchanged');
});

test('one layer of 1 to 8 units is written as the seed\'s hidden key, anything else as layers', () => {
  assert.deepEqual(widthsToSettings([4], 6), { layers: null, hidden: 4 });
  assert.deepEqual(widthsToSettings([9], 6), { layers: [9], hidden: 6 });
  assert.deepEqual(widthsToSettings([], 6), { layers: [], hidden: 6 });
  const s = Object.assign({}, DEFAULTS, widthsToSettings([4], 4));
  assert.equal(serialize(s), 'activation=sigmoid&hidden=4&lr=0.1&seed=2369&speed=1');
});

test('the shape title shortens runs of equal hidden widths', () => {
  assert.equal(shapeText([2, 4, 4]), '2 → 4 → 4');
  assert.equal(shapeText([2, 64, 64, 64, 64, 64, 64, 64, 64, 4]), '2 → 64 ×8 → 4');
  assert.equal(shapeText([7, 8, 8, 4]), '7 → 8 → 8 → 4');
});

test('a saved run\'s configuration gives back the settings that build it', () => {
  const s = parse('layers=8,8,4&features=x1,x1sq&optimizer=adam&beta1=0.8&reg=l1&regRate=0.2&batch=10&init=he&activation=relu&lr=0.3&seed=7').settings;
  const o = networkOptions(s);
  const config = {
    layers: o.layers, activation: o.activation, init: o.init, output: 'softmax', learningRate: o.learningRate,
    batchSize: o.batchSize, seed: o.seed, features: o.features, optimizer: o.optimizer, beta1: o.beta1,
    beta2: o.beta2, epsilon: o.epsilon, regularization: o.regularization, regularizationRate: o.regularizationRate,
  };
  assert.deepEqual(runSettings(config, DEFAULTS), s);
});

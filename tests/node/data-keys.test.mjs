// The data playground's link keys (web/js/panel/keys/data-keys.js) through
// the panel's hash parser: round trips, the core's ranges, keys that depend
// on the dataset, and the createNetwork options they give.
import test from 'node:test';
import assert from 'node:assert/strict';
import { parse, serialize, networkOptions, DEFAULTS } from '../../web/js/panel/hashstate.js';
import { options, outputWidth, classesOf, noiseOf, DATASET_NAMES } from '../../web/js/panel/keys/data-keys.js';
import { DATASETS } from '../../web/build/limits.mjs';

test('the seed\'s link has no data keys and builds the seed\'s 200 quadrant points', () => {
  assert.equal(serialize(DEFAULTS), 'activation=sigmoid&hidden=4&lr=0.1&seed=2369&speed=1');
  assert.deepEqual(options(DEFAULTS), { dataset: 'quadrants', points: 200, noise: 0.3, classes: 4, testFraction: 0 });
  assert.equal(outputWidth(DEFAULTS), 4);
});

test('every data key round-trips through the link', () => {
  const s = { ...DEFAULTS, dataset: 'spiral', classes: 5, points: 750, noise: 0.25, test: 0.3 };
  const h = serialize(s);
  assert.equal(h, 'activation=sigmoid&hidden=4&lr=0.1&seed=2369&speed=1&dataset=spiral&classes=5&points=750&noise=0.25&test=0.3');
  const back = parse('#' + h);
  assert.deepEqual(back.problems, []);
  assert.deepEqual(back.settings, s);
  assert.equal(DATASET_NAMES.length, 11);
  for (const name of DATASET_NAMES) assert.equal(parse(`dataset=${name}`).settings.dataset, name);
});

test('invalid data values fall back with a message naming the key and its range', () => {
  const { settings, problems } = parse('dataset=swirl&classes=9&points=9&noise=-1&test=0.95');
  assert.deepEqual(problems.map((p) => p.key), ['dataset', 'classes', 'points', 'noise', 'test']);
  assert.equal(problems[0].message, 'dataset must be one of quadrants, xor, circle, gauss, spiral, moons, sine, cubic, abs, plane, multigauss, got "swirl"; using quadrants');
  assert.equal(problems[2].message, 'points must be a whole number from 10 to 10000, got "9"; using 200');
  assert.equal(problems[4].message, 'test must be a number from 0 to 0.9, got "0.95"; using 0');
  assert.deepEqual(settings, DEFAULTS);
});

test('a class count or noise the dataset does not allow is refused for that dataset', () => {
  const a = parse('dataset=xor&classes=3');
  assert.equal(a.problems.length, 1);
  assert.equal(a.problems[0].message, 'classes must be 2 for the xor dataset, got "3"; using 2');
  assert.equal(a.settings.classes, null);
  assert.equal(classesOf(a.settings), 2);
  const b = parse('dataset=spiral&noise=0.4');
  assert.equal(b.problems[0].message, 'noise must be a number from 0 to 0.3 for the spiral dataset, got "0.4"; using 0.1');
  assert.equal(noiseOf(b.settings), 0.1);
  assert.deepEqual(parse('dataset=gauss&classes=8&noise=0.6').problems, []);
  assert.equal(parse('dataset=gauss&classes=1').problems[0].key, 'classes');
});

test('each dataset\'s defaults come from the core\'s table; regression gets a linear output of width 1', () => {
  for (const row of DATASETS) {
    const s = { ...DEFAULTS, dataset: row.name };
    const o = networkOptions(s);
    assert.equal(o.noise, row.defaultNoise, row.name);
    if (row.output === 'linear') {
      assert.equal(o.output, 'linear');
      assert.equal(outputWidth(s), 1);
    } else {
      assert.equal(o.output, undefined);
      assert.ok(outputWidth(s) >= row.minClasses && outputWidth(s) <= row.maxClasses, `${row.name}: K ${outputWidth(s)}`);
    }
  }
  assert.equal(outputWidth({ ...DEFAULTS, dataset: 'spiral' }), 3);
  assert.equal(outputWidth({ ...DEFAULTS, dataset: 'spiral', classes: 6 }), 6);
});

// The panel's settings <-> the URL hash (web/js/panel/hashstate.js).
import test from 'node:test';
import assert from 'node:assert/strict';
import { parse, serialize, rebuilds, DEFAULTS, SPEEDS } from '../../web/js/panel/hashstate.js';
import { LIMITS } from '../../web/js/core/limits.js';

test('a full hash round-trips through serialize', () => {
  const s = { ...DEFAULTS, activation: 'relu', hidden: 8, lr: 0.5, seed: 3, speed: 20, autoplay: true, log: true };
  const { settings, problems } = parse('#' + serialize(s));
  assert.deepEqual(problems, []);
  assert.deepEqual(settings, Object.assign({}, DEFAULTS, s));
  assert.equal(serialize(DEFAULTS), 'activation=sigmoid&hidden=4&lr=0.1&seed=2369&speed=1');
});

test('every invalid value falls back to its default and is named with its rule', () => {
  const { settings, problems } = parse('#activation=softplus&hidden=9&lr=-1&seed=abc&speed=3&autoplay=2&bogus=1');
  assert.deepEqual(settings, DEFAULTS);
  assert.deepEqual(problems.map((p) => p.key), ['activation', 'hidden', 'lr', 'seed', 'speed', 'autoplay', 'bogus']);
  assert.equal(problems[1].message, 'hidden must be a whole number from 1 to 8, got "9"; using 4');
  assert.equal(problems[2].message, 'lr must be a number above 0 and at most 1000000, got "-1"; using 0.1');
  assert.match(problems[6].message, /^"bogus" is not a setting \(known: activation, hidden, lr, seed, speed, autoplay, log(, [a-zA-Z0-9]+)*\)$/);
});

test('the core\'s limits bound the link: learning rate and seed at and past their maxima', () => {
  assert.equal(parse(`lr=${LIMITS.LEARNING_RATE.max}`).settings.lr, 1e6);
  assert.equal(parse(`lr=${LIMITS.LEARNING_RATE.max * 1.5}`).problems.length, 1);
  assert.equal(parse(`seed=${LIMITS.SEED.max}`).settings.seed, 4294967295);
  assert.equal(parse(`seed=${LIMITS.SEED.max + 1}`).problems[0].key, 'seed');
  assert.equal(parse('lr=0').problems[0].key, 'lr', 'the lower bound is exclusive');
});

test('malformed encodings and overlong hashes are refused, never thrown', () => {
  assert.equal(parse('#%E0%A4%A=1').problems[0].message, '"%E0%A4%A": not valid URL encoding');
  const long = parse('#' + 'seed=1&'.repeat(200));
  assert.deepEqual(long.settings, DEFAULTS);
  assert.match(long.problems[0].message, /longer than 1000 characters/);
  assert.deepEqual(parse('').settings, DEFAULTS);
  assert.equal(SPEEDS.length, 12);
  assert.equal(parse('speed=500').settings.speed, 500);
});

test('lesson, step and epochs: view keys, written only when set, checked', () => {
  const { settings, problems } = parse('#lesson=xor-depth&step=2&epochs=200');
  assert.deepEqual(problems, []);
  assert.deepEqual([settings.lesson, settings.step, settings.epochs], ['xor-depth', 2, 200]);
  assert.equal(serialize(settings), 'activation=sigmoid&hidden=4&lr=0.1&seed=2369&speed=1&lesson=xor-depth&step=2&epochs=200');
  assert.equal(rebuilds(DEFAULTS, settings), false, 'a lesson or a stop epoch never rebuilds the network');
  assert.equal(rebuilds(DEFAULTS, Object.assign({}, DEFAULTS, { lr: 0.3 })), true);
  assert.match(parse('#lesson=null').problems[0].message, /^lesson must be the id of a lesson: architecture, sigmoid, .*, got "null"; using none$/);
  const bad = parse('#lesson=<b>&step=13&epochs=-1');
  assert.deepEqual(bad.problems.map((p) => p.key), ['lesson', 'step', 'epochs']);
  assert.equal(bad.problems[1].message, 'step must be a whole number from 1 to 12, got "13"; using 1');
  assert.equal(bad.problems[2].message, 'epochs must be a whole number from 0 to 10000000, got "-1"; using 0');
});

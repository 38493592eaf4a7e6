/* data-api.js: the data side of the Network class (network.js installs it
   with installDataApi): generated datasets on a live network, the held-out
   test set and its metrics, editing the training set point by point, and
   CSV out and in. Kept apart from network.js so that the model side and the
   data side grow without touching each other.

   As in network.js, every failed call throws an Error naming the field and
   its range, with the C core's text where the core checks the same thing,
   and a refused call leaves the network exactly as it was. */
import { LIMITS, checkLimit } from './limits.js';
import {
  DEFAULTS, DATASET_NAMES, checkDataOptions, checkInt, checkName, checkNumber, datasetRow, describe, fail,
  isSeedQuadrants, readNumbers, readOptions,
} from './args.js';
import { formatCSV, heldOutRows, parseCSV } from './csv.js';

/* The two sets a network holds, in the core's numbering (0 train, 1 test). */
export const SETS = Object.freeze(['train', 'test']);

/* 0 for 'train', 1 for 'test'; anything else throws. */
export function setIndex(which) {
  return checkName(which, 'which', SETS);
}

const GENERATED = Object.freeze(DATASET_NAMES.filter((n) => n !== 'none'));
const DATA_KEYS = Object.freeze(['dataset', 'points', 'noise', 'classes', 'testFraction']);

/* The members below, copied onto the class (getters stay getters). */
class DataApi {
  /* Replaces the training and test data with a generated set, keeping the
     parameters and the epoch (the page's "Regenerate"): options as
     createNetwork's dataset, points, noise, classes and testFraction, with
     the same defaults. The same seed gives the same points. */
  generateData(options) {
    this._live();
    const given = readOptions(options, 'options', DATA_KEYS);
    const o = {};
    for (const key of DATA_KEYS) o[key] = given[key] === undefined ? DEFAULTS[key] : given[key];
    checkDataOptions(o, GENERATED);
    const M = this._M, ptr = this._live();
    if (isSeedQuadrants(o)) {
      this._check(M._nn_data_quadrants(ptr, o.points, o.noise));
    } else {
      const row = datasetRow(o.dataset);
      this._check(M._nn_data_generate(ptr, row.id, o.points, o.noise, o.classes || 0, o.testFraction));
    }
  }

  /* Points held out as the test set (0 without one). */
  get testPointCount() { return this._M._nn_test_points(this._live()); }

  /* Loss of the current parameters on the test set; NaN without one. */
  get testLoss() { return this._M._nn_test_loss(this._live()); }

  /* Int32Array(K*K): [t*K + p] counts the points of true class t that the
     network predicts as p (the most probable class, ties to the lower). */
  confusion(which = 'train') {
    const ptr = this._live(), w = setIndex(which), K = this.outputs;
    const buf = this._buffer('confusion', K * K * 4);
    this._check(this._M._nn_confusion(ptr, w, buf));
    return this._i32(buf, K * K).slice();
  }

  /* Appends a training point at (x, y) with a class label (softmax) or a
     target (linear: a number, or an array of `outputs` numbers). */
  addPoint(x, y, labelOrTarget) {
    const M = this._M, K = this.outputs;
    if (this.inputs !== 2) fail(`addPoint needs a network with 2 inputs (x, y), this one has ${this.inputs}`);
    checkNumber(x, 'x');
    checkNumber(y, 'y');
    if (this._output === 'linear') {
      const what = `hold ${K} number${K > 1 ? 's' : ''} (outputs)`;
      const t = readNumbers(typeof labelOrTarget === 'number' ? [labelOrTarget] : labelOrTarget, 'target', K, what);
      if (t.length !== K) fail(`target must ${what}, got ${describe(labelOrTarget)}`);
      const ptr = this._live(); // reading the target may have run the caller's code
      this._withArray(Float64Array.of(x, y), Float64Array, (xp) =>
        this._withArray(t, Float64Array, (tp) => this._check(M._nn_add_point(ptr, xp, 0, tp))));
      return;
    }
    // wasm would turn 3.5 into 3 and 2^32 into 0, so the label is checked here,
    // with the core's text.
    const label = labelOrTarget;
    if (!Number.isInteger(label) || label < 0 || label >= K) fail(`label must be a class from 0 to ${K - 1}, got ${describe(label)}`);
    const ptr = this._live();
    this._withArray(Float64Array.of(x, y), Float64Array, (xp) => this._check(M._nn_add_point(ptr, xp, label, 0)));
  }

  /* Removes training point i; later points move down by one. */
  removePoint(i) {
    const ptr = this._live(), n = this.pointCount;
    if (n === 0) fail('index must be a training point, but there are none');
    checkInt(i, 'index', 0, n - 1);
    this._check(this._M._nn_remove_point(ptr, i));
  }

  /* The set as CSV text: a header (x1,x2,label or x1,x2,target) and one
     line per point, numbers that read back as the same doubles. */
  toCSV(which = 'train') {
    setIndex(which);
    return formatCSV(this.getData(which), this._csvShape());
  }

  /* Replaces a set with the points of CSV text (header optional).
     how: 'train' (the default; it clears the test set, as setData does),
     'test' (the test set only), or { testFraction } (train, holding out
     evenly spaced rows, round(testFraction * rows) of them, as the test
     set). A malformed file throws naming its line and column, and the data
     stay as they were. */
  loadCSV(text, how = 'train') {
    this._live();
    const { which, testFraction } = csvTarget(how);
    const parsed = parseCSV(text, this._csvShape());
    if (which === 'test') {
      this._atomically(() => this.setData({ x: parsed.x, y: parsed.y }, 'test'));
      return;
    }
    const split = splitRows(parsed, this.inputs, testFraction);
    this._atomically(() => {
      this.setData(split.train);
      if (split.test) this.setData(split.test, 'test');
    });
  }

  _csvShape() {
    return { inputs: this.inputs, outputs: this.outputs, linear: this._output === 'linear' };
  }

  /* Runs fn; if it throws, puts both sets back as they were and rethrows. The
     CSV was checked before, so this only guards against the core refusing
     something the checks let through (or running out of memory). */
  _atomically(fn) {
    const train = this.getData('train'), test = this.getData('test');
    try {
      fn();
    } catch (e) {
      if (train.y.length > 0) this.setData(train);
      else while (this.pointCount > 0) this.removePoint(this.pointCount - 1); // back to no data
      this.setData(test, 'test');
      throw e;
    }
  }
}

/* loadCSV's second argument as { which, testFraction }. */
function csvTarget(how) {
  if (typeof how === 'string') return { which: SETS[setIndex(how)], testFraction: 0 };
  if (how === null || typeof how !== 'object') fail(`loadCSV's second argument must be 'train', 'test' or { testFraction }, got ${describe(how)}`);
  const given = readOptions(how, 'loadCSV\'s second argument', ['testFraction']);
  const f = given.testFraction === undefined ? 0 : given.testFraction;
  checkLimit(LIMITS.TEST_FRACTION, f);
  return { which: 'train', testFraction: f };
}

/* Parsed rows -> { train: { x, y }, test: { x, y } or null }. */
function splitRows(parsed, d, f) {
  const { x, y, n, per } = parsed;
  if (f === 0) return { train: { x, y }, test: null };
  const out = heldOutRows(n, f);
  const nt = out.reduce((a, b) => a + b, 0);
  if (nt === n) fail(`testFraction ${f} of ${n} row${n === 1 ? '' : 's'} leaves no training point`);
  const sets = [0, 1].map((t) => {
    const m = t ? nt : n - nt;
    return { x: new Float64Array(m * d), y: new y.constructor(m * per), at: 0 };
  });
  for (let i = 0; i < n; i++) {
    const s = sets[out[i]], j = s.at++;
    s.x.set(x.subarray(i * d, (i + 1) * d), j * d);
    s.y.set(y.subarray(i * per, (i + 1) * per), j * per);
  }
  return { train: { x: sets[0].x, y: sets[0].y }, test: nt > 0 ? { x: sets[1].x, y: sets[1].y } : null };
}

/* Copies DataApi's members onto cls.prototype, accessors included. */
export function installDataApi(cls) {
  const members = Object.getOwnPropertyDescriptors(DataApi.prototype);
  delete members.constructor;
  Object.defineProperties(cls.prototype, members);
}

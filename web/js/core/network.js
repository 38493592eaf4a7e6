/* network.js: the JavaScript face of the C core, shared by the page (bundled
   by esbuild, with build/mlp-core.js loaded before it as a classic script)
   and Node (require('.') at the project root, a CommonJS build of this file
   that tells it where the module is with setCoreLoader).

   It turns options into the numbers the wasm exports take, checks what only
   JavaScript can check (args.js), copies arrays in and out of wasm memory,
   and turns every failed call into a thrown Error whose message names the
   field and its allowed range. Views of wasm memory are made afresh on each
   use: memory may grow (new data, a bigger grid), which replaces the buffer
   behind every old view. */
import { LIMITS, checkLimit, typedArrayTag, TA_LENGTH } from './limits.js';
import {
  ACTIVATIONS, INITS, OUTPUTS, DEFAULTS, fail, checkInt, checkNumber, describe, normalise, readNumbers, FLOAT32_MAX,
} from './args.js';
import { PHASES, takeSnapshot } from './phase-snapshot.js';
import { DATASETS } from '../../build/limits.mjs';
import { installDataApi, setIndex } from './data-api.js'; // datasets, test set, editing, CSV
import { addTrainApi, applyTrainOptions, FEATURES, OPTIMIZERS, REGULARIZATIONS } from './train-api.js';
import { addRunState, isSavedRun, checkRun, createFromState, FORMAT } from './run-state.js';
import { addPredictApi } from './predict-api.js';
import { guard, guardMethods } from './guard.js';

export { ACTIVATIONS, INITS, OUTPUTS, DEFAULTS, PHASES, LIMITS, DATASETS, FEATURES, OPTIMIZERS, REGULARIZATIONS, FORMAT, FLOAT32_MAX };

/* The most work one step(epochs) call may do (net.maxStepEpochs): epochs *
   (training + test points, at least 1) * (paramCount + 64) <= STEP_BUDGET,
   about a second of wasm for any network; longer runs are several calls. */
export const STEP_BUDGET = 5e8;

/* Scratch buffers (grid, unit maps, loss records) larger than this are freed
   after the call that needed them; smaller ones are kept for the next call. */
export const SCRATCH_KEEP_BYTES = 4 * 1024 * 1024;

const TA_SET = Object.getPrototypeOf(Int8Array.prototype).set;
let loader = () => (typeof self !== 'undefined' ? self.MlpCore : undefined);
let corePromise = null;

/* Where the Emscripten factory comes from: by default the global that
   build/mlp-core.js defines in a page; Node's entry point passes a require. */
export function setCoreLoader(fn) { loader = fn; corePromise = null; }

/* Instantiates the wasm module once per process or page; every network
   shares it. Resolves to { module, createNetwork(options) } (synchronous). */
export function loadCore() {
  if (!corePromise) {
    let factory;
    try { factory = loader(); } catch (e) { factory = null; }
    if (typeof factory !== 'function') return Promise.reject(new Error('build/mlp-core.js is not loaded: run make'));
    corePromise = factory().then((M) => ({
      module: M,
      createNetwork: (options) => guard('createNetwork', () => new Network(M, options)),
      restoreNetwork: (run) => guard('restoreNetwork', () => new Network(M, checkSavedRun(run))),
    }));
  }
  return corePromise;
}

export async function createNetwork(options) {
  const core = await loadCore();
  return core.createNetwork(options);
}

/* createNetwork for a saved run only (an options object is refused). */
export async function restoreNetwork(run) {
  const core = await loadCore();
  return core.restoreNetwork(run);
}

function checkSavedRun(run) {
  if (!isSavedRun(run)) fail(`saved run: format must be ${JSON.stringify(FORMAT)}, got ${describe(run && run.format)}`);
  return run;
}

export class Network {
  /* options: createNetwork's options, or a saved run (net.toJSON()) to rebuild. */
  constructor(M, options) {
    const saved = isSavedRun(options); // run-state.js
    const { o, codes, state } = saved ? checkRun(options) : normalise(options);
    this._M = M;
    this._layers = o.layers.slice();
    this._output = o.output;
    this._activation = o.activation;
    this._ptr = saved ? createFromState(M, state) : this._init(o, codes);
    this._scratch = {}; // named wasm buffers reused across calls: { ptr, bytes }
    try {
      if (!saved) applyTrainOptions(this, o, codes); // train-api.js: features, optimiser, penalty
      if (!saved && o.dataset !== 'none') { // data-api.js: a generated set
        const { dataset, points, noise, classes, testFraction } = o;
        this.generateData({ dataset, points, noise, classes, testFraction });
      }
    } catch (e) {
      this.destroy();
      throw e;
    }
  }

  /* nn_init with the checked options: the network's pointer, or a throw. */
  _init(o, codes) {
    const M = this._M;
    const sizes = M._malloc(4 * this._layers.length);
    if (!sizes) fail('out of memory');
    M.HEAP32.set(this._layers, sizes >> 2);
    const ptr = M._nn_init(sizes, this._layers.length, codes.activation, codes.init, codes.output,
      o.learningRate, o.batchSize, o.seed >>> 0, codes.features);
    M._free(sizes);
    if (!ptr) fail(M.UTF8ToString(M._nn_error()));
    return ptr;
  }

  _live() {
    if (!this._ptr) fail('this network was destroyed: create a new one');
    return this._ptr;
  }

  _check(status) {
    if (status < 0) fail(this._M.UTF8ToString(this._M._nn_error()));
    return status;
  }

  _f64(ptr, length) { return new Float64Array(this._M.HEAPF64.buffer, ptr, length); }
  _i32(ptr, length) { return new Int32Array(this._M.HEAP32.buffer, ptr, length); }

  /* Copies a numeric array (a snapshot the wrapper made: readNumbers) into
     fresh wasm memory, runs fn(ptr), frees it. */
  _withArray(values, Type, fn) {
    const M = this._M;
    const ptr = M._malloc(Math.max(values.length, 1) * Type.BYTES_PER_ELEMENT);
    if (!ptr) fail('out of memory');
    try {
      new Type(M.HEAPF64.buffer, ptr, values.length).set(values);
      return fn(ptr);
    } finally {
      M._free(ptr);
    }
  }

  /* A wasm buffer of at least `bytes`, kept per name and grown when needed,
     so calls made every frame allocate nothing. */
  _buffer(name, bytes) {
    const M = this._M;
    let b = this._scratch[name];
    if (!b || b.bytes < bytes) {
      if (b) { delete this._scratch[name]; M._free(b.ptr); }
      const ptr = M._malloc(bytes);
      if (!ptr) fail(`out of memory: ${name} needs ${bytes} bytes of wasm memory`);
      this._scratch[name] = b = { ptr, bytes };
    }
    return b.ptr;
  }

  /* Frees scratch buffer `name` if it is over SCRATCH_KEEP_BYTES. */
  _shrink(name) {
    const b = this._scratch[name];
    if (b && b.bytes > SCRATCH_KEEP_BYTES) { delete this._scratch[name]; this._M._free(b.ptr); }
  }

  get layers() { this._live(); return this._layers.slice(); }
  get output() { this._live(); return this._output; }
  get activation() { this._live(); return this._activation; }
  /* Values per data point: layers[0], or the 2 raw inputs (x1, x2) the features are made from. */
  get inputs() { return this._M._nn_features(this._live()) ? 2 : this._layers[0]; }
  get outputs() { this._live(); return this._layers[this._layers.length - 1]; }
  get epoch() { return this._M._nn_epoch(this._live()); }
  get diverged() { return this._M._nn_diverged(this._live()) !== 0; }
  get pointCount() { return this._M._nn_n_points(this._live()); }
  get paramCount() { return this._M._nn_param_count(this._live()); }

  /* Loss of the current parameters on all the data (cross-entropy, or mean
     squared error for a linear output); NaN without data. */
  get loss() { return this._M._nn_loss(this._live()); }

  /* Loss of the current batch as computed by the last 'loss' phase (NaN before). */
  get batchLoss() { return this._M._nn_batch_loss(this._live()); }

  get learningRate() { return this._M._nn_learning_rate(this._live()); }
  set learningRate(lr) {
    checkNumber(lr, 'learningRate');
    checkLimit(LIMITS.LEARNING_RATE, lr);
    this._check(this._M._nn_set_learning_rate(this._live(), lr));
  }

  /* The phase last performed: { phase: name, layer }. */
  get phase() { return this._decodePhase(this._M._nn_phase(this._live())); }

  _decodePhase(code) {
    let name = PHASES[code & 15];
    if (name === 'output' && this._output === 'softmax') name = 'softmax';
    return { phase: name, layer: code >> 4 };
  }

  /* Fraction of the training (or 'test') points classified correctly (null
     for a linear output; NaN for an empty set). */
  accuracy(which = 'train') {
    const M = this._M, ptr = this._live();
    const a = setIndex(which) ? M._nn_test_accuracy(ptr) : M._nn_accuracy(ptr);
    return Number.isNaN(a) && this._output === 'linear' ? null : a;
  }

  /* The most epochs one step call may train for this network and its data
     (epochs * points * (parameters + 64) <= STEP_BUDGET): callers' chunk size. */
  get maxStepEpochs() {
    const M = this._M, ptr = this._live(), points = Math.max(1, M._nn_n_points(ptr) + M._nn_test_points(ptr));
    return Math.max(1, Math.floor(STEP_BUDGET / (points * (M._nn_param_count(ptr) + 64))));
  }

  /* Trains `epochs` epochs: { epoch, loss, diverged }, loss that of the current
     parameters. `losses` (Float64Array, >= epochs values) gets each epoch's loss from
     its own forward pass (losses[i] at epoch e0 + i, as the seed's list, at no cost);
     `testLosses` the test loss at the same parameters (NaN without a test set). */
  step(epochs = 1, losses, testLosses) {
    this._train(epochs, 0, losses, testLosses);
    return { epoch: this.epoch, loss: this.loss, diverged: this.diverged };
  }

  /* step's checks and call, stopping after maxPhases phases (0: none). */
  _train(epochs, maxPhases, losses, testLosses) {
    const M = this._M, ptr = this._live();
    checkLimit(LIMITS.EPOCHS, epochs);
    for (const [a, name] of [[losses, 'losses'], [testLosses, 'testLosses']]) {
      if (a !== undefined && !(typedArrayTag(a) === 'Float64Array' && TA_LENGTH.call(a) >= epochs)) {
        fail(`${name} must be a Float64Array of at least ${epochs} values, got ${describe(a)}`);
      }
    }
    const most = this.maxStepEpochs;
    if (epochs > most) {
      fail(`epochs must be at most ${most} in one step call for this network (${M._nn_param_count(ptr)} parameters, ` +
        `${M._nn_n_points(ptr) + M._nn_test_points(ptr)} points: epochs * points * (parameters + 64) <= ${STEP_BUDGET}, ` +
        `about a second); call step in chunks, got ${epochs}`);
    }
    const e0 = this.epoch;
    try {
      const buf = losses ? this._buffer('losses', epochs * 8) : 0, testBuf = testLosses ? this._buffer('testLosses', epochs * 8) : 0;
      this._check(M._nn_step_phases(ptr, epochs, maxPhases, buf, testBuf));
      if (losses) TA_SET.call(losses, this._f64(buf, this.epoch - e0));
      if (testLosses) TA_SET.call(testLosses, this._f64(testBuf, this.epoch - e0));
    } finally {
      this._shrink('losses');
      this._shrink('testLosses');
    }
  }

  /* Performs the next phase of the current iteration and returns one frozen
     snapshot of it (phase-snapshot.js): what the phase computed and
     everything computed before it in the iteration, as copies. */
  stepPhase() {
    const before = this.getParams();
    this._check(this._M._nn_phase_step(this._live()));
    return takeSnapshot(this, before);
  }

  /* The snapshot of the phase last performed, without performing another. */
  snapshot() { return takeSnapshot(this, null); }

  /* Activations of layer l (0 = the batch's inputs, L = outputs) for the
     current batch: Float64Array(units * m), unit j of column q at [j*m + q]. */
  activations(l) {
    const M = this._M, ptr = this._live();
    checkInt(l, 'layer', 0, this._layers.length - 1);
    return this._f64(M._nn_activations(ptr, l), this._layers[l] * M._nn_batch_size(ptr)).slice();
  }

  /* delta_l = dL/dz_l for the current batch, l = 1..L, laid out as activations. */
  deltas(l) {
    const M = this._M, ptr = this._live();
    checkInt(l, 'layer', 1, this._layers.length - 1);
    return this._f64(M._nn_deltas(ptr, l), this._layers[l] * M._nn_batch_size(ptr)).slice();
  }

  logits() {
    const M = this._M, ptr = this._live();
    return this._f64(M._nn_logits(ptr), this.outputs * M._nn_batch_size(ptr)).slice();
  }

  /* Data index of each column of the current batch. */
  batchIndex() {
    const M = this._M, ptr = this._live();
    return this._i32(M._nn_batch_index(ptr), M._nn_batch_size(ptr)).slice();
  }

  /* Where each layer's W and b sit in getParams(): W is (fanIn x fanOut) row-major. */
  paramLayout() {
    const M = this._M, ptr = this._live();
    const out = [];
    for (let l = 1; l < this._layers.length; l++) {
      const fanIn = this._layers[l - 1], fanOut = this._layers[l];
      const W = M._nn_layer_offset(ptr, l);
      out.push({ layer: l, fanIn, fanOut, W, b: W + fanIn * fanOut });
    }
    return out;
  }

  /* Copies of the parameters / last gradients. Pass `out` (a Float64Array of
     paramCount values) to fill one array every frame instead of allocating. */
  getParams(out) { return this._copyOut(this._M._nn_params(this._live()), out, 'out'); }
  getGrads(out) { return this._copyOut(this._M._nn_grads(this._live()), out, 'out'); }

  _copyOut(ptr, out, field) {
    const n = this._M._nn_param_count(this._ptr);
    // Checked through internal slots (no getter of `out` runs), then copied.
    if (out !== undefined && !(typedArrayTag(out) === 'Float64Array' && TA_LENGTH.call(out) === n)) {
      fail(`${field} must be a Float64Array of ${n} values, got ${describe(out)}`);
    }
    const view = this._f64(ptr, n);
    if (out === undefined) return view.slice();
    TA_SET.call(out, view);
    return out;
  }

  /* Gradients of layer l: { W: Float64Array(fanIn*fanOut), b: Float64Array(fanOut) }. */
  layerGrads(l) {
    this._live();
    checkInt(l, 'layer', 1, this._layers.length - 1);
    const g = this.getGrads(), e = this.paramLayout()[l - 1];
    return { W: g.slice(e.W, e.b), b: g.slice(e.b, e.b + e.fanOut) };
  }

  setParams(p) {
    const n = this.paramCount;
    const v = readNumbers(p, 'params', n, `be a Float64Array of ${n} values`);
    if (v.length !== n) fail(`params must hold exactly ${n} values, got ${v.length}`);
    const ptr = this._live(); // reading p may have run the caller's code (a Proxy)
    this._withArray(v, Float64Array, (buf) => this._check(this._M._nn_set_params(ptr, buf, n)));
  }

  /* The training (or 'test') set: { x: Float64Array(n*inputs) row-major,
     y: Int32Array(n) labels, or Float64Array(n*outputs) targets for a
     linear output }. */
  getData(which = 'train') {
    const M = this._M, ptr = this._live(), test = setIndex(which) === 1;
    const n = test ? M._nn_test_points(ptr) : M._nn_n_points(ptr), d = this.inputs, K = this.outputs;
    const x = new Float64Array(n * d);
    if (n > 0) transposeInto(x, this._f64(test ? M._nn_test_x(ptr) : M._nn_data_x(ptr), d * n), n, d);
    if (this._output === 'linear') {
      const y = new Float64Array(n * K);
      if (n > 0) transposeInto(y, this._f64(test ? M._nn_test_targets(ptr) : M._nn_data_targets(ptr), K * n), n, K);
      return { x, y };
    }
    const labels = test ? M._nn_test_labels(ptr) : M._nn_data_labels(ptr);
    return { x, y: n > 0 ? this._i32(labels, n).slice() : new Int32Array(0) };
  }

  /* Replaces the training set (which clears the test set) or, with 'test',
     the test set alone (0 points clear it). */
  setData(data, which = 'train') {
    const M = this._M, d = this.inputs, K = this.outputs, test = setIndex(which) === 1;
    if (!data || typeof data !== 'object') fail(`data must be an object { x, y }, got ${describe(data)}`);
    const { x, y } = data; // each read once
    const limit = test ? LIMITS.TEST_POINTS : LIMITS.POINTS;
    const xs = readNumbers(x, 'x', limit.max * d, `hold n*${d} numbers (n points, ${d} inputs each)`);
    if ((xs.length === 0 && !test) || xs.length % d !== 0) {
      fail(`x must hold n*${d} numbers (n points, ${d} inputs each), got ${xs.length} numbers`);
    }
    const n = xs.length / d;
    if (test) checkLimit(LIMITS.TEST_POINTS, n, 'number of test points');
    else checkLimit(LIMITS.POINTS, n, 'number of points');
    const linear = this._output === 'linear';
    const want = linear ? n * K : n;
    const what = `hold ${want} ${linear ? 'target values (points x outputs)' : 'labels'} to match x`;
    const ys = readNumbers(y, 'y', want, what);
    if (ys.length !== want) fail(`y must ${what}, got ${describe(y)}`);
    if (!linear) {
      for (let i = 0; i < n; i++) {
        if (!Number.isInteger(ys[i]) || ys[i] < 0 || ys[i] >= K) fail(`y[${i}] must be a class from 0 to ${K - 1}, got ${describe(ys[i])}`);
      }
    }
    const ptr = this._live(); // reading x and y may have run the caller's code
    this._withArray(xs, Float64Array, (xp) =>
      this._withArray(linear ? ys : Int32Array.from(ys), linear ? Float64Array : Int32Array, (yp) =>
        this._check((test ? M._nn_set_test_data : M._nn_set_data)(ptr, n, xp, linear ? 0 : yp, linear ? yp : 0))));
  }

  /* Frees the network and its scratch buffers. It cannot fail half-way: the
     network is marked destroyed first (every later call throws 'this
     network was destroyed'), every block is freed even if one free throws
     (the first failure is rethrown at the end), and a second call does
     nothing. */
  destroy() {
    const ptr = this._ptr, scratch = this._scratch, M = this._M;
    if (!ptr) return;
    this._ptr = 0;
    this._scratch = {};
    let failure = null;
    const free = (fn, p) => { try { fn(p); } catch (e) { failure = failure || e; } };
    free((p) => M._nn_destroy(p), ptr);
    for (const name of Object.keys(scratch)) if (scratch[name]) free((p) => M._free(p), scratch[name].ptr);
    if (failure) fail(`destroy: freeing wasm memory failed (${failure instanceof Error ? failure.message : describe(failure)}); the network is destroyed`);
  }
}

addTrainApi(Network.prototype);
addPredictApi(Network.prototype);
addRunState(Network.prototype);
installDataApi(Network);
guardMethods(Network.prototype);

/* (d x n), points innermost as the core keeps them -> (n x d) row-major. */
function transposeInto(out, src, n, d) {
  for (let i = 0; i < n; i++) for (let k = 0; k < d; k++) out[i * d + k] = src[k * n + i];
}

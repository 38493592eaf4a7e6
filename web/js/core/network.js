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
import { LIMITS, checkLimit } from './limits.js';
import {
  ACTIVATIONS, INITS, OUTPUTS, DEFAULTS, fail, checkInt, checkNumber, describe, isArrayLike, normalise,
} from './args.js';
import { PHASES, takeSnapshot } from './phase-snapshot.js';
import { DATASETS } from '../../build/limits.mjs';
import { installDataApi, setIndex } from './data-api.js'; // datasets, test set, editing, CSV
// net-api: features, optimisers, penalties, unit maps; saving and restoring a run.
import { addTrainApi, applyTrainOptions, FEATURES, OPTIMIZERS, REGULARIZATIONS } from './train-api.js';
import { addRunState, isSavedRun, checkRun, createFromState, FORMAT } from './run-state.js';

export { ACTIVATIONS, INITS, OUTPUTS, DEFAULTS, PHASES, LIMITS, DATASETS };
export { FEATURES, OPTIMIZERS, REGULARIZATIONS, FORMAT };

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
      module: M, createNetwork: (options) => new Network(M, options),
      restoreNetwork: (run) => new Network(M, checkSavedRun(run)),
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
    const saved = isSavedRun(options); // net-api: run-state.js
    const { o, codes, state } = saved ? checkRun(options) : normalise(options);
    this._M = M;
    this._layers = o.layers.slice();
    this._output = o.output;
    this._activation = o.activation;
    this._ptr = saved ? createFromState(M, state) : this._init(o, codes);
    this._scratch = {}; // named wasm buffers reused across calls: { ptr, bytes }
    try {
      if (!saved) applyTrainOptions(this, o, codes); // net-api: train-api.js
      if (!saved && o.dataset !== 'none') { // data-api: data-api.js
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

  /* Copies a numeric array into fresh wasm memory, runs fn(ptr), frees it. */
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
      if (b) M._free(b.ptr);
      const ptr = M._malloc(bytes);
      this._scratch[name] = b = ptr ? { ptr, bytes } : undefined;
      if (!ptr) fail('out of memory');
    }
    return b.ptr;
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

  /* Trains `epochs` epochs: { epoch, loss, diverged }, loss being that of
     the current parameters. Pass `losses` (a Float64Array of at least
     `epochs` values) to receive each completed epoch's training loss, the
     loss its own forward pass computed: losses[i] is the loss at epoch
     e0 + i (e0 = the epoch before the call), as the seed's losses list,
     at no extra cost. `testLosses` likewise receives the test loss at the
     same parameters (NaN without a test set), from the test set alone. */
  step(epochs = 1, losses, testLosses) {
    const ptr = this._live();
    checkLimit(LIMITS.EPOCHS, epochs);
    for (const [a, name] of [[losses, 'losses'], [testLosses, 'testLosses']]) {
      if (a !== undefined && !(a instanceof Float64Array && a.length >= epochs)) {
        fail(`${name} must be a Float64Array of at least ${epochs} values, got ${describe(a)}`);
      }
    }
    const e0 = this.epoch;
    const buf = losses ? this._buffer('losses', epochs * 8) : 0;
    const testBuf = testLosses ? this._buffer('testLosses', epochs * 8) : 0;
    this._check(this._M._nn_step_record(ptr, epochs, buf, testBuf));
    const epoch = this.epoch;
    if (losses) losses.set(this._f64(buf, epoch - e0));
    if (testLosses) testLosses.set(this._f64(testBuf, epoch - e0));
    return { epoch, loss: this.loss, diverged: this.diverged };
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
    checkInt(l, 'layer', 0, this._layers.length - 1);
    const M = this._M, ptr = this._live();
    return this._f64(M._nn_activations(ptr, l), this._layers[l] * M._nn_batch_size(ptr)).slice();
  }

  /* delta_l = dL/dz_l for the current batch, l = 1..L, laid out as activations. */
  deltas(l) {
    checkInt(l, 'layer', 1, this._layers.length - 1);
    const M = this._M, ptr = this._live();
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
    const view = this._f64(ptr, n);
    if (out === undefined) return view.slice();
    if (!(out instanceof Float64Array) || out.length !== n) {
      fail(`${field} must be a Float64Array of ${n} values, got ${describe(out)}`);
    }
    out.set(view);
    return out;
  }

  /* Gradients of layer l: { W: Float64Array(fanIn*fanOut), b: Float64Array(fanOut) }. */
  layerGrads(l) {
    checkInt(l, 'layer', 1, this._layers.length - 1);
    const g = this.getGrads(), e = this.paramLayout()[l - 1];
    return { W: g.slice(e.W, e.b), b: g.slice(e.b, e.b + e.fanOut) };
  }

  setParams(p) {
    const ptr = this._live();
    if (!isArrayLike(p)) fail(`params must be a Float64Array of ${this.paramCount} values, got ${describe(p)}`);
    if (p.length !== this.paramCount) fail(`params must hold exactly ${this.paramCount} values, got ${p.length}`);
    this._withArray(p, Float64Array, (buf) => this._check(this._M._nn_set_params(ptr, buf, p.length)));
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
    const ptr = this._live(), M = this._M, d = this.inputs, K = this.outputs, test = setIndex(which) === 1;
    if (!data || typeof data !== 'object') fail(`data must be an object { x, y }, got ${describe(data)}`);
    const { x, y } = data;
    if (!isArrayLike(x) || (x.length === 0 && !test) || x.length % d !== 0) {
      fail(`x must hold n*${d} numbers (n points, ${d} inputs each), got ${describe(x)}`);
    }
    const n = x.length / d;
    if (test) checkLimit(LIMITS.TEST_POINTS, n, 'number of test points');
    else checkLimit(LIMITS.POINTS, n, 'number of points');
    const linear = this._output === 'linear';
    const want = linear ? n * K : n;
    if (!isArrayLike(y) || y.length !== want) {
      fail(`y must hold ${want} ${linear ? 'target values (points x outputs)' : 'labels'} to match x, got ${describe(y)}`);
    }
    if (!linear) {
      for (let i = 0; i < n; i++) {
        if (!Number.isInteger(y[i]) || y[i] < 0 || y[i] >= K) fail(`y[${i}] must be a class from 0 to ${K - 1}, got ${describe(y[i])}`);
      }
    }
    this._withArray(x, Float64Array, (xp) =>
      this._withArray(y, linear ? Float64Array : Int32Array, (yp) =>
        this._check((test ? M._nn_set_test_data : M._nn_set_data)(ptr, n, xp, linear ? 0 : yp, linear ? yp : 0))));
  }

  /* Outputs for points [x0, y0, x1, y1, ...] (inputs values per point):
     Float64Array(n * outputs), point-major. */
  predict(points) {
    const ptr = this._live(), M = this._M, d = this.inputs, K = this.outputs;
    if (!isArrayLike(points) || points.length === 0 || points.length % d !== 0) {
      fail(`points must hold n*${d} numbers (x0, y0, x1, y1, ...), got ${describe(points)}`);
    }
    const n = points.length / d;
    const outPtr = M._malloc(n * K * 8);
    if (!outPtr) fail('out of memory');
    try {
      this._withArray(points, Float64Array, (xp) => this._check(M._nn_predict(ptr, xp, n, outPtr)));
      return this._f64(outPtr, n * K).slice();
    } finally {
      M._free(outPtr);
    }
  }

  /* Outputs over a grid of pixel centres: Float32Array(width*height*outputs),
     pixel 0 at (xMin, yMax), rows going down, columns going right. Pass
     `out` (a Float32Array of that length) to reuse one array every frame. */
  predictGrid(grid, out) {
    const ptr = this._live(), M = this._M, K = this.outputs;
    if (!grid || typeof grid !== 'object') fail(`grid must be an object { xMin, xMax, yMin, yMax, width, height }, got ${describe(grid)}`);
    const { xMin, xMax, yMin, yMax, width, height } = grid;
    for (const [v, name] of [[xMin, 'xMin'], [xMax, 'xMax'], [yMin, 'yMin'], [yMax, 'yMax']]) checkNumber(v, name);
    checkLimit(LIMITS.GRID_SIDE, width, 'width');
    checkLimit(LIMITS.GRID_SIDE, height, 'height');
    const floats = width * height * K;
    if (out !== undefined && !(out instanceof Float32Array && out.length === floats)) {
      fail(`out must be a Float32Array of width*height*${K} = ${floats} values, got ${describe(out)}`);
    }
    checkLimit(LIMITS.GRID_PIXELS, width * height);
    const buf = this._buffer('grid', floats * 4);
    this._check(M._nn_predict_grid(ptr, xMin, xMax, yMin, yMax, width, height, buf));
    const view = new Float32Array(M.HEAPF32.buffer, buf, floats);
    if (out) { out.set(view); return out; }
    return view.slice();
  }

  destroy() {
    if (!this._ptr) return;
    this._M._nn_destroy(this._ptr);
    for (const b of Object.values(this._scratch)) this._M._free(b.ptr);
    this._scratch = {};
    this._ptr = 0;
  }
}

addTrainApi(Network.prototype);
addRunState(Network.prototype);
installDataApi(Network);

/* (d x n), points innermost as the core keeps them -> (n x d) row-major. */
function transposeInto(out, src, n, d) {
  for (let i = 0; i < n; i++) for (let k = 0; k < d; k++) out[i * d + k] = src[k * n + i];
}

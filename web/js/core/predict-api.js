/* predict-api.js: a network's outputs at given points and over a grid of
   pixel centres (installed on Network.prototype by network.js). Outputs are
   finite: a linear output beyond float32's range is clamped in grids. */
import { LIMITS, checkLimit, typedArrayTag, TA_LENGTH } from './limits.js';
import { fail, checkNumber, describe, readNumbers, finiteOutputs, FLOAT32_MAX } from './args.js';

const TA_SET = Object.getPrototypeOf(Int8Array.prototype).set;

/* The grid argument of predictGrid and unitGrids, read once (each property
   a single time: a getter runs once) and checked: bounds are numbers (the
   core checks their range and order), sides and pixel count within the
   limits. */
export function readGrid(grid) {
  if (!grid || typeof grid !== 'object') fail(`grid must be an object { xMin, xMax, yMin, yMax, width, height }, got ${describe(grid)}`);
  const g = { xMin: grid.xMin, xMax: grid.xMax, yMin: grid.yMin, yMax: grid.yMax, width: grid.width, height: grid.height };
  for (const name of ['xMin', 'xMax', 'yMin', 'yMax']) checkNumber(g[name], name);
  checkLimit(LIMITS.GRID_SIDE, g.width, 'width');
  checkLimit(LIMITS.GRID_SIDE, g.height, 'height');
  checkLimit(LIMITS.GRID_PIXELS, g.width * g.height);
  return g;
}

/* An `out` array to fill: undefined, or a Float32Array of exactly `floats`
   values (`size` says how that length is made). */
export function checkOut(out, floats, size) {
  if (out !== undefined && !(typedArrayTag(out) === 'Float32Array' && TA_LENGTH.call(out) === floats)) {
    fail(`out must be a Float32Array of ${size} = ${floats} values, got ${describe(out)}`);
  }
}

class PredictApi {
  /* Outputs for points [x0, y0, x1, y1, ...] (inputs values per point):
     Float64Array(n * outputs), point-major. */
  predict(points) {
    const M = this._M, d = this.inputs, K = this.outputs;
    const what = `hold n*${d} numbers (x0, y0, x1, y1, ...)`;
    const v = readNumbers(points, 'points', LIMITS.PREDICT_POINTS.max * d, what);
    if (v.length === 0 || v.length % d !== 0) fail(`points must ${what}, got ${v.length} numbers`);
    const n = v.length / d;
    const ptr = this._live(); // reading points may have run the caller's code
    const outPtr = M._malloc(n * K * 8);
    if (!outPtr) fail(`out of memory: predict needs ${n * K * 8} bytes of wasm memory for ${n} points`);
    try {
      this._withArray(v, Float64Array, (xp) => this._check(M._nn_predict(ptr, xp, n, outPtr)));
      return finiteOutputs(this._f64(outPtr, n * K).slice(), 'predict', Number.MAX_VALUE);
    } finally {
      M._free(outPtr);
    }
  }

  /* Outputs over a grid of pixel centres: Float32Array(width*height*outputs),
     pixel 0 at (xMin, yMax), rows going down, columns going right. Pass
     `out` (a Float32Array of that length) to reuse one array every frame. */
  predictGrid(grid, out) {
    const M = this._M, K = this.outputs;
    const { xMin, xMax, yMin, yMax, width, height } = readGrid(grid);
    const floats = width * height * K;
    checkOut(out, floats, `width*height*${K}`);
    const ptr = this._live(); // reading grid may have run the caller's code (getters)
    try {
      const buf = this._buffer('grid', floats * 4);
      this._check(M._nn_predict_grid(ptr, xMin, xMax, yMin, yMax, width, height, buf));
      const view = new Float32Array(M.HEAPF32.buffer, buf, floats);
      // Softmax probabilities are within [0, 1] by construction (the core
      // subtracts the largest logit); only a linear output can overflow.
      if (this._output === 'linear') finiteOutputs(view, 'predictGrid', FLOAT32_MAX);
      if (out) { TA_SET.call(out, view); return out; }
      return view.slice();
    } finally {
      this._shrink('grid');
    }
  }
}

export function addPredictApi(proto) {
  const members = Object.getOwnPropertyDescriptors(PredictApi.prototype);
  delete members.constructor;
  Object.defineProperties(proto, members);
}

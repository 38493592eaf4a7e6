/* reference.js: the same network in plain JavaScript, the yardstick for the
   wasm core. It is the seed's numpy algorithm written out as loops over
   Float64Arrays, the way one would write it by hand in JS:

     forward   a_0 = X;  a_l = act(a_{l-1} W_l + b_l);  z = a_{L-1} W_L + b_L
               yhat = softmax(z) (max subtracted), loss = -mean log yhat[label]
     backward  d_L = (yhat - Y) / n;  dW_l = a_{l-1}^T d_l;  db_l = sum_p d_l
               d_{l-1} = (d_l W_l^T) * act'(a_{l-1})
     update    W -= lr dW, b -= lr db   (full batch, every epoch)

   Matrices are point-major as in numpy: a_l is (n x units_l) row-major, so
   unit j of point p is a[p*units + j]. Parameters use the core's layout (per
   layer W (fan_in x fan_out) row-major, then b), so getParams() of a wasm
   network can be loaded as is. Math.exp and Math.tanh do the transcendentals.

   Only the softmax output and the sigmoid/tanh/relu/linear hidden activations
   of the benchmark are implemented. */
'use strict';

const ACT = {
  sigmoid: { f: (z) => 1 / (1 + Math.exp(-z)), df: (a) => a * (1 - a) },
  tanh: { f: (z) => Math.tanh(z), df: (a) => 1 - a * a },
  relu: { f: (z) => (z > 0 ? z : 0), df: (a) => (a > 0 ? 1 : 0) },
  linear: { f: (z) => z, df: () => 1 },
};

class ReferenceMLP {
  /* layers: sizes [inputs, hidden..., classes]; params: Float64Array in the
     core's layout; data: { x: (n x inputs) row-major, y: labels }. */
  constructor({ layers, activation, learningRate }, params, data) {
    if (!ACT[activation]) throw new Error(`unknown activation ${activation}`);
    this.sizes = layers.slice();
    this.L = layers.length - 1;
    this.act = ACT[activation];
    this.lr = learningRate;
    this.W = [null];                     // W[l]: offset of W_l in params
    this.b = [null];                     // b[l]: offset of b_l
    let off = 0;
    for (let l = 1; l <= this.L; l++) {
      this.W.push(off);
      off += layers[l - 1] * layers[l];
      this.b.push(off);
      off += layers[l];
    }
    if (params.length !== off) throw new Error(`params must hold ${off} values, got ${params.length}`);
    this.params = Float64Array.from(params);
    this.grads = new Float64Array(off);
    this.setData(data);
    // Per-pixel scratch for predictGrid: one point's activations per layer.
    this.one = layers.map((u) => new Float64Array(u));
  }

  setParams(p) { this.params.set(p); }

  setData({ x, y }) {
    const d = this.sizes[0];
    this.n = x.length / d;
    this.X = Float64Array.from(x);
    this.Y = Int32Array.from(y);
    this.A = this.sizes.map((u) => new Float64Array(this.n * u));   // a_l (n x units_l)
    this.D = this.sizes.map((u) => new Float64Array(this.n * u));   // d_l (n x units_l)
    this.A[0].set(this.X);
  }

  /* a_l for n points, from A[0] already filled; the last layer gets softmax
     probabilities. Returns nothing: the results stay in A. */
  forward(A, n) {
    const { sizes, L, params } = this;
    const f = this.act.f;
    for (let l = 1; l <= L; l++) {
      const fin = sizes[l - 1], fout = sizes[l], W = this.W[l], b = this.b[l];
      const a = A[l - 1], z = A[l];
      for (let p = 0; p < n; p++) {
        for (let j = 0; j < fout; j++) {
          let s = params[b + j];
          for (let i = 0; i < fin; i++) s += a[p * fin + i] * params[W + i * fout + j];
          z[p * fout + j] = l < L ? f(s) : s;
        }
      }
    }
    const K = sizes[L], P = A[L];
    for (let p = 0; p < n; p++) {        // softmax per point, largest score subtracted
      let mx = P[p * K];
      for (let k = 1; k < K; k++) mx = Math.max(mx, P[p * K + k]);
      let s = 0;
      for (let k = 0; k < K; k++) {
        const e = Math.exp(P[p * K + k] - mx);
        P[p * K + k] = e;
        s += e;
      }
      for (let k = 0; k < K; k++) P[p * K + k] /= s;
    }
  }

  /* Mean cross-entropy of the probabilities in A[L] against the labels. */
  crossEntropy() {
    const K = this.sizes[this.L], P = this.A[this.L];
    let total = 0;
    for (let p = 0; p < this.n; p++) total -= Math.log(P[p * K + this.Y[p]]);
    return total / this.n;
  }

  /* One epoch of full-batch gradient descent; returns the loss before the update. */
  epoch() {
    const { sizes, L, params, grads, A, D, n } = this;
    const df = this.act.df;
    this.forward(A, n);
    const loss = this.crossEntropy();
    const K = sizes[L];
    for (let p = 0; p < n; p++) {        // d_out = (yhat - Y) / n
      for (let k = 0; k < K; k++) D[L][p * K + k] = (A[L][p * K + k] - (this.Y[p] === k ? 1 : 0)) / n;
    }
    for (let l = L; l >= 1; l--) {
      const fin = sizes[l - 1], fout = sizes[l], W = this.W[l], b = this.b[l];
      const a = A[l - 1], d = D[l];
      grads.fill(0, W, b + fout);
      for (let p = 0; p < n; p++) {      // dW = a^T d, db = sum over points of d
        for (let i = 0; i < fin; i++) {
          const ai = a[p * fin + i];
          for (let j = 0; j < fout; j++) grads[W + i * fout + j] += ai * d[p * fout + j];
        }
        for (let j = 0; j < fout; j++) grads[b + j] += d[p * fout + j];
      }
      if (l > 1) {                       // d_hid = (d W^T) * act'(a)
        const dh = D[l - 1];
        for (let p = 0; p < n; p++) {
          for (let i = 0; i < fin; i++) {
            let s = 0;
            for (let j = 0; j < fout; j++) s += d[p * fout + j] * params[W + i * fout + j];
            dh[p * fin + i] = s * df(a[p * fin + i]);
          }
        }
      }
    }
    for (let k = 0; k < params.length; k++) params[k] -= this.lr * grads[k];
    return loss;
  }

  train(epochs) {
    let loss = NaN;
    for (let e = 0; e < epochs; e++) loss = this.epoch();
    return loss;
  }

  /* Loss of the current parameters on all the data. */
  loss() {
    this.forward(this.A, this.n);
    return this.crossEntropy();
  }

  /* Softmax probabilities over a width x height grid of pixel centres, pixel
     (r, c) at x = xMin + (c + 0.5) dx, y = yMax - (r + 0.5) dy, into out
     (Float32Array(width*height*K), pixel-major), one forward pass per pixel. */
  predictGrid({ xMin, xMax, yMin, yMax, width, height }, out) {
    const K = this.sizes[this.L], one = this.one;
    const dx = (xMax - xMin) / width, dy = (yMax - yMin) / height;
    const P = one[this.L];
    for (let r = 0; r < height; r++) {
      for (let c = 0; c < width; c++) {
        one[0][0] = xMin + (c + 0.5) * dx;
        one[0][1] = yMax - (r + 0.5) * dy;
        this.forward(one, 1);
        const o = (r * width + c) * K;
        for (let k = 0; k < K; k++) out[o + k] = P[k];
      }
    }
    return out;
  }
}

module.exports = { ReferenceMLP };

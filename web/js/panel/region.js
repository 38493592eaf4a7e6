/* region.js: the decision region. Every pixel of the plane takes the colour
   of the class the network predicts there (region-paint.js colourise), with
   the training points on top, each class with its own colour and marker,
   and axes around.

   While the network trains, the field is computed by predictGrid on a coarse
   grid (128 x 128, or fewer for a large network so that it stays near 1.5 ms)
   and scaled smoothly onto the canvas.
   When the parameters stop changing it is recomputed at the canvas's device
   pixel resolution, in stripes that fit the frame's time budget, and drawn
   1:1. Both grids, their ImageData and the predictGrid output arrays are
   allocated when the canvas or the network changes, never per frame. */
import { formatNumber as fmt } from '../lib/numbers.js';
import { fitCanvas } from '../kit/canvas.js';
import { ticks } from '../kit/ticks.js';
import { CLASS_PLACES, CLASS_SHAPES } from '../kit/markers.js';
import { colourise, paintRegion } from './region-paint.js';
import { colouriseLinear, scaleRange } from './data-colormap.js';

export const DOMAIN = Object.freeze({ xMin: -2.5, xMax: 2.5, yMin: -2.5, yMax: 2.5 });
const COARSE_MAX = 128;
const COARSE_MIN = 16;
const COARSE_WORK = 8e6;   // grid points x (parameters + units) per coarse field: ~1.5 ms
const STRIPE_PIXELS = 16384;
const STRIPE_WORK = 4e6;   // ... and grid points x (parameters + units) per stripe: ~1 ms
const MARGIN = { left: 30, right: 10, top: 10, bottom: 28 }; // CSS px, for ticks and labels

/* A grid's canvas, ImageData and its pixels as 32-bit words. */
function makeImage(holder, w, h) {
  holder.canvas.width = w;
  holder.canvas.height = h;
  holder.image = new ImageData(w, h);
  holder.pixels = new Uint32Array(holder.image.data.buffer);
}

export function createRegion(canvas, invalidate) { return new Region(canvas, invalidate); }

class Region {
  constructor(canvas, invalidate) {
    const tickBuf = new Float64Array(16);
    const count = ticks(DOMAIN.xMin, DOMAIN.xMax, 5, tickBuf); // the domain is fixed
    this.canvas = canvas;
    this.ticks = { values: tickBuf, count, labels: Array.from(tickBuf.subarray(0, count), (v) => fmt(v, 0)) };
    this.fonts = { ticks: '', axis: '' };
    this.theme = null;
    this.net = null;
    // One grid point's cost (the network's parameters + units), kept from
    // setNetwork: a resize may come after the network was destroyed.
    this.cost = 1;
    this.K = 4;
    this.points = null;   // training data, copied once per network and per edit
    this.labels = null;   // classes (Int32Array), or targets for a linear output
    this.testPoints = null; // the held-out test set, drawn hollow
    this.testLabels = null;
    this.dataset = 'quadrants'; // its name, for the description (the panel sets it)
    this.linear = false;  // a regression network: one linear output, a diverging colour map
    this.range = 1;       // ... over [-range, range]
    this.highlight = null; // { train: Uint8Array, test: Uint8Array } marks of a confusion cell's points
    this.cursor = { x: 0, y: 0, on: false }; // the keyboard's cursor, in data units
    this.selected = -1;   // the followed training point, ringed
    // Plot square in device pixels (integers) and in CSS pixels.
    this.plot = { left: 0, top: 0, side: 0, cssLeft: 0, cssTop: 0, cssSide: 0 };
    this.coarse = { n: 0, out: null, image: null, pixels: null, canvas: document.createElement('canvas'), stale: true };
    this.fine = { w: 0, rows: 0, out: null, lastOut: null, image: null, pixels: null, canvas: document.createElement('canvas'), row: 0, done: false, needed: false };
    this.compose = true;
    // Grid, points and axes (region-paint.js), and how often they were drawn (tests).
    this.overlay = { canvas: document.createElement('canvas'), stale: true, paints: 0 };
    this.badPixels = 0;
    this.grid = { xMin: 0, xMax: 0, yMin: 0, yMax: 0, width: 0, height: 0 }; // reused argument
    this.probe = new Float64Array(8);
    this.domain = DOMAIN;
    this.toCssX = (x) => this.plot.cssLeft + (x - DOMAIN.xMin) / (DOMAIN.xMax - DOMAIN.xMin) * this.plot.cssSide;
    this.toCssY = (y) => this.plot.cssTop + (DOMAIN.yMax - y) / (DOMAIN.yMax - DOMAIN.yMin) * this.plot.cssSide;
    this.size = fitCanvas(canvas, () => { this.resize(); invalidate(); }).size;
  }

  /* The plot square and both grids for the canvas's new size. */
  resize() {
    const { size, plot, coarse, fine } = this, dpr = size.dpr;
    const availW = size.width - MARGIN.left - MARGIN.right, availH = size.height - MARGIN.top - MARGIN.bottom;
    plot.side = Math.max(1, Math.floor(Math.min(availW, availH) * dpr));
    plot.left = Math.round(MARGIN.left * dpr + (availW * dpr - plot.side) / 2);
    plot.top = Math.round(MARGIN.top * dpr);
    plot.cssLeft = plot.left / dpr;
    plot.cssTop = plot.top / dpr;
    plot.cssSide = plot.side / dpr;
    const n = Math.min(plot.side, this.coarseSide());
    if (coarse.n !== n) {
      coarse.n = n;
      makeImage(coarse, n, n);
      coarse.out = new Float32Array(n * n * this.K);
    }
    fine.needed = plot.side > n;
    if (fine.needed && fine.w !== plot.side) {
      const w = fine.w = plot.side;
      fine.rows = Math.max(1, Math.min(Math.floor(STRIPE_PIXELS / w), Math.floor(STRIPE_WORK / (w * this.cost))));
      makeImage(fine, w, w);
      fine.out = new Float32Array(w * fine.rows * this.K);
      const rest = w % fine.rows;
      fine.lastOut = rest ? new Float32Array(w * rest * this.K) : null;
    }
    this.restyle();
    this.changed();
  }

  /* The coarse field's side: COARSE_MAX, or less for a network so large
     that the field would cost more than COARSE_WORK (8 x 64 units: 16). */
  coarseSide() {
    return Math.max(COARSE_MIN, Math.min(COARSE_MAX, Math.floor(Math.sqrt(COARSE_WORK / this.cost))));
  }

  setNetwork(network) {
    const coarse = this.coarse;
    this.net = network;
    this.cost = network.paramCount + network.unitCount;
    this.K = network.outputs;
    this.linear = network.output === 'linear';
    this.setData();
    if (coarse.out && coarse.out.length !== coarse.n * coarse.n * this.K) coarse.out = new Float32Array(coarse.n * coarse.n * this.K);
    // Both grids follow the network: outputs per pixel, the coarse side and the stripe height.
    this.fine.w = 0;
    if (this.plot.side > 1) this.resize();
    this.changed();
  }

  /* The network's data changed (a point added or removed, a new draw):
     copies both sets. A regression's colour range follows the targets. */
  setData() {
    const d = this.net.getData(), t = this.net.getData('test');
    this.points = d.x;
    this.labels = d.y;
    this.testPoints = t.x;
    this.testLabels = t.y;
    this.highlight = null;
    if (this.linear) {
      const all = new Float64Array(d.y.length + t.y.length);
      all.set(d.y); all.set(t.y, d.y.length);
      const r = scaleRange(all);
      if (r !== this.range) { this.range = r; this.changed(); }
    }
    this.restyle();
  }

  /* Marks points of a confusion cell ({ train, test } Uint8Arrays over each
     set, 1 = marked), or null for none. */
  setHighlight(h) { this.highlight = h; this.restyle(); }

  /* What the overlay shows changed (data, marks, theme, size): redraw it. */
  restyle() { this.overlay.stale = true; this.compose = true; }

  /* The keyboard's cursor at (x, y) in data units; on: drawn. */
  setCursor(x, y, on) {
    const c = this.cursor;
    if (c.x !== x || c.y !== y || c.on !== on) { c.x = x; c.y = y; c.on = on; this.compose = true; }
  }

  /* The field's pixels from predictGrid's outputs. */
  colourise(out, count, pixels, at) {
    if (this.linear) return colouriseLinear(this.theme, out, count, pixels, at, this.range);
    return colourise(this.theme, this.K, out, count, pixels, at);
  }

  setTheme(t) { this.theme = t; this.fonts = { ticks: `11px ${t.font}`, axis: `italic 12px ${t.font}` }; this.restyle(); this.changed(); }
  setSelected(i) { if (i !== this.selected) { this.selected = i; this.compose = true; } }
  get refined() { return !this.fine.needed || this.fine.done; }

  /* The parameters (or the colours) changed: recompute the coarse field
     next frame and start the full-resolution one again. */
  changed() {
    this.coarse.stale = true;
    this.fine.row = 0;
    this.fine.done = false;
    this.compose = true;
  }

  setGrid(yMax, yMin, width, height) {
    Object.assign(this.grid, { xMin: DOMAIN.xMin, xMax: DOMAIN.xMax, yMin, yMax, width, height });
  }

  computeCoarse() {
    const { coarse } = this, n = coarse.n;
    this.setGrid(DOMAIN.yMax, DOMAIN.yMin, n, n);
    this.net.predictGrid(this.grid, coarse.out);
    this.badPixels = this.colourise(coarse.out, n * n, coarse.pixels, 0);
    coarse.canvas.getContext('2d').putImageData(coarse.image, 0, 0);
    coarse.stale = false;
    this.compose = true;
  }

  /* Computes full-resolution stripes until `deadline` (performance.now()). */
  refine(deadline) {
    const { fine } = this, w = fine.w, dy = (DOMAIN.yMax - DOMAIN.yMin) / w;
    while (fine.row < w && performance.now() < deadline) {
      const rows = Math.min(fine.rows, w - fine.row);
      const out = rows === fine.rows ? fine.out : fine.lastOut;
      this.setGrid(DOMAIN.yMax - fine.row * dy, DOMAIN.yMax - (fine.row + rows) * dy, w, rows);
      this.net.predictGrid(this.grid, out);
      this.colourise(out, w * rows, fine.pixels, fine.row * w);
      fine.row += rows;
    }
    if (fine.row >= w) {
      fine.canvas.getContext('2d').putImageData(fine.image, 0, 0);
      fine.done = true;
      this.compose = true;
    }
  }

  /* Draws what changed. `refineUntil` is a performance.now() deadline for
     full-resolution work, or 0 while training (the field would be stale
     by the next frame). Returns true while refinement is unfinished. */
  draw(refineUntil) {
    const { coarse, fine } = this;
    if (!this.net || !this.theme || this.plot.side <= 1) return false;
    if (coarse.stale) this.computeCoarse();
    else if (refineUntil && fine.needed && !fine.done) this.refine(refineUntil);
    if (this.compose) {
      this.compose = false;
      const refined = fine.needed && fine.done;
      paintRegion(this, refined ? fine.canvas : coarse.canvas, !refined);
    }
    return fine.needed && !fine.done;
  }

  /* CSS pixels from the canvas's top left -> data coordinates. */
  fromCssX(px) { return DOMAIN.xMin + (px - this.plot.cssLeft) / this.plot.cssSide * (DOMAIN.xMax - DOMAIN.xMin); }
  fromCssY(py) { return DOMAIN.yMax - (py - this.plot.cssTop) / this.plot.cssSide * (DOMAIN.yMax - DOMAIN.yMin); }

  /* The training point nearest to (px, py), CSS pixels from the canvas's
     top left, if it lies within `tolerance` CSS pixels; else -1. */
  pointAt(px, py, tolerance) {
    const { points, labels } = this;
    if (!points || this.plot.cssSide <= 1) return -1;
    let best = -1, bestD = tolerance * tolerance;
    for (let i = 0; i < labels.length; i++) {
      const dx = this.toCssX(points[2 * i]) - px, dy = this.toCssY(points[2 * i + 1]) - py;
      const d = dx * dx + dy * dy;
      if (d <= bestD) { bestD = d; best = i; }
    }
    return best;
  }

  /* Probabilities at (x, y) from the coarse field: a reused array. */
  probabilities(x, y) {
    const { coarse, probe } = this, n = coarse.n;
    const col = Math.min(n - 1, Math.max(0, Math.floor((x - DOMAIN.xMin) / (DOMAIN.xMax - DOMAIN.xMin) * n)));
    const row = Math.min(n - 1, Math.max(0, Math.floor((DOMAIN.yMax - y) / (DOMAIN.yMax - DOMAIN.yMin) * n)));
    for (let k = 0; k < this.K; k++) probe[k] = coarse.out ? coarse.out[(row * n + col) * this.K + k] : NaN;
    return probe;
  }

  /* A sentence for the canvas's aria-label. The seed's quadrants: the
     predicted class at each cluster centre; other class data: the share of
     the plane each class takes; regression: the range of the outputs.
     Called now and then, not per frame. */
  describe() {
    if (!this.net || !this.coarse.out) return 'Decision region: not computed yet.';
    const n = this.labels ? this.labels.length : 0, nt = this.testLabels ? this.testLabels.length : 0;
    const lead = `Decision region over x₁ and x₂ from ${DOMAIN.xMin} to ${DOMAIN.xMax}, with ${n} training points` +
      (nt ? ` and ${nt} test points (hollow)` : '');
    if (this.linear) return `${lead}: ${this.describeOutputs()}`;
    if (this.K === 4 && this.dataset === 'quadrants') return `${lead}: ${this.describeQuadrants()}.`;
    return `${lead}: ${this.describeShares()}.`;
  }

  describeQuadrants() {
    const centres = [[1, 1], [-1, 1], [-1, -1], [1, -1]];
    return centres.map(([x, y], q) => {
      const p = this.probabilities(x, y);
      let best = 0;
      for (let k = 1; k < this.K; k++) if (p[k] > p[best]) best = k;
      return `${CLASS_PLACES[q]} predicted class ${best} (${CLASS_SHAPES[best]}) at ${Math.round(p[best] * 100)}%`;
    }).join('; ');
  }

  /* "class 0 (circles) over 48% of the plane; ..." from the coarse grid. */
  describeShares() {
    const { out, n } = this.coarse, K = this.K, counts = new Array(K).fill(0);
    for (let p = 0; p < n * n; p++) {
      let best = 0;
      for (let k = 1; k < K; k++) if (out[p * K + k] > out[p * K + best]) best = k;
      counts[best]++;
    }
    return counts.map((c, k) => `class ${k} (${CLASS_SHAPES[k]}) predicted over ${Math.round((100 * c) / (n * n))}% of the plane`).join('; ');
  }

  describeOutputs() {
    const { out, n } = this.coarse;
    let lo = Infinity, hi = -Infinity;
    for (let p = 0; p < n * n; p++) { if (out[p] < lo) lo = out[p]; if (out[p] > hi) hi = out[p]; }
    return `the network's output goes from ${fmt(lo, 2)} to ${fmt(hi, 2)} (blue above 0, orange below, on a scale from ` +
      `${-this.range} to ${this.range}); points are coloured by their target.`;
  }

  /* Device-pixel position of the data point (x, y) on the canvas (tests), and its inverse. */
  toDevice(x, y) { return { x: this.toCssX(x) * this.size.dpr, y: this.toCssY(y) * this.size.dpr }; }
  fromDevice(x, y) { return { x: this.fromCssX(x / this.size.dpr), y: this.fromCssY(y / this.size.dpr) }; }
  /* The same from CSS pixels (a pointer's offset from the canvas). */
  fromCss(x, y) { return { x: this.fromCssX(x), y: this.fromCssY(y) }; }
}

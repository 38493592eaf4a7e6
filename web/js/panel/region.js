/* region.js: the decision region. Every pixel of the plane takes the colour
   of the class the network predicts there (region-paint.js colourise), with
   the training points on top, each class with its own colour and marker,
   and axes around.

   While the network trains, the field is computed by predictGrid on a coarse
   grid (at most 128 x 128, about 1.3 ms) and scaled smoothly onto the canvas.
   When the parameters stop changing it is recomputed at the canvas's device
   pixel resolution, in stripes that fit the frame's time budget, and drawn
   1:1. Both grids, their ImageData and the predictGrid output arrays are
   allocated when the canvas or the network changes, never per frame. */
import { formatNumber as fmt } from '../lib/numbers.js';
import { fitCanvas } from '../kit/canvas.js';
import { ticks } from '../kit/ticks.js';
import { CLASS_PLACES, CLASS_SHAPES } from '../kit/markers.js';
import { colourise, paintRegion } from './region-paint.js';

export const DOMAIN = Object.freeze({ xMin: -2.5, xMax: 2.5, yMin: -2.5, yMax: 2.5 });
const COARSE_MAX = 128;
const STRIPE_PIXELS = 16384;
const MARGIN = { left: 30, right: 10, top: 10, bottom: 28 }; // CSS px, for ticks and labels

/* A grid's canvas, ImageData and its pixels as 32-bit words. */
function makeImage(holder, w, h) {
  holder.canvas.width = w;
  holder.canvas.height = h;
  holder.image = new ImageData(w, h);
  holder.pixels = new Uint32Array(holder.image.data.buffer);
}

export function createRegion(canvas, invalidate) {
  const tickBuf = new Float64Array(16);
  const tickCount = ticks(DOMAIN.xMin, DOMAIN.xMax, 5, tickBuf); // the domain is fixed
  const tickInfo = { values: tickBuf, count: tickCount, labels: Array.from(tickBuf.subarray(0, tickCount), (v) => fmt(v, 0)) };
  let fonts = { ticks: '', axis: '' };
  let theme = null, net = null, K = 4;
  let points = null, labels = null; // training data, copied once per network
  let selected = -1;                 // the followed training point, ringed
  // Plot square in device pixels (integers) and in CSS pixels.
  const plot = { left: 0, top: 0, side: 0, cssLeft: 0, cssTop: 0, cssSide: 0 };
  const coarse = { n: 0, out: null, image: null, pixels: null, canvas: document.createElement('canvas'), stale: true };
  const fine = { w: 0, rows: 0, out: null, lastOut: null, image: null, pixels: null, canvas: document.createElement('canvas'), row: 0, done: false, needed: false };
  let compose = true, badPixels = 0;
  const grid = { xMin: 0, xMax: 0, yMin: 0, yMax: 0, width: 0, height: 0 }; // reused argument

  const size = fitCanvas(canvas, () => { resize(); invalidate(); }).size;

  function resize() {
    const dpr = size.dpr;
    const availW = size.width - MARGIN.left - MARGIN.right, availH = size.height - MARGIN.top - MARGIN.bottom;
    plot.side = Math.max(1, Math.floor(Math.min(availW, availH) * dpr));
    plot.left = Math.round(MARGIN.left * dpr + (availW * dpr - plot.side) / 2);
    plot.top = Math.round(MARGIN.top * dpr);
    plot.cssLeft = plot.left / dpr;
    plot.cssTop = plot.top / dpr;
    plot.cssSide = plot.side / dpr;
    const n = Math.min(COARSE_MAX, plot.side);
    if (coarse.n !== n) {
      coarse.n = n;
      makeImage(coarse, n, n);
      coarse.out = new Float32Array(n * n * K);
    }
    fine.needed = plot.side > n;
    if (fine.needed && fine.w !== plot.side) {
      const w = fine.w = plot.side;
      fine.rows = Math.max(1, Math.floor(STRIPE_PIXELS / w));
      makeImage(fine, w, w);
      fine.out = new Float32Array(w * fine.rows * K);
      const rest = w % fine.rows;
      fine.lastOut = rest ? new Float32Array(w * rest * K) : null;
    }
    changed();
  }

  function setNetwork(network) {
    net = network;
    K = net.outputs;
    const d = net.getData();
    points = d.x;
    labels = d.y;
    if (coarse.out && coarse.out.length !== coarse.n * coarse.n * K) coarse.out = new Float32Array(coarse.n * coarse.n * K);
    changed();
  }

  /* The parameters (or the colours) changed: recompute the coarse field
     next frame and start the full-resolution one again. */
  function changed() {
    coarse.stale = true;
    fine.row = 0;
    fine.done = false;
    compose = true;
  }

  function setGrid(yMax, yMin, width, height) {
    grid.xMin = DOMAIN.xMin; grid.xMax = DOMAIN.xMax; grid.yMin = yMin; grid.yMax = yMax;
    grid.width = width; grid.height = height;
  }

  function computeCoarse() {
    const n = coarse.n;
    setGrid(DOMAIN.yMax, DOMAIN.yMin, n, n);
    net.predictGrid(grid, coarse.out);
    badPixels = colourise(theme, K, coarse.out, n * n, coarse.pixels, 0);
    coarse.canvas.getContext('2d').putImageData(coarse.image, 0, 0);
    coarse.stale = false;
    compose = true;
  }

  /* Computes full-resolution stripes until `deadline` (performance.now()). */
  function refine(deadline) {
    const w = fine.w, dy = (DOMAIN.yMax - DOMAIN.yMin) / w;
    while (fine.row < w && performance.now() < deadline) {
      const rows = Math.min(fine.rows, w - fine.row);
      const out = rows === fine.rows ? fine.out : fine.lastOut;
      setGrid(DOMAIN.yMax - fine.row * dy, DOMAIN.yMax - (fine.row + rows) * dy, w, rows);
      net.predictGrid(grid, out);
      colourise(theme, K, out, w * rows, fine.pixels, fine.row * w);
      fine.row += rows;
    }
    if (fine.row >= w) {
      fine.canvas.getContext('2d').putImageData(fine.image, 0, 0);
      fine.done = true;
      compose = true;
    }
  }

  /* Draws what changed. `refineUntil` is a performance.now() deadline for
     full-resolution work, or 0 while training (the field would be stale
     by the next frame). Returns true while refinement is unfinished. */
  function draw(refineUntil) {
    if (!net || !theme || plot.side <= 1) return false;
    if (coarse.stale) computeCoarse();
    else if (refineUntil && fine.needed && !fine.done) refine(refineUntil);
    if (compose) {
      compose = false;
      const refined = fine.needed && fine.done;
      paintRegion({
        canvas, size, plot, theme, fonts, ticks: tickInfo, points, labels, K, selected, toCssX, toCssY,
        field: refined ? fine.canvas : coarse.canvas, fieldSide: !refined,
      });
    }
    return fine.needed && !fine.done;
  }

  function toCssX(x) { return plot.cssLeft + (x - DOMAIN.xMin) / (DOMAIN.xMax - DOMAIN.xMin) * plot.cssSide; }
  function toCssY(y) { return plot.cssTop + (DOMAIN.yMax - y) / (DOMAIN.yMax - DOMAIN.yMin) * plot.cssSide; }
  /* The inverses: CSS pixels from the canvas's top left -> data coordinates. */
  function fromCssX(px) { return DOMAIN.xMin + (px - plot.cssLeft) / plot.cssSide * (DOMAIN.xMax - DOMAIN.xMin); }
  function fromCssY(py) { return DOMAIN.yMax - (py - plot.cssTop) / plot.cssSide * (DOMAIN.yMax - DOMAIN.yMin); }

  /* The training point nearest to (px, py), CSS pixels from the canvas's
     top left, if it lies within `tolerance` CSS pixels; else -1. */
  function pointAt(px, py, tolerance) {
    if (!points || plot.cssSide <= 1) return -1;
    let best = -1, bestD = tolerance * tolerance;
    for (let i = 0; i < labels.length; i++) {
      const dx = toCssX(points[2 * i]) - px, dy = toCssY(points[2 * i + 1]) - py;
      const d = dx * dx + dy * dy;
      if (d <= bestD) { bestD = d; best = i; }
    }
    return best;
  }

  /* Probabilities at (x, y) from the coarse field: a reused array. */
  const probe = new Float64Array(8);
  function probabilities(x, y) {
    const n = coarse.n;
    const col = Math.min(n - 1, Math.max(0, Math.floor((x - DOMAIN.xMin) / (DOMAIN.xMax - DOMAIN.xMin) * n)));
    const row = Math.min(n - 1, Math.max(0, Math.floor((DOMAIN.yMax - y) / (DOMAIN.yMax - DOMAIN.yMin) * n)));
    for (let k = 0; k < K; k++) probe[k] = coarse.out ? coarse.out[(row * n + col) * K + k] : NaN;
    return probe;
  }

  /* A sentence for the canvas's aria-label: the predicted class at each
     cluster centre. Called now and then, not per frame. */
  function describe() {
    if (!net || !coarse.out) return 'Decision region: not computed yet.';
    const centres = [[1, 1], [-1, 1], [-1, -1], [1, -1]];
    const parts = centres.map(([x, y], q) => {
      const p = probabilities(x, y);
      let best = 0;
      for (let k = 1; k < K; k++) if (p[k] > p[best]) best = k;
      return `${CLASS_PLACES[q]} predicted class ${best} (${CLASS_SHAPES[best & 3]}) at ${Math.round(p[best] * 100)}%`;
    });
    return `Decision region over x₁ and x₂ from ${DOMAIN.xMin} to ${DOMAIN.xMax}, with ${labels ? labels.length : 0} training points: ` +
      parts.join('; ') + '.';
  }

  return {
    setNetwork, changed, draw, describe, probabilities, pointAt,
    setTheme(t) { theme = t; fonts = { ticks: `11px ${t.font}`, axis: `italic 12px ${t.font}` }; changed(); },
    setSelected(i) { if (i !== selected) { selected = i; compose = true; } },
    get badPixels() { return badPixels; },
    get refined() { return !fine.needed || fine.done; },
    get selected() { return selected; },
    /* Device-pixel position of the data point (x, y) on the canvas (tests). */
    toDevice(x, y) { return { x: toCssX(x) * size.dpr, y: toCssY(y) * size.dpr }; },
    /* Its inverse, and the same from CSS pixels (a pointer's offset from the canvas). */
    fromDevice(x, y) { return { x: fromCssX(x / size.dpr), y: fromCssY(y / size.dpr) }; },
    fromCss(x, y) { return { x: fromCssX(x), y: fromCssY(y) }; },
    domain: DOMAIN,
  };
}

/* demo-approx-draw.js: the universal approximation demo's plot. Drawing is
   split along what the plot shows, bottom to top: the axes (kit/axis.js),
   the target (its curve and the 64 training points), the fit with the N
   scaled sigmoids and the output bias that add up to it, and the keyboard
   cursor. Every buffer is allocated once, at mount (createBuffers), so a
   frame allocates nothing. */
import { clearedContext } from '../kit/canvas.js';
import { gridLines, tickLabels } from '../kit/axis.js';
import { approx as cfg, approxTarget } from './demo-configs.js';
import { createBox, fitBox, clipTo } from './demo-plot.js';

export const MAX_SAMPLES = 512; // curve resolution cap, in samples across the plot
// The browser tests drag across the plot with these margins (explainer.test.js).
export const MARGIN = Object.freeze({ left: 40, right: 12, top: 10, bottom: 26 });

const X_TICKS = [-Math.PI, -Math.PI / 2, 0, Math.PI / 2, Math.PI];
const X_LABELS = ['−π', '−π/2', '0', 'π/2', 'π'];
const Y_TICKS = [-1, 1, 0]; // the last, y = 0, is drawn as the axis
const Y_LABELS = ['−1', '1', '0'];

function sigmoid(z) { return 1 / (1 + Math.exp(-z)); }

/* The fit and its parts at `count` points xs, from the parameters of a
   [1, N, 1] network (layout of mlp.h: W1 (1 x N), b1 (N), W2 (N x 1), b2).
   fit[s] = c + sum_i v_i sigma(w_i xs[s] + b_i); if `parts` is given,
   parts[i * stride + s] = v_i sigma(w_i xs[s] + b_i). Returns c. */
export function curves(params, units, xs, count, fit, parts, stride) {
  const c = params[3 * units];
  for (let s = 0; s < count; s++) fit[s] = c;
  for (let i = 0; i < units; i++) {
    const w = params[i], b = params[units + i], v = params[2 * units + i];
    for (let s = 0; s < count; s++) {
      const y = v * sigmoid(w * xs[s] + b);
      fit[s] += y;
      if (parts) parts[i * stride + s] = y;
    }
  }
  return c;
}

/* Data <-> CSS pixel maps of a canvas whose `size` is updated in place. */
export function createGeometry(size) {
  const M = MARGIN, box = createBox(M);
  const plotW = () => size.width - M.left - M.right, plotH = () => size.height - M.top - M.bottom;
  return {
    box,
    fit: () => fitBox(box, M, size),
    X: (x) => M.left + (x - cfg.xMin) / (cfg.xMax - cfg.xMin) * plotW(),
    Y: (y) => M.top + (cfg.yMax - y) / (cfg.yMax - cfg.yMin) * plotH(),
    invX: (p) => cfg.xMin + (p - M.left) / plotW() * (cfg.xMax - cfg.xMin),
    invY: (p) => cfg.yMax - (p - M.top) / plotH() * (cfg.yMax - cfg.yMin),
  };
}

/* The training point whose cell holds x. */
export function indexOfX(x) {
  const P = cfg.points;
  const i = Math.floor((x - cfg.xMin) / (cfg.xMax - cfg.xMin) * P);
  return i < 0 ? 0 : i >= P ? P - 1 : i;
}

export function createBuffers() {
  return {
    xs: new Float64Array(MAX_SAMPLES),
    fit: new Float64Array(MAX_SAMPLES),
    exact: new Float64Array(MAX_SAMPLES),              // a built-in target at the samples
    parts: new Float64Array(cfg.unitsMax * MAX_SAMPLES), // unit i's curve at [i * MAX_SAMPLES]
    samples: 0,
    tx: new Float64Array(X_TICKS.length),
    ty: new Float64Array(Y_TICKS.length),
    zero: new Float64Array(1),
  };
}

/* Grid lines at x = −π ... π and y = ±1, y = 0 darker as the axis, and labels. */
function drawAxes(ctx, g, c, buf) {
  for (let k = 0; k < X_TICKS.length; k++) buf.tx[k] = g.X(X_TICKS[k]);
  for (let k = 0; k < Y_TICKS.length; k++) buf.ty[k] = g.Y(Y_TICKS[k]);
  buf.zero[0] = buf.ty[2];
  ctx.font = c.font;
  ctx.lineWidth = 1;
  ctx.strokeStyle = c.grid;
  gridLines(ctx, g.box, buf.tx, buf.ty, buf.tx.length, 2);
  ctx.strokeStyle = c.axis;
  gridLines(ctx, g.box, buf.tx, buf.zero, 0, 1);
  ctx.fillStyle = c.muted;
  tickLabels(ctx, g.box, { xs: buf.tx, xLabels: X_LABELS, ys: buf.ty, yLabels: Y_LABELS, gap: 6 });
}

/* A line through (xs[s], ys[offset + s]) for s < count. */
function polyline(ctx, g, xs, ys, offset, count) {
  ctx.beginPath();
  for (let s = 0; s < count; s++) {
    const X = g.X(xs[s]), Y = g.Y(ys[offset + s]);
    if (s === 0) ctx.moveTo(X, Y); else ctx.lineTo(X, Y);
  }
  ctx.stroke();
}

/* The target: its curve (faint; a drawn one through its points), then the
   training points. */
function drawTarget(ctx, d, buf) {
  const g = d.geom, c = d.colors, P = d.px.length;
  ctx.strokeStyle = c.target;
  ctx.globalAlpha = 0.45;
  ctx.lineWidth = 2;
  if (d.target === 'drawn') {
    polyline(ctx, g, d.px, d.values, 0, P);
  } else {
    for (let s = 0; s < buf.samples; s++) buf.exact[s] = approxTarget(d.target, buf.xs[s]);
    polyline(ctx, g, buf.xs, buf.exact, 0, buf.samples);
  }
  ctx.globalAlpha = 1;
  ctx.fillStyle = c.target;
  ctx.beginPath();
  for (let i = 0; i < P; i++) {
    const X = g.X(d.px[i]), Y = g.Y(d.values[i]);
    ctx.moveTo(X + 2.5, Y);
    ctx.arc(X, Y, 2.5, 0, 2 * Math.PI);
  }
  ctx.fill();
}

/* The scaled sigmoids (blue if v_i > 0, orange if < 0), the bias c dashed,
   then their sum, the fit, on top. */
function drawFit(ctx, d, buf) {
  const g = d.geom, c = d.colors, units = d.units;
  d.net.getParams(d.params);
  const bias = curves(d.params, units, buf.xs, buf.samples, buf.fit, buf.parts, MAX_SAMPLES);
  ctx.lineWidth = 1.25;
  ctx.globalAlpha = units > 12 ? 0.5 : 0.7;
  for (let i = 0; i < units; i++) {
    ctx.strokeStyle = d.params[2 * units + i] >= 0 ? c.pos : c.neg;
    polyline(ctx, g, buf.xs, buf.parts, i * MAX_SAMPLES, buf.samples);
  }
  ctx.globalAlpha = 1;
  ctx.strokeStyle = c.muted;
  ctx.setLineDash([5, 4]);
  ctx.beginPath();
  ctx.moveTo(g.box.left, g.Y(bias));
  ctx.lineTo(g.box.left + g.box.width, g.Y(bias));
  ctx.stroke();
  ctx.setLineDash([]);
  ctx.strokeStyle = c.line;
  ctx.lineWidth = 2.5;
  polyline(ctx, g, buf.xs, buf.fit, 0, buf.samples);
}

/* Where ↑ ↓ would raise or lower the target: a dashed line and a ring. */
function drawCursor(ctx, d) {
  const g = d.geom, X = g.X(d.px[d.cursor]), Y = g.Y(d.values[d.cursor]);
  ctx.strokeStyle = d.colors.cursor;
  ctx.lineWidth = 1.5;
  ctx.setLineDash([3, 3]);
  ctx.beginPath(); ctx.moveTo(X, g.box.top); ctx.lineTo(X, g.box.top + g.box.height); ctx.stroke();
  ctx.setLineDash([]);
  ctx.beginPath(); ctx.arc(X, Y, 6, 0, 2 * Math.PI); ctx.stroke();
}

/* The whole plot, from the demo's state d (see demo-approx.js). */
export function drawApprox(d, buf) {
  const ctx = clearedContext(d.ui.canvas, d.size);
  const w = d.size.width, h = d.size.height;
  if (w < 60 || h < 60) return;
  const g = d.geom;
  g.fit();
  ctx.fillStyle = d.colors.bg;
  ctx.fillRect(0, 0, w, h);
  drawAxes(ctx, g, d.colors, buf);
  // About one sample every 2 CSS pixels: smooth curves at any width.
  buf.samples = Math.max(64, Math.min(MAX_SAMPLES, Math.round(g.box.width / 2)));
  for (let s = 0; s < buf.samples; s++) buf.xs[s] = cfg.xMin + (cfg.xMax - cfg.xMin) * s / (buf.samples - 1);
  clipTo(ctx, g.box);
  ctx.lineJoin = 'round';
  drawTarget(ctx, d, buf);
  if (d.net) drawFit(ctx, d, buf);
  if (d.focused) drawCursor(ctx, d);
  ctx.restore();
}

/* demo-vanishing-draw.js: one run's plot in the sigmoid-against-ReLU demo:
   the norm of each weight layer's gradient, and the loss dashed, against the
   epoch, both axes logarithmic. Split into the scale, the axes (decades, by
   kit/axis.js) and the lines. Allocates nothing per frame: the scale and
   the tick buffers are made once per canvas. */
import { clearedContext } from '../kit/canvas.js';
import { gridLines, tickLabels } from '../kit/axis.js';
import { powerOfTen } from '../lib/numbers.js';
import { vanishing as cfg } from './demo-configs.js';
import { createBox, fitBox, clipTo } from './demo-plot.js';

const MARGIN = Object.freeze({ left: 46, right: 12, top: 10, bottom: 30 });
const LX0 = 0, LX1 = Math.log10(cfg.maxEpochs);
const LY0 = Math.log10(cfg.normMin), LY1 = Math.log10(cfg.normMax);

// Decades: a grid line each; a label on every other one on y (and on 10⁰).
const Y_DECADES = [], Y_LABELS = [], X_DECADES = [], X_LABELS = [];
for (let k = Math.ceil(LY0); k <= Math.floor(LY1); k++) {
  Y_DECADES.push(k);
  Y_LABELS.push((k - Math.ceil(LY0)) % 2 === 0 || k === 0 ? powerOfTen(k) : '');
}
for (let k = 0; k <= Math.floor(LX1); k++) {
  X_DECADES.push(k);
  X_LABELS.push(String(10 ** k));
}

/* The log-log scale of a canvas whose `size` is updated in place, with its
   tick positions: X(epoch), Y(norm) in CSS pixels (norms below the plot's
   range sit on its floor). */
export function createLogScale(size) {
  const box = createBox(MARGIN);
  return {
    box, size,
    xs: new Float64Array(X_DECADES.length),
    ys: new Float64Array(Y_DECADES.length),
    fit: () => fitBox(box, MARGIN, size),
    X: (e) => MARGIN.left + (Math.log10(e) - LX0) / (LX1 - LX0) * box.width,
    Y: (v) => MARGIN.top + (LY1 - Math.log10(v < cfg.normMin ? cfg.normMin : v)) / (LY1 - LY0) * box.height,
  };
}

function drawAxes(ctx, sc, c) {
  const box = sc.box;
  for (let k = 0; k < X_DECADES.length; k++) sc.xs[k] = sc.X(10 ** X_DECADES[k]);
  for (let k = 0; k < Y_DECADES.length; k++) sc.ys[k] = sc.Y(10 ** Y_DECADES[k]);
  ctx.font = c.font;
  ctx.lineWidth = 1;
  ctx.strokeStyle = c.grid;
  gridLines(ctx, box, sc.xs, sc.ys);
  ctx.fillStyle = c.muted;
  tickLabels(ctx, box, { ys: sc.ys, yLabels: Y_LABELS, gap: 6 });
  tickLabels(ctx, box, { xs: sc.xs, xLabels: X_LABELS, gap: 5 });
  ctx.textAlign = 'right';
  ctx.fillText('epoch', box.left + box.width, box.top + box.height + 17);
  ctx.strokeStyle = c.axis;
  ctx.strokeRect(box.left + 0.5, box.top + 0.5, box.width - 1, box.height - 1);
}

/* One line per weight layer through the recorded norms (a dot while there
   is one sample), then the loss, dashed. `s` is a run of demo-vanishing.js:
   epochs[k], norms[k * L + l], losses[k] for k < count. */
function drawLines(ctx, sc, s, c) {
  const L = s.tmp.length;
  ctx.lineWidth = 2;
  ctx.lineJoin = 'round';
  for (let l = 0; l < L; l++) {
    ctx.strokeStyle = c.layers[l];
    ctx.beginPath();
    for (let k = 0; k < s.count; k++) {
      const x = sc.X(s.epochs[k]), y = sc.Y(s.norms[k * L + l]);
      if (k === 0) ctx.moveTo(x, y); else ctx.lineTo(x, y);
    }
    if (s.count === 1) ctx.arc(sc.X(s.epochs[0]), sc.Y(s.norms[l]), 1.5, 0, 2 * Math.PI);
    ctx.stroke();
  }
  ctx.strokeStyle = c.muted;
  ctx.lineWidth = 1.5;
  ctx.setLineDash([6, 4]);
  ctx.beginPath();
  for (let k = 0; k < s.count; k++) {
    const x = sc.X(s.epochs[k]), y = sc.Y(s.losses[k]);
    if (k === 0) ctx.moveTo(x, y); else ctx.lineTo(x, y);
  }
  ctx.stroke();
  ctx.setLineDash([]);
}

/* The run's whole plot on its canvas (s.canvas, scale s.scale). */
export function drawRun(s, colors) {
  const sc = s.scale, size = sc.size;
  const ctx = clearedContext(s.canvas, size);
  if (size.width < 80 || size.height < 60) return;
  sc.fit();
  ctx.fillStyle = colors.bg;
  ctx.fillRect(0, 0, size.width, size.height);
  drawAxes(ctx, sc, colors);
  clipTo(ctx, sc.box);
  drawLines(ctx, sc, s, colors);
  ctx.restore();
}

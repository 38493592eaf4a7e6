/* losschart.js: the cross-entropy loss over epochs, with the ln K reference
   (ln 4 = 1.386: the loss of a uniform guess), on a linear or log scale;
   with a test set, the test loss too, dashed and labelled; for regression
   the mean squared error, with the loss of always guessing the mean as the
   reference. The records are loss-history.js (constant memory whatever the
   run's length); drawing is split into the scale, the axes, the reference
   and the curves. */
import { formatNumber as fmt } from '../lib/numbers.js';
import { fitCanvas, cssContext } from '../kit/canvas.js';
import { ticks } from '../kit/ticks.js';
import { gridLines, tickMarks, tickLabels } from '../kit/axis.js';
import { createHistory } from './loss-history.js';

const CAPACITY = 512;
const MARGIN = { left: 44, right: 12, top: 22, bottom: 30 };

function compactEpoch(v) {
  if (v >= 1e6) return `${+(v / 1e6).toFixed(1)}M`;
  if (v >= 1e3) return `${+(v / 1e3).toFixed(1)}k`;
  return String(Math.round(v));
}

/* The chart's scales for the history: { X(epoch), Y(loss), yLo, yHi, xMax }. */
function scales(history, box, reference, logScale, others) {
  const n = history.count;
  const xMax = Math.max(10, n ? history.epoch[n - 1] : 0);
  const base = Math.max(reference, Number.isFinite(history.first) ? history.first : reference);
  let lo = history.lo, hi = history.hi;
  for (const o of others) if (o.count) { lo = Math.min(lo, o.lo); hi = Math.max(hi, o.hi); }
  let yLo, yHi;
  if (logScale) {
    yLo = Math.log10(Math.max(1e-12, Math.min(lo, base) / 1.6));
    yHi = Math.log10(Math.max(hi, base) * 1.4);
    if (yHi - yLo < 1) yLo = yHi - 1;
  } else {
    // Keep the start of the run readable: a loss that shoots up (a run
    // diverging) is clipped at 10x the starting level and marked.
    yLo = 0;
    yHi = Math.min(Math.max(base * 1.1, hi * 1.05), base * 10);
  }
  const { left: L, top: T, width: W, height: H } = box;
  return {
    xMax, yLo, yHi,
    X: (e) => L + (e / xMax) * W,
    Y: (v) => {
      const t = logScale ? (Math.log10(Math.max(v, 1e-300)) - yLo) / (yHi - yLo) : (v - yLo) / (yHi - yLo);
      return T + H - Math.max(-0.02, Math.min(1.02, t)) * H;
    },
  };
}

export function createLossChart(canvas, invalidate) { return new LossChart(canvas, invalidate); }

class LossChart {
  constructor(canvas, invalidate) {
    this.canvas = canvas;
    this.history = createHistory(CAPACITY);
    this.testHistory = createHistory(CAPACITY);
    this.compareHistory = createHistory(CAPACITY); // compare mode's second network
    this.compareLabel = null;
    this.refLabel = 'ln 4';
    this.tickBuf = new Float64Array(32);
    this.theme = null;
    this.logScale = false;
    this.reference = Math.log(4);
    this.dirty = true;
    this.size = fitCanvas(canvas, () => { this.dirty = true; invalidate(); }).size;
  }

  /* The losses after `epoch` epochs; testLoss NaN or left out without a test set. */
  add(epoch, loss, testLoss) {
    this.history.add(epoch, loss);
    if (testLoss === testLoss && testLoss !== undefined) this.testHistory.add(epoch, testLoss);
    this.dirty = true;
  }
  clear() { this.history.clear(); this.testHistory.clear(); this.compareHistory.clear(); this.dirty = true; }
  /* Compare mode: the second network's curve, labelled (null: none). */
  setCompare(label) { this.compareLabel = label; this.compareHistory.clear(); this.dirty = true; }
  addCompare(epoch, loss) { if (this.compareLabel) { this.compareHistory.add(epoch, loss); this.dirty = true; } }
  setLogScale(on) { this.logScale = !!on; this.dirty = true; }
  /* The dashed reference line at v, labelled `label` ('ln 4', 'mean guess'). */
  setReference(v, label = `ln ${Math.round(Math.exp(v))}`) { this.reference = v; this.refLabel = label; this.dirty = true; }
  setTheme(t) { this.theme = t; this.dirty = true; }
  invalidate() { this.dirty = true; }

  /* y grid lines and labels (one number of decimals for the whole axis, from
     the tick step), x tick marks and labels, the axis names and lines. */
  drawAxes(ctx, box, s) {
    const c = this.theme.css, tickBuf = this.tickBuf, log = this.logScale;
    const { left: L, top: T, width: W, height: H } = box;
    ctx.font = `11px ${this.theme.font}`;
    ctx.lineWidth = 1;
    ctx.strokeStyle = c.grid;
    ctx.fillStyle = c.muted;
    let ny = 0;
    if (log) for (let p = Math.ceil(s.yLo); p <= Math.floor(s.yHi) && ny < tickBuf.length; p++) tickBuf[ny++] = 10 ** p;
    else ny = ticks(s.yLo, s.yHi, Math.max(2, Math.round(H / 45)), tickBuf);
    const yv = Array.from(tickBuf.subarray(0, ny));
    gridLines(ctx, box, [], yv.map(s.Y));
    let decimals = 0;
    const stepY = ny > 1 ? yv[1] - yv[0] : 1;
    while (decimals < 4 && Math.abs(stepY * 10 ** decimals - Math.round(stepY * 10 ** decimals)) > 1e-6) decimals++;
    const yLabel = (v) => (log ? (v >= 0.001 ? String(+v.toPrecision(1)) : v.toExponential(0)) : v.toFixed(decimals));
    tickLabels(ctx, box, { ys: yv.map(s.Y), yLabels: yv.map(yLabel) });
    const nx = ticks(0, s.xMax, Math.max(2, Math.round(W / 70)), tickBuf, true);
    const xv = Array.from(tickBuf.subarray(0, nx));
    ctx.strokeStyle = c.axis;
    tickMarks(ctx, box, xv.map(s.X), [], 4);
    tickLabels(ctx, box, { xs: xv.map(s.X), xLabels: xv.map(compactEpoch), maxRight: this.size.width - 1 });
    ctx.fillText('epoch', L + W / 2, T + H + 17);
    ctx.textAlign = 'left';
    ctx.textBaseline = 'top';
    ctx.fillText(log ? 'loss (log scale)' : 'loss', 4, 2);
    ctx.strokeStyle = c.axis;
    ctx.beginPath();
    ctx.moveTo(L + 0.5, T); ctx.lineTo(L + 0.5, T + H + 0.5); ctx.lineTo(L + W, T + H + 0.5);
    ctx.stroke();
  }

  /* The dashed ln K line and its label. */
  drawReference(ctx, box, s) {
    const c = this.theme.css, { left: L, width: W } = box, yr = s.Y(this.reference);
    ctx.strokeStyle = c.ref;
    ctx.lineWidth = 1.5;
    ctx.setLineDash([6, 4]);
    ctx.beginPath();
    ctx.moveTo(L, yr); ctx.lineTo(L + W, yr);
    ctx.stroke();
    ctx.setLineDash([]);
    ctx.fillStyle = c.ref;
    ctx.textAlign = 'right';
    ctx.textBaseline = 'bottom';
    ctx.fillText(`${this.refLabel} = ${this.reference.toFixed(3)}`, L + W, yr - 3);
  }

  /* A second curve through each bucket's last value, labelled at its end:
     the test loss (dashed, in the curve's colour) or the compared network's
     (solid, in the accent colour). */
  drawSeries(ctx, box, s, h, label, colour, dash) {
    const c = this.theme.css, n = h.count;
    if (n === 0) return;
    ctx.save();
    ctx.beginPath();
    ctx.rect(box.left, box.top - 2, box.width + 2, box.height + 4);
    ctx.clip();
    ctx.strokeStyle = colour;
    ctx.lineWidth = 1.5;
    ctx.setLineDash(dash);
    ctx.beginPath();
    ctx.moveTo(s.X(h.firstEpoch), s.Y(h.first));
    for (let i = 0; i < n; i++) ctx.lineTo(s.X(h.epoch[i]), s.Y(h.last[i]));
    ctx.stroke();
    ctx.restore();
    const x = s.X(h.epoch[n - 1]), y = s.Y(h.last[n - 1]);
    ctx.fillStyle = c.text;
    ctx.textAlign = x > box.left + box.width - 40 ? 'right' : 'left';
    // Above the line's end, or below it where the reference's label sits.
    const below = Math.abs(y - 3 - s.Y(this.reference)) < 16;
    ctx.textBaseline = below ? 'top' : 'bottom';
    const tx = ctx.textAlign === 'right' ? x - 2 : x + 4, ty = below ? y + 3 : y - 3;
    ctx.lineWidth = 3;
    ctx.strokeStyle = c.bg;
    ctx.strokeText(label, tx, ty);
    ctx.fillText(label, tx, ty);
  }

  /* The min-max band of merged buckets (what a downsampled line would hide),
     the line through each bucket's last loss from the very first one, and a
     dot per sample while there are few. */
  drawCurve(ctx, box, s) {
    const c = this.theme.css, h = this.history, n = h.count;
    ctx.save();
    ctx.beginPath();
    ctx.rect(box.left, box.top - 2, box.width + 2, box.height + 4);
    ctx.clip();
    if (h.width > 1) {
      ctx.strokeStyle = c.band;
      ctx.globalAlpha = 0.45;
      ctx.lineWidth = Math.max(1, box.width / n);
      ctx.beginPath();
      for (let i = 0; i < n; i++) {
        const x = s.X(h.start[i] + h.width / 2);
        ctx.moveTo(x, s.Y(h.max[i]) - 0.5); ctx.lineTo(x, s.Y(h.min[i]) + 0.5);
      }
      ctx.stroke();
      ctx.globalAlpha = 1;
    }
    ctx.strokeStyle = c.line;
    ctx.lineWidth = 2;
    ctx.lineJoin = 'round';
    ctx.beginPath();
    ctx.moveTo(s.X(h.firstEpoch), s.Y(h.first));
    for (let i = 0; i < n; i++) ctx.lineTo(s.X(h.epoch[i]), s.Y(h.last[i]));
    ctx.stroke();
    if (n <= 60) {
      ctx.fillStyle = c.line;
      ctx.beginPath();
      for (let i = 0; i < n; i++) {
        const x = s.X(h.epoch[i]), y = s.Y(h.last[i]);
        ctx.moveTo(x + 2.5, y);
        ctx.arc(x, y, 2.5, 0, 2 * Math.PI);
      }
      ctx.fill();
    }
    ctx.restore();
  }

  /* Repaints if anything changed; false if there was nothing to do. */
  draw() {
    const size = this.size, h = this.history;
    if (!this.dirty || !this.theme || size.width === 0) return false;
    this.dirty = false;
    const ctx = cssContext(this.canvas, size), c = this.theme.css;
    const box = { left: MARGIN.left, top: MARGIN.top, width: size.width - MARGIN.left - MARGIN.right, height: size.height - MARGIN.top - MARGIN.bottom };
    ctx.fillStyle = c.bg;
    ctx.fillRect(0, 0, size.width, size.height);
    if (box.width <= 10 || box.height <= 10) return true;
    const s = scales(h, box, this.reference, this.logScale, [this.testHistory, this.compareHistory]);
    this.drawAxes(ctx, box, s);
    this.drawReference(ctx, box, s);
    if (h.count === 0) return true;
    this.drawCurve(ctx, box, s);
    this.drawSeries(ctx, box, s, this.testHistory, 'test', c.line, [5, 3]);
    if (this.compareLabel) this.drawSeries(ctx, box, s, this.compareHistory, this.compareLabel, c.neg, []);
    if (!this.logScale && h.hi > s.yHi) {
      ctx.fillStyle = c.text;
      ctx.textAlign = 'left';
      ctx.textBaseline = 'top';
      ctx.fillText(`↑ off scale, up to ${fmt(h.hi, 3)}`, box.left + 6, box.top + 2);
    }
    return true;
  }

  /* A sentence for the canvas's aria-label. */
  describe() {
    const h = this.history, n = h.count;
    if (n === 0) return 'Loss curve: no epochs yet.';
    return `Loss curve${this.logScale ? ' on a log scale' : ''}: ${fmt(h.first, 3)} at epoch ${h.firstEpoch}, ` +
      `${fmt(h.last[n - 1], 3)} at epoch ${h.epoch[n - 1]}, lowest ${fmt(h.lo, 3)}; ` +
      `dashed reference ${this.refLabel} = ${this.reference.toFixed(3)}` +
      (this.testHistory.count ? `; test loss (dashed) ${fmt(this.testHistory.last[this.testHistory.count - 1], 3)}` : '') +
      (this.compareLabel && this.compareHistory.count ?
        `; compared network (${this.compareLabel}) ${fmt(this.compareHistory.last[this.compareHistory.count - 1], 3)}` : '') + '.';
  }
}

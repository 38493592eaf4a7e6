/* region-paint.js: the decision region's pixels and overlays (region.js
   keeps its grids and state). colourise turns predicted probabilities into
   colours; paintRegion draws the field, grid, training points, the followed
   point, and the axes. */
import { markerPath } from '../kit/markers.js';
import { divergingRgb, cssRgb } from './data-colormap.js';
import { gridLines, tickMarks, tickLabels } from '../kit/axis.js';

/* Probabilities (pixel-major, K per pixel) -> colours in `pixels` from
   index `at`. The class tints are mixed with weights q_k^3 / sum q^3,
   which keeps transitions smooth but lets the leading class show early;
   the mix is then laid over the background with strength sqrt(c), where
   c = (max q - 1/K) / (1 - 1/K) is 0 for a uniform guess and 1 for a sure
   one, so uncertain pixels and boundaries are pale. Returns the number of
   pixels whose probabilities were not finite (left as the background). */
export function colourise(theme, K, out, count, pixels, at) {
  const bg = theme.bg, tints = theme.tints;
  const inv = 1 / K, confScale = 1 / (1 - inv);
  let bad = 0;
  for (let p = 0, o = 0; p < count; p++, o += K) {
    let r = 0, g = 0, b = 0, max = 0, sum = 0;
    for (let k = 0; k < K; k++) {
      const q = out[o + k];
      const w = q * q * q;
      const t = tints[k];
      r += w * t[0]; g += w * t[1]; b += w * t[2];
      sum += w;
      if (q > max) max = q;
    }
    let R = bg[0], G = bg[1], B = bg[2];
    if (sum > 0 && sum < Infinity && max === max) {
      const conf = (max - inv) * confScale;
      const s = conf > 0 ? Math.sqrt(conf < 1 ? conf : 1) : 0;
      const norm = s / sum;
      R += r * norm - R * s; G += g * norm - G * s; B += b * norm - B * s;
    } else bad++;
    pixels[at + p] = 0xff000000 | ((B + 0.5) << 16) | ((G + 0.5) << 8) | (R + 0.5);
  }
  return bad;
}

/* v: the region (region.js): { canvas, size, plot (device and CSS px),
   theme, fonts, ticks: { values, count, labels }, points, labels, K,
   selected, toCssX, toCssY, overlay: { canvas, stale, paints } }; field: a canvas
   of the field, drawn scaled onto the plot square when `scaled`, else 1:1.
   Grid, points, highlight and axes change only with the data, the theme or
   the size, so they are drawn once into v.overlay and copied each frame
   (10,000 markers cost ~150 ms a frame to path and stroke). */
export function paintRegion(v, field, scaled) {
  const ctx = v.canvas.getContext('2d');
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.fillStyle = v.theme.css.bg;
  ctx.fillRect(0, 0, v.canvas.width, v.canvas.height);
  // The field, in device pixels: 1:1 when refined, else scaled smoothly.
  ctx.imageSmoothingEnabled = true;
  ctx.imageSmoothingQuality = 'high';
  if (scaled) ctx.drawImage(field, v.plot.left, v.plot.top, v.plot.side, v.plot.side);
  else ctx.drawImage(field, v.plot.left, v.plot.top);
  if (v.overlay.stale) paintOverlay(v);
  ctx.drawImage(v.overlay.canvas, 0, 0);
  ctx.setTransform(v.size.dpr, 0, 0, v.size.dpr, 0, 0);
  paintSelected(ctx, v);
  paintCursor(ctx, v, plotBox(v));
}

const plotBox = (v) => ({ left: v.plot.cssLeft, top: v.plot.cssTop, width: v.plot.cssSide, height: v.plot.cssSide });

/* Grid lines, points, the confusion cell's marks and the axes on a
   transparent canvas the size of the region's. */
function paintOverlay(v) {
  const o = v.overlay.canvas;
  if (o.width !== v.canvas.width || o.height !== v.canvas.height) { o.width = v.canvas.width; o.height = v.canvas.height; }
  const ctx = o.getContext('2d');
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(0, 0, o.width, o.height);
  ctx.setTransform(v.size.dpr, 0, 0, v.size.dpr, 0, 0);
  const box = plotBox(v);
  const xs = Array.from(v.ticks.values.subarray(0, v.ticks.count), v.toCssX);
  const ys = Array.from(v.ticks.values.subarray(0, v.ticks.count), v.toCssY);
  // Grid lines at the ticks, faint, over the field.
  ctx.lineWidth = 1;
  ctx.strokeStyle = v.theme.css.text;
  ctx.globalAlpha = 0.12;
  gridLines(ctx, box, xs, ys);
  ctx.globalAlpha = 1;
  if (v.linear) paintTargets(ctx, v);
  else paintPoints(ctx, v);
  paintHighlight(ctx, v);
  paintFrame(ctx, v, box, xs, ys);
  v.overlay.stale = false;
  v.overlay.paints++;
}

const radius = (v) => Math.max(3, Math.min(4.5, v.plot.cssSide / 90));

/* Training points, one path per class, filled; test points hollow in
   their class's shape and colour (over a thin outline, so they read on
   every tint). */
function paintPoints(ctx, v) {
  if (!v.points) return;
  const c = v.theme.css, r = radius(v);
  for (let k = 0; k < v.K; k++) {
    if (v.testLabels && v.testLabels.length) {
      ctx.beginPath();
      classPath(ctx, v, v.testPoints, v.testLabels, k, r);
      ctx.lineWidth = 3.5;
      ctx.strokeStyle = c.pointOutline;
      ctx.stroke();
      ctx.lineWidth = 1.8;
      ctx.strokeStyle = c.classes[k];
      ctx.stroke();
    }
    ctx.beginPath();
    classPath(ctx, v, v.points, v.labels, k, r);
    ctx.fillStyle = c.classes[k];
    ctx.fill();
    ctx.lineWidth = 1;
    ctx.strokeStyle = c.pointOutline;
    ctx.stroke();
  }
}

function classPath(ctx, v, xs, labels, k, r) {
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] === k) markerPath(ctx, k, v.toCssX(xs[2 * i]), v.toCssY(xs[2 * i + 1]), r);
  }
}

/* Regression: circles filled with their target's colour on the region's
   scale; test points hollow, ringed in it. */
function paintTargets(ctx, v) {
  if (!v.points) return;
  const c = v.theme.css, r = radius(v);
  const sets = [[v.testPoints, v.testLabels, true], [v.points, v.labels, false]];
  for (const [xs, ts, hollow] of sets) {
    if (!ts) continue;
    for (let i = 0; i < ts.length; i++) {
      const x = v.toCssX(xs[2 * i]), y = v.toCssY(xs[2 * i + 1]), col = cssRgb(divergingRgb(v.theme, ts[i], v.range));
      ctx.beginPath();
      markerPath(ctx, 0, x, y, r);
      ctx.strokeStyle = c.pointOutline;
      if (hollow) {
        ctx.lineWidth = 3.5; ctx.stroke();
        ctx.lineWidth = 1.8; ctx.strokeStyle = col; ctx.stroke();
      } else {
        ctx.fillStyle = col; ctx.fill();
        ctx.lineWidth = 1; ctx.stroke();
      }
    }
  }
}

/* The points of the confusion cell chosen: a square ring in the text
   colour over a halo of the background. */
function paintHighlight(ctx, v) {
  const h = v.highlight;
  if (!h) return;
  const s = radius(v) + 3.5;
  ctx.beginPath();
  for (const [xs, marks] of [[v.points, h.train], [v.testPoints, h.test]]) {
    if (!marks || !xs) continue;
    for (let i = 0; i < marks.length; i++) {
      if (marks[i]) ctx.rect(v.toCssX(xs[2 * i]) - s, v.toCssY(xs[2 * i + 1]) - s, 2 * s, 2 * s);
    }
  }
  haloStroke(ctx, v);
}

/* Strokes the current path in the text colour over a halo of the background. */
function haloStroke(ctx, v) {
  ctx.lineWidth = 4;
  ctx.strokeStyle = v.theme.css.bg;
  ctx.stroke();
  ctx.lineWidth = 2;
  ctx.strokeStyle = v.theme.css.text;
  ctx.stroke();
}

/* The keyboard's cursor: a cross-hair with a gap, in the text colour over
   a halo, while the region has focus. */
function paintCursor(ctx, v, box) {
  const cur = v.cursor;
  if (!cur || !cur.on) return;
  const x = Math.round(v.toCssX(cur.x)) + 0.5, y = Math.round(v.toCssY(cur.y)) + 0.5, a = 4, b = 12;
  ctx.save();
  ctx.beginPath();
  ctx.rect(box.left, box.top, box.width, box.height);
  ctx.clip();
  ctx.beginPath();
  ctx.moveTo(x - b, y); ctx.lineTo(x - a, y); ctx.moveTo(x + a, y); ctx.lineTo(x + b, y);
  ctx.moveTo(x, y - b); ctx.lineTo(x, y - a); ctx.moveTo(x, y + a); ctx.lineTo(x, y + b);
  ctx.rect(x - b, y - b, 2 * b, 2 * b);
  haloStroke(ctx, v);
  ctx.restore();
}

/* The followed point: a ring in the text colour over a halo of the
   background, so it reads on every class tint. */
function paintSelected(ctx, v) {
  const i = v.selected;
  if (!v.points || i < 0 || i >= v.labels.length) return;
  const r = radius(v) + 4;
  ctx.beginPath();
  ctx.arc(v.toCssX(v.points[2 * i]), v.toCssY(v.points[2 * i + 1]), r, 0, 2 * Math.PI);
  haloStroke(ctx, v);
}

/* Frame, ticks, their labels and the axis names x₁, x₂. */
function paintFrame(ctx, v, box, xs, ys) {
  const c = v.theme.css, { left: L, top: T, width: S } = box;
  ctx.strokeStyle = c.axis;
  ctx.lineWidth = 1;
  ctx.strokeRect(L + 0.5, T + 0.5, S - 1, S - 1);
  ctx.fillStyle = c.muted;
  ctx.font = v.fonts.ticks;
  tickMarks(ctx, box, xs, ys, 4);
  tickLabels(ctx, box, { xs, xLabels: v.ticks.labels, ys, yLabels: v.ticks.labels });
  ctx.font = v.fonts.axis;
  ctx.fillStyle = c.text;
  ctx.textAlign = 'right';
  ctx.textBaseline = 'top';
  ctx.fillText('x₁', L + S, T + S + 14);
  ctx.textAlign = 'left';
  ctx.fillText('x₂', 2, T - 2 < 0 ? 0 : T - 2);
}

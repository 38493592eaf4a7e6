/* region-paint.js: the decision region's pixels and overlays (region.js
   keeps its grids and state). colourise turns predicted probabilities into
   colours; paintRegion draws the field, grid, training points, the followed
   point, and the axes. */
import { markerPath } from '../kit/markers.js';
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
      const t = tints[k & 3];
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
   selected, toCssX, toCssY }; field: a canvas of the field, drawn scaled
   onto the plot square when `scaled`, else 1:1. */
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
  ctx.setTransform(v.size.dpr, 0, 0, v.size.dpr, 0, 0);
  const box = { left: v.plot.cssLeft, top: v.plot.cssTop, width: v.plot.cssSide, height: v.plot.cssSide };
  const xs = Array.from(v.ticks.values.subarray(0, v.ticks.count), v.toCssX);
  const ys = Array.from(v.ticks.values.subarray(0, v.ticks.count), v.toCssY);
  // Grid lines at the ticks, faint, over the field.
  ctx.lineWidth = 1;
  ctx.strokeStyle = v.theme.css.text;
  ctx.globalAlpha = 0.12;
  gridLines(ctx, box, xs, ys);
  ctx.globalAlpha = 1;
  paintPoints(ctx, v);
  paintSelected(ctx, v);
  paintFrame(ctx, v, box, xs, ys);
}

/* Training points, one path per class. */
function paintPoints(ctx, v) {
  if (!v.points) return;
  const c = v.theme.css, r = Math.max(3, Math.min(4.5, v.plot.cssSide / 90));
  for (let k = 0; k < v.K; k++) {
    ctx.beginPath();
    for (let i = 0; i < v.labels.length; i++) {
      if (v.labels[i] === k) markerPath(ctx, k & 3, v.toCssX(v.points[2 * i]), v.toCssY(v.points[2 * i + 1]), r);
    }
    ctx.fillStyle = c.classes[k & 3];
    ctx.fill();
    ctx.lineWidth = 1;
    ctx.strokeStyle = c.pointOutline;
    ctx.stroke();
  }
}

/* The followed point: a ring in the text colour over a halo of the
   background, so it reads on every class tint. */
function paintSelected(ctx, v) {
  const i = v.selected;
  if (!v.points || i < 0 || i >= v.labels.length) return;
  const r = Math.max(3, Math.min(4.5, v.plot.cssSide / 90)) + 4;
  ctx.beginPath();
  ctx.arc(v.toCssX(v.points[2 * i]), v.toCssY(v.points[2 * i + 1]), r, 0, 2 * Math.PI);
  ctx.lineWidth = 4;
  ctx.strokeStyle = v.theme.css.bg;
  ctx.stroke();
  ctx.lineWidth = 2;
  ctx.strokeStyle = v.theme.css.text;
  ctx.stroke();
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

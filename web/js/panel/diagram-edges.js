/* diagram-edges.js: the diagram's weight lines. Up to 400 of them each is
   drawn as the seed drew it: colour = sign, width and opacity grow with |w|
   and saturate. Past that (e.g. 8 layers of 64: 28,000 lines), the compact
   form: thin lines whose opacity gives |w|, gathered by sign into a few
   opacity bands so that each band is one path and one stroke. */

const BANDS = 6;
const BATCH_FROM = 60; // more lines than this are drawn by bands, a stroke each

/* 0..1: how strongly to draw an overlay value of layer k. */
export function strength(v, scales, k) {
  const m = Number.isFinite(v) ? Math.abs(v) : 0;
  const s = scales ? scales[k] : 0;
  return s > 0 ? Math.min(1, m / s) : Math.tanh(m);
}

export function drawEdges(ctx, sc) {
  const few = sc.items.length - sc.nodeX.length <= BATCH_FROM;
  if (few || (sc.overlay && sc.overlay.edges && sc.edgeMode !== 'compact')) drawFullEdges(ctx, sc);
  else drawBandedEdges(ctx, sc);
}

/* Overlay edges (gradients, changes) are drawn against their layer's scale;
   the plain weights of other layers fade into the background. */
function drawFullEdges(ctx, sc) {
  const c = sc.theme.css, layers = sc.layers, ov = sc.overlay;
  ctx.lineCap = 'round';
  const anyEdges = !!(ov && ov.edges && ov.edges.some((e) => e));
  const thin = sc.edgeMode === 'compact' ? 0.4 : 1;
  for (let l = 1; l < layers.length; l++) {
    const edges = ov && ov.edges && ov.edges[l - 1];
    const fade = anyEdges && !edges ? 0.3 : 1;
    for (let i = 0; i < layers[l - 1]; i++) {
      const a = sc.node(l - 1, i);
      for (let j = 0; j < layers[l]; j++) {
        const b = sc.node(l, j), v = sc.edgeValue(l, i, j);
        if (edges) {
          const t = strength(v, ov.edgeScale, l - 1);
          ctx.globalAlpha = 0.2 + 0.8 * t;
          ctx.lineWidth = thin * (0.75 + 5.5 * t);
        } else {
          const m = Number.isFinite(v) ? Math.abs(v) : 0;
          ctx.globalAlpha = fade * (0.3 + 0.7 * Math.tanh(m / 1.5));
          ctx.lineWidth = thin * (0.75 + 5.5 * Math.tanh(m / 3));
        }
        ctx.strokeStyle = v < 0 ? c.neg : c.pos;
        ctx.beginPath();
        ctx.moveTo(sc.nodeX[a], sc.nodeY[a]);
        ctx.lineTo(sc.nodeX[b], sc.nodeY[b]);
        ctx.stroke();
      }
    }
  }
  ctx.globalAlpha = 1;
}

/* Band k of a sign holds the lines with tanh(|w| / 1.5) in [k/B, (k+1)/B),
   drawn as the seed would draw its middle weight; in the compact form thin,
   fainter the denser the lines (1/sqrt of the largest weight layer over
   400), so small weights stay faint and large ones show; there the lines
   of the faintest band (|w| < 0.25) are left out. Step phase's values
   (gradients, changes) are banded by their strength against their layer's
   scale, the other layers' weights faded, as drawFullEdges does. */
function drawBandedEdges(ctx, sc) {
  const layers = sc.layers, compact = sc.edgeMode === 'compact', ov = sc.overlay;
  const anyEdges = !!(ov && ov.edges && ov.edges.some((e) => e));
  // paths[(faded ? 2 : 0) * BANDS + (negative ? BANDS : 0) + band]; faded:
  // the plain weights of a layer while the overlay shows another's values.
  const paths = [];
  for (let k = 0; k < 4 * BANDS; k++) paths.push(new Path2D());
  for (let l = 1; l < layers.length; l++) {
    const edges = ov && ov.edges && ov.edges[l - 1], faded = anyEdges && !edges ? 2 * BANDS : 0;
    bandLayer(paths, faded, sc, l, bandLimits(!!edges, edges && ov.edgeScale, l - 1), compact ? 1 : 0);
  }
  strokeBands(ctx, sc, paths, compact);
}

/* |v| at which each band k = 1..BANDS-1 begins, so that a line's band is a
   few comparisons rather than a tanh: the strength t rises with |v|, and
   band k holds t in [k/B, (k+1)/B). Weights: t = tanh(|w| / 1.5); overlay
   values: strength() against the layer's scale. */
function bandLimits(overlay, scales, k) {
  const s = scales ? scales[k] : 0, lim = new Float64Array(BANDS);
  for (let b = 1; b < BANDS; b++) lim[b] = !overlay ? 1.5 * Math.atanh(b / BANDS) : s > 0 ? s * b / BANDS : Math.atanh(b / BANDS);
  lim[0] = -Infinity;
  return lim;
}

/* Layer l's lines into the paths of their sign and band; bands below
   `from` are left out (compact: band 0 is next to invisible, and the bulk
   of the cost). A value that is not finite counts as 0. */
function bandLayer(paths, faded, sc, l, lim, from) {
  const row = sc.edgeRow(l);
  if (!row) return;
  const { values, offset } = row, nIn = sc.layers[l - 1], nOut = sc.layers[l];
  const a0 = sc.node(l - 1, 0), b0 = sc.node(l, 0), X = sc.nodeX, Y = sc.nodeY;
  for (let i = 0; i < nIn; i++) {
    const ax = X[a0 + i], ay = Y[a0 + i], base = offset + i * nOut;
    for (let j = 0; j < nOut; j++) {
      const v = values[base + j], m = v - v === 0 ? Math.abs(v) : 0;
      let band = 0;
      while (band + 1 < BANDS && m >= lim[band + 1]) band++;
      if (band < from) continue;
      const path = paths[faded + (v < 0 ? BANDS : 0) + band];
      path.moveTo(ax, ay);
      path.lineTo(X[b0 + j], Y[b0 + j]);
    }
  }
}

/* Each band's path stroked as the seed would draw its middle weight; in the
   compact form thin, fainter the denser the lines (1/sqrt of the largest
   weight layer over 400). Faded and faint bands first. */
function strokeBands(ctx, sc, paths, compact) {
  const c = sc.theme.css, layers = sc.layers;
  let widest = 1;
  for (let l = 1; l < layers.length; l++) widest = Math.max(widest, layers[l - 1] * layers[l]);
  const density = compact ? Math.min(1, Math.sqrt(400 / widest)) : 1;
  ctx.lineCap = compact ? 'butt' : 'round';
  for (const faded of [2 * BANDS, 0]) {
    for (let band = 0; band < BANDS; band++) { // faint first; signs alternate within a band
      const t = (band + 0.5) / BANDS, m = 1.5 * Math.atanh(Math.min(0.999, t));
      ctx.lineWidth = compact ? 0.6 : 0.75 + 5.5 * Math.tanh(m / 3);
      ctx.globalAlpha = (faded ? 0.3 : 1) * (compact ? density * (0.05 + 0.6 * t) : 0.3 + 0.7 * t);
      for (const sign of [0, BANDS]) {
        ctx.strokeStyle = sign ? c.neg : c.pos;
        ctx.stroke(paths[faded + sign + band]);
      }
    }
  }
  ctx.globalAlpha = 1;
}

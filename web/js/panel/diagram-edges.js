/* diagram-edges.js: the diagram's weight lines. Up to 400 of them each is
   drawn as the seed drew it: colour = sign, width and opacity grow with |w|
   and saturate. Past that (e.g. 8 layers of 64: 28,000 lines), the compact
   form: thin lines whose opacity gives |w|, gathered by sign into a few
   opacity bands so that each band is one path and one stroke. */

const BANDS = 6;

/* 0..1: how strongly to draw an overlay value of layer k. */
export function strength(v, scales, k) {
  const m = Number.isFinite(v) ? Math.abs(v) : 0;
  const s = scales ? scales[k] : 0;
  return s > 0 ? Math.min(1, m / s) : Math.tanh(m);
}

export function drawEdges(ctx, sc) {
  if (sc.edgeMode === 'compact' && !(sc.overlay && sc.overlay.edges)) drawCompactEdges(ctx, sc);
  else drawFullEdges(ctx, sc);
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

/* Band k of a sign holds the lines with tanh(|w| / 1.5) in [k/B, (k+1)/B);
   drawn at opacity 0.04 + 0.6 (k + 0.5) / B, so small weights stay faint. */
function drawCompactEdges(ctx, sc) {
  const c = sc.theme.css, layers = sc.layers;
  const paths = [];
  for (let k = 0; k < 2 * BANDS; k++) paths.push(new Path2D());
  for (let l = 1; l < layers.length; l++) {
    for (let i = 0; i < layers[l - 1]; i++) {
      const a = sc.node(l - 1, i), ax = sc.nodeX[a], ay = sc.nodeY[a];
      for (let j = 0; j < layers[l]; j++) {
        const b = sc.node(l, j), v = sc.edgeValue(l, i, j);
        const m = Number.isFinite(v) ? Math.abs(v) : 0;
        const band = Math.min(BANDS - 1, Math.floor(Math.tanh(m / 1.5) * BANDS));
        const path = paths[(v < 0 ? BANDS : 0) + band];
        path.moveTo(ax, ay);
        path.lineTo(sc.nodeX[b], sc.nodeY[b]);
      }
    }
  }
  ctx.lineWidth = 0.6;
  for (let k = 0; k < 2 * BANDS; k++) {
    const band = k % BANDS;
    ctx.globalAlpha = 0.04 + 0.6 * (band + 0.5) / BANDS;
    ctx.strokeStyle = k < BANDS ? c.pos : c.neg;
    ctx.stroke(paths[k]);
  }
  ctx.globalAlpha = 1;
}

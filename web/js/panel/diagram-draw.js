/* diagram-draw.js: painting the network diagram (diagram.js keeps its state,
   layout and interaction). Every function takes the 2-D context and the
   diagram's scene: { size, theme (css colours), fonts, layers, activation,
   radius, nodeX, nodeY, node(l, i) -> index, name(l, i), edgeValue(l, i, j),
   bias(l, i), overlay, sel (the active item's index), items }. */
import { subscript as sub, formatNumber as fmt } from '../lib/numbers.js';
import { markerPath } from '../kit/markers.js';

export function drawDiagram(ctx, sc) {
  const c = sc.theme.css;
  ctx.fillStyle = c.bg;
  ctx.fillRect(0, 0, sc.size.width, sc.size.height);
  drawLayerLabels(ctx, sc);
  drawEdges(ctx, sc);
  drawActiveEdge(ctx, sc);
  drawNodes(ctx, sc);
  if (sc.overlay && sc.overlay.nodes) drawValueLabels(ctx, sc);
}

/* Over each column, the layer's name and under it what it computes. */
function drawLayerLabels(ctx, sc) {
  const c = sc.theme.css, layers = sc.layers, L = layers.length - 1, w = sc.size.width, r = sc.radius;
  ctx.textBaseline = 'alphabetic';
  for (let l = 0; l <= L; l++) {
    const x = sc.nodeX[sc.node(l, 0)];
    const name = l === 0 ? 'Input' : l === L ? 'Output' : 'Hidden';
    const what = l === 0 ? `x${sub(1)}${layers[0] === 2 ? ', ' : ' … '}x${sub(layers[0])}`
      : l === L ? 'softmax' : sc.activation === 'relu' ? 'ReLU' : sc.activation;
    ctx.textAlign = l === 0 ? 'left' : l === L ? 'right' : 'center';
    const lx = l === 0 ? Math.max(2, x - r) : l === L ? Math.min(w - 2, x + r + 18) : x;
    ctx.font = sc.fonts.bold;
    ctx.fillStyle = c.text;
    ctx.fillText(name, lx, 13);
    ctx.font = sc.fonts.small;
    ctx.fillStyle = c.muted;
    ctx.fillText(what, lx, 28);
  }
}

/* 0..1: how strongly to draw an overlay value of layer k. */
export function strength(v, scales, k) {
  const m = Number.isFinite(v) ? Math.abs(v) : 0;
  const s = scales ? scales[k] : 0;
  return s > 0 ? Math.min(1, m / s) : Math.tanh(m);
}

/* Weights: colour = sign, width and opacity grow with |w| and saturate, so
   the lines keep showing growth instead of being rescaled each frame.
   Overlay edges (gradients, changes) are drawn against their layer's scale;
   the plain weights of other layers fade into the background. */
function drawEdges(ctx, sc) {
  const c = sc.theme.css, layers = sc.layers, ov = sc.overlay;
  ctx.lineCap = 'round';
  const anyEdges = !!(ov && ov.edges && ov.edges.some((e) => e));
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
          ctx.lineWidth = 0.75 + 5.5 * t;
        } else {
          const m = Number.isFinite(v) ? Math.abs(v) : 0;
          ctx.globalAlpha = fade * (0.3 + 0.7 * Math.tanh(m / 1.5));
          ctx.lineWidth = 0.75 + 5.5 * Math.tanh(m / 3);
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

/* A dashed line over the weight the pointer or the keyboard selected. */
function drawActiveEdge(ctx, sc) {
  const it = sc.sel >= 0 ? sc.items[sc.sel] : null;
  if (!it || it.kind !== 'edge') return;
  const a = sc.node(it.l - 1, it.i), b = sc.node(it.l, it.j);
  ctx.strokeStyle = sc.theme.css.text;
  ctx.lineWidth = 2;
  ctx.setLineDash([4, 3]);
  ctx.beginPath();
  ctx.moveTo(sc.nodeX[a], sc.nodeY[a]);
  ctx.lineTo(sc.nodeX[b], sc.nodeY[b]);
  ctx.stroke();
  ctx.setLineDash([]);
}

function drawNodes(ctx, sc) {
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.font = sc.fonts.node;
  for (let l = 0; l < sc.layers.length; l++) {
    for (let i = 0; i < sc.layers[l]; i++) drawNode(ctx, sc, l, i);
  }
}

/* One neuron: filled by its overlay value if any, ringed by its bias
   (inputs have none), named, with its class marker at the outputs, and the
   rings of the overlay's mark and of the active item. */
function drawNode(ctx, sc, l, i) {
  const c = sc.theme.css, L = sc.layers.length - 1, k = sc.node(l, i), r = sc.radius;
  const x = sc.nodeX[k], y = sc.nodeY[k], ov = sc.overlay;
  const values = ov && ov.nodes && ov.nodes[l];
  ctx.beginPath();
  ctx.arc(x, y, r, 0, 2 * Math.PI);
  ctx.fillStyle = c.nodeFill;
  ctx.fill();
  if (values) { // fill strength by |value| against the layer's scale, colour by sign
    const v = values[i];
    ctx.globalAlpha = 0.12 + 0.7 * strength(v, ov.nodeScale, l);
    ctx.fillStyle = v < 0 ? c.neg : c.pos;
    ctx.fill();
    ctx.globalAlpha = 1;
  }
  if (l === 0) {
    ctx.lineWidth = 1.5;
    ctx.strokeStyle = c.nodeStroke;
  } else {
    const b = sc.bias(l, i);
    ctx.lineWidth = 1.25 + 3 * Math.tanh(Math.abs(b) / 2);
    ctx.strokeStyle = b < 0 ? c.neg : Math.abs(b) < 1e-9 ? c.nodeStroke : c.pos;
  }
  ctx.stroke();
  ctx.fillStyle = c.text;
  ctx.fillText(sc.name(l, i), x, y + 0.5);
  if (l === L && i < 4) {
    ctx.beginPath();
    markerPath(ctx, i, x + r + 12, y, 5);
    ctx.fillStyle = c.classes[i];
    ctx.fill();
    ctx.lineWidth = 1;
    ctx.strokeStyle = c.pointOutline;
    ctx.stroke();
  }
  if (ov && ov.mark && ov.mark.l === l && ov.mark.i === i) ring(ctx, x, y, r + 3.5, 2.5, c.text, null);
  if (sc.sel === k) ring(ctx, x, y, r + 4, 2, c.text, [4, 3]);
}

function ring(ctx, x, y, r, width, style, dash) {
  ctx.beginPath();
  ctx.arc(x, y, r, 0, 2 * Math.PI);
  ctx.lineWidth = width;
  ctx.strokeStyle = style;
  if (dash) ctx.setLineDash(dash);
  ctx.stroke();
  if (dash) ctx.setLineDash([]);
}

/* The short form written under a node. */
function labelText(v) { return Math.abs(v) >= 100 ? fmt(v, 0) : fmt(v, 2); }

/* Overlay values under their nodes, on a pill of the background so they stay
   readable over the lines; only when a row has room. */
function drawValueLabels(ctx, sc) {
  const c = sc.theme.css, layers = sc.layers;
  const gap = (sc.size.height - 46) / Math.max(...layers) - 2 * sc.radius;
  if (gap < 15.5) return; // a 13 px label between two rows of circles
  ctx.font = gap >= 20 ? sc.fonts.small : sc.fonts.label;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  for (let l = 0; l < layers.length; l++) {
    const values = sc.overlay.nodes[l];
    if (!values) continue;
    for (let i = 0; i < layers[l]; i++) {
      const k = sc.node(l, i), text = labelText(values[i]);
      const tw = ctx.measureText(text).width;
      const x = sc.nodeX[k], y = sc.nodeY[k] + sc.radius + 8.5;
      ctx.globalAlpha = 0.85;
      ctx.fillStyle = c.bg;
      ctx.beginPath();
      if (ctx.roundRect) ctx.roundRect(x - tw / 2 - 3, y - 6.5, tw + 6, 13, 4);
      else ctx.rect(x - tw / 2 - 3, y - 6.5, tw + 6, 13);
      ctx.fill();
      ctx.globalAlpha = 1;
      ctx.fillStyle = c.text;
      ctx.fillText(text, x, y + 0.5);
    }
  }
}

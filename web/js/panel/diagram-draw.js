/* diagram-draw.js: painting the network diagram (diagram.js keeps its state,
   layout and interaction). Every function takes the 2-D context and the
   diagram's scene: { size, theme (css colours), fonts, layers, activation,
   radius, nodeX, nodeY, node(l, i) -> index, name(l, i), edgeValue(l, i, j),
   bias(l, i), overlay, sel (the active item's index), items, shapes (per
   layer { compact, hw, hh }), edgeMode, maps (neuron maps or null) }. */
import { subscript as sub, formatNumber as fmt } from '../lib/numbers.js';
import { markerPath } from '../kit/markers.js';
import { drawEdges, strength } from './diagram-edges.js';

export { strength };

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
  // Columns closer than 64 px take short labels: In, H1 … H8, Out over the widths.
  const short = L > 0 && (sc.nodeX[sc.node(L, 0)] - sc.nodeX[0]) / L < 64;
  ctx.textBaseline = 'alphabetic';
  for (let l = 0; l <= L; l++) {
    const x = sc.nodeX[sc.node(l, 0)];
    const name = short ? (l === 0 ? 'In' : l === L ? 'Out' : `H${l}`) : l === 0 ? 'Input' : l === L ? 'Output' : 'Hidden';
    const what = short ? String(layers[l]) : l === 0 ? inputText(sc)
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

/* Under 'Input': x₁, x₂ (the seed's), else the first and last names. */
function inputText(sc) {
  const n = sc.layers[0];
  if (n === 2 && sc.name(0, 0) === `x${sub(1)}`) return `x${sub(1)}, x${sub(2)}`;
  return n === 1 ? sc.name(0, 0) : `${sc.name(0, 0)} … ${sc.name(0, n - 1)}`;
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

/* One neuron: filled by its overlay value if any, else showing its map;
   ringed by its bias (inputs have none), named, with its class marker at
   the outputs, and the rings of the overlay's mark and of the active item.
   A compact layer's units are boxes (drawBox). */
function drawNode(ctx, sc, l, i) {
  const s = sc.shapes[l];
  if (s.compact) { drawBox(ctx, sc, l, i, s); return; }
  const c = sc.theme.css, k = sc.node(l, i), r = sc.radius;
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
  } else if (sc.maps) {
    ctx.save();
    ctx.clip();
    drawTile(ctx, sc, k, x - r, y - r, 2 * r, 2 * r);
    ctx.restore();
    ctx.beginPath();
    ctx.arc(x, y, r, 0, 2 * Math.PI);
  }
  biasStroke(ctx, sc, l, i);
  ctx.stroke();
  if (sc.maps && !values && r >= 11) { // a halo keeps the name readable over the map
    ctx.lineWidth = 3;
    ctx.strokeStyle = c.nodeFill;
    ctx.lineJoin = 'round';
    ctx.strokeText(sc.name(l, i), x, y + 0.5);
  }
  if (r >= 11) { // smaller circles leave the name to the tooltip
    ctx.fillStyle = c.text;
    ctx.fillText(sc.name(l, i), x, y + 0.5);
  }
  classMarker(ctx, sc, l, i, x + r + 12, y);
  if (ov && ov.mark && ov.mark.l === l && ov.mark.i === i) ring(ctx, x, y, r + 3.5, 2.5, c.text, null);
  if (sc.sel === k) ring(ctx, x, y, r + 4, 2, c.text, [4, 3]);
}

/* The bias as the outline: colour = sign, width grows with |b|. */
function biasStroke(ctx, sc, l, i) {
  const c = sc.theme.css;
  if (l === 0) {
    ctx.lineWidth = 1.5;
    ctx.strokeStyle = c.nodeStroke;
    return;
  }
  const b = sc.bias(l, i);
  ctx.lineWidth = 1.25 + 3 * Math.tanh(Math.abs(b) / 2);
  ctx.strokeStyle = b < 0 ? c.neg : Math.abs(b) < 1e-9 ? c.nodeStroke : c.pos;
}

function classMarker(ctx, sc, l, i, x, y) {
  if (l !== sc.layers.length - 1 || i >= 4) return;
  const c = sc.theme.css;
  ctx.beginPath();
  markerPath(ctx, i, x, y, 5);
  ctx.fillStyle = c.classes[i];
  ctx.fill();
  ctx.lineWidth = 1;
  ctx.strokeStyle = c.pointOutline;
  ctx.stroke();
}

/* Tile k of the maps' atlas into the rectangle given. */
function drawTile(ctx, sc, k, x, y, w, h) {
  const m = sc.maps, cx = (k % m.columns) * m.cell, cy = Math.floor(k / m.columns) * m.cell;
  ctx.imageSmoothingEnabled = true;
  ctx.drawImage(m.image, cx, cy, m.cell, m.cell, x, y, w, h);
}

/* A unit of a compact layer: its map when the box is 8 px or more tall,
   else a bar in its bias's colour (grey for an input); the outline, a
   thin one, gives the bias. */
function drawBox(ctx, sc, l, i, s) {
  const c = sc.theme.css, k = sc.node(l, i), ov = sc.overlay;
  const x = sc.nodeX[k], y = sc.nodeY[k], values = ov && ov.nodes && ov.nodes[l];
  const bx = x - s.hw, by = y - s.hh, bw = 2 * s.hw, bh = 2 * s.hh;
  if (values) {
    const v = values[i];
    ctx.fillStyle = c.nodeFill;
    ctx.fillRect(bx, by, bw, bh);
    ctx.globalAlpha = 0.12 + 0.88 * strength(v, ov.nodeScale, l);
    ctx.fillStyle = v < 0 ? c.neg : c.pos;
    ctx.fillRect(bx, by, bw, bh);
    ctx.globalAlpha = 1;
  } else if (sc.maps && bh >= 8) {
    drawTile(ctx, sc, k, bx, by, bw, bh);
    biasStroke(ctx, sc, l, i);
    ctx.lineWidth = Math.min(ctx.lineWidth, 2);
    ctx.strokeRect(bx, by, bw, bh);
  } else {
    const b = l === 0 ? 0 : sc.bias(l, i);
    ctx.globalAlpha = l === 0 ? 0.8 : 0.45 + 0.55 * Math.tanh(Math.abs(b) / 2);
    ctx.fillStyle = l === 0 || Math.abs(b) < 1e-9 ? c.nodeStroke : b < 0 ? c.neg : c.pos;
    ctx.fillRect(bx, by, bw, Math.max(1, bh));
    ctx.globalAlpha = 1;
  }
  classMarker(ctx, sc, l, i, x + s.hw + 12, y);
  if (sc.sel === k) {
    ctx.lineWidth = 2;
    ctx.strokeStyle = c.text;
    ctx.setLineDash([3, 2]);
    ctx.strokeRect(bx - 3, by - 3, bw + 6, bh + 6);
    ctx.setLineDash([]);
  }
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

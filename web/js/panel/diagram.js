/* diagram.js: the network architecture. Neurons are circles in columns, one
   column per layer; every weight is a line whose colour gives its sign and
   whose width and opacity grow with its magnitude; each neuron's ring shows
   its bias the same way (painting: diagram-draw.js). Hovering, or focusing
   the canvas and moving with the arrow keys, shows a neuron's or weight's
   value in a tooltip.

   The caller owns the data: setParams() with the network's parameter buffer
   (per layer W as fanIn x fanOut row-major, then b), and optionally
   setOverlay() with per-node and per-edge values to draw instead (phase-view.js):
     { nodes: [per layer: values or null], edges: [per weight layer: values
       (fanIn x fanOut, as W) or null], nodeName, edgeName (a string, or one
       per layer / weight layer), nodeScale, edgeScale (per layer: the size
       drawn at full strength; else values are squashed with tanh),
       mark: { l, i } (a node to ring, e.g. the followed point's class) }.
   draw() repaints only when something changed; invalidate (given) asks the
   page's frame loop for a frame. */
import { subscript as sub, formatNumber as fmt } from '../lib/numbers.js';
import { fitCanvas, cssContext } from '../kit/canvas.js';
import { CLASS_PLACES } from '../kit/markers.js';
import { drawDiagram } from './diagram-draw.js';

export function createDiagram(canvas, tip, announce, invalidate) {
  const sc = {
    size: { width: 0, height: 0, dpr: 1 }, theme: null, fonts: { bold: '', small: '', node: '', label: '' },
    layers: [2, 4, 4], activation: 'sigmoid', radius: 12, overlay: null, sel: -1, items: [],
    nodeX: new Float64Array(0), nodeY: new Float64Array(0),
    node: (l, i) => layerStart[l] + i,
    name: (l, i) => names[l][i],
    edgeValue, bias,
  };
  let layout = [];          // per weight layer: { W, b, fanIn, fanOut } offsets into params
  let params = null;        // Float64Array, the network's parameters
  let layerStart = [];      // index of each layer's first node in nodeX/nodeY
  let names = [];           // per layer, the node labels (made once per network)
  let hover = -1, focus = -1, dirty = true, tipText = '';

  sc.size = fitCanvas(canvas, () => { place(); dirty = true; invalidate(); }).size;

  function setNetwork(newLayers, newActivation, newLayout) {
    const layers = sc.layers = newLayers.slice();
    sc.activation = newActivation;
    layout = newLayout;
    params = null;
    sc.overlay = null;
    sc.items = [];
    for (let l = 0; l < layers.length; l++) for (let i = 0; i < layers[l]; i++) sc.items.push({ kind: 'node', l, i });
    for (let l = 1; l < layers.length; l++) {
      for (let i = 0; i < layers[l - 1]; i++) for (let j = 0; j < layers[l]; j++) sc.items.push({ kind: 'edge', l, i, j });
    }
    names = layers.map((units, l) => Array.from({ length: units }, (_, i) => makeName(l, i)));
    hover = -1;
    if (focus >= sc.items.length) focus = sc.items.length - 1;
    place();
    dirty = true;
  }

  function setFonts() {
    if (!sc.theme) return;
    const f = sc.theme.font;
    sc.fonts = { bold: `600 12px ${f}`, small: `12px ${f}`, label: `11px ${f}`, node: `${Math.max(9, Math.round(sc.radius * 0.8))}px ${f}` };
  }

  /* Node centres in CSS pixels, from the canvas size and the layer sizes. */
  function place() {
    const layers = sc.layers, n = layers.reduce((a, b) => a + b, 0);
    if (sc.nodeX.length !== n) { sc.nodeX = new Float64Array(n); sc.nodeY = new Float64Array(n); }
    const w = sc.size.width, h = sc.size.height;
    const top = 36, bottom = 10, maxUnits = Math.max(...layers);
    const rowGap = (h - top - bottom) / maxUnits;
    sc.radius = Math.max(7, Math.min(20, rowGap * 0.36, w / (layers.length * 7)));
    setFonts();
    const left = sc.radius + 14, right = sc.radius + 30; // room for the class markers
    layerStart = [];
    let k = 0;
    for (let l = 0; l < layers.length; l++) {
      layerStart.push(k);
      const x = left + (w - left - right) * (l / (layers.length - 1));
      for (let i = 0; i < layers[l]; i++, k++) {
        sc.nodeX[k] = x;
        sc.nodeY[k] = top + (h - top - bottom) * ((i + 0.5) / layers[l]);
      }
    }
  }

  function weight(l, i, j) { return params ? params[layout[l - 1].W + i * sc.layers[l] + j] : 0; }
  function bias(l, j) { return params && l > 0 ? params[layout[l - 1].b + j] : 0; }
  function edgeValue(l, i, j) {
    const ov = sc.overlay && sc.overlay.edges && sc.overlay.edges[l - 1];
    return ov ? ov[i * sc.layers[l] + j] : weight(l, i, j);
  }
  function nodeValue(l, i) {
    const ov = sc.overlay && sc.overlay.nodes && sc.overlay.nodes[l];
    return ov ? ov[i] : undefined;
  }
  function overlayName(name, k, fallback) { return (Array.isArray(name) ? name[k] : name) || fallback; }

  function makeName(l, i) {
    if (l === 0) return `x${sub(i + 1)}`;
    if (l === sc.layers.length - 1) return `ŷ${sub(i + 1)}`;
    return sc.layers.length > 3 ? `h${sub(l)},${sub(i + 1)}` : `h${sub(i + 1)}`;
  }

  function describeItem(idx) {
    const it = sc.items[idx];
    if (!it) return '';
    const L = sc.layers.length - 1, ov = sc.overlay;
    if (it.kind === 'edge') {
      const label = ov && ov.edges && ov.edges[it.l - 1] ? overlayName(ov.edgeName, it.l - 1, 'value') : 'w';
      return `Weight ${sc.name(it.l - 1, it.i)} → ${sc.name(it.l, it.j)}\n${label} = ${fmt(edgeValue(it.l, it.i, it.j), 3)}`;
    }
    let text;
    if (it.l === 0) text = `${sc.name(0, it.i)}: input, the point's ${it.i === 0 ? 'horizontal' : it.i === 1 ? 'vertical' : ''} coordinate`;
    else if (it.l === L) {
      text = `${sc.name(it.l, it.i)}: output, probability of class ${it.i}` +
        (it.i < 4 ? ` (${CLASS_PLACES[it.i]})` : '') + `\nbias b = ${fmt(bias(it.l, it.i), 3)}`;
    } else text = `${sc.name(it.l, it.i)}: hidden unit, ${sc.activation}\nbias b = ${fmt(bias(it.l, it.i), 3)}`;
    const v = nodeValue(it.l, it.i);
    if (v !== undefined) text += `\n${overlayName(ov.nodeName, it.l, 'value')} = ${fmt(v, 3)}`;
    return text;
  }

  /* The item under (x, y) in CSS pixels: a neuron if within its circle,
     else the nearest weight line within 6 px; -1 if none. */
  function hitTest(x, y) {
    const r = sc.radius + 3;
    let k = 0;
    for (; k < sc.nodeX.length; k++) {
      const dx = x - sc.nodeX[k], dy = y - sc.nodeY[k];
      if (dx * dx + dy * dy <= r * r) return k;
    }
    let best = -1, bestD = 6;
    for (let idx = k; idx < sc.items.length; idx++) {
      const it = sc.items[idx];
      const a = sc.node(it.l - 1, it.i), b = sc.node(it.l, it.j);
      const d = segmentDistance(x, y, sc.nodeX[a], sc.nodeY[a], sc.nodeX[b], sc.nodeY[b]);
      if (d < bestD) { bestD = d; best = idx; }
    }
    return best;
  }

  function itemCentre(idx) {
    const it = sc.items[idx];
    if (it.kind === 'node') { const k = sc.node(it.l, it.i); return [sc.nodeX[k], sc.nodeY[k] - sc.radius]; }
    const a = sc.node(it.l - 1, it.i), b = sc.node(it.l, it.j);
    return [(sc.nodeX[a] + sc.nodeX[b]) / 2, (sc.nodeY[a] + sc.nodeY[b]) / 2];
  }

  function active() { return hover >= 0 ? hover : focus; }

  /* Shows the tooltip for the active item; only touches the DOM on change. */
  function updateTip() {
    const idx = active();
    if (idx < 0 || !sc.items[idx]) {
      if (!tip.hidden) tip.hidden = true;
      tipText = '';
      return;
    }
    const text = describeItem(idx);
    const [cx, cy] = itemCentre(idx);
    if (text !== tipText) { tip.textContent = text; tipText = text; }
    if (tip.hidden) tip.hidden = false;
    const tw = tip.offsetWidth, th = tip.offsetHeight;
    const x = Math.max(0, Math.min(sc.size.width - tw, cx - tw / 2));
    let y = cy - th - 8;
    if (y < 0) y = cy + 2 * sc.radius + 8;
    tip.style.transform = `translate(${Math.round(x)}px, ${Math.round(y)}px)`;
  }

  function setHover(idx) { if (idx !== hover) { hover = idx; dirty = true; invalidate(); } }
  function select(idx) {
    focus = idx;
    dirty = true;
    announce.textContent = describeItem(idx).replace(/\n/g, '; ');
    invalidate();
  }
  // pointerdown as well, so a tap on a touch screen shows the value too.
  function onPointer(e) {
    const r = canvas.getBoundingClientRect();
    setHover(hitTest(e.clientX - r.left, e.clientY - r.top));
  }
  canvas.addEventListener('pointermove', onPointer);
  canvas.addEventListener('pointerdown', onPointer);
  canvas.addEventListener('pointerleave', () => setHover(-1));
  canvas.addEventListener('focus', () => { if (focus < 0) select(0); });
  canvas.addEventListener('blur', () => { focus = -1; dirty = true; invalidate(); });
  canvas.addEventListener('keydown', (e) => {
    const n = sc.items.length, keys = { ArrowRight: focus + 1, ArrowDown: focus + 1, ArrowLeft: focus - 1, ArrowUp: focus - 1, Home: 0, End: n - 1 };
    if (e.key === 'Escape') { focus = -1; dirty = true; invalidate(); return; }
    if (!(e.key in keys)) return;
    e.preventDefault();
    select((keys[e.key] + n) % n);
  });

  function draw() {
    if (!dirty || !sc.theme || sc.size.width === 0 || names.length === 0) return false;
    dirty = false;
    sc.sel = active();
    drawDiagram(cssContext(canvas, sc.size), sc);
    updateTip();
    return true;
  }

  /* A sentence for the canvas's aria-label (updated now and then, not per frame). */
  function describe() {
    const layers = sc.layers;
    let n = 0, maxAbs = 0, pos = 0, where = '';
    for (let l = 1; l < layers.length; l++) {
      for (let i = 0; i < layers[l - 1]; i++) {
        for (let j = 0; j < layers[l]; j++) {
          const v = weight(l, i, j);
          n++;
          if (v > 0) pos++;
          if (Math.abs(v) > maxAbs) { maxAbs = Math.abs(v); where = `${sc.name(l - 1, i)} to ${sc.name(l, j)}`; }
        }
      }
    }
    return `Network diagram: ${layers[0]} inputs, ${layers.slice(1, -1).join(' and ')} ${sc.activation} hidden units, ` +
      `${layers[layers.length - 1]} softmax outputs; ${n} weights, ${pos} positive and ${n - pos} negative; ` +
      `the largest is ${fmt(maxAbs, 2)} in size, from ${where}.`;
  }

  return {
    setNetwork, draw, describe,
    setParams(p) { params = p; dirty = true; },
    setOverlay(o) { sc.overlay = o || null; dirty = true; },
    setTheme(t) { sc.theme = t; setFonts(); dirty = true; },
    invalidate() { dirty = true; },
    get overlay() { return sc.overlay; },
    nodePosition(l, i) { const k = sc.node(l, i); return { x: sc.nodeX[k], y: sc.nodeY[k], r: sc.radius }; },
    get itemCount() { return sc.items.length; },
  };
}

function segmentDistance(px, py, ax, ay, bx, by) {
  const vx = bx - ax, vy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * vx + (py - ay) * vy) / (vx * vx + vy * vy)));
  const dx = px - (ax + t * vx), dy = py - (ay + t * vy);
  return Math.sqrt(dx * dx + dy * dy);
}

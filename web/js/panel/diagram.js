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
   page's frame loop for a frame.

   Wide layers take a compact form (diagram-layout.js). setMaps() gives every
   node a small map of its output (neuron-maps.js); onActive(idx) hears when
   the item hovered or focused changes, onEdit(idx) when a weight or a bias
   is clicked or Enter is pressed on it (weight-edit.js). */
import { subscript as sub, formatNumber as fmt } from '../lib/numbers.js';
import { fitCanvas, cssContext } from '../kit/canvas.js';
import { CLASS_PLACES } from '../kit/markers.js';
import { drawDiagram } from './diagram-draw.js';
import { placeNodes, nodeAt, edgeAt } from './diagram-layout.js';

const MANY_LINES = 2000;    // weight lines past which repaints for new weights are spaced
const MANY_LINES_MS = 100;  // ... this far apart (10 a second)

export function createDiagram(canvas, tip, announce, invalidate) {
  return new Diagram(canvas, tip, announce, invalidate);
}

class Diagram {
  constructor(canvas, tip, announce, invalidate) {
    Object.assign(this, { canvas, tip, announce, invalidateFrame: invalidate });
    this.layout = [];      // per weight layer: { W, b, fanIn, fanOut } offsets into params
    this.params = null;    // Float64Array, the network's parameters
    this.layerStart = [];  // index of each layer's first node in nodeX/nodeY
    this.names = [];       // per layer, the node labels (made once per network)
    this.hover = -1;
    this.focus = -1;
    this.dirty = true;
    this.tipText = '';
    this.onActive = null;  // (item index or -1) when the hovered or focused item changes
    this.onEdit = null;    // (item index) when a weight or a bias is chosen for editing
    this.lastActive = -1;
    this.nextDraw = 0;     // no repaint for new weights before (see draw)
    this.urgent = false;
    this.timer = 0;
    this.inputNames = null; // feature names of the inputs, or null
    // The scene diagram-draw.js paints.
    this.sc = {
      size: { width: 0, height: 0, dpr: 1 }, theme: null, fonts: { bold: '', small: '', node: '', label: '' },
      layers: [2, 4, 4], activation: 'sigmoid', radius: 12, overlay: null, sel: -1, items: [],
      shapes: [], edgeMode: 'full', maps: null,
      nodeX: new Float64Array(0), nodeY: new Float64Array(0),
      node: (l, i) => this.layerStart[l] + i,
      name: (l, i) => this.names[l][i],
      edgeValue: (l, i, j) => this.edgeValue(l, i, j),
      edgeRow: (l) => this.edgeRow(l),
      bias: (l, j) => this.bias(l, j),
    };
    this.sc.size = fitCanvas(canvas, () => { this.place(); this.changed(); }).size;
    this.listen();
  }

  changed() {
    this.dirty = true;
    this.invalidateFrame();
    const a = this.active();
    if (a !== this.lastActive) { this.lastActive = a; if (this.onActive) this.onActive(a); }
  }

  setNetwork(layers, activation, layout) {
    const sc = this.sc;
    sc.layers = layers.slice();
    sc.activation = activation;
    this.layout = layout;
    this.params = null;
    sc.overlay = null;
    sc.maps = null;
    sc.items = [];
    for (let l = 0; l < layers.length; l++) for (let i = 0; i < layers[l]; i++) sc.items.push({ kind: 'node', l, i });
    for (let l = 1; l < layers.length; l++) {
      for (let i = 0; i < layers[l - 1]; i++) for (let j = 0; j < layers[l]; j++) sc.items.push({ kind: 'edge', l, i, j });
    }
    if (this.inputNames && this.inputNames.length !== layers[0]) this.inputNames = null;
    this.names = layers.map((units, l) => Array.from({ length: units }, (_, i) => this.makeName(l, i)));
    this.hover = -1;
    this.lastActive = -1;
    if (this.focus >= sc.items.length) this.focus = sc.items.length - 1;
    this.place();
    this.dirty = true;
  }

  setParams(p) { this.params = p; this.dirty = true; }
  setOverlay(o) { this.sc.overlay = o || null; this.dirty = true; }
  /* maps: { image (a canvas of cell x cell tiles, `columns` per row, tile k
     the map of node k), cell, columns } or null. */
  setMaps(maps) { this.sc.maps = maps; this.dirty = true; }
  get items() { return this.sc.items; }
  get layers() { return this.sc.layers; }
  /* The parameter an item stands for: a weight, a unit's bias (layers 1 on),
     or -1 (an input). */
  paramIndex(idx) {
    const it = this.sc.items[idx];
    if (!it || (it.kind === 'node' && it.l === 0)) return -1;
    const lay = this.layout[it.l - 1];
    return it.kind === 'edge' ? lay.W + it.i * this.sc.layers[it.l] + it.j : lay.b + it.i;
  }
  /* 'Weight x₁ → h₁' or 'Bias of h₁'. */
  itemName(idx) {
    const it = this.sc.items[idx], sc = this.sc;
    return it.kind === 'edge' ? `Weight ${sc.name(it.l - 1, it.i)} → ${sc.name(it.l, it.j)}` : `Bias of ${sc.name(it.l, it.i)}`;
  }
  centreOf(idx) { return this.itemCentre(idx); }
  setTheme(t) { this.sc.theme = t; this.setFonts(); this.dirty = true; }
  invalidate() { this.dirty = true; }
  get overlay() { return this.sc.overlay; }
  get itemCount() { return this.sc.items.length; }
  nodePosition(l, i) { const sc = this.sc, k = sc.node(l, i); return { x: sc.nodeX[k], y: sc.nodeY[k], r: sc.radius }; }

  setFonts() {
    const sc = this.sc;
    if (!sc.theme) return;
    const f = sc.theme.font;
    sc.fonts = { bold: `600 12px ${f}`, small: `12px ${f}`, label: `11px ${f}`, node: `${Math.max(9, Math.round(sc.radius * 0.8))}px ${f}` };
  }

  /* Node centres in CSS pixels, from the canvas size and the layer sizes. */
  place() {
    this.layerStart = placeNodes(this.sc);
    this.setFonts();
  }

  weight(l, i, j) { return this.params ? this.params[this.layout[l - 1].W + i * this.sc.layers[l] + j] : 0; }
  bias(l, j) { return this.params && l > 0 ? this.params[this.layout[l - 1].b + j] : 0; }
  edgeValue(l, i, j) {
    const ov = this.sc.overlay && this.sc.overlay.edges && this.sc.overlay.edges[l - 1];
    return ov ? ov[i * this.sc.layers[l] + j] : this.weight(l, i, j);
  }
  /* Layer l's edge values in one array: value (i, j) at values[offset + i * layers[l] + j]. */
  edgeRow(l) {
    const ov = this.sc.overlay && this.sc.overlay.edges && this.sc.overlay.edges[l - 1];
    if (ov) return { values: ov, offset: 0 };
    return this.params ? { values: this.params, offset: this.layout[l - 1].W } : null;
  }
  nodeValue(l, i) {
    const ov = this.sc.overlay && this.sc.overlay.nodes && this.sc.overlay.nodes[l];
    return ov ? ov[i] : undefined;
  }

  /* The inputs' names when they are features (x₁², sin x₂, ...); null: x₁, x₂. */
  setInputNames(names) {
    this.inputNames = names;
    if (this.names.length) this.names[0] = this.names[0].map((_, i) => this.makeName(0, i));
    this.dirty = true;
  }

  makeName(l, i) {
    const layers = this.sc.layers;
    if (l === 0) return this.inputNames && this.inputNames[i] ? this.inputNames[i] : `x${sub(i + 1)}`;
    if (l === layers.length - 1) return `ŷ${sub(i + 1)}`;
    return layers.length > 3 ? `h${sub(l)},${sub(i + 1)}` : `h${sub(i + 1)}`;
  }

  describeItem(idx) {
    const sc = this.sc, it = sc.items[idx];
    if (!it) return '';
    const L = sc.layers.length - 1, ov = sc.overlay;
    const overlayName = (name, k, fallback) => (Array.isArray(name) ? name[k] : name) || fallback;
    if (it.kind === 'edge') {
      const label = ov && ov.edges && ov.edges[it.l - 1] ? overlayName(ov.edgeName, it.l - 1, 'value') : 'w';
      return `Weight ${sc.name(it.l - 1, it.i)} → ${sc.name(it.l, it.j)}\n${label} = ${fmt(this.edgeValue(it.l, it.i, it.j), 3)}`;
    }
    let text;
    if (it.l === 0 && this.inputNames) text = `${sc.name(0, it.i)}: input feature, computed from the point's coordinates`;
    else if (it.l === 0) text = `${sc.name(0, it.i)}: input, the point's ${it.i === 0 ? 'horizontal' : it.i === 1 ? 'vertical' : ''} coordinate`;
    else if (it.l === L) {
      text = `${sc.name(it.l, it.i)}: output, probability of class ${it.i}` +
        (it.i < 4 ? ` (${CLASS_PLACES[it.i]})` : '') + `\nbias b = ${fmt(this.bias(it.l, it.i), 3)}`;
    } else text = `${sc.name(it.l, it.i)}: hidden unit, ${sc.activation}\nbias b = ${fmt(this.bias(it.l, it.i), 3)}`;
    const v = this.nodeValue(it.l, it.i);
    if (v !== undefined) text += `\n${overlayName(ov.nodeName, it.l, 'value')} = ${fmt(v, 3)}`;
    return text;
  }

  /* The item under (x, y) in CSS pixels: a neuron if within its circle or
     box, else the nearest weight line within 6 px (3 px when compact); -1. */
  hitTest(x, y) {
    const sc = this.sc, k = nodeAt(sc, this.layerStart, x, y);
    if (k >= 0) return k;
    return edgeAt(sc, x, y, sc.nodeX.length, sc.edgeMode === 'compact' ? 3 : 6);
  }

  itemCentre(idx) {
    const sc = this.sc, it = sc.items[idx];
    if (it.kind === 'node') { const k = sc.node(it.l, it.i); return [sc.nodeX[k], sc.nodeY[k] - sc.shapes[it.l].hh]; }
    const a = sc.node(it.l - 1, it.i), b = sc.node(it.l, it.j);
    return [(sc.nodeX[a] + sc.nodeX[b]) / 2, (sc.nodeY[a] + sc.nodeY[b]) / 2];
  }

  active() { return this.hover >= 0 ? this.hover : this.focus; }

  /* Shows the tooltip for the active item; only touches the DOM on change. */
  updateTip() {
    const tip = this.tip, idx = this.active();
    if (idx < 0 || !this.sc.items[idx]) {
      if (!tip.hidden) tip.hidden = true;
      this.tipText = '';
      return;
    }
    const text = this.describeItem(idx);
    const [cx, cy] = this.itemCentre(idx);
    if (text !== this.tipText) { tip.textContent = text; this.tipText = text; }
    if (tip.hidden) tip.hidden = false;
    const tw = tip.offsetWidth, th = tip.offsetHeight;
    const x = Math.max(0, Math.min(this.sc.size.width - tw, cx - tw / 2));
    let y = cy - th - 8;
    if (y < 0) y = cy + 2 * this.sc.radius + 8;
    tip.style.transform = `translate(${Math.round(x)}px, ${Math.round(y)}px)`;
  }

  setHover(idx) { if (idx !== this.hover) { this.hover = idx; this.urgent = true; this.changed(); } }
  select(idx) {
    this.focus = idx;
    this.urgent = true;
    this.announce.textContent = this.describeItem(idx).replace(/\n/g, '; ');
    this.changed();
  }

  /* Pointer (also pointerdown, so a tap shows the value) and keyboard. */
  listen() {
    const canvas = this.canvas;
    const onPointer = (e) => {
      const r = canvas.getBoundingClientRect();
      this.setHover(this.hitTest(e.clientX - r.left, e.clientY - r.top));
    };
    canvas.addEventListener('pointermove', onPointer);
    canvas.addEventListener('pointerdown', onPointer);
    canvas.addEventListener('pointerleave', () => this.setHover(-1));
    canvas.addEventListener('focus', () => { if (this.focus < 0) this.select(0); });
    canvas.addEventListener('blur', () => { this.focus = -1; this.changed(); });
    canvas.addEventListener('click', (e) => {
      const r = canvas.getBoundingClientRect(), idx = this.hitTest(e.clientX - r.left, e.clientY - r.top);
      if (idx >= 0 && this.paramIndex(idx) >= 0 && this.onEdit) { this.focus = idx; this.changed(); this.onEdit(idx); }
    });
    canvas.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') { this.focus = -1; this.changed(); return; }
      if (e.key === 'Enter' && this.focus >= 0 && this.paramIndex(this.focus) >= 0 && this.onEdit) {
        e.preventDefault();
        this.onEdit(this.focus);
        return;
      }
      const next = this.neighbour(e.key);
      if (next < 0) return;
      e.preventDefault();
      this.select(next);
    });
  }

  /* The index in the items list of unit (l, i), or of the line of weight
     layer l from unit i to unit j. */
  nodeItem(l, i) { return this.layerStart[l] + i; }
  edgeItem(l, i, j) {
    const layers = this.sc.layers;
    let k = layers.reduce((a, b) => a + b, 0);
    for (let m = 1; m < l; m++) k += layers[m - 1] * layers[m];
    return k + i * layers[l] + j;
  }

  /* The item a key moves the keyboard focus to, or -1 for another key. The
     keys walk the network: Right from a unit goes to its first outgoing
     line and from a line to the unit it feeds; Left from a unit goes to its
     first incoming line and from a line to the unit it comes from; Up and
     Down move within a layer's units or a weight layer's lines; Home and
     End go to the first and last item. */
  neighbour(key) {
    const sc = this.sc, n = sc.items.length, it = sc.items[this.focus], L = sc.layers.length - 1;
    if (key === 'Home') return 0;
    if (key === 'End') return n - 1;
    if (!['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown'].includes(key)) return -1;
    if (!it) return 0;
    const step = key === 'ArrowDown' ? 1 : -1;
    if (it.kind === 'node') {
      if (key === 'ArrowUp' || key === 'ArrowDown') return this.nodeItem(it.l, Math.max(0, Math.min(sc.layers[it.l] - 1, it.i + step)));
      if (key === 'ArrowRight') return it.l < L ? this.edgeItem(it.l + 1, it.i, 0) : this.focus;
      return it.l > 0 ? this.edgeItem(it.l, 0, it.i) : this.focus;
    }
    if (key === 'ArrowRight') return this.nodeItem(it.l, it.j);
    if (key === 'ArrowLeft') return this.nodeItem(it.l - 1, it.i);
    const first = this.edgeItem(it.l, 0, 0), count = sc.layers[it.l - 1] * sc.layers[it.l];
    return Math.max(first, Math.min(first + count - 1, this.focus + step));
  }

  /* Repaints if anything changed; false if there was nothing to do. A
     diagram that took more than 6 ms to paint waits three times that before
     it repaints for new weights, and one of more than MANY_LINES lines (8
     layers of 64: 28,000) waits MANY_LINES_MS, since Chromium rasterises
     its lines after the script, outside that measure; so the region and
     the loss curve still get their share of the frames. The pointer and the
     keyboard repaint at once. */
  draw() {
    const sc = this.sc;
    if (!this.dirty || !sc.theme || sc.size.width === 0 || this.names.length === 0) return false;
    const t0 = performance.now();
    if (!this.urgent && t0 < this.nextDraw) {
      if (!this.timer) this.timer = setTimeout(() => { this.timer = 0; this.invalidateFrame(); }, this.nextDraw - t0);
      return false;
    }
    this.dirty = false;
    this.urgent = false;
    sc.sel = this.active();
    drawDiagram(cssContext(this.canvas, sc.size), sc);
    this.updateTip();
    const cost = performance.now() - t0, lines = sc.items.length - sc.nodeX.length;
    this.nextDraw = Math.max(cost > 6 ? t0 + 3 * cost : 0, lines > MANY_LINES ? t0 + MANY_LINES_MS : 0);
    return true;
  }

  /* A sentence for the canvas's aria-label (updated now and then, not per frame). */
  describe() {
    const sc = this.sc, layers = sc.layers;
    let n = 0, maxAbs = 0, pos = 0, where = '';
    for (let l = 1; l < layers.length; l++) {
      for (let i = 0; i < layers[l - 1]; i++) {
        for (let j = 0; j < layers[l]; j++) {
          const v = this.weight(l, i, j);
          n++;
          if (v > 0) pos++;
          if (Math.abs(v) > maxAbs) { maxAbs = Math.abs(v); where = `${sc.name(l - 1, i)} to ${sc.name(l, j)}`; }
        }
      }
    }
    const hidden = layers.length > 2 ? `${layers.slice(1, -1).join(' and ')} ${sc.activation} hidden units` : 'no hidden layer';
    return `Network diagram: ${layers[0]} inputs, ${hidden}, ` +
      `${layers[layers.length - 1]} softmax outputs; ${n} weights, ${pos} positive and ${n - pos} negative; ` +
      `the largest is ${fmt(maxAbs, 2)} in size, from ${where}.`;
  }
}

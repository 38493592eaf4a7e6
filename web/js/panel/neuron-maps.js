/* neuron-maps.js: every unit's output over the plane, from one unitGrids
   call per refresh (one forward pass over a small grid), painted into one
   atlas canvas that the diagram draws each node's tile from. Refreshes are
   at most REFRESH_MS apart while the weights change; the last change is
   always painted. Hovering or focusing a node shows its map full size over
   the decision region, on a canvas of this module's own laid over the
   region's plot square, with a label saying whose map it is.

   Colours: an output of a softmax network is its class's colour with the
   class's probability as strength; every other unit goes from the weight's
   negative colour through the background to the positive one (sigmoid
   from 0 to 1, tanh from -1 to 1, ReLU and the inputs against their map's
   largest magnitude). */
import { DOMAIN } from './region.js';

const REFRESH_MS = 250;
const SMALL_WORK = 4e6;  // grid points x parameters for the thumbnails' pass
const LARGE_WORK = 3e7;  // ... and for the pass while a map is shown full size

export function createNeuronMaps(p) { return new NeuronMaps(p); }

class NeuronMaps {
  constructor(p) {
    this.p = p;
    this.atlas = document.createElement('canvas');
    this.actx = this.atlas.getContext('2d');
    this.out = null;
    this.shown = -1;       // the node shown over the region, or -1
    this.last = -Infinity;
    this.timer = 0;
    this.makeOverlay(p.ui.regionCanvas);
    p.ui.diagram.onActive = (idx) => this.setActive(idx);
  }

  makeOverlay(regionCanvas) {
    const box = regionCanvas.parentElement;
    this.overlay = document.createElement('canvas');
    this.overlay.className = 'unit-map';
    this.overlay.hidden = true;
    this.overlay.setAttribute('aria-hidden', 'true');
    this.label = document.createElement('p');
    this.label.className = 'unit-map-label';
    this.label.id = 'unit-map-label';
    this.label.hidden = true;
    box.append(this.overlay, this.label);
  }

  /* A new network: sizes and names; the maps follow its parameters. */
  networkChanged(net) {
    this.net = net;
    this.layout = net.unitLayout();
    this.shown = -1;
    this.hide();
    this.refresh();
  }

  /* The weights changed: paint now, or once REFRESH_MS has passed. */
  paramsChanged() {
    if (this.timer) return;
    const wait = this.last + REFRESH_MS - performance.now();
    if (wait <= 0) this.refresh();
    else this.timer = setTimeout(() => { this.timer = 0; this.refresh(); }, wait);
  }

  /* The grid's side: as fine as the work allows, finer while one is shown. */
  side() {
    const work = this.shown >= 0 ? LARGE_WORK : SMALL_WORK;
    const per = this.net.paramCount + this.net.unitCount;
    return Math.max(8, Math.min(this.shown >= 0 ? 64 : 20, Math.floor(Math.sqrt(work / per))));
  }

  refresh() {
    const net = this.net, theme = this.p.ui.theme;
    if (!net || !theme) return;
    this.last = performance.now();
    const n = this.side(), units = net.unitCount, cols = Math.ceil(Math.sqrt(units));
    const grid = { xMin: DOMAIN.xMin, xMax: DOMAIN.xMax, yMin: DOMAIN.yMin, yMax: DOMAIN.yMax, width: n, height: n };
    if (!this.out || this.out.length !== units * n * n) this.out = new Float32Array(units * n * n);
    net.unitGrids(grid, this.out);
    const rows = Math.ceil(units / cols);
    if (this.atlas.width !== cols * n || this.atlas.height !== rows * n) {
      this.atlas.width = cols * n;
      this.atlas.height = rows * n;
    }
    const img = this.actx.createImageData(cols * n, rows * n);
    for (let u = 0; u < units; u++) paintTile(img, this.out, u, n, cols, this.colourer(u, theme));
    this.actx.putImageData(img, 0, 0);
    this.p.ui.diagram.setMaps({ image: this.atlas, cell: n, columns: cols });
    if (this.shown >= 0) this.drawShown();
    this.p.invalidate();
  }

  /* (value, max |value| of the tile) -> [r, g, b] for unit u. */
  colourer(u, t) {
    const info = this.layout[u], L = this.net.layers.length - 1;
    if (info.layer === L && this.net.output === 'softmax') {
      const c = t.classes[info.index % t.classes.length];
      return (v) => blend(t.bg, c, Math.max(0, Math.min(1, v)));
    }
    const act = this.net.activation;
    const scale = info.layer === 0 || info.layer === L || act === 'relu' || act === 'linear'
      ? (v, m) => (m > 0 ? v / m : 0)
      : act === 'sigmoid' ? (v) => 2 * v - 1 : (v) => v;
    return (v, m) => {
      const s = Math.max(-1, Math.min(1, scale(v, m)));
      return s >= 0 ? blend(t.bg, t.pos, s) : blend(t.bg, t.neg, -s);
    };
  }

  /* The item the diagram's pointer or keyboard is on: a node's map shows
     over the region, anything else hides it. */
  setActive(idx) {
    const it = idx >= 0 ? this.p.ui.diagram.items[idx] : null;
    const node = it && it.kind === 'node' ? idx : -1;
    if (node === this.shown) return;
    const finer = (node >= 0) !== (this.shown >= 0);
    this.shown = node;
    if (node < 0) { this.hide(); if (finer) this.refresh(); return; }
    if (finer) this.refresh();
    else this.drawShown();
  }

  hide() {
    this.overlay.hidden = true;
    this.label.hidden = true;
  }

  /* The shown node's tile, scaled over the region's plot square. */
  drawShown() {
    const region = this.p.ui.region, plot = region.plot, d = this.p.ui.diagram;
    if (!plot || !this.net) return;
    const k = this.shown, n = this.atlas.width / Math.ceil(Math.sqrt(this.net.unitCount));
    const cols = Math.ceil(Math.sqrt(this.net.unitCount));
    const dpr = window.devicePixelRatio || 1, side = Math.round(plot.cssSide * dpr);
    const o = this.overlay;
    if (o.width !== side) { o.width = side; o.height = side; }
    o.style.left = `${plot.cssLeft}px`;
    o.style.top = `${plot.cssTop}px`;
    o.style.width = o.style.height = `${plot.cssSide}px`;
    const ctx = o.getContext('2d');
    ctx.imageSmoothingEnabled = true;
    ctx.drawImage(this.atlas, (k % cols) * n, Math.floor(k / cols) * n, n, n, 0, 0, side, side);
    const it = d.items[k];
    const text = `Map of ${d.describeItem(k).split('\n')[0]}: its value at every point of the plane`;
    if (this.label.textContent !== text) this.label.textContent = text;
    this.label.style.left = `${plot.cssLeft}px`;
    this.label.style.top = `${plot.cssTop}px`;
    this.label.style.maxWidth = `${plot.cssSide}px`;
    this.label.dataset.layer = String(it.l);
    o.hidden = false;
    this.label.hidden = false;
  }
}

/* b's share t over a, per channel. */
function blend(a, b, t) {
  return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t];
}

function paintTile(img, out, u, n, cols, colour) {
  const base = u * n * n, tx = (u % cols) * n, ty = Math.floor(u / cols) * n, W = img.width, px = img.data;
  let m = 0;
  for (let q = 0; q < n * n; q++) { const a = Math.abs(out[base + q]); if (a > m && a < Infinity) m = a; }
  for (let y = 0; y < n; y++) {
    for (let x = 0; x < n; x++) {
      const v = out[base + y * n + x], c = colour(Number.isFinite(v) ? v : 0, m), o = 4 * ((ty + y) * W + tx + x);
      px[o] = c[0]; px[o + 1] = c[1]; px[o + 2] = c[2]; px[o + 3] = 255;
    }
  }
}

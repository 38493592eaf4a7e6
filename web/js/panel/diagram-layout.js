/* diagram-layout.js: where the diagram's neurons sit, and what is under the
   pointer. A layer whose units fit as circles of radius 7 px or more is
   drawn as the seed drew it; a wider one (e.g. 64 units in 300 px) takes
   the compact form: each unit a small box, rowGap * 0.8 tall, that shows
   its map when it is 8 px or more, a bar otherwise. Pure geometry on the
   diagram's scene (diagram.js). */

const TOP = 36, BOTTOM = 10;
const MIN_RADIUS = 7;

/* Fills sc.nodeX, sc.nodeY, sc.radius (the circles' radius), sc.shapes
   (per layer { compact, hw, hh }: half width and height of a box) and
   returns each layer's first node index. */
export function placeNodes(sc) {
  const layers = sc.layers, n = layers.reduce((a, b) => a + b, 0);
  if (sc.nodeX.length !== n) { sc.nodeX = new Float64Array(n); sc.nodeY = new Float64Array(n); }
  const w = sc.size.width, h = sc.size.height, span = h - TOP - BOTTOM;
  const cap = Math.min(20, w / (layers.length * 7));
  // The circles' radius: as the seed's, from the widest layer drawn as circles.
  let circleUnits = 1;
  for (const units of layers) if ((span / units) * 0.36 >= MIN_RADIUS && units > circleUnits) circleUnits = units;
  sc.radius = Math.max(MIN_RADIUS, Math.min(cap, (span / circleUnits) * 0.36));
  const colGap = (w - 2 * sc.radius - 44) / Math.max(1, layers.length - 1);
  sc.shapes = layers.map((units) => {
    const rowGap = span / units;
    if (rowGap * 0.36 >= MIN_RADIUS) return { compact: false, hw: sc.radius, hh: sc.radius };
    const hh = Math.max(0.6, rowGap * 0.4);
    return { compact: true, hh, hw: Math.max(3, Math.min(hh, colGap * 0.2, 10)) };
  });
  sc.edgeMode = edgeCount(layers) > 400 ? 'compact' : 'full';
  const left = sc.radius + 14, right = sc.radius + 30; // room for the class markers
  const starts = [];
  let k = 0;
  for (let l = 0; l < layers.length; l++) {
    starts.push(k);
    const x = left + (w - left - right) * (l / (layers.length - 1));
    for (let i = 0; i < layers[l]; i++, k++) {
      sc.nodeX[k] = x;
      sc.nodeY[k] = TOP + span * ((i + 0.5) / layers[l]);
    }
  }
  return starts;
}

export function edgeCount(layers) {
  let n = 0;
  for (let l = 1; l < layers.length; l++) n += layers[l - 1] * layers[l];
  return n;
}

/* The node index under (x, y) or -1: within a circle (3 px of slack), or
   a box (2 px of slack across, the half-way to its neighbours along). */
export function nodeAt(sc, starts, x, y) {
  for (let l = 0; l < sc.layers.length; l++) {
    const s = sc.shapes[l], first = starts[l], units = sc.layers[l];
    if (Math.abs(x - sc.nodeX[first]) > s.hw + 3) continue;
    if (!s.compact) {
      for (let i = 0; i < units; i++) {
        const dx = x - sc.nodeX[first + i], dy = y - sc.nodeY[first + i];
        if (dx * dx + dy * dy <= (s.hw + 3) * (s.hw + 3)) return first + i;
      }
      continue;
    }
    const rowGap = units > 1 ? sc.nodeY[first + 1] - sc.nodeY[first] : 2 * s.hh;
    const i = Math.round((y - sc.nodeY[first]) / rowGap);
    if (i >= 0 && i < units && Math.abs(y - sc.nodeY[first + i]) <= rowGap / 2) return first + i;
  }
  return -1;
}

/* The edge item nearest (x, y) within `within` px, or -1. Items from
   firstEdge on are edges { l, i, j }. */
export function edgeAt(sc, x, y, firstEdge, within) {
  let best = -1, bestD = within;
  for (let idx = firstEdge; idx < sc.items.length; idx++) {
    const it = sc.items[idx];
    const a = sc.node(it.l - 1, it.i), b = sc.node(it.l, it.j);
    const ax = sc.nodeX[a], bx = sc.nodeX[b];
    if (x < Math.min(ax, bx) - within || x > Math.max(ax, bx) + within) continue;
    const d = segmentDistance(x, y, ax, sc.nodeY[a], bx, sc.nodeY[b]);
    if (d < bestD) { bestD = d; best = idx; }
  }
  return best;
}

function segmentDistance(px, py, ax, ay, bx, by) {
  const vx = bx - ax, vy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * vx + (py - ay) * vy) / (vx * vx + vy * vy)));
  const dx = px - (ax + t * vx), dy = py - (ay + t * vy);
  return Math.sqrt(dx * dx + dy * dy);
}

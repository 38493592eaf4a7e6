/* diagram.js: the network architecture. Neurons are circles in columns, one
   column per layer; every weight is a line whose colour gives its sign and
   whose width and opacity grow with its magnitude; each neuron's ring shows
   its bias the same way. Hovering, or focusing the canvas and moving with the
   arrow keys, shows a neuron's or weight's value in a tooltip.

   The caller owns the data: setParams() with the network's parameter buffer
   (per layer W as fanIn x fanOut row-major, then b), and optionally
   setOverlay() with per-node and per-edge values to draw instead (for
   example activations on the way forward or deltas on the way back):
     { nodes: [per layer: values or null], edges: [per weight layer: values
       (fanIn x fanOut, as W) or null], nodeName, edgeName (a string, or one
       per layer / weight layer), nodeScale, edgeScale (per layer: the size
       drawn at full strength; else values are squashed with tanh),
       mark: { l, i } (a node to ring, e.g. the followed point's class) }.
   Overlay node values are also written beside their nodes when there is
   room; weights of layers without overlay edges are drawn faintly.
   draw() repaints only when something changed. */
(function (E) {
  'use strict';

  const sub = self.MlpNumbers.subscript;

  function createDiagram(canvas, tip, announce) {
    const fmt = self.MlpNumbers.formatNumber;
    let theme = null;
    let size = { width: 0, height: 0, dpr: 1 };
    let layers = [2, 4, 4];
    let activation = 'sigmoid';
    let layout = [];          // per weight layer: { W, b, fanIn, fanOut } offsets into params
    let params = null;        // Float64Array, the network's parameters
    let overlay = null;       // { nodes: [per layer values|null], edges: [per weight layer values|null], nodeName, edgeName }
    let nodeX = new Float64Array(0), nodeY = new Float64Array(0);
    let layerStart = [];      // index of each layer's first node in nodeX/nodeY
    let radius = 12;
    let items = [];           // keyboard order: { kind: 'node', l, i } | { kind: 'edge', l, i, j }
    let names = [];           // per layer, the node labels (made once per network)
    let fonts = { bold: '', small: '', node: '', label: '' };
    let hover = -1, focus = -1;
    let dirty = true;
    let tipText = '';

    E.canvas.fitCanvas(canvas, (s) => { size = s; place(); dirty = true; E.app && E.app.invalidate(); });

    function setNetwork(newLayers, newActivation, newLayout) {
      layers = newLayers.slice();
      activation = newActivation;
      layout = newLayout;
      params = null;
      overlay = null;
      items = [];
      for (let l = 0; l < layers.length; l++) for (let i = 0; i < layers[l]; i++) items.push({ kind: 'node', l, i });
      for (let l = 1; l < layers.length; l++) {
        for (let i = 0; i < layers[l - 1]; i++) for (let j = 0; j < layers[l]; j++) items.push({ kind: 'edge', l, i, j });
      }
      names = layers.map((units, l) => Array.from({ length: units }, (_, i) => makeName(l, i)));
      hover = -1;
      if (focus >= items.length) focus = items.length - 1;
      place();
      dirty = true;
    }

    function setParams(p) { params = p; dirty = true; }
    function setOverlay(o) { overlay = o || null; dirty = true; }
    function setTheme(t) { theme = t; setFonts(); dirty = true; }
    function setFonts() {
      if (!theme) return;
      fonts.bold = `600 12px ${theme.font}`;
      fonts.small = `12px ${theme.font}`;
      fonts.label = `11px ${theme.font}`;
      fonts.node = `${Math.max(9, Math.round(radius * 0.8))}px ${theme.font}`;
    }

    /* Node centres in CSS pixels, from the canvas size and the layer sizes. */
    function place() {
      const n = layers.reduce((a, b) => a + b, 0);
      if (nodeX.length !== n) { nodeX = new Float64Array(n); nodeY = new Float64Array(n); }
      const w = size.width, h = size.height;
      const top = 36, bottom = 10, maxUnits = Math.max(...layers);
      const rowGap = (h - top - bottom) / maxUnits;
      radius = Math.max(7, Math.min(20, rowGap * 0.36, w / (layers.length * 7)));
      setFonts();
      const left = radius + 14, right = radius + 30; // room for the class markers
      layerStart = [];
      let k = 0;
      for (let l = 0; l < layers.length; l++) {
        layerStart.push(k);
        const x = left + (w - left - right) * (l / (layers.length - 1));
        const units = layers[l];
        for (let i = 0; i < units; i++, k++) {
          nodeX[k] = x;
          nodeY[k] = top + (h - top - bottom) * ((i + 0.5) / units);
        }
      }
    }

    function nodeIndex(l, i) { return layerStart[l] + i; }
    function weight(l, i, j) { return params ? params[layout[l - 1].W + i * layers[l] + j] : 0; }
    function bias(l, j) { return params && l > 0 ? params[layout[l - 1].b + j] : 0; }
    function edgeValue(l, i, j) {
      const ov = overlay && overlay.edges && overlay.edges[l - 1];
      return ov ? ov[i * layers[l] + j] : weight(l, i, j);
    }
    function nodeValue(l, i) {
      const ov = overlay && overlay.nodes && overlay.nodes[l];
      return ov ? ov[i] : undefined;
    }
    function overlayName(name, k, fallback) {
      const v = Array.isArray(name) ? name[k] : name;
      return v || fallback;
    }
    /* 0..1: how strongly to draw an overlay value of layer k. */
    function strength(v, scales, k) {
      const m = Number.isFinite(v) ? Math.abs(v) : 0;
      const s = scales ? scales[k] : 0;
      return s > 0 ? Math.min(1, m / s) : Math.tanh(m);
    }

    function nodeName(l, i) { return names[l][i]; }
    function makeName(l, i) {
      if (l === 0) return `x${sub(i + 1)}`;
      if (l === layers.length - 1) return `ŷ${sub(i + 1)}`;
      return layers.length > 3 ? `h${sub(l)},${sub(i + 1)}` : `h${sub(i + 1)}`;
    }

    function describeItem(idx) {
      const it = items[idx];
      if (!it) return '';
      const L = layers.length - 1;
      if (it.kind === 'edge') {
        const v = edgeValue(it.l, it.i, it.j);
        const label = overlay && overlay.edges && overlay.edges[it.l - 1] ? overlayName(overlay.edgeName, it.l - 1, 'value') : 'w';
        return `Weight ${nodeName(it.l - 1, it.i)} → ${nodeName(it.l, it.j)}\n${label} = ${fmt(v, 3)}`;
      }
      let text;
      if (it.l === 0) text = `${nodeName(0, it.i)}: input, the point's ${it.i === 0 ? 'horizontal' : it.i === 1 ? 'vertical' : ''} coordinate`;
      else if (it.l === L) {
        text = `${nodeName(it.l, it.i)}: output, probability of class ${it.i}` +
          (it.i < 4 ? ` (${E.theme.CLASS_PLACES[it.i]})` : '') + `\nbias b = ${fmt(bias(it.l, it.i), 3)}`;
      } else text = `${nodeName(it.l, it.i)}: hidden unit, ${activation}\nbias b = ${fmt(bias(it.l, it.i), 3)}`;
      const v = nodeValue(it.l, it.i);
      if (v !== undefined) text += `\n${overlayName(overlay.nodeName, it.l, 'value')} = ${fmt(v, 3)}`;
      return text;
    }

    /* The item under (x, y) in CSS pixels: a neuron if within its circle,
       else the nearest weight line within 6 px; -1 if none. */
    function hitTest(x, y) {
      let k = 0;
      for (let l = 0; l < layers.length; l++) {
        for (let i = 0; i < layers[l]; i++, k++) {
          const dx = x - nodeX[k], dy = y - nodeY[k];
          if (dx * dx + dy * dy <= (radius + 3) * (radius + 3)) return k;
        }
      }
      let best = -1, bestD = 6;
      for (let idx = k; idx < items.length; idx++) {
        const it = items[idx];
        const a = nodeIndex(it.l - 1, it.i), b = nodeIndex(it.l, it.j);
        const d = segmentDistance(x, y, nodeX[a], nodeY[a], nodeX[b], nodeY[b]);
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

    function itemCentre(idx) {
      const it = items[idx];
      if (it.kind === 'node') { const k = nodeIndex(it.l, it.i); return [nodeX[k], nodeY[k] - radius]; }
      const a = nodeIndex(it.l - 1, it.i), b = nodeIndex(it.l, it.j);
      return [(nodeX[a] + nodeX[b]) / 2, (nodeY[a] + nodeY[b]) / 2];
    }

    function active() { return hover >= 0 ? hover : focus; }

    /* The short form written under a node. */
    function labelText(v) {
      return Math.abs(v) >= 100 ? fmt(v, 0) : fmt(v, 2);
    }

    /* Shows the tooltip for the active item; only touches the DOM on change. */
    function updateTip() {
      const idx = active();
      if (idx < 0 || !items[idx]) {
        if (!tip.hidden) tip.hidden = true;
        tipText = '';
        return;
      }
      const text = describeItem(idx);
      const [cx, cy] = itemCentre(idx);
      if (text !== tipText) { tip.textContent = text; tipText = text; }
      if (tip.hidden) tip.hidden = false;
      const tw = tip.offsetWidth, th = tip.offsetHeight;
      const x = Math.max(0, Math.min(size.width - tw, cx - tw / 2));
      let y = cy - th - 8;
      if (y < 0) y = cy + 2 * radius + 8;
      tip.style.transform = `translate(${Math.round(x)}px, ${Math.round(y)}px)`;
    }

    // pointerdown as well, so a tap on a touch screen shows the value too.
    function onPointer(e) {
      const r = canvas.getBoundingClientRect();
      const idx = hitTest(e.clientX - r.left, e.clientY - r.top);
      if (idx !== hover) { hover = idx; dirty = true; E.app && E.app.invalidate(); }
    }
    canvas.addEventListener('pointermove', onPointer);
    canvas.addEventListener('pointerdown', onPointer);
    canvas.addEventListener('pointerleave', () => {
      if (hover !== -1) { hover = -1; dirty = true; E.app && E.app.invalidate(); }
    });
    canvas.addEventListener('focus', () => {
      if (focus < 0) select(0);
    });
    canvas.addEventListener('blur', () => {
      focus = -1;
      dirty = true;
      E.app && E.app.invalidate();
    });
    canvas.addEventListener('keydown', (e) => {
      let next = focus;
      if (e.key === 'ArrowRight' || e.key === 'ArrowDown') next = focus + 1;
      else if (e.key === 'ArrowLeft' || e.key === 'ArrowUp') next = focus - 1;
      else if (e.key === 'Home') next = 0;
      else if (e.key === 'End') next = items.length - 1;
      else if (e.key === 'Escape') { focus = -1; dirty = true; E.app && E.app.invalidate(); return; }
      else return;
      e.preventDefault();
      select((next + items.length) % items.length);
    });

    function select(idx) {
      focus = idx;
      dirty = true;
      announce.textContent = describeItem(idx).replace(/\n/g, '; ');
      E.app && E.app.invalidate();
    }

    function draw() {
      if (!dirty || !theme || size.width === 0 || names.length === 0) return false;
      dirty = false;
      const ctx = E.canvas.cssContext(canvas, size);
      const w = size.width, h = size.height, c = theme.css;
      ctx.fillStyle = c.bg;
      ctx.fillRect(0, 0, w, h);
      const L = layers.length - 1;
      const sel = active();

      // Layer labels: the layer's name, and under it what it computes.
      ctx.textBaseline = 'alphabetic';
      for (let l = 0; l <= L; l++) {
        const x = nodeX[layerStart[l]];
        const name = l === 0 ? 'Input' : l === L ? 'Output' : 'Hidden';
        const what = l === 0 ? `x${sub(1)}${layers[0] === 2 ? ', ' : ' … '}x${sub(layers[0])}` : l === L ? 'softmax' : activation === 'relu' ? 'ReLU' : activation;
        ctx.textAlign = l === 0 ? 'left' : l === L ? 'right' : 'center';
        const lx = l === 0 ? Math.max(2, x - radius) : l === L ? Math.min(w - 2, x + radius + 18) : x;
        ctx.font = fonts.bold;
        ctx.fillStyle = c.text;
        ctx.fillText(name, lx, 13);
        ctx.font = fonts.small;
        ctx.fillStyle = c.muted;
        ctx.fillText(what, lx, 28);
      }

      // Weights: colour = sign, width and opacity grow with |w| and saturate,
      // so the lines keep showing growth instead of being rescaled each frame.
      // Overlay edges (gradients, changes) are drawn against their layer's
      // scale; the plain weights of other layers fade into the background.
      ctx.lineCap = 'round';
      const anyEdges = !!(overlay && overlay.edges && overlay.edges.some((e) => e));
      for (let l = 1; l <= L; l++) {
        const ov = overlay && overlay.edges && overlay.edges[l - 1];
        const fade = anyEdges && !ov ? 0.3 : 1;
        for (let i = 0; i < layers[l - 1]; i++) {
          const a = nodeIndex(l - 1, i);
          for (let j = 0; j < layers[l]; j++) {
            const b = nodeIndex(l, j);
            const v = edgeValue(l, i, j);
            if (ov) {
              const t = strength(v, overlay.edgeScale, l - 1);
              ctx.globalAlpha = 0.2 + 0.8 * t;
              ctx.lineWidth = 0.75 + 5.5 * t;
            } else {
              const m = Number.isFinite(v) ? Math.abs(v) : 0;
              ctx.globalAlpha = fade * (0.3 + 0.7 * Math.tanh(m / 1.5));
              ctx.lineWidth = 0.75 + 5.5 * Math.tanh(m / 3);
            }
            ctx.strokeStyle = v < 0 ? c.neg : c.pos;
            ctx.beginPath();
            ctx.moveTo(nodeX[a], nodeY[a]);
            ctx.lineTo(nodeX[b], nodeY[b]);
            ctx.stroke();
          }
        }
      }
      ctx.globalAlpha = 1;

      // Highlight of the active weight.
      if (sel >= 0 && items[sel] && items[sel].kind === 'edge') {
        const it = items[sel];
        const a = nodeIndex(it.l - 1, it.i), b = nodeIndex(it.l, it.j);
        ctx.strokeStyle = c.text;
        ctx.lineWidth = 2;
        ctx.setLineDash([4, 3]);
        ctx.beginPath();
        ctx.moveTo(nodeX[a], nodeY[a]);
        ctx.lineTo(nodeX[b], nodeY[b]);
        ctx.stroke();
        ctx.setLineDash([]);
      }

      // Neurons: ring colour and width show the bias (inputs have none).
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
      ctx.font = fonts.node;
      for (let l = 0; l <= L; l++) {
        const values = overlay && overlay.nodes && overlay.nodes[l];
        for (let i = 0; i < layers[l]; i++) {
          const k = nodeIndex(l, i);
          ctx.beginPath();
          ctx.arc(nodeX[k], nodeY[k], radius, 0, 2 * Math.PI);
          ctx.fillStyle = c.nodeFill;
          ctx.fill();
          if (values) {
            // Overlay values: fill strength by |value| against the layer's
            // scale (or squashed), colour by sign.
            const v = values[i];
            ctx.globalAlpha = 0.12 + 0.7 * strength(v, overlay.nodeScale, l);
            ctx.fillStyle = v < 0 ? c.neg : c.pos;
            ctx.fill();
            ctx.globalAlpha = 1;
          }
          if (l === 0) {
            ctx.lineWidth = 1.5;
            ctx.strokeStyle = c.nodeStroke;
          } else {
            const b = bias(l, i);
            ctx.lineWidth = 1.25 + 3 * Math.tanh(Math.abs(b) / 2);
            ctx.strokeStyle = b < 0 ? c.neg : Math.abs(b) < 1e-9 ? c.nodeStroke : c.pos;
          }
          ctx.stroke();
          ctx.fillStyle = c.text;
          ctx.fillText(nodeName(l, i), nodeX[k], nodeY[k] + 0.5);
          if (l === L && i < 4) {
            ctx.beginPath();
            E.theme.markerPath(ctx, i, nodeX[k] + radius + 12, nodeY[k], 5);
            ctx.fillStyle = c.classes[i];
            ctx.fill();
            ctx.lineWidth = 1;
            ctx.strokeStyle = c.pointOutline;
            ctx.stroke();
          }
          if (overlay && overlay.mark && overlay.mark.l === l && overlay.mark.i === i) {
            ctx.beginPath();
            ctx.arc(nodeX[k], nodeY[k], radius + 3.5, 0, 2 * Math.PI);
            ctx.lineWidth = 2.5;
            ctx.strokeStyle = c.text;
            ctx.stroke();
          }
          if (sel === k) {
            ctx.beginPath();
            ctx.arc(nodeX[k], nodeY[k], radius + 4, 0, 2 * Math.PI);
            ctx.lineWidth = 2;
            ctx.strokeStyle = c.text;
            ctx.setLineDash([4, 3]);
            ctx.stroke();
            ctx.setLineDash([]);
          }
        }
      }
      if (overlay && overlay.nodes) drawValueLabels(ctx, c);
      updateTip();
      return true;
    }

    /* Overlay values under their nodes, on a pill of the background so
       they stay readable over the lines; only when a row has room. */
    function drawValueLabels(ctx, c) {
      const maxUnits = Math.max(...layers);
      const gap = (size.height - 46) / maxUnits - 2 * radius;
      if (gap < 15.5) return; // a 13 px label between two rows of circles
      ctx.font = gap >= 20 ? fonts.small : fonts.label;
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
      for (let l = 0; l < layers.length; l++) {
        const values = overlay.nodes[l];
        if (!values) continue;
        for (let i = 0; i < layers[l]; i++) {
          const k = nodeIndex(l, i);
          const text = labelText(values[i]);
          const tw = ctx.measureText(text).width;
          const x = nodeX[k], y = nodeY[k] + radius + 8.5;
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

    /* A sentence for the canvas's aria-label (updated now and then, not per frame). */
    function describe() {
      let n = 0, maxAbs = 0, pos = 0, where = '';
      for (let l = 1; l < layers.length; l++) {
        for (let i = 0; i < layers[l - 1]; i++) {
          for (let j = 0; j < layers[l]; j++) {
            const v = weight(l, i, j);
            n++;
            if (v > 0) pos++;
            if (Math.abs(v) > maxAbs) { maxAbs = Math.abs(v); where = `${nodeName(l - 1, i)} to ${nodeName(l, j)}`; }
          }
        }
      }
      return `Network diagram: ${layers[0]} inputs, ${layers.slice(1, -1).join(' and ')} ${activation} hidden units, ` +
        `${layers[layers.length - 1]} softmax outputs; ${n} weights, ${pos} positive and ${n - pos} negative; ` +
        `the largest is ${fmt(maxAbs, 2)} in size, from ${where}.`;
    }

    return {
      setNetwork, setParams, setOverlay, setTheme, draw, describe,
      invalidate() { dirty = true; },
      get overlay() { return overlay; },
      // Read by tests and by a future phase walkthrough.
      nodePosition(l, i) { const k = nodeIndex(l, i); return { x: nodeX[k], y: nodeY[k], r: radius }; },
      get itemCount() { return items.length; },
    };
  }

  E.createDiagram = createDiagram;
})(window.Explainer = window.Explainer || {});

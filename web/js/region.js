/* region.js: the decision region. Every pixel of the plane takes the colour
   of the class the network predicts there: the class colours are averaged
   with the predicted probabilities as weights and faded towards the
   background where the network is unsure, so confident regions are deep and
   boundaries pale. The training points sit on top, each class with its own
   colour and marker, with axes and ticks around.

   While the network trains, the field is computed by predictGrid on a coarse
   grid (at most 128 x 128, about 1.3 ms) and scaled smoothly onto the canvas.
   When the parameters stop changing it is recomputed at the canvas's device
   pixel resolution, in stripes that fit the frame's time budget, and drawn
   1:1. Both grids, their ImageData and the predictGrid output arrays are
   allocated when the canvas or the network changes, never per frame. */
(function (E) {
  'use strict';

  const DOMAIN = Object.freeze({ xMin: -2.5, xMax: 2.5, yMin: -2.5, yMax: 2.5 });
  const COARSE_MAX = 128;
  const STRIPE_PIXELS = 16384;
  const MARGIN = { left: 30, right: 10, top: 10, bottom: 28 }; // CSS px, for ticks and labels

  function createRegion(canvas) {
    const fmt = self.MlpNumbers.formatNumber;
    const tickBuf = new Float64Array(16);
    const tickCount = E.canvas.ticks(DOMAIN.xMin, DOMAIN.xMax, 5, tickBuf); // the domain is fixed
    const tickLabels = Array.from(tickBuf.subarray(0, tickCount), (v) => fmt(v, 0));
    let fonts = { ticks: '', axis: '' };
    let size = { width: 0, height: 0, dpr: 1 };
    let theme = null;
    let net = null, K = 4;
    let points = null, labels = null; // training data, copied once per network
    let selected = -1;                 // the followed training point, ringed
    // Plot square in device pixels (integers) and in CSS pixels.
    const plot = { left: 0, top: 0, side: 0, cssLeft: 0, cssTop: 0, cssSide: 0 };
    const coarse = { n: 0, out: null, image: null, pixels: null, canvas: document.createElement('canvas'), stale: true };
    const fine = {
      w: 0, rows: 0, out: null, lastOut: null, image: null, pixels: null,
      canvas: document.createElement('canvas'), row: 0, done: false, needed: false,
    };
    let compose = true;
    let badPixels = 0;
    const grid = { xMin: 0, xMax: 0, yMin: 0, yMax: 0, width: 0, height: 0 }; // reused argument

    E.canvas.fitCanvas(canvas, (s) => { size = s; resize(); E.app && E.app.invalidate(); });

    function resize() {
      const dpr = size.dpr;
      const availW = size.width - MARGIN.left - MARGIN.right;
      const availH = size.height - MARGIN.top - MARGIN.bottom;
      plot.side = Math.max(1, Math.floor(Math.min(availW, availH) * dpr));
      plot.left = Math.round(MARGIN.left * dpr + (availW * dpr - plot.side) / 2);
      plot.top = Math.round(MARGIN.top * dpr);
      plot.cssLeft = plot.left / dpr;
      plot.cssTop = plot.top / dpr;
      plot.cssSide = plot.side / dpr;
      const n = Math.min(COARSE_MAX, plot.side);
      if (coarse.n !== n) {
        coarse.n = n;
        coarse.canvas.width = n;
        coarse.canvas.height = n;
        coarse.image = new ImageData(n, n);
        coarse.pixels = new Uint32Array(coarse.image.data.buffer);
        coarse.out = new Float32Array(n * n * K);
      }
      fine.needed = plot.side > n;
      if (fine.needed && fine.w !== plot.side) {
        const w = plot.side;
        fine.w = w;
        fine.rows = Math.max(1, Math.floor(STRIPE_PIXELS / w));
        fine.canvas.width = w;
        fine.canvas.height = w;
        fine.image = new ImageData(w, w);
        fine.pixels = new Uint32Array(fine.image.data.buffer);
        fine.out = new Float32Array(w * fine.rows * K);
        const rest = w % fine.rows;
        fine.lastOut = rest ? new Float32Array(w * rest * K) : null;
      }
      changed();
    }

    function setNetwork(network) {
      net = network;
      K = net.outputs;
      const d = net.getData();
      points = d.x;
      labels = d.y;
      if (coarse.out && coarse.out.length !== coarse.n * coarse.n * K) coarse.out = new Float32Array(coarse.n * coarse.n * K);
      changed();
    }

    function setTheme(t) {
      theme = t;
      fonts = { ticks: `11px ${t.font}`, axis: `italic 12px ${t.font}` };
      changed();
    }

    /* The parameters (or the colours) changed: recompute the coarse field
       next frame and start the full-resolution one again. */
    function changed() {
      coarse.stale = true;
      fine.row = 0;
      fine.done = false;
      compose = true;
    }

    /* Probabilities (pixel-major, K per pixel) -> colours in `pixels` from
       index `at`. The class tints are mixed with weights q_k^3 / sum q^3,
       which keeps transitions smooth but lets the leading class show early;
       the mix is then laid over the background with strength sqrt(c), where
       c = (max q - 1/K) / (1 - 1/K) is 0 for a uniform guess and 1 for a sure
       one, so uncertain pixels and boundaries are pale. Returns the number of
       pixels whose probabilities were not finite (left as the background). */
    function colourise(out, count, pixels, at) {
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

    function computeCoarse() {
      const n = coarse.n;
      grid.xMin = DOMAIN.xMin; grid.xMax = DOMAIN.xMax; grid.yMin = DOMAIN.yMin; grid.yMax = DOMAIN.yMax;
      grid.width = n; grid.height = n;
      net.predictGrid(grid, coarse.out);
      badPixels = colourise(coarse.out, n * n, coarse.pixels, 0);
      coarse.canvas.getContext('2d').putImageData(coarse.image, 0, 0);
      coarse.stale = false;
      compose = true;
    }

    /* Computes full-resolution stripes until `deadline` (performance.now()). */
    function refine(deadline) {
      const w = fine.w, dy = (DOMAIN.yMax - DOMAIN.yMin) / w;
      while (fine.row < w && performance.now() < deadline) {
        const rows = Math.min(fine.rows, w - fine.row);
        const out = rows === fine.rows ? fine.out : fine.lastOut;
        grid.xMin = DOMAIN.xMin; grid.xMax = DOMAIN.xMax;
        grid.yMax = DOMAIN.yMax - fine.row * dy;
        grid.yMin = DOMAIN.yMax - (fine.row + rows) * dy;
        grid.width = w; grid.height = rows;
        net.predictGrid(grid, out);
        colourise(out, w * rows, fine.pixels, fine.row * w);
        fine.row += rows;
      }
      if (fine.row >= w) {
        fine.canvas.getContext('2d').putImageData(fine.image, 0, 0);
        fine.done = true;
        compose = true;
      }
    }

    /* Draws what changed. `refineUntil` is a performance.now() deadline for
       full-resolution work, or 0 while training (the field would be stale
       by the next frame). Returns true while refinement is unfinished. */
    function draw(refineUntil) {
      if (!net || !theme || plot.side <= 1) return false;
      if (coarse.stale) computeCoarse();
      else if (refineUntil && fine.needed && !fine.done) refine(refineUntil);
      if (compose) paint();
      return fine.needed && !fine.done;
    }

    function paint() {
      compose = false;
      const ctx = canvas.getContext('2d');
      const c = theme.css;
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.fillStyle = c.bg;
      ctx.fillRect(0, 0, canvas.width, canvas.height);
      // The field, in device pixels: 1:1 when refined, else scaled smoothly.
      ctx.imageSmoothingEnabled = true;
      ctx.imageSmoothingQuality = 'high';
      if (fine.needed && fine.done) ctx.drawImage(fine.canvas, plot.left, plot.top);
      else ctx.drawImage(coarse.canvas, plot.left, plot.top, plot.side, plot.side);

      ctx.setTransform(size.dpr, 0, 0, size.dpr, 0, 0);
      const L = plot.cssLeft, T = plot.cssTop, S = plot.cssSide;
      // Grid lines at the ticks, faint, over the field.
      const n = tickCount;
      ctx.lineWidth = 1;
      ctx.strokeStyle = c.text;
      ctx.globalAlpha = 0.12;
      ctx.beginPath();
      for (let i = 0; i < n; i++) {
        const x = Math.round(toCssX(tickBuf[i])) + 0.5, y = Math.round(toCssY(tickBuf[i])) + 0.5;
        ctx.moveTo(x, T); ctx.lineTo(x, T + S);
        ctx.moveTo(L, y); ctx.lineTo(L + S, y);
      }
      ctx.stroke();
      ctx.globalAlpha = 1;

      // Training points, one path per class.
      if (points) {
        const r = Math.max(3, Math.min(4.5, S / 90));
        for (let k = 0; k < K; k++) {
          ctx.beginPath();
          for (let i = 0; i < labels.length; i++) {
            if (labels[i] !== k) continue;
            E.theme.markerPath(ctx, k & 3, toCssX(points[2 * i]), toCssY(points[2 * i + 1]), r);
          }
          ctx.fillStyle = c.classes[k & 3];
          ctx.fill();
          ctx.lineWidth = 1;
          ctx.strokeStyle = c.pointOutline;
          ctx.stroke();
        }
      }

      // The followed point: a ring in the text colour over a halo of the
      // background, so it reads on every class tint.
      if (points && selected >= 0 && selected < labels.length) {
        const r = Math.max(3, Math.min(4.5, S / 90)) + 4;
        const x = toCssX(points[2 * selected]), y = toCssY(points[2 * selected + 1]);
        ctx.beginPath();
        ctx.arc(x, y, r, 0, 2 * Math.PI);
        ctx.lineWidth = 4;
        ctx.strokeStyle = c.bg;
        ctx.stroke();
        ctx.lineWidth = 2;
        ctx.strokeStyle = c.text;
        ctx.stroke();
      }

      // Frame, ticks and labels.
      ctx.strokeStyle = c.axis;
      ctx.lineWidth = 1;
      ctx.strokeRect(L + 0.5, T + 0.5, S - 1, S - 1);
      ctx.fillStyle = c.muted;
      ctx.font = fonts.ticks;
      ctx.beginPath();
      for (let i = 0; i < n; i++) {
        const v = tickBuf[i];
        const x = Math.round(toCssX(v)) + 0.5, y = Math.round(toCssY(v)) + 0.5;
        ctx.moveTo(x, T + S); ctx.lineTo(x, T + S + 4);
        ctx.moveTo(L - 4, y); ctx.lineTo(L, y);
      }
      ctx.stroke();
      ctx.textAlign = 'center';
      ctx.textBaseline = 'top';
      for (let i = 0; i < n; i++) ctx.fillText(tickLabels[i], toCssX(tickBuf[i]), T + S + 6);
      ctx.textAlign = 'right';
      ctx.textBaseline = 'middle';
      for (let i = 0; i < n; i++) ctx.fillText(tickLabels[i], L - 6, toCssY(tickBuf[i]));
      ctx.font = fonts.axis;
      ctx.fillStyle = c.text;
      ctx.textAlign = 'right';
      ctx.textBaseline = 'top';
      ctx.fillText('x₁', L + S, T + S + 14);
      ctx.textAlign = 'left';
      ctx.fillText('x₂', 2, T - 2 < 0 ? 0 : T - 2);
    }

    function toCssX(x) { return plot.cssLeft + (x - DOMAIN.xMin) / (DOMAIN.xMax - DOMAIN.xMin) * plot.cssSide; }
    function toCssY(y) { return plot.cssTop + (DOMAIN.yMax - y) / (DOMAIN.yMax - DOMAIN.yMin) * plot.cssSide; }
    /* The inverses: CSS pixels from the canvas's top left -> data coordinates. */
    function fromCssX(px) { return DOMAIN.xMin + (px - plot.cssLeft) / plot.cssSide * (DOMAIN.xMax - DOMAIN.xMin); }
    function fromCssY(py) { return DOMAIN.yMax - (py - plot.cssTop) / plot.cssSide * (DOMAIN.yMax - DOMAIN.yMin); }

    /* The training point nearest to (px, py), CSS pixels from the canvas's
       top left, if it lies within `tolerance` CSS pixels; else -1. */
    function pointAt(px, py, tolerance) {
      if (!points || plot.cssSide <= 1) return -1;
      let best = -1, bestD = tolerance * tolerance;
      for (let i = 0; i < labels.length; i++) {
        const dx = toCssX(points[2 * i]) - px, dy = toCssY(points[2 * i + 1]) - py;
        const d = dx * dx + dy * dy;
        if (d <= bestD) { bestD = d; best = i; }
      }
      return best;
    }

    function setSelected(i) {
      if (i === selected) return;
      selected = i;
      compose = true;
    }

    /* Probabilities at (x, y) from the coarse field: a reused array. */
    const probe = new Float64Array(8);
    function probabilities(x, y) {
      const n = coarse.n;
      const col = Math.min(n - 1, Math.max(0, Math.floor((x - DOMAIN.xMin) / (DOMAIN.xMax - DOMAIN.xMin) * n)));
      const row = Math.min(n - 1, Math.max(0, Math.floor((DOMAIN.yMax - y) / (DOMAIN.yMax - DOMAIN.yMin) * n)));
      for (let k = 0; k < K; k++) probe[k] = coarse.out ? coarse.out[(row * n + col) * K + k] : NaN;
      return probe;
    }

    /* A sentence for the canvas's aria-label: the predicted class at each
       cluster centre. Called now and then, not per frame. */
    function describe() {
      if (!net || !coarse.out) return 'Decision region: not computed yet.';
      const parts = [];
      const centres = [[1, 1], [-1, 1], [-1, -1], [1, -1]];
      for (let q = 0; q < 4; q++) {
        const p = probabilities(centres[q][0], centres[q][1]);
        let best = 0;
        for (let k = 1; k < K; k++) if (p[k] > p[best]) best = k;
        parts.push(`${E.theme.CLASS_PLACES[q]} predicted class ${best} (${E.theme.CLASS_SHAPES[best & 3]}) at ${Math.round(p[best] * 100)}%`);
      }
      return `Decision region over x₁ and x₂ from ${DOMAIN.xMin} to ${DOMAIN.xMax}, with ${labels ? labels.length : 0} training points: ` +
        parts.join('; ') + '.';
    }

    return {
      setNetwork, setTheme, changed, draw, describe, probabilities, pointAt, setSelected,
      get badPixels() { return badPixels; },
      get refined() { return !fine.needed || fine.done; },
      get selected() { return selected; },
      /* Device-pixel position of the data point (x, y) on the canvas (tests). */
      toDevice(x, y) { return { x: toCssX(x) * size.dpr, y: toCssY(y) * size.dpr }; },
      /* Its inverse: device pixels on the canvas -> the data point { x, y }. */
      fromDevice(x, y) { return { x: fromCssX(x / size.dpr), y: fromCssY(y / size.dpr) }; },
      /* The same from CSS pixels (a pointer event's offset from the canvas). */
      fromCss(x, y) { return { x: fromCssX(x), y: fromCssY(y) }; },
      domain: DOMAIN,
    };
  }

  E.createRegion = createRegion;
})(window.Explainer = window.Explainer || {});

/* losschart.js: the cross-entropy loss over epochs, with the ln K reference
   (ln 4 = 1.386: the loss of a uniform guess), on a linear or log scale.

   The history is a fixed number of buckets. Each bucket covers `width`
   consecutive epochs and keeps the minimum, maximum and last loss seen in
   them; when every bucket is used, neighbours merge in pairs and `width`
   doubles. So 10 epochs are drawn one by one, 100,000 epochs as ~400 buckets
   (min-max band plus the line through each bucket's last value), and the
   cost of a frame's drawing never grows with the number of epochs. */
(function (E) {
  'use strict';

  const CAPACITY = 512;
  const MARGIN = { left: 44, right: 12, top: 22, bottom: 30 };

  function createHistory(capacity) {
    const h = {
      capacity,
      width: 1,                                // epochs per bucket, a power of 2
      count: 0,
      start: new Float64Array(capacity),       // first epoch a bucket covers
      epoch: new Float64Array(capacity),       // epoch of its last sample
      min: new Float64Array(capacity),
      max: new Float64Array(capacity),
      last: new Float64Array(capacity),
      first: NaN,                              // loss at the first sample
      firstEpoch: 0,                           // and its epoch
      lo: Infinity, hi: -Infinity,             // over everything recorded
      clear() {
        h.width = 1; h.count = 0; h.first = NaN; h.lo = Infinity; h.hi = -Infinity;
      },
      /* Records the loss after `epoch` epochs; non-finite values are skipped. */
      add(epoch, loss) {
        if (!Number.isFinite(loss)) return;
        if (h.count === 0) { h.first = loss; h.firstEpoch = epoch; }
        if (loss < h.lo) h.lo = loss;
        if (loss > h.hi) h.hi = loss;
        let s = Math.floor(epoch / h.width) * h.width;
        // Full, and the sample opens a new bucket: widen until one is free
        // (sparse samples may need several doublings).
        while (h.count === h.capacity && h.start[h.count - 1] !== s) {
          merge();
          s = Math.floor(epoch / h.width) * h.width;
        }
        let i = h.count - 1;
        if (i >= 0 && h.start[i] === s) {
          if (loss < h.min[i]) h.min[i] = loss;
          if (loss > h.max[i]) h.max[i] = loss;
        } else {
          i = h.count++;
          h.start[i] = s;
          h.min[i] = loss;
          h.max[i] = loss;
        }
        h.last[i] = loss;
        h.epoch[i] = epoch;
      },
    };
    // Doubles the bucket width, merging buckets that now share a start.
    function merge() {
      h.width *= 2;
      let j = -1;
      for (let i = 0; i < h.count; i++) {
        const s = Math.floor(h.start[i] / h.width) * h.width;
        if (j >= 0 && h.start[j] === s) {
          if (h.min[i] < h.min[j]) h.min[j] = h.min[i];
          if (h.max[i] > h.max[j]) h.max[j] = h.max[i];
          h.last[j] = h.last[i];
          h.epoch[j] = h.epoch[i];
        } else {
          j++;
          h.start[j] = s; h.epoch[j] = h.epoch[i];
          h.min[j] = h.min[i]; h.max[j] = h.max[i]; h.last[j] = h.last[i];
        }
      }
      h.count = j + 1;
    }
    return h;
  }

  function compactEpoch(v) {
    if (v >= 1e6) return `${+(v / 1e6).toFixed(1)}M`;
    if (v >= 1e3) return `${+(v / 1e3).toFixed(1)}k`;
    return String(Math.round(v));
  }

  function createLossChart(canvas) {
    const fmt = self.MlpNumbers.formatNumber;
    const history = createHistory(CAPACITY);
    const tickBuf = new Float64Array(32);
    let size = { width: 0, height: 0, dpr: 1 };
    let theme = null;
    let logScale = false;
    let reference = Math.log(4);
    let dirty = true;

    E.canvas.fitCanvas(canvas, (s) => { size = s; dirty = true; E.app && E.app.invalidate(); });

    function draw() {
      if (!dirty || !theme || size.width === 0) return false;
      dirty = false;
      const ctx = E.canvas.cssContext(canvas, size);
      const c = theme.css, w = size.width, hgt = size.height;
      const L = MARGIN.left, T = MARGIN.top, W = w - MARGIN.left - MARGIN.right, H = hgt - MARGIN.top - MARGIN.bottom;
      ctx.fillStyle = c.bg;
      ctx.fillRect(0, 0, w, hgt);
      if (W <= 10 || H <= 10) return true;

      const n = history.count;
      const lastEpoch = n ? history.epoch[n - 1] : 0;
      const xMax = Math.max(10, lastEpoch);
      const base = Math.max(reference, Number.isFinite(history.first) ? history.first : reference);
      let yLo, yHi;
      if (logScale) {
        yLo = Math.log10(Math.max(1e-12, Math.min(history.lo, base) / 1.6));
        yHi = Math.log10(Math.max(history.hi, base) * 1.4);
        if (yHi - yLo < 1) yLo = yHi - 1;
      } else {
        yLo = 0;
        // Keep the start of the run readable: a loss that shoots up (a run
        // diverging) is clipped at 10x the starting level and marked.
        yHi = Math.min(Math.max(base * 1.1, history.hi * 1.05), base * 10);
      }
      const X = (e) => L + (e / xMax) * W;
      const Y = (v) => {
        const t = logScale ? (Math.log10(Math.max(v, 1e-300)) - yLo) / (yHi - yLo) : (v - yLo) / (yHi - yLo);
        return T + H - Math.max(-0.02, Math.min(1.02, t)) * H;
      };

      // Grid and y ticks.
      ctx.font = `11px ${theme.font}`;
      ctx.lineWidth = 1;
      ctx.strokeStyle = c.grid;
      ctx.fillStyle = c.muted;
      ctx.textAlign = 'right';
      ctx.textBaseline = 'middle';
      let ny;
      if (logScale) {
        ny = 0;
        for (let p = Math.ceil(yLo); p <= Math.floor(yHi) && ny < tickBuf.length; p++) tickBuf[ny++] = 10 ** p;
      } else ny = E.canvas.ticks(yLo, yHi, Math.max(2, Math.round(H / 45)), tickBuf);
      ctx.beginPath();
      for (let i = 0; i < ny; i++) {
        const y = Math.round(Y(tickBuf[i])) + 0.5;
        ctx.moveTo(L, y); ctx.lineTo(L + W, y);
      }
      ctx.stroke();
      // One number of decimals for the whole axis, from the tick step.
      let decimals = 0;
      const stepY = ny > 1 ? tickBuf[1] - tickBuf[0] : 1;
      while (decimals < 4 && Math.abs(stepY * 10 ** decimals - Math.round(stepY * 10 ** decimals)) > 1e-6) decimals++;
      for (let i = 0; i < ny; i++) {
        const v = tickBuf[i];
        ctx.fillText(logScale ? (v >= 0.001 ? String(+v.toPrecision(1)) : v.toExponential(0)) : v.toFixed(decimals), L - 6, Y(v));
      }

      // x ticks.
      const nx = E.canvas.ticks(0, xMax, Math.max(2, Math.round(W / 70)), tickBuf, true);
      ctx.textAlign = 'center';
      ctx.textBaseline = 'top';
      ctx.strokeStyle = c.axis;
      ctx.beginPath();
      for (let i = 0; i < nx; i++) {
        const x = Math.round(X(tickBuf[i])) + 0.5;
        ctx.moveTo(x, T + H); ctx.lineTo(x, T + H + 4);
      }
      ctx.stroke();
      for (let i = 0; i < nx; i++) {
        const label = compactEpoch(tickBuf[i]);
        const half = ctx.measureText(label).width / 2;
        ctx.fillText(label, Math.min(X(tickBuf[i]), w - half - 1), T + H + 6);
      }
      ctx.fillText('epoch', L + W / 2, T + H + 17);
      ctx.textAlign = 'left';
      ctx.textBaseline = 'top';
      ctx.fillText(logScale ? 'loss (log scale)' : 'loss', 4, 2);

      // Axes.
      ctx.strokeStyle = c.axis;
      ctx.beginPath();
      ctx.moveTo(L + 0.5, T); ctx.lineTo(L + 0.5, T + H + 0.5); ctx.lineTo(L + W, T + H + 0.5);
      ctx.stroke();

      // ln K reference.
      ctx.strokeStyle = c.ref;
      ctx.lineWidth = 1.5;
      ctx.setLineDash([6, 4]);
      ctx.beginPath();
      const yr = Y(reference);
      ctx.moveTo(L, yr); ctx.lineTo(L + W, yr);
      ctx.stroke();
      ctx.setLineDash([]);
      ctx.fillStyle = c.ref;
      ctx.textAlign = 'right';
      ctx.textBaseline = 'bottom';
      ctx.fillText(`ln 4 = ${reference.toFixed(3)}`, L + W, yr - 3);

      if (n === 0) return true;
      ctx.save();
      ctx.beginPath();
      ctx.rect(L, T - 2, W + 2, H + 4);
      ctx.clip();
      // Min-max band of merged buckets: what a downsampled line would hide.
      if (history.width > 1) {
        ctx.strokeStyle = c.band;
        ctx.globalAlpha = 0.45;
        ctx.lineWidth = Math.max(1, W / n);
        ctx.beginPath();
        for (let i = 0; i < n; i++) {
          const x = X(history.start[i] + history.width / 2);
          ctx.moveTo(x, Y(history.max[i]) - 0.5); ctx.lineTo(x, Y(history.min[i]) + 0.5);
        }
        ctx.stroke();
        ctx.globalAlpha = 1;
      }
      ctx.strokeStyle = c.line;
      ctx.lineWidth = 2;
      ctx.lineJoin = 'round';
      // The line starts at the very first loss (epoch 0), which a merged
      // first bucket would otherwise only show in its band.
      ctx.beginPath();
      ctx.moveTo(X(history.firstEpoch), Y(history.first));
      for (let i = 0; i < n; i++) ctx.lineTo(X(history.epoch[i]), Y(history.last[i]));
      ctx.stroke();
      if (n <= 60) { // few samples: mark each one
        ctx.fillStyle = c.line;
        ctx.beginPath();
        for (let i = 0; i < n; i++) {
          const x = X(history.epoch[i]), y = Y(history.last[i]);
          ctx.moveTo(x + 2.5, y);
          ctx.arc(x, y, 2.5, 0, 2 * Math.PI);
        }
        ctx.fill();
      }
      ctx.restore();
      if (!logScale && history.hi > yHi) {
        ctx.fillStyle = c.text;
        ctx.textAlign = 'left';
        ctx.textBaseline = 'top';
        ctx.fillText(`↑ off scale, up to ${fmt(history.hi, 3)}`, L + 6, T + 2);
      }
      return true;
    }

    function describe() {
      const n = history.count;
      if (n === 0) return 'Loss curve: no epochs yet.';
      return `Loss curve${logScale ? ' on a log scale' : ''}: ${fmt(history.first, 3)} at epoch ${history.firstEpoch}, ` +
        `${fmt(history.last[n - 1], 3)} at epoch ${history.epoch[n - 1]}, lowest ${fmt(history.lo, 3)}; ` +
        `dashed reference ln 4 = ${reference.toFixed(3)}.`;
    }

    return {
      history, draw, describe,
      add(epoch, loss) { history.add(epoch, loss); dirty = true; },
      clear() { history.clear(); dirty = true; },
      setLogScale(on) { logScale = !!on; dirty = true; },
      setReference(v) { reference = v; dirty = true; },
      setTheme(t) { theme = t; dirty = true; },
      invalidate() { dirty = true; },
      get logScale() { return logScale; },
    };
  }

  E.createLossChart = createLossChart;
  E.createLossHistory = createHistory;
})(window.Explainer = window.Explainer || {});

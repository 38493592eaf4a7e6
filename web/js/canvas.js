/* canvas.js: keeps a canvas's backing store at its CSS size times the device
   pixel ratio, so drawings stay sharp on high-DPI screens and after zooming.
   A ResizeObserver reports the exact device-pixel size where the browser
   knows it; resizing only flags the canvas, the frame loop redraws it. */
(function (E) {
  'use strict';

  /* Watches `canvas`; calls onResize(size) after each change, with size =
     { width, height } in CSS pixels and dpr, the backing-store scale. */
  function fitCanvas(canvas, onResize) {
    const size = { width: 0, height: 0, dpr: 1 };
    let cssW = 0, cssH = 0, box = null;
    function apply() {
      // The exact device-pixel box when the browser reports one that agrees
      // with devicePixelRatio (emulated ratios are not always reflected in
      // it); otherwise the CSS size times the ratio.
      const dpr = window.devicePixelRatio || 1;
      let devW = cssW * dpr, devH = cssH * dpr;
      if (box && Math.abs(box.inlineSize - devW) < 2 && Math.abs(box.blockSize - devH) < 2) {
        devW = box.inlineSize;
        devH = box.blockSize;
      }
      devW = Math.max(1, Math.round(devW));
      devH = Math.max(1, Math.round(devH));
      size.width = cssW;
      size.height = cssH;
      size.dpr = cssW > 0 ? devW / cssW : dpr;
      if (canvas.width !== devW) canvas.width = devW;
      if (canvas.height !== devH) canvas.height = devH;
      onResize(size);
    }
    const ro = new ResizeObserver((entries) => {
      const e = entries[entries.length - 1];
      cssW = e.contentRect.width;
      cssH = e.contentRect.height;
      box = e.devicePixelContentBoxSize ? e.devicePixelContentBoxSize[0] : null;
      apply();
    });
    try {
      ro.observe(canvas, { box: 'device-pixel-content-box' });
    } catch (e) {
      ro.observe(canvas);
    }
    watchers.push(apply);
    watchRatio();
    return size;
  }

  /* devicePixelRatio changes (zoom, another screen) without a resize. */
  const watchers = [];
  let ratioQuery = null;
  function watchRatio() {
    if (ratioQuery) return;
    ratioQuery = window.matchMedia(`(resolution: ${window.devicePixelRatio || 1}dppx)`);
    ratioQuery.addEventListener('change', function onChange() {
      ratioQuery.removeEventListener('change', onChange);
      ratioQuery = null;
      for (const f of watchers) f();
      watchRatio();
    });
  }

  /* Resets the context so that one unit is one CSS pixel. */
  function cssContext(canvas, size) {
    const ctx = canvas.getContext('2d');
    ctx.setTransform(size.dpr, 0, 0, size.dpr, 0, 0);
    return ctx;
  }

  /* Fills `out` (a reused Float64Array) with "nice" tick values covering
     [lo, hi] in about `count` steps; returns how many it wrote. With
     `integer`, steps are whole numbers (for counts such as epochs). */
  function ticks(lo, hi, count, out, integer) {
    const span = hi - lo;
    if (!(span > 0) || !Number.isFinite(span)) { out[0] = lo; return 1; }
    const raw = span / Math.max(1, count);
    const mag = 10 ** Math.floor(Math.log10(raw));
    const f = raw / mag;
    let step = (f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 && !(integer && mag === 1) ? 2.5 : f <= 5 ? 5 : 10) * mag;
    if (integer && step < 1) step = 1;
    let n = 0;
    for (let i = Math.ceil(lo / step - 1e-9); n < out.length; i++) {
      const v = i * step;
      if (v > hi + step * 1e-9) break;
      out[n++] = Math.abs(v) < step * 1e-9 ? 0 : v;
    }
    return n;
  }

  E.canvas = { fitCanvas, cssContext, ticks };
})(window.Explainer = window.Explainer || {});

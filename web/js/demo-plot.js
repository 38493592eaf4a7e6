/* demo-plot.js: what the two claim demos (demo-approx.js, demo-vanishing.js)
   share for drawing: a canvas kept at its CSS size times the device pixel
   ratio, the colours read from CSS custom properties (web/css/explainer.css,
   so dark mode is a stylesheet matter), and number/axis helpers; and for
   building: elements, and whether a demo starts playing by itself. Classic
   script: window.MlpDemoPlot. Nothing here runs per frame except `context`
   and the drawing helpers, which allocate nothing. */
(function (root, factory) {
  if (typeof module === 'object' && module.exports) module.exports = factory();
  else root.MlpDemoPlot = factory();
})(typeof self !== 'undefined' ? self : this, function () {
  'use strict';

  /* Keeps canvas.width/height at its CSS box in device pixels. `size` is
     updated in place ({ width, height } in CSS pixels, dpr) and onResize
     called after each change; the caller redraws on its next tick.
     Returns { size, disconnect }. */
  function fitCanvas(canvas, onResize) {
    const size = { width: 0, height: 0, dpr: 1 };
    function apply(cssW, cssH, devW, devH) {
      devW = Math.max(1, Math.round(devW));
      devH = Math.max(1, Math.round(devH));
      size.width = cssW;
      size.height = cssH;
      size.dpr = cssW > 0 ? devW / cssW : (self.devicePixelRatio || 1);
      if (canvas.width !== devW) canvas.width = devW;
      if (canvas.height !== devH) canvas.height = devH;
      onResize(size);
    }
    const ro = new ResizeObserver((entries) => {
      const e = entries[entries.length - 1];
      const box = e.devicePixelContentBoxSize && e.devicePixelContentBoxSize[0];
      const dpr = self.devicePixelRatio || 1;
      if (box) apply(e.contentRect.width, e.contentRect.height, box.inlineSize, box.blockSize);
      else apply(e.contentRect.width, e.contentRect.height, e.contentRect.width * dpr, e.contentRect.height * dpr);
    });
    try {
      ro.observe(canvas, { box: 'device-pixel-content-box' });
    } catch (err) { // browsers without device-pixel boxes
      ro.observe(canvas);
    }
    return { size, disconnect: () => ro.disconnect() };
  }

  /* The 2-D context with one unit = one CSS pixel, cleared. */
  function context(canvas, size) {
    const ctx = canvas.getContext('2d');
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    ctx.setTransform(size.dpr, 0, 0, size.dpr, 0, 0);
    return ctx;
  }

  /* The --ex-* colours of explainer.css as seen from `el` (any CSS colour
     string works as a canvas style). Read at mount and when the colour
     scheme changes, never per frame. */
  function readColors(el) {
    const cs = getComputedStyle(el);
    const get = (name, fallback) => cs.getPropertyValue(name).trim() || fallback;
    const layers = [];
    for (let l = 1; l <= 8; l++) layers.push(get(`--ex-layer-${l}`, '#3b6fb6'));
    return {
      bg: get('--ex-plot-bg', '#ffffff'),
      text: get('--ex-plot-text', '#2b3138'),
      muted: get('--ex-plot-muted', '#6b7480'),
      grid: get('--ex-plot-grid', '#e3e6ea'),
      axis: get('--ex-plot-axis', '#8a929c'),
      line: get('--ex-plot-line', '#1b1f24'),
      target: get('--ex-target', '#e69f00'),
      pos: get('--ex-pos', '#0072b2'),
      neg: get('--ex-neg', '#d55e00'),
      cursor: get('--ex-cursor', '#7a4fa3'),
      font: get('--ex-plot-font', '12px system-ui, sans-serif'),
      layers,
    };
  }

  /* Calls onChange when the reader's light/dark preference changes; returns
     a function that stops listening. */
  function watchScheme(onChange) {
    if (typeof matchMedia !== 'function') return () => {};
    const mq = matchMedia('(prefers-color-scheme: dark)');
    mq.addEventListener('change', onChange);
    return () => mq.removeEventListener('change', onChange);
  }

  /* Plays on its own unless options.autoplay says otherwise, or the reader
     prefers reduced motion. */
  function autoplay(options) {
    if (options.autoplay !== undefined) return !!options.autoplay;
    return !(typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches);
  }

  /* A new element with attributes and, if given, text (never HTML). */
  function el(tag, attrs, text) {
    const e = document.createElement(tag);
    for (const k in attrs) e.setAttribute(k, attrs[k]);
    if (text !== undefined) e.textContent = text;
    return e;
  }

  return { fitCanvas, context, readColors, watchScheme, autoplay, el };
});

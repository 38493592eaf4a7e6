/* theme.js: the colours the canvases draw with, read from the CSS custom
   properties of web/css/theme.css (so dark mode and the palette live in one
   place), and the marker shape of each class. Classic script: attaches to
   window.Explainer. */
(function (E) {
  'use strict';

  /* '#rrggbb' -> [r, g, b] (0..255); anything else -> the fallback. */
  function parseHex(text, fallback) {
    const m = /^#([0-9a-f]{6})$/i.exec(String(text).trim());
    if (!m) return fallback.slice();
    const v = parseInt(m[1], 16);
    return [(v >> 16) & 255, (v >> 8) & 255, v & 255];
  }

  function css(rgb) { return `rgb(${rgb[0]}, ${rgb[1]}, ${rgb[2]})`; }

  function mix(a, b, t) { // t of a, 1 - t of b
    return [0, 1, 2].map((i) => Math.round(a[i] * t + b[i] * (1 - t)));
  }

  /* Everything a canvas needs to draw in the current colour scheme. Called
     once at start and again when the scheme changes, never per frame. */
  function readTheme(el) {
    const cs = getComputedStyle(el || document.documentElement);
    const get = (name, fallback) => parseHex(cs.getPropertyValue(name), fallback);
    const bg = get('--plot-bg', [255, 255, 255]);
    const tint = Number.parseFloat(cs.getPropertyValue('--tint')) || 0.5;
    const classes = [0, 1, 2, 3].map((k) => get(`--class-${k}`, [[0, 114, 178], [213, 94, 0], [0, 158, 115], [240, 228, 66]][k]));
    const t = {
      bg, classes, tint,
      // A region pixel the network is sure of: the class colour over the background.
      tints: classes.map((c) => mix(c, bg, tint)),
      text: get('--plot-text', [43, 49, 56]),
      muted: get('--plot-muted', [107, 116, 128]),
      grid: get('--plot-grid', [227, 230, 234]),
      axis: get('--plot-axis', [138, 146, 156]),
      line: get('--plot-line', [27, 31, 36]),
      band: get('--plot-band', [154, 163, 173]),
      ref: get('--plot-ref', [122, 79, 163]),
      nodeFill: get('--node-fill', [255, 255, 255]),
      nodeStroke: get('--node-stroke', [59, 66, 75]),
      pointOutline: get('--point-outline', [255, 255, 255]),
      pos: get('--weight-pos', [0, 114, 178]),
      neg: get('--weight-neg', [213, 94, 0]),
      font: cs.getPropertyValue('--font').trim() || 'sans-serif',
    };
    t.css = {};
    for (const key of ['bg', 'text', 'muted', 'grid', 'axis', 'line', 'band', 'ref', 'nodeFill', 'nodeStroke', 'pointOutline', 'pos', 'neg']) {
      t.css[key] = css(t[key]);
    }
    t.css.classes = classes.map(css);
    return t;
  }

  /* Adds the marker path of class k centred at (x, y) with half-size r to the
     current path: 0 circle, 1 square, 2 triangle, 3 diamond (as in the legend). */
  function markerPath(ctx, k, x, y, r) {
    switch (k) {
      case 0:
        ctx.moveTo(x + r, y);
        ctx.arc(x, y, r, 0, 2 * Math.PI);
        break;
      case 1: {
        const s = r * 0.88;
        ctx.rect(x - s, y - s, 2 * s, 2 * s);
        break;
      }
      case 2: {
        const s = r * 1.15;
        ctx.moveTo(x, y - s);
        ctx.lineTo(x + s, y + s * 0.8);
        ctx.lineTo(x - s, y + s * 0.8);
        ctx.closePath();
        break;
      }
      default: {
        const s = r * 1.2;
        ctx.moveTo(x, y - s);
        ctx.lineTo(x + s, y);
        ctx.lineTo(x, y + s);
        ctx.lineTo(x - s, y);
        ctx.closePath();
      }
    }
  }

  const CLASS_PLACES = ['top right', 'top left', 'bottom left', 'bottom right'];
  const CLASS_SHAPES = ['circles', 'squares', 'triangles', 'diamonds'];


  E.theme = { readTheme, markerPath, mix, css, CLASS_PLACES, CLASS_SHAPES };
})(window.Explainer = window.Explainer || {});

/* colors.js: the one reader of the colours canvases draw with. They are CSS
   custom properties (web/css/theme.css for the panel, explainer.css for the
   demos), so dark mode and the palette live in the stylesheets; a view reads
   them when it starts and when the colour scheme changes, never per frame. */

/* { key: [custom property, fallback] } -> { key: its value as text } on el. */
export function cssVars(el, spec) {
  const cs = getComputedStyle(el || document.documentElement);
  const out = {};
  for (const key in spec) {
    const [name, fallback] = spec[key];
    out[key] = cs.getPropertyValue(name).trim() || fallback;
  }
  return out;
}

/* '#rrggbb' -> [r, g, b] (0..255); anything else -> a copy of the fallback. */
export function parseHex(text, fallback) {
  const m = /^#([0-9a-f]{6})$/i.exec(String(text).trim());
  if (!m) return fallback.slice();
  const v = parseInt(m[1], 16);
  return [(v >> 16) & 255, (v >> 8) & 255, v & 255];
}

export function rgbCss(rgb) { return `rgb(${rgb[0]}, ${rgb[1]}, ${rgb[2]})`; }

/* t of a, 1 - t of b, per channel, rounded. */
export function mix(a, b, t) {
  return [0, 1, 2].map((i) => Math.round(a[i] * t + b[i] * (1 - t)));
}

/* Calls onChange when the reader's light/dark preference changes; returns a
   function that stops listening. */
export function watchScheme(onChange) {
  if (typeof matchMedia !== 'function') return () => {};
  const mq = matchMedia('(prefers-color-scheme: dark)');
  mq.addEventListener('change', onChange);
  return () => mq.removeEventListener('change', onChange);
}

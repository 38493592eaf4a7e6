/* canvas.js: keeps a canvas's backing store at its CSS size times the device
   pixel ratio, so drawings stay sharp on high-DPI screens and after zooming,
   for every canvas of the page (the panel's views and the demos). A
   ResizeObserver reports the exact device-pixel size where the browser knows
   it; resizing only updates the size and calls back, and the caller redraws
   on its next frame. */

/* Watches `canvas`; calls onResize(size) after each change. Returns
   { size, disconnect }, size = { width, height } in CSS pixels and dpr, the
   backing-store scale, updated in place. */
export function fitCanvas(canvas, onResize) {
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
  } catch (e) { // browsers without device-pixel boxes
    ro.observe(canvas);
  }
  watchers.add(apply);
  watchRatio();
  return {
    size,
    disconnect() { ro.disconnect(); watchers.delete(apply); },
  };
}

/* devicePixelRatio changes (zoom, another screen) without a resize. */
const watchers = new Set();
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

/* The 2-D context with one unit = one CSS pixel. */
export function cssContext(canvas, size) {
  const ctx = canvas.getContext('2d');
  ctx.setTransform(size.dpr, 0, 0, size.dpr, 0, 0);
  return ctx;
}

/* The same, after clearing the whole canvas to transparent. */
export function clearedContext(canvas, size) {
  const ctx = canvas.getContext('2d');
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(0, 0, canvas.width, canvas.height);
  ctx.setTransform(size.dpr, 0, 0, size.dpr, 0, 0);
  return ctx;
}

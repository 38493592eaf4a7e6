/* data-edit.js: editing the training data on the region. A click (or tap)
   adds a point of the chosen class where it lands, or erases the training
   point nearest to it, depending on the mode (follow, the default, is
   panel.js's own click: it follows a point). The keyboard path: the region
   canvas takes focus and shows a cursor, moved by the arrow keys (Shift:
   five times as far); Enter does what a click there would, Delete (or
   Backspace) erases the point nearest the cursor. Each change is announced
   in a polite live region. `d` is the data panel's state (data-panel.js):
   d.addAt(x, y), d.eraseNear(px, py, tolerance), d.followNear(...). */
import { formatNumber as fmt } from '../lib/numbers.js';
import { byId } from '../kit/dom.js';

const STEP = 0.1, BIG_STEP = 0.5;  // data units per arrow key
const KEY_TOLERANCE = 0.5;        // data units: the nearest point within this is erased / followed
const CLICK_TOLERANCE = { mouse: 10, touch: 20 }; // CSS px: a click erases a point within this

const clampDomain = (v, D) => Math.max(D.xMin, Math.min(D.xMax, Math.round(v * 100) / 100));

export function watchEditing(p, d) {
  const canvas = p.ui.regionCanvas, region = p.ui.region, announce = byId('region-announce');
  const cursor = { x: 0, y: 0 };
  let pointerType = 'mouse';
  const say = (text) => { announce.textContent = text; };
  d.say = say;

  canvas.addEventListener('pointerdown', (e) => { pointerType = e.pointerType; });
  // Capture phase: in add and erase modes the click is the data panel's
  // (the follow handler in panel.js never sees it).
  canvas.addEventListener('click', (e) => {
    if (d.mode === 'follow' || !p.session || !p.session.net) return;
    e.stopImmediatePropagation();
    const r = canvas.getBoundingClientRect(), px = e.clientX - r.left, py = e.clientY - r.top;
    if (d.mode === 'add') say(d.addAt(region.fromCssX(px), region.fromCssY(py)));
    else say(d.eraseNear(px, py, pointerType === 'mouse' ? CLICK_TOLERANCE.mouse : CLICK_TOLERANCE.touch));
  }, true);

  const px = () => ({ x: region.toCssX(cursor.x), y: region.toCssY(cursor.y), tol: KEY_TOLERANCE / (region.domain.xMax - region.domain.xMin) * region.plot.cssSide });
  function describeCursor() {
    const at = px(), i = region.pointAt(at.x, at.y, at.tol);
    const near = i < 0 ? 'no training point within 0.5' :
      `nearest point #${i}, ${region.linear ? `target ${fmt(region.labels[i], 2)}` : `class ${region.labels[i]}`}`;
    return `Cursor at x₁ = ${fmt(cursor.x, 2)}, x₂ = ${fmt(cursor.y, 2)}; ${near}.`;
  }

  canvas.addEventListener('focus', () => { region.setCursor(cursor.x, cursor.y, true); p.invalidate(); say(describeCursor()); });
  canvas.addEventListener('blur', () => { region.setCursor(cursor.x, cursor.y, false); p.invalidate(); });
  canvas.addEventListener('keydown', (e) => {
    if (!p.session || !p.session.net || e.altKey || e.ctrlKey || e.metaKey) return;
    const D = region.domain, step = e.shiftKey ? BIG_STEP : STEP;
    const moves = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, step], ArrowDown: [0, -step] };
    if (moves[e.key]) {
      cursor.x = clampDomain(cursor.x + moves[e.key][0], D);
      cursor.y = clampDomain(cursor.y + moves[e.key][1], D);
      region.setCursor(cursor.x, cursor.y, true);
      say(describeCursor());
    } else if (e.key === 'Enter' || e.key === ' ') {
      const at = px();
      if (d.mode === 'add') say(d.addAt(cursor.x, cursor.y));
      else if (d.mode === 'erase') say(d.eraseNear(at.x, at.y, at.tol));
      else say(d.followNear(at.x, at.y, at.tol));
    } else if (e.key === 'Delete' || e.key === 'Backspace') {
      const at = px();
      say(d.eraseNear(at.x, at.y, at.tol));
    } else return;
    e.preventDefault();
    p.invalidate();
  });
  return { cursor };
}

/* demo-approx-input.js: the reader's input to the universal approximation
   demo: its controls, drawing a target by dragging across the plot, and the
   same from the keyboard (← → move a cursor along x, ↑ ↓ raise or lower the
   target around it, Shift faster). Listeners are removed together through
   one AbortSignal. */
import { approx as cfg } from './demo-configs.js';
import { indexOfX } from './demo-approx-draw.js';
import {
  setTarget, setUnits, play, pause, reset, beginDrawing, setDrawn, clearDrawing,
} from './demo-approx-state.js';

/* Drawing with the pointer: each move sets the point under it, and the
   points between it and the last position, so a fast stroke leaves no gap. */
function pointerDrawing(d) {
  const canvas = d.ui.canvas;
  let stroke = null; // { index, y } of the last pointer position while drawing
  function move(e) {
    if (!canvas.hasPointerCapture(e.pointerId)) return;
    const r = canvas.getBoundingClientRect();
    const i = indexOfX(d.geom.invX(e.clientX - r.left)), y = d.geom.invY(e.clientY - r.top);
    if (stroke) {
      const step = i > stroke.index ? 1 : -1;
      for (let k = stroke.index; k !== i; k += step) {
        setDrawn(d, k, stroke.y + (y - stroke.y) * (k - stroke.index) / (i - stroke.index));
      }
    }
    setDrawn(d, i, y);
    stroke = { index: i, y };
    d.cursor = i;
  }
  // A touch on a built-in target scrolls the page; only a drawn one is drawn on.
  function down(e) {
    if (e.button !== 0 || (e.pointerType === 'touch' && d.target !== 'drawn')) return;
    beginDrawing(d);
    canvas.setPointerCapture(e.pointerId);
    stroke = null;
    move(e);
    e.preventDefault();
  }
  function up(e) {
    if (canvas.hasPointerCapture(e.pointerId)) canvas.releasePointerCapture(e.pointerId);
    stroke = null;
  }
  return { down, move, up };
}

function onKeyDown(d, e) {
  const P = cfg.points, fast = e.shiftKey ? 8 : 1;
  if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') {
    d.cursor = Math.max(0, Math.min(P - 1, d.cursor + (e.key === 'ArrowLeft' ? -fast : fast)));
    d.dirty = true;
  } else if (e.key === 'ArrowUp' || e.key === 'ArrowDown') {
    beginDrawing(d);
    const dy = (e.key === 'ArrowUp' ? 0.1 : -0.1) * (e.shiftKey ? 3 : 1);
    for (let k = Math.max(0, d.cursor - 6); k <= Math.min(P - 1, d.cursor + 6); k++) {
      const u = (k - d.cursor) / 2.5; // a smooth bump, not a spike
      setDrawn(d, k, d.drawn[k] + dy * Math.exp(-u * u));
    }
  } else {
    return;
  }
  e.preventDefault();
}

/* Listens to the demo's controls and canvas until `signal` aborts. */
export function bindApproxInput(d, signal) {
  const ui = d.ui, on = (target, type, fn) => target.addEventListener(type, fn, { signal });
  on(ui.targetSelect, 'change', () => setTarget(d, ui.targetSelect.value));
  on(ui.unitsInput, 'input', () => setUnits(d, Number(ui.unitsInput.value)));
  on(ui.playButton, 'click', () => (d.running ? pause(d) : play(d)));
  on(ui.resetButton, 'click', () => reset(d));
  on(ui.clearButton, 'click', () => clearDrawing(d));
  const pointer = pointerDrawing(d);
  on(ui.canvas, 'pointerdown', pointer.down);
  on(ui.canvas, 'pointermove', pointer.move);
  on(ui.canvas, 'pointerup', pointer.up);
  on(ui.canvas, 'pointercancel', pointer.up);
  on(ui.canvas, 'keydown', (e) => onKeyDown(d, e));
  on(ui.canvas, 'focus', () => { d.focused = true; d.dirty = true; });
  on(ui.canvas, 'blur', () => { d.focused = false; d.dirty = true; });
}

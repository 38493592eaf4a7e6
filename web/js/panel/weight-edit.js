/* weight-edit.js: typing a new value for a weight or a bias. Clicking an
   edge or a neuron of the diagram (or Enter on the one focused) opens a
   small text field over it; Enter applies the value to the live network
   at once (setParams), Escape or leaving the field cancels. A value the
   core would refuse is named in the field's message and not applied. */
import { LIMITS } from '../core/limits.js';
import { formatNumber as fmt } from '../lib/numbers.js';

const MAX = LIMITS.PARAM.max;

/* diagram: diagram.js's; apply(index, value) sets one parameter and returns
   nothing; current(index) reads it; box: the diagram's .canvas-box. */
export function createWeightEditor(diagram, box, { current, apply }) {
  const form = document.createElement('div');
  form.className = 'weight-edit';
  form.hidden = true;
  const input = document.createElement('input');
  input.type = 'text';
  input.inputMode = 'decimal';
  input.id = 'weight-edit-input';
  input.setAttribute('autocomplete', 'off');
  const msg = document.createElement('p');
  msg.className = 'weight-edit-msg';
  msg.id = 'weight-edit-msg';
  msg.setAttribute('role', 'status');
  input.setAttribute('aria-describedby', 'weight-edit-msg');
  form.append(input, msg);
  box.append(form);
  let editing = -1;

  function close(refocus) {
    editing = -1;
    form.hidden = true;
    if (refocus) diagram.canvas.focus();
  }

  function open(idx) {
    const pi = diagram.paramIndex(idx);
    if (pi < 0) return;
    editing = idx;
    const name = diagram.itemName(idx);
    input.setAttribute('aria-label', `New value of ${name}`);
    input.value = String(+current(pi).toPrecision(6));
    msg.textContent = `${name}: type a value, Enter to apply, Escape to cancel`;
    form.hidden = false;
    const [cx, cy] = diagram.centreOf(idx);
    const w = form.offsetWidth, h = form.offsetHeight, bw = box.clientWidth;
    const x = Math.max(0, Math.min(bw - w, cx - w / 2));
    const y = cy - h - 6 < 0 ? cy + 14 : cy - h - 6;
    form.style.transform = `translate(${Math.round(x)}px, ${Math.round(y)}px)`;
    input.focus();
    input.select();
  }

  function commit() {
    const text = input.value.trim(), v = Number(text);
    if (text === '' || !Number.isFinite(v) || Math.abs(v) > MAX) {
      msg.textContent = `Type a number from ${-MAX} to ${MAX}, got "${text.slice(0, 20)}"`;
      return;
    }
    const idx = editing, pi = diagram.paramIndex(idx);
    close(true);
    apply(pi, v, `${diagram.itemName(idx)} set to ${fmt(v, 3)}`);
  }

  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') { e.preventDefault(); commit(); }
    else if (e.key === 'Escape') { e.preventDefault(); close(true); }
  });
  input.addEventListener('blur', () => { if (editing >= 0) close(false); });
  diagram.onEdit = open;
  return { open, close: () => close(false), get editing() { return editing; } };
}

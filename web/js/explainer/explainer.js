/* explainer.js: the parts of index.html around the live panel. It mounts
   The Mathematics (math-section.js) with the two claim demos after the parts
   they show (demo-approx.js after "Universal Approximation", demo-vanishing.js
   after "Use ReLU in Practice"), and The Code (code-panel.js), whose current
   step follows the panel's phase (onPhase). It also takes over the page's
   in-page links (the section nav, the skip link): they scroll and move focus
   without touching the URL's hash, which holds the panel's settings (a plain
   anchor would replace them; the panel ignores such a hash, so without this
   the links still work).

   Frame-loop contract: the demos never schedule frames. They are frame
   clients of the page's one scheduler (panel/scheduler.js), ticked only
   while on screen (IntersectionObserver): off screen they cost nothing and
   keep their place. Input inside a demo, and its resizing, asks the
   scheduler for a frame. */
import content from '../../build/content.mjs';
import { el, byId } from '../kit/dom.js';
import { loadCore } from '../core/network.js';
import { mountMath } from './math-section.js';
import { mountCode } from './code-panel.js';
import { mount as mountApprox } from './demo-approx.js';
import { mount as mountVanishing } from './demo-vanishing.js';
import { skipOffscreen } from './offscreen.js';

const message = (err) => (err && err.message ? err.message : err);

function showError(parts, container, what, err) {
  parts.errors.push(`${what}: ${message(err)}`);
  container.append(el('p', { class: 'panel-message ex-error', role: 'alert' },
    `${what} could not be shown: ${message(err)}`));
}

/* A figure after the Mathematics part `partId`, holding a demo. */
function demoFigure(partId, id, title, lede) {
  const fig = el('figure', { class: 'demo-figure', id, 'aria-labelledby': `${id}-title` });
  const cap = el('figcaption', { class: 'demo-caption' });
  cap.append(el('strong', { id: `${id}-title` }, title), el('span', {}, ' ' + lede));
  const body = el('div', { class: 'demo-body' });
  fig.append(cap, body);
  byId(partId).after(fig);
  return { fig, body };
}

/* Scrolls to `target` (smoothly unless the reader asks for reduced motion)
   and moves the keyboard focus there, so Tab continues from it. */
function goTo(target) {
  const reduced = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
  if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
  target.scrollIntoView({ behavior: reduced ? 'auto' : 'smooth', block: 'start' });
  target.focus({ preventScroll: true });
}

/* In-page links scroll and focus instead of setting the hash, which keeps
   the panel's settings. Modified clicks (a new tab) stay the browser's. */
function handleInPageLinks() {
  document.addEventListener('click', (e) => {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    const a = e.target instanceof Element ? e.target.closest('a[href^="#"]') : null;
    if (!a) return;
    let target = null;
    try { target = byId(decodeURIComponent(a.getAttribute('href').slice(1))); } catch (err) { return; }
    if (!target) return;
    e.preventDefault();
    goTo(target);
  });
}

/* The Mathematics, and the two figures the demos will fill. */
function mountMathematics(parts) {
  const body = byId('mathematics-body');
  try {
    parts.math = mountMath(body, content);
    return {
      approx: demoFigure('math-approximation', 'demo-approximation', 'Try it: one hidden layer fits a curve.',
        'A network with N sigmoid units and a linear output learns the target; the thin curves are the N ' +
        'scaled sigmoids that add up to its fit.'),
      vanishing: demoFigure('math-relu', 'demo-vanishing', 'Try it: sigmoid against ReLU in a deep network.',
        'The same network with six hidden layers of 16 units learns the four clusters twice; each line is ' +
        'the size of one weight layer\u2019s gradient as training goes on.'),
    };
  } catch (err) {
    showError(parts, body, 'The Mathematics', err);
    return { approx: null, vanishing: null };
  }
}

/* The Code, and in the panel beside the narration a way to the highlighted
   step that the reader takes on request (the page never scrolls by itself). */
function mountTheCode(parts, onPhase, onNetwork) {
  const body = byId('code-body');
  try {
    parts.code = mountCode(body, content, { headingLevel: 3 });
  } catch (err) {
    showError(parts, body, 'The Code', err);
    return;
  }
  const code = parts.code;
  const link = el('button', { type: 'button', class: 'link-button code-link', id: 'code-link', hidden: '' });
  byId('narration').after(link);
  link.addEventListener('click', () => {
    const li = code.element.querySelector('.ex-step.is-current');
    if (li) goTo(li);
  });
  if (onNetwork) onNetwork((net) => code.setNetwork(net));
  onPhase((p) => {
    const i = p ? code.highlightPhase(p.phase) : code.highlight(-1);
    link.hidden = i < 0;
    if (i >= 0) link.textContent = `Step ${i + 1} in The Code`;
  });
}

/* Makes `demo` a frame client of `scheduler`, ticked while `slot` is seen. */
function attach(scheduler, slot, demo) {
  const invalidate = () => scheduler.invalidate();
  let visible = false;
  new IntersectionObserver((entries) => {
    visible = entries[entries.length - 1].isIntersecting;
    if (visible) invalidate();
  }).observe(slot.fig);
  // A demo redraws on its next tick after input or a resize: ask for one.
  for (const type of ['input', 'change', 'click', 'keydown', 'pointerdown', 'pointermove', 'pointerup', 'focusin', 'focusout']) {
    slot.fig.addEventListener(type, invalidate);
  }
  new ResizeObserver(invalidate).observe(slot.fig);
  demo.ready.then(invalidate, () => {});
  // One tick before the demo is first seen sets up its drawing (the first
  // draw costs a few milliseconds more), so scrolling to it stays smooth.
  let warm = false;
  scheduler.addClient({
    tick() {
      if (visible || !warm) demo.tick();
      warm = true;
    },
    wantsFrame() { return visible && demo.running; },
  });
}

function mountDemo(parts, scheduler, slot, key, mount, what, core) {
  if (!slot) return;
  try {
    parts[key] = mount(slot.body, { core });
    attach(scheduler, slot, parts[key]);
  } catch (err) {
    showError(parts, slot.body, what, err);
  }
}

/* scheduler: panel/scheduler.js's; onPhase(fn): fn({ phase, layer } | null)
   now and at each change. Returns the parts (read by tests through
   mlpDebug.explainer): { math, code, approx, vanishing, errors, ready }. */
export function mountExplainer({ scheduler, onPhase, onNetwork }) {
  const parts = { math: null, code: null, approx: null, vanishing: null, errors: [], ready: false };
  handleInPageLinks();
  const slots = mountMathematics(parts);
  mountTheCode(parts, onPhase, onNetwork);
  skipOffscreen([...document.querySelectorAll('.ex-math-part, .ex-step')]);
  loadCore().then((core) => {
    mountDemo(parts, scheduler, slots.approx, 'approx', mountApprox, 'The approximation demo', core);
    mountDemo(parts, scheduler, slots.vanishing, 'vanishing', mountVanishing, 'The sigmoid and ReLU demo', core);
    parts.ready = true;
  }, () => { /* the panel reports a core that cannot load */ });
  return parts;
}

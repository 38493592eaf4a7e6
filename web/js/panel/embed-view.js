/* embed-view.js: what the link's embed keys (keys/embed-keys.js) do to the
   page: which parts of the panel show (show=, hide=), which controls stay
   (controls=), and the colour scheme (theme=). Parts are hidden with a
   data-part-hidden attribute (web/css/kit.css), never with `hidden`, which
   the panel's own code sets on its notices; a container whose parts are all
   hidden is hidden too, and .views tells the stylesheet how many views are
   left (data-views) so they share the width. The theme is a data-theme
   attribute on <html> that web/css/theme.css honours over the reader's OS
   setting; the canvases then redraw in it (the panel's applyTheme).

     const view = createEmbedView(document, onTheme);
     view.apply(settings);   // at start and whenever the settings change */
import { visibleParts } from './keys/embed-keys.js';

/* Each part: the elements it hides. */
const PART_SELECTORS = {
  title: ['.embed-header h1'],
  controls: ['#panel .controls'],
  readout: ['#readout .readout-values'],
  narration: ['#narration'],
  diagram: ['#panel .view-diagram'],
  region: ['#panel .view-region'],
  loss: ['#panel .view-loss'],
};
/* The controls a link can keep, by the id of the element inside them. */
const CONTROL_IDS = {
  play: 'play', step: 'step', 'step-phase': 'step-phase', reset: 'reset', 'new-seed': 'new-seed',
  speed: 'speed', lr: 'lr', activation: 'activation', hidden: 'hidden', seed: 'seed', log: 'log-scale', point: 'point',
};

function setHidden(el, on) {
  if (!el) return;
  if (on) el.setAttribute('data-part-hidden', '');
  else el.removeAttribute('data-part-hidden');
}

/* True if every element child of el is hidden (by the link or otherwise). */
function allHidden(el) {
  const kids = Array.from(el.children).filter((c) => c.tagName !== 'NOSCRIPT');
  return kids.length > 0 && kids.every((c) => c.hasAttribute('data-part-hidden') || c.hidden);
}

/* doc: the document; onTheme(): the theme changed (redraw the canvases). */
export function createEmbedView(doc, onTheme) {
  let theme = null;
  const q = (sel) => Array.from(doc.querySelectorAll(sel));

  function applyControls(keep) {
    const wanted = (el) => !keep || Object.keys(CONTROL_IDS).some((name) => keep.has(name) &&
      (el.id === CONTROL_IDS[name] || !!el.querySelector(`#${CONTROL_IDS[name]}`)));
    // Every button and field of the controls (those added later too), and
    // the two controls inside the views.
    for (const el of q('#panel .controls .buttons > button, #panel .controls .fields > .field')) setHidden(el, !wanted(el));
    const log = doc.getElementById('log-scale'), point = doc.querySelector('#panel .point-row');
    setHidden(log && log.closest('label'), !!keep && !keep.has('log'));
    setHidden(point, !!keep && !keep.has('point'));
    for (const box of q('#panel .controls .buttons, #panel .controls .fields')) {
      setHidden(box, false);
      setHidden(box, allHidden(box));
    }
  }

  function applyParts(parts) {
    for (const [part, sels] of Object.entries(PART_SELECTORS)) {
      for (const sel of sels) for (const el of q(sel)) setHidden(el, !parts.has(part));
    }
    const readout = doc.getElementById('readout');
    if (readout) setHidden(readout, !parts.has('readout') && !parts.has('narration'));
    const views = doc.querySelector('#panel .views');
    if (views) {
      const n = ['diagram', 'region', 'loss'].filter((x) => parts.has(x)).length;
      views.setAttribute('data-views', String(n));
      setHidden(views, n === 0);
    }
  }

  function applyTheme(t) {
    if (t === theme) return;
    theme = t;
    const root = doc.documentElement;
    if (t === 'light' || t === 'dark') root.setAttribute('data-theme', t);
    else root.removeAttribute('data-theme');
    onTheme();
  }

  return {
    apply(settings) {
      const { parts, controls } = visibleParts(settings);
      applyParts(parts);
      applyControls(controls);
      applyTheme(settings.theme || 'auto');
    },
    get theme() { return theme; },
  };
}

/* explainer.js: the parts of index.html around the live panel. It mounts
   The Mathematics (math-section.js) with the two claim demos after the parts
   they show (demo-approx.js after "Universal Approximation", demo-vanishing.js
   after "Use ReLU in Practice"), and The Code (code-panel.js), whose current
   step follows the panel's phase (app.onPhase). It also takes over the
   page's in-page links (the section nav, the skip link): they scroll and
   move focus without touching the URL's hash, which holds the panel's
   settings (a plain anchor would replace them; app.js ignores such a hash,
   so without this script the links still work).

   Frame-loop contract: the demos never schedule frames. They are frame
   clients of app.js's single requestAnimationFrame loop, ticked only while
   on screen (IntersectionObserver): off screen they cost nothing and keep
   their place. Input inside a demo, and its resizing, asks the loop for a
   frame. Loaded after app.js, as a classic script. */
(function (E) {
  'use strict';

  const app = E.app;
  const reducedMotion = window.matchMedia('(prefers-reduced-motion: reduce)');
  const parts = E.explainer = { math: null, code: null, approx: null, vanishing: null, errors: [] };

  function byId(id) { return document.getElementById(id); }

  function el(tag, attrs, text) {
    const e = document.createElement(tag);
    for (const k in attrs) e.setAttribute(k, attrs[k]);
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function showError(container, what, err) {
    parts.errors.push(`${what}: ${err && err.message ? err.message : err}`);
    container.append(el('p', { class: 'panel-message ex-error', role: 'alert' },
      `${what} could not be shown: ${err && err.message ? err.message : err}`));
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
    if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
    target.scrollIntoView({ behavior: reducedMotion.matches ? 'auto' : 'smooth', block: 'start' });
    target.focus({ preventScroll: true });
  }

  /* ---- in-page links: the hash keeps the settings --------------------------- */
  document.addEventListener('click', (e) => {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    const a = e.target instanceof Element ? e.target.closest('a[href^="#"]') : null;
    if (!a) return;
    let target = null;
    try { target = document.getElementById(decodeURIComponent(a.getAttribute('href').slice(1))); } catch (err) { return; }
    if (!target) return;
    e.preventDefault();
    goTo(target);
  });

  /* ---- The Mathematics ------------------------------------------------------ */
  const mathBody = byId('mathematics-body');
  let approxSlot = null, vanishingSlot = null;
  try {
    parts.math = window.MlpMathSection.mount(mathBody, window.ExplainerContent);
    approxSlot = demoFigure('math-approximation', 'demo-approximation', 'Try it: one hidden layer fits a curve.',
      'A network with N sigmoid units and a linear output learns the target; the thin curves are the N scaled ' +
      'sigmoids that add up to its fit.');
    vanishingSlot = demoFigure('math-relu', 'demo-vanishing', 'Try it: sigmoid against ReLU in a deep network.',
      'The same network with six hidden layers of 16 units learns the four clusters twice; each line is the size ' +
      'of one weight layer\u2019s gradient as training goes on.');
  } catch (err) {
    showError(mathBody, 'The Mathematics', err);
  }

  /* ---- The Code ------------------------------------------------------------- */
  const codeBody = byId('code-body');
  try {
    parts.code = window.MlpCodePanel.mount(codeBody, window.ExplainerContent, { headingLevel: 3 });
  } catch (err) {
    showError(codeBody, 'The Code', err);
  }

  /* In the panel, beside the narration: a way to the highlighted step that
     the reader takes on request (the page never scrolls by itself). */
  const codeLink = el('button', { type: 'button', class: 'link-button code-link', id: 'code-link', hidden: '' });
  if (parts.code) {
    byId('narration').after(codeLink);
    codeLink.addEventListener('click', () => {
      const li = parts.code.element.querySelector('.ex-step.is-current');
      if (li) goTo(li);
    });
    app.onPhase((p) => {
      const i = p ? parts.code.highlightPhase(p.phase) : parts.code.highlight(-1);
      if (i >= 0) {
        codeLink.textContent = `Step ${i + 1} in The Code`;
        codeLink.hidden = false;
      } else codeLink.hidden = true;
    });
  }

  /* ---- the demos, ticked by the page's frame loop while on screen ----------- */
  function attach(slot, demo) {
    let visible = false;
    new IntersectionObserver((entries) => {
      visible = entries[entries.length - 1].isIntersecting;
      if (visible) app.invalidate();
    }).observe(slot.fig);
    // A demo redraws on its next tick after input or a resize: ask for one.
    for (const type of ['input', 'change', 'click', 'keydown', 'pointerdown', 'pointermove', 'pointerup', 'focusin', 'focusout']) {
      slot.fig.addEventListener(type, app.invalidate);
    }
    new ResizeObserver(app.invalidate).observe(slot.fig);
    demo.ready.then(app.invalidate, () => {});
    // One tick before the demo is first seen sets up its drawing (the first
    // draw costs a few milliseconds more), so scrolling to it stays smooth.
    let warm = false;
    app.addFrameClient({
      tick() {
        if (visible || !warm) demo.tick();
        warm = true;
      },
      wantsFrame() { return visible && demo.running; },
      get visible() { return visible; },
    });
  }

  window.MlpNetwork.loadCore().then((core) => {
    if (approxSlot) {
      try {
        parts.approx = window.MlpDemoApprox.mount(approxSlot.body, { core });
        attach(approxSlot, parts.approx);
      } catch (err) { showError(approxSlot.body, 'The approximation demo', err); }
    }
    if (vanishingSlot) {
      try {
        parts.vanishing = window.MlpDemoVanishing.mount(vanishingSlot.body, { core });
        attach(vanishingSlot, parts.vanishing);
      } catch (err) { showError(vanishingSlot.body, 'The sigmoid and ReLU demo', err); }
    }
    parts.ready = true;
  }, () => { /* app.js reports a core that cannot load, in the panel */ });
})(window.Explainer = window.Explainer || {});

/* explainer-common.js: what the two explainer suites share (explainer.test.js:
   the explainer over http; explainer-modes.test.js: with settings in the
   hash, from file://, dark and on a phone): opening index.html until the
   explainer is ready, scrolling at once, the current code step, and the
   checks that The Mathematics and The Code are typeset by KaTeX. */
'use strict';
const assert = require('node:assert/strict');
const h = require('./helper.js');

const VIEWPORT = { width: 1280, height: 900 };
const state = (page) => page.evaluate(() => window.mlpDebug.app.state());

/* Opens index.html in env's browser (h.useBrowserAndServer) and waits for
   the explainer's demos to exist. */
async function openExplainer(env, url, options = {}) {
  const o = await h.open(env.browser, url, Object.assign({ viewport: VIEWPORT }, options));
  await o.page.waitForFunction(() => window.mlpDebug.explainer && window.mlpDebug.explainer.ready === true,
    null, { timeout: 15000 });
  return o;
}

/* Scrolls an element into view at once (the page scrolls smoothly otherwise). */
function scrollTo(page, selector, block = 'start') {
  return page.evaluate(([s, b]) => document.querySelector(s).scrollIntoView({ block: b, behavior: 'instant' }), [selector, block]);
}

/* The index (0..7) of the code step marked aria-current, or null. */
function currentStep(page) {
  return page.evaluate(() => {
    const all = document.querySelectorAll('.ex-step[aria-current="step"]');
    return all.length === 1 ? Number(all[0].dataset.step) : all.length === 0 ? null : -all.length;
  });
}

/* Typeset formulas, and any text node outside MathML annotations that
   still holds TeX source. */
function typesetting(page) {
  return page.evaluate(async () => {
    await document.fonts.ready;
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const raw = [];
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (n.parentElement.closest('annotation, script, style')) continue;
      if (/\\frac|\\sigma|\$\$|\\\(|\\\[/.test(n.textContent)) raw.push(n.textContent.trim().slice(0, 80));
    }
    const katexFaces = [...document.fonts].filter((f) => f.family.replace(/"/g, '').startsWith('KaTeX_'));
    return {
      katex: document.querySelectorAll('.katex').length,
      display: document.querySelectorAll('#mathematics .katex-display').length,
      code: document.querySelectorAll('#code .katex').length,
      raw,
      loaded: katexFaces.filter((f) => f.status === 'loaded').map((f) => `${f.family} ${f.style} ${f.weight}`),
      failed: katexFaces.filter((f) => f.status === 'error').map((f) => `${f.family} ${f.style} ${f.weight}`),
      // A typeset fraction has a visible bar with the numerator above it.
      fractionBars: [...document.querySelectorAll('#mathematics .katex-html .frac-line')]
        .filter((e) => e.getBoundingClientRect().width > 3).length,
    };
  });
}

function assertTypeset(t, where) {
  assert.ok(t.katex >= 15, `${where}: ${t.katex} KaTeX formulas (>= 15)`);
  assert.ok(t.display >= 10, `${where}: ${t.display} display formulas in The Mathematics (>= 10)`);
  assert.ok(t.code >= 8, `${where}: ${t.code} formulas in The Code (>= 8)`);
  assert.deepEqual(t.raw, [], `${where}: no raw TeX on the page`);
  assert.deepEqual(t.failed, [], `${where}: no KaTeX font failed`);
  assert.ok(t.loaded.some((f) => f.startsWith('KaTeX_Main')), `${where}: KaTeX_Main loaded (${t.loaded})`);
  assert.ok(t.loaded.some((f) => f.startsWith('KaTeX_Math')), `${where}: KaTeX_Math loaded (${t.loaded})`);
  assert.ok(t.fractionBars >= 3, `${where}: ${t.fractionBars} fraction bars drawn`);
}

module.exports = { state, openExplainer, scrollTo, currentStep, typesetting, assertTypeset };

/* math-section.js: "The Mathematics": inserts the section built by
   tools/build-content.js (prose with KaTeX formulas, rendered at build time)
   into a container. No TeX is parsed in the page.

       const math = MlpMathSection.mount(container, ExplainerContent);
       math.formula('softmax');   // the element of a named display formula

   Classic script: window.MlpMathSection. */
(function (root, factory) {
  if (typeof module === 'object' && module.exports) module.exports = factory();
  else root.MlpMathSection = factory();
})(typeof self !== 'undefined' ? self : this, function () {
  'use strict';

  function mount(container, content) {
    const data = content || (typeof self !== 'undefined' && self.ExplainerContent);
    if (!data || !data.math) throw new Error('math-section.js needs build/content.js (run make)');
    const rootEl = document.createElement('div');
    rootEl.className = 'ex-math';
    rootEl.innerHTML = data.math.sectionHtml; // the build's HTML only
    container.append(rootEl);
    return {
      element: rootEl,
      formula(name) { return rootEl.querySelector(`[data-formula="${CSS.escape(name)}"]`); },
      destroy() { rootEl.remove(); },
    };
  }

  return { mount };
});

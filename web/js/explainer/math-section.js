/* math-section.js: "The Mathematics": inserts the section built by
   tools/build-content.js (prose with KaTeX formulas, rendered at build time)
   into a container. No TeX is parsed in the page.

       const math = mountMath(container, content);  // content: build/content.mjs
       math.formula('softmax');   // the element of a named display formula */

export function mountMath(container, content) {
  if (!content || !content.math) throw new Error('math-section.js needs build/content.mjs (run make)');
  const root = document.createElement('div');
  root.className = 'ex-math';
  root.innerHTML = content.math.sectionHtml; // the build's HTML only
  container.append(root);
  return {
    element: root,
    formula(name) { return root.querySelector(`[data-formula="${CSS.escape(name)}"]`); },
    destroy() { root.remove(); },
  };
}

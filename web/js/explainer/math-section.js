/* math-section.js: "The Mathematics": inserts the section built by
   tools/build-content.js (prose with KaTeX formulas, rendered at build time)
   into a container. No TeX is parsed in the page, and no HTML either: the
   build ships each piece of rendered HTML as a DOM tree (content.mjs's
   sectionDom, formulaDom, noteDom) and domFromTree builds it here with
   createElement, so the page has no innerHTML and can run under Trusted
   Types.

   Why a tree built at build time, not a <template> or DOMParser at run
   time: parsing is a Trusted Types sink too (DOMParser.parseFromString
   needs TrustedHTML once 'require-trusted-types-for' is on), so it would
   need a policy that blesses strings; the tree needs none. The build's
   parser accepts only an allowlist of tags and attributes and fails on
   anything else (tools/build-content.js, htmlToDom), so the page gets a
   checked structure, and building it costs no parse of a 250 KB string.

       const math = mountMath(container, content);  // content: build/content.mjs
       math.formula('softmax');   // the element of a named display formula
       container.append(domFromTree(content.steps[0].noteDom)); */

const NAMESPACES = { svg: 'http://www.w3.org/2000/svg', math: 'http://www.w3.org/1998/Math/MathML' };

/* Appends nodes[from..] (strings: text; [tag, attributes or 0,
   ...children]: elements) to parent; ns is the parent's namespace (null:
   HTML). Event-handler attributes and script or style elements are refused,
   so even a tampered content.mjs cannot run code through this. */
function appendTree(parent, nodes, from, ns) {
  const doc = parent.ownerDocument;
  for (let i = from; i < nodes.length; i++) {
    const n = nodes[i];
    if (typeof n === 'string') { parent.appendChild(doc.createTextNode(n)); continue; }
    const tag = n[0], attrs = n[1];
    if (tag === 'script' || tag === 'style') throw new Error(`content: <${tag}> is not built`);
    const childNs = NAMESPACES[tag] || ns;
    const el = childNs ? doc.createElementNS(childNs, tag) : doc.createElement(tag);
    if (attrs) {
      for (const name of Object.keys(attrs)) {
        if (/^on/i.test(name)) throw new Error(`content: attribute ${name} is not built`);
        el.setAttribute(name, attrs[name]);
      }
    }
    appendTree(el, n, 2, childNs);
    parent.appendChild(el);
  }
}

/* A DocumentFragment holding the tree's nodes. */
export function domFromTree(nodes) {
  const frag = document.createDocumentFragment();
  appendTree(frag, nodes, 0, null);
  return frag;
}

export function mountMath(container, content) {
  if (!content || !content.math || !Array.isArray(content.math.sectionDom)) {
    throw new Error('math-section.js needs build/content.mjs (run make)');
  }
  const root = document.createElement('div');
  root.className = 'ex-math';
  root.append(domFromTree(content.math.sectionDom));
  container.append(root);
  return {
    element: root,
    formula(name) { return root.querySelector(`[data-formula="${CSS.escape(name)}"]`); },
    destroy() { root.remove(); },
  };
}

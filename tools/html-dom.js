/* html-dom.js: the explainer's HTML (prose and KaTeX) as DOM trees, for
   tools/build-content.js. A tree is an array of nodes; a node is a string
   (text, entities decoded) or an element [tag, attributes or 0, ...children].
   The namespace is implied: <svg> and <math> open SVG and MathML, their
   descendants inherit it (so no xmlns attribute is kept). htmlToDom accepts
   only the tags and attributes below and fails the build (BuildError) on
   anything else; domToHtml writes a tree back as HTML, for the Node tests;
   toDom is htmlToDom checked by a round trip. */
'use strict';

class BuildError extends Error {}

function fail(message) { throw new BuildError(message); }


const NAMESPACES = { svg: 'http://www.w3.org/2000/svg', math: 'http://www.w3.org/1998/Math/MathML' };
const VOID_TAGS = new Set(['br', 'hr', 'wbr']);
const TAGS = new Set([
  // the prose (content/*.html, content/code-steps.js notes) and KaTeX's HTML
  'section', 'div', 'p', 'span', 'h2', 'h3', 'h4', 'h5', 'h6', 'em', 'strong', 'b', 'i', 'code', 'sub', 'sup',
  'ul', 'ol', 'li', 'br', 'hr', 'wbr', 'blockquote', 'small',
  // KaTeX's SVG (stretchy arrows, square roots)
  'svg', 'path', 'line',
  // KaTeX's MathML (for screen readers)
  'math', 'semantics', 'annotation', 'mrow', 'mi', 'mo', 'mn', 'mtext', 'mspace', 'msup', 'msub', 'msubsup',
  'mfrac', 'msqrt', 'mroot', 'mstyle', 'munder', 'mover', 'munderover', 'mtable', 'mtr', 'mtd', 'mpadded',
  'mphantom', 'menclose', 'merror', 'ms',
]);
const ATTRIBUTES = new Set([
  'class', 'id', 'style', 'title', 'role', 'aria-hidden', 'aria-label', 'aria-labelledby', 'aria-describedby',
  'data-formula', 'lang', 'dir',
  'width', 'height', 'viewBox', 'preserveAspectRatio', 'd', 'x1', 'x2', 'y1', 'y2', 'stroke-width',
  'encoding', 'display', 'mathvariant', 'stretchy', 'separator', 'fence', 'minsize', 'maxsize', 'scriptlevel',
  'displaystyle', 'lspace', 'rspace', 'accent', 'accentunder', 'rowspacing', 'columnalign', 'columnspacing',
  'columnlines', 'rowlines', 'linethickness', 'depth', 'voffset', 'notation', 'movablelimits', 'symmetric',
  'largeop', 'form', 'mathcolor', 'mathbackground', 'mathsize', 'href', 'xmlns',
]);
const ENTITIES = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', times: '\u00d7', minus: '\u2212',
  ndash: '\u2013', mdash: '\u2014', hellip: '\u2026', thinsp: '\u2009', rarr: '\u2192', middot: '\u00b7',
};

function decodeEntities(text, where) {
  return text.replace(/&(#[xX][0-9a-fA-F]+|#[0-9]+|[A-Za-z][A-Za-z0-9]*);/g, (m, name) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      if (!(code > 0 && code <= 0x10ffff)) fail(`${where}: bad character reference ${m}`);
      return String.fromCodePoint(code);
    }
    if (!Object.prototype.hasOwnProperty.call(ENTITIES, name)) fail(`${where}: unknown entity ${m} (add it to ENTITIES)`);
    return ENTITIES[name];
  });
}

/* HTML (the subset KaTeX and the authors write) -> a tree (see the header). */
function htmlToDom(html, where) {
  const root = { tag: null, ns: null, children: [] };
  const stack = [root];
  const token = /<\/([A-Za-z][A-Za-z0-9]*)\s*>|<([A-Za-z][A-Za-z0-9]*)((?:\s+[A-Za-z][A-Za-z0-9:-]*="[^"<]*")*)\s*(\/?)>|([^<]+)/y;
  const attr = /\s+([A-Za-z][A-Za-z0-9:-]*)="([^"<]*)"/g;
  const near = (i) => JSON.stringify(html.slice(i, i + 60));
  let at = 0;
  while (at < html.length) {
    token.lastIndex = at;
    const m = token.exec(html);
    if (!m) fail(`${where}: not in the HTML subset the page builds (a comment, script or unquoted attribute?) at ${near(at)}`);
    const top = stack[stack.length - 1];
    if (m[5] !== undefined) {
      const text = decodeEntities(m[5], where);
      const last = top.children[top.children.length - 1];
      if (typeof last === 'string') top.children[top.children.length - 1] = last + text;
      else top.children.push(text);
    } else if (m[1] !== undefined) {
      if (top.tag !== m[1]) fail(`${where}: </${m[1]}> closes <${top.tag || '(nothing)'}> at ${near(at)}`);
      stack.pop();
    } else {
      const tag = m[2];
      if (!TAGS.has(tag)) fail(`${where}: element <${tag}> is not allowed (add it to TAGS) at ${near(at)}`);
      const ns = NAMESPACES[tag] || top.ns;
      const attrs = {};
      let count = 0;
      for (const [, name, raw] of m[3].matchAll(attr)) {
        if (!ATTRIBUTES.has(name)) fail(`${where}: attribute ${name} of <${tag}> is not allowed at ${near(at)}`);
        const value = decodeEntities(raw, where);
        if (name === 'xmlns') {
          if (value !== ns) fail(`${where}: <${tag} xmlns="${value}"> is not the namespace of <${tag}>`);
          continue;
        }
        if (name === 'href' && !/^(#|https?:)/.test(value)) fail(`${where}: href ${JSON.stringify(value)} must be #... or http(s)`);
        if (name in attrs) fail(`${where}: attribute ${name} twice on <${tag}>`);
        attrs[name] = value;
        count++;
      }
      const el = [tag, count ? attrs : 0];
      top.children.push(el);
      if (!VOID_TAGS.has(tag) && !m[4]) stack.push({ tag, ns, children: el, node: el });
      else if (m[4] && !ns) fail(`${where}: <${tag}/> self-closed outside SVG or MathML`);
    }
    at = token.lastIndex;
  }
  if (stack.length !== 1) fail(`${where}: <${stack[stack.length - 1].tag}> is never closed`);
  return root.children;
}

const escapeText = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttr = (s) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;');

/* A tree -> HTML (with the xmlns of <svg> and <math>), as the page's DOM serialises. */
function domToHtml(nodes) {
  let out = '';
  for (const n of nodes) {
    if (typeof n === 'string') { out += escapeText(n); continue; }
    const [tag, attrs] = n;
    out += `<${tag}`;
    if (NAMESPACES[tag]) out += ` xmlns="${NAMESPACES[tag]}"`;
    for (const [k, v] of Object.entries(attrs || {})) out += ` ${k}="${escapeAttr(v)}"`;
    out += '>';
    if (VOID_TAGS.has(tag)) continue;
    out += domToHtml(n.slice(2)) + `</${tag}>`;
  }
  return out;
}

/* htmlToDom, checked: the tree written back and read again is the same tree,
   and it holds the same text as the HTML. */
function toDom(html, where) {
  const dom = htmlToDom(html, where);
  const again = htmlToDom(domToHtml(dom), `${where} (written back)`);
  if (JSON.stringify(again) !== JSON.stringify(dom)) fail(`${where}: the DOM tree does not survive a round trip`);
  const text = (nodes) => nodes.map((n) => (typeof n === 'string' ? n : text(n.slice(2)))).join('');
  const plain = decodeEntities(html.replace(/<[^>]*>/g, ''), where);
  if (text(dom) !== plain) fail(`${where}: the DOM tree's text differs from the HTML's`);
  return dom;
}

module.exports = { BuildError, htmlToDom, domToHtml, toDom };

#!/usr/bin/env node
/* subset-fonts.js: shrinks the KaTeX fonts that tools/build-content.js
   copied to web/build/katex/fonts/ to the glyphs the page shows in each.

   Every formula is rendered at build time (web/build/content.mjs); the page
   renders none at run time. So which font draws which character is known
   here: KaTeX's stylesheet picks the font of a character from the classes
   of its span and of the spans around it (.mathnormal -> KaTeX_Math italic,
   .mathbf -> KaTeX_Main bold, .delimsizing.size1 -> KaTeX_Size1, ...).
   This script reads those rules from katex.min.css, walks each formula's
   HTML keeping the font in effect (the cascade along the path: later and
   more specific rules win, a span inherits its parent's), and gives every
   @font-face exactly the characters it draws; KaTeX_Main regular also
   keeps printable ASCII as a margin. A font that draws nothing is left
   whole (the browser never downloads it: no text asks for it). hb-subset
   (through the subset-font package) keeps the layout tables of the kept
   glyphs and drops the TrueType hinting programs: in a subset of a few
   glyphs they are most of the file (Size4 with its parentheses: 2.4 KB
   hinted, 0.6 KB not; all eight fonts 35 KB -> about 20 KB), and browsers
   on high-density and macOS screens ignore them anyway.

   Usage: node tools/subset-fonts.js   (after tools/build-content.js) */
'use strict';
const fs = require('fs');
const path = require('path');

const ROOT = path.join(__dirname, '..');
const CONTENT = path.join(ROOT, 'web', 'build', 'content.mjs');
const KATEX_DIR = path.join(ROOT, 'web', 'build', 'katex');

const weightOf = (v) => (v === 'bold' || +v >= 600 ? 700 : 400);

/* katex.min.css -> { faces: [{ family, weight, style, file }], rules:
   [{ classes, parent, specificity, order, props }] }. A rule is
   `.katex .a.b` (an element with classes a and b) or
   `.katex .x.y .c>span` (a span whose parent has class c). */
function readCss(css) {
  const faces = [], rules = [];
  const blocks = css.split('}');
  blocks.forEach((block, order) => {
    const brace = block.indexOf('{');
    if (brace < 0) return;
    const selectors = block.slice(0, brace).trim(), body = block.slice(brace + 1);
    const decl = {};
    for (const d of body.split(';')) {
      const c = d.indexOf(':');
      if (c > 0) decl[d.slice(0, c).trim()] = d.slice(c + 1).trim();
    }
    if (selectors === '@font-face') {
      const url = /url\(["']?fonts\/([^"')]+\.woff2)/.exec(decl.src || '');
      if (url) faces.push({ family: decl['font-family'], weight: weightOf(decl['font-weight'] || 400), style: decl['font-style'] || 'normal', file: url[1] });
      return;
    }
    const props = {};
    if (decl['font-family']) props.family = decl['font-family'].split(',')[0].trim();
    if (decl['font-weight']) props.weight = weightOf(decl['font-weight']);
    if (decl['font-style']) props.style = decl['font-style'];
    if (decl.font) { // .katex{font:normal 1.21em KaTeX_Main,...}: resets weight and style
      props.family = /(KaTeX_\w+)/.exec(decl.font)[1];
      props.weight = 400;
      props.style = 'normal';
    }
    if (!Object.keys(props).length) return;
    for (const sel of selectors.split(',').map((s) => s.trim())) {
      if (sel === '.katex') { rules.push({ classes: ['katex'], parent: null, specificity: 1, order, props }); continue; }
      let m = /^\.katex \.([\w-]+(?:\.[\w-]+)*)$/.exec(sel);
      if (m) { rules.push({ classes: m[1].split('.'), parent: null, specificity: 1 + m[1].split('.').length, order, props }); continue; }
      m = /^\.katex (?:\.[\w-]+)+ \.([\w-]+)>span$/.exec(sel);
      if (m) { rules.push({ classes: [], parent: m[1], specificity: 10, order, props }); continue; }
      if (props.family) throw new Error(`katex.min.css: a font rule this script cannot follow: ${sel}`);
    }
  });
  rules.sort((a, b) => a.specificity - b.specificity || a.order - b.order);
  return { faces, rules };
}

/* The font in effect for an element with `classes` inside one with
   `parentClasses`, given the inherited one. */
function cascade(rules, inherited, classes, parentClasses) {
  const font = Object.assign({}, inherited);
  for (const r of rules) {
    const hit = r.parent ? parentClasses.includes(r.parent) : r.classes.every((c) => classes.includes(c));
    if (hit) Object.assign(font, r.props);
  }
  return font;
}

/* The face the browser takes for a font: the exact one, else the family's
   face of the same weight, else the family's first. */
function faceFor(faces, f) {
  const fam = faces.filter((x) => x.family === f.family);
  return fam.find((x) => x.weight === f.weight && x.style === f.style) ||
    fam.find((x) => x.weight === f.weight) || fam[0] || null;
}

const decode = (t) => t.replace(/&#x([0-9a-f]+);/gi, (m, h) => String.fromCodePoint(parseInt(h, 16)))
  .replace(/&#(\d+);/g, (m, d) => String.fromCodePoint(+d))
  .replace(/&(amp|lt|gt|quot|apos|nbsp);/g, (m, n) => ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' })[n]);

/* Walks HTML (KaTeX's output is well-formed spans and MathML), adding each
   character of the visible formula text (.katex-html, not the hidden
   .katex-mathml copy) to the set of the face that draws it. */
function assign(html, css, used) {
  const stack = [{ font: null, classes: [], hidden: false, inKatex: false }];
  const tag = /<(\/?)([a-zA-Z][\w-]*)([^>]*?)(\/?)>|([^<]+)/g;
  let m;
  while ((m = tag.exec(html))) {
    const top = stack[stack.length - 1];
    if (m[5] !== undefined) {
      if (!top.inKatex || top.hidden) continue;
      const face = faceFor(css.faces, top.font);
      if (!face) continue;
      if (!used.has(face.file)) used.set(face.file, new Set());
      for (const ch of decode(m[5])) used.get(face.file).add(ch);
    } else if (m[1]) {
      if (stack.length > 1) stack.pop();
    } else if (!m[4] && !/^(br|img|hr|input|meta|link)$/i.test(m[2])) {
      const cls = /class="([^"]*)"/.exec(m[3]);
      const classes = cls ? cls[1].split(/\s+/) : [];
      const inKatex = top.inKatex || classes.includes('katex');
      const font = inKatex ? cascade(css.rules, top.font || {}, classes, top.classes) : null;
      stack.push({ font, classes, inKatex, hidden: top.hidden || classes.includes('katex-mathml') });
    }
  }
}

/* A DOM tree of tools/build-content.js ([tag, attributes | 0, ...children],
   text as strings) written back as HTML, for assign(). */
const escapeText = (t) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
function treeToHtml(node) {
  if (typeof node === 'string') return escapeText(node);
  const [tag, attrs, ...children] = node;
  const cls = attrs && attrs.class ? ` class="${attrs.class}"` : '';
  return `<${tag}${cls}>${children.map(treeToHtml).join('')}</${tag}>`;
}
const isNode = (v) => Array.isArray(v) && typeof v[0] === 'string' && (v[1] === 0 || (v[1] && typeof v[1] === 'object' && !Array.isArray(v[1])));

/* The HTML of every formula-bearing value of content.mjs: strings of HTML,
   and DOM trees written back as HTML. */
function collectStrings(value, out) {
  if (typeof value === 'string') out.push(value);
  else if (isNode(value)) out.push(treeToHtml(value));
  else if (value && typeof value === 'object') for (const v of Object.values(value)) collectStrings(v, out);
  return out;
}

/* { file -> Set of characters } from the built content and stylesheet: the
   characters each KaTeX font draws (KaTeX_Main regular with printable ASCII
   added). Exported for tests/node/fonts.test.js. */
async function fontAssignment() {
  const css = readCss(fs.readFileSync(path.join(KATEX_DIR, 'katex.min.css'), 'utf8'));
  const content = (await import(CONTENT)).default;
  const used = new Map();
  for (const s of collectStrings(content, [])) if (s.includes('katex')) assign(s, css, used);
  const main = faceFor(css.faces, { family: 'KaTeX_Main', weight: 400, style: 'normal' }).file;
  if (!used.has(main)) throw new Error('no formula text found in web/build/content.mjs');
  for (let c = 0x20; c < 0x7f; c++) used.get(main).add(String.fromCharCode(c));
  return used;
}

async function main() {
  const subsetFont = require('subset-font');
  const used = await fontAssignment();
  let before = 0, after = 0;
  const report = [];
  for (const [file, chars] of [...used].sort()) {
    const target = path.join(KATEX_DIR, 'fonts', file);
    const full = fs.readFileSync(target);
    const sub = await subsetFont(full, [...chars].join(''), { targetFormat: 'woff2', noHinting: true });
    if (!sub || sub.length < 200) throw new Error(`${file}: the subset is empty (${sub ? sub.length : 0} bytes)`);
    fs.writeFileSync(target, sub);
    before += full.length;
    after += sub.length;
    report.push(`${file.replace(/^KaTeX_|\.woff2$/g, '')} ${chars.size}`);
  }
  const dropped = dropUnusedFaces(used);
  console.log(`subset-fonts: the ${used.size} fonts the formulas use, ${(before / 1024).toFixed(0)} KB -> ` +
    `${(after / 1024).toFixed(0)} KB (characters kept: ${report.join(', ')}); ${dropped} unused fonts dropped`);
}

/* The faces no formula draws with leave the stylesheet and the folder: no
   text asks for them, so a browser never fetched them, but the one-file
   build would inline them. Returns how many were dropped. */
function dropUnusedFaces(used) {
  const cssFile = path.join(KATEX_DIR, 'katex.min.css');
  let dropped = 0;
  const css = fs.readFileSync(cssFile, 'utf8').replace(/@font-face\{[^}]*\}/g, (face) => {
    const url = /url\(["']?fonts\/([^"')]+\.woff2)/.exec(face);
    if (!url || used.has(url[1])) return face;
    fs.rmSync(path.join(KATEX_DIR, 'fonts', url[1]), { force: true });
    dropped++;
    return '';
  });
  fs.writeFileSync(cssFile, css);
  return dropped;
}

module.exports = { fontAssignment, readCss };
if (require.main === module) main().catch((e) => { console.error(`subset-fonts: ${e.message}`); process.exit(1); });

#!/usr/bin/env node
/* build-content.js: builds the explainer's text content for the page.

   Usage: node tools/build-content.js        (paths are relative to the project)

   Reads
     content/mathematics.html  the Mathematics section: prose, <!-- math:NAME -->
                               placeholders and inline TeX in \( ... \)
     content/formulas.js       the named display formulas (TeX)
     content/code-steps.js     the seed's eight steps: title, TeX, snippet names,
                               numpy lines, note
     content/seed-mlp.py       the seed's numpy program
     src/*.c                   code between marker lines, each a C comment
                               alone on its line: @code-begin NAME, @code-end NAME
   Writes
     web/build/content.mjs     an ES module whose default export is the
                               content below; web/js/explainer/explainer.js
                               imports it and esbuild bundles it into the page
     web/build/katex/          katex.min.css, its woff2 fonts, KaTeX's LICENSE

   Every formula is rendered here with KaTeX (HTML for the eye, MathML for
   screen readers), so the page runs no KaTeX code and ships no TeX. The code
   shown for each step is copied out of the real C source, so it cannot drift
   from what runs in the page; tests/node/content.test.mjs checks it again.

   content = {
     math:     { sectionDom, formulas: { NAME: { tex } } },
     steps:    [{ id, number, title, phases, tex, formulaDom, noteDom,
                  snippets: [NAME...], numpy: [{ startLine, endLine, code }] }],
     snippets: { NAME: { file, startLine, endLine, indent, code } },
     numpySource: { file, code },
   }
   startLine/endLine are 1-based line numbers in the source file of the first
   and last line shown; `indent` is the number of leading spaces removed from
   every line of a snippet (one amount per snippet, so nesting is kept).

   The rendered HTML (prose and KaTeX) is shipped as DOM trees, not as HTML
   strings, so that the page builds it with createElement and parses no HTML
   (no innerHTML: the page can run under Trusted Types). A tree is an array
   of nodes; a node is a string (text, entities decoded) or an element
   [tag, attributes or 0, ...children]. The namespace is implied: <svg> and
   <math> open SVG and MathML, their descendants inherit it (so no xmlns
   attribute is kept). htmlToDom accepts only the tags and attributes below
   and fails the build on anything else (comments, scripts, event handlers,
   unquoted attributes, tags closed out of order); domToHtml writes a tree
   back as HTML, for the Node tests. */
'use strict';
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const CONTENT_DIR = path.join(ROOT, 'content');
const SRC_DIR = path.join(ROOT, 'src');
const OUT_DIR = path.join(ROOT, 'web', 'build');
const KATEX_DIR = path.join(ROOT, 'node_modules', 'katex');

class BuildError extends Error {}

function fail(message) { throw new BuildError(message); }

function rel(file) { return path.relative(ROOT, file).split(path.sep).join('/'); }

function loadKatex() {
  try {
    return require(KATEX_DIR);
  } catch (e) {
    return fail(`cannot load KaTeX from ${rel(KATEX_DIR)} (${e.message}); run npm ci`);
  }
}

/* ---- formulas --------------------------------------------------------------- */

function makeRenderer(katex) {
  return function render(tex, displayMode, where) {
    try {
      return katex.renderToString(tex, {
        displayMode, output: 'htmlAndMathml', throwOnError: true, strict: 'error',
      });
    } catch (e) {
      return fail(`${where}: KaTeX cannot render ${JSON.stringify(tex)}: ${e.message}`);
    }
  };
}

/* Replaces every \( ... \) in an HTML string by inline KaTeX output. */
function renderInline(html, render, where) {
  const out = html.replace(/\\\(([\s\S]*?)\\\)/g, (m, tex) => render(tex.trim(), false, where));
  const left = out.match(/\\[()[\]]/);
  if (left) fail(`${where}: unmatched TeX delimiter ${left[0]}`);
  return out;
}

/* ---- HTML -> DOM trees ------------------------------------------------------- */

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

/* ---- C snippets ------------------------------------------------------------- */

/* Leading spaces of a line; tabs are refused so that columns are unambiguous. */
function indentOf(line) { return line.length - line.replace(/^ +/, '').length; }

function dedent(lines, where) {
  let indent = Infinity;
  for (const line of lines) {
    if (/^\s*\t/.test(line)) fail(`${where}: tab in indentation; use spaces`);
    if (line.trim() !== '') indent = Math.min(indent, indentOf(line));
  }
  if (indent === Infinity) fail(`${where}: the snippet is empty`);
  return { indent, code: lines.map((l) => (l.trim() === '' ? '' : l.slice(indent))).join('\n') };
}

function extractSnippets() {
  const snippets = {};
  const files = fs.readdirSync(SRC_DIR).filter((f) => f.endsWith('.c')).sort();
  for (const f of files) {
    const file = path.join(SRC_DIR, f);
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    let open = null; // { name, line } of the marker being read
    lines.forEach((line, i) => {
      // A marker is a comment alone on its line; prose that mentions the
      // markers (as the header of layers.c does) is not one.
      const m = line.match(/^\s*\/\*\s*@code-(begin|end)\s+([A-Za-z0-9_-]+)\s*\*\/\s*$/);
      if (!m) return;
      const [, kind, name] = m;
      const where = `${rel(file)}:${i + 1}`;
      if (kind === 'begin') {
        if (open) fail(`${where}: @code-begin ${name} inside @code-begin ${open.name} (line ${open.line})`);
        if (snippets[name]) fail(`${where}: snippet ${name} already defined in ${snippets[name].file}`);
        open = { name, line: i + 1 };
      } else {
        if (!open || open.name !== name) fail(`${where}: @code-end ${name} without a matching @code-begin`);
        const startLine = open.line + 1, endLine = i; // the lines strictly between the markers
        if (endLine < startLine) fail(`${where}: snippet ${name} is empty`);
        const { indent, code } = dedent(lines.slice(startLine - 1, endLine), `${rel(file)} snippet ${name}`);
        snippets[name] = { file: rel(file), startLine, endLine, indent, code };
        open = null;
      }
    });
    if (open) fail(`${rel(file)}:${open.line}: @code-begin ${open.name} is never closed`);
  }
  return snippets;
}

/* ---- the seed's numpy ------------------------------------------------------- */

/* Finds each line (trimmed) in the seed listing, in order after the previous
   one, and groups consecutive source lines into blocks. */
function numpyBlocks(wanted, seedLines, where) {
  const found = [];
  let from = 0;
  for (const text of wanted) {
    let i = from;
    while (i < seedLines.length && seedLines[i].trim() !== text.trim()) i++;
    if (i === seedLines.length) {
      fail(`${where}: numpy line ${JSON.stringify(text)} not found in content/seed-mlp.py after line ${from}`);
    }
    found.push(i);
    from = i + 1;
  }
  const blocks = [];
  for (const i of found) {
    const last = blocks[blocks.length - 1];
    if (last && last.end === i - 1) last.end = i;
    else blocks.push({ start: i, end: i });
  }
  return blocks.map((b) => ({
    startLine: b.start + 1,
    endLine: b.end + 1,
    code: dedent(seedLines.slice(b.start, b.end + 1), where).code,
  }));
}

/* ---- the Mathematics section ------------------------------------------------ */

function buildSection(html, formulas, where) {
  const used = new Set();
  let out = html.replace(/<!--\s*math:([A-Za-z0-9_-]+)\s*-->/g, (m, name) => {
    if (!formulas[name]) fail(`${where}: <!-- math:${name} --> names no formula of content/formulas.js`);
    used.add(name);
    return `<div class="ex-formula" data-formula="${name}">${formulas[name].html}</div>`;
  });
  for (const name of Object.keys(formulas)) {
    if (!used.has(name)) fail(`content/formulas.js: formula ${name} is never placed in ${where}`);
  }
  out = out.replace(/<!--[\s\S]*?-->\s*/g, ''); // authors' comments
  return out.trim() + '\n';
}

/* ---- KaTeX stylesheet and fonts --------------------------------------------- */

/* Copies katex.min.css with each @font-face reduced to its woff2 source (every
   browser the page targets reads woff2), the woff2 files it names, and the
   licence. Returns the number of fonts copied. */
function copyKatexAssets(outDir) {
  const dist = path.join(KATEX_DIR, 'dist');
  let css = fs.readFileSync(path.join(dist, 'katex.min.css'), 'utf8');
  const fonts = new Set();
  css = css.replace(/src:([^;}]*)/g, (m, list) => {
    const woff2 = list.split(',').map((s) => s.trim()).find((s) => /format\(["']?woff2["']?\)/.test(s));
    if (!woff2) fail(`katex.min.css: an @font-face has no woff2 source: ${list}`);
    fonts.add(woff2.match(/url\(["']?([^"')]+)["']?\)/)[1]);
    return `src:${woff2}`;
  });
  const fontDir = path.join(outDir, 'fonts');
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.mkdirSync(fontDir, { recursive: true });
  for (const url of fonts) {
    if (!/^fonts\/[A-Za-z0-9_-]+\.woff2$/.test(url)) fail(`katex.min.css: unexpected font url ${url}`);
    fs.copyFileSync(path.join(dist, url), path.join(outDir, url));
  }
  for (const url of css.match(/url\([^)]*\)/g) || []) {
    const target = url.replace(/^url\(["']?|["']?\)$/g, '');
    if (!fs.existsSync(path.join(outDir, target))) fail(`katex.min.css refers to missing ${target}`);
  }
  fs.writeFileSync(path.join(outDir, 'katex.min.css'), css);
  fs.copyFileSync(path.join(KATEX_DIR, 'LICENSE'), path.join(outDir, 'LICENSE'));
  return fonts.size;
}

/* ---- main ------------------------------------------------------------------- */

function writeAtomically(file, text) {
  const tmp = `${file}.tmp-${process.pid}`;
  fs.writeFileSync(tmp, text);
  fs.renameSync(tmp, file);
}

/* The eight steps of content/code-steps.js, checked and rendered. Their
   `phases` are the page's one phase -> step map, so a phase may belong to
   one step only. Every snippet must be shown by some step. */
function buildSteps(stepDefs, snippets, seedLines, render) {
  if (stepDefs.length !== 8) fail(`content/code-steps.js: the seed has 8 steps, found ${stepDefs.length}`);
  const shown = new Set(), stepOfPhase = {};
  const steps = stepDefs.map((s, i) => {
    const where = `content/code-steps.js step ${i + 1} (${s.id})`;
    for (const key of ['id', 'title', 'tex', 'note']) {
      if (typeof s[key] !== 'string' || !s[key].trim()) fail(`${where}: ${key} must be a non-empty string`);
    }
    if (!Array.isArray(s.phases) || s.phases.length === 0) fail(`${where}: needs the phases it covers`);
    for (const phase of s.phases) {
      if (phase in stepOfPhase) fail(`${where}: phase ${phase} is already step ${stepOfPhase[phase] + 1}'s`);
      stepOfPhase[phase] = i;
    }
    if (!Array.isArray(s.snippets) || s.snippets.length === 0) fail(`${where}: needs at least one snippet`);
    for (const name of s.snippets) {
      if (!snippets[name]) {
        fail(`${where}: no "@code-begin ${name}" marker in src/*.c (found: ${Object.keys(snippets).join(', ')})`);
      }
      shown.add(name);
    }
    if (!Array.isArray(s.numpy) || s.numpy.length === 0) fail(`${where}: needs the seed's numpy lines`);
    return {
      id: s.id,
      number: i + 1,
      title: s.title,
      phases: s.phases.slice(),
      tex: s.tex,
      formulaDom: toDom(render(s.tex, true, where), `${where} formula`),
      noteDom: toDom(renderInline(s.note.replace(/\s+/g, ' ').trim(), render, where), `${where} note`),
      snippets: s.snippets.slice(),
      numpy: numpyBlocks(s.numpy, seedLines, where),
    };
  });
  for (const name of Object.keys(snippets)) {
    if (!shown.has(name)) {
      fail(`${snippets[name].file}:${snippets[name].startLine - 1}: snippet ${name} is shown by no step of content/code-steps.js`);
    }
  }
  return steps;
}

function build() {
  const render = makeRenderer(loadKatex());
  const formulaTex = require(path.join(CONTENT_DIR, 'formulas.js'));
  const formulas = {};
  for (const [name, tex] of Object.entries(formulaTex)) {
    formulas[name] = { tex, html: render(tex, true, `content/formulas.js ${name}`) };
  }
  const sectionSource = fs.readFileSync(path.join(CONTENT_DIR, 'mathematics.html'), 'utf8');
  const sectionHtml = renderInline(buildSection(sectionSource, formulas, 'content/mathematics.html'),
    render, 'content/mathematics.html');

  const snippets = extractSnippets();
  const seedSource = fs.readFileSync(path.join(CONTENT_DIR, 'seed-mlp.py'), 'utf8').replace(/\n$/, '');
  const steps = buildSteps(require(path.join(CONTENT_DIR, 'code-steps.js')), snippets, seedSource.split('\n'), render);
  const sectionDom = toDom(sectionHtml, 'content/mathematics.html');
  // Each formula is in the section's tree already (data-formula="NAME"); its
  // TeX is kept for the tests, not a second copy of its HTML.
  const formulaTexts = {};
  for (const [name, f] of Object.entries(formulas)) formulaTexts[name] = { tex: f.tex };
  const content = {
    math: { sectionDom, formulas: formulaTexts },
    steps,
    snippets,
    numpySource: { file: 'content/seed-mlp.py', code: seedSource },
  };
  // JSON is valid JavaScript (U+2028 and U+2029 are allowed in strings
  // since ES2019), so the object is written as it is, with no global.
  const js = `/* content.mjs: generated by tools/build-content.js from content/ and src/*.c;
   do not edit. Imported by web/js/explainer/explainer.js and the Node tests. */
export default ${JSON.stringify(content)};
`;
  fs.mkdirSync(OUT_DIR, { recursive: true });
  writeAtomically(path.join(OUT_DIR, 'content.mjs'), js);
  // The classic-script content.js of earlier builds: nothing loads it now.
  fs.rmSync(path.join(OUT_DIR, 'content.js'), { force: true });
  const fontCount = copyKatexAssets(path.join(OUT_DIR, 'katex'));
  return { formulas: Object.keys(formulas).length, steps: steps.length,
    snippets: Object.keys(snippets).length, fonts: fontCount, bytes: js.length };
}

if (require.main === module) {
  try {
    const r = build();
    console.log(`build-content: ${r.formulas} formulas, ${r.steps} steps, ${r.snippets} snippets, ` +
      `${r.fonts} fonts; web/build/content.mjs ${(r.bytes / 1024).toFixed(0)} KB`);
  } catch (e) {
    if (!(e instanceof BuildError)) throw e;
    console.error(`build-content: ${e.message}`);
    process.exit(1);
  }
}

module.exports = { build, extractSnippets, htmlToDom, domToHtml };

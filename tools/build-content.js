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
   (no innerHTML: the page can run under Trusted Types); tools/html-dom.js
   makes the trees, accepting only the tags and attributes the page needs. */
'use strict';
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const CONTENT_DIR = path.join(ROOT, 'content');
const SRC_DIR = path.join(ROOT, 'src');
const OUT_DIR = path.join(ROOT, 'web', 'build');
const KATEX_DIR = path.join(ROOT, 'node_modules', 'katex');

const { BuildError, htmlToDom, domToHtml, toDom } = require('./html-dom.js');

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
/* { name: when } of a step's conditional snippets ({ name, when }): when is
   { optimizer: [names] }, { regularization: [names] } or { features: true }. */
const CONDITIONS = { optimizer: ['sgd', 'momentum', 'adam'], regularization: ['none', 'l1', 'l2'] };
function snippetConditions(list, where) {
  const out = {};
  for (const x of list) {
    if (typeof x === 'string') continue;
    const keys = x && x.when ? Object.keys(x.when) : [];
    if (typeof x.name !== 'string' || keys.length !== 1) fail(`${where}: a snippet is a name or { name, when: { one key } }`);
    const [key] = keys, v = x.when[key];
    const ok = key === 'features' ? v === true :
      CONDITIONS[key] && Array.isArray(v) && v.length > 0 && v.every((n) => CONDITIONS[key].includes(n));
    if (!ok) fail(`${where}: snippet ${x.name}: when.${key} must be ${key === 'features' ? 'true' : `a list of ${(CONDITIONS[key] || []).join(', ')}`}`);
    out[x.name] = x.when;
  }
  return out;
}

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
    const when = snippetConditions(s.snippets, where);
    const names = s.snippets.map((x) => (typeof x === 'string' ? x : x.name));
    for (const name of names) {
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
      snippets: names,
      when,
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

// The explainer's built content (web/build/content.mjs, made by
// tools/build-content.js): the code shown is verbatim from src/, every step
// has its code and formula, and every formula is typeset, not left as TeX.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import { PHASES } from '../../web/js/core/phase-snapshot.js';

// The rendered HTML ships as DOM trees (no innerHTML in the page); the
// checks below read them written back as HTML.
const { domToHtml } = createRequire(import.meta.url)('../../tools/build-content.js');

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const built = path.join(root, 'web', 'build', 'content.mjs');
assert.ok(fs.existsSync(built), 'web/build/content.mjs is missing: run node tools/build-content.js (make)');
const builtModule = await import(pathToFileURL(built).href);
const content = builtModule.default;

// The seed's eight steps, in its words and order.
const SEED_STEPS = [
  'Initialize hidden layer weights randomly',
  'Forward pass through hidden layer with sigmoid',
  'Compute raw output scores for each class',
  'Convert logits to class probabilities via softmax',
  'Categorical cross-entropy loss over all classes',
  'Output layer error signal (averaged over batch)',
  'Backpropagate error through hidden layer',
  'Update all weights via gradient descent',
];
const MARKER = /^\s*\/\*\s*@code-(begin|end)\s+([A-Za-z0-9_-]+)\s*\*\/\s*$/;

function readLines(file) { return fs.readFileSync(path.join(root, file), 'utf8').split('\n'); }

/* What a reader sees of some built HTML: the text outside tags, without the
   MathML <annotation> elements (which hold the TeX source for assistive
   technology and are hidden). */
function visibleText(html) {
  return html.replace(/<annotation\b[^>]*>[\s\S]*?<\/annotation>/g, '')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>');
}

function everyHtml() {
  const out = [['math.sectionDom', domToHtml(content.math.sectionDom)]];
  for (const s of content.steps) {
    out.push([`step ${s.number} formula`, domToHtml(s.formulaDom)], [`step ${s.number} note`, domToHtml(s.noteDom)]);
  }
  return out;
}

test('every snippet is a verbatim, complete marked region of its src file, at the stated lines', (t) => {
  const names = Object.keys(content.snippets);
  assert.ok(names.length >= 8, `only ${names.length} snippets`);
  let lines = 0;
  for (const name of names) {
    const s = content.snippets[name];
    assert.match(s.file, /^src\/[a-z_]+\.c$/, `${name}: file ${s.file}`);
    const src = readLines(s.file);
    const shown = s.code.split('\n');
    assert.equal(shown.length, s.endLine - s.startLine + 1, `${name}: ${shown.length} lines shown for lines ${s.startLine}-${s.endLine}`);
    shown.forEach((line, i) => {
      const n = s.startLine + i;
      const expected = line === '' ? '' : ' '.repeat(s.indent) + line;
      assert.equal(src[n - 1].trimEnd(), expected.trimEnd(), `${name}: ${s.file}:${n} differs from the snippet`);
    });
    assert.ok(shown.some((l) => !/^\s/.test(l) && l !== ''), `${name}: not dedented (indent ${s.indent})`);
    assert.deepEqual(src[s.startLine - 2].match(MARKER).slice(1), ['begin', name], `${name}: no begin marker above line ${s.startLine}`);
    assert.deepEqual(src[s.endLine].match(MARKER).slice(1), ['end', name], `${name}: no end marker below line ${s.endLine}`);
    lines += shown.length;
  }
  t.diagnostic(`${names.length} snippets, ${lines} lines of C, all verbatim`);
});

test('content.mjs is up to date: every marker in src/*.c is in it, at its current line', () => {
  const found = [];
  for (const f of fs.readdirSync(path.join(root, 'src')).filter((f) => f.endsWith('.c'))) {
    readLines(`src/${f}`).forEach((line, i) => {
      const m = line.match(MARKER);
      if (m && m[1] === 'begin') found.push({ name: m[2], file: `src/${f}`, startLine: i + 2 });
    });
  }
  assert.ok(found.length >= 8, `${found.length} markers in src/*.c`);
  for (const m of found) {
    const s = content.snippets[m.name];
    assert.ok(s, `marker ${m.name} (${m.file}:${m.startLine - 1}) is not in content.mjs: rebuild it`);
    assert.deepEqual([s.file, s.startLine], [m.file, m.startLine], `${m.name} moved: rebuild content.mjs`);
  }
  assert.equal(Object.keys(content.snippets).length, found.length);
});

test("the seed's eight steps each have a title, a typeset formula, C code and numpy lines", () => {
  assert.equal(content.steps.length, 8);
  const seed = readLines('content/seed-mlp.py');
  content.steps.forEach((s, i) => {
    assert.equal(s.number, i + 1);
    assert.equal(s.title, SEED_STEPS[i]);
    assert.ok(s.snippets.length >= 1, `step ${i + 1} has no code`);
    for (const name of s.snippets) assert.ok(content.snippets[name], `step ${i + 1}: unknown snippet ${name}`);
    const formula = domToHtml(s.formulaDom);
    assert.match(formula, /<math\b/, `step ${i + 1}: formula has no MathML`);
    assert.match(formula, /class="katex-display"/, `step ${i + 1}: formula is not display math`);
    assert.ok(s.phases.length >= 1, `step ${i + 1}: no phases`);
    assert.ok(s.numpy.length >= 1, `step ${i + 1}: no numpy`);
    for (const b of s.numpy) {
      const shown = b.code.split('\n');
      assert.equal(shown.length, b.endLine - b.startLine + 1);
      shown.forEach((line, k) => assert.equal(seed[b.startLine - 1 + k].trim(), line.trim(),
        `step ${i + 1}: numpy line ${b.startLine + k}`));
    }
  });
  // The phases of the core (web/js/core/phase-snapshot.js) each map to
  // exactly one step, in order: code-steps.js's `phases` is the one map.
  const stepOf = {};
  content.steps.forEach((s, i) => s.phases.forEach((p) => { stepOf[p] = i; }));
  for (const p of PHASES) assert.ok(p in stepOf, `phase ${p} has no step`);
  assert.deepEqual(PHASES.map((p) => stepOf[p]), [0, 1, 2, 3, 4, 5, 6, 7]);
  assert.equal(stepOf.softmax, 3);
});

test('no raw TeX is visible anywhere: only inside MathML <annotation> elements', (t) => {
  let formulas = 0;
  for (const [where, html] of everyHtml()) {
    const text = visibleText(html);
    for (const tex of ['\\frac', '\\sigma', '\\sum', '\\hat', '\\(', '\\)', '\\[', '$$', '^{', '_{']) {
      assert.ok(!text.includes(tex), `${where}: visible ${JSON.stringify(tex)} near ${JSON.stringify(text.slice(Math.max(0, text.indexOf(tex) - 40), text.indexOf(tex) + 40))}`);
    }
    const command = text.match(/\\[A-Za-z]+/);
    assert.equal(command, null, `${where}: visible TeX command ${command && command[0]}`);
    assert.ok(!/<!--\s*math:/.test(html), `${where}: unreplaced placeholder`);
    formulas += (html.match(/<math\b/g) || []).length;
    assert.equal((html.match(/<math\b/g) || []).length, (html.match(/class="katex"/g) || []).length,
      `${where}: every KaTeX formula carries MathML`);
  }
  t.diagnostic(`${formulas} typeset formulas checked`);
});

test('the Mathematics section follows the seed and places every formula', () => {
  const html = domToHtml(content.math.sectionDom);
  const headings = [...html.matchAll(/<h3[^>]*>([\s\S]*?)<\/h3>/g)].map((m) => m[1].replace(/&amp;/g, '&'));
  assert.deepEqual(headings, ['Network Architecture', 'Sigmoid Activation', 'Forward Pass & Loss',
    'Backpropagation', 'Universal Approximation', 'Use ReLU in Practice']);
  for (const name of ['layer', 'sigmoid', 'sigmoid-derivative', 'softmax', 'cross-entropy', 'initial-loss',
    'delta', 'output-error', 'weight-gradient', 'backward-error', 'update', 'universal-approximation', 'relu']) {
    assert.ok(content.math.formulas[name], `formula ${name} missing`);
    const placed = html.split(`data-formula="${name}"`);
    assert.equal(placed.length, 2, `formula ${name} placed ${placed.length - 1} times in the section`);
    assert.match(placed[1], /^[^>]*>(?:(?!data-formula=)[\s\S])*?<math\b/, `formula ${name} is typeset with MathML`);
  }
  const text = visibleText(html);
  // What a student trips on, explained in the prose.
  assert.match(text, /1\.386/);
  assert.match(text, /h \* \(1 - h\)/);
  assert.match(text, /\(y_hat - Y\) \/ n/);
  assert.match(text, /per unit\s+change/);
});

test('content.mjs is an ES module whose only export is the content: no global is set', () => {
  assert.deepEqual(Object.keys(builtModule), ['default']);
  assert.equal(content.steps.length, 8);
  assert.ok(Array.isArray(content.math.sectionDom) && content.math.sectionDom.length > 0);
  const source = fs.readFileSync(built, 'utf8');
  const code = source.slice(source.indexOf('*/') + 2).trim();
  assert.ok(code.startsWith('export default {') && code.endsWith('};'), `content.mjs is ${code.slice(0, 40)}...`);
  // Nothing but data: the exported value is one JSON literal, so the module runs no code.
  assert.deepEqual(JSON.parse(code.slice('export default '.length, -1)), content);
});

test("KaTeX's stylesheet ships with every font it names (woff2), no CDN, only the fonts the formulas use", (t) => {
  const dir = path.join(root, 'web', 'build', 'katex');
  const css = fs.readFileSync(path.join(dir, 'katex.min.css'), 'utf8');
  const urls = [...css.matchAll(/url\(["']?([^"')]+)["']?\)/g)].map((m) => m[1]);
  // Main regular, bold; Math italic; Size1, Size2, Size4; AMS; Caligraphic
  // (tools/subset-fonts.js drops the 12 faces no formula draws with).
  assert.equal(urls.length, 8, `${urls.length} font urls: ${urls.join(' ')}`);
  assert.equal(fs.readdirSync(path.join(dir, 'fonts')).length, 8, 'the folder holds the fonts named, no more');
  for (const u of urls) {
    assert.match(u, /^fonts\/KaTeX_[A-Za-z0-9_-]+\.woff2$/, `url ${u}`);
    // A subset of even one glyph, without hinting, is over 600 bytes; under 200
    // is empty (tools/subset-fonts.js refuses to write one).
    assert.ok(fs.statSync(path.join(dir, u)).size > 500, `${u} missing or empty: ${fs.statSync(path.join(dir, u)).size} bytes`);
  }
  assert.ok(!/https?:/.test(css), 'the stylesheet refers to the network');
  t.diagnostic(`${urls.length} fonts referenced, all present`);
});

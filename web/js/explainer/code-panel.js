/* code-panel.js: "The Code": the seed's eight steps of one training
   iteration, each as its formula beside the C that computes it, with a toggle
   that shows the seed's numpy for the same step instead. Content comes from
   web/build/content.mjs, built from src/ by tools/build-content.js. Formulas
   and notes are that build's KaTeX output as DOM trees, built with
   createElement (domFromTree, math-section.js); code is always inserted as
   text. Nothing here parses HTML.

       const panel = mountCode(container, content);
       panel.highlight(2);                 // step 3, e.g. while the panel steps
       panel.highlightPhase('backward');   // the step of a phase of the core
       panel.setNumpy(true);               // show the seed's numpy

   The phase -> step map is content/code-steps.js's `phases` of each step,
   the only one. Draws nothing per frame. */
import { el } from '../kit/dom.js';
import { domFromTree } from './math-section.js';

let instances = 0;

/* Splits one source line into code and trailing comment, so comments can
   be dimmed: C's block and line comments, Python's '#'. Strings in the
   shown code never contain these markers, so a plain search is enough. */
function splitComment(line, lang) {
  let at;
  if (lang === 'python') at = line.indexOf('#');
  else {
    const a = line.indexOf('/*'), b = line.indexOf('//');
    at = a < 0 ? b : b < 0 ? a : Math.min(a, b);
  }
  return at < 0 ? [line, ''] : [line.slice(0, at), line.slice(at)];
}

/* <pre><code> with one block span per line; the source line number is
   shown by CSS from data-line, so copying the code copies only the code. */
function codeBlock(code, firstLine, lang) {
  const pre = el('pre', { class: `ex-code ex-lang-${lang}` });
  const codeEl = el('code');
  code.split('\n').forEach((line, i) => {
    const span = el('span', { class: 'ex-line', 'data-line': String(firstLine + i) });
    const [text, comment] = splitComment(line, lang);
    span.append(document.createTextNode(text));
    if (comment) span.append(el('span', { class: 'ex-comment' }, comment));
    codeEl.append(span);
  });
  pre.append(codeEl);
  return pre;
}

/* "line 7", "lines 7–9", "lines 1 and 15", "lines 2–4 and 17". */
function lines(ranges) {
  const one = ranges.length === 1 && ranges[0][0] === ranges[0][1];
  return (one ? 'line ' : 'lines ') + ranges.map(([a, b]) => (a === b ? `${a}` : `${a}–${b}`)).join(' and ');
}

/* The formula and the note: the build's KaTeX output, as DOM trees. */
function stepMath(step) {
  const math = el('div', { class: 'ex-step-math' });
  const formula = el('div', { class: 'ex-formula' });
  formula.append(domFromTree(step.formulaDom));
  const note = el('p', { class: 'ex-step-note' });
  note.append(domFromTree(step.noteDom));
  math.append(formula, note);
  return math;
}

/* The network a snippet's `when` is matched against until the panel says:
   the seed's (plain gradient descent, no penalty, the raw inputs). */
const SEED_NETWORK = { optimizer: 'sgd', regularization: 'none', features: false };
function matches(when, net) {
  if ('features' in when) return net.features === when.features;
  const key = Object.keys(when)[0];
  return when[key].includes(net[key]);
}

/* The step's C snippets (those with a `when` only while the network
   matches it), and (hidden) the seed's numpy lines for it. */
function stepCode(step, content, conditional) {
  const codeC = el('div', { class: 'ex-step-code ex-show-c' });
  for (const name of step.snippets) {
    const s = content.snippets[name];
    const fig = el('figure', { class: 'ex-snippet' });
    fig.append(el('figcaption', {}, `${s.file}, ${lines([[s.startLine, s.endLine]])}`), codeBlock(s.code, s.startLine, 'c'));
    const when = step.when && step.when[name];
    if (when) {
      conditional.push({ fig, when });
      fig.hidden = !matches(when, SEED_NETWORK);
    }
    codeC.append(fig);
  }
  const codePy = el('div', { class: 'ex-step-code ex-show-numpy', hidden: '' });
  const fig = el('figure', { class: 'ex-snippet' });
  const file = content.numpySource ? content.numpySource.file : 'the seed';
  fig.append(el('figcaption', {}, `The seed’s numpy (${file}), ${lines(step.numpy.map((b) => [b.startLine, b.endLine]))}`));
  for (const b of step.numpy) fig.append(codeBlock(b.code, b.startLine, 'python'));
  codePy.append(fig);
  return { codeC, codePy };
}

function buildStep(step, i, content, id, level, conditional) {
  const li = el('li', { class: 'ex-step', id: `${id}-step-${step.number}`, 'data-step': String(i) });
  const h = el(`h${level}`, { class: 'ex-step-title' });
  h.append(el('span', { class: 'ex-step-number', 'aria-hidden': 'true' }, String(step.number)),
    document.createTextNode(step.title));
  const body = el('div', { class: 'ex-step-body' });
  const { codeC, codePy } = stepCode(step, content, conditional);
  body.append(stepMath(step), codeC, codePy);
  li.append(h, body);
  return { li, codeC, codePy };
}

/* Marks items[i] current (aria-current="step") and unmarks items[was]. */
function markCurrent(items, was, i) {
  if (was >= 0) {
    items[was].li.classList.remove('is-current');
    items[was].li.removeAttribute('aria-current');
  }
  if (i >= 0) {
    items[i].li.classList.add('is-current');
    items[i].li.setAttribute('aria-current', 'step');
  }
}

/* options.headingLevel: the steps' heading level (2 to 6, default 3). */
export function mountCode(container, content, options) {
  const o = options || {};
  if (!content || !Array.isArray(content.steps)) throw new Error('code-panel.js needs build/content.mjs (run make)');
  const level = Math.min(6, Math.max(2, o.headingLevel || 3));
  const id = `ex-code-${++instances}`;
  const root = el('div', { class: 'ex-code-panel' });
  const toolbar = el('div', { class: 'ex-code-toolbar' });
  const toggle = el('button', { type: 'button', class: 'ex-numpy-toggle', 'aria-pressed': 'false' },
    'Show the seed’s numpy');
  toolbar.append(toggle, el('span', { class: 'ex-hint' },
    'The C shown is copied from the source that runs in this page when it is built.'));
  const list = el('ol', { class: 'ex-steps' });
  const conditional = [];
  const items = content.steps.map((step, i) => buildStep(step, i, content, id, level, conditional));
  for (const it of items) list.append(it.li);
  root.append(toolbar, list);
  container.append(root);
  let current = -1, numpy = false;

  /* Marks step `index` (0..7) as the current one; -1 or null clears. With
     { scroll: true } the step is scrolled into view if it is not. */
  function highlight(index, opts) {
    const i = index === null || index === undefined ? -1 : index;
    if (i !== -1 && !(Number.isInteger(i) && i >= 0 && i < items.length)) {
      throw new Error(`step index must be an integer from 0 to ${items.length - 1} (or -1), got ${index}`);
    }
    if (i !== current) markCurrent(items, current, i);
    current = i;
    if (i >= 0 && opts && opts.scroll) items[i].li.scrollIntoView({ block: 'nearest' });
    return current;
  }
  /* The step of a phase name of the core ('init', 'forward', 'logits',
     'softmax'/'output', 'loss', 'output-error', 'backward', 'update'). */
  const stepOfPhase = (phase) => content.steps.findIndex((s) => s.phases.includes(phase));
  function setNumpy(on) {
    numpy = !!on;
    toggle.setAttribute('aria-pressed', String(numpy));
    toggle.textContent = numpy ? 'Show the C' : 'Show the seed’s numpy';
    root.classList.toggle('is-numpy', numpy);
    for (const it of items) { it.codeC.hidden = numpy; it.codePy.hidden = !numpy; }
  }
  const onToggle = () => setNumpy(!numpy);
  toggle.addEventListener('click', onToggle);

  /* The panel's network { optimizer, regularization, features (true when
     input features are in use) }: shows the snippets that apply to it. */
  function setNetwork(net) {
    for (const c of conditional) c.fig.hidden = !matches(c.when, net);
  }

  return {
    highlight, stepOfPhase, setNumpy, setNetwork,
    highlightPhase: (phase, opts) => highlight(stepOfPhase(phase), opts),
    destroy() { toggle.removeEventListener('click', onToggle); root.remove(); },
    get current() { return current; },
    get numpy() { return numpy; },
    get element() { return root; },
  };
}

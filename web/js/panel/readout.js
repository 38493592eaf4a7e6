/* readout.js: Epoch, Loss, Accuracy, Phase and the followed point, and a
   one-line narration of what the network just did. The numbers follow every
   frame (their text is only rewritten when it changes). The narration is
   two elements: the line the reader sees, written at once (after Pause it
   says the epoch the readout shows), and the page's polite live region,
   hidden from view, rewritten at most once a second while training: a
   screen reader hears a steady summary instead of a stream of numbers.
   What answers a click (a phase stepped, a point chosen) is spoken at once. */
import { formatNumber as fmt } from '../lib/numbers.js';

const MIN_INTERVAL = 1000; // ms between narration updates

export function createReadout(els) {
  const shown = { epoch: '', loss: '', accuracy: '', phase: '', point: '', test: '' };
  const mode = { linear: false, test: false };
  let lastCommit = -Infinity;
  let pending = null;
  let timer = 0;

  function set(key, text) {
    if (shown[key] !== text) { shown[key] = text; els[key].textContent = text; }
  }

  /* s: { epoch, loss, accuracy, phase, point }; cheap enough to call
     every frame (point is text, e.g. "#17, class 2"). */
  function update(s) {
    set('epoch', String(s.epoch));
    set('loss', fmt(s.loss, 3));
    set('accuracy', typeof s.accuracy === 'number' && s.accuracy === s.accuracy ? `${Math.round(s.accuracy * 100)}%` : '–');
    set('phase', s.phase);
    if (els.point && s.point) set('point', s.point);
    if (els.test && mode.test) {
      const v = mode.linear ? s.testLoss : s.testAccuracy;
      set('test', typeof v !== 'number' || v !== v ? '–' : mode.linear ? fmt(v, 3) : `${Math.round(v * 100)}%`);
    }
  }

  /* What the readout shows for this network: a regression (linear output)
     reads "MSE" for its loss and has no accuracy; with a test set, "Test
     accuracy" (or "Test MSE") appears. `els` may lack the labels (tests). */
  function configure(linear, test) {
    mode.linear = linear;
    mode.test = test;
    if (els.lossLabel) els.lossLabel.textContent = linear ? 'MSE' : 'Loss';
    if (els.accuracyItem) els.accuracyItem.hidden = linear;
    if (els.testItem) els.testItem.hidden = !test;
    if (els.testLabel) els.testLabel.textContent = linear ? 'Test MSE' : 'Test accuracy';
  }

  /* Sets the narration (a text, or a function giving it). The visible line
     (els.narration) is written at once, so it always matches the readout
     beside it. The screen reader's polite live region (els.live, hidden
     from view) hears it no sooner than MIN_INTERVAL after the previous
     line; a newer text replaces one still waiting. `now` speaks it at once
     too (the reader asked for it). Without els.live, the visible line is
     the live region and is throttled. */
  function narrate(text, now) {
    pending = text;
    if (els.live) {
      const t = textOf(text);
      if (els.narration.textContent !== t) els.narration.textContent = t;
    }
    if (now) {
      if (timer) { clearTimeout(timer); timer = 0; }
      commit();
      return;
    }
    const wait = lastCommit + MIN_INTERVAL - performance.now();
    if (wait <= 0) commit();
    else if (!timer) timer = setTimeout(commit, wait);
  }

  /* A pending text may be a function: it is called when the line is
     written, so a summary of the run ("Epoch 560: loss = ...") describes
     the run as it is then, the state the readout beside it shows, not as it
     was when the line was asked for. */
  const textOf = (t) => (typeof t === 'function' ? t() : t);

  function commit() {
    timer = 0;
    if (pending === null) return;
    const text = textOf(pending);
    const el = els.live || els.narration;
    if (el.textContent !== text) el.textContent = text;
    pending = null;
    lastCommit = performance.now();
  }

  return {
    update, narrate, configure,
    get narration() { return pending !== null ? textOf(pending) : (els.live || els.narration).textContent; },
  };
}


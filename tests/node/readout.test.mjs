// The readout's narration (web/js/panel/readout.js): at most one line a
// second, and a line asked for as a function describes the run when it is
// written, so it never lags the readout beside it.
import test from 'node:test';
import assert from 'node:assert/strict';
import { createReadout } from '../../web/js/panel/readout.js';

function fakeEls() {
  const el = () => ({ textContent: '' });
  return { epoch: el(), loss: el(), accuracy: el(), phase: el(), point: el(), narration: el() };
}

test('a narration asked for while one was just written waits, then shows the state of its own moment', async () => {
  const els = fakeEls();
  const r = createReadout(els);
  const shown = { epoch: 0 };
  r.narrate('Initialize weights: loss = 1.386', true);
  assert.equal(els.narration.textContent, 'Initialize weights: loss = 1.386');
  r.narrate(() => `Epoch ${shown.epoch}`);
  assert.equal(els.narration.textContent, 'Initialize weights: loss = 1.386', 'within a second of the last line: waits');
  shown.epoch = 160;
  assert.equal(r.narration, 'Epoch 160', 'the pending line reads the state now');
  shown.epoch = 560;
  await new Promise((resolve) => setTimeout(resolve, 1100));
  assert.equal(els.narration.textContent, 'Epoch 560', 'written with the epoch of the moment it is written');
});

test('a text asked for at once replaces a waiting one; the readout writes only what changed', () => {
  const els = fakeEls();
  const r = createReadout(els);
  r.narrate('first', true);
  r.narrate(() => 'waiting');
  r.narrate('clicked', true);
  assert.equal(els.narration.textContent, 'clicked');
  r.update({ epoch: 3, loss: 1.3862943, accuracy: 0.25, phase: 'update', point: '#0, class 0' });
  assert.deepEqual([els.epoch.textContent, els.loss.textContent, els.accuracy.textContent, els.phase.textContent],
    ['3', '1.386', '25%', 'update']);
  r.update({ epoch: 3, loss: NaN, accuracy: NaN, phase: 'update' });
  assert.deepEqual([els.loss.textContent, els.accuracy.textContent], ['–', '–']);
});

test('with a live region: the visible line is written at once, the screen reader hears it at most once a second', async () => {
  const els = Object.assign(fakeEls(), { live: { textContent: '' } });
  const r = createReadout(els);
  const shown = { epoch: 0 };
  r.narrate('Initialize weights: loss = 1.386', true);
  assert.deepEqual([els.narration.textContent, els.live.textContent], ['Initialize weights: loss = 1.386', 'Initialize weights: loss = 1.386']);
  shown.epoch = 160;
  r.narrate(() => `Epoch ${shown.epoch}`);
  assert.equal(els.narration.textContent, 'Epoch 160', 'the visible line at once');
  assert.equal(els.live.textContent, 'Initialize weights: loss = 1.386', 'the live region waits');
  shown.epoch = 560;
  r.narrate('Paused at epoch 560');
  assert.equal(els.narration.textContent, 'Paused at epoch 560', 'after Pause the visible line says the epoch shown');
  await new Promise((resolve) => setTimeout(resolve, 1100));
  assert.equal(els.live.textContent, 'Paused at epoch 560', 'the live region catches up with the latest line');
});

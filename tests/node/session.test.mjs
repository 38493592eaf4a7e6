// The panel's training session (web/js/panel/session.js) on the real core:
// frames train the speed's epochs, and Play stops by itself at the stop epoch.
import test from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { createSession } from '../../web/js/panel/session.js';

const { loadCore } = createRequire(import.meta.url)('../../index.js');

function session() {
  const events = { stopped: [], losses: 0 };
  let t = 0;
  const s = createSession(null, {
    onLosses(e0, l, n) { events.losses += n; }, onLoss() {}, onDiverged() {}, onReached() {},
    onStopped(epoch) { events.stopped.push(epoch); },
  }, () => (t += 0.01));
  return { s, events };
}

test('epochs=200: Play at 7 epochs a frame stops at exactly 200 and stays stopped until the setting changes', async () => {
  const core = await loadCore();
  const { s, events } = session();
  s.core = core;
  s.build({ layers: [2, 4, 4], seed: 2369, learningRate: 0.1 });
  s.stopAt = 200;
  assert.equal(s.setPlaying(true), true);
  let frames = 0;
  while (s.playing && frames < 1000) { s.frameTrain(frames * 16, 0, true, 7); frames++; }
  assert.equal(s.net.epoch, 200, 'the last frame trained only the epochs left');
  assert.deepEqual(events.stopped, [200]);
  assert.equal(frames, Math.ceil(200 / 7), `${frames} frames of 7 epochs, the last one short`);
  assert.equal(s.playing, false);
  assert.equal(s.setPlaying(true), false, 'at the stop epoch Play stays stopped');
  assert.deepEqual(events.stopped, [200, 200], 'and says so again');
  s.stopAt = 300;
  assert.equal(s.setPlaying(true), true, 'a later stop epoch lets it go on');
  for (let i = 0; i < 30; i++) s.frameTrain(0, 0, true, 7);
  assert.equal(s.net.epoch, 300);
  assert.deepEqual(events.stopped, [200, 200, 300]);
  s.net.destroy();
});

test('no stop epoch (0): Play trains on', async () => {
  const core = await loadCore();
  const { s, events } = session();
  s.core = core;
  s.build({ layers: [2, 4, 4], seed: 2369 });
  s.setPlaying(true);
  for (let i = 0; i < 50; i++) s.frameTrain(0, 0, true, 5);
  assert.equal(s.net.epoch, 250);
  assert.deepEqual(events.stopped, []);
  s.net.destroy();
});

test('a large network trains in chunks the step bound allows: 8 x 64 with all features, 2000 points, 300 epochs at once', async () => {
  const core = await loadCore();
  const { s } = session();
  s.core = core;
  s.build({ layers: [7, 64, 64, 64, 64, 64, 64, 64, 64, 4], activation: 'relu', learningRate: 0.001, seed: 3, points: 2000,
    features: ['x1', 'x2', 'x1^2', 'x2^2', 'x1*x2', 'sin(x1)', 'sin(x2)'] });
  const most = s.net.maxStepEpochs;
  assert.ok(most >= 1 && most < 300, `${most} epochs per call at most`);
  assert.throws(() => s.net.step(most + 1), /epochs must be at most/);
  assert.equal(s.trainChunks(300, Infinity), 300, 'all 300 epochs, in chunks of at most the bound');
  assert.equal(s.net.epoch, 300);
  s.net.destroy();
});

test('the rate reached: epochs per second over each half second of frames, null when Play starts or stops', async () => {
  const core = await loadCore();
  const reports = [];
  const s = createSession(core, {
    onLosses() {}, onLoss() {}, onDiverged() {}, onStopped() {},
    onReached(perFrame, perSecond) { reports.push([perFrame, perSecond]); },
  }, () => 0);
  s.build({ layers: [2, 4, 4], seed: 2369 });
  assert.deepEqual(reports, [[null, null]], 'a new network: no rate');
  s.setPlaying(true);
  // 60 frames 1000/60 ms apart, 5 epochs each (no budget cut: the clock stands still).
  for (let i = 0; i <= 60; i++) s.frameTrain(i * 1000 / 60, 0, true, 5);
  assert.equal(s.net.epoch, 305);
  // Play clears the rate; frame 0 starts the window; frames 1..30 reach 500 ms
  // and report, and so do frames 31..60.
  assert.equal(reports.length, 4, JSON.stringify(reports));
  assert.deepEqual(reports[1], [null, null], 'Play: no rate yet');
  for (const [perFrame, perSecond] of reports.slice(2)) {
    assert.equal(perFrame, null, 'the speed was reached: no "reached" figure');
    assert.ok(Math.abs(perSecond - 300) < 1e-9, `30 frames of 5 epochs in 0.5 s: 300 epochs/s, got ${perSecond}`);
  }
  s.setPlaying(false);
  assert.deepEqual(reports[reports.length - 1], [null, null], 'paused: the rate line clears');
  s.net.destroy();
});

test('the cost per epoch is learnt on a clock that ticks in 0.1 ms: after a slow chunk, frames soon train all 500 epochs in a few chunks', async () => {
  const core = await loadCore();
  let t = 0; // ms; each epoch costs EPOCH_MS, the clock reads it in 0.1 ms ticks as a page's does
  const EPOCH_MS = 0.0107;
  const s = createSession(core, { onLosses() {}, onLoss() {}, onDiverged() {}, onStopped() {}, onReached() {} },
    () => Math.floor(t * 10) / 10);
  s.build({ layers: [2, 4, 4], seed: 2369 });
  const step = s.net.step.bind(s.net);
  let chunks = 0;
  s.net.step = (k, ...rest) => { chunks++; t += k * EPOCH_MS; return step(k, ...rest); };
  s.setTrainBudget(6);
  s.msPerEpoch = 0.35; // as after one slow chunk (a collection, the compiler's tier-up)
  s.setPlaying(true);
  const perFrame = [];
  for (let f = 0; f < 8; f++) {
    t = Math.ceil(t / 16.7) * 16.7 + 0.05; // the next frame
    chunks = 0;
    const e0 = s.net.epoch;
    s.frameTrain(t, Math.floor(t * 10) / 10, true, 500);
    perFrame.push([s.net.epoch - e0, chunks]);
  }
  const [lastEpochs, lastChunks] = perFrame[perFrame.length - 1];
  assert.equal(lastEpochs, 500, `epochs and chunks per frame: ${JSON.stringify(perFrame)}`);
  assert.ok(lastChunks <= 8, `500 epochs in ${lastChunks} chunks: ${JSON.stringify(perFrame)}`);
  assert.ok(Math.abs(s.msPerEpoch - EPOCH_MS) < 0.3 * EPOCH_MS, `msPerEpoch ${s.msPerEpoch} against ${EPOCH_MS}`);
  s.net.destroy();
});

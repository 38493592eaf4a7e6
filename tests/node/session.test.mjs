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

test('an epoch longer than the frame\'s budget trains in slices of phases: each frame within it, Pause ends the epoch, bits as step', async () => {
  const core = await loadCore();
  let t = 0; // ms; each phase costs PHASE_MS on this clock
  const PHASE_MS = 0.5, BUDGET_MS = 4;
  const losses = [];
  const s = createSession(core, { onLosses(e0, l, n) { for (let i = 0; i < n; i++) losses[e0 + i] = l[i]; }, onLoss() {},
    onDiverged() {}, onStopped() {}, onReached() {} }, () => t);
  const options = { layers: [2, 32, 32, 32, 4], activation: 'relu', seed: 5, learningRate: 0.05 };
  s.build(options);
  const per = s.net.phasesPerEpoch; // 11: one epoch is 5.5 ms here, more than the budget
  assert.equal(per, 11);
  const stepPhases = s.net.stepPhases.bind(s.net);
  s.net.step = () => assert.fail('a whole epoch does not fit the budget: no step call');
  s.net.stepPhases = (k, ...rest) => { t += PHASE_MS * k; return stepPhases(k, ...rest); };
  s.setTrainBudget(BUDGET_MS);
  s.msPerEpoch = per * PHASE_MS;
  s.setPlaying(true);
  const spent = [];
  for (let f = 0; f < 30; f++) {
    const t0 = t;
    s.frameTrain(t, t0, true, 500);
    spent.push(t - t0);
  }
  assert.ok(spent.every((ms) => ms > 0 && ms <= BUDGET_MS), `ms of training per frame: ${spent.join(' ')}`);
  const phases = spent.reduce((a, b) => a + b, 0) / PHASE_MS;
  assert.equal(s.net.epoch, Math.floor(phases / per), `${phases} phases in 30 frames`);
  delete s.net.step; // Pause may finish the epoch with step
  const underWay = s.net.epochUnderWay, e = s.net.epoch;
  s.setPlaying(false);
  assert.equal(s.net.epochUnderWay, false, 'paused at an epoch\'s end');
  assert.equal(s.net.epoch, underWay ? e + 1 : e);
  const whole = core.createNetwork(options), expected = new Float64Array(s.net.epoch);
  whole.step(s.net.epoch, expected);
  assert.ok(whole.getParams().every((v, i) => Object.is(v, s.net.getParams()[i])), 'parameters bit for bit as step');
  assert.ok(losses.length === s.net.epoch && losses.every((v, i) => Object.is(v, expected[i])), 'every epoch\'s loss reported once');
  whole.destroy();
  s.net.destroy();
});

test('a frame cut short by a slow chunk: the next frame catches up, up to one frame\'s speed', async () => {
  const core = await loadCore();
  let t = 0, slow = 0;
  const EPOCH_MS = 0.0107;
  const s = createSession(core, { onLosses() {}, onLoss() {}, onDiverged() {}, onStopped() {}, onReached() {} }, () => t);
  s.build({ layers: [2, 4, 4], seed: 2369 });
  const step = s.net.step.bind(s.net);
  s.net.step = (k, ...rest) => { t += k * EPOCH_MS + slow; slow = 0; return step(k, ...rest); };
  s.setTrainBudget(8);
  s.msPerEpoch = EPOCH_MS;
  s.setPlaying(true);
  const frame = () => { t = Math.ceil(t / 16.7) * 16.7 + 0.05; const e0 = s.net.epoch; s.frameTrain(t, t, true, 500); return s.net.epoch - e0; };
  assert.equal(frame(), 500, 'an ordinary frame');
  slow = 7.5; // the first chunk of this frame also pays for a collection
  const cut = frame();
  assert.ok(cut > 0 && cut < 500, `the slow frame trained ${cut}`);
  assert.equal(frame(), 500 + (500 - cut), 'the next one trains its own 500 and the shortfall');
  s.setTrainBudget(0); // frames of one epoch each: the shortfall grows, the carry stops at one frame's speed
  assert.equal(frame(), 1);
  assert.equal(s.carry, 499);
  assert.equal(frame(), 1);
  assert.equal(s.carry, 500, 'not 998');
  s.net.destroy();
});

test('a frame the browser skipped: its epochs are trained on the next one, at 60 and at 120 Hz; a pause adds none', async () => {
  const core = await loadCore();
  let t = 0;
  const s = createSession(core, { onLosses() {}, onLoss() {}, onDiverged() {}, onStopped() {}, onReached() {} }, () => t);
  s.build({ layers: [2, 4, 4], seed: 2369 });
  s.setTrainBudget(Infinity);
  s.setPlaying(true);
  const frame = (dt) => { t += dt; const e0 = s.net.epoch; s.frameTrain(t, t, true, 500); return s.net.epoch - e0; };
  const trained = [16.7, 16.7, 16.7, 16.7, 33.4, 16.7, 50.1, 16.7, 83.5, 16.7, 400, 16.7].map(frame);
  assert.deepEqual(trained, [500, 500, 500, 500, 1000, 500, 1500, 500, 1500, 500, 500, 500],
    'one skipped frame adds 500, two add 1000, more are capped at two; a 400 ms gap is a pause');
  s.setPlaying(false);
  s.setPlaying(true); // Play again: the first frame's gap counts as none
  t += 5000;
  // The display now runs at 120 Hz: once most of the last 9 intervals are 8.3 ms, that is the usual one.
  const at120 = [5000, 8.3, 8.4, 8.3, 8.4, 8.3, 8.4, 16.7, 8.3].map(frame);
  assert.deepEqual(at120, [500, 500, 500, 500, 500, 500, 500, 1000, 500], 'at 120 Hz a 16.7 ms gap is one skipped frame');
  assert.equal(s.net.epoch, 8500 + 5000);
  // After a frame the budget cut short, a skipped frame is not made up: the machine is busy.
  s.setTrainBudget(0);
  assert.deepEqual([frame(8.3), frame(8.3)], [1, 1], 'cut by a budget of 0 (the carry then holds 500)');
  s.setTrainBudget(Infinity);
  assert.deepEqual([frame(16.7), frame(8.3), frame(16.7)], [500 + 500, 500, 1000],
    'the frame after a cut trains its 500 and the carry, not the skipped frame; the next skip is made up');
  s.net.destroy();
});

test('a 50 ms stall timed into one epoch of the seed\'s network does not make it heavy: no slices, every frame still trains its epoch', async () => {
  const core = await loadCore();
  let t = 0, stall = 0;
  const EPOCH_MS = 0.0107;
  const s = createSession(core, { onLosses() {}, onLoss() {}, onDiverged() {}, onStopped() {}, onReached() {} }, () => t);
  s.build({ layers: [2, 4, 4], seed: 2369 });
  const step = s.net.step.bind(s.net);
  s.net.step = (k, ...rest) => { t += k * EPOCH_MS + stall; stall = 0; return step(k, ...rest); };
  s.net.stepPhases = () => assert.fail('the seed\'s network is never sliced');
  s.setTrainBudget(6);
  s.setPlaying(true);
  // 1 epoch a frame: the chunks are single epochs, timed together until they span 0.5 ms.
  const frame = () => { t += 16.7; const e0 = s.net.epoch; s.frameTrain(t, t, true, 1); return s.net.epoch - e0; };
  for (let i = 0; i < 5; i++) frame();
  stall = 50;
  const trained = Array.from({ length: 20 }, frame);
  assert.ok(s.msPerEpoch < 3 * EPOCH_MS, `the estimate rose to ${s.msPerEpoch} ms, a timing counting at most 4x`);
  assert.equal(s.heavy, false, 'not heavy: its size guesses 0.008 ms an epoch');
  // The stalled frame's 66.7 ms count as skipped frames, two at most, made up by the next frame.
  assert.deepEqual(trained, [1, 3, ...Array(18).fill(1)], `epochs per frame after the stall: ${trained}`);
  s.net.destroy();
});

test('epochCap (a compare network\'s pace) holds training back, and the rate reached says so; below 1 epoch a frame an epoch in slices still goes on every frame', async () => {
  const core = await loadCore();
  let t = 0, reached = [];
  const s = createSession(core, { onLosses() {}, onLoss() {}, onDiverged() {}, onStopped() {}, onReached(perFrame) { reached.push(perFrame); } }, () => t);
  s.build({ layers: [2, 4, 4], seed: 2369 });
  s.setTrainBudget(Infinity);
  s.setPlaying(true);
  const frame = (speed = 500) => { t += 16.7; const e0 = s.net.epoch; s.frameTrain(t, t, true, speed); return s.net.epoch - e0; };
  s.epochCap = 5;
  assert.deepEqual([frame(), frame()], [5, 0]);
  s.epochCap = 12;
  assert.deepEqual([frame(), frame()], [7, 0]);
  for (let i = 0; i < 30; i++) frame();
  assert.ok(reached.some((v) => v !== null && v < 1), `the speed shows the rate reached while held back: ${reached.join(', ')}`);
  s.epochCap = Infinity;
  assert.equal(frame(), 500);
  s.net.destroy();

  // A heavy network at 0.5 epochs a frame: an epoch takes 2 slices (6 phases of 0.5 ms in a 4 ms budget,
  // 11 an epoch), on consecutive frames: 19 epochs in 40 frames (13 when a slice waited for the carry to refill).
  const h = createSession(core, { onLosses() {}, onLoss() {}, onDiverged() {}, onStopped() {}, onReached() {} }, () => t);
  h.build({ layers: [2, 32, 32, 32, 4], activation: 'relu', seed: 5, learningRate: 0.05 });
  const stepPhases = h.net.stepPhases.bind(h.net);
  h.net.stepPhases = (k, ...rest) => { t += 0.5 * k; return stepPhases(k, ...rest); };
  h.setTrainBudget(4);
  h.msPerEpoch = 11 * 0.5;
  h.setPlaying(true);
  const epochs = [];
  for (let f = 0; f < 40; f++) { t += 16.7; h.frameTrain(t, t, true, 0.5); epochs.push(h.net.epoch); }
  assert.ok(h.net.epoch >= 18, `40 frames at 0.5 epochs a frame, each epoch in 2 slices: ${h.net.epoch} epochs (${epochs.join(' ')})`);
  h.net.destroy();
});


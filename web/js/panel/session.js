/* session.js: the panel's training session. It owns the network (built
   from the settings: same seed, same run), whether it is playing, and the
   training done in frames: each frame adds the speed's epochs (and those
   of display frames the browser skipped) to a carry and trains them in a
   few chunks, each sized from the time the last ones took, until they are
   done or the frame's training budget is spent (the rest wait for the next
   frame, up to one frame's speed; any more are dropped, and the rate
   really reached is reported). It knows nothing of the DOM: what it trains
   goes to its callbacks.

     const s = createSession(core, {
       onLosses(e0, losses, count, testLosses), // each epoch's training loss from e0,
                                      // and its test loss (null without a test set)
       onLoss(epoch, loss, testLoss), // the losses of the parameters reached (test: NaN without)
       onDiverged({ epoch, loss }),
       onReached(perFrame | null, perSecond | null), // epochs per frame reached, when
                                      // short, and epochs per second (null: not playing)
       onStopped(epoch),              // Play reached the stop epoch (stopAt), or was refused there
     }); */

const TRAIN_BUDGET_MS = 6;        // training per frame until the panel sets trainBudget; the rest of the speed is dropped
const CHUNK_SHARE = 0.6;          // a chunk aims at this share of the budget left
const SLICE_SHARE = 0.85;         // ... a slice of an epoch (trainSlice), the frame's last
export const SLICE_EPOCH_MS = 1;  // epochs this long are sliced when they do not fit; shorter ones run whole
const SLICE_GUESS_MS = 0.1;       // ... and only in a network whose size guesses at least this (see heavy)
const TIMED_RISE = 4;             // a timing counts at most this many times the estimate (see addTiming)
const TIMED_MS = 0.5;             // chunks are timed together until they span this
const LOSS_BUFFER = 4096;         // epochs per chunk at most: one loss each for the chart
const REACHED_INTERVAL_MS = 500;  // the rate reached is reported at most twice a second
const REACHED_SHOWN = 0.97;       // ... when below this share of the speed
const CATCH_UP_FRAMES = 2;        // a late frame also adds up to this many missed frames' epochs
const INTERVALS_KEPT = 9;         // the display's frame interval: the median of the last ones
const RESUMED_MS = 250;           // a longer gap is a pause (hidden page, a stall), not missed frames

/* A new network's cost per epoch until chunks are timed: about 1 ns per
   point and parameter in Chromium's wasm (measured: the seed's network
   0.011 ms, 8 x 64 with every feature 4-6 ms), so its first frame does not
   run a hundred epochs of a large network on the last one's estimate. */
const MS_PER_POINT_PARAM = 1e-6;
export function guessMsPerEpoch(net) {
  return Math.max(0.001, MS_PER_POINT_PARAM * (net.pointCount + net.testPointCount) * (net.paramCount + net.unitCount));
}

/* The cost per epoch o.msPerEpoch of network net (the session's, and the
   compare network's in compare.js), from chunks summed in o.timing until
   they span TIMED_MS: the page's clock ticks in 0.1 ms, so a small chunk
   alone reads 0 or 0.1 ms. (Timing only chunks that long was a trap: after
   one slow chunk the estimate was high, every chunk then short, and it
   never came down: frames ran 150 chunks of 1 to 10 epochs, 215 epochs in
   the budget that holds 500.) A stall (a collection, the tab descheduled)
   inflates a timing, so one counts at most TIMED_RISE times the estimate,
   or the size's guess if that is more (new data: the guess follows it). */
export function addTiming(o, epochs, ms, net) {
  const t = o.timing;
  t.epochs += epochs;
  t.ms += ms;
  if (t.ms < TIMED_MS || t.epochs === 0) return;
  const cap = TIMED_RISE * Math.max(o.msPerEpoch, guessMsPerEpoch(net));
  o.msPerEpoch = 0.5 * o.msPerEpoch + 0.5 * Math.min(t.ms / t.epochs, cap);
  t.epochs = 0;
  t.ms = 0;
}

/* Builds the session; `on` receives what training reports. */
export function createSession(core, on, clock = () => performance.now()) {
  return new Session(core, on, clock);
}

class Session {
  constructor(core, on, clock) {
    this.core = core;
    this.on = on;
    this.clock = clock;
    this.net = null;
    this.playing = false;
    this.diverged = false;
    this.carry = 0;
    this.trainBudget = TRAIN_BUDGET_MS;
    this.fixedBudget = undefined;    // set by tests: overrides the panel's budget
    this.stopAt = 0;                 // Play stops at this epoch (0: never; the link's epochs=)
    this.msPerEpoch = 0.05;          // replaced by guessMsPerEpoch, then by timing
    this.epochCap = Infinity;        // training stops at this epoch for now (a compare network's pace)
    this.timing = { epochs: 0, ms: 0 }; // chunks not yet in msPerEpoch (addTiming)
    this.losses = new Float64Array(LOSS_BUFFER);
    this.testLosses = new Float64Array(LOSS_BUFFER);
    this.rate = { start: -Infinity, frames: 0, epochs: 0, cut: false };
    this.frameClock = { last: -Infinity, intervals: [] };
    this.lastCut = false;            // the budget cut the last frame's training short
    // Frames played, frames that trained, epochs, frames the budget cut short,
    // the fewest and most epochs a frame trained, frames left to a client,
    // display frames the browser skipped whose epochs the next frame added.
    this.counts = {};
    this.resetCounts();
  }

  resetCounts() {
    Object.assign(this.counts, { played: 0, trained: 0, epochs: 0, budgetCuts: 0, minEpochs: Infinity, maxEpochs: 0, shared: 0, skipped: 0 });
  }

  /* A new network (the old one is destroyed); pauses. */
  build(options) {
    this.playing = false;
    if (this.net) this.net.destroy();
    this.net = null;
    this.net = this.core.createNetwork(options);
    this.timing.epochs = this.timing.ms = 0;
    this.msPerEpoch = guessMsPerEpoch(this.net);
    this.diverged = false;
    this.carry = 0;
    this.resetRate();
    return this.net;
  }

  /* Trains up to n epochs, reporting every epoch's loss (from the epoch's
     own forward pass: losses[i] is the loss at epoch e0 + i), then the loss
     of the parameters reached. Each chunk aims at CHUNK_SHARE of the time
     left before `deadline` at the measured cost per epoch; at least one
     epoch runs. Stops when the run diverges or the deadline passes; returns
     the epochs run. */
  trainChunks(n, deadline) {
    let done = 0;
    while (done < n) {
      const now = this.clock(), left = deadline - now;
      if (done > 0 && left <= 0) break;
      const fit = Math.floor(left * CHUNK_SHARE / this.msPerEpoch);
      if (fit < 1 && this.heavy) { if (done === 0) done += this.trainSlice(n, left, now); break; }
      const k = Math.max(1, Math.min(n - done, LOSS_BUFFER, this.net.maxStepEpochs, fit));
      const e0 = this.net.epoch;
      const test = this.net.testPointCount > 0 ? this.testLosses : undefined;
      const r = this.net.step(k, this.losses, test);
      const ran = r.epoch - e0;
      addTiming(this, ran, this.clock() - now, this.net);
      this.on.onLosses(e0, this.losses, ran, test || null);
      done += ran;
      if (r.diverged) { this.diverge(r); break; }
      this.on.onLoss(r.epoch, r.loss, test ? this.net.testLoss : NaN);
    }
    return done;
  }

  /* An epoch takes SLICE_EPOCH_MS or more: sliced when it does not fit, and
     (panel.js) its loss and accuracy read only now and then while playing.
     Not a network whose size (with its data now) says a tenth of that (the
     seed's: 0.008 ms): on a loaded machine a stall timed into a small
     network's estimate made it heavy, and it then trained one slice a frame
     for seconds. */
  get heavy() { return this.msPerEpoch >= SLICE_EPOCH_MS && guessMsPerEpoch(this.net) >= SLICE_GUESS_MS; }

  /* Part of an epoch, when not even one fits in the time left and it takes
     SLICE_EPOCH_MS or more (a wide, deep network: one epoch of 8 x 64 takes
     several ms; a shorter one runs whole, one epoch at least): the phases that fit,
     at the measured cost per epoch; the next frame goes on from there. At
     most n epochs complete, each with its loss from training (no onLoss:
     the loss of the parameters reached costs a pass over all the data). */
  trainSlice(n, left, now) {
    const net = this.net, per = net.phasesPerEpoch;
    const phases = Math.max(1, Math.floor(left * SLICE_SHARE * per / this.msPerEpoch));
    const e0 = net.epoch, test = net.testPointCount > 0 ? this.testLosses : undefined;
    const most = Math.min(n, LOSS_BUFFER, net.maxStepEpochs);
    const r = net.stepPhases(phases, most, this.losses, test);
    const ran = r.epoch - e0;
    // Timed only if every phase asked for ran (the call stops early once `most` epochs are done).
    if (ran < most) addTiming(this, phases / per, this.clock() - now, this.net);
    this.on.onLosses(e0, this.losses, ran, test || null);
    if (r.diverged) this.diverge({ epoch: r.epoch, loss: net.loss, diverged: true });
    return ran;
  }

  /* Ends an epoch left part-way by trainSlice, so a paused network is at an
     epoch's end as Step and Step phase expect. */
  finishEpoch() {
    if (this.net && !this.diverged && this.net.epochUnderWay) this.trainChunks(1, Infinity);
  }

  diverge(r) {
    this.diverged = true;
    this.playing = false;
    this.on.onDiverged(r);
  }

  /* A frame's training while playing: the speed's epochs (plus those of a
     frame a client took) when `trainNow`, else they wait. Returns the
     epochs run. Of those the budget leaves, up to `speed` wait for the next
     frame, which catches up if its budget allows (a collection or a slow
     frame need not lower the rate); the rest are dropped. */
  frameTrain(now, t0, trainNow, speed) {
    if (!this.playing || this.diverged) return 0;
    // Skipped frames are made up only while the budget keeps up: after a
    // frame it cut short, the machine is busy, and more work would only
    // lose more frames.
    const seen = this.framesSince(now), frames = this.lastCut ? 1 : seen;
    this.carry += speed * frames;
    this.counts.skipped += frames - 1;
    if (this.stopAt > 0) this.carry = Math.min(this.carry, this.stopAt - this.net.epoch);
    const capped = Math.max(0, this.epochCap - this.net.epoch);
    if (this.carry > capped) { this.carry = capped; this.rate.cut = true; }
    this.counts.played++;
    if (!trainNow) this.counts.shared++;
    const trained = trainNow ? this.trainDue(t0, speed) : 0;
    if (!this.diverged) this.trackRate(now, trained, speed, seen);
    if (this.stopAt > 0 && !this.diverged && this.net.epoch >= this.stopAt) {
      this.playing = false;
      this.on.onStopped(this.net.epoch);
    }
    return trained;
  }

  /* Display frames since the last played one: 1, or up to 1 + CATCH_UP_FRAMES
     when the browser skipped some (a frame interval about twice the usual
     one), so the speed stays epochs per display frame shown or not. The usual
     interval is the median of the last INTERVALS_KEPT (16.7 ms at 60 Hz,
     8.3 at 120); until three are known, or after a gap over RESUMED_MS, 1. */
  framesSince(now) {
    const fc = this.frameClock, dt = now - fc.last;
    fc.last = now;
    if (!(dt > 0) || dt > RESUMED_MS) return 1;
    fc.intervals.push(dt);
    if (fc.intervals.length > INTERVALS_KEPT) fc.intervals.shift();
    if (fc.intervals.length < 3) return 1;
    const sorted = fc.intervals.slice().sort((a, b) => a - b), usual = sorted[sorted.length >> 1];
    return Math.min(1 + CATCH_UP_FRAMES, Math.max(1, Math.round(dt / usual)));
  }

  trainDue(t0, speed) {
    const due = Math.floor(this.carry), c = this.counts;
    if (due === 0) return 0;
    this.carry -= due;
    const done = this.trainChunks(due, t0 + this.trainBudget);
    this.lastCut = done < due && !this.diverged;
    if (this.lastCut) {
      // An epoch left part-way goes on next frame, even below 1 epoch a frame.
      this.carry = Math.min(due - done, Math.max(speed, this.net.epochUnderWay ? 1 : 0));
      c.budgetCuts++;
      this.rate.cut = true;
    }
    if (done > 0) {
      c.trained++;
      c.epochs += done;
      c.minEpochs = Math.min(c.minEpochs, done);
      c.maxEpochs = Math.max(c.maxEpochs, done);
    }
    return done;
  }

  /* The rate reached, reported when the budget cut frames short enough to
     matter (or a compare network's pace held them back: epochCap): epochs
     per display frame over the last REACHED_INTERVAL_MS or more. */
  trackRate(now, trained, speed, frames) {
    const rate = this.rate;
    rate.frames += frames; // display frames, skipped ones too: the speed is per display frame
    rate.epochs += trained;
    if (now - rate.start < REACHED_INTERVAL_MS) return;
    if (rate.start > -Infinity) {
      const perFrame = rate.epochs / rate.frames;
      this.on.onReached(rate.cut && perFrame < REACHED_SHOWN * speed ? perFrame : null, rate.epochs * 1000 / (now - rate.start));
    }
    Object.assign(rate, { start: now, frames: 0, epochs: 0, cut: false });
  }

  resetRate() {
    Object.assign(this.rate, { start: -Infinity, frames: 0, epochs: 0, cut: false });
    this.on.onReached(null, null);
  }

  /* Starts or stops playing; false if nothing changed. */
  setPlaying(v) {
    if (this.playing === v || (v && this.diverged)) return false;
    // At or past the stop epoch Play stays stopped until the setting changes.
    if (v && this.stopAt > 0 && this.net.epoch >= this.stopAt) { this.on.onStopped(this.net.epoch); return false; }
    this.playing = v;
    this.carry = 0;
    this.frameClock.last = -Infinity;
    this.lastCut = false;
    if (!v) this.finishEpoch();
    this.resetRate();
    return true;
  }

  /* Speed changed: what was carried over no longer applies. */
  speedChanged() { this.carry = 0; this.frameClock.last = -Infinity; this.lastCut = false; this.resetRate(); }

  /* One epoch, as the Step button does: the result of net.step(1). */
  stepOne() {
    const r = this.net.step(1);
    if (r.diverged) this.diverge(r);
    return r;
  }

  /* A phase stepped elsewhere diverged the run. */
  markDiverged(r) { if (!this.diverged) this.diverge(r); }

  /* Tests: a fixed training budget per frame in ms (0 leaves each frame one
     chunk of one epoch); undefined: the panel's, which follows the drawing
     time (frame-budget.js). */
  setTrainBudget(ms) { this.fixedBudget = ms; this.trainBudget = ms === undefined ? TRAIN_BUDGET_MS : ms; }
}

/* session.js: the panel's training session. It owns the network (built
   from the settings: same seed, same run), whether it is playing, and the
   training done in frames: each frame adds the speed's epochs to a carry
   and trains them in a few chunks, each sized from the time the last ones
   took, until they are done or the frame's training budget is spent (the
   rest are dropped, and the rate really reached is reported). It knows
   nothing of the DOM: what it trains goes to its callbacks.

     const s = createSession(core, {
       onLosses(e0, losses, count),   // each epoch's training loss, from e0
       onLoss(epoch, loss),           // the loss of the parameters reached
       onDiverged({ epoch, loss }),
       onReached(perFrame | null),    // epochs per frame reached, when short
     }); */

const TRAIN_BUDGET_MS = 6;        // training per frame; the rest of the speed is dropped
const CHUNK_SHARE = 0.6;          // a chunk aims at this share of the budget left
const LOSS_BUFFER = 4096;         // epochs per chunk at most: one loss each for the chart
const REACHED_INTERVAL_MS = 500;  // the rate reached is reported at most twice a second
const REACHED_SHOWN = 0.97;       // ... when below this share of the speed

export function createSession(core, on, clock = () => performance.now()) {
  let net = null, playing = false, diverged = false, carry = 0;
  let trainBudget = TRAIN_BUDGET_MS, msPerEpoch = 0.05;
  const losses = new Float64Array(LOSS_BUFFER);
  const rate = { start: -Infinity, frames: 0, epochs: 0, cut: false };
  // Frames played, frames that trained, epochs, frames the budget cut short,
  // the fewest and most epochs a frame trained, frames left to a client.
  const counts = {};
  resetCounts();

  function resetCounts() {
    Object.assign(counts, { played: 0, trained: 0, epochs: 0, budgetCuts: 0, minEpochs: Infinity, maxEpochs: 0, shared: 0 });
  }

  /* A new network (the old one is destroyed); pauses. */
  function build(options) {
    playing = false;
    if (net) net.destroy();
    net = null;
    net = core.createNetwork(options);
    diverged = false;
    carry = 0;
    resetRate();
    return net;
  }

  /* Trains up to n epochs, reporting every epoch's loss (from the epoch's
     own forward pass: losses[i] is the loss at epoch e0 + i), then the loss
     of the parameters reached. Each chunk aims at CHUNK_SHARE of the time
     left before `deadline` at the measured cost per epoch; at least one
     epoch runs. Stops when the run diverges or the deadline passes; returns
     the epochs run. */
  function trainChunks(n, deadline) {
    let done = 0;
    while (done < n) {
      const now = clock(), left = deadline - now;
      if (done > 0 && left <= 0) break;
      const k = Math.max(1, Math.min(n - done, LOSS_BUFFER, Math.floor(left * CHUNK_SHARE / msPerEpoch)));
      const e0 = net.epoch;
      const r = net.step(k, losses);
      const ran = r.epoch - e0, took = clock() - now;
      // The clock ticks in 0.1 ms here: estimate only from chunks it can time.
      if (ran > 0 && took >= 0.5) msPerEpoch = 0.5 * msPerEpoch + 0.5 * (took / ran);
      on.onLosses(e0, losses, ran);
      done += ran;
      if (r.diverged) { diverge(r); break; }
      on.onLoss(r.epoch, r.loss);
    }
    return done;
  }

  function diverge(r) {
    diverged = true;
    playing = false;
    on.onDiverged(r);
  }

  /* A frame's training while playing: the speed's epochs (plus those of a
     frame a client took) when `trainNow`, else they wait. Returns the
     epochs run; those the budget leaves are dropped. */
  function frameTrain(now, t0, trainNow, speed) {
    if (!playing || diverged) return 0;
    carry += speed;
    counts.played++;
    if (!trainNow) counts.shared++;
    const trained = trainNow ? trainDue(t0) : 0;
    if (!diverged) trackRate(now, trained, speed);
    return trained;
  }

  function trainDue(t0) {
    const due = Math.floor(carry);
    if (due === 0) return 0;
    carry -= due;
    const done = trainChunks(due, t0 + trainBudget);
    if (done < due && !diverged) {
      carry = 0;
      counts.budgetCuts++;
      rate.cut = true;
    }
    if (done > 0) {
      counts.trained++;
      counts.epochs += done;
      counts.minEpochs = Math.min(counts.minEpochs, done);
      counts.maxEpochs = Math.max(counts.maxEpochs, done);
    }
    return done;
  }

  /* The rate reached, reported when the budget cut frames short enough to
     matter: epochs per played frame over the last REACHED_INTERVAL_MS or more. */
  function trackRate(now, trained, speed) {
    rate.frames++;
    rate.epochs += trained;
    if (now - rate.start < REACHED_INTERVAL_MS) return;
    if (rate.start > -Infinity) {
      const perFrame = rate.epochs / rate.frames;
      on.onReached(rate.cut && perFrame < REACHED_SHOWN * speed ? perFrame : null);
    }
    Object.assign(rate, { start: now, frames: 0, epochs: 0, cut: false });
  }

  function resetRate() {
    Object.assign(rate, { start: -Infinity, frames: 0, epochs: 0, cut: false });
    on.onReached(null);
  }

  return {
    build, trainChunks, frameTrain, resetRate,
    get net() { return net; },
    get playing() { return playing; },
    get diverged() { return diverged; },
    /* Starts or stops playing; false if nothing changed. */
    setPlaying(v) {
      if (playing === v || (v && diverged)) return false;
      playing = v;
      resetRate();
      return true;
    },
    /* Speed changed: what was carried over no longer applies. */
    speedChanged() { carry = 0; resetRate(); },
    /* One epoch, as the Step button does: the result of net.step(1). */
    stepOne() {
      const r = net.step(1);
      if (r.diverged) diverge(r);
      return r;
    },
    /* A phase stepped elsewhere diverged the run. */
    markDiverged(r) { if (!diverged) diverge(r); },
    counts,
    resetCounts,
    get trainBudget() { return trainBudget; },
    /* Tests: the training budget per frame in ms (TRAIN_BUDGET_MS by default);
       0 leaves each frame one chunk of one epoch. */
    setTrainBudget(ms) { trainBudget = ms === undefined ? TRAIN_BUDGET_MS : ms; },
  };
}

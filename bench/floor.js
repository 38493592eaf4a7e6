/* floor.js: what a training epoch cannot go below while it computes the same
   float64 operations (the training bits are pinned), from its parts timed
   alone in wasm in the same run as the epoch itself (bench/epoch_floor.c,
   built by make bench as build/epoch-floor.js).

   floor = multiply-adds / measured f64x2 peak
         + hidden activation and derivative (layers.c's own loops)
         + softmax and cross-entropy (likewise)
   The first term is ideal (every multiply-add at the peak, no loads,
   stores or loop overhead); the other two run the training's own code. The
   parts are separate loops over whole arrays, one waiting on the other's
   results, so they overlap little and their sum is what the epoch costs
   with nothing else in it. Gather, bias sums and the update are left out. */
'use strict';

const path = require('path');
const fs = require('fs');

const JS_FILE = path.join(__dirname, '..', 'build', 'epoch-floor.js');
const ACTIVATIONS = { sigmoid: 0, tanh: 1, relu: 2, linear: 3 };
const PEAK_ROUNDS = 1e6;          // x 16 multiply-adds per call

/* The floor module, or null if make bench has not built it. */
async function loadFloor() {
  if (!fs.existsSync(JS_FILE)) return null;
  const factory = require(JS_FILE);
  return factory({ wasmBinary: fs.readFileSync(JS_FILE.replace(/\.js$/, '.wasm')) });
}

/* Multiply-adds of one full-batch epoch of `layers` on n points: the
   forward sums and the weight gradients of every layer, and the error sent
   back through every layer but the first (its input needs none). */
function epochMultiplyAdds(layers, n) {
  let forward = 0, back = 0;
  for (let l = 1; l < layers.length; l++) {
    forward += layers[l - 1] * layers[l];
    if (l > 1) back += layers[l - 1] * layers[l];
  }
  return n * (2 * forward + back);
}

/* Timing jobs for the floor's parts of case c (see bench.js CASES), to be
   interleaved with the epoch's own (bench.js bestRates), and result(rates)
   turning their rates into microseconds per epoch. */
function floorJobs(floor, c) {
  const layers = c.layers, K = layers[layers.length - 1], n = c.points;
  const hidden = layers.slice(1, -1).reduce((a, b) => a + b, 0);
  if (floor._floor_init(hidden, K, n) !== 0) throw new Error('bench: the floor module ran out of memory');
  const act = ACTIVATIONS[c.activation];
  const jobs = [
    { reset: () => {}, run: () => floor._floor_peak(PEAK_ROUNDS), chunk: PEAK_ROUNDS },
    { reset: () => {}, run: (e) => floor._floor_activation(e, act), chunk: 50 },
    { reset: () => {}, run: (e) => floor._floor_softmax(e), chunk: 50 },
  ];
  const result = ([peakRounds, actEpochs, softEpochs]) => {
    const macs = epochMultiplyAdds(layers, n), peak = peakRounds * 16;
    const r = { macs, peak, macUs: macs / peak * 1e6, actUs: 1e6 / actEpochs, softUs: 1e6 / softEpochs, hidden, K };
    r.floorUs = r.macUs + r.actUs + r.softUs;
    return r;
  };
  return { jobs, result };
}

/* Prints the floor beside the epoch measured in the same run (r: the case's
   result from bench.js, with r.floor set). */
function printFloor(r) {
  const f = r.floor, epochUs = 1e6 / r.wasmEps, refUs = 1e6 / r.refEps;
  const line = (what, us) => console.log(`  ${what.padEnd(64)} ${us.toFixed(1).padStart(7)} us`);
  console.log(`\nEpoch floor, ${r.label} (wasm, each part timed alone in this run):`);
  line(`${f.macs.toLocaleString('en-US')} multiply-adds at the f64x2 peak, ${(f.peak / 1e9).toFixed(2)} G/s`, f.macUs);
  line(`hidden activation and derivative, ${(f.hidden * r.points).toLocaleString('en-US')} values`, f.actUs);
  line(`softmax and cross-entropy, ${r.points} points x ${f.K} classes`, f.softUs);
  line('floor (their sum)', f.floorUs);
  line(`the epoch, measured above (floor / epoch = ${(100 * f.floorUs / epochUs).toFixed(0)}%)`, epochUs);
  line('the JS reference\'s epoch, measured above', refUs);
  console.log(`  -> the highest training ratio this floor allows: ${(refUs / f.floorUs).toFixed(1)}x` +
    ` (measured ${(r.wasmEps / r.refEps).toFixed(1)}x)`);
}

module.exports = { loadFloor, floorJobs, printFloor, epochMultiplyAdds };

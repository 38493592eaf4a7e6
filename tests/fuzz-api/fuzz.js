// A seeded fuzzer of the Node API: random calls of every method
// and setter, with valid and hostile arguments, checking the wrapper's
// promises after each one:
//   1. a call throws only Errors, and each message names a field (FIELD);
//   2. nothing invalid is accepted silently: a call given a value the limits
//      refuse (or one that is no number at all) must throw;
//   3. predict, predictGrid, unitGrids and getParams hold no NaN or Infinity
//      (diverged or not: a diverged run keeps finite parameters), and step's
//      loss is finite unless the run diverged;
//   4. the module stays usable (a probe network trains every 1000 calls);
//   5. after it all, a fresh network is bit-identical to one made in a new
//      process.
// Usage: node tests/fuzz-api/fuzz.js [calls=100000] [seed=1]. Prints the seed,
// the call counts by method and outcome, and exits 1 on the first broken
// promise (with the seed and call number that reproduce it).
'use strict';
const path = require('node:path');
const { mulberry32 } = require('../lib/mulberry32.js');
const { execFileSync } = require('node:child_process');

const ROOT = path.join(__dirname, '..', '..');
const api = require(ROOT);

// A message naming a field: "<field> must ...", "<field>[i] must ...",
// "unknown option \"k\"", the wrapper's few fixed sentences, or a call's
// name before "reading an argument threw".
const FIELD = new RegExp([
  '^(saved run: )?(config\\.)?[A-Za-z][\\w$]*(\\[\\d+\\])?( \\([^)]*\\))?(\\*[\\w*]+)? (must|repeats) ',
  '^number of (test )?points must ', '^unknown (option|setting) "', '^this network was destroyed',
  '^out of memory: \\w+', '^\\w+: reading an argument threw ', '^dataset \'\\w+\' needs ',
  '^the network has no data', '^addPoint needs ', '^line \\d+', '^testFraction ', '^a confusion matrix needs ',
].join('|'));

/* Fractions in [0, 1) from the shared mulberry32 (tests/lib/mulberry32.js). */
function rng(seed) {
  const next = mulberry32(seed);
  return () => next() / 4294967296;
}

// Values that are never a valid number (nor a valid name, array or options object).
function hostileValues() {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return [
    null, true, false, '1', '', [1], { valueOf: () => 1 }, { toString() { throw 42; } }, Symbol('s'), 10n,
    Object.create(null), proxy, NaN, Infinity, -Infinity, new Date(0), () => 1,
    new Proxy([1, 2], { get(t, k) { if (k === 'length') throw new Error('trap'); return Reflect.get(t, k); } }),
  ];
}

function runFuzz({ calls = 100000, seed = 1 } = {}) {
  return api.loadCore().then((core) => fuzzLoop(core, calls, seed));
}

function fuzzLoop(core, calls, seed) {
  const R = rng(seed);
  const int = (lo, hi) => lo + Math.floor(R() * (hi - lo + 1));
  const pick = (a) => a[Math.floor(R() * a.length)];
  const HOSTILE = hostileValues();
  const counts = {};
  const nets = [];
  let call = 0;
  const GRID = () => {
    const s = R() < 0.2 ? 1e6 : 3; // the coordinates' limit, sometimes
    return { xMin: -s, xMax: s, yMin: -s, yMax: s, width: int(1, 24), height: int(1, 24) };
  };

  function broken(what, detail) {
    const e = new Error(`fuzz seed ${seed}, call ${call}: ${what}: ${detail}`);
    e.fuzz = true;
    throw e;
  }

  /* Valid createNetwork options of a random shape (2 raw inputs, or features). */
  function validOptions() {
    const linear = R() < 0.25;
    const K = linear ? 1 : pick([2, 4, 2, 3, 8]);
    const hidden = Array.from({ length: int(0, 3) }, () => int(1, 12));
    const o = { layers: [2, ...hidden, K], output: linear ? 'linear' : 'softmax', seed: int(0, 1000) };
    if (linear) o.dataset = pick(['none', 'plane', 'multigauss']);
    else if (K === 4) o.dataset = pick(['quadrants', 'gauss', 'none']);
    else if (K === 2) o.dataset = pick(['xor', 'circle', 'spiral', 'moons', 'none']);
    else o.dataset = pick(['gauss', 'spiral', 'none']);
    if (o.dataset !== 'none') o.points = int(10, 200);
    if (o.dataset !== 'none' && o.dataset !== 'quadrants' && R() < 0.3) o.testFraction = 0.2;
    if (!linear && ['gauss', 'spiral'].includes(o.dataset) && K !== 4) o.classes = K;
    if (o.dataset === 'gauss' && K === 4) o.classes = 4;
    if (R() < 0.3) o.activation = pick(['sigmoid', 'tanh', 'relu', 'linear']);
    if (R() < 0.3) o.learningRate = pick([0.01, 0.1, 1, 10, 1e4]);
    if (R() < 0.2) o.optimizer = pick(['sgd', 'momentum', 'adam']);
    if (R() < 0.2) o.batchSize = int(0, 16);
    if (R() < 0.15) { o.features = ['x1', 'x2', 'x1*x2']; o.layers[0] = 3; }
    return o;
  }

  /* A numeric array of n values in [-s, s], as an Array or a typed array. */
  function numbers(n, s) {
    const a = Array.from({ length: n }, () => (R() * 2 - 1) * s);
    return R() < 0.5 ? a : Float64Array.from(a);
  }

  /* Copies array a with element i replaced by a hostile value (always invalid). */
  function spoil(a) {
    const b = Array.from(a);
    if (b.length === 0) return [pick(HOSTILE)];
    b[int(0, b.length - 1)] = pick(HOSTILE);
    return b;
  }

  function finite(name, a) {
    for (let i = 0; i < a.length; i++) if (!Number.isFinite(a[i])) broken(name, `output ${i} is ${a[i]}`);
  }

  // Each action: (net) => { invalid: whether the call must throw, run: () => result, check(result) }.
  const ACTIONS = {
    create() {
      const o = validOptions();
      const r = R();
      if (r < 0.15) {
        const key = pick(Object.keys(o));
        o[key] = pick(HOSTILE.filter((v) => !(key === 'features' && v === null))); // features: null is valid
        return { invalid: true, run: () => core.createNetwork(o), desc: key };
      }
      if (r < 0.2) { // an own key (assigning "__proto__" would set the prototype instead)
        Object.defineProperty(o, pick(['learningrate', '__proto__', 'colour']), { value: 1, enumerable: true });
        return { invalid: true, run: () => core.createNetwork(o) };
      }
      if (r < 0.25) return { invalid: true, run: () => core.createNetwork(pick([new Date(0), [], 'x', 5, HOSTILE[11], JSON.parse('{"__proto__": {}}')])) };
      if (r < 0.3) return { invalid: true, run: () => core.createNetwork({ ...o, learningRate: pick([0, -1, 2e6, NaN]) }) };
      return { invalid: false, run: () => core.createNetwork(o), check: (net) => { if (nets.length >= 4) nets.shift().destroy(); nets.push(net); } };
    },
    restore(net) {
      const run = JSON.parse(JSON.stringify(net));
      if (R() < 0.3) {
        const key = pick(['params', 'x', 'perm', 'rng', 'm']);
        if (run[key].length > 0) { run[key] = spoil(run[key]); return { invalid: true, run: () => core.restoreNetwork(run) }; }
      }
      return { invalid: false, run: () => core.restoreNetwork(run), check: (b) => { finite('restore params', b.getParams()); b.destroy(); } };
    },
    step(net) {
      if (R() < 0.3) return { invalid: true, run: () => net.step(pick([...HOSTILE, 0, -1, 1.5, 2e6])) };
      const e = int(1, 20);
      return {
        invalid: false,
        run: () => (net.pointCount > 0 ? net.step(e, R() < 0.3 ? new Float64Array(e) : undefined) : null),
        check: (r) => { if (r && !r.diverged && !Number.isFinite(r.loss)) broken('step', `loss ${r.loss} while not diverged`); },
      };
    },
    predict(net) {
      const p = numbers(2 * int(1, 30), R() < 0.2 ? 1e6 : 3);
      if (R() < 0.3) return { invalid: true, run: () => net.predict(spoil(p)) };
      return { invalid: false, run: () => net.predict(p), check: (o) => finite('predict', o) };
    },
    predictGrid(net) {
      const g = GRID();
      if (R() < 0.3) { g[pick(Object.keys(g))] = pick(HOSTILE); return { invalid: true, run: () => net.predictGrid(g) }; }
      return { invalid: false, run: () => net.predictGrid(g), check: (o) => finite('predictGrid', o) };
    },
    unitGrids(net) {
      const g = GRID();
      if (R() < 0.3) { g[pick(Object.keys(g))] = pick(HOSTILE); return { invalid: true, run: () => net.unitGrids(g) }; }
      return { invalid: false, run: () => net.unitGrids(g), check: (o) => finite('unitGrids', o) };
    },
    setParams(net) {
      // Mostly small steps; sometimes parameters up to the limit (1e12), so
      // outputs overflow float32 (grids clamp) and training diverges.
      const big = R() < 0.1 ? (R() < 0.5 ? 1e12 : 10 ** int(3, 11)) : 0;
      const p = net.getParams().map((v) => (big ? (R() * 2 - 1) * big : v + (R() - 0.5) * 0.1));
      const r = R();
      if (r < 0.3) return { invalid: true, run: () => net.setParams(spoil(p)) };
      if (r < 0.4) return { invalid: true, run: () => net.setParams(p.slice(1)) };
      if (r < 0.45) return { invalid: true, run: () => net.setParams(pick(HOSTILE)) };
      return { invalid: false, run: () => net.setParams(R() < 0.5 ? p : Array.from(p)), check: () => finite('getParams', net.getParams()) };
    },
    setData(net) {
      const n = int(1, 40), K = net.outputs, linear = net.output === 'linear';
      const x = numbers(2 * n, 3), y = linear ? numbers(n * K, 2) : Array.from({ length: n }, () => int(0, K - 1));
      const r = R();
      if (r < 0.2) return { invalid: true, run: () => net.setData({ x: spoil(x), y }) };
      if (r < 0.4) return { invalid: true, run: () => net.setData({ x, y: spoil(y) }) };
      if (r < 0.45) return { invalid: true, run: () => net.setData(pick(HOSTILE)) };
      return { invalid: false, run: () => net.setData({ x, y }, R() < 0.2 ? 'test' : 'train') };
    },
    addPoint(net) {
      const linear = net.output === 'linear', t = linear ? R() : int(0, net.outputs - 1);
      const args = [R() * 2 - 1, R() * 2 - 1, t];
      if (R() < 0.35) {
        const i = int(0, 2);
        args[i] = pick(HOSTILE.filter((v) => !(i === 2 && linear && v === HOSTILE[5]))); // [1]: a valid target
        return { invalid: true, run: () => net.addPoint(...args), desc: `argument ${i}` };
      }
      return { invalid: net.pointCount >= 10000 ? undefined : false, run: () => net.addPoint(...args) };
    },
    removePoint(net) {
      if (R() < 0.3 || net.pointCount === 0) return { invalid: true, run: () => net.removePoint(pick([...HOSTILE, -1, net.pointCount, 0.5])) };
      return { invalid: false, run: () => net.removePoint(int(0, net.pointCount - 1)) };
    },
    generateData(net) {
      if (R() < 0.4) return { invalid: true, run: () => net.generateData(pick([...HOSTILE.filter((v) => v !== HOSTILE[10]) /* Object.create(null): valid options */, { points: pick(HOSTILE) }, { noise: -1 }, { colour: 1 }])) };
      return { invalid: undefined, run: () => net.generateData({ dataset: net.output === 'linear' ? 'plane' : (net.outputs === 4 ? 'quadrants' : 'xor'), points: int(10, 100) }) };
    },
    learningRate(net) {
      const v = R() < 0.4 ? pick([...HOSTILE, 0, -1, 2e6]) : pick([0.01, 0.5, 3]);
      const before = net.learningRate;
      const invalid = !(typeof v === 'number' && v > 0 && v <= 1e6);
      return { invalid, run: () => { net.learningRate = v; }, after: () => invalid && net.learningRate !== before && broken('learningRate', 'changed by a refused value') };
    },
    setOptimizer(net) {
      if (R() < 0.4) return { invalid: true, run: () => net.setOptimizer(pick(['adam', ...HOSTILE]), pick([{ beta1: pick(HOSTILE) }, new Date(0), JSON.parse('{"__proto__": 1}'), { beta: 1 }])) };
      return { invalid: false, run: () => net.setOptimizer(pick(['sgd', 'momentum', 'adam']), { beta1: 0.8 }) };
    },
    setRegularization(net) {
      if (R() < 0.4) return { invalid: true, run: () => net.setRegularization(pick(['l1', 'l2']), pick([...HOSTILE, -1, 101])) };
      return { invalid: false, run: () => net.setRegularization(pick(['none', 'l1', 'l2']), R() * 0.01) };
    },
    read(net) { // getters and read-only methods, with valid or hostile selectors
      const which = R() < 0.3 ? pick(HOSTILE) : pick(['train', 'test']);
      const invalid = which !== 'train' && which !== 'test';
      return {
        invalid,
        run: () => [net.accuracy(which), net.output === 'softmax' ? net.confusion(which) : null, net.getData(which), net.loss, net.epoch, net.diverged,
          net.paramLayout(), net.unitLayout(), net.optimizerState(), net.toCSV(which)],
      };
    },
    layers(net) {
      const L = net.layers.length - 1, l = R() < 0.3 ? pick([...HOSTILE, -1, L + 1, 0.5]) : int(1, L);
      const invalid = !(Number.isInteger(l) && l >= 1 && l <= L);
      return { invalid, run: () => [net.activations(l), net.deltas(l), net.layerGrads(l)] };
    },
    phase(net) { return { invalid: net.pointCount > 0 ? false : undefined, run: () => net.stepPhase() }; },
    csv(net) {
      const text = net.toCSV();
      if (R() < 0.3) return { invalid: true, run: () => net.loadCSV(pick([...HOSTILE, text.replace(/\n[^\n]*$/, '\nabc,1,0\n')])) };
      return { invalid: net.pointCount > 0 ? false : undefined, run: () => net.loadCSV(text) };
    },
    extreme() { // a network whose outputs overflow float32: parameters and coordinates at their limits
      const hidden = Array.from({ length: int(2, 4) }, () => int(4, 16));
      const o = { layers: [2, ...hidden, int(1, 3)], output: 'linear', activation: pick(['linear', 'relu']), dataset: 'none' };
      const s = R() < 0.5 ? 1e6 : 3;
      return {
        invalid: false,
        run: () => {
          const net = core.createNetwork(o);
          try {
            net.setParams(new Float64Array(net.paramCount).fill(pick([1e12, -1e12, 1e9])));
            const g = { xMin: -s, xMax: s, yMin: -s, yMax: s, width: int(1, 8), height: int(1, 8) };
            return [net.predictGrid(g), net.unitGrids(g), net.predict([s, -s])];
          } finally {
            net.destroy();
          }
        },
        check: ([grid, units, p]) => { finite('predictGrid', grid); finite('unitGrids', units); finite('predict', p); },
      };
    },
    destroy(net) {
      return { invalid: false, run: () => { net.destroy(); net.destroy(); nets.splice(nets.indexOf(net), 1); }, after: () => mustThrow(() => net.epoch, 'epoch after destroy') };
    },
  };
  const NAMES = Object.keys(ACTIONS);

  function mustThrow(fn, what) {
    try { fn(); } catch (e) { return; }
    broken(what, 'accepted');
  }

  function probe() {
    const net = core.createNetwork({});
    net.step(2);
    finite('probe params', net.getParams());
    net.destroy();
  }

  const t0 = Date.now();
  for (call = 1; call <= calls; call++) {
    let name = pick(NAMES);
    if (nets.length === 0 || (name !== 'create' && R() < 0.02)) name = 'create';
    const net = nets.length ? pick(nets) : null;
    const act = ACTIONS[name](net);
    let result, error = null;
    try { result = act.run(); } catch (e) { error = e; }
    const tally = counts[name] || (counts[name] = { calls: 0, threw: 0 });
    tally.calls++;
    if (error) {
      tally.threw++;
      if (error && error.fuzz) throw error;
      if (!(error instanceof Error)) broken(name, `threw a non-Error: ${typeof error}`);
      if (!FIELD.test(error.message)) broken(name, `an error naming no field: ${JSON.stringify(error.message)}`);
      if (act.invalid === false) broken(name, `a valid call was refused: ${error.message}`);
    } else {
      if (act.invalid === true) broken(name, `an invalid call was accepted${act.desc ? ` (${act.desc})` : ''}`);
      if (act.check) act.check(result);
    }
    if (act.after) act.after();
    if (call % 1000 === 0) probe();
  }
  for (const net of nets) net.destroy();
  return { seed, calls, counts, ms: Date.now() - t0 };
}

// Parameters after 100 epochs of a fixed network, as hex.
const FINGERPRINT = `createNetwork({ layers: [2, 6, 4], activation: 'tanh', seed: 11, learningRate: 0.5 }).then((net) => {
  net.step(100); process.stdout.write(Buffer.from(net.getParams().buffer).toString('hex')); })`;

async function fingerprints() {
  const net = await api.createNetwork({ layers: [2, 6, 4], activation: 'tanh', seed: 11, learningRate: 0.5 });
  net.step(100);
  const here = Buffer.from(net.getParams().buffer).toString('hex');
  net.destroy();
  const fresh = execFileSync(process.execPath, ['-e', `require(${JSON.stringify(ROOT)}).${FINGERPRINT}`], { encoding: 'utf8' });
  return { here, fresh };
}

function summary(r) {
  const lines = Object.entries(r.counts).sort().map(([k, c]) => `  ${k.padEnd(18)} ${String(c.calls).padStart(7)} calls, ${String(c.threw).padStart(6)} threw`);
  return `fuzz-api: seed ${r.seed}, ${r.calls} calls in ${(r.ms / 1000).toFixed(1)} s\n${lines.join('\n')}`;
}

module.exports = { runFuzz, fingerprints, summary, FIELD };

if (require.main === module) {
  const calls = Number(process.argv[2] || 100000), seed = Number(process.argv[3] || 1);
  console.log(`fuzz-api: seed ${seed}, ${calls} calls (node tests/fuzz-api/fuzz.js ${calls} ${seed} reproduces)`);
  runFuzz({ calls, seed }).then(async (r) => {
    console.log(summary(r));
    const { here, fresh } = await fingerprints();
    if (here !== fresh || here.length === 0) { console.log('fuzz-api: FAIL: a fresh network differs from one in a new process'); process.exit(1); }
    console.log(`fuzz-api: a fresh network is bit-identical to one in a new process (${here.length / 16} parameters)`);
  }).catch((e) => { console.log(`fuzz-api: FAIL: ${e.message}`); process.exit(1); });
}

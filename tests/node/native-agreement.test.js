// Native C and the wasm module agree: the same networks, trained the same way,
// give the same losses to well within 1e-9 relative.
//
// tests/c/native_loss.c is built here with the system C compiler (`cc -std=c99
// -O2`, portable flags as the Makefile's) into build/, run, and its losses
// (%.17g, so they round-trip exactly) compared with the wasm module's. The core
// is written so that SIMD does not change results (fixed summation order, no
// FMA contraction either side); what may differ is libm: log (in the softmax
// loss) and log/cos/sqrt (Box-Muller, for the initial weights and the data) of
// glibc and of emscripten's musl can disagree by an ulp, which gradient descent
// then carries along. The measured differences are printed as diagnostics.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { createNetwork } = require('../..');

const ROOT = path.resolve(__dirname, '../..');
const EXE = path.join(ROOT, 'build', 'native_loss');
const TOLERANCE = 1e-9;
const EPOCHS = 100;

// Must match the configurations in tests/c/native_loss.c.
const CONFIGS = {
  'tanh-2-8-8-4': { layers: [2, 8, 8, 4], activation: 'tanh' },
  'sigmoid-2-4-4': { layers: [2, 4, 4], activation: 'sigmoid' },
};

function buildAndRun() {
  fs.mkdirSync(path.dirname(EXE), { recursive: true });
  const cc = process.env.CC || 'cc';
  // Every core file but the wasm boundary.
  const core = fs.readdirSync(path.join(ROOT, 'src')).filter((f) => f.endsWith('.c') && !f.startsWith('wasm_')) // wasm_api.c, wasm_trig.c: the wasm's only
    .map((f) => `src/${f}`);
  execFileSync(cc, ['-std=c99', '-O2', '-Isrc', 'tests/c/native_loss.c', ...core, '-o', EXE, '-lm'],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const out = execFileSync(EXE, { cwd: ROOT, encoding: 'utf8' });
  const result = {};
  for (const line of out.split('\n')) {
    if (!line) continue;
    const [kind, name, index, value] = line.split(' ');
    result[name] = result[name] || { loss: [], param: [] };
    result[name][kind][Number(index)] = Number(value);
  }
  return result;
}

function relDiff(a, b) {
  if (a === b) return 0;
  return Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b), 1e-300);
}

let nativeResults = null;
function native() {
  if (!nativeResults) nativeResults = buildAndRun();
  return nativeResults;
}

test('native_loss builds and prints every configuration', () => {
  const r = native();
  for (const name of Object.keys(CONFIGS)) {
    assert.ok(r[name], `native_loss printed nothing for ${name}`);
    assert.equal(r[name].loss.length, EPOCHS + 1, `${name}: ${r[name].loss.length} losses, want ${EPOCHS + 1}`);
    assert.ok(r[name].loss.every(Number.isFinite), `${name}: non-finite native loss`);
  }
});

for (const [name, options] of Object.entries(CONFIGS)) {
  test(`${name}: wasm and native losses agree within ${TOLERANCE} over ${EPOCHS} epochs`, async (t) => {
    const want = native()[name];
    assert.ok(want, `no native result for ${name}`);
    const net = await createNetwork(options);
    try {
      const got = [net.loss];
      for (let e = 1; e <= EPOCHS; e++) got.push(net.step(1).loss);
      assert.equal(got.length, want.loss.length, `${name}: ${got.length} wasm losses, ${want.loss.length} native`);
      let worst = 0, worstEpoch = 0, identical = 0;
      got.forEach((v, e) => {
        const d = relDiff(v, want.loss[e]);
        if (v === want.loss[e]) identical++;
        if (d > worst) { worst = d; worstEpoch = e; }
      });
      const params = net.getParams();
      let worstParam = 0, paramsIdentical = 0;
      params.forEach((v, k) => {
        worstParam = Math.max(worstParam, relDiff(v, want.param[k]));
        if (v === want.param[k]) paramsIdentical++;
      });
      t.diagnostic(`${name}: loss ${want.loss[0]} -> ${want.loss[EPOCHS]} (native); ` +
        `max relative loss difference ${worst.toExponential(3)} at epoch ${worstEpoch}; ` +
        `${identical}/${got.length} losses bit-identical; parameters after ${EPOCHS} epochs: ` +
        `max relative difference ${worstParam.toExponential(3)}, ${paramsIdentical}/${params.length} bit-identical`);
      assert.equal(params.length, want.param.length, `${name}: ${params.length} wasm parameters, ${want.param.length} native`);
      for (let e = 0; e <= EPOCHS; e++) {
        assert.ok(relDiff(got[e], want.loss[e]) < TOLERANCE,
          `${name} epoch ${e}: wasm loss ${got[e]}, native ${want.loss[e]}, relative difference ${relDiff(got[e], want.loss[e])}`);
      }
      assert.ok(want.loss[EPOCHS] < want.loss[0], `${name}: native loss did not fall (${want.loss[0]} -> ${want.loss[EPOCHS]})`);
    } finally {
      net.destroy();
    }
  });
}

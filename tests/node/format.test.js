// The core's messages without printf (src/format.c, and String(v) for the
// numbers in the wasm: limits.c, wasm_api.c). Checks that every format string
// in src/ uses only the conversions format.c writes, that the native C
// number formatting (snprintf and strtod) equals JavaScript's String(v) over
// many doubles, so the wasm's switch to String(v) changed no text, and that
// the wasm's messages carry String(v).
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const os = require('node:os');
const { execFileSync } = require('node:child_process');
const { mulberry32 } = require('../lib/mulberry32.js');
const { createNetwork, loadCore } = require('../..');

const root = path.join(__dirname, '..', '..');
const SRC = path.join(root, 'src');

test('every format string in src/ uses only %s %d %ld %u %c %%', () => {
  let calls = 0, conversions = 0;
  for (const f of fs.readdirSync(SRC).filter((n) => n.endsWith('.c'))) {
    const text = fs.readFileSync(path.join(SRC, f), 'utf8');
    for (const m of text.matchAll(/mlp__(?:fail|format)\(([^;]*?)\);/gs)) {
      calls++;
      for (const lit of m[1].matchAll(/"((?:[^"\\]|\\.)*)"/g)) {
        for (const c of lit[1].matchAll(/%(ld|.)/g)) {
          conversions++;
          assert.ok(['s', 'd', 'ld', 'u', 'c', '%'].includes(c[1]), `${f}: "%${c[1]}" in "${lit[1]}"`);
        }
      }
    }
    if (f !== 'limits.c') assert.doesNotMatch(text, /\b(v?s?n?printf|strtod)\(/, `${f} calls the C library's printf`);
  }
  assert.ok(calls >= 60, `${calls} calls of mlp__fail / mlp__format found`);
  assert.ok(conversions >= 60, `${conversions} conversions checked`);
});

// Doubles worth writing: random bit patterns, decimals of every length and
// magnitude, integers, and the neighbours of each boundary of String(v)'s
// layouts (1e21, 1e-6, 1e-7), of the powers of ten and of the extremes.
function values() {
  const next = mulberry32(20261202), out = [];
  const buf = new DataView(new ArrayBuffer(8));
  const bitsOf = (v) => { buf.setFloat64(0, v); return buf.getBigUint64(0); };
  const fromBits = (b) => { buf.setBigUint64(0, BigInt.asUintN(64, b)); return buf.getFloat64(0); };
  const around = (v) => { const b = bitsOf(v); for (let d = -3n; d <= 3n; d++) out.push(fromBits(b + d)); };
  for (let i = 0; i < 40000; i++) out.push(fromBits((BigInt(next()) << 32n) | BigInt(next())));
  for (let i = 0; i < 40000; i++) {
    const digits = 1 + (next() % 17), exp = (next() % 640) - 330;
    let s = String(1 + (next() % 9));
    for (let k = 1; k < digits; k++) s += String(next() % 10);
    out.push(Number(`${next() % 2 ? '-' : ''}${s}e${exp}`));
  }
  for (let i = 0; i < 10000; i++) out.push(next() - 2 ** 31, (next() % 100000) / 1000, next() * 2 ** 21);
  for (let e = -325; e <= 309; e++) around(Number(`1e${e}`));
  for (let e = -1074; e <= 1023; e += 7) around(2 ** e);
  for (const v of [1e21, 1e-6, 1e-7, 0.1 + 0.2, Number.MAX_VALUE, Number.MIN_VALUE, 2 ** 53, 4294967295]) around(v);
  out.push(0, -0, NaN, Infinity, -Infinity);
  return out;
}

test('the native C writes every number exactly as String(v) does', () => {
  const exe = path.join(os.tmpdir(), `print_numbers_${process.pid}`);
  const sources = fs.readdirSync(SRC).filter((n) => n.endsWith('.c') && !n.startsWith('wasm_')).map((n) => path.join(SRC, n));
  execFileSync(process.env.CC || 'cc', ['-std=c99', '-O1', `-I${SRC}`, path.join(root, 'tests/c/print_numbers.c'), ...sources, '-o', exe, '-lm']);
  try {
    const vs = values(), buf = new DataView(new ArrayBuffer(8));
    const input = vs.map((v) => { buf.setFloat64(0, v); return buf.getBigUint64(0).toString(16).padStart(16, '0'); }).join('\n');
    const lines = execFileSync(exe, { input, encoding: 'utf8', maxBuffer: 1 << 26 }).split('\n');
    assert.ok(vs.length > 100000, `${vs.length} values`);
    let bad = 0, first = '';
    vs.forEach((v, i) => {
      if (lines[i] !== String(v)) { if (!bad) first = `C "${lines[i]}", String "${String(v)}"`; bad++; }
    });
    assert.equal(bad, 0, `${bad} of ${vs.length} differ; first: ${first}`);
  } finally {
    fs.rmSync(exe, { force: true });
  }
});

test('the wasm core\'s messages carry String(v) for the number refused', async () => {
  const { module: M } = await loadCore();
  const net = await createNetwork({});
  const next = mulberry32(7);
  const vs = [-0.1, -1e-7, -1e-6, -1.5e-7, 1e21, 1.5e21, -5e-324, 1e300, 2e6, 1000000.0000000001, NaN, Infinity, -Infinity];
  for (let i = 0; i < 2000; i++) vs.push(-(next() / 2 ** (next() % 60)), 1e6 + next() * 2 ** (next() % 40));
  let checked = 0;
  for (const v of vs) {
    assert.ok(M._nn_set_learning_rate(net._ptr, v) < 0, `learning rate ${v} refused`);
    const msg = M.UTF8ToString(M._nn_error());
    assert.equal(msg, `learningRate must be a number above 0 and at most 1000000, got ${String(v)}`);
    checked++;
  }
  assert.equal(checked, 4013);
  net.destroy();
});

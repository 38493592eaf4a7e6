// The wasm's sin and cos (src/wasm_trig.c: musl's, without the reduction
// of arguments past 2^20 pi/2): bit for bit the libc ones Emscripten links
// otherwise, over that range (tests/c/trig_compare.c, built with emcc); and
// through the core, the sin(x1), sin(x2) features of points anywhere within
// the coordinate limit, +-1e6, within an ulp of JavaScript's Math.sin
// (fdlibm's older variant, which rounds differently in ~0.6% of them).
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { createNetwork, LIMITS } = require('../..');
const { mulberry32 } = require('../lib/mulberry32.js');

function values() {
  const next = mulberry32(314159), out = [];
  const uniform = () => next() / 2 ** 32;
  for (let i = 0; i < 20000; i++) out.push((uniform() * 2 - 1) * 1e6);
  for (let i = 0; i < 10000; i++) out.push((uniform() * 2 - 1) * 10);
  for (let i = 0; i < 5000; i++) out.push((uniform() * 2 - 1) * 2 ** ((next() % 60) - 50));
  // Near multiples of pi/2, where the reduction cancels most digits.
  for (let i = 0; i < 5000; i++) {
    const k = Math.floor(uniform() * 636619) * (next() % 2 ? 1 : -1);
    const x = k * (Math.PI / 2);
    out.push(x, x + x * 2 ** -52, x - x * 2 ** -52);
  }
  out.push(0, -0, 1e6, -1e6, Number.MIN_VALUE, Math.PI, -Math.PI / 2, 2 ** -26, 2 ** -27);
  return out;
}

const root = path.join(__dirname, '..', '..');

test('wasm_trig.c\'s sin and cos equal Emscripten\'s libc bit for bit below 2^20 pi/2', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trig-'));
  try {
    const env = { ...process.env, NODE_PATH: '/usr/share/nodejs' };
    const emcc = process.env.EMCC || 'emcc', js = path.join(dir, 'trig.js');
    execFileSync(emcc, ['-O3', '-msimd128', '-std=c99', '-Dsin=trig_sin', '-Dcos=trig_cos', '-c',
      path.join(root, 'src/wasm_trig.c'), '-o', path.join(dir, 'trig.o')], { env, stdio: 'pipe' });
    execFileSync(emcc, ['-O3', '-msimd128', '-sSINGLE_FILE=1', path.join(root, 'tests/c/trig_compare.c'),
      path.join(dir, 'trig.o'), '-o', js], { env, stdio: 'pipe' });
    const out = execFileSync(process.execPath, [js], { encoding: 'utf8' }).trim().split('\n');
    const m = out[out.length - 1].match(/^(\d+) values, (\d+) sin differ, (\d+) cos differ$/);
    assert.ok(m, out.join('\n'));
    assert.ok(Number(m[1]) > 7500000, `${m[1]} values compared`);
    assert.deepEqual([Number(m[2]), Number(m[3])], [0, 0], out.join('\n'));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

const ulps = (a, b) => {
  const v = new DataView(new ArrayBuffer(16));
  v.setFloat64(0, a);
  v.setFloat64(8, b);
  return Math.abs(Number(v.getBigInt64(0) - v.getBigInt64(8)));
};

test('sin(x1) and sin(x2) features are within an ulp of Math.sin within the coordinate limit', async () => {
  assert.equal(LIMITS.COORDINATE.max, 1e6, 'the coordinate limit these values stay within');
  const net = await createNetwork({ layers: [2, 4, 4], features: ['sin(x1)', 'sin(x2)'] });
  const xs = values().filter((v) => Math.abs(v) <= 1e6);
  let checked = 0, bad = 0, differ = 0, first = '';
  for (let start = 0; start < xs.length; start += 10000) {
    const chunk = xs.slice(start, start + 10000), n = Math.ceil(chunk.length / 2);
    const x = new Float64Array(2 * n);
    x.set(chunk);
    net.setData({ x, y: new Int32Array(n) });
    net.step(1);
    const a = net.activations(0), idx = net.batchIndex(), m = idx.length;
    assert.equal(m, n, 'the whole set is one batch');
    for (let q = 0; q < m; q++) {
      for (let f = 0; f < 2; f++) {
        const v = x[2 * idx[q] + f], got = a[f * m + q];
        checked++;
        if (!Object.is(got, Math.sin(v))) differ++;
        if (ulps(got, Math.sin(v)) > 1) { if (!bad) first = `sin(${v}) = ${got}, Math.sin ${Math.sin(v)}`; bad++; }
      }
    }
  }
  assert.ok(checked >= 44000, `${checked} values checked`);
  assert.equal(bad, 0, `${bad} of ${checked} are more than an ulp apart; first: ${first}`);
  assert.ok(differ < checked / 100, `${differ} of ${checked} differ from Math.sin in the last bit`);
  net.destroy();
});

#!/usr/bin/env node
// soak.js: long runs of the wasm core through the public JS API (make soak).
//
// The design promises that nothing allocates per step or per frame, so wasm
// memory stops growing once a network exists, and that destroy() gives back
// what a network took. This drives the module the way the page does for a
// long time and fails (exit status 1, a line naming the figure and its bound)
// if either promise breaks:
//   A. the default network (createNetwork(): 2-4-4 sigmoid, 200 quadrant
//      points) for 10^6 epochs in chunks of step(1000), every chunk followed
//      by a predictGrid into a reused array, as a frame of the page;
//   B. 2-8-8-8-4 tanh on the quadrants for 10^5 epochs, the same way;
//   C. 10^4 networks created, given data, trained a little, drawn, destroyed.
// Memory is sampled every few chunks after a forced GC: the module's
// HEAPU8.length (wasm linear memory) and the process RSS. After a warm-up
// (the first tenth of each part) wasm memory must not grow at all, nor the
// top of the wasm heap (a probe block's address) by more than TOP_SLACK, and
// RSS by at most RSS_SLACK_MB. Training must stay finite and not diverge.
//
//   node --expose-gc tests/soak/soak.js [--scale F] [--leak N]
// --scale multiplies every count (0.01 gives a ~10-second slice; each part
// runs at least 10 chunks or 100 networks).
// Uses only createNetwork, loadCore, step, predictGrid, predict, getParams,
// setParams, destroy and the loss/epoch/diverged getters, and of the module
// that loadCore() resolves to, HEAPU8 and its malloc/free exports (the probe).
'use strict';
const path = require('node:path');
const { createNetwork, loadCore } = require(path.join(__dirname, '..', '..'));

const RSS_SLACK_MB = 24;  // V8 and allocator noise after a forced GC; a leak of
                          // one grid (256 KB) per chunk would exceed it in part A
const TOP_SLACK = 4096;   // bytes the heap top may rise after warm-up: a page of slack
                          // for allocator rounding; a 64-byte leak per network
                          // passes it within 64 networks
const scaleArg = process.argv.indexOf('--scale');
// --leak N: leak N bytes of wasm heap per network in part C, to show that
// the checks catch a leak (the run must then fail).
const leakArg = process.argv.indexOf('--leak');
const LEAK = leakArg > 0 ? Number(process.argv[leakArg + 1]) : 0;
const SCALE = scaleArg > 0 ? Number(process.argv[scaleArg + 1]) : 1;
const GRID = { xMin: -2, xMax: 2, yMin: -2, yMax: 2, width: 128, height: 128 };

const failures = [];
const fail = (msg) => { failures.push(msg); console.log(`soak: FAIL ${msg}`); };
const mb = (bytes) => (bytes / 1048576).toFixed(1);

// A sample: wasm memory, RSS, and where a 64 KB block lands in the wasm heap.
// HEAPU8.length only moves when the heap passes its initial 16 MB, so a
// small leak would hide under it for a long time; the probe block's address
// (allocated and freed at once through the module's own malloc export)
// climbs as soon as leaked blocks push the top of the heap up.
async function sampler() {
  const M = (await loadCore()).module;
  const canProbe = typeof M._malloc === 'function' && typeof M._free === 'function';
  if (!canProbe) console.log('soak: the module exports no malloc/free: heap probe skipped');
  return () => {
    if (global.gc) global.gc();
    const probe = canProbe ? M._malloc(65536) : 0;
    if (canProbe) M._free(probe);
    return { wasm: M.HEAPU8.length, rss: process.memoryUsage().rss, top: probe };
  };
}

// Watches samples: the first after warm-up is the baseline; later ones must
// stay within the bounds. Returns { warm, last, maxWasm, maxRss }.
function watcher(name, sample) {
  const w = { name, start: sample(), warm: null, last: null, maxWasm: 0, maxRss: 0, maxTop: 0 };
  w.mark = () => { w.warm = w.last = sample(); w.maxWasm = w.warm.wasm; w.maxRss = w.warm.rss; w.maxTop = w.warm.top; };
  w.check = () => {
    const s = sample();
    w.last = s;
    w.maxWasm = Math.max(w.maxWasm, s.wasm);
    w.maxRss = Math.max(w.maxRss, s.rss);
    w.maxTop = Math.max(w.maxTop, s.top);
  };
  w.verdict = () => {
    const grewWasm = w.maxWasm - w.warm.wasm, grewRss = w.maxRss - w.warm.rss, grewTop = w.maxTop - w.warm.top;
    console.log(`soak: ${name}: heap probe at ${w.start.top} at start, ${w.warm.top} after warm-up, ` +
      `${w.last.top} at end (max ${w.maxTop})`);
    if (grewTop > TOP_SLACK) fail(`${name}: the wasm heap's top rose by ${grewTop} bytes after warm-up (bound ${TOP_SLACK})`);
    console.log(`soak: ${name}: wasm memory ${mb(w.start.wasm)} MB at start, ${mb(w.warm.wasm)} MB after ` +
      `warm-up, ${mb(w.last.wasm)} MB at end (max ${mb(w.maxWasm)}); RSS ${mb(w.start.rss)} MB at start, ` +
      `${mb(w.warm.rss)} MB after warm-up, ${mb(w.last.rss)} MB at end (max ${mb(w.maxRss)})`);
    if (grewWasm > 0) fail(`${name}: wasm memory grew by ${grewWasm} bytes after warm-up (bound 0)`);
    if (grewRss > RSS_SLACK_MB * 1048576) {
      fail(`${name}: RSS grew by ${mb(grewRss)} MB after warm-up (bound ${RSS_SLACK_MB} MB)`);
    }
  };
  return w;
}

// Probabilities of a few pixels of a grid: in [0, 1], summing to 1 (float32).
function gridOk(grid, K, where) {
  for (const p of [0, 777, grid.length / K - 1]) {
    let s = 0;
    for (let k = 0; k < K; k++) {
      const v = grid[p * K + k];
      if (!(v >= 0 && v <= 1)) return fail(`${where}: grid pixel ${p} class ${k} is ${v}, want 0..1`);
      s += v;
    }
    if (!(Math.abs(s - 1) < 1e-5)) return fail(`${where}: grid pixel ${p} sums to ${s}, want 1 +- 1e-5`);
  }
  return true;
}

// Trains one network for `epochs` in chunks of `chunk`, drawing a grid after
// each chunk like a frame of the page; every 10th chunk also predicts points,
// round-trips the parameters and draws into a fresh array.
async function trainLong(name, options, epochs, chunk, sample) {
  const net = await createNetwork(options);
  const K = net.layers[net.layers.length - 1];
  const out = new Float32Array(GRID.width * GRID.height * K);
  const losses = new Float64Array(chunk);
  const chunks = Math.max(10, Math.round(epochs / chunk));
  const w = watcher(name, sample);
  const loss0 = net.loss;
  const t0 = process.hrtime.bigint();
  for (let c = 0; c < chunks; c++) {
    const r = c % 2 ? net.step(chunk, losses) : net.step(chunk);
    if (r.diverged || !Number.isFinite(r.loss)) return fail(`${name}: chunk ${c}: loss ${r.loss}, diverged ${r.diverged}`);
    if (c % 2 && !losses.every(Number.isFinite)) return fail(`${name}: chunk ${c}: a per-epoch loss is not finite`);
    net.predictGrid(GRID, out);
    if (c % 10 === 0) {
      gridOk(out, K, `${name} chunk ${c}`);
      gridOk(net.predictGrid(GRID), K, `${name} chunk ${c} (fresh array)`);
      const p = net.predict([1, 1, -1, 1, -1, -1, 1, -1]);
      if (p.length !== 4 * K || !p.every((v) => v >= 0 && v <= 1)) fail(`${name}: chunk ${c}: predict gave ${p}`);
      net.setParams(net.getParams());
    }
    if (c === Math.floor(chunks / 10)) w.mark();
    else if (c > chunks / 10 && c % 10 === 0) w.check();
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  w.check();
  const epoch = net.epoch, loss = net.loss;
  net.destroy();
  console.log(`soak: ${name}: ${epoch} epochs in ${seconds.toFixed(1)} s (${Math.round(epoch / seconds)} epochs/s, ` +
    `${chunks} grids of ${GRID.width}x${GRID.height}); loss ${loss0.toFixed(4)} -> ${loss.toExponential(3)}`);
  if (epoch !== chunks * chunk) fail(`${name}: epoch ${epoch}, want ${chunks * chunk}`);
  if (!(loss < loss0)) fail(`${name}: loss ${loss} did not fall below its start ${loss0}`);
  w.verdict();
}

// Creates, uses and destroys `count` networks of alternating shapes.
async function churn(count, sample) {
  const shapes = [{}, { layers: [2, 8, 8, 8, 4], activation: 'tanh', points: 500 },
    { layers: [2, 16, 4], activation: 'relu', batchSize: 16, points: 100 }];
  const small = { xMin: -2, xMax: 2, yMin: -2, yMax: 2, width: 64, height: 64 };
  const w = watcher('create/destroy', sample);
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < count; i++) {
    const net = await createNetwork(Object.assign({ seed: i }, shapes[i % shapes.length]));
    net.step(5);
    const g = net.predictGrid(small);
    if (i % 100 === 0) gridOk(g, 4, `network ${i}`);
    net.predict([0.5, 0.5]);
    net.destroy();
    if (LEAK) (await loadCore()).module._malloc(LEAK);
    let threw = false;
    try { net.step(1); } catch (e) { threw = /destroyed/.test(e.message); }
    if (!threw) return fail(`network ${i}: step after destroy did not throw "destroyed"`);
    if (i === Math.floor(count / 10)) w.mark();
    else if (i > count / 10 && i % 100 === 0) w.check();
  }
  w.check();
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  console.log(`soak: create/destroy: ${count} networks (3 shapes, 5 epochs and a 64x64 grid each) in ` +
    `${seconds.toFixed(1)} s`);
  w.verdict();
}

(async () => {
  if (!global.gc) console.log('soak: run node with --expose-gc for steadier RSS figures');
  const sample = await sampler();
  const t0 = Date.now();
  await trainLong('2-4-4 sigmoid (defaults)', undefined, Math.round(1e6 * SCALE), 1000, sample);
  await trainLong('2-8-8-8-4 tanh', { layers: [2, 8, 8, 8, 4], activation: 'tanh' },
    Math.round(1e5 * SCALE), 1000, sample);
  await churn(Math.max(100, Math.round(1e4 * SCALE)), sample);
  console.log(`soak: ${failures.length ? 'FAILED' : 'passed'} in ${((Date.now() - t0) / 1000).toFixed(0)} s` +
    `${failures.length ? `: ${failures.length} problem(s)` : ''}`);
  process.exitCode = failures.length ? 1 : 0;
})().catch((e) => {
  console.log(`soak: FAIL ${e.stack}`);
  process.exitCode = 1;
});

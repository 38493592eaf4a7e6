#!/usr/bin/env node
// make-seeds.js: writes the seed inputs of tests/fuzz/corpus/ in the byte
// format that tests/fuzz/driver.c and fuzz_input.h decode, one file per
// scenario (node tests/fuzz/make-seeds.js). The seeds start the fuzzer at
// the interesting places (trained networks, divergence, mini-batches, deep
// and linear networks, both slots, every rejected argument) instead of
// making it discover a valid call sequence byte by byte.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

// ---- encoders, mirroring fuzz_input.h ----------------------------------------
const SPECIAL = { 0: 0, '-0': 1, 1: 2, '-1': 3, 0.5: 4, 0.3: 5, 10: 6, 1e6: 7, '-1e6': 8,
  1e12: 9, '-1e12': 10, 1e-300: 11, DBL_MIN: 12, DENORM: 13, DBL_MAX: 14, '-DBL_MAX': 15,
  1e300: 16, 1e-7: 17, 2: 18, 100: 19, NaN: 20, '-NaN': 21, Infinity: 22, '-Infinity': 23,
  'past1e6': 24, 'past10': 25 };
const special = (name) => {
  if (!(String(name) in SPECIAL)) throw new Error(`no special ${name}`);
  return [SPECIAL[String(name)] << 2];
};
const i16 = (v) => [v & 255, (v >> 8) & 255];
const small = (v) => [2, ...i16(Math.round(v * 1024))];      // +-32, step 1/1024
const coarse = (v) => [3, ...i16(Math.round(v * 16))];       // +-2048, step 1/16
const raw = (v) => { const b = Buffer.alloc(8); b.writeDoubleLE(v); return [1, ...b]; };
const u32 = (v) => [v & 255, (v >>> 8) & 255, (v >>> 16) & 255, (v >>> 24) & 255];
// fz_int: a valid value lo + k (k < 128), or an odd tag naming an edge.
const int = (v, lo) => { if (v - lo < 0 || v - lo > 127) throw new Error(`int ${v}`); return [(v - lo) << 1]; };
const EDGE = { below: 0, above: 1, zero: 2, minus1: 3, INT_MIN: 4, INT_MAX: 5, hi: 6, lo: 7 };
const edge = (name) => [1 | (EDGE[name] << 1)];

// ---- descriptions and ops, mirroring driver.c --------------------------------
const ACT = { sigmoid: 0, tanh: 1, relu: 2, linear: 3 };
function desc(o = {}) {
  let flags = 0;
  const out = [];
  const pick = (v, lo, table) => (typeof v === 'string' && !(table && v in table) ? edge(v) : int(table ? table[v] : v, lo));
  if (o.layers) {                        // a leading string names an edge for n_sizes
    flags |= 1;
    const edged = typeof o.layers[0] === 'string';
    const sizes = edged ? o.layers.slice(1) : o.layers;
    out.push(...(edged ? edge(o.layers[0]) : int(sizes.length, 2)));
    sizes.forEach((s) => out.push(...pick(s, 1)));
  }
  if (o.activation !== undefined) { flags |= 2; out.push(...pick(o.activation, 0, ACT)); }
  if (o.init !== undefined) { flags |= 4; out.push(...pick(o.init, 0)); }
  if (o.output !== undefined) { flags |= 8; out.push(...pick(o.output, 0)); }
  if (o.lr !== undefined) { flags |= 16; out.push(...o.lr); }
  if (o.batch !== undefined) { flags |= 32; out.push(...pick(o.batch, 0)); }
  if (o.seed !== undefined) { flags |= 64; out.push(...u32(o.seed)); }
  // the playground's fields: a second flags byte (driver.c decode_playground)
  const play = [];
  let pf = 0;
  if (o.features !== undefined) { pf |= 1; play.push((o.features & 127) << 1); }
  if (o.optimizer !== undefined) { pf |= 2; play.push(...pick(o.optimizer, 0, OPT)); }
  if (o.beta1 !== undefined) { pf |= 4; play.push(EDGES[o.beta1]); }
  if (o.beta2 !== undefined) { pf |= 8; play.push(EDGES[o.beta2]); }
  if (o.epsilon !== undefined) { pf |= 16; play.push(EDGES[o.epsilon]); }
  if (o.reg !== undefined) { pf |= 32; play.push(...pick(o.reg, 0, REG)); }
  if (o.regRate !== undefined) { pf |= 64; play.push(RATES[o.regRate]); }
  if (o.createNull) pf |= 128;
  if (pf) { flags |= 128; out.push(pf, ...play); }
  return [flags, ...out];
}
// beta1, beta2, epsilon: an edge value by name (driver.c fz_edge_or_any)
const EDGES = { 0: 0, 0.9: 1, 0.999: 2, maxBeta: 3, 1: 4, 1e-8: 5, 0.5: 6, '-0': 7, 1e-300: 8, denorm: 9, past1: 10, below1: 11 };
const RATES = { 0: 0, 1e-4: 1, 0.001: 2, 0.01: 3, 0.1: 4, 1: 5, 10: 6, 100: 7 };
const OPT = { sgd: 0, momentum: 1, adam: 2 };
const REG = { none: 0, l1: 1, l2: 2 };
const opByte = (op, slot = 0, noErr = false) => op | (slot << 4) | (noErr ? 0x60 : 0);
const op = {
  create: (o, slot = 0) => [opByte(0, slot), ...desc(o)],
  destroy: (slot = 0) => [opByte(1, slot)],
  quadrants: (n, noise, slot = 0) => [opByte(2, slot), ...n, ...noise],
  setData: (n, nulls, values, slot = 0) => [opByte(3, slot), ...n, nulls, ...values],
  step: (epochs, slot = 0, noErr = false) => [opByte(4, slot, noErr), ...epochs],
  stepLosses: (epochs, nullLosses = 0, slot = 0) => [opByte(5, slot), ...epochs, nullLosses],
  phases: (count, slot = 0) => [opByte(6, slot), count - 1],
  predict: (n, nulls, coords, slot = 0) => [opByte(7, slot), ...n, nulls, ...coords],
  grid: (b, w, h, nullOut = 0, slot = 0) => [opByte(8, slot), ...b.flat(), ...w, ...h, nullOut],
  // mode: bit 0 all values given, bit 1 NULL, bits 2-4 count (0 = exact, 4 = -1, 5 = +1, 6 = 0, 7 = -1 literal)
  setParams: (mode, values, slot = 0) => [opByte(9, slot), mode, ...values],
  lr: (v, slot = 0, noErr = false) => [opByte(10, slot, noErr), ...v],
  getters: (size, v, status, slot = 0) => [opByte(11, slot), size, ...v, ...u32(status)],
  twins: (epochs, slot = 0) => [opByte(13, slot), epochs - 1],
  // The k-th allocation (1..3) of the next call fails; kind 0 create, 1 quadrants, 2 set_data.
  nomem: (k, kind, slot = 0) => [opByte(12, slot), (k - 1) | (kind << 2)],
};
// The playground's ops (ops_play.c), op byte bit 7.
const playByte = (k, slot = 0) => 0x80 | k | (slot << 4);
const DATASETS = ['quadrants', 'xor', 'circle', 'gauss', 'spiral', 'moons', 'sine', 'cubic', 'abs', 'plane', 'multigauss'];
const play = {
  // f: bit 0 points, 1 noise (byte: < 128 a share of the largest), 2 classes, 3 test fraction (byte: < 200 one of 8), 4 NULL
  generate: (name, { points, noise, classes, test, nullDesc } = {}, slot = 0) => {
    const f = (points !== undefined) | ((noise !== undefined) << 1) | ((classes !== undefined) << 2) | ((test !== undefined) << 3) | (nullDesc ? 16 : 0);
    return [playByte(0, slot), ...int(DATASETS.indexOf(name), 0), f, ...(points !== undefined ? points : []),
      ...(noise !== undefined ? [noise] : []), ...(classes !== undefined ? classes : []), ...(test !== undefined ? [test] : [])];
  },
  addPoint: (nulls, label, values, slot = 0) => [playByte(1, slot), nulls, label, ...values],
  removePoint: (c, slot = 0) => [playByte(2, slot), c],
  optimizer: (opt, b1, b2, eps, slot = 0) => [playByte(3, slot), ...opt, EDGES[b1], EDGES[b2], EDGES[eps]],
  reg: (kind, rate, slot = 0) => [playByte(4, slot), ...kind, rate],
  penalty: (reset, slot = 0) => [playByte(5, slot), reset],
  roundTrip: (mode, slot = 0) => [playByte(6, slot), mode],
  corrupt: (edits, mode, slot = 0) => [playByte(7, slot), edits.length - 1, mode, ...edits.flat()],
  unitMaps: (b, w, h, nullOut = 0, slot = 0) => [playByte(8, slot), ...b.flat(), ...w, ...h, nullOut],
  confusion: (c, slot = 0) => [playByte(9, slot), c],
  testData: (n, nulls, values, slot = 0) => [playByte(10, slot), ...n, nulls, ...values],
  record: (epochs, nulls = 0, slot = 0) => [playByte(11, slot), ...epochs, nulls],
};
const TEST = { 0: 0, 0.1: 1, 0.25: 2, 0.5: 3, 0.9: 4, past09: 210 };
const box = (a, b, c, d) => [small(a), small(b), small(c), small(d)];
const repeat = (n, f) => Array.from({ length: n }, (_, i) => f(i)).flat();
const pts = (list) => list.map(small).flat();
const std = () => [...op.quadrants(int(128, 1), small(0.3)), ...op.step(int(4, 1))];

// ---- the seeds ----------------------------------------------------------------
const seeds = {
  'defaults-nothing': [0],
  'defaults-train-draw': [0, ...std(), ...op.grid(box(-2, 2, -2, 2), int(16, 1), int(16, 1)),
    ...op.predict(int(3, 1), 0, pts([1, 1, -1, 1, 0, 0])), ...op.getters(33, small(1.5), 0)],
  'defaults-long-run': [0, ...op.quadrants(int(100, 1), small(0.3)), ...repeat(20, () => op.step(int(4, 1))),
    ...op.stepLosses(int(4, 1)), ...op.grid(box(-3, 3, -3, 3), int(7, 1), int(5, 1))],
  'relu-diverges': [...desc({ activation: 'relu', lr: special(1e6) }), ...std(), ...repeat(6, () => op.step(int(4, 1))),
    ...op.stepLosses(int(4, 1)), ...op.phases(20), ...op.predict(int(2, 1), 0, pts([0.5, -0.5, 3, 3])),
    ...op.grid(box(-2, 2, -2, 2), int(4, 1), int(4, 1)), ...op.setParams(0, [0, ...i16(0), ...small(0.1)]),
    ...op.lr(small(0.1)), ...op.step(int(4, 1))],
  'linear-diverges': [...desc({ activation: 'linear', lr: special(100) }), ...std(), ...repeat(4, () => op.step(int(4, 1)))],
  'tanh-deep': [...desc({ layers: [2, 8, 8, 8, 4], activation: 'tanh' }), ...std(), ...op.phases(24), ...op.phases(24),
    ...op.grid(box(-2, 2, -2, 2), int(16, 1), int(16, 1)), ...op.getters(10, special(0.3), 5)],
  'max-depth-relu-he': [...desc({ layers: [8, 16, 16, 16, 16, 16, 16, 16, 16, 8], activation: 'relu', init: 2 }),
    ...op.setData(int(8, 1), 0, [...repeat(64, (i) => small((i % 7) - 3)), ...repeat(8, (i) => [i])]),
    ...op.step(int(4, 1)), ...op.predict(int(1, 1), 0, pts([1, 2, 3, 4, 5, 6, 7, 8]))],
  'linear-output-mse': [...desc({ layers: [1, 8, 1], output: 1, activation: 'tanh' }),
    ...op.setData(int(16, 1), 0, [...repeat(16, (i) => small(i / 4 - 2)), ...repeat(16, (i) => small(Math.sin(i / 4 - 2)))]),
    ...op.stepLosses(int(4, 1)), ...op.phases(10), ...op.predict(int(4, 1), 0, pts([0, 1, -1, 2])), ...op.getters(20, small(0), 0)],
  'linear-output-bad-targets': [...desc({ layers: [2, 4, 3], output: 1 }),
    ...op.setData(int(2, 1), 0, [...pts([0, 0, 1, 1]), ...special('NaN'), ...small(1), ...small(2), ...special('past1e6'), ...small(0), ...small(0)]),
    ...op.setData(int(2, 1), 4, [...pts([0, 0, 1, 1, 0, 0, 0, 0, 0, 0])]), ...op.step(int(1, 1))],
  'minibatch-phases': [...desc({ batch: 7, seed: 12345 }), ...op.quadrants(int(30, 1), small(0.5)),
    ...op.phases(24), ...op.phases(24), ...op.stepLosses(int(3, 1)), ...op.step(int(4, 1)), ...op.phases(5),
    ...op.setData(int(5, 1), 0, [...pts([1, 1, -1, 1, -1, -1, 1, -1, 0, 0]), 0, 1, 2, 3, 0]), ...op.phases(12)],
  'minibatch-of-one': [...desc({ batch: 1 }), ...op.quadrants(int(9, 1), small(0.1)), ...op.stepLosses(int(2, 1)), ...op.phases(24)],
  'two-networks': [0, ...op.create({ layers: [2, 3, 4], activation: 'relu' }, 1), ...std(),
    ...op.quadrants(int(50, 1), small(0.2), 1), ...op.step(int(4, 1), 1), ...op.grid(box(-1, 1, -1, 1), int(3, 1), int(3, 1), 0, 1),
    ...op.step(int(2, 1)), ...op.destroy(1), ...op.step(int(1, 1), 1), ...op.create({ seed: 7 }, 1), ...op.phases(7, 1)],
  // Without a network the ops read no arguments: each byte is one call on NULL.
  'null-network-calls': [0, ...op.destroy(), 2, 3, 4, 5, 6, 7, 8, 9, 10, 0x72, 0x64, ...op.create({})],
  'err-null': [0, ...op.step(edge('zero'), 0, true), ...op.lr(special('NaN'), 0, true), ...op.quadrants(int(8, 1), small(0.3)),
    ...op.step(int(2, 1), 0, true), ...op.lr(small(0.25), 0, true)],
  'create-bad-descs': [...desc({ layers: ['above', 1, 1, 1, 1, 1, 1, 1, 1, 1, 1] }),
    ...op.create({ layers: ['below', 2] }), ...op.create({ layers: [2, 'zero', 4] }), ...op.create({ layers: [2, 'hi', 4] }), ...op.create({ layers: [2, 'above', 4] }),
    ...op.create({ layers: [2, 'hi', 'above'] }), ...op.create({ activation: 'above' }), ...op.create({ init: 'minus1' }),
    ...op.create({ output: 'INT_MAX' }), ...op.create({ lr: special('NaN') }), ...op.create({ lr: special(0) }),
    ...op.create({ lr: special('past1e6') }), ...op.create({ batch: 'above' }), ...op.create({ layers: [2, 4, 1] }),
    ...op.create({ layers: [2, 4, 1], output: 1 }), ...op.create({ layers: ['hi', 8, 16, 16, 16, 16, 16, 16, 16, 16, 8] })],
  'step-bad-epochs': [0, ...op.step(int(1, 1)), ...op.quadrants(int(20, 1), small(0.3)), ...op.step(edge('zero')),
    ...op.step(edge('minus1')), ...op.step(edge('above')), ...op.step(edge('INT_MIN')), ...op.stepLosses(edge('INT_MAX')),
    ...op.stepLosses(int(3, 1), 1)],
  'quadrants-bad': [0, ...op.quadrants(edge('zero'), small(0.3)), ...op.quadrants(edge('above'), small(0.3)),
    ...op.quadrants(int(5, 1), special('NaN')), ...op.quadrants(int(5, 1), special('past10')), ...op.quadrants(int(5, 1), special(-1)),
    ...op.quadrants(int(5, 1), special(10)), ...op.create({ layers: [2, 4, 3] }), ...op.quadrants(int(5, 1), small(0.3))],
  'set-data-bad': [0, ...op.setData(int(2, 1), 0, [...pts([0, 0]), ...special('Infinity'), ...small(0), 0, 1]),
    ...op.setData(int(2, 1), 0, [...pts([0, 0, 1, 1]), 0, 250]), ...op.setData(int(2, 1), 1, [...pts([0, 0, 1, 1]), 0, 1]),
    ...op.setData(int(2, 1), 2, [...pts([0, 0, 1, 1]), 0, 1]), ...op.setData(edge('above'), 0, []),
    ...op.setData(edge('INT_MAX'), 0, []), ...op.setData(int(2, 1), 0, [...special(1e6), ...special('-1e6'), ...pts([1, 1]), 3, 2]),
    ...op.step(int(2, 1))],
  'predict-bad': [0, ...std(), ...op.predict(edge('zero'), 0, []), ...op.predict(edge('INT_MAX'), 0, []),
    ...op.predict(int(1, 1), 1, pts([0, 0])), ...op.predict(int(1, 1), 2, pts([0, 0])), ...op.predict(int(2, 1), 0, [...pts([0, 0, 0]), ...special('NaN')]),
    ...op.predict(int(1, 1), 0, [...special(1e6), ...special('-1e6')])],
  'grid-bad': [0, ...std(), ...op.grid(box(1, -1, -1, 1), int(2, 1), int(2, 1)), ...op.grid(box(-1, 1, 1, 1), int(2, 1), int(2, 1)),
    ...op.grid([special('NaN'), small(1), small(-1), small(1)], int(2, 1), int(2, 1)), ...op.grid(box(-1, 1, -1, 1), edge('above'), int(2, 1)),
    ...op.grid(box(-1, 1, -1, 1), int(2, 1), edge('INT_MIN')), ...op.grid(box(-1, 1, -1, 1), int(2, 1), int(2, 1), 1),
    ...op.grid([special('-1e6'), special(1e6), special('-1e6'), special(1e6)], int(16, 1), int(16, 1)),
    ...op.create({ layers: [3, 4, 4] }), ...op.grid(box(-1, 1, -1, 1), int(2, 1), int(2, 1))],
  'params-extreme': [...desc({ activation: 'relu', layers: [2, 16, 16, 16, 4] }), ...op.quadrants(int(40, 1), small(0.3)),
    ...op.setParams(1, repeat(16 * 3 + 16 * 17 * 2 + 17 * 4, (i) => special(i % 2 ? 1e12 : '-1e12'))),
    ...op.predict(int(2, 1), 0, [...special(1e6), ...special('-1e6'), ...special(1e6), ...special(1e6)]),
    ...op.grid([special('-1e6'), special(1e6), special('-1e6'), special(1e6)], int(4, 1), int(4, 1)), ...op.step(int(2, 1))],
  'params-bad': [0, ...std(), ...op.setParams(0, [0, ...i16(3), ...special('NaN')]), ...op.setParams(0, [0, ...i16(0), ...special(1e300)]),
    ...op.setParams(4 << 2, [0, ...i16(1), ...small(1)]), ...op.setParams(5 << 2, [0, ...i16(1), ...small(1)]),
    ...op.setParams(2, [0, ...i16(1), ...small(1)]), ...op.setParams(6 << 2, [0, ...i16(1), ...small(1)]),
    ...op.setParams(0, [0, ...i16(31), ...special('-1e12')]), ...op.step(int(3, 1))],
  'learning-rates': [0, ...op.quadrants(int(12, 1), small(0.3)), ...op.lr(special(0)), ...op.lr(special('-0')), ...op.lr(special('DENORM')),
    ...op.step(int(2, 1)), ...op.lr(special(1e6)), ...op.step(int(4, 1)), ...op.lr(special('past1e6')), ...op.lr(special('Infinity')),
    ...op.lr(raw(123.456)), ...op.step(int(1, 1))],
  'phase-then-data': [0, ...op.quadrants(int(16, 1), small(0.3)), ...op.phases(4), ...op.quadrants(int(8, 1), small(0.2)),
    ...op.phases(3), ...op.setParams(0, [0, ...i16(2), ...small(0.5)]), ...op.phases(9), ...op.stepLosses(int(2, 1))],
  'format-numbers': [0, ...[special('NaN'), special('-Infinity'), special('DENORM'), special('DBL_MAX'), raw(0.1), raw(-1 / 3),
    raw(123456789012345680000), raw(5e-324), special('-0'), raw(1e21), raw(1e-7)].map((v, i) => op.getters(i * 3, v, i - 5)).flat()],
  'sigmoid-glorot-8-inputs': [...desc({ layers: [8, 3, 5], init: 1, seed: 0xffffffff }),
    ...op.setData(int(3, 1), 0, [...repeat(24, (i) => coarse(i * 37 - 400)), 4, 0, 2]), ...op.step(int(4, 1)), ...op.phases(24),
    ...op.predict(int(2, 1), 0, repeat(16, (i) => small(i - 8)))],
  'no-hidden-layer': [...desc({ layers: [2, 4] }), ...std(), ...op.phases(8), ...op.grid(box(-2, 2, -2, 2), int(5, 1), int(3, 1))],
  'twins-full-and-mini-batch': [0, ...std(), ...op.twins(3), ...op.create({ batch: 5, activation: 'tanh' }),
    ...op.quadrants(int(23, 1), small(0.4)), ...op.phases(7), ...op.twins(3),
    ...op.create({ layers: [1, 6, 2], output: 1, batch: 4 }), ...op.setData(int(9, 1), 0, [...repeat(9, (i) => small(i - 4)),
      ...repeat(18, (i) => small((i % 5) / 2))]), ...op.twins(2), ...op.create({ activation: 'relu', lr: special(1e6) }),
    ...op.quadrants(int(40, 1), small(0.3)), ...op.twins(3)],
  'out-of-memory': [0, ...op.nomem(1, 0), ...desc({}), ...op.nomem(2, 0), ...desc({ layers: [2, 8, 4] }),
    ...op.nomem(3, 0), ...desc({}), ...op.create({}), ...op.nomem(1, 1), ...int(64, 1), ...small(0.3),
    ...op.nomem(2, 1), ...int(64, 1), ...small(0.3), ...op.quadrants(int(8, 1), small(0.3)), ...op.nomem(1, 2),
    ...int(9, 1), 0, ...pts(repeat(18, (i) => i / 9)), ...repeat(9, (i) => [i % 4]), ...op.nomem(1, 1), ...int(4, 1), ...small(0.3),
    ...op.step(int(2, 1)), 0x80 | 0, 0x80],
  'relu-minibatch-divergence': [...desc({ activation: 'relu', lr: special(1e6), batch: 3 }), ...op.quadrants(int(10, 1), small(0.3)),
    ...op.phases(24), ...op.phases(24), ...op.stepLosses(int(4, 1)), ...op.getters(5, small(0), 1)],
  // ---- the playground: datasets, features, optimisers, penalties, states ----
  ...Object.fromEntries(DATASETS.map((name, i) => {
    const lin = name === 'plane' || name === 'multigauss';
    const K = lin ? 1 : ['gauss', 'spiral'].includes(name) ? 5 : name === 'quadrants' ? 4 : 2;
    return [`generate-${name}`, [...desc({ layers: [2, 6, K], output: lin ? 1 : 0, activation: 'tanh', lr: small(0.3), batch: i % 2 ? 8 : 0 }),
      ...play.generate(name, { points: int(40 + i, 10), noise: 64 + i * 5, test: TEST[i % 2 ? 0.25 : 0.5] }),
      ...play.record(int(3, 1)), ...(lin ? [] : play.confusion(0)), ...(lin ? [] : play.confusion(1)),
      ...play.generate(name, { noise: 127, classes: lin ? [] : int(K, 2), test: TEST.past09 }),
      ...play.generate(name, { noise: 128 }), ...play.generate(name, { points: edge('below') }),
      ...play.unitMaps(box(-2, 2, -2, 2), int(4, 1), int(3, 1)), ...play.roundTrip(4)]];
  })),
  'generate-classes-and-shapes': [...desc({ layers: [2, 5, 8] }), ...play.generate('spiral', { classes: int(8, 2) }),
    ...play.generate('gauss', { classes: int(3, 2) }), ...play.generate('xor', {}), ...play.generate('plane', {}),
    ...op.create({ layers: [3, 4, 2] }), ...play.generate('moons', {}), ...play.generate('circle', { nullDesc: true }),
    ...op.create({ layers: [2, 4, 2] }), ...play.generate('circle', { points: int(10, 10), test: TEST[0.9] }), ...play.record(int(2, 1))],
  'features-adam-l2': [...desc({ layers: [5, 8, 4], features: 0b0011111, optimizer: 'adam', lr: small(0.02), reg: 'l2', regRate: 0.001 }),
    ...std(), ...op.phases(20), ...play.penalty(0), ...op.grid(box(-2, 2, -2, 2), int(6, 1), int(6, 1)),
    ...play.unitMaps(box(-2, 2, -2, 2), int(3, 1), int(3, 1)), ...op.predict(int(2, 1), 0, pts([1, 1, -1, 0.5])),
    ...play.roundTrip(8), ...op.twins(2), ...play.penalty(1)],
  'features-every-one': [...desc({ layers: [7, 6, 2], features: 127, optimizer: 'momentum', beta1: 'maxBeta' }),
    ...play.generate('circle', { test: TEST[0.25] }), ...play.record(int(4, 1)), ...play.roundTrip(12),
    ...op.create({ layers: [4, 3, 2], features: 0b1100001 }), ...op.create({ layers: [3, 3, 2], features: 0b1100001 }),
    ...play.generate('xor', {}), ...op.step(int(2, 1))],
  'optimizer-edges': [0, ...std(), ...play.optimizer(int(1, 0), 0.9, 0.999, 1e-8), ...op.step(int(3, 1)),
    ...play.optimizer(int(1, 0), 0.5, 0.999, 1e-8), ...play.optimizer(int(2, 0), 'maxBeta', 'maxBeta', 1),
    ...op.step(int(3, 1)), ...play.optimizer(int(2, 0), 1, 0.999, 1e-8), ...play.optimizer(int(2, 0), 0, 0, 'denorm'),
    ...op.step(int(2, 1)), ...play.optimizer(edge('above'), 0.9, 0.999, 1e-8), ...play.optimizer(int(0, 0), '-0', 'past1', 0.5),
    ...play.optimizer(int(2, 0), 0.9, 0.999, 0), ...play.optimizer(int(2, 0), 0.9, 0.999, 'past1'), ...play.penalty(1), ...op.phases(24)],
  'penalty-edges': [0, ...std(), ...play.reg(int(1, 0), 100), ...op.step(int(4, 1)), ...play.penalty(0), ...play.reg(int(2, 0), 176),
    ...play.reg(int(2, 0), 180), ...play.reg(edge('minus1'), 3), ...play.reg(int(2, 0), 6), ...op.stepLosses(int(4, 1)), ...play.penalty(0)],
  'points-add-remove': [...desc({ batch: 3 }), ...op.quadrants(int(6, 1), small(0.3)), ...play.addPoint(0, 2, pts([0.5, -0.5])),
    ...play.addPoint(0, 250, pts([0, 0])), ...play.addPoint(1, 1, pts([0, 0])), ...play.addPoint(0, 1, [...special('NaN'), ...small(0)]),
    ...play.removePoint(0), ...play.removePoint(6), ...play.removePoint(230), ...op.phases(10), ...play.removePoint(3),
    ...repeat(5, () => play.removePoint(0)), ...op.step(int(1, 1)), ...play.addPoint(0, 3, pts([1, 1])), ...op.step(int(2, 1)),
    ...op.create({ layers: [2, 3, 2], output: 1 }), ...play.addPoint(0, 0, pts([1, 2, 0.5, -0.5])), ...play.addPoint(2, 0, pts([1, 2])),
    ...op.stepLosses(int(2, 1)), ...play.removePoint(0), ...op.step(int(1, 1))],
  'test-set-record': [0, ...std(), ...play.testData(int(4, 0), 0, [...pts([1, 1, -1, 1, -1, -1, 1, -1]), 0, 1, 2, 3]),
    ...play.record(int(4, 1)), ...play.confusion(1), ...play.testData(int(0, 0), 7, []), ...play.record(int(2, 1), 1),
    ...play.testData(int(2, 0), 2, pts([0, 0, 1, 1])), ...play.testData(int(1, 0), 0, [...special('Infinity'), ...small(0), 0]),
    ...play.penalty(0)],
  'state-round-trips': [...desc({ batch: 4, optimizer: 'adam', seed: 99 }), ...op.quadrants(int(19, 1), small(0.3)), ...op.phases(9),
    ...play.roundTrip(0), ...play.roundTrip(1), ...play.roundTrip(2), ...play.roundTrip(16), ...op.step(int(2, 1)),
    ...play.roundTrip(12), ...op.phases(3), ...play.roundTrip(8)],
  'state-corrupted': [...desc({ batch: 5, optimizer: 'momentum' }), ...op.quadrants(int(23, 1), small(0.3)), ...op.phases(11),
    ...play.corrupt([[29, 0]], 0), ...play.corrupt([[30, 0]], 0), ...play.corrupt([[34, 3, ...raw(-5)]], 0),
    ...play.corrupt([[34, 3, ...raw(1e308)]], 0), ...op.stepLosses(int(4, 1)), ...play.corrupt([[35, 3, ...special('NaN')]], 0),
    ...play.corrupt([[33, 0]], 0), ...play.corrupt([[28, 1]], 0), ...play.corrupt([[31, 0], [30, 0]], 0), ...play.corrupt([[14, 0]], 0),
    ...play.corrupt([[18, 3, ...int(2, 1)]], 0), ...play.corrupt([[2, 0]], 2), ...play.corrupt([[0, 1]], 1), ...play.corrupt([[44, 3, ...special(1e12)]], 4),
    ...play.corrupt([[36, 3, ...special(0)], [37, 3, ...special(0)], [38, 3, ...special(0)]], 0), ...op.step(int(3, 1))],
};

const dir = path.join(__dirname, 'corpus');
fs.mkdirSync(dir, { recursive: true });
let i = 0;
for (const [name, bytes] of Object.entries(seeds)) {
  const file = path.join(dir, `${String(i++).padStart(2, '0')}-${name}`);
  fs.writeFileSync(file, Buffer.from(bytes.map((b) => b & 255)));
}
console.log(`wrote ${i} seeds to ${path.relative(process.cwd(), dir)}`);

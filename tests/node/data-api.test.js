// The data side of the Node API (web/js/core/data-api.js): generated
// datasets, the held-out test set and its metrics, point editing, CSV.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { createNetwork, DATASETS } = require('../..');

const BOX = 2.4; // MLP_DATA_BOX: a generated classification point lies in [-BOX, BOX]^2

function sameBits(a, b) {
  return a.length === b.length && Buffer.compare(Buffer.from(a.buffer, a.byteOffset, a.byteLength),
    Buffer.from(b.buffer, b.byteOffset, b.byteLength)) === 0;
}

/* createNetwork options that fit dataset row `d` with K classes. */
function fit(d, K, extra) {
  const shape = d.output === 'linear' ? { layers: [2, 6, 1], output: 'linear' } : { layers: [2, 6, K] };
  return { ...shape, dataset: d.name, ...extra };
}

function classCounts(y, K) {
  const c = new Array(K).fill(0);
  for (const k of y) c[k]++;
  return c;
}

test('the dataset table: 11 sets, 9 classification and 2 regression, quadrants first', () => {
  assert.deepEqual(DATASETS.map((d) => d.name), ['quadrants', 'xor', 'circle', 'gauss', 'spiral', 'moons',
    'sine', 'cubic', 'abs', 'plane', 'multigauss']);
  assert.equal(DATASETS.filter((d) => d.output === 'linear').length, 2);
  assert.deepEqual([DATASETS[3].minClasses, DATASETS[3].maxClasses, DATASETS[3].maxNoise], [2, 8, 0.6]);
});

test('every dataset, every K it allows: same seed same bits, another seed not; in bounds; balanced', async (t) => {
  let sets = 0;
  for (const d of DATASETS) {
    for (let K = d.minClasses; K <= d.maxClasses; K++) {
      const o = fit(d, K, { points: 203, seed: 7 });
      const [a, b, c] = [await createNetwork(o), await createNetwork(o), await createNetwork({ ...o, seed: 8 })];
      const da = a.getData(), db = b.getData(), dc = c.getData();
      assert.equal(a.pointCount, 203, `${d.name} K=${K}`);
      assert.ok(sameBits(da.x, db.x) && sameBits(da.y, db.y), `${d.name} K=${K}: same seed`);
      assert.ok(!sameBits(da.x, dc.x), `${d.name} K=${K}: seed 8 differs`);
      if (d.output === 'linear') {
        for (const v of da.x) assert.ok(v >= -2 && v <= 2, `${d.name}: x ${v} in [-2, 2]`);
        for (const v of da.y) assert.ok(v >= -1 && v <= 1, `${d.name}: target ${v} in [-1, 1]`);
      } else {
        for (const v of da.x) assert.ok(Math.abs(v) <= BOX, `${d.name}: ${v} within ${BOX}`);
        const counts = classCounts(da.y, K);
        assert.equal(counts.length, K);
        assert.ok(Math.max(...counts) - Math.min(...counts) <= 1, `${d.name} K=${K}: counts ${counts}`);
        assert.equal(counts.reduce((s, v) => s + v, 0), 203);
      }
      if (K === d.minClasses) { // no noise given: the dataset's default
        const e = await createNetwork({ ...o, noise: d.defaultNoise });
        assert.ok(sameBits(e.getData().x, da.x), `${d.name}: default noise ${d.defaultNoise}`);
        e.destroy();
      }
      [a, b, c].forEach((n) => n.destroy());
      sets++;
    }
  }
  assert.equal(sets, 1 + 1 + 1 + 7 + 7 + 1 + 1 + 1 + 1 + 1 + 1);
  t.diagnostic(`${sets} dataset/K combinations checked`);
});

/* At noise 0 each set is its clean shape (mlp_datasets.h). */
const CLEAN = {
  quadrants: (x, y, k) => x === [1, -1, -1, 1][k] && y === [1, 1, -1, -1][k],
  xor: (x, y, k) => Math.abs(x) >= 0.1 && Math.abs(y) >= 0.1 && Math.abs(x) <= 2 && (x * y > 0) === (k === 0),
  circle: (x, y, k) => (k === 0 ? Math.hypot(x, y) <= 1 + 1e-12 : Math.abs(Math.hypot(x, y) - 1.75) <= 0.25 + 1e-12),
  gauss: (x, y, k, K) => Math.abs(x - 1.5 * Math.cos(Math.PI / 4 + 2 * Math.PI * k / K)) < 1e-12 &&
    Math.abs(y - 1.5 * Math.sin(Math.PI / 4 + 2 * Math.PI * k / K)) < 1e-12,
  spiral: (x, y) => Math.hypot(x, y) >= 0.25 - 1e-12 && Math.hypot(x, y) <= 2.2 + 1e-12,
  moons: (x, y, k) => Math.abs(Math.hypot((k ? -x : x) / 1.4 + 0.5, (k ? -y : y) / 1.4 + 0.25) - 1) < 1e-12 &&
    (k ? -y : y) / 1.4 + 0.25 >= -1e-12,
  sine: (x, y, k) => (y > Math.sin(2 * x)) === (k === 1),
  cubic: (x, y, k) => (y > 0.25 * x * x * x - 0.75 * x) === (k === 1),
  abs: (x, y, k) => (y > Math.abs(x) - 1) === (k === 1),
};

test('noise 0 gives each clean shape; noise sigma moves each point by sigma times the same draw', async () => {
  for (const d of DATASETS) {
    const K = d.maxClasses, o = fit(d, K, { points: 400, seed: 3 });
    const clean = (await createNetwork({ ...o, noise: 0 })).getData();
    for (let i = 0; i < 400; i++) {
      const [x, y] = [clean.x[2 * i], clean.x[2 * i + 1]];
      if (d.name === 'plane') assert.equal(clean.y[i], 0.3 * x + 0.2 * y, `plane point ${i}`);
      else if (d.name === 'multigauss') {
        let s = 0;
        for (const [cx, cy, sg] of [[1, 1, 1], [-1, 1, -1], [-1, -1, 1], [1, -1, -1]]) s += sg * Math.exp(-((x - cx) ** 2 + (y - cy) ** 2) / 0.5);
        assert.ok(Math.abs(clean.y[i] - s) < 1e-12, `multigauss point ${i}: ${clean.y[i]} vs ${s}`);
      } else assert.ok(CLEAN[d.name](x, y, clean.y[i], K), `${d.name} point ${i} (${x}, ${y}) class ${clean.y[i]}`);
    }
    // The generators draw as many numbers whatever the noise, so (p_sigma - p_0) / sigma
    // is the same standard normal draw at two noises: its sd is 1, and it agrees.
    if (['sine', 'cubic', 'abs'].includes(d.name)) continue; // their noise moves the boundary, not the points
    const s1 = d.maxNoise / 4, s2 = d.maxNoise / 2;
    const [a, b] = [(await createNetwork({ ...o, noise: s1 })).getData(), (await createNetwork({ ...o, noise: s2 })).getData()];
    const pick = d.output === 'linear' ? 'y' : 'x';
    let sum = 0, count = 0;
    for (let i = 0; i < clean[pick].length; i++) {
      const u = (a[pick][i] - clean[pick][i]) / s1, v = (b[pick][i] - clean[pick][i]) / s2;
      if (Math.abs(a[pick][i]) >= 0.999 * (d.output === 'linear' ? 1 : BOX) || Math.abs(b[pick][i]) >= 0.999 * (d.output === 'linear' ? 1 : BOX)) continue; // clamped
      assert.ok(Math.abs(u - v) < 1e-9, `${d.name} value ${i}: ${u} at noise ${s1}, ${v} at ${s2}`);
      sum += u * u; count++;
    }
    const sd = Math.sqrt(sum / count);
    assert.ok(count > 200 && Math.abs(sd - 1) < 0.15, `${d.name}: sd of the jitter / noise ${sd} over ${count} values`);
  }
});

test('the seed\'s default data are unchanged: quadrants, 200 points, noise 0.3, all training', async () => {
  const a = await createNetwork({}), b = await createNetwork({ dataset: 'quadrants', points: 200, noise: 0.3, testFraction: 0 });
  assert.ok(sameBits(a.getData().x, b.getData().x));
  assert.equal(a.loss, 1.4220095893203373);
  assert.equal(a.testPointCount, 0);
  assert.ok(Number.isNaN(a.testLoss) && Number.isNaN(a.accuracy('test')), 'no test set: NaN');
  // The seed's path keeps its wide ranges (1 point, noise 10); a split goes through the generator's.
  assert.equal((await createNetwork({ points: 1, noise: 10 })).pointCount, 1);
});

test('test split: round(f * n) points, disjoint from training, balanced, and together the f = 0 set', async () => {
  for (const [name, K, f] of [['gauss', 3, 0.1], ['spiral', 5, 0.25], ['moons', 2, 0.9], ['plane', 1, 0.33], ['quadrants', 4, 0.5]]) {
    const d = DATASETS.find((r) => r.name === name), o = fit(d, K, { points: 203, seed: 2 });
    const net = await createNetwork({ ...o, testFraction: f });
    const all = (await createNetwork(o)).getData();
    const train = net.getData('train'), held = net.getData('test');
    const nt = Math.round(f * 203);
    assert.equal(net.testPointCount, nt, `${name} f=${f}`);
    assert.equal(net.pointCount, 203 - nt);
    assert.equal(held.x.length, 2 * nt);
    const key = (data, i) => `${data.x[2 * i]},${data.x[2 * i + 1]},${data.y[i]}`;
    const trainKeys = new Set(Array.from({ length: 203 - nt }, (_, i) => key(train, i)));
    const testKeys = Array.from({ length: nt }, (_, i) => key(held, i));
    for (const k of testKeys) assert.ok(!trainKeys.has(k), `${name}: test point ${k} also trains`);
    const union = [...trainKeys, ...testKeys].sort(), whole = Array.from({ length: 203 }, (_, i) => key(all, i)).sort();
    assert.deepEqual(union, whole, `${name}: train + test = the all-training set`);
    if (K > 1) {
      for (const s of [train, held]) {
        const c = classCounts(s.y, K);
        assert.ok(Math.max(...c) - Math.min(...c) <= 1, `${name}: class counts ${c}`);
      }
    }
  }
});

test('confusion: K x K, sums to the set size, rows are the class counts, trace / size = accuracy', async () => {
  const net = await createNetwork({ layers: [2, 8, 3], dataset: 'gauss', classes: 3, points: 300, testFraction: 0.3, learningRate: 0.5, activation: 'tanh' });
  for (const epochs of [0, 300]) {
    if (epochs) net.step(epochs);
    for (const which of ['train', 'test']) {
      const c = net.confusion(which), y = net.getData(which).y, n = y.length;
      assert.ok(c instanceof Int32Array);
      assert.equal(c.length, 9);
      assert.equal(c.reduce((s, v) => s + v, 0), n, `${which}: sum`);
      const rows = [0, 1, 2].map((t) => c[3 * t] + c[3 * t + 1] + c[3 * t + 2]);
      assert.deepEqual(rows, classCounts(y, 3), `${which}: row sums`);
      assert.equal((c[0] + c[4] + c[8]) / n, net.accuracy(which), `${which} after ${epochs} epochs`);
    }
  }
  assert.ok(net.accuracy('test') > 0.9, `gauss (3 blobs) test accuracy after 300 epochs ${net.accuracy('test')}`);
  assert.deepEqual(Array.from((await createNetwork({})).confusion('test')), new Array(16).fill(0), 'no test set: zeros');
  assert.throws(() => net.confusion('validation'), /which must be one of train, test, got "validation"/);
});

/* The loss of a set recomputed from predict(): mean cross-entropy, or the
   mean over points of the summed squared error. */
function lossFromPredict(net, data) {
  const n = data.y.length / (net.output === 'linear' ? net.outputs : 1), K = net.outputs, p = net.predict(data.x);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    if (net.output === 'linear') for (let k = 0; k < K; k++) sum += (p[i * K + k] - data.y[i * K + k]) ** 2;
    else sum -= Math.log(p[i * K + data.y[i]]);
  }
  return sum / n;
}

test('testLoss equals a plain-JS recomputation from predict(), softmax and linear', async () => {
  for (const o of [{ layers: [2, 6, 2], dataset: 'circle' }, { layers: [2, 6, 1], output: 'linear', dataset: 'multigauss', learningRate: 0.1 },
    // Every update rule refreshes the cached losses; features reach the test set too.
    { layers: [2, 6, 2], dataset: 'circle', optimizer: 'adam', learningRate: 0.03 },
    { layers: [4, 6, 2], dataset: 'circle', optimizer: 'momentum', features: ['x1', 'x2', 'x1^2', 'x2^2'] }]) {
    const net = await createNetwork({ ...o, testFraction: 0.4, activation: 'tanh' });
    for (const epochs of [0, 50]) {
      if (epochs) net.step(epochs);
      const js = lossFromPredict(net, net.getData('test'));
      assert.ok(Math.abs(net.testLoss - js) < 1e-12 * Math.max(1, js), `${o.dataset} epoch ${net.epoch}: ${net.testLoss} vs ${js}`);
      assert.ok(Math.abs(net.loss - lossFromPredict(net, net.getData())) < 1e-12, 'and the training loss');
    }
    assert.notEqual(net.testLoss, net.loss);
  }
});

test('step(n, losses, testLosses): testLosses[i] is testLoss before epoch i; training unchanged', async () => {
  const o = { layers: [2, 8, 2], dataset: 'xor', testFraction: 0.25, activation: 'tanh', learningRate: 0.5 };
  const a = await createNetwork(o), b = await createNetwork(o), c = await createNetwork(o);
  const losses = new Float64Array(20), testLosses = new Float64Array(22).fill(-1);
  a.step(20, losses, testLosses);
  c.step(20);
  for (let i = 0; i < 20; i++) {
    assert.equal(testLosses[i], b.testLoss, `epoch ${i}`);
    assert.equal(losses[i], b.loss, `epoch ${i}`);
    b.step(1);
  }
  assert.deepEqual([testLosses[20], testLosses[21]], [-1, -1], 'only the epochs run are written');
  assert.ok(sameBits(a.getParams(), c.getParams()), 'recording the test loss leaves training bit for bit the same');
  const none = await createNetwork({});
  const t = new Float64Array(3);
  none.step(3, undefined, t);
  assert.ok(t.every(Number.isNaN), 'no test set: NaN');
  assert.throws(() => a.step(5, undefined, new Float64Array(4)), /testLosses must be a Float64Array of at least 5 values, got a Float64Array of length 4/);
});

test('toCSV -> loadCSV is exact: header, both sets, labels and targets, -0 and 17-digit values', async () => {
  const src = await createNetwork({ layers: [2, 4, 3], dataset: 'spiral', points: 500, testFraction: 0.2 });
  const csv = src.toCSV();
  assert.equal(csv.split('\n')[0], 'x1,x2,label');
  assert.equal(csv.split('\n').length, 400 + 2, 'header, 400 rows, final newline');
  const dst = await createNetwork({ layers: [2, 4, 3], dataset: 'none' });
  dst.loadCSV(csv);
  dst.loadCSV(src.toCSV('test'), 'test');
  for (const which of ['train', 'test']) {
    const a = src.getData(which), b = dst.getData(which);
    assert.ok(sameBits(a.x, b.x) && sameBits(a.y, b.y), `${which} set`);
  }
  assert.equal(dst.testLoss, src.testLoss);
  // A header is optional; -0 and values needing 17 digits come back bit for bit.
  const odd = Float64Array.from([-0, 0.1 + 0.2, 1 / 3, -1e-300]);
  dst.setData({ x: odd, y: [0, 2] });
  dst.loadCSV(dst.toCSV().split('\n').slice(1).join('\n'));
  assert.ok(sameBits(dst.getData().x, odd), `${Array.from(dst.getData().x)}`);
  const lin = await createNetwork({ layers: [2, 4, 1], output: 'linear', dataset: 'plane', points: 50 });
  assert.equal(lin.toCSV().split('\n')[0], 'x1,x2,target');
  const copy = await createNetwork({ layers: [2, 4, 1], output: 'linear', dataset: 'none' });
  copy.loadCSV(lin.toCSV());
  assert.ok(sameBits(copy.getData().y, lin.getData().y));
});

test('loadCSV with { testFraction } holds out evenly spaced rows, round(f * n) of them', async () => {
  const src = await createNetwork({ layers: [2, 4, 2], dataset: 'moons', points: 101 });
  const net = await createNetwork({ layers: [2, 4, 2], dataset: 'none' });
  net.loadCSV(src.toCSV(), { testFraction: 0.3 });
  assert.deepEqual([net.pointCount, net.testPointCount], [71, 30]);
  const all = src.getData(), held = net.getData('test');
  // Row i is held out when floor((i+1) f + 1/2) > floor(i f + 1/2): rows 1, 4, 8, 11, ...
  assert.deepEqual([held.x[0], held.x[2], held.x[4]], [all.x[2], all.x[8], all.x[16]]);
  assert.throws(() => net.loadCSV('1,1,0\n', { testFraction: 0.9 }), /testFraction 0.9 of 1 row leaves no training point/);
  assert.throws(() => net.loadCSV('1,1,0\n', { testFraction: 1 }), /testFraction must be a number from 0 to 0.9, got 1/);
  assert.throws(() => net.loadCSV('1,1,0\n', 'validation'), /which must be one of train, test, got "validation"/);
});

test('a malformed CSV is refused naming line and column, and the data stay exactly as they were', async () => {
  const net = await createNetwork({ layers: [2, 4, 4], testFraction: 0.25 });
  const before = [net.getData('train'), net.getData('test')];
  const tooMany = 'x1,x2,label\n' + '0.5,0.5,1\n'.repeat(10001);
  const cases = [
    ['1,2,0\n1,2\n', /^line 2: 2 columns, expected 3 \(x1,x2,label\)$/],
    ['x1,x2,label\n1,2,0,5\n', /^line 2: 4 columns, expected 3 \(x1,x2,label\)$/],
    ['x1,x2,label\n1,2,0\n\n1,2,0\n0.5,0.5,1\n1,2,0\n1,2,0\n1,abc,0\n', /^line 8, column 2: "abc" is not a number$/],
    ['1,,0\n', /^line 1, column 2: "" is not a number$/],
    ['1,0x10,0\n', /^line 1, column 2: "0x10" is not a number$/],
    ['NaN,1,0\n', /^line 1, column 1: "NaN" is not a finite number$/],
    ['1,-Infinity,0\n', /^line 1, column 2: "-Infinity" is not a finite number$/],
    ['1e999,1,0\n', /^line 1, column 1: "1e999" is not a finite number$/],
    ['2e6,1,0\n', /^line 1, column 1: "2e6" is out of range \(from -1000000 to 1000000\)$/],
    ['1,1,4\n', /^line 1, column 3: "4" is not a class \(an integer from 0 to 3\)$/],
    ['1,1,-1\n', /^line 1, column 3: "-1" is not a class \(an integer from 0 to 3\)$/],
    ['1,1,1.5\n', /^line 1, column 3: "1.5" is not a class \(an integer from 0 to 3\)$/],
    [tooMany, /^line 10002: more than 10000 data rows$/],
    ['', /^line 1: no data rows \(expected x1,x2,label\)$/],
    ['x1,x2,label\n\n', /^line 3: no data rows \(expected x1,x2,label\)$/],
    [42, /^csv must be a string, got number$/],
  ];
  for (const [text, pattern] of cases) {
    for (const how of ['train', 'test', { testFraction: 0.5 }]) {
      assert.throws(() => net.loadCSV(text, how), { message: pattern }, `${JSON.stringify(String(text).slice(0, 30))} into ${JSON.stringify(how)}`);
      const after = [net.getData('train'), net.getData('test')];
      for (let s = 0; s < 2; s++) {
        assert.ok(sameBits(after[s].x, before[s].x) && sameBits(after[s].y, before[s].y), `set ${s} unchanged`);
      }
    }
  }
  assert.deepEqual([net.pointCount, net.testPointCount], [150, 50]);
  assert.equal(cases.length, 16);
  // Exactly 10000 rows are fine.
  net.loadCSV(tooMany.split('\n').slice(0, 10001).join('\n'));
  assert.equal(net.pointCount, 10000);
});

test('addPoint / removePoint edit the training set and training goes on on the new data', async () => {
  const net = await createNetwork({ layers: [2, 8, 2], dataset: 'none', activation: 'tanh', learningRate: 0.5 });
  assert.throws(() => net.removePoint(0), /^Error: index must be a training point, but there are none$/);
  // XOR by clicks: 4 corners x 10 points each.
  for (let i = 0; i < 40; i++) {
    const s = [[1, 1], [-1, 1], [-1, -1], [1, -1]][i % 4], r = 0.05 * (i >> 2);
    net.addPoint(s[0] * (0.5 + r), s[1] * (0.5 + r), s[0] * s[1] > 0 ? 0 : 1);
  }
  assert.equal(net.pointCount, 40);
  assert.deepEqual(Array.from(net.getData().x.subarray(78)), [0.95, -0.95]);
  net.step(300);
  assert.equal(net.accuracy(), 1, `accuracy ${net.accuracy()} on the clicked points`);
  // A wrong point, then removing it: the network trains on 41, then 40 points again.
  net.addPoint(0.7, 0.7, 1);
  assert.equal(net.getData().y[40], 1);
  assert.equal(net.accuracy(), 40 / 41);
  const third = net.getData().x.slice(6, 8);
  net.removePoint(2);
  assert.deepEqual(Array.from(net.getData().x.subarray(4, 6)), Array.from(third), 'later points move down');
  net.removePoint(39);
  assert.equal(net.pointCount, 39);
  assert.equal(net.step(10).epoch, 310);
  assert.equal(net.accuracy(), 1);
  for (const [call, message] of [
    [() => net.addPoint(0, 0, 2), 'label must be a class from 0 to 1, got 2'],
    [() => net.addPoint(0, 0, 0.5), 'label must be a class from 0 to 1, got 0.5'],
    [() => net.addPoint(0, NaN, 0), 'x[1] must be a number from -1000000 to 1000000, got NaN'],
    [() => net.addPoint('0', 0, 0), 'x must be a number, got "0"'],
    [() => net.removePoint(39), 'index must be an integer from 0 to 38, got 39'],
    [() => net.removePoint(2 ** 32), 'index must be an integer from 0 to 38, got 4294967296'],
  ]) assert.throws(call, { message });
  assert.equal(net.pointCount, 39);
  const lin = await createNetwork({ layers: [2, 4, 1], output: 'linear', dataset: 'plane', points: 10 });
  lin.addPoint(0.5, -0.5, 0.25);
  assert.deepEqual(Array.from(lin.getData().y.subarray(10)), [0.25]);
  assert.throws(() => lin.addPoint(0, 0, [1, 2]), { message: 'target must hold 1 number (outputs), got an array of length 2' });
});

test('data options: each refused with the core\'s message naming field and range', async () => {
  const cases = [
    [{ dataset: 'swirl' }, 'dataset must be one of quadrants, xor, circle, gauss, spiral, moons, sine, cubic, abs, plane, multigauss, none, got "swirl"'],
    [{ layers: [2, 4, 2], dataset: 'xor', points: 9 }, 'points must be an integer from 10 to 10000, got 9'],
    [{ layers: [2, 4, 2], dataset: 'circle', noise: 0.51 }, 'noise (circle) must be a number from 0 to 0.5, got 0.51'],
    [{ testFraction: 0.2, noise: 0.7 }, 'noise (quadrants) must be a number from 0 to 0.6, got 0.7'],
    [{ layers: [2, 4, 8], dataset: 'gauss', classes: 9 }, 'classes (gauss) must be an integer from 2 to 8, got 9'],
    [{ layers: [2, 4, 4], dataset: 'gauss', classes: 3 }, 'classes must equal the network\'s outputs (4), got 3'],
    [{ dataset: 'moons' }, 'dataset \'moons\' needs layers [2, ..., 2] with a softmax output'],
    [{ layers: [2, 4, 4], dataset: 'spiral' }, null],
    [{ dataset: 'plane' }, 'dataset \'plane\' needs layers [2, ..., 1] with a linear output'],
    [{ testFraction: 0.95 }, 'testFraction must be a number from 0 to 0.9, got 0.95'],
    [{ testFraction: '0.5' }, 'testFraction must be a number from 0 to 0.9, got "0.5"'],
  ];
  for (const [o, message] of cases) {
    if (message === null) { assert.equal((await createNetwork(o)).pointCount, 200); continue; }
    await assert.rejects(createNetwork(o), { message }, JSON.stringify(o));
  }
  const net = await createNetwork({});
  net.step(5);
  const params = net.getParams();
  assert.throws(() => net.generateData({ dataset: 'none' }), /dataset must be one of quadrants, .*multigauss, got "none"/);
  assert.throws(() => net.generateData({ dataset: 'gauss', colour: 1 }), /unknown option "colour"; known: dataset, points, noise, classes, testFraction/);
  net.generateData({ dataset: 'gauss', points: 40, testFraction: 0.5 });
  assert.deepEqual([net.pointCount, net.testPointCount, net.epoch], [20, 20, 5]);
  assert.deepEqual(net.getParams(), params, 'new data, same weights');
});

// The confusion matrix's layout (web/js/panel/confusion-layout.js), and its
// agreement with the core's own counts and accuracy on a trained network.
import test from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { layout, predictedClasses, cellMarks, cellLabel } from '../../web/js/panel/confusion-layout.js';

const require = createRequire(import.meta.url);

test('totals, the diagonal and each row\'s shares', () => {
  const L = layout(Int32Array.of(8, 2, 0, 0, 5, 5, 1, 0, 0), 3);
  assert.equal(L.total, 21);
  assert.equal(L.correct, 13);
  assert.deepEqual(L.rowTotals, [10, 10, 1]);
  assert.equal(L.cells[1].share, 0.2);
  assert.equal(L.cells[6].share, 1);
  assert.deepEqual(L.cells.map((c) => c.count), [8, 2, 0, 0, 5, 5, 1, 0, 0]);
  assert.equal(cellLabel(L.cells[1]), 'true class 0, predicted 1: 2 points (20% of class 0)');
  assert.equal(layout(new Int32Array(4), 2).cells[0].share, 0, 'an empty row shades nothing');
});

test('predicted classes break ties to the lower class; a cell marks exactly its points', () => {
  const probs = Float64Array.of(0.2, 0.8, 0.5, 0.5, 0.9, 0.1);
  assert.deepEqual(Array.from(predictedClasses(probs, 2)), [1, 0, 0]);
  const marks = cellMarks(Int32Array.of(0, 0, 1), Int32Array.of(1, 0, 0), 0, 1);
  assert.deepEqual(Array.from(marks), [1, 0, 0]);
});

test('on a trained spiral, the layout of net.confusion sums to each set\'s size and its diagonal is the accuracy; the marks agree', async () => {
  const core = await require('../../index.js').loadCore();
  const net = core.createNetwork({ layers: [2, 8, 3], activation: 'tanh', learningRate: 1, seed: 2369, dataset: 'spiral', points: 300, classes: 3, testFraction: 0.2 });
  net.step(500);
  for (const which of ['train', 'test']) {
    const d = net.getData(which), L = layout(net.confusion(which), 3);
    assert.equal(L.total, d.y.length, `${which}: ${L.total} points`);
    assert.ok(Math.abs(L.correct / L.total - net.accuracy(which)) < 1e-12, which);
    const pred = predictedClasses(net.predict(d.x), 3);
    let marked = 0;
    for (const c of L.cells) marked += cellMarks(d.y, pred, c.t, c.p).reduce((a, b) => a + b, 0) === c.count ? 1 : 0;
    assert.equal(marked, 9, `${which}: every cell's marks count its points`);
  }
  assert.equal(net.getData('test').y.length, 60);
  net.destroy();
});

// What the diagram shows for each phase: a pure function of a phase
// snapshot and the followed point (web/js/panel/phase-view.js).
import test from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { phaseView } from '../../web/js/panel/phase-view.js';

const { createNetwork } = createRequire(import.meta.url)('../..');
const col = (m, units, q, n = 200) => Array.from({ length: units }, (_, j) => m[j * n + q]);
const maxAbs = (a) => Math.max(...Array.from(a, Math.abs));

test('forward, logits and softmax: the followed point\'s values on the nodes, its class ringed', async () => {
  const net = await createNetwork({});
  const f = phaseView(net.stepPhase(), 9);
  const x = net.getData().x;
  assert.deepEqual(Array.from(f.overlay.nodes[0]), [x[18], x[19]], 'inputs: point 9\'s coordinates');
  assert.equal(f.overlay.nodes[1].length, 4);
  assert.equal(f.overlay.nodes[2], null, 'the outputs are not computed yet');
  assert.deepEqual(f.overlay.edges, [null, null], 'the lines stay the weights');
  assert.match(f.text, /^Forward through layer 1: each unit shows its activation a for point #9/);
  const z = net.stepPhase();
  const lv = phaseView(z, 9);
  assert.deepEqual(Array.from(lv.overlay.nodes[2]), col(z.logits, 4, 9));
  assert.equal(lv.overlay.nodeName[2], 'z');
  const s = net.stepPhase();
  const sv = phaseView(s, 9);
  assert.deepEqual(Array.from(sv.overlay.nodes[2]), col(s.activations[2], 4, 9));
  assert.deepEqual(sv.overlay.mark, { l: 2, i: net.getData().y[9] });
  assert.equal(sv.overlay.nodeScale[2], 1, 'probabilities are drawn against 1');
});

test('output error and backward: deltas on the nodes, gradients on the lines, each against its layer\'s largest', async () => {
  const net = await createNetwork({});
  for (let i = 0; i < 4; i++) net.stepPhase();
  const e = net.stepPhase();
  const ev = phaseView(e, 3);
  const [l1, l2] = e.layout;
  assert.deepEqual(Array.from(ev.overlay.nodes[2]), col(e.deltas[2], 4, 3));
  assert.deepEqual(Array.from(ev.overlay.edges[1]), Array.from(e.grads.subarray(l2.W, l2.b)));
  assert.equal(ev.overlay.edgeScale[1], maxAbs(e.grads.subarray(l2.W, l2.b)));
  assert.equal(ev.overlay.edges[0], null, 'layer 1\'s gradient is not computed yet');
  assert.match(ev.text, /^Error signal δ₂ = \(p − y\)\/200 on the outputs for point #3/);
  const b = phaseView(net.stepPhase(), 3);
  assert.deepEqual(Array.from(b.overlay.edges[0]), Array.from(net.getGrads().subarray(l1.W, l1.b)));
  assert.deepEqual(b.overlay.edgeName, ['∂L/∂w', '∂L/∂w']);
});

test('update: every weight\'s and bias\'s change, as the network really moved them', async () => {
  const net = await createNetwork({});
  for (let i = 0; i < 6; i++) net.stepPhase();
  const before = net.getParams();
  const u = net.stepPhase();
  const v = phaseView(u, 0);
  const after = net.getParams(), [l1, l2] = u.layout;
  const dW2 = Array.from(after.subarray(l2.W, l2.b), (p, k) => p - before[l2.W + k]);
  assert.deepEqual(Array.from(v.overlay.edges[1]), dW2);
  assert.deepEqual(Array.from(v.overlay.nodes[1]), Array.from(after.subarray(l1.b, l1.b + 4), (p, k) => p - before[l1.b + k]));
  assert.ok(maxAbs(v.overlay.edges[0]) > 0, 'the first layer moved');
  assert.match(v.text, /^Update: each line shows its weight's change Δw = −η·∂L\/∂w \(η = 1\)/);
});

test('a followed point outside the mini-batch: no node values, no ring, and the legend says so', async () => {
  const net = await createNetwork({ batchSize: 10 });
  for (let i = 0; i < 2; i++) net.stepPhase();
  const s = net.stepPhase();
  const outside = [...Array(200).keys()].find((i) => !s.batchIndex.includes(i));
  const v = phaseView(s, outside);
  assert.deepEqual(v.overlay.nodes, [null, null, null]);
  assert.equal(v.overlay.mark, null);
  assert.match(v.text, /the followed point \(not in this batch\)/);
});

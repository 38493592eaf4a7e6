// The README's presets of the network playground: each link, parsed as the
// panel parses it, builds a network that does what the README says it
// does. The data keys (dataset, classes) are read here when the link's
// parser does not know them yet.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { parse, networkOptions } from '../../web/js/panel/hashstate.js';

const { loadCore } = createRequire(import.meta.url)('../..');
const readme = fs.readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const rows = [...readme.matchAll(/^\| ([^|]+) \| `index\.html#([^`]+)` \| ([^|]+) \|$/gm)].map((m) => ({ name: m[1].trim(), hash: m[2], says: m[3] }));

function options(hash) {
  const { settings, problems } = parse(hash);
  const o = networkOptions(settings);
  for (const p of problems) {
    const v = new URLSearchParams(hash).get(p.key);
    if (p.key === 'dataset') o.dataset = v;
    else if (p.key === 'classes') o.layers[o.layers.length - 1] = +v;
    else assert.fail(`${hash}: ${p.message}`);
  }
  return o;
}

function train(core, o, epochs) {
  const n = core.createNetwork(o);
  while (n.epoch < epochs) n.step(Math.min(500, epochs - n.epoch));
  const r = { loss: n.loss, accuracy: n.accuracy() };
  n.destroy();
  return r;
}

test('the README lists five presets, the first the seed\'s default link', () => {
  assert.equal(rows.length, 5);
  assert.equal(rows[0].hash, 'activation=sigmoid&hidden=4&lr=0.1&seed=2369&speed=1');
});

test('each preset trains as the README says', async () => {
  const core = await loadCore();
  const [seed, xor0, xor1, spiral, circle] = rows.map((r) => options(r.hash));
  assert.equal(train(core, seed, 0).loss.toFixed(3), '1.386');
  const a = train(core, xor0, 2000), b = train(core, xor1, 2000);
  assert.equal(a.loss.toFixed(3), '0.691');
  assert.ok(a.accuracy < 0.6, `XOR without a hidden layer: accuracy ${a.accuracy}`);
  assert.equal(b.loss.toFixed(3), '0.083');
  assert.equal(Math.round(b.accuracy * 100), 98);
  assert.deepEqual(spiral.layers, [2, 8, 8, 8, 2]);
  assert.equal(train(core, spiral, 3000).accuracy, 1);
  assert.deepEqual(circle.layers, [2, 2]);
  assert.equal(train(core, circle, 1000).accuracy, 1);
  const raw = Object.assign({}, circle);
  delete raw.features;
  assert.equal(train(core, raw, 1000).loss.toFixed(3), '0.691');
});

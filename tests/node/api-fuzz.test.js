// A 10,000-call slice of the Node API fuzzer (tests/fuzz-api/fuzz.js; make
// fuzz runs 100,000): valid and hostile arguments to every method and
// setter, each call checked against the wrapper's promises (only Errors
// naming a field, nothing invalid accepted, no NaN or Infinity out, the
// module usable), then a fresh network compared bit for bit with one made
// in a new process. Seeded: a failure names the seed and call to rerun.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { runFuzz, fingerprints, summary } = require('../fuzz-api/fuzz.js');

const SEED = 20261201, CALLS = 10000;

test(`10,000 fuzzed API calls (seed ${SEED}) keep every promise`, async (t) => {
  const r = await runFuzz({ calls: CALLS, seed: SEED });
  const counts = Object.values(r.counts);
  assert.equal(counts.reduce((a, c) => a + c.calls, 0), CALLS);
  assert.equal(Object.keys(r.counts).length, 20, 'every action ran');
  const threw = counts.reduce((a, c) => a + c.threw, 0);
  assert.ok(threw > 1000 && threw < 9000, `${threw} of ${CALLS} calls threw: both valid and hostile calls ran`);
  const { here, fresh } = await fingerprints();
  assert.equal(here.length, 2 * 8 * 46);
  assert.equal(here, fresh, 'a fresh network after the fuzz is bit-identical to one in a new process');
  t.diagnostic(summary(r).replace(/\n/g, '; '));
});

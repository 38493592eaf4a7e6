/* mulberry32.js: the small seeded generator the random suites share
   (tests/fuzz-api/fuzz.js, tests/browser/hostile-actions.test.js), so a run
   can be repeated from its printed seed. Returns a function giving the next
   32-bit unsigned integer. */
'use strict';

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6D2B79F5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0);
  };
}

module.exports = { mulberry32 };

// Runs the native C suites (tests/c/test_*.c, built by make under
// AddressSanitizer and UBSan) inside this runner, so that the closing
// "# pass / # fail" lines of `make test` count them too.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync, spawnSync } = require('node:child_process');

const root = path.join(__dirname, '..', '..');
const suites = fs.readdirSync(path.join(root, 'tests', 'c'))
  .filter((f) => /^test_.*\.c$/.test(f)).map((f) => f.slice(0, -2)).sort();

test('there are C suites to run', () => {
  assert.ok(suites.length >= 6, `${suites.length} suites: ${suites.join(', ')}`);
});

for (const name of suites) {
  test(`C suite ${name}: every check passes under ASan and UBSan`, (t) => {
    execFileSync('make', ['-s', `build/${name}`], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
    const run = spawnSync(path.join(root, 'build', name), { cwd: root, encoding: 'utf8' });
    const lines = run.stdout.trim().split('\n');
    const m = lines[lines.length - 1].match(/^(\d+) passed, (\d+) failed$/);
    assert.ok(m, `closing line "${lines[lines.length - 1]}"\n${run.stderr.slice(-2000)}`);
    t.diagnostic(`${m[1]} checks passed, ${m[2]} failed`);
    assert.equal(Number(m[2]), 0, run.stdout.split('\n').filter((l) => /FAIL/.test(l)).slice(0, 20).join('\n'));
    assert.ok(Number(m[1]) > 0, 'some checks ran');
    assert.equal(run.status, 0, `exit status ${run.status}, signal ${run.signal}`);
  });
}

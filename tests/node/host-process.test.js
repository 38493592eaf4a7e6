// Loading the module leaves the host process alone: a Node app's own
// uncaughtException and unhandledRejection handlers still get its errors,
// and the module prints nothing (the reproducer A).
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const root = path.join(__dirname, '..', '..');

function run(script) {
  return spawnSync(process.execPath, ['-e', script], { cwd: root, encoding: 'utf8', timeout: 20000 });
}

test('an app\'s uncaughtException handler gets its error after the module is loaded', () => {
  const r = run(`
    process.on('uncaughtException', (e) => { console.log('handled ' + e.message); });
    require('.').createNetwork().then((net) => { net.step(5); setTimeout(() => { throw new Error('x'); }); });
  `);
  assert.equal(r.stdout.trim(), 'handled x');
  assert.equal(r.status, 0, `exit code ${r.status}, stderr ${r.stderr.length} bytes: ${r.stderr.slice(0, 300)}`);
  assert.equal(r.stderr, '');
});

test('an app\'s unhandledRejection handler gets its rejection after the module is loaded', () => {
  const r = run(`
    process.on('unhandledRejection', (e) => { console.log('rejected ' + e.message); });
    require('.').createNetwork().then(() => { Promise.reject(new Error('y')); });
  `);
  assert.equal(r.stdout.trim(), 'rejected y');
  assert.equal(r.status, 0, `exit code ${r.status}: ${r.stderr.slice(0, 300)}`);
});

test('without a handler, the app\'s own error ends it as Node would, and the module is not printed', () => {
  const r = run(`require('.').createNetwork().then(() => { setTimeout(() => { throw new Error('z'); }); });`);
  assert.equal(r.status, 1, `exit code ${r.status}`);
  assert.match(r.stderr, /Error: z/);
  assert.ok(r.stderr.length < 4000, `stderr is ${r.stderr.length} bytes (the minified module would be ~100 KB)`);
});

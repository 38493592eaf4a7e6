// Runs the README's Node example and checks that each console.log prints what
// the comment on its line says (the comment starts with the printed text).
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');

const root = path.join(__dirname, '..', '..');

test('the README example runs and prints what its comments say', () => {
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  const m = readme.match(/<!-- readme-example[^>]*-->\s*```js\n([\s\S]*?)```/);
  assert.ok(m, 'README has a marked ```js example');
  const code = m[1];
  const expected = code.split('\n').filter((l) => l.includes('console.log'))
    .map((l) => l.split('//')[1].trim());
  assert.equal(expected.length, 3);
  const out = execFileSync(process.execPath, ['-e', code], { cwd: root, encoding: 'utf8' })
    .trim().split('\n');
  assert.equal(out.length, expected.length, `printed:\n${out.join('\n')}`);
  out.forEach((line, i) => assert.ok(expected[i].startsWith(line),
    `line ${i + 1}: printed "${line}", README says "${expected[i]}"`));
});

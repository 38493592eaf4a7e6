// Runs the README's Node examples and checks that each console.log prints what
// the comment on its line says (the comment starts with the printed text).
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');

const root = path.join(__dirname, '..', '..');

// Each marked block: [its number of console.log lines].
const BLOCKS = [3, 6];

test('the README examples run and print what their comments say', () => {
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  const blocks = [...readme.matchAll(/<!-- readme-example:[^>]*-->\s*```js\n([\s\S]*?)```/g)].map((m) => m[1]);
  assert.equal(blocks.length, BLOCKS.length, 'README has its marked ```js examples');
  blocks.forEach((code, b) => {
    const expected = code.split('\n').filter((l) => l.includes('console.log'))
      .map((l) => l.slice(l.lastIndexOf('//') + 2).trim());
    assert.equal(expected.length, BLOCKS[b], `block ${b + 1}`);
    const out = execFileSync(process.execPath, ['-e', code], { cwd: root, encoding: 'utf8' })
      .trim().split('\n');
    assert.equal(out.length, expected.length, `block ${b + 1} printed:\n${out.join('\n')}`);
    out.forEach((line, i) => assert.ok(expected[i].startsWith(line),
      `block ${b + 1}, line ${i + 1}: printed "${line}", README says "${expected[i]}"`));
  });
});

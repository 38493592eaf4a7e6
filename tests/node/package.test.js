// The installable package: `npm pack` (which runs tools/prepare.js), the
// tarball installed offline into an empty project, the README's first
// example run there with require('mlp-explainer'), and index.d.ts checked
// by compiling tests/types/usage.ts and the README's examples (must pass) and
// tests/types/errors.ts (must fail on exactly its marked lines) with
// tsc --noEmit --strict against the installed package. Also: the declarations' name lists and members
// match the module's tables and Network's prototype.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFileSync, spawn } = require('node:child_process');

const root = path.join(__dirname, '..', '..');
const NAME = require(path.join(root, 'package.json')).name;
const TSC = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
const TSC_FLAGS = ['--noEmit', '--strict', '--target', 'es2020', '--module', 'commonjs'];
const EXPECTED_FILES = ['LICENSE', 'README.md', 'index.d.ts', 'index.js', 'package.json',
  'web/build/mlp-core.js', 'web/build/network.cjs'];

const npm = (args, cwd) => execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
// Runs tsc in dir: { status, out } (stdout and stderr).
function tsc(args, cwd) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [TSC, ...args], { cwd });
    let out = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { out += d; });
    child.on('close', (status) => resolve({ status, out }));
  });
}
const seconds = (t0) => `${((Date.now() - t0) / 1000).toFixed(1)} s`;

test('the packed tarball installs offline and runs the README example; tsc checks index.d.ts', async (t) => {
  assert.ok(fs.existsSync(TSC), `${TSC} is missing: run npm ci (typescript is a devDependency; make test does it)`);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mlp-pkg-'));
  t.after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  // npm pack: its prepare script (tools/prepare.js) runs make for the Node module.
  let t0 = Date.now();
  const [packed] = JSON.parse(npm(['pack', '--json', '--pack-destination', tmp], root));
  const files = packed.files.map((f) => f.path).sort();
  t.diagnostic(`npm pack: ${packed.filename}, ${(packed.size / 1024).toFixed(1)} KB packed, ` +
    `${(packed.unpackedSize / 1024).toFixed(1)} KB unpacked, ${seconds(t0)}`);
  for (const f of packed.files) t.diagnostic(`  ${f.path} ${f.size} B`);
  assert.deepEqual(files, EXPECTED_FILES.slice().sort(), 'the tarball holds the module and nothing else');
  assert.ok(packed.size < 200 * 1024, `tarball ${packed.size} B`);
  const tarball = path.join(tmp, packed.filename);

  // An empty project installs it offline: no runtime dependencies, no build step.
  const project = path.join(tmp, 'project');
  fs.mkdirSync(project);
  fs.writeFileSync(path.join(project, 'package.json'),
    JSON.stringify({ name: 'package-test', version: '1.0.0', private: true }, null, 2));
  t0 = Date.now();
  npm(['install', '--offline', '--no-audit', '--no-fund', '--loglevel=error', tarball], project);
  t.diagnostic(`npm install --offline ${packed.filename}: ${seconds(t0)}`);
  const installed = path.join(project, 'node_modules', NAME);
  for (const f of EXPECTED_FILES) assert.ok(fs.existsSync(path.join(installed, f)), `installed ${f}`);

  // The README's first example, with require('.') made require(NAME).
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  const m = readme.match(/<!-- readme-example:[^>]*-->\s*```js\n([\s\S]*?)```/);
  assert.ok(m, 'README has a block marked readme-example:');
  assert.ok(m[1].includes("require('.')"), "the example requires '.'");
  const code = m[1].replace("require('.')", `require('${NAME}')`);
  fs.writeFileSync(path.join(project, 'example.js'), code);
  const expected = code.split('\n').filter((l) => l.includes('console.log'))
    .map((l) => l.slice(l.lastIndexOf('//') + 2).trim());
  const out = execFileSync(process.execPath, ['example.js'], { cwd: project, encoding: 'utf8' }).trim().split('\n');
  t.diagnostic(`example printed: ${out.join(' | ')}`);
  assert.equal(out.length, expected.length, `printed:\n${out.join('\n')}`);
  out.forEach((line, i) => assert.ok(expected[i].startsWith(line),
    `line ${i + 1}: printed "${line}", README says "${expected[i]}"`));

  // tsc against the installed package's "types", three runs at once: the usage
  // example and every README example (as JavaScript, checkJs) with classic
  // resolution; the usage example with nodenext; errors.ts, which must fail.
  for (const f of ['usage.ts', 'errors.ts']) fs.copyFileSync(path.join(root, 'tests', 'types', f), path.join(project, f));
  const examples = [...readme.matchAll(/<!-- readme-example[^>]*-->\s*```js\n([\s\S]*?)```/g)].map((x, i) => {
    fs.writeFileSync(path.join(project, `readme-${i + 1}.js`), x[1].replace("require('.')", `require('${NAME}')`));
    return `readme-${i + 1}.js`;
  });
  t0 = Date.now();
  const [ok, okNext, bad] = await Promise.all([
    tsc([...TSC_FLAGS, '--allowJs', '--checkJs', '--useUnknownInCatchVariables', 'false', 'usage.ts', ...examples], project),
    tsc(['--noEmit', '--strict', '--target', 'es2022', '--module', 'nodenext', 'usage.ts'], project),
    tsc([...TSC_FLAGS, 'errors.ts'], project),
  ]);
  t.diagnostic(`tsc (3 runs in parallel): ${seconds(t0)}; checked usage.ts and ${examples.join(', ')}`);
  assert.equal(ok.status, 0, `tsc usage.ts ${examples.join(' ')}:\n${ok.out}`);
  assert.equal(okNext.status, 0, `tsc --module nodenext usage.ts:\n${okNext.out}`);

  assert.notEqual(bad.status, 0, 'errors.ts must not compile');
  const marked = fs.readFileSync(path.join(project, 'errors.ts'), 'utf8').split('\n')
    .map((l, i) => (/\/\/ error$/.test(l) ? i + 1 : 0)).filter(Boolean);
  const reported = [...bad.out.matchAll(/^errors\.ts\((\d+),\d+\): error TS\d+/gm)].map((x) => Number(x[1]));
  t.diagnostic(`tsc errors.ts: ${reported.length} errors on ${marked.length} marked lines`);
  assert.deepEqual(reported, marked, `one error on each marked line, none elsewhere:\n${bad.out}`);
});

// The string unions of index.d.ts, by type name.
function unions(dts) {
  const out = {};
  for (const [, name, body] of dts.matchAll(/export type (\w+) =([^;]*);/g)) {
    const names = [...body.matchAll(/'([^']*)'/g)].map((x) => x[1]);
    if (names.length) out[name] = names;
  }
  return out;
}

// The members a block of index.d.ts declares (`name:`, `name(`, `name?:`).
function members(block) {
  return new Set([...block.matchAll(/^ {2}(?:readonly )?(\w+)\??[(:]/gm)].map((x) => x[1]));
}

test('index.d.ts declares what the module exports', () => {
  const api = require(root);
  const dts = fs.readFileSync(path.join(root, 'index.d.ts'), 'utf8');
  const u = unions(dts);
  const same = (declared, actual, what) => assert.deepEqual(declared.slice().sort(), actual.slice().sort(), what);
  same(u.Activation, api.ACTIVATIONS, 'Activation = ACTIVATIONS');
  same(u.Init, api.INITS, 'Init = INITS');
  same(u.Output, api.OUTPUTS, 'Output = OUTPUTS');
  same(u.PhaseCode, api.PHASES, 'PhaseCode = PHASES');
  same(u.Feature, api.FEATURES, 'Feature = FEATURES');
  same(u.Optimizer, api.OPTIMIZERS, 'Optimizer = OPTIMIZERS');
  same(u.Regularization, api.REGULARIZATIONS, 'Regularization = REGULARIZATIONS');
  same(u.DatasetName, api.DATASETS.map((d) => d.name), 'DatasetName = DATASETS names');
  same(u.LimitName, Object.keys(api.LIMITS), 'LimitName = LIMITS keys');

  const exported = [...dts.matchAll(/^export (?:const|function|class) (\w+)/gm)].map((x) => x[1]);
  same(exported, Object.keys(api), 'every export declared, nothing more');

  const options = dts.match(/export interface NetworkOptions \{([\s\S]*?)\n\}/)[1];
  same([...members(options)], Object.keys(api.DEFAULTS), 'NetworkOptions = DEFAULTS keys');
  const defaults = dts.match(/export const DEFAULTS: Readonly<\{([\s\S]*?)\n\}>/)[1];
  same([...members(defaults)], Object.keys(api.DEFAULTS), 'DEFAULTS declared');

  const declared = members(dts.match(/export class Network \{([\s\S]*?)\n\}/)[1]);
  const proto = Object.getOwnPropertyNames(api.Network.prototype)
    .filter((k) => k !== 'constructor' && !k.startsWith('_'));
  for (const k of proto) assert.ok(declared.has(k), `Network.${k} is declared`);
  for (const k of declared) assert.ok(proto.includes(k), `declared Network.${k} exists`);
});

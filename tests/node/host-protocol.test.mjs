// The course-site kit's pure parts: the embed keys (show, hide, controls,
// theme) in the link, the host protocol's checks (web/js/panel/host-protocol.js),
// the dark colours written twice in web/css/theme.css, and the Embed box's snippet.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { parse, serialize, DEFAULTS, rebuilds } from '../../web/js/panel/hashstate.js';
import { visibleParts, PARTS } from '../../web/js/panel/keys/embed-keys.js';
import { checkCommand, message, PROTOCOL, VERSION } from '../../web/js/panel/host-protocol.js';
import { snippet } from '../../web/js/panel/embed-generator.js';

test('embed keys: lists in a fixed order, commas kept in the link, view keys only', () => {
  const { settings, problems } = parse('#show=loss,region,loss&hide=narration&controls=reset,play&theme=dark');
  assert.deepEqual(problems, []);
  assert.deepEqual([settings.show, settings.hide, settings.controls, settings.theme], ['region,loss', 'narration', 'play,reset', 'dark']);
  assert.equal(serialize(settings), 'activation=sigmoid&hidden=4&lr=0.1&seed=2369&speed=1&show=region,loss&hide=narration&controls=play,reset&theme=dark');
  assert.equal(rebuilds(DEFAULTS, settings), false, 'parts and theme never rebuild the network');
  assert.equal(serialize(DEFAULTS), 'activation=sigmoid&hidden=4&lr=0.1&seed=2369&speed=1', 'defaults are not written');
  const v = visibleParts(settings);
  assert.deepEqual([...v.parts], ['region', 'loss']);
  assert.deepEqual([...v.controls], ['play', 'reset']);
  assert.deepEqual([...visibleParts(DEFAULTS).parts], PARTS);
  assert.equal(visibleParts(DEFAULTS).controls, null);
  const none = visibleParts(parse('controls=none').settings);
  assert.equal(none.parts.has('controls'), false, 'controls=none hides the controls');
  assert.equal(none.controls.size, 0, '... and the two inside the views');
});

test('embed keys: unknown parts, empty lists and other themes fall back with a notice', () => {
  const { settings, problems } = parse('#show=region,code&hide=&controls=fly&theme=sepia');
  assert.deepEqual(problems.map((p) => p.key), ['show', 'hide', 'controls', 'theme']);
  assert.deepEqual([settings.show, settings.hide, settings.controls, settings.theme], ['all', 'none', 'all', 'auto']);
  assert.match(problems[0].message, /^show must be all, or a comma-separated list of title, controls, readout, narration, diagram, region, loss, got "region,code"; using all$/);
  assert.match(problems[3].message, /^theme must be one of auto, light, dark/);
});

const cmd = (fields) => Object.assign({ protocol: PROTOCOL, version: VERSION }, fields);

test('protocol: other messages are ignored, ours are checked and refused naming the field', () => {
  for (const other of [null, 'play', 42, [], { type: 'play' }, { protocol: 'other', type: 'play' }]) {
    assert.equal(checkCommand(other), null, `ignored: ${JSON.stringify(other)}`);
  }
  const field = (data) => checkCommand(data).error.field;
  assert.equal(field({ protocol: PROTOCOL, type: 'play' }), 'version');
  assert.equal(field(cmd({ version: 2, type: 'play' })), 'version');
  assert.equal(field(cmd({ type: 'fly' })), 'type');
  assert.equal(field(cmd({})), 'type');
  assert.equal(field(cmd({ type: 'play', speed: 3 })), 'speed');
  for (const n of [0, -1, 1.5, 10001, '5', null, NaN, Infinity]) assert.equal(field(cmd({ type: 'step', n })), 'n', `n = ${n}`);
  assert.equal(field(cmd({ type: 'configure' })), 'settings');
  assert.equal(field(cmd({ type: 'configure', settings: [] })), 'settings');
  assert.equal(field(cmd({ type: 'configure', settings: {} })), 'settings');
  assert.equal(field(cmd({ type: 'configure', settings: { lr: -1 } })), 'settings.lr');
  assert.equal(field(cmd({ type: 'configure', settings: { bogus: 1 } })), 'settings.bogus');
  assert.equal(field(cmd({ type: 'configure', settings: { hidden: { n: 3 } } })), 'settings.hidden');
  assert.equal(field(cmd({ type: 'play', id: { x: 1 } })), 'id');
  const e = checkCommand(cmd({ type: 'step', n: 0, id: 'q1' })).error;
  assert.deepEqual(e, { field: 'n', message: 'n must be a whole number from 1 to 10000, got 0', command: 'step', id: 'q1' });
});

test('protocol: valid commands', () => {
  assert.deepEqual(checkCommand(cmd({ type: 'play' })).command, { type: 'play', id: undefined });
  assert.equal(checkCommand(cmd({ type: 'step' })).command.n, 1);
  assert.equal(checkCommand(cmd({ type: 'step', n: 10000, id: 7 })).command.n, 10000);
  const c = checkCommand(cmd({ type: 'configure', settings: { lr: 0.3, autoplay: true, show: 'region,loss', theme: 'light' } })).command;
  assert.deepEqual(c.settings, { lr: 0.3, autoplay: true, show: 'region,loss', theme: 'light' });
  assert.deepEqual(message('height', { height: 900 }), { protocol: 'mlp-explainer', version: 1, type: 'height', height: 900 });
});

test('theme.css: the dark colours for the OS setting and for theme=dark are the same', () => {
  const css = fs.readFileSync(new URL('../../web/css/theme.css', import.meta.url), 'utf8');
  const block = (sel) => {
    const at = css.indexOf(sel + ' {');
    assert.ok(at >= 0, `theme.css has ${sel}`);
    return css.slice(at, css.indexOf('}', at)).split('\n').map((l) => l.trim()).filter((l) => l.startsWith('--')).join('\n');
  };
  const os = block(':root:not([data-theme="light"])'), forced = block(':root[data-theme="dark"]');
  assert.ok(os.split('\n').length > 30);
  assert.equal(forced, os);
});

test('the Embed box\'s snippet: the link\'s settings, escaped, and the host script', () => {
  const s = Object.assign({}, DEFAULTS, { show: 'region,loss', theme: 'light' });
  const text = snippet('https://example.org/mlp/embed.html#old', s);
  assert.match(text, /^<iframe src="https:\/\/example\.org\/mlp\/embed\.html#activation=sigmoid&amp;hidden=4&amp;lr=0\.1&amp;seed=2369&amp;speed=1&amp;show=region,loss&amp;theme=light"/);
  assert.match(text, /class="mlp-panel"/);
  assert.match(text, /sandbox="allow-scripts allow-popups allow-popups-to-escape-sandbox"/);
  assert.match(text, /m\.type === 'height'/);
  assert.doesNotMatch(snippet('x/embed.html', s, { sandbox: false }), /sandbox=/);
});

test('the README, docs/teaching.md and the Embed box give the same host script; every lesson link is valid', async () => {
  const { HOST_SCRIPT } = await import('../../web/js/panel/embed-generator.js');
  const readme = fs.readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const guide = fs.readFileSync(new URL('../../docs/teaching.md', import.meta.url), 'utf8');
  assert.ok(readme.includes(HOST_SCRIPT), 'README');
  assert.ok(guide.includes(HOST_SCRIPT), 'docs/teaching.md');
  const links = [...guide.matchAll(/`(#[a-z][^`]*)`/g)].map((m) => m[1]);
  assert.ok(links.length >= 8, `${links.length} lesson links`);
  for (const link of links) assert.deepEqual(parse(link).problems, [], link);
});

/* network.test.js: the network playground in index.html: the layer editor
   from 2 → 4 → 4 to 8 layers of 64 and back, the feature toggles, weight
   and bias editing, the neuron maps over the region, Export → Import, Share,
   the "Network" settings, and every new link key (round trip and refusal). */
'use strict';
const { test, describe, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const h = require('./helper.js');

const env = h.useBrowserAndServer();
const net = (page, expr) => page.evaluate(`(() => { const n = window.mlpDebug.app.network; return ${expr}; })()`);
const hash = (page) => page.evaluate(() => decodeURIComponent(location.hash));

/* Clicks a button by its aria-label until it is disabled (or n times). */
async function press(page, label, n = Infinity) {
  return page.evaluate(([label, n]) => {
    const b = [...document.querySelectorAll('#layer-editor button')].find((x) => x.getAttribute('aria-label') === label);
    let k = 0;
    while (k < n && !b.disabled) { b.click(); k++; }
    return k;
  }, [label, n]);
}

describe('layer editor and features', () => {
  let page, context, log;
  before(async () => {
    ({ page, context, log } = await h.open(env.browser, `${env.server.origin}/index.html`));
    await page.evaluate(() => { document.getElementById('net-edit').open = true; });
  });
  after(() => context.close());

  test('the default is the seed\'s 2 → 4 → 4 with its link, and the editor shows one layer of 4', async () => {
    assert.deepEqual(await net(page, 'n.layers'), [2, 4, 4]);
    assert.equal(await page.textContent('#layer-count'), '1');
    assert.equal(await page.textContent('#layer-units-0'), '4');
    assert.equal(await page.textContent('#diagram-shape'), '(2 → 4 → 4)');
    assert.equal(await page.evaluate(() => document.getElementById('network-settings').open), false, 'Network settings closed');
    assert.equal(await page.evaluate(() => document.getElementById('net-edit').hasAttribute('open')), true);
  });

  test('+ and − reach 8 hidden layers of 64 units, announced, and come back to the seed\'s link', async () => {
    assert.equal(await press(page, 'Add a hidden layer'), 7);
    for (let l = 0; l < 8; l++) await press(page, `Add a unit to hidden layer ${l + 1}`);
    assert.deepEqual(await net(page, 'n.layers'), [2, 64, 64, 64, 64, 64, 64, 64, 64, 4]);
    assert.equal(await net(page, 'n.paramCount'), 2 * 64 + 64 + 7 * (64 * 64 + 64) + 64 * 4 + 4);
    assert.match(await hash(page), /&layers=64,64,64,64,64,64,64,64(&|$)/);
    assert.equal(await page.textContent('#diagram-shape'), '(2 → 64 ×8 → 4)');
    assert.equal(await page.isDisabled('button[aria-label="Add a hidden layer"]'), true);
    assert.equal(await page.isDisabled('button[aria-label="Add a unit to hidden layer 8"]'), true);
    assert.equal(await page.textContent('#layer-announce'), 'Hidden layer 8: 64 units: 2 → 64 → 64 → 64 → 64 → 64 → 64 → 64 → 64 → 4');
    // The compact form: thin boxes, lines in bands; a repaint stays well under a second.
    const d = await page.evaluate(() => { const v = window.mlpDebug.app.views.diagram; return { shape: v.sc.shapes[1], mode: v.sc.edgeMode }; });
    assert.equal(d.shape.compact, true);
    assert.equal(d.mode, 'compact');
    // The live field's grid shrinks with the network's cost: (29,956 parameters
    // + 522 units) x 16^2 grid points is within 8e6; the seed's network keeps 128.
    assert.equal(await page.evaluate(() => window.mlpDebug.app.views.region.coarse.n), 16);
    assert.equal(await press(page, 'Remove the last hidden layer'), 8);
    assert.deepEqual(await net(page, 'n.layers'), [2, 4]);
    assert.match(await hash(page), /&layers=0(&|$)/);
    assert.equal(await page.textContent('#hidden-out'), 'no hidden layer');
    assert.equal(await press(page, 'Add a hidden layer', 1), 1);
    assert.deepEqual(await net(page, 'n.layers'), [2, 4, 4]);
    assert.equal(await hash(page), '#activation=sigmoid&hidden=4&lr=0.1&seed=2369&speed=1');
    assert.equal(await page.evaluate(() => window.mlpDebug.app.views.region.coarse.n), 128);
  });

  test('training redraws the field, not the points: 30 frames of Play paint the points layer 0 times, Regenerate once', async () => {
    const region = () => page.evaluate(() => {
      const r = window.mlpDebug.app.views.region;
      return { paints: r.overlay.paints, stale: r.overlay.stale, epoch: window.mlpDebug.app.state().epoch };
    });
    await page.evaluate(() => window.mlpDebug.app.refresh());
    await page.waitForFunction(() => !window.mlpDebug.app.views.region.overlay.stale);
    const before = await region();
    await page.click('#play');
    await page.evaluate(() => new Promise((done) => { let n = 0; const f = () => (++n < 30 ? requestAnimationFrame(f) : done()); requestAnimationFrame(f); }));
    await page.click('#play');
    const after = await region();
    assert.ok(after.epoch > before.epoch, `trained: epoch ${before.epoch} -> ${after.epoch}`);
    assert.equal(after.paints - before.paints, 0, 'the points layer was not redrawn');
    // New points (Regenerate) do redraw it, once.
    await page.evaluate(() => document.getElementById('data-regenerate').click());
    await page.waitForFunction(() => !window.mlpDebug.app.views.region.overlay.stale);
    assert.equal((await region()).paints - after.paints, 1, 'Regenerate: one repaint of the points layer');
  });

  test('the buttons work from the keyboard and say what changed', async () => {
    await page.focus('button[aria-label="Add a hidden layer"]');
    await page.keyboard.press('Enter');
    assert.deepEqual(await net(page, 'n.layers'), [2, 4, 4, 4]);
    assert.equal(await page.textContent('#layer-announce'), 'Hidden layer 2 added: 2 → 4 → 4 → 4');
    await page.focus('button[aria-label="Remove a unit from hidden layer 2"]');
    await page.keyboard.press('Space');
    assert.deepEqual(await net(page, 'n.layers'), [2, 4, 3, 4]);
    assert.equal(await page.evaluate(() => document.activeElement.getAttribute('aria-label')), 'Remove a unit from hidden layer 2');
    await press(page, 'Remove the last hidden layer', 1);
  });

  test('a feature toggle changes the input width, the link and the diagram\'s names', async () => {
    await page.check('#feature-x1sq');
    assert.deepEqual(await net(page, 'n.layers'), [3, 4, 4]);
    assert.deepEqual(await net(page, 'n.features'), ['x1', 'x2', 'x1^2']);
    assert.match(await hash(page), /&features=x1,x2,x1sq(&|$)/);
    assert.equal(await page.evaluate(() => window.mlpDebug.app.views.diagram.sc.name(0, 2)), 'x₁²');
    await page.uncheck('#feature-x1');
    await page.uncheck('#feature-x2');
    assert.deepEqual(await net(page, 'n.layers'), [1, 4, 4]);
    assert.equal(await page.isDisabled('#feature-x1sq'), true, 'the last input cannot be unchecked');
    await page.check('#feature-x1');
    await page.check('#feature-x2');
    await page.uncheck('#feature-x1sq');
    assert.deepEqual(await net(page, 'n.layers'), [2, 4, 4]);
    assert.equal(await net(page, 'n.features'), null, 'x1, x2 alone are the raw inputs');
  });

  test('every node shows a map; hovering one shows it over the region, labelled, until the pointer leaves', async () => {
    const maps = await page.evaluate(() => { const m = window.mlpDebug.app.views.diagram.sc.maps; return m && { cell: m.cell, w: m.image.width }; });
    assert.ok(maps && maps.cell >= 8, `a map tile of ${maps && maps.cell} px`);
    const canvas = await page.$('#diagram');
    await canvas.scrollIntoViewIfNeeded();
    const box = await canvas.boundingBox();
    const pos = await page.evaluate(() => window.mlpDebug.app.views.diagram.nodePosition(1, 2));
    await page.mouse.move(box.x + pos.x, box.y + pos.y);
    await page.waitForSelector('.unit-map:not([hidden])', { timeout: 3000 });
    assert.match(await page.textContent('#unit-map-label'), /^Map of h₃: hidden unit, sigmoid/);
    const r = await page.evaluate(() => {
      const o = document.querySelector('.unit-map'), reg = document.getElementById('region');
      return { same: o.parentElement === reg.parentElement, w: o.getBoundingClientRect().width, rw: reg.getBoundingClientRect().width };
    });
    assert.ok(r.same && r.w > 0.7 * r.rw, `the map is ${r.w} px over a region ${r.rw} px wide`);
    await page.mouse.move(box.x - 30, box.y - 30);
    await page.waitForSelector('.unit-map', { state: 'hidden', timeout: 3000 });
  });

  test('no console errors or warnings, no request to another host', () => {
    assert.deepEqual(h.problems(log), []);
    assert.deepEqual(h.foreignRequests(log, env.server.origin), []);
  });
});

describe('weight editing', () => {
  let page, context;
  before(async () => { ({ page, context } = await h.open(env.browser, `${env.server.origin}/index.html`)); });
  after(() => context.close());

  test('Enter on a weight opens a field; a typed value changes getParams() at that index only', async () => {
    const before = await net(page, 'Array.from(n.getParams())');
    const W = await net(page, 'n.paramLayout()[0].W');
    await page.focus('#diagram');
    await page.keyboard.press('Home');       // x₁
    await page.keyboard.press('ArrowRight'); // the weight x₁ → h₁
    assert.match(await page.textContent('#diagram-announce'), /^Weight x₁ → h₁; w = /);
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'weight-edit-input');
    assert.equal(await page.getAttribute('#weight-edit-input', 'aria-label'), 'New value of Weight x₁ → h₁');
    await page.fill('#weight-edit-input', '1.2345');
    await page.keyboard.press('Enter');
    const after = await net(page, 'Array.from(n.getParams())');
    assert.equal(after[W], 1.2345);
    assert.equal(after.filter((v, i) => v !== before[i]).length, 1, 'one parameter changed');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'diagram', 'focus back on the diagram');
    assert.match(await page.textContent('#narration'), /^Weight x₁ → h₁ set to 1\.23\d*: loss = \d/);
  });

  test('clicking a neuron edits its bias; a value that is not a number is named and not applied', async () => {
    const b = await net(page, 'n.paramLayout()[0].b');
    const canvas = await page.$('#diagram');
    await canvas.scrollIntoViewIfNeeded();
    const box = await canvas.boundingBox();
    const pos = await page.evaluate(() => window.mlpDebug.app.views.diagram.nodePosition(1, 0));
    await page.mouse.click(box.x + pos.x, box.y + pos.y);
    await page.waitForSelector('#weight-edit-input', { state: 'visible' });
    await page.fill('#weight-edit-input', 'abc');
    await page.keyboard.press('Enter');
    assert.match(await page.textContent('#weight-edit-msg'), /^Type a number from -1000000000000 to 1000000000000, got "abc"/);
    assert.equal(await net(page, `n.getParams()[${b}]`), 0);
    await page.fill('#weight-edit-input', '-0.5');
    await page.keyboard.press('Enter');
    assert.equal(await net(page, `n.getParams()[${b}]`), -0.5);
  });
});

describe('export, import, share', () => {
  let page, context, log;
  before(async () => {
    ({ page, context, log } = await h.open(env.browser, `${env.server.origin}/index.html#optimizer=adam&layers=6,5`));
    await page.evaluate(() => { document.getElementById('network-settings').open = true; });
  });
  after(() => context.close());

  test('Export downloads the run as JSON; Import of it after a reset gives the same getParams() and epoch', async () => {
    await page.evaluate(() => window.mlpDebug.app.advance(37));
    const saved = await net(page, '({ params: Array.from(n.getParams()), epoch: n.epoch, loss: n.loss })');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-run')]);
    assert.equal(download.suggestedFilename(), 'mlp-run-epoch-37.json');
    assert.match(download.url(), /^blob:/);
    const file = require('path').join(require('os').tmpdir(), `net-test-${process.pid}`, download.suggestedFilename());
    await download.saveAs(file);
    const run = JSON.parse(fs.readFileSync(file, 'utf8'));
    assert.equal(run.format, 'mlp-explainer-run');
    assert.equal(run.config.optimizer, 'adam');
    await page.click('#reset');
    assert.equal(await net(page, 'n.epoch'), 0);
    await page.setInputFiles('#import-file', file);
    await page.waitForFunction(() => window.mlpDebug.app.network.epoch === 37, null, { timeout: 5000 });
    const back = await net(page, '({ params: Array.from(n.getParams()), epoch: n.epoch, loss: n.loss, layers: n.layers })');
    assert.deepEqual(back.params, saved.params);
    assert.equal(back.loss, saved.loss);
    assert.deepEqual(back.layers, [2, 6, 5, 4]);
    assert.match(await page.textContent('#run-io-status'), /^Imported mlp-run-epoch-37\.json: epoch 37/);
    assert.match(await hash(page), /&layers=6,5&optimizer=adam/);
    fs.rmSync(require('path').dirname(file), { recursive: true, force: true });
  });

  test('a malformed or foreign file is refused with the API\'s error as text, the network unchanged', async () => {
    const before = await net(page, 'Array.from(n.getParams())');
    await page.setInputFiles('#import-file', { name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"format":') });
    await page.waitForFunction(() => /bad\.json could not be imported: it is not JSON/.test(document.getElementById('run-io-status').textContent));
    await page.setInputFiles('#import-file', { name: 'other.json', mimeType: 'application/json', buffer: Buffer.from('{"format":"other"}') });
    await page.waitForFunction(() => /other\.json could not be imported: .*format/.test(document.getElementById('run-io-status').textContent));
    assert.match(await page.textContent('#run-io-status'), /The network is unchanged\.$/);
    assert.deepEqual(await net(page, 'Array.from(n.getParams())'), before);
  });

  test('Share copies the link; without a clipboard it selects the link in a field', async () => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: env.server.origin });
    await page.click('#share-link');
    await page.waitForFunction(() => /^Link copied/.test(document.getElementById('run-io-status').textContent));
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), await page.evaluate(() => location.href));
    await page.evaluate(() => { navigator.clipboard.writeText = () => Promise.reject(new Error('denied')); });
    await page.click('#share-link');
    await page.waitForSelector('#share-field', { state: 'visible' });
    const f = await page.evaluate(() => { const e = document.getElementById('share-field'); return { v: e.value, focused: document.activeElement === e, sel: e.selectionEnd - e.selectionStart }; });
    assert.equal(f.v, await page.evaluate(() => location.href));
    assert.ok(f.focused && f.sel === f.v.length, 'the whole link is selected');
    assert.match(await page.textContent('#run-io-note'), /The link gives the configuration.*Export gives the run itself/);
  });

  test('no console errors or warnings, no request to another host', () => {
    assert.deepEqual(h.problems(log), []);
    assert.deepEqual(h.foreignRequests(log, env.server.origin), []);
  });
});

describe('the network keys of the link', () => {
  const FULL = 'layers=8,8,4&features=x1,x2,x1x2&optimizer=adam&beta1=0.8&beta2=0.99&epsilon=1e-7&reg=l2&regRate=0.01&batch=10&init=he';
  let page, context, log;
  before(async () => { ({ page, context, log } = await h.open(env.browser, h.fileUrl('index.html', '#' + FULL))); });
  after(() => context.close());

  test('every new key builds the network it names and is shown in its control', async () => {
    const n = await net(page, '({ layers: n.layers, f: n.features, o: n.optimizer, b1: n.beta1, b2: n.beta2, e: n.epsilon, r: n.regularization, rr: n.regularizationRate })');
    assert.deepEqual(n, { layers: [3, 8, 8, 4, 4], f: ['x1', 'x2', 'x1*x2'], o: 'adam', b1: 0.8, b2: 0.99, e: 1e-7, r: 'l2', rr: 0.01 });
    const shown = await page.evaluate(() => ['optimizer', 'beta1', 'beta2', 'epsilon', 'reg', 'reg-rate', 'batch', 'init']
      .map((id) => document.getElementById(id).value));
    assert.deepEqual(shown, ['adam', '0.8', '0.99', '1e-7', 'l2', '0.01', '10', 'he']);
    assert.equal(await page.isHidden('#hash-notice'), true);
  });

  test('every new key round-trips: the link written back holds each value', async () => {
    await page.click('#log-scale'); // a view key: the hash is written again from the settings
    assert.equal(await hash(page), '#activation=sigmoid&hidden=4&lr=0.1&seed=2369&speed=1&log=1&' + FULL);
  });

  test('each control writes its key and rebuilds the network', async () => {
    await page.evaluate(() => { document.getElementById('network-settings').open = true; });
    await page.selectOption('#optimizer', 'momentum');
    assert.equal(await net(page, 'n.optimizer'), 'momentum');
    assert.equal(await page.isHidden('#beta2-field'), true);
    await page.selectOption('#reg', 'l1');
    await page.fill('#reg-rate', '0.3');
    await page.press('#reg-rate', 'Enter');
    await page.selectOption('#batch', '20');
    await page.selectOption('#init', 'glorot');
    const h1 = await hash(page);
    for (const part of ['optimizer=momentum', 'reg=l1', 'regRate=0.3', 'batch=20', 'init=glorot']) assert.ok(h1.includes('&' + part), `${part} in ${h1}`);
    assert.deepEqual(await net(page, '[n.regularization, n.regularizationRate]'), ['l1', 0.3]);
    await page.fill('#beta1', '1.5');
    await page.press('#beta1', 'Enter');
    assert.match(await page.textContent('#network-settings-msg'), /^β₁ must be a number from 0 to 0\.999999, got "1\.5"; it stays 0\.8\.$/);
    assert.equal(await page.inputValue('#beta1'), '0.8');
  });

  test('invalid values give the notice naming each key, and the defaults', async () => {
    await page.goto(h.fileUrl('index.html', '#layers=65&features=x3&optimizer=rmsprop&batch=-1&epsilon=0'));
    await page.waitForFunction(() => window.mlpDebug.app.ready);
    const text = await page.textContent('#hash-notice');
    assert.equal(await page.isVisible('#hash-notice'), true);
    for (const key of ['layers', 'features', 'optimizer', 'batch', 'epsilon']) assert.match(text, new RegExp(`${key} must be `));
    assert.deepEqual(await net(page, 'n.layers'), [2, 4, 4]);
    assert.equal(await net(page, 'n.optimizer'), 'sgd');
  });

  test('no console errors or warnings, no request to another host', () => {
    assert.deepEqual(h.problems(log), []);
    assert.deepEqual(h.foreignRequests(log, null), []);
  });
});

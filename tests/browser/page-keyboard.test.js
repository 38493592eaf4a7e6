/* page-keyboard.test.js: index.html from the keyboard (and the diagram's
   hover): Tab reaches Play with a visible focus ring, Space and Enter toggle
   it, every control is a labelled native element in the tab order, the
   diagram's arrow keys select and walk units and weights, the buttons'
   hints are descriptions, and hovering a weight shows its value. */
'use strict';
const { test, describe, before, after } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./helper.js');

const env = h.useBrowserAndServer();

const state = (page) => page.evaluate(() => window.mlpDebug.app.state());

describe('keyboard', () => {
  let page, context, log;
  before(async () => { ({ page, context, log } = await h.open(env.browser, h.fileUrl('index.html'))); });
  after(() => context.close());

  test('Tab reaches Play with a visible focus ring; Space and Enter toggle it', async () => {
    let presses = 0;
    while (presses < 40 && await page.evaluate(() => document.activeElement && document.activeElement.id) !== 'play') {
      await page.keyboard.press('Tab');
      presses++;
    }
    assert.equal(await page.evaluate(() => document.activeElement.id), 'play', `Play reached within ${presses} Tab presses`);
    const ring = await page.evaluate(() => {
      const cs = getComputedStyle(document.activeElement);
      return { style: cs.outlineStyle, width: parseFloat(cs.outlineWidth), visible: document.activeElement.matches(':focus-visible') };
    });
    assert.deepEqual(ring, { style: 'solid', width: 3, visible: true });
    await page.keyboard.press('Space');
    assert.equal((await state(page)).playing, true);
    await page.waitForFunction(() => window.mlpDebug.app.state().epoch > 5, null, { timeout: 15000 });
    await page.keyboard.press('Enter');
    const s = await state(page);
    assert.equal(s.playing, false);
    assert.ok(s.epoch > 5, `epoch ${s.epoch} > 5 while playing`);
  });

  test('every control is a labelled native element, reachable by Tab', async () => {
    const controls = await page.evaluate(() => ['play', 'step', 'step-phase', 'reset', 'new-seed', 'point', 'speed', 'lr', 'activation', 'hidden', 'seed', 'log-scale', 'diagram']
      .map((id) => {
        const el = document.getElementById(id);
        const label = el.labels && el.labels.length ? el.labels[0].textContent.trim() : (el.getAttribute('aria-label') || el.textContent.trim());
        return { id, tag: el.tagName, tabIndex: el.tabIndex, label };
      }));
    for (const c of controls) {
      assert.ok(['BUTTON', 'INPUT', 'SELECT', 'CANVAS'].includes(c.tag), `${c.id} is ${c.tag}`);
      assert.equal(c.tabIndex, 0, `${c.id} is in the tab order`);
      assert.ok(c.label.length >= 4, `${c.id} has a label ("${c.label}")`);
    }
  });

  test('the diagram: arrow keys select neurons and weights and show their values', async () => {
    await page.focus('#diagram');
    await page.waitForTimeout(100);
    const first = await page.textContent('#diagram-tip');
    assert.match(first, /^x₁: input/);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.waitForTimeout(100);
    // The values shown are the network's own: b1[0] at 8, W2[3][3] at 12 + 3*4 + 3.
    const shown = (k) => page.evaluate((k) => window.mlpDebug.formatNumber(window.mlpDebug.app.network.getParams()[k], 3), k);
    assert.equal(await page.textContent('#diagram-tip'), `h₁: hidden unit, sigmoid\nbias b = ${await shown(8)}`);
    await page.keyboard.press('End');
    await page.waitForTimeout(100);
    assert.equal(await page.textContent('#diagram-tip'), `Weight h₄ → ŷ₄\nw = ${await shown(27)}`);
    assert.match(await page.textContent('#diagram-announce'), /^Weight h₄ → ŷ₄; w = /);
    assert.equal(await page.isVisible('#diagram-tip'), true);
    await page.keyboard.press('Escape');
    await page.waitForTimeout(100);
    assert.equal(await page.isVisible('#diagram-tip'), false);
  });

  test('the diagram\'s arrow keys walk the network: right and left along the lines, up and down within a layer', async () => {
    await page.focus('#diagram');
    await page.keyboard.press('Home');
    const tip = async (key) => {
      await page.keyboard.press(key);
      await page.waitForTimeout(50);
      return (await page.textContent('#diagram-tip')).split('\n')[0];
    };
    assert.equal(await tip('ArrowDown'), 'x₂: input, the point\'s vertical coordinate');
    assert.equal(await tip('ArrowDown'), 'x₂: input, the point\'s vertical coordinate', 'Down stops at the last unit');
    assert.equal(await tip('ArrowRight'), 'Weight x₂ → h₁', 'Right from a unit: its first outgoing line');
    assert.equal(await tip('ArrowRight'), 'h₁: hidden unit, sigmoid', 'Right from a line: the unit it feeds');
    assert.equal(await tip('ArrowDown'), 'h₂: hidden unit, sigmoid');
    assert.equal(await tip('ArrowLeft'), 'Weight x₁ → h₂', 'Left from a unit: its first incoming line');
    assert.equal(await tip('ArrowDown'), 'Weight x₁ → h₃', 'Down within the weight layer');
    assert.equal(await tip('ArrowLeft'), 'x₁: input, the point\'s horizontal coordinate', 'Left from a line: its source');
    assert.equal(await tip('ArrowLeft'), 'x₁: input, the point\'s horizontal coordinate', 'Left stops at the inputs');
    assert.equal(await tip('End'), 'Weight h₄ → ŷ₄');
    assert.equal(await tip('ArrowRight'), 'ŷ₄: output, probability of class 3 (bottom right)');
    assert.equal(await tip('ArrowRight'), 'ŷ₄: output, probability of class 3 (bottom right)', 'Right stops at the outputs');
    await page.keyboard.press('Escape');
  });

  test('the buttons\' hints are descriptions, not a text run of their own', async () => {
    const hints = await page.evaluate(() => ['step', 'step-phase', 'reset'].map((id) => {
      const hint = document.getElementById(document.getElementById(id).getAttribute('aria-describedby'));
      return { id, text: hint.textContent.length, rendered: hint.checkVisibility(), hiddenBox: !!hint.closest('[hidden]') };
    }));
    for (const h of hints) {
      assert.ok(h.text > 10, `${h.id}: a hint of ${h.text} characters`);
      assert.deepEqual([h.rendered, h.hiddenBox], [false, true], `${h.id}: its hint is in a hidden box, out of the reading order`);
    }
  });

  test('hovering a weight shows its value, matching the network', async () => {
    // The page is long: bring the diagram into view, and let any smooth
    // scroll still running (focusing scrolls smoothly) come to rest.
    await page.evaluate(() => document.getElementById('diagram').scrollIntoView({ block: 'center', behavior: 'instant' }));
    await page.waitForFunction(() => new Promise((resolve) => {
      const y = window.scrollY;
      setTimeout(() => resolve(window.scrollY === y), 150);
    }), null, { timeout: 5000 });
    const { x, y, w } = await page.evaluate(() => {
      const r = document.getElementById('diagram').getBoundingClientRect();
      // Midpoint of the line from x1 to h1; its weight is params[0] (W1[0][0]).
      const d = window.mlpDebug.app.views.diagram;
      const a = d.nodePosition(0, 0), b = d.nodePosition(1, 0);
      return { x: r.left + (a.x + b.x) / 2, y: r.top + (a.y + b.y) / 2, w: window.mlpDebug.app.network.getParams()[0] };
    });
    await page.mouse.move(x, y);
    await page.waitForTimeout(100);
    assert.equal(await page.textContent('#diagram-tip'), `Weight x₁ → h₁\nw = ${w.toFixed(3).replace('-', '−')}`);
    assert.deepEqual(h.problems(log), []);
  });
});

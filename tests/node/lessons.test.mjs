// Lessons as data: the checker (web/js/lessons/check.js), the build-time
// validator (tools/build-lessons.mjs), and every task that needs only
// training reached from its step's settings in Node.
import test from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import lessons from '../../web/build/lessons.mjs';
import { checkLesson } from '../../tools/build-lessons.mjs';
import { evaluate, validateCheck, metricsOf } from '../../web/js/lessons/check.js';
import { parse, networkOptions } from '../../web/js/panel/hashstate.js';

const { loadCore } = createRequire(import.meta.url)('../../index.js');

test('checks: bounds, equality, all/any; NaN never meets a bound', () => {
  const m = { accuracy: 0.96, epoch: 250, diverged: false, phase: 'loss', testAccuracy: NaN };
  assert.equal(evaluate({ metric: 'accuracy', min: 0.95 }, m), true);
  assert.equal(evaluate({ metric: 'accuracy', min: 0.97 }, m), false);
  assert.equal(evaluate({ all: [{ metric: 'accuracy', min: 0.95 }, { metric: 'epoch', max: 200 }] }, m), false);
  assert.equal(evaluate({ any: [{ metric: 'accuracy', min: 0.99 }, { metric: 'phase', equals: 'loss' }] }, m), true);
  assert.equal(evaluate({ metric: 'testAccuracy', max: 1 }, m), false, 'no test set: NaN meets no bound');
  assert.equal(evaluate({ metric: 'diverged', equals: false }, m), true);
});

test('malformed checks and lessons are refused with the field named', () => {
  assert.deepEqual(validateCheck({ metric: 'accuracy', min: 0.9 }, 'c'), []);
  assert.match(validateCheck({ metric: 'acuracy', min: 1 }, 'c')[0], /^c: metric must be one of epoch, loss, accuracy/);
  assert.deepEqual(validateCheck({ metric: 'loss' }, 'c'), ['c: needs min, max or equals']);
  assert.deepEqual(validateCheck({ all: [] }, 'c'), ['c: all/any must be a non-empty list']);
  assert.deepEqual(validateCheck({ metric: 'loss', min: Infinity }, 'c'), ['c: min must be a finite number']);
  const good = { id: 'x-y', title: 'A title', steps: [{ text: 'Twenty characters at least here.', hash: 'hidden=2' }] };
  assert.deepEqual(checkLesson(good, 'f.json'), []);
  assert.deepEqual(checkLesson(Object.assign({}, good, { id: 'X' }), 'f.json'), ['f.json: id must be lower-case letters, digits and -, 2 to 40 long']);
  const badHash = Object.assign({}, good, { steps: [{ text: good.steps[0].text, hash: 'hidden=99&lesson=relu' }] });
  assert.deepEqual(checkLesson(badHash, 'f.json'), [
    'f.json: steps[0].hash: hidden must be a whole number from 1 to 8, got "99"; using 4',
    'f.json: steps[0].hash: lesson is set by the lesson itself']);
  const html = Object.assign({}, good, { steps: [{ text: '<img src=x onerror=alert(1)> enough text', hash: '' }] });
  assert.deepEqual(checkLesson(html, 'f.json'), ['f.json: steps[0].text is plain text: no < or >']);
  assert.match(checkLesson(Object.assign({}, good, { section: 'nowhere' }), 'f.json')[0], /section must be the id of a part/);
});

test('the built lessons: unique ids, every step valid, every hash accepted', () => {
  assert.ok(lessons.length >= 5, `${lessons.length} lessons`);
  assert.equal(new Set(lessons.map((l) => l.id)).size, lessons.length);
  for (const l of lessons) {
    assert.deepEqual(checkLesson(l, l.id), []);
    for (const s of l.steps) assert.deepEqual(parse(s.hash).problems, [], `${l.id}: ${s.hash}`);
  }
});

// Tasks met by training alone (no change the student makes first), each
// within 5000 epochs of its step's own settings.
const TRAINING_ONLY = new Set(['epoch', 'loss', 'accuracy', 'testAccuracy', 'testLoss', 'neurons', 'hiddenLayers', 'activation', 'lr', 'dataset', 'features', 'optimizer', 'diverged']);
const ASKS_FOR_A_CHANGE = new Set(['learning-rate/2', 'learning-rate/3']);
function metricsIn(check) { return check.all || check.any ? (check.all || check.any).flatMap(metricsIn) : [check.metric]; }

test('every task that needs only training is met from its step\'s settings', async (t) => {
  const core = await loadCore();
  let checked = 0;
  for (const l of lessons) {
    for (const [i, s] of l.steps.entries()) {
      if (!s.task || !metricsIn(s.task.check).every((m) => TRAINING_ONLY.has(m))) continue;
      const { settings } = parse(s.hash);
      const net = core.createNetwork(networkOptions(settings));
      let met = evaluate(s.task.check, metricsOf(settings, net));
      while (!met && net.epoch < 5000 && !net.diverged) {
        net.step(10);
        met = evaluate(s.task.check, metricsOf(settings, net));
      }
      t.diagnostic(`${l.id} step ${i + 1}: ${met ? `met at epoch ${net.epoch}` : 'NOT met'}`);
      // Only the learning-rate lesson's later steps ask the student to change a setting first.
      if (ASKS_FOR_A_CHANGE.has(`${l.id}/${i + 1}`)) assert.equal(met, false, `${l.id} step ${i + 1} needs no change after all`);
      else assert.ok(met, `${l.id} step ${i + 1}: "${s.task.text}" is not met by training ${net.epoch} epochs`);
      net.destroy();
      checked++;
    }
  }
  assert.ok(checked >= 5, `${checked} tasks checked`);
});

test('no task is met before the student acts: each check fails on its step\'s new network', async () => {
  const core = await loadCore();
  let n = 0;
  for (const l of lessons) {
    for (const [i, s] of l.steps.entries()) {
      if (!s.task) continue;
      const { settings } = parse(s.hash);
      const net = core.createNetwork(networkOptions(settings));
      assert.equal(evaluate(s.task.check, metricsOf(settings, net)), false, `${l.id} step ${i + 1} is met at epoch 0`);
      net.destroy();
      n++;
    }
  }
  assert.ok(n >= 10, `${n} tasks`);
});

// What a student does for the tasks training alone does not meet: the
// setting the step asks to change, or Step phase until the phase asked for.
const STUDENT = {
  'learning-rate/2': (net) => { net.learningRate = 300; net.step(100); },
  'learning-rate/3': (net) => { net.learningRate = 3; net.step(1000); },
};

test('every other task is met by what its step asks the student to do', async () => {
  const core = await loadCore();
  let n = 0;
  for (const l of lessons) {
    for (const [i, s] of l.steps.entries()) {
      if (!s.task) continue;
      const ms = metricsIn(s.task.check), id = `${l.id}/${i + 1}`;
      if (ms.every((m) => TRAINING_ONLY.has(m)) && !ASKS_FOR_A_CHANGE.has(id)) continue;
      const { settings } = parse(s.hash);
      const net = core.createNetwork(networkOptions(settings));
      let met = false;
      if (STUDENT[id]) {
        STUDENT[id](net);
        met = evaluate(s.task.check, metricsOf(settings, net));
      } else {
        assert.ok(ms.includes('phase'), `${id}: no student action is known for ${ms.join(', ')}`);
        for (let k = 0; k < 30 && !met; k++) {
          const snap = net.stepPhase();
          met = evaluate(s.task.check, metricsOf(settings, net, { phase: snap.phase }));
        }
      }
      assert.ok(met, `${id}: "${s.task.text}" is met after the student's action`);
      net.destroy();
      n++;
    }
  }
  assert.equal(n, 6, `${n} tasks met by an action (4 Step phase tasks, 2 learning rates)`);
});

/* lessons-ui.js: guided lessons on the live panel. The Lessons menu lists
   them (links, so they also work as plain links in a course page); the
   lesson card shows the current step's text, its task, and the way on.

   A lesson's place is in the link: lesson=<id>&step=<n>, view keys of the
   panel's hash (keys/lesson-keys.js), so a reload, a copied link or an
   embed resumes there, and nothing is stored or sent anywhere. Entering a
   step sets the panel to the step's settings (its hash) and starts it from
   a new network; the task (web/js/lessons/check.js) is then checked four
   times a second against the live panel and acknowledged once met. */
import lessons from '../../build/lessons.mjs';
import { byId } from '../kit/dom.js';
import { metricsOf, evaluate } from './check.js';
import { serialize, parse, RULES } from '../panel/hashstate.js';

const CHECK_INTERVAL_MS = 250;

/* The link of step n (from 1) of lesson l. */
export function stepHash(l, n) {
  return `#${l.steps[n - 1].hash}&lesson=${l.id}&step=${n}`;
}

function elements() {
  return {
    list: byId('lessons-list'), card: byId('lesson'), title: byId('lesson-title'),
    progress: byId('lesson-progress'), text: byId('lesson-text'), task: byId('lesson-task'),
    announce: byId('lesson-announce'), prev: byId('lesson-prev'), next: byId('lesson-next'),
    leave: byId('lesson-leave'), section: byId('lesson-section'),
  };
}

function fillMenu(el) {
  el.list.textContent = '';
  for (const l of lessons) {
    const li = document.createElement('li');
    const a = document.createElement('a');
    a.href = stepHash(l, 1);
    a.textContent = l.title;
    li.appendChild(a);
    el.list.appendChild(li);
  }
}

/* panel: mountPanel's state. Returns { current(), met } for tests. */
export function mountLessons(panel) {
  const el = elements();
  if (!el.card) return null;
  fillMenu(el);
  const state = { lesson: null, step: 0, met: false, timer: 0 };

  function metrics() {
    const s = panel.session;
    const phase = panel.phase.active ? panel.phase.snapshot.phase : 'init';
    return metricsOf(panel.settings, s ? s.net : null, { playing: !!s && s.playing, phase });
  }

  function check() {
    const t = state.lesson && state.lesson.steps[state.step - 1].task;
    if (!t || state.met || !panel.session || !panel.session.net) return;
    if (!evaluate(t.check, metrics())) return;
    state.met = true;
    el.task.textContent = `Done: ${t.text}`;
    el.task.classList.add('met');
    el.announce.textContent = `Task done: ${t.text}`;
    el.next.classList.add('primary');
    stopTimer();
  }
  function stopTimer() { if (state.timer) { clearInterval(state.timer); state.timer = 0; } }

  function show(settings) {
    const l = lessons.find((x) => x.id === settings.lesson) || null;
    stopTimer();
    state.lesson = l;
    el.card.hidden = !l;       // an id the page does not have is refused by the link's rule
    if (!l) return;
    const n = Math.min(settings.step, l.steps.length), st = l.steps[n - 1];
    state.step = n;
    state.met = false;
    el.title.textContent = l.title;
    el.progress.textContent = `Step ${n} of ${l.steps.length}`;
    el.text.textContent = st.text;
    el.task.textContent = st.task ? `Task: ${st.task.text}` : '';
    el.task.hidden = !st.task;
    el.task.classList.remove('met');
    el.next.classList.remove('primary');
    el.announce.textContent = '';
    el.prev.disabled = n <= 1;
    el.next.disabled = false;
    el.next.textContent = n < l.steps.length ? 'Next step' : 'Finish';
    if (el.section) {
      el.section.hidden = !l.section || !document.getElementById(l.section);
      if (l.section) el.section.setAttribute('href', `#${l.section}`);
    }
    if (st.task) state.timer = setInterval(check, CHECK_INTERVAL_MS);
  }

  /* A link that names a step but none of the run's settings
     (#lesson=xor&step=2) gets the step's settings: true if it was sent on. */
  function completeLink(settings) {
    const l = lessons.find((x) => x.id === settings.lesson);
    if (!l) return false;
    const given = Object.keys(parse(location.hash).given);
    if (given.some((k) => !RULES[k].view)) return false;
    location.replace(stepHash(l, Math.min(settings.step, l.steps.length)));
    return true;
  }

  /* A new hash: show its lesson step; a step entered without a new network
     (its settings were already the panel's) still starts from a new one. */
  panel.hashListeners.push((settings, before, rebuilt) => {
    if (completeLink(settings)) return;
    const entered = settings.lesson !== before.lesson || settings.step !== before.step;
    if (entered && settings.lesson && !rebuilt) panel.actions.rebuild();
    show(settings);
  });

  const go = (n) => { location.hash = stepHash(state.lesson, n); };
  el.prev.addEventListener('click', () => { if (state.step > 1) go(state.step - 1); });
  el.next.addEventListener('click', () => {
    if (state.step < state.lesson.steps.length) go(state.step + 1);
    else leave(`You finished the lesson “${state.lesson.title}”.`);
  });
  el.leave.addEventListener('click', () => leave('You left the lesson; the panel keeps its settings.'));

  function leave(message) {
    const settings = Object.assign({}, panel.settings, { lesson: '', step: 1 });
    location.hash = '#' + serialize(settings);
    panel.ui.readout.narrate(message, true);
  }

  /* The link the page opened with. */
  panel.readyListeners.push(() => { if (!completeLink(panel.settings)) show(panel.settings); });
  return {
    get current() { return state.lesson ? { id: state.lesson.id, step: state.step, met: state.met } : null; },
    lessons,
    check,
  };
}

/* controls.js: the panel's buttons and inputs. It turns DOM events into
   calls on `actions` and shows the state it is given; it keeps no training
   state of its own. Every control is a native <button>, <input> or <select>
   with a <label>, so it works from the keyboard and with screen readers. */
import { byId } from '../kit/dom.js';
import * as hs from './hashstate.js';

function speedLabel(v) {
  if (v >= 1) return `${v} epoch${v === 1 ? '' : 's'}/frame`;
  return `1 epoch every ${Math.round(1 / v)} frames`;
}

/* The panel's controls, by the ids of index.html's panel markup. */
function elements() {
  return {
    play: byId('play'), playLabel: byId('play-label'), playIcon: byId('play-icon'),
    step: byId('step'), stepPhase: byId('step-phase'), reset: byId('reset'), newSeed: byId('new-seed'),
    speed: byId('speed'), speedOut: byId('speed-out'), rateOut: byId('rate-out'), lr: byId('lr'),
    activation: byId('activation'), hidden: byId('hidden'), hiddenOut: byId('hidden-out'),
    seed: byId('seed'), logScale: byId('log-scale'), point: byId('point'),
    divergedReset: byId('diverged-reset'), divergedResetLr: byId('diverged-reset-lr'),
  };
}

/* The learning-rate list; a rate from the link that is not in it is
   added as its own option (as text, never as HTML). */
function fillLearningRates(el, extra) {
  el.lr.textContent = '';
  const rates = hs.LEARNING_RATES.slice();
  if (extra !== null && !rates.includes(extra)) rates.push(extra);
  rates.sort((a, b) => a - b);
  for (const r of rates) {
    const o = document.createElement('option');
    o.value = String(r);
    o.textContent = !hs.LEARNING_RATES.includes(r) ? `${r} (from link)` : r === hs.DEFAULTS.lr ? `${r} (default)` : String(r);
    el.lr.appendChild(o);
  }
}


/* DOM events -> calls on `actions`. */
function wire(el, actions, state) {
  el.play.addEventListener('click', () => actions.togglePlay());
  el.step.addEventListener('click', () => actions.step());
  el.stepPhase.addEventListener('click', () => actions.stepPhase());
  el.reset.addEventListener('click', () => actions.reset());
  el.newSeed.addEventListener('click', () => actions.newSeed());
  el.divergedReset.addEventListener('click', () => actions.reset());
  el.divergedResetLr.addEventListener('click', () => actions.resetWithDefaultRate());
  el.speed.addEventListener('input', () => {
    const v = hs.SPEEDS[+el.speed.value];
    state.speed = v;
    el.speedOut.textContent = speedLabel(v);
    el.speed.setAttribute('aria-valuetext', speedLabel(v));
    actions.setSpeed(v);
  });
  el.lr.addEventListener('change', () => actions.setLearningRate(+el.lr.value));
  el.activation.addEventListener('change', () => actions.setActivation(el.activation.value));
  el.hidden.addEventListener('input', () => {
    el.hiddenOut.textContent = el.hidden.value;
    actions.setHidden(+el.hidden.value);
  });
  el.seed.addEventListener('change', () => {
    const v = Number(el.seed.value);
    if (Number.isInteger(v) && v >= 0 && v <= hs.MAX_SEED) actions.setSeed(v);
    else el.seed.value = String(actions.currentSeed());
  });
  el.logScale.addEventListener('change', () => actions.setLogScale(el.logScale.checked));
  // 'input' follows the spinner arrows and typing; an out-of-range or
  // partial entry is left alone until 'change', which restores the point.
  el.point.addEventListener('input', () => {
    const v = Number(el.point.value);
    if (el.point.value !== '' && Number.isInteger(v) && v >= 0 && v <= +el.point.max) actions.selectPoint(v);
  });
  el.point.addEventListener('change', () => { el.point.value = String(actions.currentPoint()); });
}

export function createControls(actions) {
  const el = elements();
  const state = { speed: hs.DEFAULTS.speed }; // the speed shown
  el.speed.max = String(hs.SPEEDS.length - 1);
  fillLearningRates(el, null);
  wire(el, actions, state);
  return {
    /* Shows settings s (as from hashstate.parse) in the controls. */
    show(s) {
      const si = hs.SPEEDS.indexOf(s.speed);
      el.speed.value = String(si < 0 ? hs.SPEEDS.indexOf(hs.DEFAULTS.speed) : si);
      state.speed = s.speed;
      el.speedOut.textContent = speedLabel(s.speed);
      el.speed.setAttribute('aria-valuetext', speedLabel(s.speed));
      fillLearningRates(el, s.lr);
      el.lr.value = String(s.lr);
      el.activation.value = s.activation;
      el.hidden.value = String(s.hidden);
      // With `layers`, the slider's one layer is replaced by the widths shown.
      const same = s.layers && s.layers.length > 2 && s.layers.every((w) => w === s.layers[0]);
      el.hiddenOut.textContent = !s.layers ? String(s.hidden) : !s.layers.length ? 'no hidden layer'
        : `${same ? `${s.layers[0]} ×${s.layers.length}` : s.layers.join(' · ')} (layers)`;
      el.seed.value = String(s.seed);
      el.logScale.checked = !!s.log;
      el.divergedResetLr.textContent = `Reset with learning rate ${hs.DEFAULTS.lr}`;
    },
    /* The epochs per frame actually reached when the training budget cuts
       the speed short ("500 epochs/frame (≈225 reached)"); null: just the
       speed. The page's rate line (index.html only: #rate-out) gives the
       epochs per second while playing. Texts are only rewritten when they change. */
    showReached(perFrame, perSecond) {
      const reached = perFrame === null ? '' :
        ` (≈${perFrame >= 10 ? Math.round(perFrame) : +perFrame.toFixed(1)} reached)`;
      const text = speedLabel(state.speed) + reached;
      if (el.speedOut.textContent !== text) el.speedOut.textContent = text;
      if (!el.rateOut) return;
      const rate = perSecond === null || perSecond === undefined ? '' :
        `≈${Math.round(perSecond).toLocaleString('en-US')} epochs/s`;
      if (el.rateOut.textContent !== rate) el.rateOut.textContent = rate;
    },
    setPlaying(on) {
      el.playLabel.textContent = on ? 'Pause' : 'Play';
      el.playIcon.className = on ? 'icon icon-pause' : 'icon icon-play';
    },
    setDiverged(on) {
      el.play.disabled = on;
      el.step.disabled = on;
      el.stepPhase.disabled = on;
    },
    setEnabled(on) {
      for (const k of ['play', 'step', 'stepPhase', 'reset', 'newSeed', 'speed', 'lr', 'activation', 'hidden', 'seed', 'logScale', 'point']) el[k].disabled = !on;
    },
    /* The followed point and how many there are (0..count-1). */
    showPoint(i, count) {
      el.point.max = String(count - 1);
      if (el.point.value !== String(i)) el.point.value = String(i);
    },
    focusReset() { el.divergedReset.focus(); },
  };
}

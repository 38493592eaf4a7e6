/* host-messages.js: the panel's side of the host protocol (host-protocol.js
   lists the messages), active only when the page is in a frame.

   Who may command: only the embedding page. A command counts only when its
   event.source is window.parent, so a sibling frame, a popup or a script in
   another frame cannot drive the panel; anything else is ignored without an
   answer. Origins: under sandbox="allow-scripts" (no allow-same-origin) the
   panel's origin is opaque and the host's event.origin for it is "null", and
   the panel cannot know which page embeds it; so it posts to targetOrigin
   '*'. That is safe because nothing it sends is secret: training numbers, its
   height, the address of the public explainer. The host, for its part,
   checks event.source (and, when not sandboxed, event.origin) before it
   believes a message (README). */
import { formatNumber as fmt } from '../lib/numbers.js';
import * as hs from './hashstate.js';
import { syncViews, emitPhase } from './panel.js';
import { checkCommand, message } from './host-protocol.js';

const EVENT_INTERVAL_MS = 250; // epoch / phase / diverged: at most 4 a second

/* win: the window; p: the panel (panel.js); returns { post } or null when
   the page is not in a frame. */
export function connectHost(win, p) {
  if (win.parent === win) return null;
  const post = (type, fields) => {
    try { win.parent.postMessage(message(type, fields), '*'); } catch (e) { /* the host went away */ }
  };

  // The content height, on load and on every change.
  const root = win.document.documentElement;
  let lastHeight = -1;
  const height = () => Math.ceil(root.getBoundingClientRect().height);
  const sendHeight = () => {
    const h = height();
    if (h !== lastHeight) { lastHeight = h; post('height', { height: h }); }
  };
  new win.ResizeObserver(sendHeight).observe(root);
  sendHeight();

  const fail = (error) => post('error', error);

  win.addEventListener('message', (event) => {
    if (event.source !== win.parent) return;
    const checked = checkCommand(event.data);
    if (checked === null) return;
    if (checked.error) { fail(checked.error); return; }
    const c = checked.command;
    const refuse = (text) => fail({ field: 'type', message: text, command: c.type, id: c.id });
    if (!p.ready || !p.session || !p.session.net) { refuse('the panel is not ready yet: wait for its ready message'); return; }
    if (p.session.diverged && (c.type === 'play' || c.type === 'step' || c.type === 'stepPhase')) {
      refuse(`the run diverged, so it cannot ${c.type}: send reset (or configure a smaller lr) first`);
      return;
    }
    run(win, p, c);
  });

  // Events: the state, compared every EVENT_INTERVAL_MS once ready.
  let last = null;
  function poll() {
    const s = p.session, net = s && s.net;
    if (!p.ready || !net) return;
    const ph = net.phase;
    const now = { epoch: net.epoch, loss: net.loss, accuracy: net.accuracy(), playing: s.playing,
      diverged: s.diverged, phase: ph.phase, layer: ph.layer };
    const hash = '#' + hs.serialize(p.settings);
    if (last === null) post('ready', { hash, height: height() });
    else if (hash !== last.hash) post('settings', { hash });
    now.hash = hash;
    if (now.diverged && !(last && last.diverged)) post('diverged', { epoch: now.epoch, loss: now.loss });
    if (!last || now.phase !== last.phase || now.layer !== last.layer) post('phase', { phase: now.phase, layer: now.layer, epoch: now.epoch });
    if (!last || now.epoch !== last.epoch || !Object.is(now.loss, last.loss) || now.playing !== last.playing) {
      post('epoch', { epoch: now.epoch, loss: now.loss, accuracy: now.accuracy, playing: now.playing });
    }
    last = now;
  }
  win.setInterval(poll, EVENT_INTERVAL_MS);
  return { post };
}

/* A checked command, on the panel. */
function run(win, p, c) {
  const a = p.actions;
  switch (c.type) {
    case 'play': a.setPlaying(true); break;
    case 'pause': a.setPlaying(false); break;
    case 'stepPhase': a.stepPhase(); break;
    case 'reset': a.reset(); break;
    case 'step': if (c.n === 1) a.step(); else stepMany(p, c.n); break;
    case 'configure': {
      // As a new link would: the hash changes (replacing the frame's history
      // entry, so the host page's Back button is not affected), and the
      // panel applies it (a new network unless only view keys changed).
      const next = Object.assign({}, p.settings, c.settings);
      win.location.replace('#' + hs.serialize(next));
      break;
    }
    default: break;
  }
}

/* n epochs at once (step with n > 1), narrated with the loss before and after. */
function stepMany(p, n) {
  p.actions.setPlaying(false);
  if (p.phase.leave()) emitPhase(p);
  const net = p.session.net, e0 = net.epoch, before = net.loss;
  p.session.trainChunks(n, Infinity);
  p.paramsDirty = true;
  if (!p.session.diverged) {
    syncViews(p);
    p.ui.readout.narrate(`Epoch ${e0} → ${net.epoch}: ${n} epochs of gradient descent, loss ${fmt(before, 3)} → ${fmt(net.loss, 3)}`);
  }
  emitPhase(p);
  p.invalidate();
}

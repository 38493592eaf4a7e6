/* scheduler.js: the page's one requestAnimationFrame loop.

   Frame-loop contract: one callback per frame does everything. It runs the
   primary client (the panel: redraw what changed, then train), then the
   frame clients (the explainer's demos), each only if the frame so far took
   less than CLIENT_START_MS; while the panel is busy (playing) and a client
   wants frames too, they take alternate frames (the panel trains the
   skipped frame's epochs on its next one), so a frame holds one or the
   other. A frame is only requested while something is left to do (busy, a
   view still refining, a client running, or an invalidate()), and never
   while the page is hidden.

   Its environment is injected ({ now, requestFrame, cancelFrame, hidden }),
   so tests drive it in Node with a fake clock (tests/node/scheduler.test.mjs). */

const STATS = 600;          // frames of timing kept for stats()
const CLIENT_START_MS = 6;  // frame clients tick only if the frame took less

/* Frame rate and work per frame over the last STATS frames of the ring
   buffers (work: ms of each frame's callback; time: its timestamp). */
function frameStats(frameWork, frameTime, frames, requests) {
  const n = Math.min(frames, STATS);
  const work = Array.from(frameWork.slice(0, n)).sort((a, b) => a - b);
  const times = Array.from(frameTime.slice(0, n)).sort((a, b) => a - b);
  const span = n > 1 ? times[n - 1] - times[0] : 0;
  return {
    frames: n,
    fps: span > 0 ? (n - 1) / (span / 1000) : 0,
    meanWork: n ? work.reduce((a, b) => a + b, 0) / n : 0,
    p95Work: n ? work[Math.min(n - 1, Math.floor(n * 0.95))] : 0,
    maxWork: n ? work[n - 1] : 0,
    totalFrames: frames, // since resetStats(), not capped
    requests,            // requestFrame calls since resetStats()
  };
}

/* env.now(): ms; env.requestFrame(cb) -> id, cb(timestamp); env.cancelFrame(id);
   env.hidden(): true while no frame may run. */
export function createScheduler(env) {
  let raf = 0, primary = null, requests = 0;
  const clients = [];
  let clientsActive = false, clientTurn = false;
  const frameWork = new Float64Array(STATS), frameTime = new Float64Array(STATS);
  let frames = 0;

  function invalidate() {
    if (!raf && !env.hidden()) {
      raf = env.requestFrame(frame);
      requests++;
    }
  }

  function frame(now) {
    raf = 0;
    const t0 = env.now();
    const shared = clientsActive && !!primary && primary.busy();
    clientTurn = shared && !clientTurn;
    let more = primary ? primary.frame({ now, t0, trainNow: !clientTurn, sharing: clientsActive }) : false;
    let active = false;
    for (const c of clients) {
      if ((!shared || clientTurn) && env.now() - t0 < CLIENT_START_MS) c.tick(now);
      else more = true;
      if (c.wantsFrame()) active = true;
    }
    clientsActive = active;
    frameWork[frames % STATS] = env.now() - t0;
    frameTime[frames % STATS] = now;
    frames++;
    if ((primary && primary.busy()) || more || active) invalidate();
  }

  /* The page became hidden or visible: a hidden page trains and draws
     nothing; a visible one continues where it stopped. */
  function visibilityChanged() {
    if (env.hidden()) {
      if (raf) env.cancelFrame(raf);
      raf = 0;
    } else invalidate();
  }

  const stats = () => frameStats(frameWork, frameTime, frames, requests);

  return {
    invalidate, visibilityChanged, stats,
    resetStats() { frames = 0; requests = 0; },
    /* primary: { busy() -> bool, frame({ now, t0, trainNow, sharing }) -> wants another frame }. */
    setPrimary(p) { primary = p; invalidate(); },
    /* client: { tick(now), wantsFrame() -> bool }; call invalidate() when it
       needs a frame for another reason (input). */
    addClient(c) { clients.push(c); invalidate(); },
  };
}

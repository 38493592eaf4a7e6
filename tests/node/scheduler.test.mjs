// The page's one frame loop (web/js/panel/scheduler.js), driven by a fake
// clock and a fake requestAnimationFrame.
import test from 'node:test';
import assert from 'node:assert/strict';
import { createScheduler } from '../../web/js/panel/scheduler.js';

/* A fake environment: frames run when the test says, the clock moves when
   a client "works" (advance) or a frame starts. */
function fakeEnv() {
  const env = { time: 0, pending: null, requested: 0, cancelled: 0, isHidden: false };
  env.now = () => env.time;
  env.requestFrame = (cb) => { env.pending = cb; env.requested++; return env.requested; };
  env.cancelFrame = () => { env.pending = null; env.cancelled++; };
  env.hidden = () => env.isHidden;
  /* Runs the pending frame at the next 16.7 ms tick; false if none was asked for. */
  env.runFrame = () => {
    const cb = env.pending;
    if (!cb) return false;
    env.pending = null;
    env.time = Math.ceil((env.time + 0.001) / 16.7) * 16.7;
    cb(env.time);
    return true;
  };
  return env;
}

function primary(env, { busy = false, work = 1, more = false } = {}) {
  const p = { busy, work, more, calls: [] };
  p.api = { busy: () => p.busy, frame: (f) => { p.calls.push(f); env.time += p.work; return p.more; } };
  return p;
}

function client(env, { wants = true, work = 1 } = {}) {
  const c = { wants, work, ticks: 0 };
  c.api = { tick: () => { c.ticks++; env.time += c.work; }, wantsFrame: () => c.wants };
  return c;
}

test('invalidate asks for one frame however often it is called; an idle loop stops', () => {
  const env = fakeEnv();
  const s = createScheduler(env);
  const p = primary(env);
  s.setPrimary(p.api);
  s.invalidate(); s.invalidate();
  assert.equal(env.requested, 1);
  assert.equal(env.runFrame(), true);
  assert.equal(p.calls.length, 1);
  assert.equal(env.runFrame(), false, 'nothing busy, nothing dirty: no further frame');
  assert.equal(s.stats().requests, 1);
});

test('while busy, every frame asks for the next; the panel trains in each', () => {
  const env = fakeEnv();
  const s = createScheduler(env);
  const p = primary(env, { busy: true });
  s.setPrimary(p.api);
  for (let i = 0; i < 10; i++) assert.equal(env.runFrame(), true);
  assert.equal(p.calls.length, 10);
  assert.ok(p.calls.every((f) => f.trainNow), 'no client: every frame trains');
  const st = s.stats();
  assert.equal(st.totalFrames, 10);
  assert.ok(Math.abs(st.fps - 1000 / 16.7) < 0.5, `${st.fps} fps at 16.7 ms frames`);
  assert.equal(st.meanWork, 1);
});

test('a busy panel and a running client take alternate frames', () => {
  const env = fakeEnv();
  const s = createScheduler(env);
  const p = primary(env, { busy: true });
  const c = client(env);
  s.setPrimary(p.api);
  s.addClient(c.api);
  env.runFrame(); // the client has not said it wants frames yet: both run
  const trainNow = [];
  for (let i = 0; i < 6; i++) { env.runFrame(); trainNow.push(p.calls[p.calls.length - 1].trainNow); }
  assert.deepEqual(trainNow, [false, true, false, true, false, true]);
  assert.equal(c.ticks, 4, 'the client ticked on the first frame and on the three the panel skipped');
  assert.ok(p.calls.slice(1).every((f) => f.sharing));
});

test('a client does not tick in a frame the panel already filled past 6 ms', () => {
  const env = fakeEnv();
  const s = createScheduler(env);
  const p = primary(env, { work: 7, more: false });
  const c = client(env, { wants: false });
  s.setPrimary(p.api);
  s.addClient(c.api);
  env.runFrame();
  assert.equal(c.ticks, 0);
  assert.equal(env.runFrame(), true, 'the skipped client gets another frame');
  p.work = 1;
  env.runFrame();
  assert.equal(c.ticks, 1);
});

test('a hidden page requests no frame and cancels the one pending; visible again, it resumes', () => {
  const env = fakeEnv();
  const s = createScheduler(env);
  const p = primary(env, { busy: true });
  s.setPrimary(p.api);
  env.isHidden = true;
  s.visibilityChanged();
  assert.equal(env.cancelled, 1);
  s.invalidate();
  assert.equal(env.runFrame(), false);
  assert.equal(env.requested, 1, 'only the frame asked for before hiding');
  env.isHidden = false;
  s.visibilityChanged();
  assert.equal(env.runFrame(), true);
  s.resetStats();
  assert.deepEqual([s.stats().totalFrames, s.stats().requests], [0, 0]);
});

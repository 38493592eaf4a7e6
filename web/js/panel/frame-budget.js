/* frame-budget.js: how long a playing frame may train. A frame's
   main-thread work is kept near WORK_TARGET_MS, so that a click or a key
   is answered within the frame and the browser has the rest of the 16.7 ms
   for style, paint and compositing: the training budget is what the
   target leaves after the frame's drawing, as measured over the last
   frames (drawing grows with the network: neuron maps, a wide diagram),
   within [MIN_TRAIN_MS, MAX_TRAIN_MS]. Pure; tested in Node. */

export const WORK_TARGET_MS = 8;
export const MIN_TRAIN_MS = 2;  // a big network still trains while it draws
export const MAX_TRAIN_MS = 7;
const SMOOTHING = 0.2;          // weight of the newest drawing time
const FIRST_DRAW_MS = 2;        // assumed until a frame has been measured

export function createFrameBudget() {
  let draw = FIRST_DRAW_MS;
  return {
    /* The training budget for this frame, in ms. */
    train() { return Math.min(MAX_TRAIN_MS, Math.max(MIN_TRAIN_MS, WORK_TARGET_MS - draw)); },
    /* A playing frame's drawing took ms. */
    drew(ms) { if (ms >= 0 && ms < 1000) draw += SMOOTHING * (ms - draw); },
    get drawEstimate() { return draw; },
  };
}

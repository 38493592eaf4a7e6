/* frame-budget.js: how long a playing frame may train. A frame's
   main-thread work is kept near WORK_TARGET_MS, so that a click or a key
   is answered within the frame and the browser has the rest of the 16.7 ms
   for style, paint and compositing. The panel draws first and trains last
   (panel.js), so the training budget is what the target leaves after this
   frame's own drawing, within [MIN_TRAIN_MS, MAX_TRAIN_MS]: a frame that
   repaints a wide diagram trains less, one that draws nothing trains the
   most. (An average of past frames' drawing, used before, let the frames
   that repaint a wide diagram run over the target by its whole cost.)
   Pure; tested in Node. */

export const WORK_TARGET_MS = 8;
export const MIN_TRAIN_MS = 2;  // a big network still trains while it draws
export const MAX_TRAIN_MS = 7;

export function createFrameBudget() {
  return {
    /* The training budget in ms of a frame whose drawing took drawnMs. */
    train(drawnMs) {
      const drawn = drawnMs >= 0 ? drawnMs : 0;
      return Math.min(MAX_TRAIN_MS, Math.max(MIN_TRAIN_MS, WORK_TARGET_MS - drawn));
    },
  };
}

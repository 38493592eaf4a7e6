/* lesson-keys.js: the link's settings for lessons and for a run of a set
   length. All are view keys: they never rebuild the network by themselves.
     lesson  the id of a lesson (content/lessons/*.json, as built); '' = none
     step    its step, from 1
     epochs  Play stops by itself at this epoch (the seed's
             mlp_train(..., epochs=200)); 0 = never */
import { wholeIn } from './parsers.js';
import lessons from '../../../build/lessons.mjs'; // made by tools/build-lessons.mjs

// The lessons a link may name (content/lessons/*.json, as built).
export const LESSON_IDS = Object.freeze(lessons.map((l) => l.id));

export const MAX_EPOCHS = 10000000;
export const MAX_STEPS = 12;

export const rules = {
  lesson: {
    parse: (v) => (LESSON_IDS.includes(v) ? v : undefined),
    rule: `the id of a lesson: ${LESSON_IDS.join(', ')}`, view: true,
  },
  step: wholeIn(1, MAX_STEPS, { view: true }),
  epochs: wholeIn(0, MAX_EPOCHS, { view: true }),
};
export const defaults = { lesson: '', step: 1, epochs: 0 };

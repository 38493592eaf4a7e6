/* lesson-keys.js: the link's settings for lessons and for a run of a set
   length. All are view keys: they never rebuild the network by themselves.
     lesson  the id of a lesson (content/lessons/*.json); '' = none
     step    its step, from 1
     epochs  Play stops by itself at this epoch (the seed's
             mlp_train(..., epochs=200)); 0 = never */
import { wholeIn } from './parsers.js';

export const MAX_EPOCHS = 10000000;
export const MAX_STEPS = 12;

export const rules = {
  lesson: {
    parse: (v) => (v === '' || /^[a-z][a-z0-9-]{1,39}$/.test(v) ? v : undefined),
    rule: 'a lesson id (lower-case letters, digits and -)', view: true,
  },
  step: wholeIn(1, MAX_STEPS, { view: true }),
  epochs: wholeIn(0, MAX_EPOCHS, { view: true }),
};
export const defaults = { lesson: '', step: 1, epochs: 0 };

/* data-keys.js: the link's settings for the data the panel trains on (the
   data playground): dataset, classes, points, noise, test.
     rules:    key -> rule (see parsers.js)
     defaults: key -> value when the link does not set it
     options(settings) -> the createNetwork options these keys set
     check(settings) -> problems of keys that depend on each other (a noise
       or a class count the chosen dataset does not allow); the settings are
       put back to the dataset's own values
     outputWidth(settings) -> the output layer's width: K classes, or 1 for
       a regression dataset (linear output)

   `classes` and `noise` default to null, which means the dataset's own
   (quadrants: 4 classes, noise 0.3; spiral: 3 arms, noise 0.1; ...), so a
   link that only names a dataset gets a sensible one, and the seed's link
   (no data keys) builds exactly the seed's 200 points. Ranges come from the
   core's generated table (web/build/limits.mjs), never written here. */
import { LIMITS } from '../../core/limits.js';
import { DATASETS } from '../../../build/limits.mjs';
import { oneOf, wholeIn, numberIn } from './parsers.js';

export const DATASET_NAMES = Object.freeze(DATASETS.map((d) => d.name));
const MAX_NOISE = Math.max(...DATASETS.map((d) => d.maxNoise));
const MIN_CLASSES = LIMITS.CLASSES.min, MAX_CLASSES = LIMITS.CLASSES.max;

// Classes drawn when the link names a dataset with a choice of K but no K.
const DEFAULT_K = 3;

/* The core's row for a dataset name: { name, output, minClasses, maxClasses, defaultNoise, maxNoise }. */
export function datasetRow(name) {
  return DATASETS.find((d) => d.name === name) || DATASETS[0];
}

export const isRegression = (s) => datasetRow(s.dataset).output === 'linear';

/* The dataset's own class count (K when it allows a choice: DEFAULT_K). */
export function defaultClasses(name) {
  const row = datasetRow(name);
  return row.minClasses === row.maxClasses ? row.minClasses : Math.max(row.minClasses, Math.min(row.maxClasses, DEFAULT_K));
}

/* The classes the settings ask for (1 for a regression dataset). */
export function classesOf(s) {
  return s.classes === null || s.classes === undefined ? defaultClasses(s.dataset) : s.classes;
}

export function noiseOf(s) {
  return s.noise === null || s.noise === undefined ? datasetRow(s.dataset).defaultNoise : s.noise;
}

export const outputWidth = (s) => (isRegression(s) ? 1 : classesOf(s));

/* null is written as 'auto' (never in a link: it is the default). */
const auto = (rule) => Object.assign({}, rule, {
  parse: (v) => (v === 'auto' ? null : rule.parse(v)),
  rule: `${rule.rule}, or auto (the dataset's own)`,
  format: (v) => (v === null ? 'auto' : String(v)),
});

export const rules = {
  dataset: oneOf(DATASET_NAMES),
  classes: auto(wholeIn(MIN_CLASSES, MAX_CLASSES)),
  points: wholeIn(LIMITS.GEN_POINTS.min, LIMITS.GEN_POINTS.max),
  noise: auto(numberIn(0, MAX_NOISE)),
  test: numberIn(LIMITS.TEST_FRACTION.min, LIMITS.TEST_FRACTION.max),
};

export const defaults = { dataset: 'quadrants', classes: null, points: 200, noise: null, test: 0 };

/* Problems { key, message } of a class count or noise the dataset does not
   allow; each such setting goes back to the dataset's own. */
export function check(s) {
  const row = datasetRow(s.dataset), problems = [];
  if (s.classes !== null && s.classes !== undefined && (s.classes < row.minClasses || s.classes > row.maxClasses)) {
    const allowed = row.minClasses === row.maxClasses ? `${row.minClasses}` : `from ${row.minClasses} to ${row.maxClasses}`;
    problems.push({ key: 'classes', message: `classes must be ${allowed} for the ${row.name} dataset, got "${s.classes}"; using ${defaultClasses(row.name)}` });
    s.classes = null;
  }
  if (s.noise !== null && s.noise !== undefined && s.noise > row.maxNoise) {
    problems.push({ key: 'noise', message: `noise must be a number from 0 to ${row.maxNoise} for the ${row.name} dataset, got "${s.noise}"; using ${row.defaultNoise}` });
    s.noise = null;
  }
  return problems;
}

/* createNetwork's data options, and a linear output for regression (the
   output layer's width is outputWidth: the panel sets layers' last entry). */
export function options(s) {
  const o = { dataset: s.dataset, points: s.points, noise: noiseOf(s), classes: outputWidth(s), testFraction: s.test };
  if (isRegression(s)) o.output = 'linear';
  return o;
}

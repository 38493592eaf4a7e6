/* train-options.js: the playground's options of createNetwork (input
   features, update rule, weight penalty), their defaults and checks. Kept
   apart from args.js, which calls normaliseTrain in one place, and
   importing only limits.js, so args.js and train-api.js can both use it
   without an import cycle. Names come from the core's generated tables
   (FEATURES, OPTIMIZERS, REGULARIZATIONS in web/build/limits.mjs), so an id
   here is the id the core uses. */
import { LIMITS, checkLimit, describe, isArray, fail } from './limits.js';
import { FEATURES, OPTIMIZERS, REGULARIZATIONS } from '../../build/limits.mjs';

export { FEATURES, OPTIMIZERS, REGULARIZATIONS };

/* As mlp_desc_defaults: raw inputs, sgd, no penalty, the customary betas. */
export const TRAIN_DEFAULTS = Object.freeze({
  features: null, optimizer: 'sgd', beta1: 0.9, beta2: 0.999, epsilon: 1e-8,
  regularization: 'none', regularizationRate: 0,
});


export function checkChoice(value, field, names) {
  if (!names.includes(value)) fail(`${field} must be one of ${names.join(', ')}, got ${describe(value)}`);
  return names.indexOf(value);
}

/* Typed before the range, so '0.9' is called a string, not out of range. */
export function checkReal(limit, value, field) {
  if (typeof value !== 'number') fail(`${field} must be a number, got ${describe(value)}`);
  return checkLimit(limit, value, field);
}

/* features: null (the raw inputs) or a non-empty list of distinct names in
   any order -> the core's bit mask (0 for null). Layer 0 holds them in the
   table's order whatever order they were listed in. */
export function featureMask(features, field = 'features') {
  if (features === null) return 0;
  if (!isArray(features) || features.length === 0) {
    fail(`${field} must be null or a non-empty array of names from ${FEATURES.join(', ')}, got ${describe(features)}`);
  }
  let mask = 0;
  features.forEach((name, i) => {
    const bit = 1 << checkChoice(name, `${field}[${i}]`, FEATURES);
    if (mask & bit) fail(`${field}[${i}] repeats ${describe(name)}`);
    mask |= bit;
  });
  return mask;
}

/* The names of a mask's features, in layer 0's order; null for 0. */
export function featureNames(mask) {
  if (!mask) return null;
  return FEATURES.filter((_, id) => mask & (1 << id));
}

/* Checks the options of TRAIN_DEFAULTS in o (defaults already filled in)
   and fills in layers[0] from the features when the caller gave no layers;
   given layers must agree. given: the caller's own options (or {}).
   @return the codes the core takes { features, optimizer, regularization }. */
export function normaliseTrain(o, given) {
  const features = featureMask(o.features);
  const count = featureNames(features)?.length;
  if (features && isArray(o.layers)) {
    if (!given.layers) o.layers = [count, ...o.layers.slice(1)];
    else if (o.layers[0] !== count) {
      fail(`layers[0] (inputs) must equal the number of features, ${count} (${featureNames(features).join(', ')}), got ${describe(o.layers[0])}`);
    }
  }
  const codes = {
    features,
    optimizer: checkChoice(o.optimizer, 'optimizer', OPTIMIZERS),
    regularization: checkChoice(o.regularization, 'regularization', REGULARIZATIONS),
  };
  checkReal(LIMITS.BETA, o.beta1, 'beta1');
  checkReal(LIMITS.BETA, o.beta2, 'beta2');
  checkReal(LIMITS.EPSILON, o.epsilon, 'epsilon');
  checkReal(LIMITS.REG_RATE, o.regularizationRate, 'regularizationRate');
  return codes;
}

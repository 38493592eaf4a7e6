/* check.js: a lesson's task, checked against the live panel. A task's
   `check` is data (written in content/lessons/*.json, validated at build
   time by tools/build-lessons.js):

     { "metric": "accuracy", "min": 1 }              a number at least / at most
     { "metric": "activation", "equals": "relu" }    a value equal
     { "all": [ ...checks ] }  { "any": [ ...checks ] }

   The metrics are read from the panel (metricsOf): what a student sees in
   the readout and the controls. Pure; tested in Node. */

/* name -> what it is, for the validator's messages and the README. */
export const METRICS = Object.freeze({
  epoch: 'epochs trained',
  loss: 'training loss',
  accuracy: 'training accuracy, 0 to 1',
  testAccuracy: 'test accuracy, 0 to 1 (NaN without a test set)',
  testLoss: 'test loss (NaN without a test set)',
  diverged: 'true once the run diverged',
  playing: 'true while training plays',
  phase: 'the phase last stepped (init, forward, output, softmax, loss, error, backward, update)',
  hiddenLayers: 'number of hidden layers',
  neurons: 'hidden units in all',
  activation: 'hidden activation',
  lr: 'learning rate',
  dataset: 'the dataset trained on',
  features: 'number of input features',
  optimizer: 'the update rule',
});

/* The live values of METRICS from the panel's settings, its network (null
   before it loads) and { playing, phase }. */
export function metricsOf(settings, net, { playing = false, phase = 'init' } = {}) {
  const hidden = net ? net.layers.slice(1, -1) : [];
  const acc = net ? net.accuracy() : null;
  const tested = !!net && net.testPointCount > 0;
  const testAcc = tested ? net.accuracy('test') : null;
  return {
    epoch: net ? net.epoch : 0,
    loss: net ? net.loss : NaN,
    accuracy: acc === null ? NaN : acc,
    testAccuracy: testAcc === null ? NaN : testAcc,
    testLoss: tested ? net.testLoss : NaN,
    diverged: !!net && net.diverged,
    playing,
    phase,
    hiddenLayers: hidden.length,
    neurons: hidden.reduce((a, b) => a + b, 0),
    activation: net ? net.activation : settings.activation,
    lr: net ? net.learningRate : settings.lr,
    dataset: settings.dataset || 'quadrants',
    features: net ? net.layers[0] : 2,      // the input width: 2, or the features chosen
    optimizer: net ? net.optimizer : 'sgd',
  };
}

/* True if `check` holds for `m`. A missing or NaN number never meets a bound. */
export function evaluate(check, m) {
  if (check.all) return check.all.every((c) => evaluate(c, m));
  if (check.any) return check.any.some((c) => evaluate(c, m));
  const v = m[check.metric];
  if ('equals' in check) return v === check.equals;
  if (typeof v !== 'number' || v !== v) return false;
  if ('min' in check && !(v >= check.min)) return false;
  if ('max' in check && !(v <= check.max)) return false;
  return true;
}

/* Problems with a check's shape (empty if it is well formed); `where` names it. */
export function validateCheck(check, where) {
  const out = [];
  if (!check || typeof check !== 'object' || Array.isArray(check)) return [`${where}: a check must be an object`];
  const list = check.all || check.any;
  if (list) {
    if (!Array.isArray(list) || list.length === 0) return [`${where}: all/any must be a non-empty list`];
    list.forEach((c, i) => out.push(...validateCheck(c, `${where}.${check.all ? 'all' : 'any'}[${i}]`)));
    return out;
  }
  if (!Object.prototype.hasOwnProperty.call(METRICS, check.metric)) {
    return [`${where}: metric must be one of ${Object.keys(METRICS).join(', ')}, got ${JSON.stringify(check.metric)}`];
  }
  const keys = Object.keys(check).filter((k) => k !== 'metric');
  const bad = keys.filter((k) => !['min', 'max', 'equals'].includes(k));
  if (bad.length) out.push(`${where}: unknown field ${bad[0]} (min, max or equals)`);
  if (!keys.some((k) => ['min', 'max', 'equals'].includes(k))) out.push(`${where}: needs min, max or equals`);
  for (const k of ['min', 'max']) if (k in check && !Number.isFinite(check[k])) out.push(`${where}: ${k} must be a finite number`);
  return out;
}

// A usage example of the whole Node API, compiled with tsc --noEmit --strict
// against index.d.ts by tests/node/package.test.js (in a project that
// installed the packed tarball). It is type-checked, not run.
import {
  createNetwork, restoreNetwork, loadCore, setCoreLoader, Network,
  ACTIVATIONS, INITS, OUTPUTS, PHASES, FEATURES, OPTIMIZERS, REGULARIZATIONS, FORMAT, LIMITS, DATASETS, DEFAULTS,
} from 'mlp-explainer';
import type {
  NetworkOptions, SavedRun, PhaseSnapshot, StepResult, Grid, DataSet, UnitInfo, Feature, DatasetInfo, Limit,
  OptimizerState, ParamLayoutEntry, Phase, Core,
} from 'mlp-explainer';

// No @types/node here: the one CommonJS call the example makes.
declare function require(id: string): unknown;

async function main(): Promise<void> {
  const options: NetworkOptions = {
    layers: [3, 8, 4], activation: 'tanh', init: 'glorot', output: 'softmax', learningRate: 0.02,
    batchSize: 32, seed: 7, dataset: 'quadrants', points: 300, noise: 0.3, classes: 4, testFraction: 0.2,
    features: ['x1', 'x2', 'x1*x2'], optimizer: 'adam', beta1: 0.9, beta2: 0.999, epsilon: 1e-8,
    regularization: 'l2', regularizationRate: 0.001,
  };
  const net: Network = await createNetwork(options);
  const plain = await createNetwork();
  plain.destroy();

  // state
  const counts: number[] = [net.epoch, net.paramCount, net.pointCount, net.testPointCount, net.inputs, net.outputs];
  const losses: number[] = [net.loss, net.batchLoss, net.testLoss, net.regLoss];
  net.learningRate = 0.01;
  const diverged: boolean = net.diverged;
  const layers: number[] = net.layers;
  console.log(counts, losses, diverged, layers, net.activation, net.output);

  // training
  const history = new Float64Array(50), testHistory = new Float64Array(50);
  const r: StepResult = net.step(50, history, testHistory);
  net.step();
  const acc: number | null = net.accuracy('test');
  const confusion: Int32Array = net.confusion('train');
  console.log(r.epoch, r.loss, r.diverged, acc, confusion[0]);

  // phases
  const s: PhaseSnapshot = net.stepPhase();
  const again: PhaseSnapshot = net.snapshot();
  const where: Phase = net.phase;
  const a0: Float64Array | null = s.activations[0];
  const grads: Float64Array | null = again.grads;
  const labels: Int32Array | null = s.batchLabels;
  console.log(s.phase === 'softmax' || s.phase === 'forward', s.layer, s.m, s.batchIndex.length, a0, grads, labels,
    s.logits, s.batchLoss, s.deltas[1], s.change, s.layout[0].W, s.params.length, s.features, s.optimizer,
    s.regularization, s.learningRate, s.loss, s.epoch, s.diverged, s.layers, s.activation, s.output, where.layer);
  const batch: Float64Array[] = [net.activations(1), net.deltas(1), net.logits()];
  const columns: Int32Array = net.batchIndex();
  console.log(batch, columns);

  // outputs
  const grid: Grid = { xMin: -2, xMax: 2, yMin: -2, yMax: 2, width: 32, height: 32 };
  const probs: Float32Array = net.predictGrid(grid);
  net.predictGrid(grid, probs);
  const maps: Float32Array = net.unitGrids(grid, new Float32Array(net.unitCount * 32 * 32));
  const units: UnitInfo[] = net.unitLayout();
  const p: Float64Array = net.predict([0, 0, 1, 1]);
  net.predict(new Float64Array([0.5, -0.5]));
  console.log(probs.length, maps.length, units[0].name, p[0]);

  // parameters
  const params: Float64Array = net.getParams();
  net.getGrads(new Float64Array(net.paramCount));
  net.setParams(params);
  net.setParams(Array.from(params));
  const layout: ParamLayoutEntry[] = net.paramLayout();
  const g = net.layerGrads(1);
  console.log(layout[0].fanIn, layout[0].b, g.W.length, g.b.length);

  // data
  const train: DataSet = net.getData();
  const test: DataSet = net.getData('test');
  net.setData({ x: train.x, y: train.y });
  net.setData({ x: [], y: [] }, 'test');
  net.generateData({ dataset: 'spiral', points: 200, noise: 0.1, testFraction: 0.25 });
  net.generateData();
  net.addPoint(0, 0, 2);
  net.removePoint(0);
  const csv: string = net.toCSV('train');
  net.loadCSV(csv);
  net.loadCSV(csv, 'test');
  net.loadCSV(csv, { testFraction: 0.2 });
  console.log(test.x.length, test.y.length);

  // features, update rules, penalties
  const features: Feature[] | null = net.features;
  net.setOptimizer('momentum', { beta1: 0.8 });
  net.setOptimizer('sgd');
  net.setRegularization('l1', 0.01);
  net.setRegularization('none');
  const state: OptimizerState = net.optimizerState();
  net.resetOptimizer();
  console.log(features, net.optimizer, net.beta1, net.beta2, net.epsilon, net.regularization,
    net.regularizationRate, state.m.length, state.v.length, state.steps);

  // saving a run
  const run: SavedRun = net.toJSON();
  const copy = await createNetwork(run);
  const copy2 = await restoreNetwork(JSON.parse(JSON.stringify(net)));
  if ('labels' in run) console.log(run.labels.length, run.config.layers, run.format === FORMAT, run.epochLoss);
  else console.log(run.targets.length);
  copy.destroy();
  copy2.destroy();
  net.destroy();

  // a linear output, with a target per point
  const reg = await createNetwork({ layers: [2, 6, 1], output: 'linear', dataset: 'plane' });
  reg.addPoint(0.5, 0.5, 0.2);
  reg.addPoint(0.5, 0.5, [0.2]);
  const none: number | null = reg.accuracy();
  console.log(none);
  reg.destroy();

  // the core and the tables
  const core: Core = await loadCore();
  const direct: Network = core.createNetwork({ dataset: 'none' });
  direct.destroy();
  console.log(core.module.HEAPF64.length);
  setCoreLoader(() => require('mlp-explainer/web/build/mlp-core.js'));
  const limit: Limit = LIMITS.UNITS;
  const sets: readonly DatasetInfo[] = DATASETS;
  console.log(ACTIVATIONS[0], INITS[0], OUTPUTS[0], PHASES[0], FEATURES[0], OPTIMIZERS[0], REGULARIZATIONS[0],
    limit.max, sets[0].name, LIMITS[sets[0].noiseLimit].max, DEFAULTS.layers, DEFAULTS.learningRate);
}

main().catch((e: unknown) => { console.log(e instanceof Error ? e.message : e); });

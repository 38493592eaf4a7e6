// Type declarations for require('mlp-explainer') (index.js): the Node face of
// the C core, web/js/core/network.js and its parts (data-api.js,
// train-api.js, run-state.js, phase-snapshot.js). The README's "Using the
// network from Node" and "Features, update rules, penalties and saved runs"
// describe every member; tests/node/package.test.js compiles
// tests/types/usage.ts against this file with tsc --strict and checks the
// name lists below against the module's tables.

// ---- names ----------------------------------------------------------------

/** Hidden activations (ACTIVATIONS). */
export type Activation = 'sigmoid' | 'tanh' | 'relu' | 'linear';
/** Weight initialisations (INITS): the seed's N(0,1)·0.3, Glorot, He; biases 0. */
export type Init = 'seed' | 'glorot' | 'he';
/** Output layer and loss (OUTPUTS): softmax + cross-entropy, or linear + MSE. */
export type Output = 'softmax' | 'linear';
/** The generated datasets (DATASETS[i].name). */
export type DatasetName =
  | 'quadrants' | 'xor' | 'circle' | 'gauss' | 'spiral' | 'moons' | 'sine' | 'cubic' | 'abs'
  | 'plane' | 'multigauss';
/** Input features computed from 2-D data (FEATURES, in layer 0's order). */
export type Feature = 'x1' | 'x2' | 'x1^2' | 'x2^2' | 'x1*x2' | 'sin(x1)' | 'sin(x2)';
/** Update rules (OPTIMIZERS). */
export type Optimizer = 'sgd' | 'momentum' | 'adam';
/** Weight penalties (REGULARIZATIONS); biases are never penalised. */
export type Regularization = 'none' | 'l1' | 'l2';
/** The two sets a network holds. */
export type Which = 'train' | 'test';
/** Phase codes of the core, in order (PHASES). */
export type PhaseCode = 'init' | 'forward' | 'logits' | 'output' | 'loss' | 'output-error' | 'backward' | 'update';
/** A phase as a network reports it: 'output' is called 'softmax' on a softmax network. */
export type PhaseName = PhaseCode | 'softmax';
/** The core's limits by name (LIMITS), generated from MLP_LIMIT_LIST in src/mlp_limits.h. */
export type LimitName =
  | 'INPUTS' | 'HIDDEN_LAYERS' | 'UNITS' | 'CLASSES' | 'OUTPUTS' | 'LEARNING_RATE' | 'BATCH_SIZE' | 'SEED'
  | 'POINTS' | 'NOISE' | 'EPOCHS' | 'GRID_SIDE' | 'GRID_PIXELS' | 'PREDICT_POINTS' | 'COORDINATE' | 'PARAM'
  | 'FEATURES' | 'BETA' | 'EPSILON' | 'REG_RATE' | 'DATASET' | 'GEN_POINTS' | 'TEST_FRACTION' | 'TEST_POINTS'
  | 'NOISE_QUADRANTS' | 'CLASSES_QUADRANTS' | 'NOISE_XOR' | 'CLASSES_XOR' | 'NOISE_CIRCLE' | 'CLASSES_CIRCLE'
  | 'NOISE_GAUSS' | 'CLASSES_GAUSS' | 'NOISE_SPIRAL' | 'CLASSES_SPIRAL' | 'NOISE_MOONS' | 'CLASSES_MOONS'
  | 'NOISE_SINE' | 'CLASSES_SINE' | 'NOISE_CUBIC' | 'CLASSES_CUBIC' | 'NOISE_ABS' | 'CLASSES_ABS'
  | 'NOISE_PLANE' | 'CLASSES_PLANE' | 'NOISE_MULTIGAUSS' | 'CLASSES_MULTIGAUSS';

/** Numbers the wrapper accepts: an array or any typed array (not a DataView). */
export type NumberArray =
  | readonly number[] | Float64Array | Float32Array | Int32Array | Uint32Array | Int16Array | Uint16Array
  | Int8Array | Uint8Array | Uint8ClampedArray;

// ---- options ----------------------------------------------------------------

/** createNetwork's options; every one is optional and checked whether used or not. */
export interface NetworkOptions {
  /** [2, 4, 4]: input width (1–8), 0–8 hidden layers of 1–64 units, outputs (2–8 classes; 1–8 linear). */
  layers?: readonly number[];
  /** 'sigmoid'. */
  activation?: Activation;
  /** 'seed'. */
  init?: Init;
  /** 'softmax'. */
  output?: Output;
  /** 1.0; in (0, 1e6]. */
  learningRate?: number;
  /** 0 = full batch; else mini-batches reshuffled each epoch. */
  batchSize?: number;
  /** 1; 0 to 2³²−1. */
  seed?: number;
  /** 'quadrants'; 'none' for no data. */
  dataset?: DatasetName | 'none';
  /** 200; training + test points, 10–10000 (1–10000 on the seed's quadrants path). */
  points?: number;
  /** The dataset's default when omitted. */
  noise?: number;
  /** K where the dataset allows a choice (gauss, spiral: 2–8); equals the last of layers. */
  classes?: number;
  /** 0; 0–0.9 of the points held out as the test set. */
  testFraction?: number;
  /** null (the raw inputs) or a non-empty list of distinct features. */
  features?: readonly Feature[] | null;
  /** 'sgd'. */
  optimizer?: Optimizer;
  /** 0.9: momentum's β, adam's β₁; 0 to 0.999999. */
  beta1?: number;
  /** 0.999: adam's β₂. */
  beta2?: number;
  /** 1e-8: adam's ε, above 0 and at most 1. */
  epsilon?: number;
  /** 'none'. */
  regularization?: Regularization;
  /** 0; λ from 0 to 100. */
  regularizationRate?: number;
}

/** generateData's options: createNetwork's data options, with the same defaults. */
export interface DataOptions {
  dataset?: DatasetName;
  points?: number;
  noise?: number;
  classes?: number;
  testFraction?: number;
}

/** The pixel grid of predictGrid and unitGrids: pixel 0 is (xMin, yMax), rows go down. */
export interface Grid {
  xMin: number;
  xMax: number;
  yMin: number;
  yMax: number;
  width: number;
  height: number;
}

/** A data set: x row-major (n·inputs); y labels (Int32Array(n)) or targets (Float64Array(n·outputs)). */
export interface DataSet {
  x: Float64Array;
  y: Int32Array | Float64Array;
}

/** What setData takes: x as n·inputs numbers; y as n labels, or n·outputs targets. */
export interface DataInput {
  x: NumberArray;
  y: NumberArray;
}

/** loadCSV's target: a set, or the training set with evenly spaced rows held out. */
export type CSVTarget = Which | { testFraction?: number };

// ---- results ----------------------------------------------------------------

export interface StepResult {
  epoch: number;
  /** Loss of the current parameters. */
  loss: number;
  diverged: boolean;
}

export interface Phase {
  phase: PhaseName;
  layer: number;
}

/** Where layer `layer`'s W (fanIn × fanOut, row-major) and b sit in getParams(). */
export interface ParamLayoutEntry {
  layer: number;
  fanIn: number;
  fanOut: number;
  W: number;
  b: number;
}

export interface OptimizerState {
  /** Momentum's velocity, adam's first moment, in the parameter layout. */
  m: Float64Array;
  /** Adam's second moment. */
  v: Float64Array;
  /** Adam's t. */
  steps: number;
}

export interface OptimizerSettings {
  beta1?: number;
  beta2?: number;
  epsilon?: number;
}

export interface UnitInfo {
  unit: number;
  layer: number;
  index: number;
  /** 'x1*x2', 'x1', 'h2.3', 'class 0' or 'output 0'. */
  name: string;
}

/**
 * One phase of an iteration, frozen: what the phase computed and everything
 * computed before it in the same iteration, as copies it owns; null where not
 * computed yet.
 */
export interface PhaseSnapshot {
  readonly phase: PhaseName;
  readonly layer: number;
  readonly epoch: number;
  readonly diverged: boolean;
  readonly layers: readonly number[];
  readonly activation: Activation;
  readonly output: Output;
  /** The batch size (0 before any phase). */
  readonly m: number;
  /** The data index of each batch column. */
  readonly batchIndex: Int32Array;
  /** Their classes; null for a linear output. */
  readonly batchLabels: Int32Array | null;
  /** activations[l], l = 0 … L: Float64Array(units·m), unit j of column q at [j·m + q]. */
  readonly activations: readonly (Float64Array | null)[];
  readonly logits: Float64Array | null;
  /** NaN before the loss phase. */
  readonly batchLoss: number;
  /** deltas[l], l = 1 … L (deltas[0] is always null). */
  readonly deltas: readonly (Float64Array | null)[];
  /** All layers, in the parameter layout. */
  readonly grads: Float64Array | null;
  readonly layout: readonly Readonly<ParamLayoutEntry>[];
  readonly params: Float64Array;
  /** The update's Δ of every parameter (after − before); null before the update phase. */
  readonly change: Float64Array | null;
  readonly learningRate: number;
  readonly loss: number;
  readonly features: readonly Feature[] | null;
  readonly optimizer: Optimizer;
  readonly regularization: Regularization;
}

// ---- saved runs ---------------------------------------------------------------

/** A saved run's configuration, checked as createNetwork's options. */
export interface SavedRunConfig {
  layers: number[];
  activation: Activation;
  init: Init;
  output: Output;
  learningRate: number;
  batchSize: number;
  seed: number;
  features: Feature[] | null;
  optimizer: Optimizer;
  beta1: number;
  beta2: number;
  epsilon: number;
  regularization: Regularization;
  regularizationRate: number;
}

interface SavedRunBase {
  format: 'mlp-explainer-run';
  version: 1;
  config: SavedRunConfig;
  epoch: number;
  batch: number;
  adamSteps: number;
  epochLossSum: number;
  /** null before any epoch. */
  epochLoss: number | null;
  permDrawn: boolean;
  diverged: boolean;
  /** The generator's 4 words of 64 bits as 8 integers (high, low 32 bits). */
  rng: number[];
  params: number[];
  m: number[];
  v: number[];
  /** The training data, n × inputs (n × 2 raw inputs with features), row-major. */
  x: number[];
  perm: number[];
}

/** A softmax run (net.toJSON()): integer labels. */
export interface SoftmaxRun extends SavedRunBase {
  labels: number[];
}

/** A linear-output run: n·outputs targets. */
export interface LinearRun extends SavedRunBase {
  targets: number[];
}

/** A run as net.toJSON() gives it; JSON.parse(JSON.stringify(net)) restores every bit. */
export type SavedRun = SoftmaxRun | LinearRun;

// ---- the network --------------------------------------------------------------

/** A network (createNetwork); every member throws once it is destroyed. */
export class Network {
  private constructor();

  // state
  /** Loss of the current parameters on all data (cross-entropy, or MSE); NaN without data. */
  readonly loss: number;
  /** Loss of the current batch from the last 'loss' phase (NaN before). */
  readonly batchLoss: number;
  /** The most epochs one step call may train for this network and its data (about a second of work). */
  readonly maxStepEpochs: number;
  readonly epoch: number;
  readonly diverged: boolean;
  /** Settable: in (0, 1e6]. */
  learningRate: number;
  /** A copy. */
  readonly layers: number[];
  readonly activation: Activation;
  readonly output: Output;
  /** Values per data point: layers[0], or 2 (x1, x2) with features. */
  readonly inputs: number;
  readonly outputs: number;
  readonly paramCount: number;
  readonly pointCount: number;
  readonly testPointCount: number;
  /** NaN without a test set. */
  readonly testLoss: number;
  /** The phase last performed ({ phase: 'init', layer: 0 } before any). */
  readonly phase: Phase;
  /** Phases in one epoch: (2 L + 3) per batch, L the weight layers. */
  readonly phasesPerEpoch: number;
  /** True while an epoch is part-way (some of its phases done, not its last update). */
  readonly epochUnderWay: boolean;

  // training
  /** Trains; losses / testLosses (at least `epochs` long) receive each epoch's loss. */
  step(epochs?: number, losses?: Float64Array, testLosses?: Float64Array): StepResult;
  /** step that stops after `phases` phases (1 to 2147483647), perhaps part-way through an
   *  epoch, which the next call or step finishes, bit-identical to training it whole. */
  stepPhases(phases: number, epochs?: number, losses?: Float64Array, testLosses?: Float64Array): { epoch: number; diverged: boolean };
  /** Performs the next phase of the current iteration. */
  stepPhase(): PhaseSnapshot;
  /** The snapshot of the phase last performed. */
  snapshot(): PhaseSnapshot;
  /** Fraction classified correctly; null for a linear output, NaN for an empty set. */
  accuracy(which?: Which): number | null;
  /** Int32Array(K·K): [t·K + p] counts points of true class t predicted as p. */
  confusion(which?: Which): Int32Array;

  // outputs
  /** [x0, y0, x1, y1, …] (inputs values per point) → Float64Array(n·outputs), point-major. */
  predict(points: NumberArray): Float64Array;
  /** Float32Array(width·height·outputs); pass `out` of that length to reuse it. */
  predictGrid(grid: Grid, out?: Float32Array): Float32Array;
  /** Every unit's value over the grid: Float32Array(unitCount·width·height), unit-major. */
  unitGrids(grid: Grid, out?: Float32Array): Float32Array;
  readonly unitCount: number;
  unitLayout(): UnitInfo[];

  // the current batch
  /** Layer l (0 … L): Float64Array(units·m), unit j of column q at [j·m + q]. */
  activations(l: number): Float64Array;
  /** δ of layer l (1 … L), laid out as activations. */
  deltas(l: number): Float64Array;
  logits(): Float64Array;
  /** The data index of each batch column. */
  batchIndex(): Int32Array;

  // parameters
  /** A copy; or fills `out` (paramCount values) and returns it. */
  getParams(out?: Float64Array): Float64Array;
  /** The last iteration's gradient (total: data loss + penalty). */
  getGrads(out?: Float64Array): Float64Array;
  /** paramCount numbers in the parameter layout; keeps the epoch. */
  setParams(params: NumberArray): void;
  paramLayout(): ParamLayoutEntry[];
  /** Layer l's (1 … L) gradients. */
  layerGrads(l: number): { W: Float64Array; b: Float64Array };

  // data
  getData(which?: Which): DataSet;
  /** Setting the training set clears the test set. */
  setData(data: DataInput, which?: Which): void;
  /** Replaces both sets with a generated one, keeping the weights and the epoch. */
  generateData(options?: DataOptions): void;
  /** A training point (2-input networks): a class label, or a target (a number, or outputs numbers). */
  addPoint(x: number, y: number, labelOrTarget: number | NumberArray): void;
  removePoint(i: number): void;
  toCSV(which?: Which): string;
  /** A malformed file throws naming its line and column, and changes nothing. */
  loadCSV(text: string, how?: CSVTarget): void;

  // features, update rules, penalties
  /** Layer 0's features in order; null for raw inputs. */
  readonly features: Feature[] | null;
  readonly optimizer: Optimizer;
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  readonly regularization: Regularization;
  readonly regularizationRate: number;
  /** The weight penalty at the current parameters (0 without one). */
  readonly regLoss: number;
  setOptimizer(optimizer: Optimizer, settings?: OptimizerSettings): void;
  setRegularization(regularization: Regularization, rate?: number): void;
  optimizerState(): OptimizerState;
  resetOptimizer(): void;

  // saving and freeing
  /** The run as a plain versioned object; JSON.stringify(net) calls it. */
  toJSON(): SavedRun;
  /** Frees the network; any later call throws. */
  destroy(): void;
}

// ---- the module ---------------------------------------------------------------

/** Resolves to a network; the wasm module loads once and is shared. A saved run rebuilds it. */
export function createNetwork(options?: NetworkOptions | SavedRun): Promise<Network>;
/** createNetwork for a saved run only. */
export function restoreNetwork(run: SavedRun): Promise<Network>;

/** The instantiated Emscripten module (what the wrapper calls; not a stable API). */
export interface CoreModule {
  HEAPF32: Float32Array;
  HEAPF64: Float64Array;
  HEAP32: Int32Array;
  UTF8ToString(ptr: number): string;
  _malloc(bytes: number): number;
  _free(ptr: number): void;
  [name: string]: unknown;
}

/** The loaded core: synchronous createNetwork / restoreNetwork. */
export interface Core {
  module: CoreModule;
  createNetwork(options?: NetworkOptions | SavedRun): Network;
  restoreNetwork(run: SavedRun): Network;
}

/** Instantiates the wasm module once per process; every network shares it. */
export function loadCore(): Promise<Core>;
/** Where the Emscripten factory comes from (index.js sets it; rarely needed). */
export function setCoreLoader(loader: () => unknown): void;

// ---- tables -------------------------------------------------------------------

export interface Limit {
  readonly id: number;
  /** The field a message names by default. */
  readonly name: string;
  readonly min: number;
  readonly max: number;
  readonly kind: 'int' | 'real' | 'real-above';
}

export interface DatasetInfo {
  readonly id: number;
  readonly name: DatasetName;
  readonly output: Output;
  readonly minClasses: number;
  readonly maxClasses: number;
  readonly defaultNoise: number;
  readonly maxNoise: number;
  readonly noiseLimit: LimitName;
  readonly classesLimit: LimitName;
}

export const ACTIVATIONS: readonly Activation[];
export const INITS: readonly Init[];
export const OUTPUTS: readonly Output[];
export const PHASES: readonly PhaseCode[];
export const FEATURES: readonly Feature[];
export const OPTIMIZERS: readonly Optimizer[];
export const REGULARIZATIONS: readonly Regularization[];
export const FORMAT: 'mlp-explainer-run';
export const LIMITS: { readonly [K in LimitName]: Limit };
export const DATASETS: readonly DatasetInfo[];
/** The most work one `step(epochs)` call may do: epochs × (training + test points) × (parameters + 64). */
export const STEP_BUDGET: number;
/** Scratch buffers larger than this many bytes are freed after the call that needed them. */
export const SCRATCH_KEEP_BYTES: number;
/** Grid and unit-map values beyond float32's range are clamped to ± this. */
export const FLOAT32_MAX: number;
/** createNetwork's defaults (noise and classes undefined: the dataset's and the outputs). */
export const DEFAULTS: Readonly<{
  layers: readonly number[];
  activation: Activation;
  init: Init;
  output: Output;
  learningRate: number;
  batchSize: number;
  seed: number;
  dataset: DatasetName | 'none';
  points: number;
  noise: undefined;
  classes: undefined;
  testFraction: number;
  features: readonly Feature[] | null;
  optimizer: Optimizer;
  beta1: number;
  beta2: number;
  epsilon: number;
  regularization: Regularization;
  regularizationRate: number;
}>;

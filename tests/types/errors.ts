// Misuses the declarations must refuse: tests/node/package.test.js compiles
// this file with tsc --noEmit --strict and expects exactly one error on each
// line marked "// error" and none elsewhere.
import { createNetwork, restoreNetwork, FEATURES, LIMITS } from 'mlp-explainer';

async function misuse(): Promise<void> {
  const net = await createNetwork({ layers: [2, 4, 4] });
  await createNetwork({ activation: 'softplus' }); // error
  await createNetwork({ layer: [2, 4, 4] }); // error
  await createNetwork({ features: ['x3'] }); // error
  await createNetwork({ optimizer: 'rmsprop' }); // error
  await restoreNetwork({ layers: [2, 4, 4] }); // error
  net.step('10'); // error
  net.step(10, [0, 0]); // error
  net.epoch = 5; // error
  const lossText: string = net.loss; // error
  const acc: number = net.accuracy(); // error
  net.accuracy('validation'); // error
  net.predictGrid({ xMin: 0, xMax: 1, yMin: 0, yMax: 1, width: 10 }); // error
  net.predictGrid({ xMin: 0, xMax: 1, yMin: 0, yMax: 1, width: 10, height: 10 }, new Float64Array(100)); // error
  const first = net.stepPhase().activations[1].length; // error
  net.setRegularization('l3'); // error
  net.setOptimizer('adam', { beta3: 0.9 }); // error
  net.loadCSV('x1,x2,label\n', 'validation'); // error
  FEATURES.push('x1'); // error
  LIMITS.NOT_A_LIMIT.max; // error
  const run = net.toJSON();
  run.format = 'other'; // error
  console.log(lossText, acc, first);
}

misuse();

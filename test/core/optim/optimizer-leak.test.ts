import assert from 'node:assert/strict';
import { it } from 'node:test';
import {
  AdadeltaOptimizer,
  AdagradOptimizer,
  AdamOptimizer,
  FtrlOptimizer,
  GlobalStep,
  GradientDescentOptimizer,
  MomentumOptimizer,
  RMSPropOptimizer,
  stopGradient,
  tf,
  type Optimizer,
} from '../../../src/index.js';
import { describePerBackend, withFixture } from './helpers.js';

const STEPS = 200;

const OPTIMIZERS: [string, () => Optimizer][] = [
  ['GradientDescent', () => new GradientDescentOptimizer({ learningRate: 0.01 })],
  [
    'Momentum (Nesterov)',
    () => new MomentumOptimizer({ learningRate: 0.01, momentum: 0.9, useNesterov: true }),
  ],
  ['Adagrad', () => new AdagradOptimizer({ learningRate: 0.01 })],
  ['Adadelta', () => new AdadeltaOptimizer({ learningRate: 0.01 })],
  ['Adam', () => new AdamOptimizer({ learningRate: 0.01 })],
  [
    'RMSProp (centered, momentum)',
    () => new RMSPropOptimizer({ learningRate: 0.01, momentum: 0.5, centered: true }),
  ],
  [
    'Ftrl (l1, l2, shrinkage)',
    () =>
      new FtrlOptimizer({
        learningRate: 0.01,
        l1RegularizationStrength: 0.001,
        l2RegularizationStrength: 0.01,
        l2ShrinkageRegularizationStrength: 0.01,
      }),
  ],
];

describePerBackend('optimizer memory', () => {
  for (const [name, make] of OPTIMIZERS) {
    it(
      `${name}: keeps the tensor count flat over ${STEPS} minimize steps`,
      withFixture((fx) => {
        const w = fx.variable(
          [
            [0.5, -0.5],
            [0.25, 1],
          ],
          'critic/w',
        );
        const g = fx.variable([1, 2], 'generator/w');
        const x = tf.tensor2d([[1, 2]]);
        const opt = fx.optimizer(make());
        const globalStep = new GlobalStep('global_step/critic');
        const lossFn = () =>
          tf.sum(tf.square(tf.matMul(tf.add(x, stopGradient(g as tf.Tensor)), w)));
        opt.minimize(lossFn, { globalStep, varList: [w] }).dispose();
        const after1 = tf.memory().numTensors;
        for (let i = 1; i < STEPS; i++)
          opt.minimize(lossFn, { globalStep, varList: [w] }).dispose();
        assert.equal(tf.memory().numTensors, after1);
        assert.equal(globalStep.value, STEPS);
        x.dispose();
      }),
    );
  }
});

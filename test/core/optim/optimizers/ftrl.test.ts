import assert from 'node:assert/strict';
import { it } from 'node:test';
import {
  AdagradOptimizer,
  FtrlOptimizer,
  GradientDescentOptimizer,
  type FtrlOptions,
  type Optimizer,
} from '../../../../src/index.js';
import {
  applyConstantGradients,
  assertClose,
  describePerBackend,
  withFixture,
  type Fixture,
} from '../helpers.js';

const GRADS0 = [0.1, 0.2];
const GRADS1 = [0.01, 0.02];

/** Applies the ftrl_test.py gradients to two variables and returns their values. */
function run(
  fx: Fixture,
  opt: Optimizer,
  init0: number[],
  init1: number[],
  steps: number,
): [Float32Array, Float32Array] {
  const var0 = fx.variable(init0, 'var0');
  const var1 = fx.variable(init1, 'var1');
  fx.optimizer(opt);
  applyConstantGradients(
    opt,
    [
      [GRADS0, var0],
      [GRADS1, var1],
    ],
    steps,
  );
  return [var0.dataSync() as Float32Array, var1.dataSync() as Float32Array];
}

const ftrl = (extra: Partial<FtrlOptions>) =>
  new FtrlOptimizer({ learningRate: 3, initialAccumulatorValue: 0.1, ...extra });

describePerBackend('FtrlOptimizer', () => {
  // Each case: the options, initial values, steps and expected values of one ftrl_test.py test.
  const cases: [string, Partial<FtrlOptions>, number[], number[], number, number[], number[]][] = [
    [
      'testFtrlwithoutRegularization',
      {},
      [0, 0],
      [0, 0],
      3,
      [-2.60260963, -4.29698515],
      [-0.28432083, -0.56694895],
    ],
    [
      'testFtrlwithoutRegularization2',
      {},
      [1, 2],
      [4, 3],
      3,
      [-2.55607247, -3.98729396],
      [-0.28232238, -0.56096673],
    ],
    [
      'testFtrlWithL1',
      { l1RegularizationStrength: 0.001 },
      [1, 2],
      [4, 3],
      10,
      [-7.66718769, -10.91273689],
      [-0.93460727, -1.86147261],
    ],
    [
      'testFtrlWithL1_L2',
      { l1RegularizationStrength: 0.001, l2RegularizationStrength: 2 },
      [1, 2],
      [4, 3],
      10,
      [-0.24059935, -0.46829352],
      [-0.02406147, -0.04830509],
    ],
    [
      'testFtrlWithL1_L2_L2Shrinkage',
      {
        l1RegularizationStrength: 0.001,
        l2RegularizationStrength: 2,
        l2ShrinkageRegularizationStrength: 0.1,
      },
      [1, 2],
      [4, 3],
      10,
      [-0.22578995, -0.44345796],
      [-0.14378493, -0.13229476],
    ],
  ];
  for (const [test, extra, init0, init1, steps, expected0, expected1] of cases) {
    it(
      `matches ftrl_test.py ${test}`,
      withFixture((fx) => {
        const [v0, v1] = run(fx, ftrl(extra), init0, init1, steps);
        assertClose(v0, expected0, 'var0');
        assertClose(v1, expected1, 'var1');
      }),
    );
  }

  it(
    'equals Adagrad without regularization from zeros (ftrl_test.py testEquivAdagradwithoutRegularization)',
    withFixture((fx) => {
      const [f0, f1] = run(fx, ftrl({}), [0, 0], [0, 0], 5);
      fx.dispose();
      const [a0, a1] = run(
        fx,
        new AdagradOptimizer({ learningRate: 3, initialAccumulatorValue: 0.1 }),
        [0, 0],
        [0, 0],
        5,
      );
      assertClose(f0, a0, 'var0');
      assertClose(f1, a1, 'var1');
    }),
  );

  it(
    'equals gradient descent with learningRatePower 0 (ftrl_test.py testEquivGradientDescentwithoutRegularization)',
    withFixture((fx) => {
      const [f0, f1] = run(fx, ftrl({ learningRatePower: -0 }), [0, 0], [0, 0], 5);
      fx.dispose();
      const [g0, g1] = run(
        fx,
        new GradientDescentOptimizer({ learningRate: 3 }),
        [0, 0],
        [0, 0],
        5,
      );
      assertClose(f0, g0, 'var0');
      assertClose(f1, g1, 'var1');
    }),
  );

  it('rejects a positive learningRatePower and negative strengths by name', () => {
    assert.throws(
      () => ftrl({ learningRatePower: 0.5 }),
      /learningRatePower must be a finite number ≤ 0/,
    );
    assert.throws(() => ftrl({ l1RegularizationStrength: -1 }), /l1RegularizationStrength/);
    assert.throws(
      () => ftrl({ l2ShrinkageRegularizationStrength: -1 }),
      /l2ShrinkageRegularizationStrength/,
    );
    assert.throws(() => ftrl({ initialAccumulatorValue: -0.1 }), /initialAccumulatorValue/);
  });
});

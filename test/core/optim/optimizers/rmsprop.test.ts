import assert from 'node:assert/strict';
import { it } from 'node:test';
import { RMSPropOptimizer } from '../../../../src/index.js';
import {
  applyConstantGradients,
  assertClose,
  describePerBackend,
  withFixture,
} from '../helpers.js';

interface State {
  v: number[];
  mg: number[];
  rms: number[];
  mom: number[];
}

/** `_rmsprop_update_numpy` of tensorflow/python/training/rmsprop_test.py, ported. */
function rmspropUpdateNumpy(
  s: State,
  g: number[],
  [lr, decay, momentum, epsilon, centered]: Params,
): State {
  const rms = s.rms.map((r, i) => r * decay + (1 - decay) * (g[i] as number) ** 2);
  const mg = centered ? s.mg.map((m, i) => m * decay + (1 - decay) * (g[i] as number)) : s.mg;
  const denom = rms.map((r, i) => r + epsilon - (centered ? (mg[i] as number) ** 2 : 0));
  const mom = s.mom.map(
    (m, i) => momentum * m + (lr * (g[i] as number)) / Math.sqrt(denom[i] as number),
  );
  return { v: s.v.map((x, i) => x - (mom[i] as number)), mg, rms, mom };
}

type Params = [
  learningRate: number,
  decay: number,
  momentum: number,
  epsilon: number,
  centered: boolean,
];

/** `_TEST_PARAM_VALUES` of rmsprop_test.py: learning_rate, decay, momentum, epsilon, centered. */
const TEST_PARAM_VALUES: Params[] = [
  [0.5, 0.9, 0.0, 1e-3, true],
  [0.5, 0.9, 0.0, 1e-3, false],
  [0.1, 0.9, 0.0, 1e-3, true],
  [0.5, 0.95, 0.0, 1e-3, false],
  [0.5, 0.95, 0.0, 1e-5, true],
  [0.5, 0.95, 0.9, 1e-5, true],
];

const start = (v: number[]): State => ({ v, mg: [0, 0], rms: [1, 1], mom: [0, 0] });

describePerBackend('RMSPropOptimizer', () => {
  for (const params of TEST_PARAM_VALUES) {
    const [learningRate, decay, momentum, epsilon, centered] = params;
    it(
      `matches rmsprop_test.py testDense for lr ${learningRate}, decay ${decay}, momentum ${momentum}, epsilon ${epsilon}, centered ${centered}`,
      withFixture((fx) => {
        const var0 = fx.variable([1, 2], 'var0');
        const var1 = fx.variable([3, 4], 'var1');
        const opt = fx.optimizer(
          new RMSPropOptimizer({ learningRate, decay, momentum, epsilon, centered }),
        );
        let [s0, s1] = [start([1, 2]), start([3, 4])];
        const g0 = [0.1, 0.2];
        const g1 = [0.01, 0.2];
        applyConstantGradients(
          opt,
          [
            [g0, var0],
            [g1, var1],
          ],
          4,
          (t) => {
            s0 = rmspropUpdateNumpy(s0, g0, params);
            s1 = rmspropUpdateNumpy(s1, g1, params);
            assert.equal(
              opt.getSlot(var0, 'mg') !== null,
              centered,
              'mg exists only when centered',
            );
            if (centered) assertClose(opt.getSlot(var0, 'mg')!, s0.mg, `mg0 after step ${t}`);
            assertClose(opt.getSlot(var0, 'rms')!, s0.rms, `rms0 after step ${t}`);
            assertClose(opt.getSlot(var1, 'rms')!, s1.rms, `rms1 after step ${t}`);
            assertClose(opt.getSlot(var0, 'momentum')!, s0.mom, `mom0 after step ${t}`);
            assertClose(var0, s0.v, `var0 after step ${t}`);
            assertClose(var1, s1.v, `var1 after step ${t}`);
          },
        );
      }),
    );
  }

  it(
    'starts rms at ones as TensorFlow 1 does (rmsprop_test.py testWithoutMomentum)',
    withFixture((fx) => {
      const var0 = fx.variable([1, 2], 'var0');
      const var1 = fx.variable([3, 4], 'var1');
      const opt = fx.optimizer(
        new RMSPropOptimizer({ learningRate: 2, decay: 0.9, momentum: 0, epsilon: 1 }),
      );
      opt.createSlots([var0]);
      assertClose(opt.getSlot(var0, 'rms')!, [1, 1], 'rms before the first step');
      const pairs: [number[], typeof var0][] = [
        [[0.1, 0.1], var0],
        [[0.01, 0.01], var1],
      ];
      applyConstantGradients(opt, pairs, 2, (t) => {
        const rms0 = t === 1 ? 0.901 : 0.901 * 0.9 + 0.001;
        const rms1 = t === 1 ? 0.90001 : 0.90001 * 0.9 + 1e-5;
        assertClose(opt.getSlot(var0, 'rms')!, [rms0, rms0], `rms0 after step ${t}`);
        assertClose(opt.getSlot(var1, 'rms')!, [rms1, rms1], `rms1 after step ${t}`);
      });
      const d0 = (0.1 * 2) / Math.sqrt(0.901 + 1) + (0.1 * 2) / Math.sqrt(0.901 * 0.9 + 0.001 + 1);
      const d1 =
        (0.01 * 2) / Math.sqrt(0.90001 + 1) + (0.01 * 2) / Math.sqrt(0.90001 * 0.9 + 1e-5 + 1);
      assertClose(var0, [1 - d0, 2 - d0], 'var0 after two steps');
      assertClose(var1, [3 - d1, 4 - d1], 'var1 after two steps');
    }),
  );

  it(
    'carries momentum between steps (rmsprop_test.py testWithMomentum)',
    withFixture((fx) => {
      const var0 = fx.variable([1, 2], 'var0');
      const opt = fx.optimizer(
        new RMSPropOptimizer({ learningRate: 2, decay: 0.9, momentum: 0.5, epsilon: 1e-5 }),
      );
      const step1 = (0.1 * 2) / Math.sqrt(0.901 + 1e-5);
      applyConstantGradients(opt, [[[0.1, 0.1], var0]], 2, (t) => {
        const mom =
          t === 1 ? step1 : 0.5 * step1 + (0.1 * 2) / Math.sqrt(0.901 * 0.9 + 0.001 + 1e-5);
        assertClose(opt.getSlot(var0, 'momentum')!, [mom, mom], `momentum after step ${t}`);
      });
      const moved = step1 + 0.5 * step1 + (0.1 * 2) / Math.sqrt(0.901 * 0.9 + 0.001 + 1e-5);
      assertClose(var0, [1 - moved, 2 - moved], 'var0 after two steps');
    }),
  );

  it('uses TensorFlow 1 defaults and rejects a decay outside [0, 1)', () => {
    const opt = new RMSPropOptimizer({ learningRate: 0.01 });
    assert.deepEqual(
      [opt.name, opt.decay, opt.momentum, opt.epsilon, opt.centered],
      ['RMSProp', 0.9, 0, 1e-10, false],
    );
    assert.deepEqual(opt.getSlotNames(), ['momentum', 'rms']);
    assert.deepEqual(new RMSPropOptimizer({ learningRate: 0.01, centered: true }).getSlotNames(), [
      'mg',
      'momentum',
      'rms',
    ]);
    assert.throws(
      () => new RMSPropOptimizer({ learningRate: 0.01, decay: 1 }),
      /RMSPropOptimizer: decay must be in \[0, 1\)/,
    );
    assert.throws(
      () => new RMSPropOptimizer({ learningRate: -0.01 }),
      /learningRate must be a finite number ≥ 0/,
    );
  });
});

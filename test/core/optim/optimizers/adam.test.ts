import assert from 'node:assert/strict';
import { it } from 'node:test';
import { AdamOptimizer, OptimizerError, silentLogger, tf } from '../../../../src/index.js';
import {
  applyConstantGradients,
  assertClose,
  describePerBackend,
  withFixture,
} from '../helpers.js';

/** `adam_update_numpy` of tensorflow/python/training/adam_test.py, ported verbatim. */
function adamUpdateNumpy(
  param: number[],
  g: number[],
  t: number,
  m: number[],
  v: number[],
  alpha = 0.001,
  beta1 = 0.9,
  beta2 = 0.999,
  epsilon = 1e-8,
): [number[], number[], number[]] {
  const alphaT = (alpha * Math.sqrt(1 - beta2 ** t)) / (1 - beta1 ** t);
  const mT = m.map((mi, i) => beta1 * mi + (1 - beta1) * (g[i] as number));
  const vT = v.map((vi, i) => beta2 * vi + (1 - beta2) * (g[i] as number) ** 2);
  const paramT = param.map(
    (p, i) => p - (alphaT * (mT[i] as number)) / (Math.sqrt(vT[i] as number) + epsilon),
  );
  return [paramT, mT, vT];
}

describePerBackend('AdamOptimizer', () => {
  it(
    'matches adam_test.py testBasic over the first three steps, beta powers included',
    withFixture((fx) => {
      const var0 = fx.variable([1, 2], 'var0');
      const var1 = fx.variable([3, 4], 'var1');
      const opt = fx.optimizer(new AdamOptimizer({ logger: silentLogger }));
      let [np0, m0, v0] = [
        [1, 2],
        [0, 0],
        [0, 0],
      ];
      let [np1, m1, v1] = [
        [3, 4],
        [0, 0],
        [0, 0],
      ];
      applyConstantGradients(
        opt,
        [
          [[0.1, 0.1], var0],
          [[0.01, 0.01], var1],
        ],
        3,
        (t) => {
          [np0, m0, v0] = adamUpdateNumpy(np0, [0.1, 0.1], t, m0, v0);
          [np1, m1, v1] = adamUpdateNumpy(np1, [0.01, 0.01], t, m1, v1);
          assertClose(var0, np0, `var0 after step ${t}`);
          assertClose(var1, np1, `var1 after step ${t}`);
          assertClose(opt.getSlot(var0, 'm')!, m0, `m0 after step ${t}`);
          assertClose(opt.getSlot(var1, 'v')!, v1, `v1 after step ${t}`);
          const [beta1Power, beta2Power] = opt
            .variables()
            .filter((v) => v.name.startsWith('Adam/'));
          assertClose(beta1Power!, [0.9 ** (t + 1)], `beta1_power after step ${t}`);
          assertClose(beta2Power!, [0.999 ** (t + 1)], `beta2_power after step ${t}`);
        },
      );
    }),
  );

  it(
    'matches adam_update_numpy with non-default hyperparameters (the WGAN-GP setting)',
    withFixture((fx) => {
      const var0 = fx.variable([1, -2], 'var0');
      const opt = fx.optimizer(
        new AdamOptimizer({ learningRate: 1e-4, beta1: 0.5, beta2: 0.9, epsilon: 1e-6 }),
      );
      let [np0, m0, v0] = [
        [1, -2],
        [0, 0],
        [0, 0],
      ];
      applyConstantGradients(opt, [[[0.3, -0.7], var0]], 5, (t) => {
        [np0, m0, v0] = adamUpdateNumpy(np0, [0.3, -0.7], t, m0, v0, 1e-4, 0.5, 0.9, 1e-6);
        assertClose(var0, np0, `var0 after step ${t}`);
      });
    }),
  );

  it(
    'reports after step t the alpha_t = lr·√(1−β₂ᵗ)/(1−β₁ᵗ) that step used, t counted from 1',
    withFixture((fx) => {
      const var0 = fx.variable([1, 2], 'var0');
      const opt = fx.optimizer(new AdamOptimizer());
      // lr 0.001, β1 0.9, β2 0.999: alpha_1 = 0.001·√0.001/0.1, alpha_2 = 0.001·√(1−0.999²)/(1−0.9²).
      const expected = [
        0.00031622776601683794,
        (0.001 * Math.sqrt(1 - 0.998001)) / (1 - 0.81),
        (0.001 * Math.sqrt(1 - 0.997002999)) / (1 - 0.729),
      ];
      assert.ok(Number.isNaN(opt.effectiveLearningRate()), 'no step yet');
      assertClose([opt.nextEffectiveLearningRate()], [expected[0]!], 'alpha of step 1', 1e-12);
      const grad = tf.tensor1d([0.1, 0.1]);
      try {
        for (let t = 1; t <= 3; t++) {
          const applied = opt.applyGradients([[grad, var0]]);
          const alpha = expected[t - 1]!;
          assertClose([applied.effectiveLearningRate], [alpha], `applied, step ${t}`, 1e-12);
          assertClose([opt.effectiveLearningRate()], [alpha], `after step ${t}`, 1e-12);
        }
      } finally {
        grad.dispose();
      }
    }),
  );

  it(
    'gives the next step’s alpha where TF 1’s beta powers do: they already hold β^(t+1)',
    withFixture((fx) => {
      const var0 = fx.variable([1, 2], 'var0');
      const opt = fx.optimizer(new AdamOptimizer({ learningRate: 0.01, beta1: 0.5, beta2: 0.9 }));
      applyConstantGradients(opt, [[[0.1, 0.1], var0]], 2, (t) => {
        const [beta1Power, beta2Power] = opt
          .variables()
          .filter((v) => v.name.startsWith('Adam/'))
          .map((v) => v.dataSync()[0]!);
        // The seed's snippet, evaluated after step t.
        const snippet = (0.01 * Math.sqrt(1 - beta2Power!)) / (1 - beta1Power!);
        const alpha = (s: number) => (0.01 * Math.sqrt(1 - 0.9 ** s)) / (1 - 0.5 ** s);
        assertClose([snippet], [alpha(t + 1)], `beta powers after step ${t}`);
        assertClose([opt.nextEffectiveLearningRate()], [alpha(t + 1)], `next after step ${t}`);
        assertClose([opt.effectiveLearningRate()], [alpha(t)], `last after step ${t}`, 1e-12);
      });
    }),
  );

  it(
    'reports the same alpha_t after its batch count is restored, as a resumed run does',
    withFixture((fx) => {
      const var0 = fx.variable([1, 2], 'var0');
      const opt = fx.optimizer(new AdamOptimizer({ learningRate: (step) => 0.001 / (step + 1) }));
      applyConstantGradients(opt, [[[0.1, 0.1], var0]], 3);
      const restored = fx.optimizer(
        new AdamOptimizer({ learningRate: (step) => 0.001 / (step + 1), name: 'Restored' }),
      );
      restored.iterations.loadStateDict(opt.iterations.stateDict());
      assert.equal(restored.effectiveLearningRate(), opt.effectiveLearningRate());
      assert.equal(restored.nextEffectiveLearningRate(), opt.nextEffectiveLearningRate());
    }),
  );

  it(
    'names its slots <var>/Adam/{m,v} and its beta powers Adam/beta{1,2}_power',
    withFixture((fx) => {
      const kernel = fx.variable([1, 2], 'critic/dense/kernel');
      const opt = fx.optimizer(new AdamOptimizer());
      applyConstantGradients(opt, [[[0.1, 0.1], kernel]], 1);
      assert.deepEqual(opt.getSlotNames(), ['m', 'v']);
      assert.deepEqual(
        opt.variables().map((v) => v.name),
        [
          'Adam/beta1_power',
          'Adam/beta2_power',
          'critic/dense/kernel/Adam/m',
          'critic/dense/kernel/Adam/v',
        ],
      );
    }),
  );

  it('rejects beta1 and beta2 outside [0, 1) by name', () => {
    assert.throws(
      () => new AdamOptimizer({ beta1: 1 }),
      (e) => e instanceof OptimizerError && /beta1/.test(e.message),
    );
    assert.throws(() => new AdamOptimizer({ beta2: -0.1 }), /beta2 must be in \[0, 1\)/);
    assert.throws(() => new AdamOptimizer({ epsilon: -1 }), /epsilon/);
  });
});

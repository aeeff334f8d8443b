import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import {
  AdadeltaOptimizer,
  AdagradOptimizer,
  AdamOptimizer,
  FtrlOptimizer,
  GlobalStep,
  GradientDescentOptimizer,
  MomentumOptimizer,
  OptimizerError,
  RMSPropOptimizer,
  initBackend,
  silentLogger,
  tf,
  type Optimizer,
} from '../../../src/index.js';
import { applyConstantGradients, assertClose, recordingLogger, withFixture } from './helpers.js';

/** Each optimizer with TensorFlow's default name and its slots as get_slot_names() lists them. */
const OPTIMIZERS: [string, () => Optimizer, string[]][] = [
  ['GradientDescent', () => new GradientDescentOptimizer({ learningRate: 0.1 }), []],
  ['Momentum', () => new MomentumOptimizer({ learningRate: 0.1, momentum: 0.9 }), ['momentum']],
  ['Adagrad', () => new AdagradOptimizer({ learningRate: 0.1 }), ['accumulator']],
  ['Adadelta', () => new AdadeltaOptimizer(), ['accum', 'accum_update']],
  ['Adam', () => new AdamOptimizer(), ['m', 'v']],
  [
    'RMSProp',
    () => new RMSPropOptimizer({ learningRate: 0.1, centered: true }),
    ['mg', 'momentum', 'rms'],
  ],
  ['Ftrl', () => new FtrlOptimizer({ learningRate: 0.1 }), ['accum', 'linear']],
];

describe('Optimizer', () => {
  before(async () => {
    await initBackend({ backend: 'cpu', logger: silentLogger });
  });

  for (const [name, make, slotNames] of OPTIMIZERS) {
    it(
      `${name}: names its non-trainable slots <var>/${name}/<slot> with TensorFlow's slot names`,
      withFixture((fx) => {
        const kernel = fx.variable([1, 2], 'critic/dense/kernel');
        const opt = fx.optimizer(make());
        applyConstantGradients(opt, [[[0.1, 0.2], kernel]], 1);
        assert.equal(opt.name, name);
        assert.deepEqual(opt.getSlotNames(), slotNames);
        for (const slot of slotNames) {
          const variable = opt.getSlot(kernel, slot);
          assert.equal(variable?.name, `critic/dense/kernel/${name}/${slot}`);
          assert.equal(variable.trainable, false);
          assert.deepEqual(variable.shape, kernel.shape);
        }
        assert.equal(opt.getSlot(kernel, 'no_such_slot'), null);
      }),
    );
  }

  for (const [name, make] of OPTIMIZERS.filter(([name]) => name !== 'Adam')) {
    it(
      `${name}: reports as its effective learning rate the learning rate each batch used`,
      withFixture((fx) => {
        const v = fx.variable([1, 2], 'v');
        const opt = fx.optimizer(make());
        const schedule = (step: number) => 0.1 / (step + 1);
        opt.setLearningRate(schedule);
        const globalStep = new GlobalStep('global_step/critic', 10);
        assert.ok(Number.isNaN(opt.effectiveLearningRate()), 'no batch yet');
        const grad = tf.tensor1d([0.1, 0.2]);
        try {
          for (const step of [10, 11, 12]) {
            const applied = opt.applyGradients([[grad, v]], { globalStep });
            assert.equal(applied.effectiveLearningRate, schedule(step), `step ${step}`);
            assert.equal(opt.effectiveLearningRate(), schedule(step), `after step ${step}`);
            assert.equal(opt.nextEffectiveLearningRate(), schedule(step + 1));
          }
        } finally {
          grad.dispose();
        }
      }),
    );
  }

  it(
    'files slots under the name option instead of the default',
    withFixture((fx) => {
      const kernel = fx.variable([1, 2], 'critic/dense/kernel');
      const opt = fx.optimizer(new RMSPropOptimizer({ learningRate: 0.1, name: 'critic_opt' }));
      applyConstantGradients(opt, [[[0.1, 0.2], kernel]], 1);
      assert.deepEqual(
        opt.variables().map((v) => v.name),
        ['critic/dense/kernel/critic_opt/momentum', 'critic/dense/kernel/critic_opt/rms'],
      );
    }),
  );

  it(
    'evaluates a schedule at the global step, then increments it after the update',
    withFixture((fx) => {
      const v = fx.variable([1], 'v');
      const schedule = (step: number) => 0.1 * (step + 1);
      const opt = fx.optimizer(new GradientDescentOptimizer({ learningRate: schedule }));
      const globalStep = new GlobalStep('global_step/critic', 100);
      const grad = tf.tensor1d([1]);
      const applied = opt.applyGradients([[grad, v]], { globalStep });
      grad.dispose();
      assert.equal(applied.step, 100);
      assert.equal(applied.learningRate, schedule(100));
      assertClose(v, [1 - schedule(100)], 'variable');
      assert.equal(globalStep.value, 101);
      assert.equal(opt.iterations.value, 1);
      assert.equal(opt.currentLearningRate(), schedule(101));
    }),
  );

  it(
    'continues a restored global step: 100 restored plus 100 applied is 200',
    withFixture((fx) => {
      const v = fx.variable([0], 'v');
      const seen: number[] = [];
      const opt = fx.optimizer(
        new MomentumOptimizer({
          learningRate: (step) => (seen.push(step), 0.01),
          momentum: 0.5,
        }),
      );
      const globalStep = new GlobalStep('global_step/generator');
      globalStep.loadStateDict(100);
      applyConstantGradients(opt, [[[1], v]], 0);
      const grad = tf.tensor1d([1]);
      for (let i = 0; i < 100; i++) opt.applyGradients([[grad, v]], { globalStep });
      grad.dispose();
      assert.equal(globalStep.value, 200);
      assert.equal(seen[0], 100);
      assert.equal(seen.at(-1), 199);
    }),
  );

  it(
    'uses its own count of applied batches when no global step is given',
    withFixture((fx) => {
      const v = fx.variable([0], 'v');
      const steps: number[] = [];
      const opt = fx.optimizer(
        new GradientDescentOptimizer({ learningRate: (s) => (steps.push(s), 1) }),
      );
      applyConstantGradients(opt, [[[1], v]], 3);
      assert.deepEqual(steps, [0, 1, 2]);
      assert.equal(opt.iterations.value, 3);
      assert.equal(opt.iterations.name, 'GradientDescent/iterations');
    }),
  );

  it(
    'takes a new learning rate from the next batch on (setLearningRate)',
    withFixture((fx) => {
      const v = fx.variable([0], 'v');
      const opt = fx.optimizer(new GradientDescentOptimizer({ learningRate: 1 }));
      applyConstantGradients(opt, [[[1], v]], 1);
      opt.setLearningRate(0.25);
      assert.equal(opt.currentLearningRate(), 0.25);
      applyConstantGradients(opt, [[[1], v]], 1);
      assertClose(v, [-1.25], 'after a step at 1 and one at 0.25');
      opt.setLearningRate((step) => step / 10);
      assert.equal(opt.currentLearningRate(), 0.2);
      assert.throws(() => opt.setLearningRate(-1), /learningRate/);
    }),
  );

  it(
    'skips variables without a gradient and warns once per variable',
    withFixture((fx) => {
      const used = fx.variable([1], 'critic/used');
      const unused = fx.variable([5], 'generator/unused');
      const logger = recordingLogger();
      const opt = fx.optimizer(new AdamOptimizer({ learningRate: 0.1, logger }));
      const grad = tf.tensor1d([1]);
      for (let i = 0; i < 3; i++) {
        opt.applyGradients([
          [grad, used],
          [null, unused],
        ]);
      }
      grad.dispose();
      assert.equal(logger.warnings.length, 1);
      assert.match(logger.warnings[0]!, /generator\/unused has no gradient/);
      assertClose(unused, [5], 'unused variable');
      assert.equal(opt.getSlot(unused, 'm'), null);
      assert.ok((used.dataSync()[0] as number) < 1);
    }),
  );

  it(
    'refuses pairs with no gradient at all, a repeated variable, or a gradient of the wrong shape',
    withFixture((fx) => {
      const v = fx.variable([1, 2], 'critic/dense/kernel');
      const opt = fx.optimizer(
        new GradientDescentOptimizer({ learningRate: 1, logger: silentLogger }),
      );
      const good = tf.tensor1d([1, 1]);
      const wrong = tf.tensor1d([1, 1, 1]);
      assert.throws(
        () => opt.applyGradients([[null, v]]),
        /no gradients provided for any variable \(critic\/dense\/kernel\)/,
      );
      assert.throws(
        () =>
          opt.applyGradients([
            [good, v],
            [good, v],
          ]),
        /critic\/dense\/kernel appears twice/,
      );
      assert.throws(
        () => opt.applyGradients([[wrong, v]]),
        /gradient of critic\/dense\/kernel has shape \[3\] but the variable has shape \[2\]/,
      );
      tf.dispose([good, wrong]);
      assertClose(v, [1, 2], 'variable untouched');
      assert.equal(opt.iterations.value, 0);
    }),
  );

  it(
    'rejects a schedule that returns a negative rate, naming the step',
    withFixture((fx) => {
      const v = fx.variable([1], 'v');
      const opt = fx.optimizer(new GradientDescentOptimizer({ learningRate: () => -0.1 }));
      assert.throws(
        () => applyConstantGradients(opt, [[[1], v]], 1),
        /schedule returned -0.1 at step 0/,
      );
    }),
  );

  it('rejects invalid hyperparameters at construction, naming the argument', () => {
    const cases: [() => unknown, RegExp][] = [
      [
        () => new GradientDescentOptimizer({ learningRate: -1 }),
        /GradientDescentOptimizer: learningRate/,
      ],
      [() => new GradientDescentOptimizer({ learningRate: Number.NaN }), /learningRate/],
      [() => new MomentumOptimizer({ learningRate: 0.1, momentum: -0.1 }), /momentum/],
      [
        () => new AdagradOptimizer({ learningRate: 0.1, initialAccumulatorValue: -1 }),
        /initialAccumulatorValue/,
      ],
      [() => new AdadeltaOptimizer({ epsilon: -1 }), /epsilon/],
      [() => new AdamOptimizer({ beta1: 1.5 }), /beta1/],
      [() => new RMSPropOptimizer({ learningRate: 0.1, decay: -0.5 }), /decay/],
      [() => new RMSPropOptimizer({ learningRate: 0.1, name: '' }), /name must not be empty/],
      [
        () => new FtrlOptimizer({ learningRate: 0.1, l2RegularizationStrength: -2 }),
        /l2RegularizationStrength/,
      ],
    ];
    for (const [make, message] of cases) {
      assert.throws(make, (e) => e instanceof OptimizerError && message.test(e.message));
    }
  });

  it(
    'refuses a second optimizer of the same name on the same variable until the first is disposed',
    withFixture((fx) => {
      const v = fx.variable([1], 'v');
      const first = new AdamOptimizer();
      first.createSlots([v]);
      const second = fx.optimizer(new AdamOptimizer());
      assert.throws(() => second.createSlots([v]), /a variable named v\/Adam\/m already exists/);
      first.dispose();
      second.createSlots([v]);
      assert.equal(second.variables().length, 4);
    }),
  );

  it(
    'lets two optimizers of one name train disjoint variables, suffixing non-slots as TF1 does',
    withFixture((fx) => {
      const critic = fx.variable([1], 'critic_v');
      const generator = fx.variable([1], 'generator_v');
      const forCritic = fx.optimizer(new AdamOptimizer());
      const forGenerator = fx.optimizer(new AdamOptimizer());
      forCritic.createSlots([critic]);
      forGenerator.createSlots([generator]);
      const names = forGenerator.variables().map((v) => v.name);
      assert.ok(names.includes('Adam/beta1_power_1'), names.join(', '));
      assert.ok(names.includes('generator_v/Adam/m'));
    }),
  );

  it(
    'creates slots before the first batch so a checkpoint can restore into them',
    withFixture((fx) => {
      const v = fx.variable([0, 0], 'v');
      const opt = fx.optimizer(new MomentumOptimizer({ learningRate: 1, momentum: 0.5 }));
      opt.createSlots([v]);
      assert.deepEqual(
        opt.variables().map((s) => s.name),
        ['v/Momentum/momentum'],
      );
      opt.getSlot(v, 'momentum')!.assign(tf.tensor1d([2, 4]));
      applyConstantGradients(opt, [[[0, 0], v]], 1);
      assertClose(v, [-1, -2], 'the restored momentum drives the first step');
    }),
  );

  it(
    'minimizes the sum of several losses and returns it',
    withFixture((fx) => {
      const a = fx.variable([1, 2], 'a');
      const opt = fx.optimizer(new GradientDescentOptimizer({ learningRate: 0.1 }));
      const globalStep = new GlobalStep();
      const loss = opt.minimize(() => [tf.sum(tf.square(a)), tf.sum(a)], {
        varList: [a],
        globalStep,
        gateGradients: 'GATE_GRAPH',
      });
      assertClose(loss, [1 + 4 + 3], 'loss');
      loss.dispose();
      assertClose(a, [1 - 0.1 * 3, 2 - 0.1 * 5], 'a');
      assert.equal(globalStep.value, 1);
    }),
  );

  it(
    'frees its slots on dispose, leaving the variables it updated alone',
    withFixture((fx) => {
      const v = fx.variable([1, 2], 'v');
      const before = tf.memory().numTensors;
      const opt = new RMSPropOptimizer({ learningRate: 0.1, centered: true });
      applyConstantGradients(opt, [[[0.1, 0.1], v]], 2);
      opt.dispose();
      assert.equal(tf.memory().numTensors, before);
      assert.deepEqual(opt.variables(), []);
      assert.equal(v.isDisposed, false);
    }),
  );
});

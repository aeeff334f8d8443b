import type { StepName } from '../../core/events/training-event.js';
import type { GlobalStep } from '../../core/optim/global-step.js';
import type { Optimizer } from '../../core/optim/optimizer.js';
import type { CompiledUpdates } from '../compiled/compiled-updates.js';
import type { GanModel } from '../gan-model.js';
import type { GeneratorAverager } from '../generator-averager.js';
import type { GradientObserver } from '../hooks-runtime/gradient-observer.js';
import type { UpdateGuard } from '../hooks-runtime/update-guard.js';
import type { GanLoss } from '../losses/gan-loss.js';
import type { TrainerSettings } from '../trainer-settings.js';

/** Everything one update needs: the run's networks, optimizers, steps, loss and hooks' checks. */
export interface StepParts {
  readonly settings: TrainerSettings;
  readonly generator: GanModel;
  readonly critic: GanModel;
  readonly optimizers: Readonly<Record<StepName, Optimizer>>;
  readonly steps: Readonly<Record<StepName, GlobalStep>>;
  readonly loss: GanLoss;
  readonly average: GeneratorAverager | undefined;
  readonly guards: readonly UpdateGuard[];
  readonly gradientObservers: readonly GradientObserver[];
  /** Runs the updates as compiled TensorFlow functions (`execution` compiled or auto). */
  readonly compiled?: CompiledUpdates | undefined;
}

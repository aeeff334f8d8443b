import type { CheckpointManager } from '../../core/checkpoint/checkpoint-manager.js';
import type { Clock } from '../../core/events/clock.js';
import type { Logger } from '../../core/logger.js';
import type { Dataset } from '../data/dataset.js';
import type { NoiseSampler } from '../noise-sampler.js';
import type { SummaryWriterProvider } from '../summary-writer-provider.js';
import type { StepParts } from '../update/step-parts.js';

/**
 * The collaborators a run is made of, as the trainer receives them (`TOKENS.RunParts`, each
 * resolved from its own token): what an update needs (less the hooks' guards and observers,
 * which exist only while a run is attached) plus the data, the noise, the clock, the logger and
 * the run's writer and checkpoints.
 */
export interface RunParts extends Omit<StepParts, 'guards' | 'gradientObservers'> {
  readonly dataset: Dataset;
  readonly noise: NoiseSampler;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly summaries: SummaryWriterProvider | undefined;
  readonly checkpoints: CheckpointManager | undefined;
}

import type { Logger } from '../../core/logger.js';
import type { SummaryWriterProvider } from '../summary-writer-provider.js';

/**
 * Closes the run's summary writer, if a hook opened it, however the run ended. A failure to
 * close is logged, not thrown: the run's result (its steps, its own error) matters more than
 * the last flush.
 *
 * @param summaries - the run's writer provider, if the trainer has one.
 * @param logger - where a failure to close is reported.
 */
export async function closeSummaryWriter(
  summaries: SummaryWriterProvider | undefined,
  logger: Logger,
): Promise<void> {
  if (summaries?.isOpen !== true) return;
  try {
    await summaries.close();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    logger.warn(`closing the summary writer of '${summaries.logdir}' failed: ${message}`);
  }
}

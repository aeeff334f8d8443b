import { z } from 'zod';
import type { StepMeasurement } from '../cases/types.js';

/** The prefix of the one stdout line a Python peer reports on (bench/python/peer_common.py). */
export const PEER_LINE_PREFIX = 'PEER_JSON ';

const stepSchema = z.object({
  model: z.string(),
  step: z.string(),
  runtime: z.enum(['pytorch', 'tensorflow-eager', 'tensorflow-function']),
  impl: z.string(),
  threads: z.number().int().positive(),
  batch: z.number().int().positive(),
  medianMs: z.number().positive(),
  minMs: z.number().positive(),
  maxMs: z.number().positive(),
  repeats: z.number().int().positive(),
  samplesPerSecond: z.number().positive(),
});

const peerReportSchema = z.object({
  framework: z.string(),
  version: z.string(),
  threads: z.number().int().positive(),
  steps: z.array(stepSchema),
});

/** What a Python peer printed. */
export type PeerReport = z.infer<typeof peerReportSchema>;

/** A peer printed something that is not a peer report. */
export class PeerReportError extends Error {
  override readonly name = 'PeerReportError';
}

/**
 * Checks a peer's parsed JSON against the report format.
 *
 * @param value - the JSON after {@link PEER_LINE_PREFIX}.
 * @returns the report, its steps typed as gantry's own measurements.
 * @throws PeerReportError naming the first field that is wrong.
 */
export function parsePeerReport(value: unknown): PeerReport & { steps: StepMeasurement[] } {
  const parsed = peerReportSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue === undefined ? '' : ` at ${issue.path.join('.') || '(root)'}`;
    throw new PeerReportError(
      `peer report is malformed${where}: ${issue?.message ?? 'unknown'}; ` +
        'check bench/python/peer_common.py against bench/cases/types.ts',
    );
  }
  return parsed.data;
}

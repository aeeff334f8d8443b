import type { TimedCheckpoint } from './state-file.js';

/** How many checkpoints a manager keeps. */
export interface RetentionPolicy {
  /** Recent checkpoints to keep; `undefined` keeps all. */
  maxToKeep: number | undefined;
  /** Also keep for good one checkpoint every this many hours; `undefined` keeps none. */
  keepEveryNHours: number | undefined;
  /**
   * Checkpoints never deleted when they leave the recent list (the best one, those whose score
   * is still being computed); their owner deletes them once they are no longer kept.
   */
  spare?: ReadonlySet<string>;
}

/** What {@link sweep} decided. */
export interface SweepResult {
  /** Checkpoints still subject to retention, oldest first. */
  recent: TimedCheckpoint[];
  /** Checkpoints kept for good by this sweep. */
  preserved: string[];
  /** Checkpoints to delete (once the new state file is durable). */
  deleted: string[];
  lastPreservedTimestamp: number;
}

/**
 * Applies the retention policy of TensorFlow's `CheckpointManager`: while more than `maxToKeep`
 * checkpoints are recent, the oldest leaves the list; it is kept for good when it was saved at
 * least `keepEveryNHours` after the last one kept for good, else it is deleted — unless the
 * policy spares it (the best checkpoint), when it only leaves the list.
 *
 * @param recent - the recent checkpoints, oldest first, the new one last.
 * @param lastPreservedTimestamp - when the last checkpoint was kept for good (seconds).
 * @param policy - maxToKeep and keepEveryNHours.
 * @returns the new lists and the names to delete.
 */
export function sweep(
  recent: readonly TimedCheckpoint[],
  lastPreservedTimestamp: number,
  policy: RetentionPolicy,
): SweepResult {
  const result: SweepResult = {
    recent: [...recent],
    preserved: [],
    deleted: [],
    lastPreservedTimestamp,
  };
  if (policy.maxToKeep === undefined) return result;
  const interval = (policy.keepEveryNHours ?? 0) * 3600;
  while (result.recent.length > policy.maxToKeep) {
    const oldest = result.recent.shift();
    if (oldest === undefined) break;
    if (interval > 0 && oldest.timestamp - interval >= result.lastPreservedTimestamp) {
      result.preserved.push(oldest.name);
      result.lastPreservedTimestamp = oldest.timestamp;
    } else if (policy.spare?.has(oldest.name) !== true) {
      result.deleted.push(oldest.name);
    }
  }
  return result;
}

import { readEvents, type EventMessage, type TensorMessage } from '../../src/index.js';

/** One summary value as read back from a run's event files. */
export interface Point {
  step: number;
  tensor: TensorMessage;
}

/** What a run folder holds: every tag's points in file order, and the session-log events. */
export interface RunContents {
  tags: Map<string, Point[]>;
  sessionLogs: EventMessage[];
}

/**
 * Reads every event file of a run folder back (verifying CRCs).
 *
 * @param logdir - the run folder.
 * @returns the points by tag, and the session logs.
 */
export async function readRun(logdir: string): Promise<RunContents> {
  const tags = new Map<string, Point[]>();
  const sessionLogs: EventMessage[] = [];
  for await (const event of readEvents(logdir)) {
    if (event.sessionLog !== undefined) sessionLogs.push(event);
    for (const value of event.summary?.value ?? []) {
      const points = tags.get(value.tag) ?? [];
      points.push({ step: event.step ?? 0, tensor: value.tensor ?? { dtype: 0 } });
      tags.set(value.tag, points);
    }
  }
  return { tags, sessionLogs };
}

/**
 * The steps a tag was written at.
 *
 * @param run - what {@link readRun} returned.
 * @param tag - the tag.
 * @returns the steps, in file order; empty when the tag is absent.
 */
export function stepsOf(run: RunContents, tag: string): number[] {
  return (run.tags.get(tag) ?? []).map((point) => point.step);
}

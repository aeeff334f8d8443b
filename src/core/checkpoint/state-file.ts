import { readFileSync } from 'node:fs';
import { writeFileAtomic } from './atomic-file.js';
import { CheckpointFormatError } from './errors.js';
import { assertCheckpointName } from './names.js';

/** A checkpoint the manager may still delete, with the time it was saved (seconds). */
export interface TimedCheckpoint {
  name: string;
  timestamp: number;
}

/** The checkpoint that scored best by a metric, kept besides the recent ones. */
export interface BestCheckpoint {
  name: string;
  /** The metric it was chosen by, e.g. `frechet_distance`. */
  metric: string;
  /** Whether lower (`min`) or higher (`max`) is better. */
  mode: 'min' | 'max';
  /** Its score. */
  value: number;
}

/**
 * The contents of a checkpoint folder's state file (`checkpoints/checkpoint`): the latest
 * checkpoint, the recent ones that retention may still delete (oldest first), those kept for
 * good by `keepEveryNHours`, and the best by a metric. Only complete, durable checkpoints are
 * ever named in it.
 */
export interface CheckpointState {
  latest: string | undefined;
  recent: TimedCheckpoint[];
  preserved: string[];
  /** When the last checkpoint was preserved by `keepEveryNHours` (seconds). */
  lastPreservedTimestamp: number | undefined;
  /** The best checkpoint by a metric, when the run keeps one. */
  best?: BestCheckpoint | undefined;
}

/**
 * Writes the state file atomically, in the text form of TensorFlow's `checkpoint` file
 * (`model_checkpoint_path: "ckpt-500"` ...) plus `preserved_checkpoint_paths` lines and, when
 * there is one, the best checkpoint (`best_checkpoint_path`, `_metric`, `_mode`, `_value`).
 *
 * @param path - the state file.
 * @param state - what to record.
 * @returns when the file is durable.
 */
export async function writeStateFile(path: string, state: CheckpointState): Promise<void> {
  const lines: string[] = [];
  if (state.latest !== undefined)
    lines.push(`model_checkpoint_path: ${JSON.stringify(state.latest)}`);
  for (const c of state.recent) lines.push(`all_model_checkpoint_paths: ${JSON.stringify(c.name)}`);
  for (const c of state.recent) lines.push(`all_model_checkpoint_timestamps: ${c.timestamp}`);
  if (state.lastPreservedTimestamp !== undefined) {
    lines.push(`last_preserved_timestamp: ${state.lastPreservedTimestamp}`);
  }
  for (const name of state.preserved)
    lines.push(`preserved_checkpoint_paths: ${JSON.stringify(name)}`);
  if (state.best !== undefined) {
    const { name, metric, mode, value } = state.best;
    lines.push(
      `best_checkpoint_path: ${JSON.stringify(name)}`,
      `best_checkpoint_metric: ${JSON.stringify(metric)}`,
      `best_checkpoint_mode: ${JSON.stringify(mode)}`,
      `best_checkpoint_value: ${value}`,
    );
  }
  await writeFileAtomic(path, [Buffer.from(`${lines.join('\n')}\n`, 'utf8')]);
}

/**
 * Reads a state file, checking that every checkpoint it names is a plain `<prefix>-<number>`
 * inside the folder.
 *
 * @param path - the state file.
 * @returns the state, or `undefined` when there is no state file yet.
 * @throws CheckpointFormatError for a line that is not `key: value`; CheckpointNameError for a
 *   name that would leave the folder.
 */
export function readStateFile(path: string): CheckpointState | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const values = new Map<string, (string | number)[]>();
  for (const [index, line] of text.split('\n').entries()) {
    if (line.trim() === '') continue;
    const [key, value] = parseLine(line, `${path}:${index + 1}`);
    values.set(key, [...(values.get(key) ?? []), value]);
  }
  const names = (key: string): string[] =>
    (values.get(key) ?? []).map((v) => {
      const name = String(v);
      assertCheckpointName(name, path);
      return name;
    });
  const paths = names('all_model_checkpoint_paths');
  const times = (values.get('all_model_checkpoint_timestamps') ?? []).map(Number);
  if (times.length !== paths.length) {
    throw new CheckpointFormatError(
      `${path}: ${paths.length} all_model_checkpoint_paths but ${times.length} timestamps; ` +
        `fix or delete the state file`,
    );
  }
  const lastPreserved = values.get('last_preserved_timestamp')?.at(-1);
  return {
    latest: names('model_checkpoint_path').at(-1),
    recent: paths.map((name, i) => ({ name, timestamp: times[i] ?? 0 })),
    preserved: names('preserved_checkpoint_paths'),
    lastPreservedTimestamp: lastPreserved === undefined ? undefined : Number(lastPreserved),
    best: readBest(values, names('best_checkpoint_path').at(-1), path),
  };
}

function readBest(
  values: Map<string, (string | number)[]>,
  name: string | undefined,
  path: string,
): BestCheckpoint | undefined {
  if (name === undefined) return undefined;
  const metric = values.get('best_checkpoint_metric')?.at(-1);
  const mode = values.get('best_checkpoint_mode')?.at(-1);
  const value = values.get('best_checkpoint_value')?.at(-1);
  if (
    typeof metric !== 'string' ||
    (mode !== 'min' && mode !== 'max') ||
    typeof value !== 'number'
  ) {
    throw new CheckpointFormatError(
      `${path}: best_checkpoint_path ${name} needs best_checkpoint_metric (a name), ` +
        'best_checkpoint_mode ("min" or "max") and best_checkpoint_value (a number); fix or ' +
        'delete the state file',
    );
  }
  return { name, metric, mode, value };
}

function parseLine(line: string, where: string): [string, string | number] {
  const match = /^\s*([a-z_]+):\s*(.*?)\s*$/.exec(line);
  const raw = match?.[2] ?? '';
  const value: unknown = raw.startsWith('"') ? safeJson(raw) : raw === '' ? undefined : Number(raw);
  const valid = typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value));
  if (match === null || !valid) {
    throw new CheckpointFormatError(
      `${where}: "${line}" is not a checkpoint state line (key: "name" or key: number); fix or ` +
        `delete the state file`,
    );
  }
  return [match[1] ?? '', value as string | number];
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

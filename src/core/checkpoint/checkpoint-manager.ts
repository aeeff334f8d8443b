import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '../logger.js';
import { consoleLogger } from '../logger.js';
import { removeStaleTemporaries, syncDirectory } from './atomic-file.js';
import { writeCheckpointFile, type CheckpointContents } from './checkpoint-file.js';
import type { JsonValue } from './checkpointable.js';
import { CheckpointError } from './errors.js';
import type { CheckpointManifest } from './manifest.js';
import { assertCheckpointName } from './names.js';
import { sweep } from './retention.js';
import type { SaveOptions } from './saver.js';
import {
  readStateFile,
  writeStateFile,
  type BestCheckpoint,
  type TimedCheckpoint,
} from './state-file.js';

/** What a manager saves: anything that snapshots a checkpoint's contents, e.g. a {@link Saver}. */
export interface CheckpointSource {
  /** Copies the current values synchronously, so the write can run while training goes on. */
  snapshot(options: SaveOptions): CheckpointContents;
}

/** Options of the {@link CheckpointManager} constructor. */
export interface CheckpointManagerOptions {
  /** Recent checkpoints to keep; default 5; `null` keeps all. */
  maxToKeep?: number | null;
  /** Also keep for good one checkpoint every this many hours; default none. */
  keepEveryNHours?: number;
  /** File name prefix; default `ckpt` (files `ckpt-<number>.safetensors`). */
  checkpointName?: string;
  /** The run's resolved config, stored in every checkpoint; default `null`. */
  config?: JsonValue;
  /** Current time in milliseconds; default `Date.now` (tests inject a clock). */
  now?: () => number;
  /** Where a clock that went backwards is reported; default stderr. */
  logger?: Logger;
  /**
   * Also keep the checkpoint that scored best by this metric (lower is better for `min`),
   * besides the recent ones; {@link CheckpointManager.recordScore} reports each score.
   */
  best?: { metric: string; mode: 'min' | 'max' };
}

/** What {@link CheckpointManager.save} wrote. */
export interface SavedCheckpoint {
  path: string;
  manifest: CheckpointManifest;
  /** Paths deleted by retention after this checkpoint became durable. */
  deleted: string[];
}

const STATE_FILE = 'checkpoint';
const EXTENSION = '.safetensors';

/**
 * Writes numbered checkpoints into a folder and keeps the newest `maxToKeep` plus one every
 * `keepEveryNHours`, the way TensorFlow's `CheckpointManager` does, so that no crash can cost
 * the last good checkpoint; with `best`, also the one that scored best by a metric (as Keras'
 * `ModelCheckpoint(save_best_only)` does), named in the state file and never deleted while it
 * is the best, resumed runs included. Each save is a file written atomically (temporary file, fsync,
 * rename); then the state file `checkpoint` (also atomic) names it as latest; only then are
 * older checkpoints deleted. The state file therefore only ever names complete checkpoints.
 * One folder has one writing manager at a time.
 *
 * @example
 * ```ts
 * const manager = new CheckpointManager(saver, 'runs/wgan/checkpoints', { maxToKeep: 3 });
 * await manager.save({ critic: 500, generator: 100 }); // runs/wgan/checkpoints/ckpt-100.safetensors
 * const path = manager.latest();
 * if (path !== undefined) await saver.restore(path);
 * ```
 */
export class CheckpointManager {
  private latestName: string | undefined;
  private recent: TimedCheckpoint[];
  private kept: string[];
  private lastPreserved: number;
  private bestSoFar: BestCheckpoint | undefined;
  /** Checkpoints whose score is still being computed. */
  private readonly awaiting = new Set<string>();
  private lastSave: { name: string; steps: string; written: Promise<SavedCheckpoint> } | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private cleaned = false;
  private readonly prefix: string;
  private readonly now: () => number;

  /**
   * Reads the folder's state file, if any, so a resumed run continues its retention.
   *
   * @param source - what to save (a {@link Saver}).
   * @param directory - the checkpoint folder, created on the first save.
   * @param options - retention, file prefix, config and clock.
   * @throws CheckpointError when the state file is malformed or names a file outside the folder.
   */
  constructor(
    private readonly source: CheckpointSource,
    readonly directory: string,
    private readonly options: CheckpointManagerOptions = {},
  ) {
    this.prefix = options.checkpointName ?? 'ckpt';
    assertCheckpointName(`${this.prefix}-0`, 'CheckpointManager checkpointName');
    const { maxToKeep } = options;
    if (
      maxToKeep !== undefined &&
      maxToKeep !== null &&
      !(Number.isSafeInteger(maxToKeep) && maxToKeep >= 1)
    ) {
      throw new CheckpointError(
        `CheckpointManager: maxToKeep ${maxToKeep} must be a positive integer, or null to keep all`,
      );
    }
    this.now = options.now ?? Date.now;
    const state = readStateFile(join(directory, STATE_FILE));
    const now = this.now() / 1000;
    this.latestName = state?.latest;
    this.recent = state?.recent ?? [];
    this.kept = state?.preserved ?? [];
    this.lastPreserved = state?.lastPreservedTimestamp ?? now;
    this.bestSoFar = state?.best;
    const { best } = options;
    const previous = this.bestSoFar;
    if (
      best !== undefined &&
      previous !== undefined &&
      (previous.metric !== best.metric || previous.mode !== best.mode)
    ) {
      // Scores of another metric do not compare; the old best stays, kept for good.
      this.kept.push(previous.name);
      this.bestSoFar = undefined;
    }
    if (now < this.lastPreserved) {
      // Unsure which were meant to be kept, keep them all rather than delete one wrongly.
      (options.logger ?? consoleLogger).warn(
        `the clock (${now} s) is behind the last preserved checkpoint timestamp ` +
          `(${this.lastPreserved} s) in ${directory}; existing checkpoints will not be deleted`,
      );
      this.kept.push(...this.recent.map((c) => c.name));
      this.recent = [];
      this.lastPreserved = now;
    }
  }

  /** The path of the newest complete checkpoint, or `undefined` before the first save. */
  latest(): string | undefined {
    return this.latestName === undefined ? undefined : this.pathOf(this.latestName);
  }

  /** Paths of the recent checkpoints that retention may still delete, oldest first. */
  get checkpoints(): string[] {
    return this.recent.map((c) => this.pathOf(c.name));
  }

  /** Paths of the checkpoints kept for good by `keepEveryNHours` (never deleted). */
  get preserved(): string[] {
    return this.kept.map((name) => this.pathOf(name));
  }

  /** The metric the best checkpoint is kept by, as the `best` option gave it. */
  get bestGoal(): { metric: string; mode: 'min' | 'max' } | undefined {
    return this.options.best;
  }

  /** The best checkpoint so far and its score, or `undefined` before one has been scored. */
  get best(): (BestCheckpoint & { path: string }) | undefined {
    const best = this.bestSoFar;
    return best === undefined ? undefined : { ...best, path: this.pathOf(best.name) };
  }

  /**
   * Snapshots the source now and writes `<prefix>-<number>.safetensors`, then the state file,
   * then deletes what retention drops. Saves run one after another in call order.
   *
   * Saving the same number with the same steps again (two hooks at one step) writes it once:
   * the second call gets the first's result.
   *
   * @param steps - global steps by name, e.g. `{ critic: 500, generator: 100 }`.
   * @param checkpointNumber - the file number; default `steps.generator`.
   * @returns the path, the manifest and what was deleted, once all of it is durable; rejected
   *   with a CheckpointError for a bad number or state that is not JSON (nothing is written).
   */
  save(steps: Record<string, number>, checkpointNumber?: number): Promise<SavedCheckpoint> {
    let name: string;
    let contents: CheckpointContents;
    const stepsKey = JSON.stringify(steps);
    try {
      name = `${this.prefix}-${checkNumber(checkpointNumber ?? steps.generator)}`;
      if (this.lastSave?.name === name && this.lastSave.steps === stepsKey) {
        return this.lastSave.written;
      }
      contents = this.source.snapshot({ steps, config: this.options.config ?? null });
    } catch (error) {
      return Promise.reject(error as Error);
    }
    const written = this.enqueue(() => this.write(name, contents));
    this.lastSave = { name, steps: stepsKey, written };
    return written;
  }

  /**
   * Reports the score, by the `best` metric, of a checkpoint just saved (an evaluation of the
   * same weights, which finishes later). Until the score settles the checkpoint is never
   * deleted; then it becomes the best if it beats the best so far, and the state file says so.
   * Call it right after `save`, before the score is known.
   *
   * @example
   * ```ts
   * const written = manager.save(steps);
   * const recorded = manager.recordScore(steps.generator, scoring.then((m) => m.frechet_distance));
   * ```
   *
   * @param checkpointNumber - the number the checkpoint was saved under.
   * @param score - its score; `undefined`, NaN or a rejection: not a candidate.
   * @returns whether it became the best, once that is durable; false without a `best` option;
   *   rejected with a CheckpointError when that number is not the checkpoint saved last.
   */
  recordScore(checkpointNumber: number, score: PromiseLike<number | undefined>): Promise<boolean> {
    if (this.options.best === undefined) return Promise.resolve(false);
    const name = `${this.prefix}-${checkpointNumber}`;
    if (this.lastSave?.name !== name) {
      return Promise.reject(
        new CheckpointError(
          `CheckpointManager.recordScore: ${name} is not the checkpoint saved last ` +
            `(${this.lastSave?.name ?? 'none yet'}); call it right after save`,
        ),
      );
    }
    this.awaiting.add(name);
    const { written } = this.lastSave;
    const settled = Promise.all([written, score]).then(
      ([, value]) => value,
      () => undefined,
    );
    return settled.then((value) => this.enqueue(() => this.recordValue(name, value)));
  }

  private enqueue<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Makes the checkpoint the best when it beats the best so far, and deletes what is left. */
  private async recordValue(name: string, value: number | undefined): Promise<boolean> {
    // A checkpoint awaiting its score is spared by retention, so it is still on disk here.
    const onDisk = this.isRetained(name);
    this.awaiting.delete(name);
    const goal = this.options.best!;
    const previous = this.bestSoFar;
    const better =
      value !== undefined &&
      !Number.isNaN(value) &&
      onDisk &&
      (previous === undefined ||
        (goal.mode === 'min' ? value < previous.value : value > previous.value));
    if (better) {
      this.bestSoFar = { name, metric: goal.metric, mode: goal.mode, value };
      await this.writeState();
    }
    const dropped = better ? previous?.name : name;
    if (dropped !== undefined && !this.isRetained(dropped)) {
      await rm(this.pathOf(dropped), { force: true });
      await syncDirectory(this.directory);
    }
    return better;
  }

  /** Whether retention keeps the file: recent, kept for good, the best, or awaiting its score. */
  private isRetained(name: string): boolean {
    return (
      this.recent.some((c) => c.name === name) ||
      this.kept.includes(name) ||
      this.bestSoFar?.name === name ||
      this.awaiting.has(name)
    );
  }

  private writeState(): Promise<void> {
    return writeStateFile(join(this.directory, STATE_FILE), {
      latest: this.latestName,
      recent: this.recent,
      preserved: this.kept,
      lastPreservedTimestamp: this.lastPreserved,
      best: this.bestSoFar,
    });
  }

  private async write(name: string, contents: CheckpointContents): Promise<SavedCheckpoint> {
    await this.prepareDirectory();
    const path = this.pathOf(name);
    const manifest = await writeCheckpointFile(path, contents);
    const listed = this.recent.filter((c) => c.name !== name);
    listed.push({ name, timestamp: this.now() / 1000 });
    const maxToKeep =
      this.options.maxToKeep === undefined ? 5 : (this.options.maxToKeep ?? undefined);
    const spare = new Set(this.awaiting);
    if (this.bestSoFar !== undefined) spare.add(this.bestSoFar.name);
    const swept = sweep(listed, this.lastPreserved, {
      maxToKeep,
      keepEveryNHours: this.options.keepEveryNHours,
      spare,
    });
    const kept = [...this.kept.filter((n) => n !== name), ...swept.preserved];
    await writeStateFile(join(this.directory, STATE_FILE), {
      latest: name,
      recent: swept.recent,
      preserved: kept,
      lastPreservedTimestamp: swept.lastPreservedTimestamp,
      best: this.bestSoFar,
    });
    this.latestName = name;
    this.recent = swept.recent;
    this.kept = kept;
    this.lastPreserved = swept.lastPreservedTimestamp;
    const deleted = swept.deleted.filter((n) => n !== name).map((n) => this.pathOf(n));
    await Promise.all(deleted.map((p) => rm(p, { force: true })));
    if (deleted.length > 0) await syncDirectory(this.directory);
    return { path, manifest, deleted };
  }

  private async prepareDirectory(): Promise<void> {
    if (this.cleaned) return;
    await mkdir(this.directory, { recursive: true });
    const isOurs = (name: string): boolean =>
      name === STATE_FILE || (name.startsWith(`${this.prefix}-`) && name.endsWith(EXTENSION));
    await removeStaleTemporaries(this.directory, isOurs);
    this.cleaned = true;
  }

  private pathOf(name: string): string {
    return join(this.directory, `${name}${EXTENSION}`);
  }
}

function checkNumber(number: number | undefined): number {
  if (number === undefined || !Number.isSafeInteger(number) || number < 0) {
    throw new CheckpointError(
      `CheckpointManager.save: checkpoint number ${String(number)} is not a non-negative ` +
        `integer; pass steps.generator or a checkpointNumber`,
    );
  }
  return number;
}

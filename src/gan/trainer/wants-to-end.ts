import type { StepParts } from '../update/step-parts.js';
import type { RunControl } from './iteration-runner.js';

/**
 * Whether this process's run ends at this boundary: a hook failed, a stop is pending, or the
 * generator has reached `settings.steps` (replicas ask when none of them proposed a stop).
 *
 * @param parts - the run's collaborators (settings and global steps are read).
 * @param control - the run's failure and pending stop.
 * @returns true to end the run.
 */
export function wantsToEnd(parts: StepParts, control: RunControl): boolean {
  if (control.failure() !== undefined || control.pendingStop() !== undefined) return true;
  const last = parts.settings.steps;
  return last !== undefined && parts.steps.generator.value >= last;
}

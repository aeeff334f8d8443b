import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { SetupError } from './setup-error.js';

/** What the verification training step measured on the `tensorflow` backend. */
export interface VerifyReport {
  tensorflowVersion: string;
  nativePackage: string;
  gpu: boolean;
  /** Why the GPU package computes on the CPU, when it does. */
  gpuUnavailable?: string;
  lossBefore: number;
  lossAfter: number;
  /** Mean wall time of one SGD step of the small MLP, in milliseconds. */
  stepMs: number;
}

/**
 * Proves the built binding works: in a child process, gantry starts the `tensorflow` backend
 * and trains a small MLP for a few steps; the loss must fall.
 *
 * @returns TensorFlow's version as its C API reports it, and the step's measurements.
 * @throws SetupError with the child's output when the backend does not start or learn.
 */
export function verifyTensorflowBackend(): VerifyReport {
  const ownFile = fileURLToPath(import.meta.url);
  const script = ownFile.replace(/verify\.([jt]s)$/, 'verify-step.$1');
  // execArgv carries a TypeScript loader when gantry runs from source.
  const result = spawnSync(process.execPath, [...process.execArgv, script], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 300_000,
  });
  const lastLine = result.stdout?.trim().split('\n').pop() ?? '';
  const report = parseReport(lastLine);
  if (result.status !== 0 || report === undefined) {
    const detail = `${result.stderr ?? ''}${result.stdout ?? ''}`.trim().split('\n').slice(-6);
    throw new SetupError(
      `the built tensorflow backend did not run a training step (exit ${String(result.status ?? result.signal)}):\n  ` +
        `${detail.join('\n  ')}\nThe binding may not match the TensorFlow library; pass --from ` +
        'with another TensorFlow, or rerun after installing a different wheel.',
    );
  }
  if (!(report.lossAfter < report.lossBefore)) {
    throw new SetupError(
      `the tensorflow backend ran, but training did not lower the loss ` +
        `(${report.lossBefore} → ${report.lossAfter}); this TensorFlow build computes wrongly.`,
    );
  }
  return report;
}

function parseReport(line: string): VerifyReport | undefined {
  try {
    const parsed = JSON.parse(line) as Partial<VerifyReport> & { backend?: string };
    return parsed.backend === 'tensorflow' ? (parsed as VerifyReport) : undefined;
  } catch {
    return undefined;
  }
}

import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** The addon `gantry setup tensorflow` builds beside the binding (native/stderr-capture). */
interface StderrCaptureAddon {
  begin(): void;
  end(): string;
}

/** Where, inside a tfjs-node package, `gantry setup tensorflow` puts the capture addon. */
export const STDERR_CAPTURE_FOLDER = 'gantry-stderr-capture';
const ADDON = join('build', 'Release', 'stderr_capture.node');

const require = createRequire(import.meta.url);

/**
 * Runs `work` with file descriptor 2 redirected, and hands what native code wrote there to
 * `release`, even when `work` throws. Without a working addon (a tfjs-node package that
 * gantry's set-up did not build, or one built for another Node) `work` runs as it is and
 * nothing is captured.
 *
 * @param packageDir - the tfjs-node package folder.
 * @param work - synchronous work that may write to stderr natively (loading TensorFlow).
 * @param release - receives the captured text once descriptor 2 is restored.
 * @returns what `work` returned.
 */
export function withNativeStderrCaptured<T>(
  packageDir: string,
  work: () => T,
  release: (captured: string) => void,
): T {
  const addon = loadAddon(join(packageDir, STDERR_CAPTURE_FOLDER, ADDON));
  // The capture only tidies stderr: an addon built for another Node, or one that cannot
  // redirect, must never keep the backend from loading.
  if (addon === undefined || !began(addon)) return work();
  try {
    return work();
  } finally {
    release(addon.end());
  }
}

function loadAddon(path: string): StderrCaptureAddon | undefined {
  if (!existsSync(path)) return undefined;
  try {
    return require(path) as StderrCaptureAddon;
  } catch {
    return undefined;
  }
}

function began(addon: StderrCaptureAddon): boolean {
  try {
    addon.begin();
    return true;
  } catch {
    return false;
  }
}

/**
 * The package folder of an installed package, from any file inside it.
 *
 * @param entry - the package's resolved entry file.
 * @returns the folder that holds its `package.json`.
 */
export function packageFolderOf(entry: string): string {
  let folder = dirname(entry);
  while (!existsSync(join(folder, 'package.json')) && dirname(folder) !== folder) {
    folder = dirname(folder);
  }
  return folder;
}

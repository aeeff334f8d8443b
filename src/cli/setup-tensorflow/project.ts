import { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';

/** Where gantry is installed, and what the set-up must match. */
export interface Project {
  /** The folder whose `node_modules` holds gantry's `@tensorflow/*` packages. */
  root: string;
  /** The version of gantry's `@tensorflow/tfjs-core`; tfjs-node is installed at the same one. */
  tfjsVersion: string;
  /** Where downloaded TensorFlow wheels are unpacked (`<root>/.cache/tensorflow`, gitignored). */
  cacheDir: string;
}

const require = createRequire(import.meta.url);

/**
 * Locates the project gantry runs in from where gantry's own `@tensorflow/tfjs-core` resolves,
 * so tfjs-node lands in the same `node_modules` and shares that one tfjs-core.
 *
 * @returns the project's root, tfjs version and cache folder.
 */
export function findProject(): Project {
  const corePackageJson = require.resolve('@tensorflow/tfjs-core/package.json');
  const { version } = require(corePackageJson) as { version: string };
  const segments = corePackageJson.split(sep);
  const nodeModules = segments.lastIndexOf('node_modules');
  const root =
    nodeModules > 0 ? segments.slice(0, nodeModules).join(sep) : dirname(corePackageJson);
  return { root, tfjsVersion: version, cacheDir: join(root, '.cache', 'tensorflow') };
}

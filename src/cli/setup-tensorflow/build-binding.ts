import { spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { BuildTools } from './build-tools.js';
import { SetupError } from './setup-error.js';

interface BinaryConfig {
  module_name: string;
  module_path: string;
  napi_versions: number[];
}

/**
 * Where tfjs-node loads its compiled binding from: its `binary.module_path` at the highest
 * N-API version both the package and this Node support, as node-pre-gyp's `find` computes it.
 *
 * @param packageDir - the tfjs-node package folder.
 * @returns the module name, its folder and the N-API version it is built for.
 */
export function bindingTarget(packageDir: string): {
  moduleName: string;
  modulePath: string;
  napiVersion: number;
  file: string;
} {
  const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as {
    binary: BinaryConfig;
  };
  const supported = Number(process.versions.napi);
  const napiVersion = Math.max(...manifest.binary.napi_versions.filter((v) => v <= supported));
  const modulePath = resolve(
    packageDir,
    manifest.binary.module_path.replace('{napi_build_version}', String(napiVersion)),
  );
  const moduleName = manifest.binary.module_name;
  return { moduleName, modulePath, napiVersion, file: join(modulePath, `${moduleName}.node`) };
}

/**
 * Compiles tfjs-node's binding against the staged `deps/` with node-gyp, offline: the Node
 * headers come from `tools.nodeDir` and node-pre-gyp (which would first try to download a
 * prebuilt binary) is bypassed by handing node-gyp the variables it would have set.
 *
 * @param packageDir - the tfjs-node package folder, with `deps/` staged.
 * @param tools - node-gyp and the Node headers folder.
 * @returns the path of the built `.node` file.
 * @throws SetupError with the compiler's last lines when the build fails.
 */
export function buildBinding(packageDir: string, tools: BuildTools): string {
  const target = bindingTarget(packageDir);
  const args = [
    tools.nodeGyp,
    'rebuild',
    `--nodedir=${tools.nodeDir}`,
    `--jobs=${availableParallelism()}`,
    `--module_name=${target.moduleName}`,
    `--module_path=${target.modulePath}`,
    `--napi_build_version=${target.napiVersion}`,
  ];
  const result = spawnSync(process.execPath, args, {
    cwd: packageDir,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0 || !existsSync(target.file)) {
    const tail = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim().split('\n').slice(-8);
    throw new SetupError(
      `node-gyp could not build the TensorFlow binding in ${packageDir}:\n  ` +
        `${tail.join('\n  ')}\nCheck the build tools (make, g++, python3) and that the ` +
        `TensorFlow headers match its library; pass --from to use another TensorFlow.`,
    );
  }
  return target.file;
}

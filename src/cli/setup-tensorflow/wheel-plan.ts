/**
 * Which TensorFlow wheel a CPU or GPU set-up installs, where it goes and what tfjs-node package
 * it builds: the one place these choices are made.
 */
export interface WheelPlan {
  /** The pip distribution, e.g. `tensorflow-cpu`. */
  distribution: string;
  /** pip's arguments after `install --target DIR`. */
  pipArguments: readonly string[];
  /** The folder of gantry's TensorFlow cache it is unpacked into (`python`, `python-gpu`). */
  cacheFolder: string;
  /** The tfjs-node package built against it. */
  nativePackage: '@tensorflow/tfjs-node' | '@tensorflow/tfjs-node-gpu';
}

/**
 * The CPU set-up unpacks `tensorflow-cpu` alone (`--no-deps`: only its shared libraries are
 * used). The GPU set-up unpacks the plain `tensorflow` wheel, Linux's CUDA 12 build, with its
 * `and-cuda` extra: the `nvidia-*-cu12` wheels whose libraries TensorFlow loads through run
 * paths relative to itself (`$ORIGIN/../nvidia/<library>/lib`), so they must land in the same
 * folder; its other dependencies come along, unused.
 *
 * @param gpu - whether the CUDA build is wanted.
 * @returns the plan.
 */
export function wheelPlan(gpu: boolean): WheelPlan {
  return gpu
    ? {
        distribution: 'tensorflow',
        pipArguments: ['tensorflow[and-cuda]'],
        cacheFolder: 'python-gpu',
        nativePackage: '@tensorflow/tfjs-node-gpu',
      }
    : {
        distribution: 'tensorflow-cpu',
        pipArguments: ['--no-deps', 'tensorflow-cpu'],
        cacheFolder: 'python',
        nativePackage: '@tensorflow/tfjs-node',
      };
}

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { initBackend } from '../../../src/core/backend/index.js';
import * as tf from '../../../src/core/backend/tf.js';
import { Saver } from '../../../src/core/checkpoint/index.js';
import { silentLogger } from '../../../src/core/logger.js';

// Python with the `safetensors` and `numpy` packages; the test is skipped, saying so, without it.
const PYTHON = process.env.GANTRY_PYTHON ?? 'python3';
const READ = `
import json, sys
from safetensors.numpy import load_file
from safetensors import safe_open
tensors = load_file(sys.argv[1])
with safe_open(sys.argv[1], framework="numpy") as f:
    manifest = json.loads(f.metadata()["gantry_manifest"])
print(json.dumps({
    "tensors": {k: {"dtype": str(v.dtype), "shape": list(v.shape), "values": v.flatten().tolist()}
                for k, v in tensors.items()},
    "steps": manifest["steps"],
}))
`;

function pythonWithSafetensors(): boolean {
  const probe = spawnSync(PYTHON, ['-c', 'import safetensors.numpy, numpy'], { encoding: 'utf8' });
  return probe.status === 0;
}

describe("Python's safetensors reading a gantry checkpoint", () => {
  let dir: string;
  before(async () => {
    await initBackend({ backend: 'cpu', logger: silentLogger });
    dir = mkdtempSync(join(tmpdir(), 'gantry-python-'));
  });
  after(() => {
    tf.disposeVariables();
    rmSync(dir, { recursive: true, force: true });
  });

  it('loads every tensor equal to the live variables, and the manifest', async (t) => {
    if (!pythonWithSafetensors()) {
      t.skip(`${PYTHON} lacks safetensors/numpy (set GANTRY_PYTHON to a Python that has them)`);
      return;
    }
    const variables = [
      tf.variable(tf.randomNormal([5, 3], 0, 1, 'float32', 3), true, 'generator/dense/kernel'),
      tf.variable(tf.scalar(100, 'int32'), false, 'global_step/generator'),
      tf.variable(tf.tensor([true, false], [2], 'bool'), false, 'critic/mask'),
    ];
    const path = join(dir, 'ckpt-100.safetensors');
    await new Saver(variables).save(path, { steps: { critic: 500, generator: 100 } });
    const run = spawnSync(PYTHON, ['-c', READ, path], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    const read = JSON.parse(run.stdout) as {
      tensors: Record<string, { dtype: string; shape: number[]; values: (number | boolean)[] }>;
      steps: Record<string, number>;
    };
    const numpyDtype = { float32: 'float32', int32: 'int32', bool: 'bool' } as const;
    for (const v of variables) {
      const tensor = read.tensors[v.name];
      assert.ok(tensor, `${v.name} is in the file`);
      assert.equal(tensor.dtype, numpyDtype[v.dtype as keyof typeof numpyDtype]);
      assert.deepEqual(tensor.shape, v.shape);
      assert.deepEqual(tensor.values.map(Number), Array.from(v.dataSync(), Number));
    }
    assert.deepEqual(read.steps, { critic: 500, generator: 100 });
  });
});

import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { generatorRecipeOf } from '../../../src/cli/sample/generator-recipe.js';
import { initBackend } from '../../../src/core/backend/init-backend.js';
import type { JsonValue } from '../../../src/core/checkpoint/checkpointable.js';
import { createManifest } from '../../../src/core/checkpoint/manifest.js';
import { silentLogger } from '../../../src/core/logger.js';
import { exportGenerator } from '../../../src/gan/export/export-generator.js';
import { mlpGan } from '../../../src/gan/models/mlp.js';

const manifestWith = (config: JsonValue) =>
  createManifest(
    { createdAt: '', steps: { generator: 1 }, variables: {}, config, extraState: {} },
    '0.1.0',
  );

describe('generatorRecipeOf', () => {
  let folder: string;
  let path: string;
  before(async () => {
    await initBackend({ backend: 'cpu', logger: silentLogger });
    folder = await mkdtemp(join(tmpdir(), 'gantry-recipe-'));
    path = join(folder, 'run', 'checkpoints', 'ckpt-1.safetensors');
  });

  it("builds the generator from the topology the checkpoint records, on the run's backend", async () => {
    const { generator, critic } = mlpGan({ noiseSize: 3, width: 4, depth: 1 });
    const config = { backend: 'cpu', topology: { generator: generator.toJSON(null, false) } };
    const recipe = generatorRecipeOf(manifestWith(config as JsonValue), {}, path);
    assert.equal(recipe.backend, 'cpu');
    const rebuilt = await recipe.build();
    assert.deepEqual(rebuilt.inputs[0]?.shape, [null, 3]);
    for (const model of [generator, critic, rebuilt]) model.dispose();
  });

  it('prefers --generator, a model.json whose topology is read and whose weights are not', async () => {
    const { generator, critic } = mlpGan({ noiseSize: 5, width: 4, depth: 1 });
    await exportGenerator(generator, join(folder, 'other'), { page: false });
    const location = { generator: join(folder, 'other', 'model.json') };
    const rebuilt = await generatorRecipeOf(manifestWith(null), location, path).build();
    assert.deepEqual(rebuilt.inputs[0]?.shape, [null, 5]);
    for (const model of [generator, critic, rebuilt]) model.dispose();
  });

  it('refuses a --generator file that holds no topology, naming it', async () => {
    const file = join(folder, 'not-a-model.json');
    await writeFile(file, '{"weights": []}');
    assert.throws(
      () => generatorRecipeOf(manifestWith(null), { generator: file }, path),
      /--generator \S+not-a-model\.json holds no model topology; give a model\.json/,
    );
  });

  it('says what to pass for a checkpoint of an older gantry, with no config.json beside it', () => {
    const older = manifestWith({ latentDim: 4, initialisation: { generator: 'seeded' } });
    assert.throws(
      () => generatorRecipeOf(older, {}, path),
      (error: Error) => {
        assert.equal(error.name, 'UsageError');
        assert.match(
          error.message,
          /ckpt-1\.safetensors records no generator topology \(an older gantry wrote it\) nor a gantry train config, and there is no \S+run\/config\.json; pass --generator FILE, .*or --logdir with the run's folder \(its config\.json\)/,
        );
        return true;
      },
    );
  });
});

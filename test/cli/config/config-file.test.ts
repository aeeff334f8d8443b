import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { readConfigFile } from '../../../src/cli/config/config-file.js';
import { UsageError } from '../../../src/cli/usage-error.js';

describe('config files', () => {
  let folder: string;
  const file = async (name: string, text: string): Promise<string> => {
    const path = join(folder, name);
    await writeFile(path, text);
    return path;
  };
  before(async () => {
    folder = await mkdtemp(join(tmpdir(), 'gantry-config-'));
  });

  it('reads YAML and JSON into the same options', async () => {
    const yaml = await file(
      'a.yaml',
      'dataset: mnist\nloss: wgan\nnCritic: 5\nlrD: 5.0e-5\ndevices: [0, 1]\n',
    );
    const json = await file(
      'a.json',
      '{"dataset":"mnist","loss":"wgan","nCritic":5,"lrD":5e-5,"devices":["0","1"]}',
    );
    const expected = { dataset: 'mnist', loss: 'wgan', nCritic: 5, lrD: 5e-5, devices: ['0', '1'] };
    assert.deepEqual(readConfigFile(yaml), expected);
    assert.deepEqual(readConfigFile(json), expected);
  });

  it('names an unknown key and the key it was probably meant to be', async () => {
    const path = await file('x.yaml', 'nCrtic: 5\n');
    assert.throws(
      () => readConfigFile(path),
      (error: Error) =>
        error instanceof UsageError &&
        error.message === `unknown key 'nCrtic' in ${path} (did you mean nCritic?)`,
    );
  });

  it('lists the allowed keys when no key is close', async () => {
    const path = await file('far.yaml', 'flavour: vanilla\n');
    assert.throws(
      () => readConfigFile(path),
      /unknown key 'flavour' .*\(allowed keys: logdir, dataset, model, loss/,
    );
  });

  it('names a bad value with what the key allows', async () => {
    const path = await file('bad.yaml', 'nCritic: five\nloss: wgan-xl\n');
    assert.throws(
      () => readConfigFile(path),
      (error: Error) => {
        assert.match(
          error.message,
          new RegExp(`nCritic in ${path} must be an integer ≥ 1, got "five"`),
        );
        assert.match(
          error.message,
          /loss in .* must be one of wgan, wgan-gp, ns, hinge, lsgan, got "wgan-xl"/,
        );
        return true;
      },
    );
  });

  it('reads histogramEvery, 0 included, and names it when negative or fractional', async () => {
    assert.deepEqual(readConfigFile(await file('h.yaml', 'histogramEvery: 0\n')), {
      histogramEvery: 0,
    });
    for (const bad of ['-1', '2.5']) {
      const path = await file('h-bad.yaml', `histogramEvery: ${bad}\n`);
      assert.throws(
        () => readConfigFile(path),
        new RegExp(`histogramEvery in ${path} must be an integer ≥ 0 \\(0: never\\), got ${bad}`),
      );
    }
  });

  it('rejects a file that is not a mapping, or not YAML at all', async () => {
    const list = await file('list.yaml', '- 1\n- 2\n');
    const broken = await file('broken.json', '{"steps": ');
    assert.throws(() => readConfigFile(list), /must hold a mapping/);
    assert.throws(() => readConfigFile(broken), /is not valid JSON or YAML/);
    assert.throws(() => readConfigFile(join(folder, 'missing.yaml')), /cannot be read/);
  });
});

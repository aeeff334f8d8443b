import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { InvalidArgumentError } from 'commander';
import { stringify } from 'yaml';
import { TRAIN_CATALOGS, trainCommand } from '../../../src/cli/commands/train.js';
import { readConfigFile } from '../../../src/cli/config/config-file.js';
import { parseFlagValue } from '../../../src/cli/config/flag-value.js';
import { TRAIN_FLAGS, type TrainOptionKey } from '../../../src/cli/config/train-options.js';
import { CatalogError, type CatalogOption } from '../../../src/core/catalog/index.js';

// Each catalog entry with its options, as the walk below visits them.
const ENTRIES = TRAIN_CATALOGS.flatMap(({ catalog, flag }) =>
  catalog.entries.map((entry) => ({
    catalog,
    flag,
    entry,
    options: Object.entries(entry.options as Record<string, CatalogOption<unknown>>),
  })),
);

const ownedBy = (kind: string, name: string) =>
  new RegExp(`\\(an option of ${kind} (\\S+, )*${name}(,|\\))`);

describe("every catalog entry through gantry train's validation", () => {
  let folder: string;
  const configFile = async (values: Record<string, unknown>): Promise<string> => {
    const path = join(folder, `${Object.keys(values).join('-')}-${Math.random()}.yaml`);
    await writeFile(path, stringify(values));
    return path;
  };
  before(async () => {
    folder = await mkdtemp(join(tmpdir(), 'gantry-catalogs-'));
  });

  it('accepts every entry by name with its default options, as a config file and as flags', async () => {
    for (const { catalog, entry, options } of ENTRIES) {
      const defaults = Object.fromEntries(options.map(([key, option]) => [key, option.default]));
      const values = { [catalog.kind]: entry.name, ...defaults };
      assert.deepEqual(readConfigFile(await configFile(values)), values, entry.name);
      assert.equal(parseFlagValue(catalog.kind as TrainOptionKey, entry.name), entry.name);
      for (const [key, option] of options) {
        assert.equal(parseFlagValue(key as TrainOptionKey, String(option.default)), option.default);
      }
      assert.deepEqual(catalog.parseOptions(entry.name, defaults), defaults, entry.name);
    }
  });

  it('rejects a bad value of each option, naming the option, what it allows and the entry', async () => {
    for (const { catalog, entry, options } of ENTRIES) {
      for (const [key, option] of options) {
        const path = await configFile({ [catalog.kind]: entry.name, [key]: { not: 'a value' } });
        assert.throws(
          () => readConfigFile(path),
          (error: Error) => {
            assert.match(
              error.message,
              new RegExp(`${key} in .* must be ${escape(option.allowed)}`),
            );
            assert.match(error.message, ownedBy(catalog.kind, entry.name));
            return true;
          },
        );
        // Every option today reads a number; a text option would need a bad text of its own.
        assert.notEqual(option.reads, 'text', `${entry.name}.${key} needs a bad value here`);
        assert.throws(
          () => parseFlagValue(key as TrainOptionKey, 'not-a-value'),
          (error: Error) =>
            error instanceof InvalidArgumentError &&
            error.message.startsWith(`${TRAIN_FLAGS[key as TrainOptionKey].flag} must be`) &&
            ownedBy(catalog.kind, entry.name).test(error.message),
        );
        assert.throws(
          () => catalog.parseOptions(entry.name, { [key]: { not: 'a value' } }),
          (error: unknown) =>
            error instanceof CatalogError &&
            error.message.startsWith(`${catalog.kind} ${entry.name}: ${key} must be`),
        );
      }
    }
  });

  it('names the option and its entry for a misspelt option, and refuses options of no entry', async () => {
    for (const { catalog, entry, options } of ENTRIES) {
      for (const [key] of options) {
        const path = await configFile({ [`${key}x`]: 1 });
        assert.throws(
          () => readConfigFile(path),
          (error: Error) =>
            error.message.includes(`unknown key '${key}x'`) &&
            error.message.includes(`did you mean ${key}`) &&
            ownedBy(catalog.kind, entry.name).test(error.message),
        );
      }
      assert.throws(
        () => catalog.parseOptions(entry.name, { notAnOption: 1 }),
        (error: unknown) =>
          error instanceof CatalogError &&
          error.message.startsWith(`${catalog.kind} ${entry.name} has no option 'notAnOption'`),
      );
    }
  });

  it('gives each option of every entry one flag of gantry train', () => {
    for (const { entry, options } of ENTRIES) {
      for (const [key, option] of options) {
        const spec = TRAIN_FLAGS[key as TrainOptionKey];
        assert.ok(spec !== undefined, `${entry.name}.${key} has no flag`);
        assert.equal(spec.allowed, option.allowed);
      }
    }
  });

  it('lists every entry with its description and option flags in gantry train --help', () => {
    let help = '';
    const command = trainCommand().configureOutput({ writeOut: (text) => (help += text) });
    command.outputHelp();
    for (const { catalog, flag, entry, options } of ENTRIES) {
      assert.match(help, new RegExp(`${catalog.plural} \\(${flag}\\):`));
      assert.match(help, new RegExp(`\\n  \\S+ +${escape(entry.description)}\\n`), entry.name);
      if (options.length > 0) {
        const flags = options.map(([key]) => TRAIN_FLAGS[key as TrainOptionKey].flag).join(', ');
        assert.match(help, new RegExp(`${escape(entry.description)}\\n +options: ${flags}\\n`));
      }
      if (flag !== '--dataset') assert.match(help, new RegExp(`\\n  ${entry.name} +`));
    }
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

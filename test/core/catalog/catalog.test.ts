import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { z } from 'zod';
import {
  catalogEntry,
  CatalogError,
  defineCatalog,
  type CatalogOption,
} from '../../../src/core/catalog/index.js';

interface Shape {
  readonly sides: number;
  readonly size: number;
  readonly seed?: number;
}

const shapeEntry = catalogEntry<{ seed?: number }, Shape>();
const size = (fallback: number): CatalogOption<number> => ({
  schema: z.number().positive(),
  default: fallback,
  help: 'side length',
  placeholder: 'X',
  allowed: 'a number > 0',
  reads: 'number',
});

const shapes = defineCatalog<{ seed?: number }, Shape>()({ kind: 'shape', plural: 'shapes' }, [
  shapeEntry({
    name: 'square',
    description: 'four equal sides',
    options: { size: size(1) },
    create: (options, { seed }) => ({ sides: 4, size: options.size, seed }),
  }),
  shapeEntry({
    name: 'polygon',
    description: 'n equal sides',
    options: {
      size: size(2),
      sides: {
        schema: z.int().min(3),
        default: 6,
        help: 'number of sides',
        placeholder: 'N',
        allowed: 'an integer ≥ 3',
        reads: 'integer',
      },
    },
    create: (options) => ({ ...options }),
  }),
]);

const catalogError = (pattern: RegExp, subject: object) => (error: unknown) =>
  error instanceof CatalogError &&
  pattern.test(error.message) &&
  Object.entries(subject).every(
    ([key, value]) => error.subject[key as keyof typeof error.subject] === value,
  );

describe('Catalog', () => {
  it('lists its names in table order and every option once', () => {
    assert.deepEqual(shapes.names, ['square', 'polygon']);
    assert.deepEqual(Object.keys(shapes.options), ['size', 'sides']);
    assert.deepEqual(shapes.owners('size'), ['square', 'polygon']);
    assert.deepEqual(shapes.owners('sides'), ['polygon']);
    assert.ok(shapes.has('square') && !shapes.has('circle'));
  });

  it("builds through the entry's factory with its own defaults and the caller's context", () => {
    assert.deepEqual(shapes.create('square', {}, { seed: 7 }), { sides: 4, size: 1, seed: 7 });
    assert.deepEqual(shapes.create('polygon', { sides: 5 }, {}), { sides: 5, size: 2 });
  });

  it('names the kind and lists the names for an unknown entry', () => {
    assert.throws(
      () => shapes.create('circle', {}, {}),
      catalogError(/^unknown shape 'circle'; use one of square, polygon$/, {
        kind: 'shape',
        entry: 'circle',
      }),
    );
  });

  it('names the entry and the option for an option the entry does not take', () => {
    assert.throws(
      () => shapes.parseOptions('square', { sides: 3 }),
      catalogError(/^shape square has no option 'sides'; it takes size$/, {
        entry: 'square',
        option: 'sides',
      }),
    );
  });

  it('names the entry, the option and what it allows for a bad value', () => {
    assert.throws(
      () => shapes.parseOptions('polygon', { sides: 2.5 }),
      catalogError(/^shape polygon: sides must be an integer ≥ 3, got 2.5$/, {
        entry: 'polygon',
        option: 'sides',
      }),
    );
  });

  it("picks one entry's options out of settings that hold every entry's side by side", () => {
    const settings = { size: 3, sides: 8, colour: 'red' };
    assert.deepEqual(shapes.pickOptions('square', settings), { size: 3 });
    assert.deepEqual(shapes.pickOptions('polygon', settings), { size: 3, sides: 8 });
  });

  it('refuses a table that names an entry twice or declares one option two ways', () => {
    const square = shapes.entry('square');
    assert.throws(
      () =>
        defineCatalog<{ seed?: number }, Shape>()({ kind: 'shape', plural: 'shapes' }, [
          square,
          square,
        ]),
      /names an entry twice/,
    );
    const integerSize = shapeEntry({
      ...square,
      name: 'other',
      options: { size: { ...size(1), allowed: 'an integer ≥ 1', reads: 'integer' } },
    });
    assert.throws(
      () =>
        defineCatalog<{ seed?: number }, Shape>()({ kind: 'shape', plural: 'shapes' }, [
          square,
          integerSize,
        ]),
      /shape other declares option size unlike an earlier entry/,
    );
  });
});

import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  CHECKPOINT_FORMAT_VERSION,
  CheckpointCorruptError,
  CheckpointError,
  CheckpointFormatError,
  CheckpointNameError,
  CheckpointTruncatedError,
  CheckpointVersionError,
  readCheckpointFile,
  writeCheckpointFile,
  type TensorRecord,
} from '../../../src/core/checkpoint/index.js';

type Header = Record<string, unknown> & { __metadata__: Record<string, string> };

function floats(name: string, shape: number[], start: number): TensorRecord {
  const count = shape.reduce((a, b) => a * b, 1);
  const values = Float32Array.from({ length: count }, (_, i) => start + i / 8);
  return { name, dtype: 'float32', shape, bytes: new Uint8Array(values.buffer) };
}

/** Re-encodes a file's header after `edit`, keeping the data bytes as they are. */
function rewriteHeader(path: string, edit: (header: Header) => void): void {
  const file = readFileSync(path);
  const length = Number(file.readBigUInt64LE(0));
  const header = JSON.parse(file.toString('utf8', 8, 8 + length)) as Header;
  edit(header);
  const json = Buffer.from(JSON.stringify(header));
  const prefix = Buffer.alloc(8);
  prefix.writeBigUInt64LE(BigInt(json.length));
  writeFileSync(path, Buffer.concat([prefix, json, file.subarray(8 + length)]));
}

/** Edits the gantry manifest and records its new checksum, as a newer gantry would write it. */
function rewriteManifest(path: string, edit: (manifest: Record<string, unknown>) => void): void {
  rewriteHeader(path, (header) => {
    const manifest = JSON.parse(header.__metadata__.gantry_manifest ?? '') as Record<
      string,
      unknown
    >;
    edit(manifest);
    const text = JSON.stringify(manifest);
    header.__metadata__.gantry_manifest = text;
    header.__metadata__.gantry_manifest_sha256 = createHash('sha256').update(text).digest('hex');
  });
}

describe('checkpoint files', () => {
  let dir: string;
  let good: Buffer;
  let count = 0;
  const fresh = (bytes: Uint8Array = good): string => {
    const path = join(dir, `ckpt-${++count}.safetensors`);
    writeFileSync(path, bytes);
    return path;
  };

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gantry-ckpt-file-'));
    const path = join(dir, 'good.safetensors');
    await writeCheckpointFile(path, {
      steps: { critic: 50, generator: 10 },
      tensors: [floats('generator/dense/kernel', [3, 4], 1), floats('critic/dense/bias', [4], -2)],
      config: { batchSize: 64 },
      extraState: { noise_rng: { seed: 1 } },
    });
    good = readFileSync(path);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('reads back what it wrote, with steps, config and extra state', async () => {
    const { manifest, tensors } = await readCheckpointFile(fresh());
    assert.equal(manifest.formatVersion, CHECKPOINT_FORMAT_VERSION);
    assert.match(manifest.gantryVersion, /^\d+\.\d+\.\d+/);
    assert.deepEqual(manifest.steps, { critic: 50, generator: 10 });
    assert.deepEqual(manifest.config, { batchSize: 64 });
    assert.deepEqual(manifest.extraState, { noise_rng: { seed: 1 } });
    const kernel = tensors.get('generator/dense/kernel');
    assert.deepEqual(kernel?.shape, [3, 4]);
    assert.deepEqual(Buffer.from(kernel?.bytes ?? []), Buffer.from(floats('k', [3, 4], 1).bytes));
  });

  it('reports a file cut anywhere as truncated', async () => {
    const headerEnd = 8 + Number(good.readBigUInt64LE(0));
    for (const cut of [0, 5, 9, headerEnd - 1, headerEnd, headerEnd + 20, good.length - 1]) {
      await assert.rejects(readCheckpointFile(fresh(good.subarray(0, cut))), (error) => {
        assert.ok(error instanceof CheckpointTruncatedError, `cut at ${cut}: ${String(error)}`);
        assert.match(error.message, /truncated/);
        return true;
      });
    }
  });

  it('names the tensor whose bytes no longer match their checksum', async () => {
    const length = Number(good.readBigUInt64LE(0));
    const header = JSON.parse(good.toString('utf8', 8, 8 + length)) as Header;
    const [begin] = (header['critic/dense/bias'] as { data_offsets: number[] }).data_offsets;
    const damaged = Buffer.from(good);
    damaged[8 + length + (begin ?? 0) + 2] ^= 0x01;
    const path = fresh(damaged);
    await assert.rejects(readCheckpointFile(path), (error) => {
      assert.ok(error instanceof CheckpointCorruptError);
      assert.match(error.message, /tensor critic\/dense\/bias do not match their checksum/);
      return true;
    });
  });

  it('detects a damaged manifest by its checksum', async () => {
    const text = good.toString('latin1');
    const at = text.indexOf('\\"batchSize\\":64') + '\\"batchSize\\":'.length;
    const damaged = Buffer.from(good);
    damaged[at] = '9'.charCodeAt(0);
    await assert.rejects(readCheckpointFile(fresh(damaged)), CheckpointCorruptError);
  });

  it('refuses a newer format version and says to upgrade', async () => {
    const path = fresh();
    rewriteManifest(path, (m) => {
      m.formatVersion = CHECKPOINT_FORMAT_VERSION + 1;
      m.gantryVersion = '9.0.0';
    });
    await assert.rejects(readCheckpointFile(path), (error) => {
      assert.ok(error instanceof CheckpointVersionError);
      assert.match(error.message, /format 2 \(written by gantry 9\.0\.0\).*upgrade gantry/);
      return true;
    });
  });

  it('names a checkpoint path that does not exist or is a folder', async () => {
    const missing = join(tmpdir(), 'gantry-no-such-checkpoint', 'ckpt-1.safetensors');
    await assert.rejects(readCheckpointFile(missing), (error) => {
      assert.ok(error instanceof CheckpointError);
      assert.equal(error.message.startsWith(`checkpoint ${missing} does not exist`), true);
      return true;
    });
    await assert.rejects(readCheckpointFile(tmpdir()), /is a folder/);
  });

  it('says a file is not a gantry checkpoint', async () => {
    const plain = fresh();
    rewriteHeader(plain, (header) => {
      header.__metadata__ = { format: 'pt' };
    });
    const cases: [string, RegExp][] = [
      [fresh(Buffer.from('{"generator": [1, 2, 3]}\n')), /not a safetensors checkpoint/],
      [
        fresh(Buffer.from('\x89PNG\r\n\x1a\n0000000000000000000000')),
        /not a safetensors checkpoint/,
      ],
      [plain, /safetensors file but not a gantry checkpoint/],
    ];
    for (const [path, message] of cases) {
      await assert.rejects(readCheckpointFile(path), (error) => {
        assert.ok(error instanceof CheckpointFormatError, String(error));
        assert.match(error.message, message);
        return true;
      });
    }
  });

  it('refuses a header whose shape does not fit the byte range', async () => {
    const path = fresh();
    rewriteHeader(path, (header) => {
      (header['generator/dense/kernel'] as { shape: number[] }).shape = [3, 5];
    });
    await assert.rejects(
      readCheckpointFile(path),
      /generator\/dense\/kernel spans 48 bytes, but float32 of shape \[3,5\] needs 60/,
    );
  });

  it('refuses tensor names that would escape the checkpoint folder', async () => {
    for (const name of ['../x', '/etc/passwd', 'a/../../b']) {
      const path = fresh();
      rewriteHeader(path, (header) => {
        header[name] = header['critic/dense/bias'];
        delete header['critic/dense/bias'];
      });
      await assert.rejects(readCheckpointFile(path), (error) => {
        assert.ok(error instanceof CheckpointNameError);
        assert.ok(error.message.includes(JSON.stringify(name)));
        return true;
      });
    }
  });

  it('keeps a tensor named __proto__ a plain name', async () => {
    const path = fresh();
    rewriteHeader(path, (header) => {
      Object.defineProperty(header, '__proto__', {
        value: header['critic/dense/bias'],
        enumerable: true,
      });
      delete header['critic/dense/bias'];
    });
    // The manifest still lists critic/dense/bias, so the file is refused as damaged, not polluted.
    await assert.rejects(readCheckpointFile(path), CheckpointCorruptError);
    assert.equal(({} as Record<string, unknown>).dtype, undefined);
  });
});

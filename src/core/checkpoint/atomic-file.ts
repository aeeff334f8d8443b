import { randomBytes } from 'node:crypto';
import { open, readdir, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';

const TEMP_MARK = '.tmp-';

/**
 * Writes a file so that, whatever happens (crash, SIGKILL, power loss), the path holds either
 * its previous content or the complete new one: the bytes go to a temporary file beside it, which
 * is flushed to disk (fsync), renamed over the path, and then the folder itself is flushed so the
 * rename is durable too.
 *
 * @param path - the file to write.
 * @param chunks - the content, in order.
 * @returns when the new content is durable.
 */
export async function writeFileAtomic(path: string, chunks: readonly Uint8Array[]): Promise<void> {
  const temp = `${path}${TEMP_MARK}${process.pid}-${randomBytes(4).toString('hex')}`;
  const handle = await open(temp, 'w');
  try {
    for (const chunk of chunks) await handle.write(chunk);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(temp, { force: true });
    throw error;
  }
  await handle.close();
  await rename(temp, path);
  await syncDirectory(dirname(path));
}

/**
 * Flushes a folder's entries (created, renamed and deleted names) to disk.
 *
 * @param directory - the folder.
 * @returns when the folder's entries are durable.
 */
export async function syncDirectory(directory: string): Promise<void> {
  const handle = await open(directory, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Deletes the temporary files that {@link writeFileAtomic} leaves behind when its process dies
 * mid-write, for the given final file names in a folder. Only one process may write a folder's
 * checkpoints at a time, so no other writer's file can be in flight.
 *
 * @param directory - the folder.
 * @param isTarget - whether a final file name is one whose leftovers to delete.
 * @returns the names deleted.
 */
export async function removeStaleTemporaries(
  directory: string,
  isTarget: (finalName: string) => boolean,
): Promise<string[]> {
  const stale = (await readdir(directory)).filter((name) => {
    const mark = name.lastIndexOf(TEMP_MARK);
    return mark > 0 && isTarget(name.slice(0, mark));
  });
  await Promise.all(stale.map((name) => rm(join(directory, name), { force: true })));
  return stale;
}

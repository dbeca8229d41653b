/**
 * Atomic JSON files: write to a temporary file, fsync, rename over the original. A file that does not
 * parse or validate is moved aside (never deleted) so nothing the operator entered is lost.
 */
import { mkdir, open, readFile, rename } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import { describeZodError } from '../../../shared/ipc/ipc-error';

export type LoadResult<T> =
  | { kind: 'loaded'; value: T }
  | { kind: 'missing' }
  /** The file was unreadable; it was moved to `movedTo` and the caller starts from defaults. */
  | { kind: 'corrupt'; reason: string; movedTo: string };

export async function loadJson<S extends z.ZodType>(
  file: string,
  schema: S,
  now = Date.now(),
): Promise<LoadResult<z.output<S>>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
    throw e;
  }
  let reason: string;
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    if (parsed.success) return { kind: 'loaded', value: parsed.data };
    reason = `does not match the settings schema: ${describeZodError(parsed.error)}`;
  } catch (e) {
    reason = `is not valid JSON: ${(e as Error).message}`;
  }
  const movedTo = `${file}.corrupt-${new Date(now).toISOString().replace(/[:.]/g, '-')}`;
  await rename(file, movedTo);
  return { kind: 'corrupt', reason, movedTo };
}

export async function saveJson(file: string, value: unknown): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  const handle = await open(tmp, 'w', 0o600);
  try {
    await handle.writeFile(`${JSON.stringify(value, null, 2)}\n`, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(tmp, file);
}

import { lstat, mkdtemp, readdir, readFile, realpath, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSerialPort } from '../devices/transports/serial-port';
import type { RawSerialPort } from '../devices/transports/transport';
import type { PtyPair } from './pty-pair';
import { createPtyPair } from './pty-pair';

let dir = '';
const pairs: PtyPair[] = [];
const ports: RawSerialPort[] = [];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ptz-pty-pair-test-'));
});

afterEach(async () => {
  await Promise.all(ports.splice(0).map((p) => p.close()));
  await Promise.all(pairs.splice(0).map((p) => p.close()));
  await rm(dir, { recursive: true, force: true });
});

async function make(options?: Parameters<typeof createPtyPair>[0]): Promise<PtyPair> {
  const pair = await createPtyPair(options);
  pairs.push(pair);
  return pair;
}

async function exists(path: string): Promise<boolean> {
  return lstat(path).then(
    () => true,
    () => false,
  );
}

/** PIDs of live socat processes whose command line mentions `path`. */
async function socatsFor(path: string): Promise<number[]> {
  const pids: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const cmdline = await readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '');
    const argv = cmdline.split('\0');
    if (argv.some((a) => a.endsWith('socat')) && argv.some((a) => a.includes(path))) pids.push(Number(entry));
  }
  return pids;
}

async function roundTrip(pair: PtyPair): Promise<void> {
  const a = await openSerialPort(pair.a, { baudRate: 9600 });
  const b = await openSerialPort(pair.b, { baudRate: 9600 });
  ports.push(a, b);
  const got: number[] = [];
  b.onData((c) => got.push(...c));
  await a.write(Uint8Array.of(0x88, 0x01, 0x00, 0x01, 0xff));
  await expect.poll(() => got).toEqual([0x88, 0x01, 0x00, 0x01, 0xff]);
}

describe('createPtyPair', () => {
  it('makes two linked ptys in a temp dir and removes everything on close', async () => {
    const pair = await make();
    expect(pair.plugged).toBe(true);
    expect((await realpath(pair.a)).startsWith('/dev/pts/')).toBe(true);
    expect((await realpath(pair.b)).startsWith('/dev/pts/')).toBe(true);
    await roundTrip(pair);
    expect(await socatsFor(pair.a)).toHaveLength(1);
    await pair.close();
    await pair.close(); // twice is fine
    expect(await exists(pair.a)).toBe(false);
    expect(await exists(join(pair.a, '..'))).toBe(false);
    expect(await socatsFor(pair.a)).toEqual([]);
  });

  it('unplug makes both ends vanish; replug brings them back under the same names', async () => {
    const pair = await make({ dir, names: ['camA', 'camB'] });
    expect(pair.a).toBe(join(dir, 'camA'));
    expect(pair.b).toBe(join(dir, 'camB'));
    const device = await realpath(pair.a);
    await pair.unplug();
    expect(pair.plugged).toBe(false);
    expect(await exists(pair.a)).toBe(false);
    expect(await exists(pair.b)).toBe(false);
    await expect(stat(device)).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await socatsFor(pair.a)).toEqual([]);
    await pair.unplug(); // no-op
    await pair.replug();
    await pair.replug(); // no-op
    expect(pair.plugged).toBe(true);
    expect(await socatsFor(pair.a)).toHaveLength(1);
    await roundTrip(pair);
    await pair.close();
    expect(await exists(dir)).toBe(true); // the caller's directory stays
    expect(await readdir(dir)).toEqual([]);
    await expect(pair.replug()).rejects.toThrow('pty pair is closed');
  });

  it('replaces stale links left by a socat that was killed hard', async () => {
    const first = await make({ dir });
    const [pid] = await socatsFor(first.a);
    process.kill(pid!, 'SIGKILL'); // no chance to remove its links
    await expect.poll(async () => (await socatsFor(first.a)).length).toBe(0);
    expect(await exists(first.a)).toBe(true); // dangling
    const second = await make({ dir });
    expect((await realpath(second.a)).startsWith('/dev/pts/')).toBe(true); // a live pty again
    await roundTrip(second);
  });

  it('says how to install socat when it is missing', async () => {
    const saved = process.env.PATH;
    process.env.PATH = dir; // nothing executable here
    try {
      await expect(createPtyPair()).rejects.toThrow('socat not found: install socat: apt-get install socat');
    } finally {
      process.env.PATH = saved;
    }
  });

  it('refuses link paths socat would misparse', async () => {
    await expect(createPtyPair({ dir, names: ['a,b', 'c'] })).rejects.toThrow(/must not contain/);
    expect(await readdir(dir)).toEqual([]);
  });
});

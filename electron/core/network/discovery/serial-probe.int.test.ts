// The serial probe over real socat pty pairs: a simulated VISCA chain on one, Pelco-D receivers on
// another, nothing on a third; a port a configured device owns is never opened.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openSerialPort } from '../../devices/transports/serial-port';
import { startPelcoSerialServer } from '../../sim/pelco-serial-server';
import { createPtyPair } from '../../sim/pty-pair';
import { startSerialSimulator } from '../../sim/serial-simulator';
import type { Finding, MethodContext } from './findings';
import { runSerialProbe } from './serial-probe';

function context() {
  const found: Finding[] = [];
  const progress: Array<[number, number]> = [];
  const notes: string[] = [];
  const abort = new AbortController();
  const ctx: MethodContext = {
    signal: abort.signal,
    found: (f) => found.push(f),
    progress: (d, t) => progress.push([d, t]),
    note: (n) => notes.push(n),
  };
  return { ctx, found, progress, notes, abort };
}

describe('serial probe over pty pairs', () => {
  const cleanups: Array<() => Promise<unknown> | unknown> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it('finds a VISCA chain and a Pelco-D receiver, skips an owned port, and reports progress', async () => {
    const viscaPty = await createPtyPair();
    cleanups.push(() => viscaPty.close());
    const viscaLine = await openSerialPort(viscaPty.b, { baudRate: 9600 });
    cleanups.push(() => viscaLine.close());
    const chain = await startSerialSimulator({ endpoint: viscaLine, addresses: 2, baudRate: 9600 });
    cleanups.push(() => chain.close());

    const pelcoPty = await createPtyPair();
    cleanups.push(() => pelcoPty.close());
    const pelcoLine = await openSerialPort(pelcoPty.b, { baudRate: 9600 });
    cleanups.push(() => pelcoLine.close());
    const pelco = startPelcoSerialServer(pelcoLine, { variant: 'd', addresses: [1] });
    cleanups.push(() => pelco.close());

    const silentPty = await createPtyPair();
    cleanups.push(() => silentPty.close());
    const ownedPty = await createPtyPair();
    cleanups.push(() => ownedPty.close());

    const open = vi.fn(openSerialPort);
    const { ctx, found, progress, notes } = context();
    await runSerialProbe(
      {
        ports: [viscaPty.a, pelcoPty.a, silentPty.a, ownedPty.a],
        owned: new Map([[ownedPty.a, 'Stage left']]),
        open,
        bauds: [9600, 38400],
      },
      ctx,
    );

    const byPath = (p: string) => found.filter((f) => f.endpoints.some((e) => 'path' in e && e.path === p));
    expect(byPath(viscaPty.a).map((f) => f.endpoints[0])).toEqual([
      { protocol: 'visca-serial', path: viscaPty.a, baud: 9600, address: 1 },
      { protocol: 'visca-serial', path: viscaPty.a, baud: 9600, address: 2 },
    ]);
    // The version inquiry answered: the model comes from the simulated camera's version reply.
    expect(byPath(viscaPty.a)[0]!.model).toMatch(/^VISCA vendor [0-9a-f]{4} model [0-9a-f]{4}$/);
    expect(byPath(pelcoPty.a).map((f) => f.endpoints[0])).toEqual([
      { protocol: 'pelco-d', path: pelcoPty.a, baud: 9600, address: 1 },
    ]);
    expect(byPath(silentPty.a)).toEqual([]);
    expect(found.every((f) => f.method === 'serial' && f.proof)).toBe(true);
    // The chain took AddressSet and the receiver a pan query.
    expect(chain.server.received.some((r) => r.address === 8)).toBe(true);
    expect(pelco.responder.received.map((r) => [r.address, r.command])).toContainEqual([
      1,
      { kind: 'query', what: 'pan' },
    ]);

    // The owned port was never opened; the found ports stopped at their first baud; the silent one tried both.
    expect(open.mock.calls.map((c) => [c[0], c[1].baudRate])).toEqual(
      expect.arrayContaining([
        [viscaPty.a, 9600],
        [pelcoPty.a, 9600],
        [silentPty.a, 9600],
        [silentPty.a, 38400],
      ]),
    );
    expect(open.mock.calls).toHaveLength(4);
    expect(notes.at(-1)).toMatch(/skipped: used by "Stage left"/);
    expect(progress.at(-1)).toEqual([8, 8]);
  });

  it('tries the next baud rate when nothing answers, and stops at the one that does', async () => {
    // A fake line that answers AddressSet only at 4800 baud (as a camera's UART would).
    const opened: number[] = [];
    const { ctx, found } = context();
    await runSerialProbe(
      {
        ports: ['/dev/ttyFAKE0'],
        owned: new Map(),
        open: async (_path, { baudRate }) => {
          opened.push(baudRate);
          const listeners = new Set<(c: Uint8Array) => void>();
          return {
            path: '/dev/ttyFAKE0',
            async write(bytes: Uint8Array) {
              if (baudRate !== 4800) return;
              if (bytes[0] === 0x88 && bytes[1] === 0x30) {
                setTimeout(() => listeners.forEach((l) => l(new Uint8Array([0x88, 0x30, 0x02, 0xff]))), 5);
              } else if (bytes[0] === 0x81 && bytes[1] === 0x09) {
                const v = new Uint8Array([0x90, 0x50, 0x00, 0x01, 0x05, 0x11, 0x00, 0x00, 0x02, 0xff]);
                setTimeout(() => listeners.forEach((l) => l(v)), 5);
              }
            },
            onData(l: (c: Uint8Array) => void) {
              listeners.add(l);
              return () => listeners.delete(l);
            },
            onClose: () => () => {},
            pause() {},
            resume() {},
            close: async () => {},
          };
        },
      },
      ctx,
    );
    expect(opened).toEqual([9600, 38400, 19200, 4800]);
    expect(found.map((f) => [f.endpoints[0], f.model])).toEqual([
      [{ protocol: 'visca-serial', path: '/dev/ttyFAKE0', baud: 4800, address: 1 }, 'VISCA vendor 0001 model 0511'],
    ]);
  });

  it('notes a port that cannot be opened and goes on', async () => {
    const { ctx, found, notes, progress } = context();
    await runSerialProbe(
      {
        ports: ['/dev/ttyGONE'],
        owned: new Map(),
        open: () => Promise.reject(new Error('/dev/ttyGONE does not exist (ENOENT)')),
      },
      ctx,
    );
    expect(found).toEqual([]);
    expect(notes.at(-1)).toBe('/dev/ttyGONE: /dev/ttyGONE does not exist (ENOENT)');
    expect(progress.at(-1)).toEqual([5, 5]);
  });
});

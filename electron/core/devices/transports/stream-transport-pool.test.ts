import { mkdtemp, realpath, rm, symlink } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PtyPair } from '../../sim/pty-pair';
import { createPtyPair } from '../../sim/pty-pair';
import { silentLogger } from '../../logger';
import { openSerialPort } from './serial-port';
import { StreamTransportPool } from './stream-transport-pool';
import type { OpenSerialPort, RawSerialPort } from './transport';

let dir = '';
let pair: PtyPair | null = null;
let pool: StreamTransportPool;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ptz-pool-'));
  pool = new StreamTransportPool(silentLogger, {
    serial: { backoffInitialMs: 20, backoffMaxMs: 200, presencePollMs: 25 },
    tcp: { backoffInitialMs: 20, backoffMaxMs: 200 },
  });
});

afterEach(async () => {
  await pool.closeAll();
  await pair?.close();
  pair = null;
  await rm(dir, { recursive: true, force: true });
});

describe('StreamTransportPool', () => {
  it('shares one serial transport per port, also when it is named through a symlink', async () => {
    pair = await createPtyPair();
    const byId = join(dir, 'usb-FTDI_FT232R_A1-if00-port0');
    await symlink(await realpath(pair.a), byId);
    const first = pool.acquireSerial({ path: byId, baudRate: 9600 });
    const second = pool.acquireSerial({ path: pair.a, baudRate: 9600 });
    const third = pool.acquireSerial({ path: await realpath(pair.a), baudRate: 9600 });
    expect(second).toBe(first);
    expect(third).toBe(first);
    expect(pool.size).toBe(1);
    expect(first.describe()).toBe(`${byId} @ 9600 8N1`); // opened by the name the first user gave
    await Promise.all([first.open(), second.open()]);
    expect(first.state).toBe('open');
  });

  it('refuses a second device at another baud rate on the same line', () => {
    const path = join(dir, 'ttyUSB0');
    pool.acquireSerial({ path, baudRate: 9600 });
    expect(() => pool.acquireSerial({ path, baudRate: 2400 })).toThrow(
      `${path} is already used at 9600 baud by another device; every device on one serial line must use the same baud rate, not 2400`,
    );
    expect(pool.size).toBe(1);
  });

  it('keeps the port open until the last user releases it, then closes it (lock released)', async () => {
    pair = await createPtyPair();
    const t = pool.acquireSerial({ path: pair.a, baudRate: 9600 });
    pool.acquireSerial({ path: pair.a, baudRate: 9600 });
    await t.open();
    await pool.release(t);
    expect(t.state).toBe('open');
    await pool.release(t);
    expect(t.state).toBe('closed');
    expect(pool.size).toBe(0);
    const other = await openSerialPort(pair.a, { baudRate: 9600 }); // nothing of ours holds it
    await other.close();
  });

  it('gives a new transport after the last release, which opens only once the old one has let go', async () => {
    pair = await createPtyPair();
    // Ports that take a while to close (as a USB adapter flushing its output can): a new opener that did
    // not wait would meet our own lock.
    const slowClosing: OpenSerialPort = async (path, options) => {
      const port = await openSerialPort(path, options);
      const wrapped: RawSerialPort = {
        path: port.path,
        write: (bytes) => port.write(bytes),
        onData: (listener) => port.onData(listener),
        onClose: (listener) => port.onClose(listener),
        pause: () => port.pause(),
        resume: () => port.resume(),
        close: () => new Promise<void>((resolve) => setTimeout(resolve, 100)).then(() => port.close()),
      };
      return wrapped;
    };
    pool = new StreamTransportPool(silentLogger, { serial: { openPort: slowClosing, backoffInitialMs: 1000 } });
    const old = pool.acquireSerial({ path: pair.a, baudRate: 9600 });
    await old.open();
    const releasing = pool.release(old);
    const fresh = pool.acquireSerial({ path: pair.a, baudRate: 2400 });
    expect(fresh).not.toBe(old);
    const seen: string[] = [];
    fresh.onState((s, p) => seen.push(p ? `${s}:${p.code}` : s));
    await Promise.all([releasing, fresh.open()]);
    expect(seen).toEqual(['opening', 'open']); // never "in use" by our own closing handle
  });

  it('shares one TCP transport per host:port', async () => {
    const a = pool.acquireTcp({ host: '127.0.0.1', port: 5678 });
    expect(pool.acquireTcp({ host: '127.0.0.1', port: 5678 })).toBe(a);
    expect(pool.acquireTcp({ host: '127.0.0.1', port: 5679 })).not.toBe(a);
    expect(a.describe()).toBe('127.0.0.1:5678 (TCP)');
    expect(pool.size).toBe(2);
  });

  it('closes everything on closeAll', async () => {
    const sockets: net.Socket[] = [];
    const server = net.createServer((s) => sockets.push(s.on('error', () => {})));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    try {
      const { port } = server.address() as net.AddressInfo;
      const t = pool.acquireTcp({ host: '127.0.0.1', port });
      await t.open();
      expect(t.state).toBe('open');
      await pool.closeAll();
      expect(t.state).toBe('closed');
      expect(pool.size).toBe(0);
    } finally {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('ignores releasing a transport it does not know', async () => {
    const t = pool.acquireTcp({ host: '127.0.0.1', port: 5678 });
    await pool.release(t);
    await pool.release(t);
    expect(pool.size).toBe(0);
  });
});

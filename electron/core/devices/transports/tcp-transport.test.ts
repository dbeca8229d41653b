import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConnectFailure } from './reconnecting-stream';
import type { TcpTransportOptions } from './tcp-transport';
import { TcpTransport } from './tcp-transport';
import type { StreamState } from './transport';

const FAST = { backoffInitialMs: 20, backoffMaxMs: 200, connectTimeoutMs: 2000 };

const transports: TcpTransport[] = [];
const servers: { server: net.Server; sockets: net.Socket[] }[] = [];

afterEach(async () => {
  await Promise.all(transports.splice(0).map((t) => t.close()));
  await Promise.all(
    servers.splice(0).map(
      ({ server, sockets }) =>
        new Promise<void>((resolve) => {
          for (const s of sockets) s.destroy();
          server.close(() => resolve());
        }),
    ),
  );
});

/** A loopback server that records what it receives and keeps its client sockets. */
async function server(port = 0): Promise<{ port: number; sockets: net.Socket[]; hex: () => string }> {
  const sockets: net.Socket[] = [];
  const chunks: Buffer[] = [];
  const s = net.createServer((socket) => {
    sockets.push(socket);
    socket.on('data', (d) => chunks.push(d));
    socket.on('error', () => {});
  });
  servers.push({ server: s, sockets });
  await new Promise<void>((resolve, reject) => {
    s.once('error', reject);
    s.listen(port, '127.0.0.1', () => resolve());
  });
  return { port: (s.address() as net.AddressInfo).port, sockets, hex: () => Buffer.concat(chunks).toString('hex') };
}

/** A loopback port nothing listens on (bound, read, released). */
async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', () => resolve()));
  const { port } = s.address() as net.AddressInfo;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

function transport(options: Partial<TcpTransportOptions> & { port: number }): TcpTransport {
  const t = new TcpTransport({ host: '127.0.0.1', ...FAST, ...options });
  transports.push(t);
  return t;
}

function record(t: TcpTransport): { states: StreamState[]; hex: () => string } {
  const states: StreamState[] = [];
  const chunks: Uint8Array[] = [];
  t.onState((s) => {
    if (states.at(-1) !== s) states.push(s);
  });
  t.onData((c) => chunks.push(c));
  return { states, hex: () => Buffer.concat(chunks).toString('hex') };
}

describe('TcpTransport against a loopback server', () => {
  it('describes itself as host:port (TCP)', () => {
    expect(new TcpTransport({ host: '192.0.2.10', port: 5678 }).describe()).toBe('192.0.2.10:5678 (TCP)');
    expect(new TcpTransport({ host: '::1', port: 5678 }).describe()).toBe('[::1]:5678 (TCP)');
    expect(() => new TcpTransport({ host: '192.0.2.10', port: 70000 })).toThrow(RangeError);
  });

  it('connects, carries bytes both ways, and reconnects when the server drops it', async () => {
    const srv = await server();
    const t = transport({ port: srv.port });
    const seen = record(t);
    await t.open();
    expect(t.state).toBe('open');
    await expect.poll(() => srv.sockets.length).toBe(1);
    await t.write(Uint8Array.of(0x81, 0x01, 0x06, 0x01, 0x18, 0x14, 0x03, 0x03, 0xff));
    srv.sockets[0]!.write(Uint8Array.of(0x90, 0x41, 0xff));
    await expect.poll(() => srv.hex()).toBe('8101060118140303ff');
    await expect.poll(() => seen.hex()).toBe('9041ff');

    srv.sockets[0]!.destroy();
    await expect.poll(() => srv.sockets.length).toBe(2);
    await expect.poll(() => t.state).toBe('open');
    expect(seen.states).toEqual(['opening', 'open', 'reconnecting', 'open']);
    await t.write(Uint8Array.of(0x42));
    srv.sockets[1]!.write(Uint8Array.of(0x43));
    await expect.poll(() => srv.hex().endsWith('42')).toBe(true);
    await expect.poll(() => seen.hex()).toBe('9041ff43');
  });

  it('says "connection refused" in operator words, keeps retrying, and connects once the camera listens', async () => {
    const port = await freePort();
    const t = transport({ port });
    const seen = record(t);
    await t.open();
    expect(t.state).toBe('reconnecting');
    expect(t.problem).toEqual({
      code: 'ECONNREFUSED',
      message: `Connection refused by 127.0.0.1:${port}: is this the camera's control port, and is that protocol enabled on the camera?`,
    });
    await expect(t.write(Uint8Array.of(1))).rejects.toThrow(
      `127.0.0.1:${port} (TCP) is reconnecting: Connection refused`,
    );
    await server(port);
    await expect.poll(() => t.state).toBe('open');
    expect(seen.states).toEqual(['opening', 'reconnecting', 'open']);
  });

  it('reconnects on markLost (heartbeat) with a fresh connection', async () => {
    const srv = await server();
    const t = transport({ port: srv.port });
    await t.open();
    t.markLost({ code: 'heartbeat', message: 'no reply' });
    expect(t.state).toBe('reconnecting');
    await expect.poll(() => t.state).toBe('open');
    expect(srv.sockets).toHaveLength(2);
    await expect.poll(() => srv.sockets[0]!.destroyed).toBe(true);
  });

  it('closes for good: the socket ends and no reconnect follows', async () => {
    const srv = await server();
    const t = transport({ port: srv.port });
    await t.open();
    await t.close();
    expect(t.state).toBe('closed');
    await expect.poll(() => srv.sockets[0]?.readableEnded || srv.sockets[0]?.destroyed).toBe(true);
    await new Promise((r) => setTimeout(r, 10 * FAST.backoffInitialMs)); // several retries would be due
    expect(srv.sockets).toHaveLength(1);
  });
});

describe('TcpTransport error words', () => {
  class Probe extends TcpTransport {
    words(error: unknown): ConnectFailure {
      return this.classify(error);
    }
  }
  const probe = new Probe({ host: '192.0.2.10', port: 5678 });
  const err = (code: string) => Object.assign(new Error(code), { code });

  it.each([
    ['EHOSTUNREACH', "No route to 192.0.2.10 — is the PC in the camera's subnet?"],
    ['ENETUNREACH', "No route to 192.0.2.10 — is the PC in the camera's subnet?"],
    ['ETIMEDOUT', 'No answer from 192.0.2.10:5678 — is the camera powered and on this network?'],
    ['ENOTFOUND', 'Cannot resolve 192.0.2.10 — check the host name or use the IP address'],
    ['ECONNRESET', '192.0.2.10:5678 reset the connection'],
    ['EWHATEVER', 'Cannot connect to 192.0.2.10:5678: EWHATEVER'],
  ])('%s → %s (and keeps retrying)', (code, message) => {
    expect(probe.words(err(code))).toEqual({ problem: { code, message }, permanent: false });
  });
});

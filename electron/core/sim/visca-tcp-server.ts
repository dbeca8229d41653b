/**
 * Raw VISCA over TCP (PTZOptics/Avonic style, default port 5678; protocols.md §2.3): bare VISCA packets
 * framed by FF, camera address 1, replies `90 4z` / `90 5z`. Several clients may be connected; each gets
 * the replies to its own packets. Backed by one simulated camera with camera-like timing.
 */
import { createServer, type Server, type Socket } from 'node:net';
import { Faults } from './faults';
import { newServerCounters, type ReceivedRecord } from './net-records';
import { rawVisca } from './raw-visca-handler';
import { simClock } from './sim-clock';
import type { SimNetServer, SimNetServerOptions } from './sim-net-server';
import { ViscaChain } from './visca-chain';

export interface ViscaTcpServer extends SimNetServer {
  readonly kind: 'visca-tcp';
  /** The chain of one camera behind the socket (AddressSet and IF_Clear broadcasts are answered). */
  readonly chain: ViscaChain;
  /** Clients connected now. */
  readonly connections: number;
}

/** Listens and starts answering. Rejects when the address cannot be bound (e.g. EADDRINUSE). */
export async function startViscaTcpServer(opts: SimNetServerOptions): Promise<ViscaTcpServer> {
  const host = opts.host ?? '127.0.0.1';
  const maxRecords = opts.maxRecords ?? 10_000;
  const clock = opts.clock ?? simClock(opts.camera.now);
  const faults = new Faults(opts.faults, { clock, ...(opts.random ? { random: opts.random } : {}) });
  const chain = new ViscaChain({ cameras: [opts.camera], clock, engine: { ...opts.timing, maxRecords } });
  const received: ReceivedRecord[] = [];
  const counters = newServerCounters();
  const raw = rawVisca({ chain, faults, received, counters, maxRecords });
  const sockets = new Set<Socket>();

  const server: Server = createServer((conn) => {
    // A client error (reset by peer) must never take the simulator down.
    conn.on('error', () => undefined);
    if (faults.unplugged) {
      conn.destroy();
      return;
    }
    sockets.add(conn);
    conn.on('close', () => sockets.delete(conn));
    conn.setNoDelay(true);
    const framer = raw.framer();
    const from = { address: conn.remoteAddress ?? '?', port: conn.remotePort ?? 0 };
    const reply = (bytes: Uint8Array): void => {
      if (!conn.destroyed) conn.write(bytes);
    };
    conn.on('data', (chunk: Buffer) => raw.push(framer, new Uint8Array(chunk), from, reply));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  }).catch((e: unknown) => {
    chain.close();
    throw e;
  });
  server.on('error', () => {
    counters.internalErrors++;
  });

  const address = server.address();
  const bound = typeof address === 'object' && address ? address : { port: 0, address: host };
  const dropAll = (): void => {
    for (const s of sockets) s.destroy();
    sockets.clear();
  };
  let closing: Promise<void> | null = null;
  return {
    kind: 'visca-tcp',
    port: bound.port,
    host: bound.address,
    received,
    counters,
    engine: chain.units[0]!.engine,
    chain,
    get connections() {
      return sockets.size;
    },
    faults,
    unplug: () => {
      faults.setPlugged(false);
      dropAll();
    },
    replug: () => faults.setPlugged(true),
    reboot: () => chain.reboot(),
    close: () =>
      (closing ??= new Promise<void>((resolve) => {
        chain.close();
        faults.dispose();
        dropAll();
        server.close(() => resolve());
      })),
  };
}

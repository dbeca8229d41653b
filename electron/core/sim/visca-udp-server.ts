/**
 * Raw VISCA over UDP (PTZOptics/Avonic style, default port 1259; protocols.md §2.3): each datagram holds
 * bare VISCA packets, camera address 1; every reply goes to the sender as its own datagram. Backed by one
 * simulated camera with camera-like timing.
 */
import type { RemoteInfo } from 'node:dgram';
import { Faults } from './faults';
import { newServerCounters, type ReceivedRecord } from './net-records';
import { rawVisca } from './raw-visca-handler';
import { simClock } from './sim-clock';
import { bindUdp, closeUdp, type SimNetServer, type SimNetServerOptions } from './sim-net-server';
import { ViscaChain } from './visca-chain';

export interface ViscaUdpServer extends SimNetServer {
  readonly kind: 'visca-udp';
  readonly chain: ViscaChain;
}

/** Binds and starts answering. Rejects when the address cannot be bound (e.g. EADDRINUSE). */
export async function startViscaUdpServer(opts: SimNetServerOptions): Promise<ViscaUdpServer> {
  const host = opts.host ?? '127.0.0.1';
  const maxRecords = opts.maxRecords ?? 10_000;
  const clock = opts.clock ?? simClock(opts.camera.now);
  const faults = new Faults(opts.faults, { clock, ...(opts.random ? { random: opts.random } : {}) });
  const chain = new ViscaChain({ cameras: [opts.camera], clock, engine: { ...opts.timing, maxRecords } });
  const socket = await bindUdp(host, opts.port ?? 0).catch((e: unknown) => {
    chain.close();
    throw e;
  });
  const received: ReceivedRecord[] = [];
  const counters = newServerCounters();
  const raw = rawVisca({ chain, faults, received, counters, maxRecords });

  socket.on('error', () => {
    counters.sendErrors++;
  });
  socket.on('message', (msg: Buffer, peer: RemoteInfo) => {
    // A datagram boundary is a packet boundary: a fresh framer per datagram, so one bad datagram
    // cannot spoil the next.
    const reply = (bytes: Uint8Array): void => {
      socket.send(bytes, peer.port, peer.address, (e) => {
        if (e) counters.sendErrors++;
      });
    };
    raw.push(raw.framer(), Uint8Array.from(msg), { address: peer.address, port: peer.port }, reply, true);
  });

  const bound = socket.address();
  let closing: Promise<void> | null = null;
  return {
    kind: 'visca-udp',
    port: bound.port,
    host: bound.address,
    received,
    counters,
    engine: chain.units[0]!.engine,
    chain,
    faults,
    unplug: () => faults.setPlugged(false),
    replug: () => faults.setPlugged(true),
    reboot: () => chain.reboot(),
    close: () =>
      (closing ??= (async () => {
        chain.close();
        faults.dispose();
        await closeUdp(socket);
      })()),
  };
}

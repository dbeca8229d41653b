/**
 * UDP server that answers VISCA over IP like a Sony camera (UDP 52381), backed by a SimCamera and its
 * VISCA engine (camera-like timing by default). Replies go to the request's source address and port.
 * No datagram can crash it.
 */
import type { RemoteInfo } from 'node:dgram';
import { Faults } from './faults';
import { countOutcome, newServerCounters, type ReceivedRecord } from './net-records';
import { bindUdp, closeUdp, pushBounded, type SimNetServer, type SimNetServerOptions } from './sim-net-server';
import { simClock } from './sim-clock';
import { ViscaEngine } from './visca-engine';
import { ViscaIpResponder } from './visca-ip-responder';

export type { ReceivedKind, ReceivedOutcome, ReceivedRecord, ServerCounters } from './net-records';

/** What the fault filter decides for one datagram. A union so other verdicts can join later. */
export type FilterVerdict = 'pass' | 'drop';

/**
 * Fault-injection hook, called for every datagram before it is handled ('in') or sent ('out'), before
 * the `faults` switches apply. `peer` is the controller's address. Exceptions thrown by the filter
 * count as 'pass'.
 */
export type DatagramFilter = (
  direction: 'in' | 'out',
  bytes: Uint8Array,
  peer: { address: string; port: number },
) => FilterVerdict;

export interface ViscaIpServer extends SimNetServer {
  readonly kind: 'visca-ip';
}

export interface ViscaIpServerOptions extends SimNetServerOptions {
  filter?: DatagramFilter;
}

/** Binds a UDP socket and starts answering. Rejects when the address cannot be bound (e.g. EADDRINUSE). */
export async function startViscaIpServer(opts: ViscaIpServerOptions): Promise<ViscaIpServer> {
  const host = opts.host ?? '127.0.0.1';
  const maxRecords = opts.maxRecords ?? 10_000;
  const clock = opts.clock ?? simClock(opts.camera.now);
  const faults = new Faults(opts.faults, { clock, ...(opts.random ? { random: opts.random } : {}) });
  // IF_Clear is "not available for VISCA over IP" (BRC-X400 list): answered with a syntax error.
  const engine = new ViscaEngine({ ...opts.timing, camera: opts.camera, clock, ifClear: false, maxRecords });
  const socket = await bindUdp(host, opts.port ?? 0);
  const responder = new ViscaIpResponder(engine);
  const received: ReceivedRecord[] = [];
  const counters = newServerCounters();

  const verdict = (direction: 'in' | 'out', bytes: Uint8Array, peer: RemoteInfo): 'pass' | 'drop' => {
    if (!opts.filter) return 'pass';
    try {
      return opts.filter(direction, bytes, { address: peer.address, port: peer.port });
    } catch {
      return 'pass';
    }
  };

  const send = (bytes: Uint8Array, peer: RemoteInfo): void => {
    if (verdict('out', bytes, peer) === 'drop') {
      counters.droppedOut++;
      return;
    }
    const passed = faults.outbound(() => {
      const junk = faults.garbageBytes();
      if (junk) socket.send(junk, peer.port, peer.address, () => undefined);
      counters.datagramsOut++;
      socket.send(bytes, peer.port, peer.address, (e) => {
        if (e) counters.sendErrors++;
      });
    });
    if (!passed) counters.droppedOut++;
  };

  const handle = (bytes: Uint8Array, peer: RemoteInfo): void => {
    try {
      counters.datagramsIn++;
      const from = { address: peer.address, port: peer.port };
      const record = responder.handle(bytes, from, {
        send: (d) => send(d, peer),
        settled: (r) => countOutcome(counters, r),
      });
      pushBounded(received, record, maxRecords);
    } catch {
      counters.internalErrors++;
    }
  };

  // After bind, a socket error (e.g. ICMP-triggered on some platforms) must not crash the process.
  socket.on('error', () => {
    counters.sendErrors++;
  });
  socket.on('message', (msg: Buffer, peer: RemoteInfo) => {
    const bytes = new Uint8Array(msg.buffer, msg.byteOffset, msg.byteLength);
    if (verdict('in', bytes, peer) === 'drop') {
      counters.droppedIn++;
      return;
    }
    const copy = Uint8Array.from(bytes);
    if (!faults.inbound(() => handle(copy, peer))) counters.droppedIn++;
  });

  const bound = socket.address();
  let closing: Promise<void> | null = null;
  return {
    kind: 'visca-ip',
    port: bound.port,
    host: bound.address,
    received,
    counters,
    engine,
    faults,
    unplug: () => faults.setPlugged(false),
    replug: () => faults.setPlugged(true),
    reboot: () => {
      engine.reboot();
      responder.reboot();
    },
    close: () =>
      (closing ??= (async () => {
        engine.close();
        faults.dispose();
        await closeUdp(socket);
      })()),
  };
}

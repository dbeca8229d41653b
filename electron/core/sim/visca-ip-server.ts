/**
 * UDP server that answers VISCA over IP like a Sony camera, backed by a SimCamera. Replies go to the
 * request's source address and port. No datagram can crash it.
 */
import { createSocket, type RemoteInfo } from 'node:dgram';
import { isIPv6 } from 'node:net';
import type { SimCamera } from './camera-model';
import { ViscaIpResponder, type ReceivedRecord } from './visca-ip-responder';

export type { ReceivedKind, ReceivedOutcome, ReceivedRecord } from './visca-ip-responder';

/** What the fault filter decides for one datagram. A union so delay or corruption can join later. */
export type FilterVerdict = 'pass' | 'drop';

/**
 * Fault-injection hook, called for every datagram before it is handled ('in') or sent ('out').
 * `peer` is the controller's address. Exceptions thrown by the filter count as 'pass'.
 */
export type DatagramFilter = (
  direction: 'in' | 'out',
  bytes: Uint8Array,
  peer: { address: string; port: number },
) => FilterVerdict;

export interface ServerCounters {
  /** Datagrams received / sent (after the filter). */
  datagramsIn: number;
  datagramsOut: number;
  /** Datagrams the filter dropped. */
  droppedIn: number;
  droppedOut: number;
  commandsExecuted: number;
  inquiriesAnswered: number;
  resets: number;
  /** Replies that were control ERROR 0F 01 / 0F 02, or a VISCA error. */
  sequenceErrors: number;
  messageErrors: number;
  viscaErrors: number;
  /** Sends the OS refused, and exceptions caught while handling a datagram (should stay 0). */
  sendErrors: number;
  internalErrors: number;
}

export interface ViscaIpServer {
  /** Bound UDP port. */
  readonly port: number;
  /** Bound address as the OS reports it. */
  readonly host: string;
  /** Every received datagram, oldest first (bounded by `maxRecords`, oldest dropped first). */
  readonly received: ReceivedRecord[];
  readonly counters: Readonly<ServerCounters>;
  /** Stops listening; resolves when the socket is closed. Safe to call twice. */
  close(): Promise<void>;
}

export interface ViscaIpServerOptions {
  camera: SimCamera;
  /** Address to bind; default 127.0.0.1. */
  host?: string;
  /** UDP port; 0 (default) picks an ephemeral one. */
  port?: number;
  filter?: DatagramFilter;
  /** Cap on `received`; default 10 000, so a long-running simulator does not grow without bound. */
  maxRecords?: number;
}

const newCounters = (): ServerCounters => ({
  datagramsIn: 0,
  datagramsOut: 0,
  droppedIn: 0,
  droppedOut: 0,
  commandsExecuted: 0,
  inquiriesAnswered: 0,
  resets: 0,
  sequenceErrors: 0,
  messageErrors: 0,
  viscaErrors: 0,
  sendErrors: 0,
  internalErrors: 0,
});

const COUNTER_OF_OUTCOME = {
  executed: 'commandsExecuted',
  answered: 'inquiriesAnswered',
  reset: 'resets',
  'sequence-error': 'sequenceErrors',
  'message-error': 'messageErrors',
  'visca-error': 'viscaErrors',
} as const satisfies Record<ReceivedRecord['outcome'], keyof ServerCounters>;

/** Binds a UDP socket and starts answering. Rejects when the address cannot be bound (e.g. EADDRINUSE). */
export async function startViscaIpServer(opts: ViscaIpServerOptions): Promise<ViscaIpServer> {
  const host = opts.host ?? '127.0.0.1';
  const maxRecords = opts.maxRecords ?? 10_000;
  const socket = createSocket(isIPv6(host) ? 'udp6' : 'udp4');
  const responder = new ViscaIpResponder(opts.camera);
  const received: ReceivedRecord[] = [];
  const counters = newCounters();

  const verdict = (direction: 'in' | 'out', bytes: Uint8Array, peer: RemoteInfo): FilterVerdict => {
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
    counters.datagramsOut++;
    socket.send(bytes, peer.port, peer.address, (e) => {
      if (e) counters.sendErrors++;
    });
  };

  const onMessage = (msg: Buffer, peer: RemoteInfo): void => {
    try {
      const bytes = new Uint8Array(msg.buffer, msg.byteOffset, msg.byteLength);
      if (verdict('in', bytes, peer) === 'drop') {
        counters.droppedIn++;
        return;
      }
      counters.datagramsIn++;
      const { replies, record } = responder.handle(bytes);
      received.push({ ...record, from: { address: peer.address, port: peer.port } });
      // Trim in chunks so a full log costs an occasional splice, not one per datagram.
      if (received.length > maxRecords) received.splice(0, received.length - Math.floor(maxRecords * 0.9));
      counters[COUNTER_OF_OUTCOME[record.outcome]]++;
      for (const r of replies) send(r, peer);
    } catch {
      counters.internalErrors++;
    }
  };

  await new Promise<void>((resolve, reject) => {
    const onError = (e: Error): void => {
      try {
        socket.close();
      } catch {
        // Already closed by the failed bind; nothing to release.
      }
      reject(e);
    };
    socket.once('error', onError);
    socket.bind(opts.port ?? 0, host, () => {
      socket.off('error', onError);
      resolve();
    });
  });
  // After bind, a socket error (e.g. ICMP-triggered on some platforms) must not crash the process.
  socket.on('error', () => {
    counters.sendErrors++;
  });
  socket.on('message', onMessage);

  const bound = socket.address();
  let closing: Promise<void> | null = null;
  return {
    port: bound.port,
    host: bound.address,
    received,
    counters,
    close: () =>
      (closing ??= new Promise<void>((resolve) => {
        try {
          socket.close(() => resolve());
        } catch {
          resolve();
        }
      })),
  };
}

/** What every simulator network server has in common: identity, logs, counters, fault switches, options. */
import { createSocket, type Socket } from 'node:dgram';
import { isIPv6 } from 'node:net';
import type { SimCamera } from './camera-model';
import type { FaultControls, FaultSettings, FaultsOptions } from './faults';
import type { ReceivedRecord, ServerCounters } from './net-records';
import type { Clock } from './sim-clock';
import type { ViscaEngine, ViscaEngineOptions } from './visca-engine';

/** The protocol a network server speaks: Sony VISCA over IP (UDP 52381), or raw VISCA over TCP / UDP. */
export type SimNetKind = 'visca-ip' | 'visca-tcp' | 'visca-udp';

/** Default port of each kind (protocols.md §2, §2.3). */
export const DEFAULT_PORT: Readonly<Record<SimNetKind, number>> = {
  'visca-ip': 52381,
  'visca-tcp': 5678,
  'visca-udp': 1259,
};

/** Engine timing for a server: video cycle (0 = immediate replies) and input queue depth. */
export type SimTiming = Pick<ViscaEngineOptions, 'cycleMs' | 'inputQueueDepth'>;

/** A running network server backed by one simulated camera. */
export interface SimNetServer extends FaultControls {
  readonly kind: SimNetKind;
  /** Bound port and address as the OS reports them. */
  readonly port: number;
  readonly host: string;
  /** Every received message, oldest first (bounded by `maxRecords`, oldest dropped first). */
  readonly received: ReceivedRecord[];
  readonly counters: Readonly<ServerCounters>;
  /** The camera's VISCA processor: its own log (with processing and reply times) and counters. */
  readonly engine: ViscaEngine;
  /** Stops listening; resolves when the socket is closed. Safe to call twice. */
  close(): Promise<void>;
}

/** Options every network server takes. */
export interface SimNetServerOptions {
  camera: SimCamera;
  /** Address to bind; default 127.0.0.1. */
  host?: string;
  /** Port; 0 (default) picks an ephemeral one. */
  port?: number;
  /** Cap on `received`; default 10 000, so a long-running simulator does not grow without bound. */
  maxRecords?: number;
  /** Camera-like timing by default (59.94 Hz cycles, input queue of 8); `{ cycleMs: 0 }` answers at once. */
  timing?: SimTiming;
  /** Initial fault switches (all off by default); change them later through `server.faults`. */
  faults?: Partial<FaultSettings>;
  /** Random source for the faults (seeded in tests). */
  random?: FaultsOptions['random'];
  /** Time and timers for the engine and the faults; default the camera's clock with the global timers. */
  clock?: Clock;
}

/** Appends to a bounded log, trimming in chunks so a full log costs an occasional splice. */
export function pushBounded<T>(log: T[], item: T, max: number): void {
  log.push(item);
  if (log.length > max) log.splice(0, log.length - Math.floor(max * 0.9));
}

/** Binds a UDP socket; rejects (after releasing it) when the address cannot be bound. */
export async function bindUdp(host: string, port: number): Promise<Socket> {
  const socket = createSocket(isIPv6(host) ? 'udp6' : 'udp4');
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
    socket.bind(port, host, () => {
      socket.off('error', onError);
      resolve();
    });
  });
  return socket;
}

/** Closes a UDP socket once; resolves when closed. */
export function closeUdp(socket: Socket): Promise<void> {
  return new Promise<void>((resolve) => {
    try {
      socket.close(() => resolve());
    } catch {
      resolve();
    }
  });
}

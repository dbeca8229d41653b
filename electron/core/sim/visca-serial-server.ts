/**
 * VISCA over a serial line: several simulated cameras daisy-chained on one duplex byte endpoint (a pty
 * end opened by the transport layer, or an in-memory pair in tests). Bytes are taken off the line at
 * wire speed (serial-wire.ts), framed by FF, routed by address through the chain (AddressSet, IF_Clear
 * broadcast), and every reply is serialised on the one line, also at wire speed.
 */
import { ViscaFramer, maxPacketLength, type ViscaCodecVariant } from '../devices/protocols/visca';
import { SimCamera } from './camera-model';
import { Faults, type FaultControls, type FaultSettings } from './faults';
import { WireReceiver, WireTransmitter, checkBaudRate } from './serial-wire';
import { simClock, type Clock } from './sim-clock';
import { pushBounded, type SimTiming } from './sim-net-server';
import { ViscaChain } from './visca-chain';

/** Any duplex byte endpoint: what the serial transport's raw port (or a test pair) offers. */
export interface SerialEndpoint {
  /** Resolves when the bytes are handed on; may reject (the port closed). */
  write(bytes: Uint8Array): Promise<void>;
  /** Every chunk read, in order. Returns an unsubscribe function. */
  onData(listener: (chunk: Uint8Array) => void): () => void;
  /** Stop / restart reading, so a slow reader makes the sender back up (optional). */
  pause?(): void;
  resume?(): void;
}

export interface ViscaSerialServerOptions {
  endpoint: SerialEndpoint;
  /** Number of cameras on the chain, 1–7 (addresses 1…n in chain order). Ignored when `cameras` is given. */
  addresses?: number;
  /** The cameras, in chain order (default: `addresses` new ones). */
  cameras?: SimCamera[];
  /** Line speed, bits/s (8-N-1); default 9600, the Sony default. */
  baudRate?: number;
  /** Clock in ms for new cameras; default performance.now. */
  now?: () => number;
  /** Time and timers for engines, wire and faults; default `now` with the global timers. */
  clock?: Clock;
  /** Engine timing (default camera-like 59.94 Hz; `{ cycleMs: 0 }` answers as soon as a packet is off the wire). */
  timing?: SimTiming;
  /** Codec variant of new cameras. */
  variant?: ViscaCodecVariant;
  faults?: Partial<FaultSettings>;
  random?: () => number;
  /** Receive backlog (bytes) at which the endpoint is paused / resumed; default 64 / 16. */
  pauseAt?: number;
  resumeAt?: number;
  /** Receive backlog cap when the endpoint cannot be paused (overrun beyond it); default 4096 bytes. */
  maxBacklog?: number;
  /** Cap on `received`; default 10 000. */
  maxRecords?: number;
}

/** One packet taken off the line. */
export interface SerialFrameRecord {
  /** When its LAST byte was consumed off the wire, ms on the server clock (for benchmarks). */
  wireAt: number;
  bytes: Uint8Array;
  /** Header address: 1–7, or 8 for a broadcast. */
  address: number;
  /** True when the loss fault dropped it before any camera saw it. */
  dropped: boolean;
}

export interface SerialCounters {
  bytesIn: number;
  bytesOut: number;
  framesIn: number;
  packetsOut: number;
  framingErrors: number;
  /** Bytes dropped because the backlog was full and the endpoint could not be paused. */
  overruns: number;
  pauses: number;
  resumes: number;
  writeErrors: number;
}

export interface ViscaSerialServer extends FaultControls {
  readonly chain: ViscaChain;
  /** The cameras in chain order. */
  readonly cameras: readonly SimCamera[];
  readonly baudRate: number;
  /** Every packet taken off the line, oldest first (bounded). */
  readonly received: SerialFrameRecord[];
  readonly counters: Readonly<SerialCounters>;
  /** Sends `z0 38 FF` from every camera (the chain changed; the controller should run AddressSet). */
  announceNetworkChange(): void;
  /** Detaches from the endpoint and stops every camera (the endpoint itself belongs to the caller). */
  close(): Promise<void>;
}

/** Attaches a camera chain to `endpoint`. Throws RangeError for a bad camera count or baud rate. */
export function startViscaSerialServer(opts: ViscaSerialServerOptions): ViscaSerialServer {
  const baudRate = opts.baudRate ?? 9600;
  checkBaudRate(baudRate);
  const now = opts.now ?? opts.clock?.now ?? (() => performance.now());
  const clock = opts.clock ?? simClock(now);
  const count = opts.cameras?.length ?? opts.addresses ?? 1;
  if (!Number.isInteger(count) || count < 1 || count > 7)
    throw new RangeError(`a VISCA serial chain holds 1–7 cameras, got ${count}`);
  const cameras =
    opts.cameras ??
    Array.from({ length: count }, () => new SimCamera({ now, ...(opts.variant ? { variant: opts.variant } : {}) }));
  const maxRecords = opts.maxRecords ?? 10_000;
  const chain = new ViscaChain({ cameras, clock, engine: { ...opts.timing, maxRecords } });
  const faults = new Faults(opts.faults, { clock, ...(opts.random ? { random: opts.random } : {}) });
  const received: SerialFrameRecord[] = [];
  const longest = Math.max(...cameras.map((c) => maxPacketLength(c.variant)));
  const framer = new ViscaFramer(longest);
  const one = new Uint8Array(1);
  const { endpoint } = opts;
  const c = { writeErrors: 0, framingErrors: 0, framesIn: 0 };

  const tx = new WireTransmitter({
    baudRate,
    clock,
    write: (bytes) => {
      endpoint.write(bytes).catch(() => {
        c.writeErrors++;
      });
    },
  });
  // Replies from every camera share the line: each goes out whole, in the order decided.
  const reply = (bytes: Uint8Array): void => {
    faults.outbound(() => {
      const junk = faults.garbageBytes();
      if (junk) tx.send(junk);
      tx.send(bytes);
    });
  };

  const onPacket = (bytes: Uint8Array, wireAt: number): void => {
    c.framesIn++;
    const header = bytes[0]!;
    const record: SerialFrameRecord = { wireAt, bytes, address: header === 0x88 ? 8 : header & 0x07, dropped: false };
    pushBounded(received, record, maxRecords);
    if (!faults.inbound(() => chain.submit(bytes, reply))) record.dropped = true;
  };

  const rx = new WireReceiver({
    baudRate,
    clock,
    onByte: (byte, at) => {
      one[0] = byte;
      for (const r of framer.push(one)) {
        if (r.ok) onPacket(r.value, at);
        else c.framingErrors++;
      }
    },
    ...(endpoint.pause ? { pause: () => endpoint.pause!() } : {}),
    ...(endpoint.resume ? { resume: () => endpoint.resume!() } : {}),
    ...(opts.pauseAt !== undefined ? { pauseAt: opts.pauseAt } : {}),
    ...(opts.resumeAt !== undefined ? { resumeAt: opts.resumeAt } : {}),
    ...(opts.maxBacklog !== undefined ? { maxBacklog: opts.maxBacklog } : {}),
  });

  const unsubscribe = endpoint.onData((chunk) => {
    // Unplugged: the bytes never reach the camera's UART.
    if (faults.unplugged) return;
    rx.push(chunk);
  });

  let closing: Promise<void> | null = null;
  return {
    chain,
    cameras,
    baudRate,
    received,
    get counters(): SerialCounters {
      return {
        bytesIn: rx.counters.bytesIn,
        bytesOut: tx.counters.bytesOut,
        framesIn: c.framesIn,
        packetsOut: tx.counters.packetsOut,
        framingErrors: c.framingErrors,
        overruns: rx.counters.overruns,
        pauses: rx.counters.pauses,
        resumes: rx.counters.resumes,
        writeErrors: c.writeErrors,
      };
    },
    faults,
    unplug: () => {
      faults.setPlugged(false);
      rx.clear();
      tx.clear();
      framer.reset();
    },
    replug: () => faults.setPlugged(true),
    reboot: () => {
      chain.reboot();
      framer.reset();
    },
    announceNetworkChange: () => chain.announceNetworkChange(reply),
    close: () =>
      (closing ??= (async () => {
        unsubscribe();
        rx.dispose();
        tx.dispose();
        chain.close();
        faults.dispose();
      })()),
  };
}

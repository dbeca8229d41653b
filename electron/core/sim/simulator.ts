/**
 * Starts a set of simulated network cameras, one server each, sharing one clock: Sony VISCA over IP
 * (default), raw VISCA over TCP or raw VISCA over UDP. Serial chains: serial-simulator.ts.
 */
import type { ViscaCodecVariant } from '../devices/protocols/visca';
import { SimCamera } from './camera-model';
import type { FaultSettings } from './faults';
import { simClock, type Clock } from './sim-clock';
import type { SimNetKind, SimNetServer, SimNetServerOptions, SimTiming } from './sim-net-server';
import { startViscaIpServer, type DatagramFilter } from './visca-ip-server';
import { startViscaTcpServer } from './visca-tcp-server';
import { startViscaUdpServer } from './visca-udp-server';

export type { SimNetKind, SimNetServer, SimTiming } from './sim-net-server';

export interface SimulatedCamera {
  /** 1-based camera number, as printed by the CLI (`camera 1: …`). */
  index: number;
  /** Display name, `Sim camera <index>`. */
  name: string;
  camera: SimCamera;
  /** The camera's server; its `kind` says which protocol it speaks. */
  server: SimNetServer;
  /** Bound port and address (same as server.port / server.host). */
  port: number;
  host: string;
  /** The port asked for when it was busy and an ephemeral one was used instead; otherwise undefined. */
  requestedPort?: number;
}

export interface Simulator {
  /** Protocol every camera speaks. */
  kind: SimNetKind;
  cameras: SimulatedCamera[];
  /** Closes every server. Safe to call twice. */
  close(): Promise<void>;
}

export interface SimulatorOptions {
  /** Number of cameras, 1–64. */
  cameras: number;
  /** Protocol: Sony VISCA over IP (UDP, default), raw VISCA over TCP, or raw VISCA over UDP. */
  kind?: SimNetKind;
  /** Address to bind; default 127.0.0.1. */
  host?: string;
  /** Preferred port per camera (index 0 = camera 1); a busy or missing entry falls back to an ephemeral port. */
  ports?: number[];
  /** Clock in ms shared by all cameras; default performance.now. */
  now?: () => number;
  /** Time and timers for engines and faults (default: `now` with the global timers). */
  clock?: Clock;
  /** Camera-like timing by default; `{ cycleMs: 0 }` for immediate replies. */
  timing?: SimTiming;
  /** Fault switches for every camera, or per camera (1-based index); changeable later via `server.faults`. */
  faults?: Partial<FaultSettings> | ((index: number) => Partial<FaultSettings> | undefined);
  /** Random source for the faults (seeded in tests). */
  random?: () => number;
  /** Codec variant of every camera (default generic Sony). */
  variant?: ViscaCodecVariant;
  /** Datagram filter per camera (VISCA over IP only, 1-based index); see DatagramFilter. */
  filterFor?: (index: number) => DatagramFilter | undefined;
}

/** Upper bound on cameras, a guard against typos like `--cameras 1000`. */
export const MAX_SIM_CAMERAS = 64;

const isAddressInUse = (e: unknown): boolean =>
  typeof e === 'object' && e !== null && ['EADDRINUSE', 'EACCES'].includes((e as NodeJS.ErrnoException).code ?? '');

const START: Readonly<
  Record<SimNetKind, (o: SimNetServerOptions & { filter?: DatagramFilter }) => Promise<SimNetServer>>
> = {
  'visca-ip': startViscaIpServer,
  'visca-tcp': startViscaTcpServer,
  'visca-udp': startViscaUdpServer,
};

/**
 * Starts `cameras` simulated cameras. Throws RangeError for a bad count, port or kind; rejects (after
 * closing what was started) when the host cannot be bound at all.
 */
export async function startSimulator(opts: SimulatorOptions): Promise<Simulator> {
  if (!Number.isInteger(opts.cameras) || opts.cameras < 1 || opts.cameras > MAX_SIM_CAMERAS) {
    throw new RangeError(`camera count must be an integer in 1–${MAX_SIM_CAMERAS}, got ${opts.cameras}`);
  }
  for (const p of opts.ports ?? []) {
    if (!Number.isInteger(p) || p < 0 || p > 65535)
      throw new RangeError(`port must be an integer in 0–65535, got ${p}`);
  }
  const kind = opts.kind ?? 'visca-ip';
  const start = Object.hasOwn(START, kind) ? START[kind] : undefined;
  if (!start) throw new RangeError(`unknown simulator kind "${String(kind)}"`);
  const host = opts.host ?? '127.0.0.1';
  const now = opts.now ?? opts.clock?.now ?? (() => performance.now());
  const clock = opts.clock ?? simClock(now);
  const cameras: SimulatedCamera[] = [];
  try {
    for (let index = 1; index <= opts.cameras; index++) {
      const camera = new SimCamera({ now, ...(opts.variant ? { variant: opts.variant } : {}) });
      const wanted = opts.ports?.[index - 1] ?? 0;
      const filter = kind === 'visca-ip' ? opts.filterFor?.(index) : undefined;
      const faults = typeof opts.faults === 'function' ? opts.faults(index) : opts.faults;
      const base: SimNetServerOptions & { filter?: DatagramFilter } = {
        camera,
        host,
        clock,
        ...(opts.timing ? { timing: opts.timing } : {}),
        ...(faults ? { faults } : {}),
        ...(opts.random ? { random: opts.random } : {}),
        ...(filter ? { filter } : {}),
      };
      let server: SimNetServer;
      let requestedPort: number | undefined;
      try {
        server = await start({ ...base, port: wanted });
      } catch (e) {
        if (wanted === 0 || !isAddressInUse(e)) throw e;
        // Busy (another simulator, a real VISCA tool): an ephemeral port keeps the demo usable.
        requestedPort = wanted;
        server = await start({ ...base, port: 0 });
      }
      cameras.push({
        index,
        name: `Sim camera ${index}`,
        camera,
        server,
        port: server.port,
        host: server.host,
        ...(requestedPort !== undefined ? { requestedPort } : {}),
      });
    }
  } catch (e) {
    await Promise.all(cameras.map((c) => c.server.close()));
    throw e;
  }
  let closing: Promise<void> | null = null;
  return {
    kind,
    cameras,
    close: () => (closing ??= Promise.all(cameras.map((c) => c.server.close())).then(() => undefined)),
  };
}

/** Starts a set of simulated VISCA-over-IP cameras, one UDP server each, sharing one clock. */
import { SimCamera } from './camera-model';
import { startViscaIpServer, type DatagramFilter, type ViscaIpServer } from './visca-ip-server';

export interface SimulatedCamera {
  /** 1-based camera number, as printed by the CLI (`camera 1: …`). */
  index: number;
  /** Display name, `Sim camera <index>`. */
  name: string;
  camera: SimCamera;
  server: ViscaIpServer;
  /** Bound UDP port and address (same as server.port / server.host). */
  port: number;
  host: string;
  /** The port asked for when it was busy and an ephemeral one was used instead; otherwise undefined. */
  requestedPort?: number;
}

export interface Simulator {
  cameras: SimulatedCamera[];
  /** Closes every server. Safe to call twice. */
  close(): Promise<void>;
}

export interface SimulatorOptions {
  /** Number of cameras, 1–64. */
  cameras: number;
  /** Address to bind; default 127.0.0.1. */
  host?: string;
  /** Preferred port per camera (index 0 = camera 1); a busy or missing entry falls back to an ephemeral port. */
  ports?: number[];
  /** Clock in ms shared by all cameras; default performance.now. */
  now?: () => number;
  /** Fault-injection hook per camera (1-based index); see DatagramFilter. */
  filterFor?: (index: number) => DatagramFilter | undefined;
}

/** Upper bound on cameras, a guard against typos like `--cameras 1000`. */
export const MAX_SIM_CAMERAS = 64;

const isAddressInUse = (e: unknown): boolean =>
  typeof e === 'object' && e !== null && ['EADDRINUSE', 'EACCES'].includes((e as NodeJS.ErrnoException).code ?? '');

/**
 * Starts `cameras` simulated cameras. Throws RangeError for a bad count or port; rejects (after closing
 * what was started) when the host cannot be bound at all.
 */
export async function startSimulator(opts: SimulatorOptions): Promise<Simulator> {
  if (!Number.isInteger(opts.cameras) || opts.cameras < 1 || opts.cameras > MAX_SIM_CAMERAS) {
    throw new RangeError(`camera count must be an integer in 1–${MAX_SIM_CAMERAS}, got ${opts.cameras}`);
  }
  for (const p of opts.ports ?? []) {
    if (!Number.isInteger(p) || p < 0 || p > 65535)
      throw new RangeError(`port must be an integer in 0–65535, got ${p}`);
  }
  const host = opts.host ?? '127.0.0.1';
  const now = opts.now ?? (() => performance.now());
  const cameras: SimulatedCamera[] = [];
  try {
    for (let index = 1; index <= opts.cameras; index++) {
      const camera = new SimCamera({ now });
      const wanted = opts.ports?.[index - 1] ?? 0;
      const filter = opts.filterFor?.(index);
      let server: ViscaIpServer;
      let requestedPort: number | undefined;
      try {
        server = await startViscaIpServer({ camera, host, port: wanted, ...(filter ? { filter } : {}) });
      } catch (e) {
        if (wanted === 0 || !isAddressInUse(e)) throw e;
        // Busy (another simulator, a real VISCA tool): an ephemeral port keeps the demo usable.
        requestedPort = wanted;
        server = await startViscaIpServer({ camera, host, port: 0, ...(filter ? { filter } : {}) });
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
    cameras,
    close: () => (closing ??= Promise.all(cameras.map((c) => c.server.close())).then(() => undefined)),
  };
}

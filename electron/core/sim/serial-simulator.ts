/**
 * A simulated VISCA daisy chain on a serial endpoint (a pty end from the transport layer, or an
 * in-memory pair): `startSerialSimulator({ endpoint, addresses, baudRate })`.
 */
import type { SimCamera } from './camera-model';
import {
  startViscaSerialServer,
  type SerialEndpoint,
  type ViscaSerialServer,
  type ViscaSerialServerOptions,
} from './visca-serial-server';

export type { SerialEndpoint } from './visca-serial-server';

export interface SerialSimulatorOptions extends Omit<ViscaSerialServerOptions, 'cameras'> {
  endpoint: SerialEndpoint;
  /** Cameras on the chain, 1–7; default 1. */
  addresses?: number;
  /** Bits/s; default 9600. */
  baudRate?: number;
}

export interface SerialSimulator {
  /** Cameras in chain order: index 0 answers at address 1 (until an AddressSet renumbers them). */
  cameras: readonly SimCamera[];
  server: ViscaSerialServer;
  /** Detaches from the endpoint. Safe to call twice. */
  close(): Promise<void>;
}

/** Starts a chain of `addresses` cameras on `endpoint`. Throws RangeError for bad counts or baud rates. */
export async function startSerialSimulator(opts: SerialSimulatorOptions): Promise<SerialSimulator> {
  const server = startViscaSerialServer(opts);
  return { cameras: server.cameras, server, close: () => server.close() };
}

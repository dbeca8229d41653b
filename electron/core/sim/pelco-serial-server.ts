/**
 * Simulated Pelco-D/P receivers on one serial line (an RS-485 bus): bytes from the line go to a
 * PelcoResponder, and its position answers go back out. The line is any byte endpoint, typically the far
 * end of a socat pty pair opened with openSerialPort.
 */
import { PelcoResponder, type PelcoResponderOptions } from './pelco-responder';

/** A duplex byte endpoint (a RawSerialPort fits). */
export interface ByteEndpoint {
  write(bytes: Uint8Array): Promise<void>;
  onData(listener: (chunk: Uint8Array) => void): () => void;
}

export interface PelcoSerialServer {
  readonly responder: PelcoResponder;
  /** Stops listening (the endpoint belongs to the caller). */
  close(): void;
}

export function startPelcoSerialServer(endpoint: ByteEndpoint, options: PelcoResponderOptions): PelcoSerialServer {
  const responder = new PelcoResponder(options);
  const off = endpoint.onData((chunk) => {
    for (const reply of responder.handle(chunk)) {
      endpoint.write(reply).catch(() => undefined); // the line went away; the test or CLI closes us
    }
  });
  return { responder, close: off };
}

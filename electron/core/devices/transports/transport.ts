/** Transport interfaces: bytes in and out, nothing about protocols. */

/** A remote endpoint as an IP address (already resolved) and port. */
export interface Remote {
  readonly address: string;
  readonly port: number;
}

/** One camera's view of a shared datagram socket. */
export interface DatagramPeer {
  readonly remote: Remote;
  /** Sends one datagram; rejects when the socket is closed or the OS refuses. */
  send(bytes: Uint8Array): Promise<void>;
  /** Stops routing replies to this peer; the shared socket stays open for the others. */
  close(): void;
}

/** Link state of a byte-stream transport (serial port or TCP socket). */
export type StreamState =
  | 'closed' // not opened, or closed by the owner
  | 'opening'
  | 'open'
  | 'reconnecting' // lost (unplugged, reset, refused): retrying with backoff
  | 'failed'; // an error retrying cannot fix (not a serial port, settings refused): see `problem`

/** Why a stream is not open, in words an operator can act on. */
export interface StreamProblem {
  code: string; // e.g. EACCES, ENOENT, ECONNREFUSED, EBUSY, 'unplugged', 'heartbeat'
  message: string; // e.g. "Permission denied on /dev/ttyUSB0: add your user to the dialout group …"
}

/**
 * A reconnecting byte stream: one per serial port or TCP endpoint, shared by every camera address on it
 * (a VISCA daisy chain, a Pelco RS-485 bus). It never throws at its users; state changes say what happened.
 */
export interface StreamTransport {
  readonly state: StreamState;
  readonly problem: StreamProblem | null;
  /** `/dev/ttyUSB0 @ 9600 8N1` or `192.0.2.10:5678 (TCP)`. */
  describe(): string;
  /** Starts opening (and keeps reconnecting until `close`). Resolves after the first attempt. */
  open(): Promise<void>;
  /** Writes bytes; resolves when handed to the OS (`drain`ed); rejects when the stream is not open. */
  write(bytes: Uint8Array): Promise<void>;
  /** Closes for good and stops reconnecting. */
  close(): Promise<void>;
  /** Every chunk read, in order. Returns an unsubscribe function. */
  onData(listener: (chunk: Uint8Array) => void): () => void;
  /** Every state change (including reconnects: `reconnecting` → `open`). Returns an unsubscribe function. */
  onState(listener: (state: StreamState, problem: StreamProblem | null) => void): () => void;
  /**
   * Asks the transport to treat the link as lost now (the driver's heartbeat inquiry went unanswered, or
   * the port vanished from the port list): close, then reconnect with backoff.
   */
  markLost(reason: StreamProblem): void;
}

/** One open serial port, not reconnecting: the thin layer over `serialport` (used by SerialTransport and the simulator). */
export interface RawSerialPort {
  readonly path: string;
  /** Resolves when the bytes are handed to the OS; rejects if the port is closed or the write fails. */
  write(bytes: Uint8Array): Promise<void>;
  onData(listener: (chunk: Uint8Array) => void): () => void;
  /** Fires once when the port closes for any reason; `error` set when it was not asked to (unplugged…). */
  onClose(listener: (error?: Error) => void): () => void;
  /** Stops reading (bytes back up in the OS buffers, as on a real UART whose reader is slow). */
  pause(): void;
  resume(): void;
  close(): Promise<void>;
}

export interface SerialOpenOptions {
  baudRate: number;
  /** Exclusive lock (default true): a second opener gets a clear "in use" error. */
  lock?: boolean;
}

/** Opens a serial port (8N1) or rejects with an Error whose `code` is the OS code (EACCES, ENOENT…); any lock conflict is EBUSY. */
export type OpenSerialPort = (path: string, options: SerialOpenOptions) => Promise<RawSerialPort>;

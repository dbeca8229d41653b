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

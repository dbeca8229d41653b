/**
 * One UDP socket per local port, shared by every camera that uses it (VISCA over IP: many cameras, one
 * socket). Replies are routed to the camera by source address and port; when a camera answers from
 * another port than the one we sent to (Sony cameras always answer from 52381), the source address alone
 * routes it, provided only one camera uses that address.
 */
import dgram from 'node:dgram';
import type { Logger } from '../../logger';
import type { DatagramPeer, Remote } from './transport';

type Handler = (bytes: Uint8Array, from: Remote) => void;

interface PeerEntry {
  remote: Remote;
  onMessage: Handler;
}

export class UdpEndpoint {
  private readonly peers = new Set<PeerEntry>();
  private closed = false;
  /** Datagrams from addresses no camera is registered for (counted, then dropped). */
  strayDatagrams = 0;

  private constructor(
    private readonly socket: dgram.Socket,
    private readonly log: Logger,
  ) {
    socket.on('message', (msg, rinfo) => this.route(new Uint8Array(msg), { address: rinfo.address, port: rinfo.port }));
    socket.on('error', (e) => this.log.warn(`UDP socket error: ${e.message}`));
  }

  /** Binds a socket; `localPort` 0 picks a free port. Rejects with the OS error (e.g. EADDRINUSE). */
  static open(options: { localAddress?: string; localPort?: number; log: Logger }): Promise<UdpEndpoint> {
    return new Promise((resolve, reject) => {
      // reuseAddr so a fixed local port (52381) can be shared with another controller on the same PC.
      const socket = dgram.createSocket({
        type: 'udp4',
        reuseAddr: options.localPort !== undefined && options.localPort !== 0,
      });
      const onError = (e: Error) => {
        socket.close();
        reject(e);
      };
      socket.once('error', onError);
      socket.bind(options.localPort ?? 0, options.localAddress ?? '0.0.0.0', () => {
        socket.off('error', onError);
        resolve(new UdpEndpoint(socket, options.log));
      });
    });
  }

  get localPort(): number {
    return this.socket.address().port;
  }

  get peerCount(): number {
    return this.peers.size;
  }

  /** Registers a camera at `remote`; its replies go to `onMessage`. */
  register(remote: Remote, onMessage: Handler): DatagramPeer {
    const entry: PeerEntry = { remote, onMessage };
    this.peers.add(entry);
    return {
      remote,
      send: (bytes) => this.send(remote, bytes),
      close: () => {
        this.peers.delete(entry);
      },
    };
  }

  close(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.closed = true;
    this.peers.clear();
    return new Promise((resolve) => this.socket.close(() => resolve()));
  }

  private send(remote: Remote, bytes: Uint8Array): Promise<void> {
    if (this.closed) return Promise.reject(new Error('UDP socket is closed'));
    return new Promise((resolve, reject) => {
      this.socket.send(bytes, remote.port, remote.address, (e) => (e ? reject(e) : resolve()));
    });
  }

  private route(bytes: Uint8Array, from: Remote): void {
    let byAddress: PeerEntry | undefined;
    let sameAddress = 0;
    for (const p of this.peers) {
      if (p.remote.address !== from.address) continue;
      if (p.remote.port === from.port) return this.deliver(p, bytes, from);
      byAddress = p;
      sameAddress++;
    }
    // Port mismatch: only safe when exactly one camera lives at that address.
    if (byAddress && sameAddress === 1) return this.deliver(byAddress, bytes, from);
    this.strayDatagrams++;
    this.log.debug(`UDP datagram from ${from.address}:${from.port} matches no camera (${sameAddress} at that address)`);
  }

  private deliver(p: PeerEntry, bytes: Uint8Array, from: Remote): void {
    try {
      p.onMessage(bytes, from);
    } catch (e) {
      // A driver bug must not take the shared socket (and every other camera) down.
      this.log.error('UDP message handler threw', e);
    }
  }
}

/** Hands out one shared UdpEndpoint per local port, reference-counted. */
export class UdpTransportPool {
  private readonly endpoints = new Map<number, { endpoint: Promise<UdpEndpoint>; users: number }>();

  constructor(private readonly log: Logger) {}

  async acquire(localPort = 0): Promise<UdpEndpoint> {
    const existing = this.endpoints.get(localPort);
    if (existing) {
      existing.users++;
      return existing.endpoint;
    }
    const endpoint = UdpEndpoint.open({ localPort, log: this.log });
    const entry = { endpoint, users: 1 };
    this.endpoints.set(localPort, entry);
    endpoint.catch(() => this.endpoints.delete(localPort));
    return endpoint;
  }

  async release(endpoint: UdpEndpoint, localPort = 0): Promise<void> {
    const entry = this.endpoints.get(localPort);
    if (!entry || (await entry.endpoint) !== endpoint) return;
    entry.users--;
    if (entry.users > 0) return;
    this.endpoints.delete(localPort);
    await endpoint.close();
  }

  async closeAll(): Promise<void> {
    const all = [...this.endpoints.values()];
    this.endpoints.clear();
    await Promise.all(all.map(async (e) => (await e.endpoint.catch(() => undefined))?.close()));
  }
}

/**
 * A reconnecting TCP byte stream to one camera endpoint (raw VISCA over TCP, serial-over-IP servers).
 * Nagle is off (a 6-byte stop must not wait for an ACK), keepalive is on (a silently dead peer is noticed
 * eventually; drivers' heartbeats notice sooner and call `markLost`), every failure retries with backoff.
 */
import net from 'node:net';
import type { Logger } from '../../logger';
import type { BackoffOptions, ConnectFailure, StreamLink, StreamLinkEvents } from './reconnecting-stream';
import { ReconnectingStream } from './reconnecting-stream';
import type { StreamProblem } from './transport';

export interface TcpTransportOptions extends BackoffOptions {
  /** IP address or host name. */
  host: string;
  /** TCP port, 1–65535. */
  port: number;
  /** Give up one connect attempt after this long, ms (default 3000). */
  connectTimeoutMs?: number;
  /** Idle time before the first TCP keepalive probe, ms (default 5000). */
  keepAliveMs?: number;
  log?: Logger;
}

export class TcpTransport extends ReconnectingStream {
  readonly host: string;
  readonly port: number;
  private readonly connectTimeoutMs: number;
  private readonly keepAliveMs: number;

  constructor(options: TcpTransportOptions) {
    super(options);
    if (!Number.isInteger(options.port) || options.port < 1 || options.port > 65535) {
      throw new RangeError(`Invalid TCP port ${options.port} for ${options.host}`);
    }
    this.host = options.host;
    this.port = options.port;
    this.connectTimeoutMs = options.connectTimeoutMs ?? 3000;
    this.keepAliveMs = options.keepAliveMs ?? 5000;
  }

  /** `192.0.2.10:5678 (TCP)`. */
  describe(): string {
    return `${this.endpoint} (TCP)`;
  }

  private get endpoint(): string {
    return net.isIPv6(this.host) ? `[${this.host}]:${this.port}` : `${this.host}:${this.port}`;
  }

  protected connect(events: StreamLinkEvents, signal: AbortSignal): Promise<StreamLink> {
    return new Promise((resolve, reject) => {
      const socket = net.connect({
        host: this.host,
        port: this.port,
        noDelay: true,
        keepAlive: true,
        keepAliveInitialDelay: this.keepAliveMs,
      });
      socket.setTimeout(this.connectTimeoutMs, () => {
        socket.destroy(
          Object.assign(new Error(`connect timed out after ${this.connectTimeoutMs} ms`), { code: 'ETIMEDOUT' }),
        );
      });
      const onConnectError = (e: Error) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      };
      const onAbort = () => socket.destroy(Object.assign(new Error('connect aborted'), { code: 'ABORTED' }));
      signal.addEventListener('abort', onAbort, { once: true });
      socket.once('error', onConnectError);
      socket.once('connect', () => {
        socket.setTimeout(0);
        socket.off('error', onConnectError);
        signal.removeEventListener('abort', onAbort);
        let failure: Error | null = null;
        socket.on('error', (e) => (failure = e)); // 'close' follows; report there, once
        socket.on('data', (chunk: Buffer) =>
          events.data(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength)),
        );
        socket.once('close', () => {
          events.lost(
            failure ? this.problemFor(failure) : { code: 'closed', message: `${this.endpoint} closed the connection` },
          );
        });
        resolve({
          write: (bytes) =>
            new Promise<void>((done, fail) => {
              if (socket.destroyed || !socket.writable) return fail(new Error(`${this.describe()} is closed`));
              socket.write(bytes, (e) => (e ? fail(e) : done()));
            }),
          close: () =>
            new Promise<void>((done) => {
              if (socket.closed) return done();
              socket.once('close', () => done());
              socket.destroy();
            }),
        });
      });
    });
  }

  protected classify(error: unknown): ConnectFailure {
    // Nothing here is permanent: cameras boot, cables get plugged, addresses get fixed.
    return { problem: this.problemFor(error), permanent: false };
  }

  /** Operator-facing words for a socket error. */
  private problemFor(error: unknown): StreamProblem {
    const raw = error instanceof Error ? error.message : String(error);
    const code = (error as { code?: unknown } | null)?.code;
    const c = typeof code === 'string' ? code : 'UNKNOWN';
    const message = ((): string => {
      switch (c) {
        case 'ECONNREFUSED':
          return `Connection refused by ${this.endpoint}: is this the camera's control port, and is that protocol enabled on the camera?`;
        case 'EHOSTUNREACH':
        case 'ENETUNREACH':
          return `No route to ${this.host} — is the PC in the camera's subnet?`;
        case 'ETIMEDOUT':
          return `No answer from ${this.endpoint} — is the camera powered and on this network?`;
        case 'ENOTFOUND':
        case 'EAI_AGAIN':
          return `Cannot resolve ${this.host} — check the host name or use the IP address`;
        case 'ECONNRESET':
        case 'EPIPE':
          return `${this.endpoint} reset the connection`;
        default:
          return `Cannot connect to ${this.endpoint}: ${raw}`;
      }
    })();
    return { code: c, message };
  }
}

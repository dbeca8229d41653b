/**
 * One StreamTransport per serial port or TCP endpoint, shared by every device on it (a VISCA daisy chain,
 * a Pelco RS-485 bus), reference counted: the last `release` closes it.
 */
import { realpathSync } from 'node:fs';
import type { Logger } from '../../logger';
import { silentLogger } from '../../logger';
import { openSerialPort } from './serial-port';
import type { SerialTransportOptions } from './serial-transport';
import { SerialTransport } from './serial-transport';
import type { TcpTransportOptions } from './tcp-transport';
import { TcpTransport } from './tcp-transport';
import type { OpenSerialPort, StreamTransport } from './transport';

export interface StreamTransportPoolOptions {
  /** Extra settings for every serial transport (backoff, poll interval, an injected opener in tests). */
  serial?: Omit<Partial<SerialTransportOptions>, 'path' | 'baudRate' | 'log'>;
  /** Extra settings for every TCP transport (timeouts, backoff). */
  tcp?: Omit<Partial<TcpTransportOptions>, 'host' | 'port' | 'log'>;
}

interface Entry {
  key: string;
  transport: StreamTransport;
  users: number;
  /** Serial only: the rate every device on the line must share, bit/s. */
  baudRate?: number;
  /** The name the first user gave (what `describe()` shows). */
  name: string;
}

export class StreamTransportPool {
  private readonly byKey = new Map<string, Entry>();
  private readonly byTransport = new Map<StreamTransport, Entry>();
  /** Closes still in progress per key: a new transport for the same port waits for them (the lock). */
  private readonly closing = new Map<string, Promise<void>>();

  constructor(
    private readonly log: Logger = silentLogger,
    private readonly options: StreamTransportPoolOptions = {},
  ) {}

  /**
   * The transport for the serial port at `path`, created on first use. `/dev/serial/by-id/…` and the
   * `/dev/ttyUSB0` it points at are the same port (keyed by real path); the transport opens the name the
   * first user gave, so a by-id name keeps working across re-enumeration. Not opened here: call `open()`
   * (idempotent) and check `state`, since a shared transport may already be open. Throws when the port is
   * already used at another baud rate.
   */
  acquireSerial(options: { path: string; baudRate: number }): StreamTransport {
    const key = `serial:${serialIdentity(options.path)}`;
    const existing = this.byKey.get(key);
    if (existing) {
      if (existing.baudRate !== options.baudRate) {
        const alias = existing.name === options.path ? '' : ` (as ${existing.name}, the same port)`;
        throw new Error(
          `${options.path} is already used at ${existing.baudRate} baud by another device${alias}; ` +
            `every device on one serial line must use the same baud rate, not ${options.baudRate}`,
        );
      }
      existing.users++;
      return existing.transport;
    }
    const opener = this.options.serial?.openPort ?? openSerialPort;
    const transport = new SerialTransport({
      ...this.options.serial,
      path: options.path,
      baudRate: options.baudRate,
      log: this.log,
      openPort: this.afterPendingClose(key, opener),
    });
    return this.add({ key, transport, users: 1, baudRate: options.baudRate, name: options.path });
  }

  /** The transport for `host:port`, created on first use; same sharing rules as `acquireSerial`. */
  acquireTcp(options: { host: string; port: number }): StreamTransport {
    const key = `tcp:${options.host.toLowerCase()}:${options.port}`;
    const existing = this.byKey.get(key);
    if (existing) {
      existing.users++;
      return existing.transport;
    }
    const transport = new TcpTransport({ ...this.options.tcp, host: options.host, port: options.port, log: this.log });
    return this.add({ key, transport, users: 1, name: `${options.host}:${options.port}` });
  }

  /** One user is done with `transport`; the last one closes it. Unknown transports are ignored. */
  async release(transport: StreamTransport): Promise<void> {
    const entry = this.byTransport.get(transport);
    if (!entry) return;
    entry.users--;
    if (entry.users > 0) return;
    this.byKey.delete(entry.key);
    this.byTransport.delete(transport);
    const done = transport.close().finally(() => {
      if (this.closing.get(entry.key) === done) this.closing.delete(entry.key);
    });
    this.closing.set(entry.key, done);
    await done;
  }

  /** Closes every transport (shutdown). */
  async closeAll(): Promise<void> {
    const entries = [...this.byKey.values()];
    this.byKey.clear();
    this.byTransport.clear();
    await Promise.all([...entries.map((e) => e.transport.close()), ...this.closing.values()]);
  }

  /** Number of live transports. */
  get size(): number {
    return this.byKey.size;
  }

  private add(entry: Entry): StreamTransport {
    this.byKey.set(entry.key, entry);
    this.byTransport.set(entry.transport, entry);
    return entry.transport;
  }

  /** Wraps an opener so it first waits for our own previous handle on the same port to be closed. */
  private afterPendingClose(key: string, open: OpenSerialPort): OpenSerialPort {
    return async (path, options) => {
      await this.closing.get(key)?.catch(() => undefined);
      return open(path, options);
    };
  }
}

/** The identity of a serial path: symlinks resolved; the path itself when it does not exist (yet). */
function serialIdentity(path: string): string {
  if (process.platform === 'win32') return path.toUpperCase(); // COM3 and com3 are one port
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

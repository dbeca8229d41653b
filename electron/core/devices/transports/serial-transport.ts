/**
 * A reconnecting serial line (one per port, shared by every camera on it). Loss is detected three ways,
 * because the close event alone is unreliable on every OS: the port closing with an error, the port's
 * path vanishing (polled), and `markLost` from a driver whose heartbeat went unanswered.
 *
 * Retry policy: everything except "this is not a serial port / these settings are impossible" keeps
 * retrying with backoff (250 ms doubling to 5 s by default), including
 * - ENOENT/ENXIO/ENODEV: the adapter is not plugged in yet; while waiting, the path is polled and the
 *   next attempt starts as soon as it reappears, so plugging in brings the line up within one poll;
 * - EACCES: the operator can fix it without restarting us (udev rule + replug, chmod); at the 5 s cap a
 *   retry costs one failed open(2);
 * - EBUSY: another program holds the lock; the message names it where `fuser` can tell.
 * ENOTTY/EISDIR/EINVAL go to `failed`: the path is a file, or the port rejects the baud rate.
 */
import { stat } from 'node:fs/promises';
import type { Logger } from '../../logger';
import type { BackoffOptions, ConnectFailure, StreamLink, StreamLinkEvents } from './reconnecting-stream';
import { ReconnectingStream } from './reconnecting-stream';
import { listSerialPorts, openSerialPort } from './serial-port';
import { toSerialPortError } from './serial-port-errors';
import type { OpenSerialPort } from './transport';

export interface SerialTransportOptions extends BackoffOptions {
  /** Port to open, e.g. `/dev/serial/by-id/usb-FTDI_…` (preferred on Linux), `/dev/ttyUSB0`, `COM3`. */
  path: string;
  /** Line speed, bit/s (Sony VISCA: 9600/19200/38400; Pelco: 2400/4800/9600). Always 8N1. */
  baudRate: number;
  /** Opener to use (tests inject fakes); defaults to the real `openSerialPort`. */
  openPort?: OpenSerialPort;
  /** Interval of the presence check while open or waiting for the port, ms (default 500; 0 turns it off). */
  presencePollMs?: number;
  /** Whether `path` exists now; defaults to `fs.stat` (POSIX) or the port list (Windows). */
  portExists?: (path: string) => Promise<boolean>;
  log?: Logger;
}

/** Open errors retrying cannot fix. */
const PERMANENT = new Set(['ENOTTY', 'EISDIR', 'EINVAL']);
/** Problems that mean "the device is not there": poll for it to come back. */
const MISSING = new Set(['ENOENT', 'ENOTDIR', 'ENXIO', 'ENODEV', 'unplugged']);

export class SerialTransport extends ReconnectingStream {
  readonly path: string;
  readonly baudRate: number;
  private readonly openPort: OpenSerialPort;
  private readonly pollMs: number;
  private readonly portExists: (path: string) => Promise<boolean>;
  private pollTimer: ReturnType<typeof setInterval> | null = null;
  private polling = false;

  constructor(options: SerialTransportOptions) {
    super(options);
    if (!Number.isInteger(options.baudRate) || options.baudRate <= 0) {
      throw new RangeError(`Invalid baud rate ${options.baudRate} for ${options.path}`);
    }
    this.path = options.path;
    this.baudRate = options.baudRate;
    this.openPort = options.openPort ?? openSerialPort;
    this.pollMs = options.presencePollMs ?? 500;
    this.portExists = options.portExists ?? defaultPortExists;
  }

  /** `/dev/ttyUSB0 @ 9600 8N1`. */
  describe(): string {
    return `${this.path} @ ${this.baudRate} 8N1`;
  }

  protected async connect(events: StreamLinkEvents): Promise<StreamLink> {
    const port = await this.openPort(this.path, { baudRate: this.baudRate, lock: true });
    port.onData(events.data);
    port.onClose((error) => {
      const code = (error as { code?: unknown } | undefined)?.code;
      events.lost({
        code: typeof code === 'string' ? code : 'closed',
        message: error ? error.message : `${this.path} closed unexpectedly`,
      });
    });
    return { write: (bytes) => port.write(bytes), close: () => port.close() };
  }

  protected classify(error: unknown): ConnectFailure {
    const { code, message } = toSerialPortError(error, this.path);
    return { problem: { code, message }, permanent: PERMANENT.has(code) };
  }

  protected override onActive(active: boolean): void {
    if (this.pollTimer) clearInterval(this.pollTimer);
    this.pollTimer = null;
    if (!active || this.pollMs <= 0) return;
    this.pollTimer = setInterval(() => void this.poll(), this.pollMs);
    this.pollTimer.unref?.(); // the poll alone must not keep a finished process alive
  }

  private async poll(): Promise<void> {
    if (this.polling) return; // a slow stat (hung USB hub) must not pile up checks
    const state = this.state;
    const waitingForPort = state === 'reconnecting' && MISSING.has(this.problem?.code ?? '');
    if (state !== 'open' && !waitingForPort) return;
    this.polling = true;
    try {
      const exists = await this.portExists(this.path);
      if (state === 'open' && !exists && this.state === 'open') {
        this.markLost({ code: 'unplugged', message: `${this.path} disappeared (unplugged?)` });
      } else if (waitingForPort && exists) {
        this.retryNow();
      }
    } finally {
      this.polling = false;
    }
  }
}

async function defaultPortExists(path: string): Promise<boolean> {
  if (process.platform === 'win32') {
    // COM ports are not files; ask the port list, and do not call a port lost when listing fails.
    const ports = await listSerialPorts().catch(() => null);
    return ports === null || ports.some((p) => p.path.toUpperCase() === path.toUpperCase());
  }
  try {
    await stat(path);
    return true;
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    return !(code === 'ENOENT' || code === 'ENOTDIR' || code === 'ENXIO' || code === 'ENODEV');
  }
}

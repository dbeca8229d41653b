/**
 * The one file that imports `serialport`: opens a port (8N1) as a `RawSerialPort` and lists ports. Open
 * errors get OS codes and operator-facing messages from `serial-port-errors.ts`.
 *
 * It drives the platform binding (`SerialPort.binding`) directly instead of the `SerialPort` stream: the
 * stream reads ahead up to its 64 KiB high-water mark even while paused, and reports a hang-up as EOF, so
 * neither `pause()` (bytes must back up in the OS, as on a slow UART) nor loss detection would be honest.
 */
import { readdir, realpath } from 'node:fs/promises';
import { join } from 'node:path';
import { SerialPort } from 'serialport';
import { findHolder, SerialPortError, toSerialPortError } from './serial-port-errors';
import type { OpenSerialPort, RawSerialPort } from './transport';

/** A serial port the OS reports; `null` where the platform does not know. */
export interface SerialPortInfo {
  /** What to open: `/dev/ttyUSB0`, `COM3`. */
  path: string;
  /** The `/dev/serial/by-id/…` link that points at `path` (stable across re-enumeration), Linux only. */
  byIdPath: string | null;
  manufacturer: string | null;
  serialNumber: string | null;
  /** USB vendor id, 4 hex digits (`0403`). */
  vendorId: string | null;
  /** USB product id, 4 hex digits (`6001`). */
  productId: string | null;
  pnpId: string | null;
}

/** The part of the platform binding we use (structural, so the binding's union type stays out of sight). */
interface BindingPort {
  read(buffer: Buffer, offset: number, length: number): Promise<{ bytesRead: number }>;
  write(buffer: Buffer): Promise<void>;
  close(): Promise<void>;
}
interface Binding {
  open(options: Record<string, unknown>): Promise<BindingPort>;
}

/** Bytes per read. Small, so that `pause()` leaves at most this much read ahead of the reader. */
const READ_CHUNK = 256;

/** Opens `path` at `options.baudRate`, 8 data bits, no parity, 1 stop bit, exclusive lock unless `lock: false`. */
export const openSerialPort: OpenSerialPort = async (path, options) => {
  const binding = SerialPort.binding as unknown as Binding;
  let port: BindingPort;
  try {
    port = await binding.open({
      path,
      baudRate: options.baudRate,
      dataBits: 8,
      parity: 'none',
      stopBits: 1,
      lock: options.lock ?? true,
      hupcl: true, // drop DTR on close, as a terminal would
      rtscts: false,
      xon: false,
      xoff: false,
      xany: false,
    });
  } catch (e) {
    const error = toSerialPortError(e, path);
    if (error.code !== 'EBUSY') throw error;
    throw toSerialPortError(e, path, await findHolder(path));
  }
  return new NativeSerialPort(path, port);
};

function isCanceled(e: unknown): boolean {
  return (e as { canceled?: unknown } | null)?.canceled === true;
}

/** An open port: a read loop that stops while paused, writes one at a time (the binding requires it). */
class NativeSerialPort implements RawSerialPort {
  private readonly dataListeners = new Set<(chunk: Uint8Array) => void>();
  private readonly closeListeners = new Set<(error?: Error) => void>();
  /** Chunks read by the read that was in flight when `pause()` came; delivered on `resume()`. */
  private readonly held: Uint8Array[] = [];
  private paused = false;
  private reading = false;
  private closing: Promise<void> | null = null;
  private closed = false;
  private closeError: Error | undefined;
  private writes: Promise<unknown> = Promise.resolve();

  constructor(
    readonly path: string,
    private readonly port: BindingPort,
  ) {
    void this.readLoop();
  }

  write(bytes: Uint8Array): Promise<void> {
    if (this.closing) return Promise.reject(new SerialPortError('EBADF', this.path, `${this.path} is closed`));
    const buffer = Buffer.from(bytes); // a copy: the caller may reuse its array before the OS has it
    const op = this.writes.then(() => {
      if (this.closing) throw new SerialPortError('EBADF', this.path, `${this.path} is closed`);
      return this.port.write(buffer);
    });
    this.writes = op.catch(() => undefined);
    return op.catch((e: unknown) => {
      if (e instanceof SerialPortError) throw e;
      if (isCanceled(e)) throw new SerialPortError('EBADF', this.path, `${this.path} is closed`, { cause: e });
      const lost = this.lostError(e);
      if (!this.closing) void this.shutDown(lost);
      throw lost;
    });
  }

  onData(listener: (chunk: Uint8Array) => void): () => void {
    this.dataListeners.add(listener);
    return () => this.dataListeners.delete(listener);
  }

  onClose(listener: (error?: Error) => void): () => void {
    if (this.closed) {
      // Already closed: still tell a late subscriber, once, as the contract promises.
      const error = this.closeError;
      queueMicrotask(() => listener(error));
      return () => {};
    }
    this.closeListeners.add(listener);
    return () => this.closeListeners.delete(listener);
  }

  pause(): void {
    this.paused = true;
  }

  resume(): void {
    if (!this.paused) return;
    this.paused = false;
    // A listener may pause again while we hand over what was held.
    while (!this.paused && this.held.length > 0) this.emitData(this.held.shift()!);
    if (!this.paused) void this.readLoop();
  }

  close(): Promise<void> {
    return this.shutDown(undefined);
  }

  private async readLoop(): Promise<void> {
    if (this.reading) return;
    this.reading = true;
    try {
      while (!this.paused && !this.closing) {
        // A fresh unpooled buffer per read: listeners may keep the chunk (and its `.buffer`).
        const buffer = Buffer.allocUnsafeSlow(READ_CHUNK);
        let bytesRead: number;
        try {
          ({ bytesRead } = await this.port.read(buffer, 0, READ_CHUNK));
        } catch (e) {
          if (!isCanceled(e) && !this.closing) void this.shutDown(this.lostError(e));
          return;
        }
        const chunk = new Uint8Array(buffer.buffer, 0, bytesRead);
        if (this.paused) this.held.push(chunk);
        else this.emitData(chunk);
      }
    } finally {
      this.reading = false;
    }
  }

  private emitData(chunk: Uint8Array): void {
    for (const listener of this.dataListeners) listener(chunk);
  }

  private lostError(e: unknown): SerialPortError {
    const raw = e instanceof Error ? e.message : String(e);
    const code = (e as { code?: unknown } | null)?.code;
    return new SerialPortError(typeof code === 'string' ? code : 'EIO', this.path, `${this.path} was lost: ${raw}`, {
      cause: e,
    });
  }

  private shutDown(error: Error | undefined): Promise<void> {
    if (this.closing) return this.closing;
    this.closing = (async () => {
      try {
        await this.port.close();
      } catch {
        // Closing a port whose device vanished can fail; the descriptor is released either way.
      }
      this.closed = true;
      this.closeError = error;
      const listeners = [...this.closeListeners];
      this.closeListeners.clear();
      for (const listener of listeners) listener(error);
    })();
    return this.closing;
  }
}

/** Where udev keeps stable names for USB serial adapters. */
const BY_ID_DIR = '/dev/serial/by-id';

/**
 * Lists the serial ports the OS knows (not ptys: type those paths by hand), with the `/dev/serial/by-id`
 * name of each where there is one. Rejects with a message naming the fix when listing is impossible.
 */
export async function listSerialPorts(options: { byIdDir?: string } = {}): Promise<SerialPortInfo[]> {
  let ports: Awaited<ReturnType<typeof SerialPort.list>>;
  try {
    ports = await SerialPort.list();
  } catch (e) {
    const raw = e instanceof Error ? e.message : String(e);
    const fix =
      process.platform === 'linux'
        ? /udevadm/.test(raw) && /ENOENT/.test(raw)
          ? 'udevadm is missing: install udev (apt-get install udev)'
          : 'is udevadm (package udev) installed and working?'
        : 'check the serial drivers';
    throw new Error(`Cannot list serial ports: ${fix} (${raw})`, { cause: e });
  }
  const byId = process.platform === 'linux' ? await byIdLinks(options.byIdDir ?? BY_ID_DIR) : new Map();
  return ports.map((p) => ({
    path: p.path,
    byIdPath: byId.get(p.path) ?? null,
    manufacturer: p.manufacturer ?? null,
    serialNumber: p.serialNumber ?? null,
    vendorId: p.vendorId ?? null,
    productId: p.productId ?? null,
    pnpId: p.pnpId ?? null,
  }));
}

/**
 * Real device path → link in `dir` pointing at it (`/dev/ttyUSB0` → `/dev/serial/by-id/usb-FTDI…`).
 * An absent directory (no USB adapters plugged in) gives an empty map. Exported for tests.
 */
export async function byIdLinks(dir: string): Promise<Map<string, string>> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const links = new Map<string, string>();
  for (const name of names.sort()) {
    const link = join(dir, name);
    const target = await realpath(link).catch(() => null);
    if (target && !links.has(target)) links.set(target, link);
  }
  return links;
}

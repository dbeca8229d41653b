/**
 * The byte carriers `ptzctl send` talks through, the same ones the app uses: a UDP socket for VISCA over
 * IP and raw VISCA over UDP, the app's TcpTransport for raw VISCA over TCP, and the app's serial port
 * layer for serial lines. Framing and decoding are the caller's; a carrier only moves bytes.
 */
import dgram from 'node:dgram';
import { err, ok, type Result } from '../../../shared/util/result';
import { resolveIPv4 } from '../devices/transports/resolve-host';
import { openSerialPort } from '../devices/transports/serial-port';
import { TcpTransport } from '../devices/transports/tcp-transport';
import type { OpenSerialPort } from '../devices/transports/transport';
import type { ParsedDeviceConfig } from './device-url';

/** A byte pipe to one device, opened for one `send`. */
export interface Carrier {
  /** `127.0.0.1:52381 (UDP)`, `/dev/ttyUSB0 @ 9600 8N1`. */
  readonly label: string;
  /** True when every chunk is one whole datagram (UDP); false for a byte stream (TCP, serial). */
  readonly datagrams: boolean;
  /** Resolves when the bytes are handed to the OS. */
  write(bytes: Uint8Array): Promise<void>;
  /** Every chunk (or datagram) received from the device, in order. Returns an unsubscribe function. */
  onData(listener: (chunk: Uint8Array) => void): () => void;
  close(): Promise<void>;
}

/** How carriers are opened. */
export interface CarrierOptions {
  /** Give up connecting (TCP) after this long, ms. */
  connectTimeoutMs: number;
  /** Opens serial ports (the app's own by default; tests may pass another). */
  openSerial?: OpenSerialPort;
}

const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** Opens the carrier for a device URL's configuration; the error is one operator-facing line. */
export async function openCarrier(config: ParsedDeviceConfig, o: CarrierOptions): Promise<Result<Carrier, string>> {
  switch (config.protocol) {
    case 'visca-ip':
    case 'visca-udp':
      return openUdp(config.host, config.port);
    case 'visca-tcp':
      return openTcp(config.host, config.port, o.connectTimeoutMs);
    case 'visca-serial':
    case 'pelco-d':
    case 'pelco-p':
      return openSerial(config.path, config.baudRate, o.openSerial ?? openSerialPort);
  }
}

async function openUdp(host: string, port: number): Promise<Result<Carrier, string>> {
  let address: string;
  try {
    address = await resolveIPv4(host);
  } catch (e) {
    return err(errorText(e));
  }
  const socket = dgram.createSocket('udp4');
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(0, () => {
        socket.off('error', reject);
        resolve();
      });
    });
  } catch (e) {
    socket.close();
    return err(`cannot open a UDP socket: ${errorText(e)}`);
  }
  const listeners = new Set<(chunk: Uint8Array) => void>();
  // Replies are taken from the camera's address whatever the source port: Sony cameras answer from 52381
  // even when addressed on another port.
  socket.on('message', (msg, rinfo) => {
    if (rinfo.address !== address) return;
    const datagram = new Uint8Array(msg);
    for (const l of listeners) l(datagram);
  });
  // A late ICMP error (port unreachable) must not crash the process; the missing reply is reported instead.
  socket.on('error', () => undefined);
  let closed = false;
  return ok({
    label: `${address}:${port} (UDP)`,
    datagrams: true,
    write: (bytes) =>
      new Promise<void>((resolve, reject) => socket.send(bytes, port, address, (e) => (e ? reject(e) : resolve()))),
    onData: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    close: () =>
      new Promise<void>((resolve) => {
        if (closed) return resolve();
        closed = true;
        socket.close(() => resolve());
      }),
  });
}

async function openTcp(host: string, port: number, connectTimeoutMs: number): Promise<Result<Carrier, string>> {
  // One attempt only: a field check wants the reason now, not a retry loop.
  const tcp = new TcpTransport({ host, port, connectTimeoutMs, backoffInitialMs: 60_000, backoffMaxMs: 60_000 });
  await tcp.open();
  if (tcp.state !== 'open') {
    const why = tcp.problem?.message ?? `cannot connect to ${tcp.describe()}`;
    await tcp.close();
    return err(why);
  }
  return ok({
    label: tcp.describe(),
    datagrams: false,
    write: (bytes) => tcp.write(bytes),
    onData: (l) => tcp.onData(l),
    close: () => tcp.close(),
  });
}

async function openSerial(path: string, baudRate: number, open: OpenSerialPort): Promise<Result<Carrier, string>> {
  try {
    const port = await open(path, { baudRate });
    return ok({
      label: `${path} @ ${baudRate} 8N1`,
      datagrams: false,
      write: (bytes) => port.write(bytes),
      onData: (l) => port.onData(l),
      close: () => port.close(),
    });
  } catch (e) {
    // The serial layer's messages already name the fix (permissions, port in use by whom, no such device).
    return err(errorText(e));
  }
}

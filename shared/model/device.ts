import { z } from 'zod';

/** Device ids are issued by the core; the renderer never invents them. */
export const DeviceId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'device id: letters, digits, - and _');
export type DeviceId = z.infer<typeof DeviceId>;

const hostnameRe =
  /^(?=.{1,253}$)([A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;
const ipv4Re = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/** An IPv4 address or a DNS host name (no scheme, no port). */
export const Host = z
  .string()
  .trim()
  .min(1, 'host is required')
  .max(253)
  .refine((h) => ipv4Re.test(h) || (hostnameRe.test(h) && !/^[\d.]+$/.test(h)), {
    message: 'host must be an IPv4 address (e.g. 192.0.2.10) or a host name',
  });

/** A TCP/UDP port number, 1–65535. */
export const Port = z
  .number()
  .int('port must be a whole number')
  .min(1, 'port must be 1–65535')
  .max(65535, 'port must be 1–65535');

/** Fields every device configuration has. */
const DeviceBase = {
  /** Operator-facing name, 1–64 characters. */
  name: z.string().trim().min(1, 'name is required').max(64, 'name is at most 64 characters'),
  /** A disabled device keeps its configuration but holds no connection. */
  enabled: z.boolean().default(true),
};

/** Serial line speeds the console offers, bits per second. */
export const BAUD_RATES = [1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200] as const;
export const BaudRate = z.number().refine((b) => (BAUD_RATES as readonly number[]).includes(b), {
  message: `baud rate must be one of ${BAUD_RATES.join(', ')}`,
});

/** A serial port: `/dev/serial/by-id/…` (preferred: survives re-enumeration), `/dev/ttyUSB0`, or `COM3`. */
export const SerialPath = z
  .string()
  .trim()
  .min(1, 'serial port is required')
  .max(256)
  .refine((p) => !p.split(/[\\/]/).includes('..'), { message: 'serial port path must not contain ..' })
  // Only device nodes (a by-id link, /dev/ttyUSB0, /dev/pts/N for a socat pty): a configuration can never
  // make the core open an arbitrary file.
  .refine((p) => /^\/dev\/[\w./:+-]+$/.test(p) || /^(\\\\\.\\)?COM\d{1,3}$/i.test(p), {
    message: 'serial port must be a device path such as /dev/serial/by-id/… or /dev/ttyUSB0, or COM3',
  });

/** Options every protocol takes. */
const Tuning = {
  /**
   * Exponent of the speed response curve: normalised |speed|^exponent is scaled to the camera's steps.
   * 1 is linear; 2 gives finer control near the centre. 0.5–3.
   */
  responseCurve: z.number().min(0.5, 'response curve must be 0.5–3').max(3, 'response curve must be 0.5–3').optional(),
};

/** Sony VISCA over IP (8-byte header, sequence numbers), UDP 52381 by default. */
export const ViscaIpConfig = z
  .object({ ...DeviceBase, ...Tuning, protocol: z.literal('visca-ip'), host: Host, port: Port.default(52381) })
  .strict();

/** Bare VISCA packets over TCP (PTZOptics-style cameras, port 5678). */
export const ViscaTcpConfig = z
  .object({ ...DeviceBase, ...Tuning, protocol: z.literal('visca-tcp'), host: Host, port: Port.default(5678) })
  .strict();

/** Bare VISCA packets over UDP (PTZOptics-style cameras, port 1259). */
export const ViscaUdpConfig = z
  .object({ ...DeviceBase, ...Tuning, protocol: z.literal('visca-udp'), host: Host, port: Port.default(1259) })
  .strict();

/** VISCA on RS-232/RS-422: camera address 1–7 on a daisy chain; 9600 bps 8N1 by default. */
export const ViscaSerialConfig = z
  .object({
    ...DeviceBase,
    ...Tuning,
    protocol: z.literal('visca-serial'),
    path: SerialPath,
    baudRate: BaudRate.default(9600),
    address: z.number().int().min(1, 'VISCA address must be 1–7').max(7, 'VISCA address must be 1–7').default(1),
  })
  .strict();

/** Pelco-D on RS-485: receiver address 1–255 (set by DIP switches); 2400 bps 8N1 by default. */
export const PelcoDConfig = z
  .object({
    ...DeviceBase,
    ...Tuning,
    protocol: z.literal('pelco-d'),
    path: SerialPath,
    baudRate: BaudRate.default(2400),
    address: z
      .number()
      .int()
      .min(1, 'Pelco-D address must be 1–255')
      .max(255, 'Pelco-D address must be 1–255')
      .default(1),
  })
  .strict();

/** Pelco-P on RS-485: receiver address 1–256 as printed on the dome (sent zero-based); 4800 bps 8N1. */
export const PelcoPConfig = z
  .object({
    ...DeviceBase,
    ...Tuning,
    protocol: z.literal('pelco-p'),
    path: SerialPath,
    baudRate: BaudRate.default(4800),
    address: z
      .number()
      .int()
      .min(1, 'Pelco-P address must be 1–256')
      .max(256, 'Pelco-P address must be 1–256')
      .default(1),
  })
  .strict();

/**
 * A device's configuration as the operator enters it (without the id). A discriminated union on
 * `protocol`: later protocols add members here and nowhere else in the contract.
 */
export const DeviceConfigInput = z.discriminatedUnion('protocol', [
  ViscaIpConfig,
  ViscaTcpConfig,
  ViscaUdpConfig,
  ViscaSerialConfig,
  PelcoDConfig,
  PelcoPConfig,
]);
export type DeviceConfigInput = z.input<typeof DeviceConfigInput>;

/** What the core adds to the operator's input: the id it issued, and its own flags. */
const CoreFields = z.object({
  id: DeviceId,
  /**
   * Set on the built-in demo cameras: the core re-points them at its embedded simulator on every start,
   * because the simulator's loopback ports are chosen at run time. Not part of the operator's input.
   */
  demo: z.boolean().optional(),
});

/** A stored device configuration: the operator's input plus the core's fields. */
export const DeviceConfig = z.intersection(CoreFields, DeviceConfigInput);
export type DeviceConfig = z.output<typeof DeviceConfigInput> & z.output<typeof CoreFields>;

export type DeviceProtocol = DeviceConfig['protocol'];

/** Where a device is reached: a network endpoint or a serial bus address. */
export type DeviceEndpoint =
  { kind: 'network'; host: string; port: number } | { kind: 'serial'; path: string; address: number };

export function endpointOf(config: DeviceConfigInput): DeviceEndpoint {
  switch (config.protocol) {
    case 'visca-ip':
    case 'visca-tcp':
    case 'visca-udp':
      return { kind: 'network', host: config.host, port: config.port ?? defaultPort(config.protocol) };
    case 'visca-serial':
    case 'pelco-d':
    case 'pelco-p':
      return { kind: 'serial', path: config.path, address: config.address ?? 1 };
  }
}

function defaultPort(protocol: 'visca-ip' | 'visca-tcp' | 'visca-udp'): number {
  return protocol === 'visca-ip' ? 52381 : protocol === 'visca-tcp' ? 5678 : 1259;
}

/**
 * A key that is equal for two configurations that would talk to the same camera: one camera, one entry,
 * or replies would be routed to the wrong device. Serial devices share a bus, so the key is port + address.
 */
export function endpointKey(config: DeviceConfigInput): string {
  const e = endpointOf(config);
  return e.kind === 'network'
    ? `net|${config.protocol}|${e.host.toLowerCase()}|${e.port}`
    : `serial|${e.path}|${e.address}`;
}

/** `192.0.2.10:52381` or `/dev/ttyUSB0 #3`, for lists and messages. */
export function describeEndpoint(config: DeviceConfigInput): string {
  const e = endpointOf(config);
  return e.kind === 'network' ? `${e.host}:${e.port}` : `${e.path} #${e.address}`;
}

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
  /**
   * Set on the built-in demo cameras: the core re-points them at its embedded simulator on every start,
   * because the simulator's loopback ports are chosen at run time.
   */
  demo: z.boolean().optional(),
};

/** Sony VISCA over IP (8-byte header, sequence numbers), UDP 52381 by default. */
export const ViscaIpConfig = z
  .object({
    ...DeviceBase,
    protocol: z.literal('visca-ip'),
    host: Host,
    port: Port.default(52381),
  })
  .strict();

/**
 * A device's configuration as the operator enters it (without the id). A discriminated union on
 * `protocol`: later protocols add members here and nowhere else in the contract.
 */
export const DeviceConfigInput = z.discriminatedUnion('protocol', [ViscaIpConfig]);
export type DeviceConfigInput = z.input<typeof DeviceConfigInput>;

/** A stored device configuration: the operator's input plus the id the core issued. */
export const DeviceConfig = z.intersection(z.object({ id: DeviceId }), DeviceConfigInput);
export type DeviceConfig = z.output<typeof DeviceConfigInput> & { id: DeviceId };

export type DeviceProtocol = DeviceConfig['protocol'];

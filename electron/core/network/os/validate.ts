/** Validation of every value that goes into an OS command, with one plain-English error per bad value. */
import type { z } from 'zod';
import { InterfaceName, Ipv4 } from '../../../../shared/model/network';

/** `schema.parse(value)`, but the error reads `invalid <what> "<value>": <reason>`. */
export function validated<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const reason = r.error.issues.map((i) => i.message).join('; ');
  throw new TypeError(`invalid ${what} "${String(value).slice(0, 80)}": ${reason}`);
}

export const validIface = (v: unknown): string => validated(InterfaceName, v, 'interface name');
export const validIpv4 = (v: unknown): string => validated(Ipv4, v, 'IPv4 address');

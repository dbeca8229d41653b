/** Host names → IPv4 addresses for datagram peers (replies are routed by source address). */
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';

/** The IPv4 address of `host` (returned as is when it already is one); a readable error otherwise. */
export async function resolveIPv4(host: string): Promise<string> {
  if (isIP(host) === 4) return host;
  try {
    return (await lookup(host, { family: 4 })).address;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
    throw new Error(`cannot resolve host name "${host}": ${code}`, { cause: e });
  }
}

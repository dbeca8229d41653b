/**
 * ARP probes with iputils `arping` (Debian package iputils-arping): who answers for an address (two MACs
 * = a duplicate), and RFC 5227 duplicate-address detection before taking an address.
 */
import type { RunCommand } from './run-command';
import { validIface, validIpv4 } from './validate';

/** Every MAC in `Unicast reply from A [MAC]` lines of arping output, distinct, lower-case, in order. */
export function parseArpingReplies(stdout: string): string[] {
  const macs: string[] = [];
  for (const m of stdout.matchAll(/reply from [\d.]+ \[([0-9a-f]{2}(?::[0-9a-f]{2}){5})\]/gi)) {
    const mac = m[1]!.toLowerCase();
    if (!macs.includes(mac)) macs.push(mac);
  }
  return macs;
}

function validate(iface: string, ip: string): { iface: string; ip: string } {
  return { iface: validIface(iface), ip: validIpv4(ip) };
}

function failure(argv: readonly string[], r: { code: number | null; stderr: string }): Error {
  const why = r.stderr.trim();
  if (/Operation not permitted|permission denied/i.test(why)) {
    return new Error(
      `${argv[0]} needs CAP_NET_RAW: run as root or grant it (setcap cap_net_raw+ep $(command -v arping)); ${why}`,
    );
  }
  return new Error(`${argv.join(' ')} failed: ${why || `exit ${String(r.code)}`}`);
}

/**
 * Sends `count` ARP requests for `ip` on `iface` (one per second) and returns every MAC that answered.
 * Two or more = a duplicate address. Exit 1 with no output error = nobody answered.
 */
export async function arpProbe(o: {
  iface: string;
  ip: string;
  count?: number;
  run: RunCommand;
}): Promise<{ macs: string[] }> {
  const { iface, ip } = validate(o.iface, o.ip);
  const count = o.count ?? 2;
  if (!Number.isInteger(count) || count < 1 || count > 10)
    throw new RangeError(`ARP probe count must be 1–10, got ${count}`);
  const argv = ['arping', '-I', iface, '-c', String(count), '-w', String(count + 1), ip];
  const r = await o.run(argv, { timeoutMs: (count + 3) * 1000 });
  const macs = parseArpingReplies(r.stdout);
  // arping exits 1 when no reply came; that is an answer, not a failure. Other codes are failures.
  if (macs.length === 0 && r.code !== 0 && r.code !== 1) throw failure(argv, r);
  if (macs.length === 0 && r.code === 1 && /arping: /.test(r.stderr)) throw failure(argv, r);
  return { macs };
}

/**
 * RFC 5227 duplicate-address detection for `ip` on `iface` (sender 0.0.0.0): `free` when nobody answered.
 */
export async function arpDad(o: {
  iface: string;
  ip: string;
  run: RunCommand;
}): Promise<{ free: boolean; macs: string[] }> {
  const { iface, ip } = validate(o.iface, o.ip);
  const argv = ['arping', '-D', '-I', iface, '-c', '2', '-w', '3', ip];
  const r = await o.run(argv, { timeoutMs: 6000 });
  const macs = parseArpingReplies(r.stdout);
  if (macs.length === 0 && r.code !== 0 && r.code !== 1) throw failure(argv, r);
  if (macs.length === 0 && r.code === 1 && /arping: /.test(r.stderr)) throw failure(argv, r);
  return { free: macs.length === 0, macs };
}

/**
 * The PC's neighbour (ARP) table, as `ip -j neigh show dev <if>` prints it: which on-link hosts answered
 * ARP, and their MACs. The sweep reads it after one datagram per host so absent hosts cost nothing.
 */

/** One neighbour entry. */
export interface Neighbour {
  ip: string;
  /** Null while resolution is incomplete or after it failed. */
  mac: string | null;
  /** NUD states, upper case (`REACHABLE`, `STALE`, `DELAY`, `PROBE`, `INCOMPLETE`, `FAILED`, `PERMANENT`…). */
  states: string[];
}

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;
const MAC = /^([0-9a-f]{2}:){5}[0-9a-f]{2}$/;

/**
 * Parses `ip -j neigh` output; IPv6 and malformed entries are skipped. Throws an Error naming the command
 * when the text is not a JSON array (an `ip` too old for `-j`).
 */
export function parseNeighbours(json: string): Neighbour[] {
  let data: unknown;
  try {
    data = JSON.parse(json.trim() === '' ? '[]' : json);
  } catch {
    throw new Error(`ip -j neigh: output is not JSON (iproute2 too old?): ${json.slice(0, 80)}`);
  }
  if (!Array.isArray(data)) throw new Error('ip -j neigh: expected a JSON array');
  const out: Neighbour[] = [];
  for (const e of data as Array<Record<string, unknown>>) {
    const ip = e?.dst;
    if (typeof ip !== 'string' || !IPV4.test(ip)) continue;
    const lladdr = typeof e.lladdr === 'string' ? e.lladdr.toLowerCase() : null;
    const states = Array.isArray(e.state) ? e.state.filter((s): s is string => typeof s === 'string') : [];
    out.push({ ip, mac: lladdr && MAC.test(lladdr) ? lladdr : null, states: states.map((s) => s.toUpperCase()) });
  }
  return out;
}

/** True when the entry shows a host that answered ARP (it has a MAC and resolution did not fail). */
export function isResolved(n: Neighbour): boolean {
  return n.mac !== null && !n.states.includes('FAILED') && !n.states.includes('INCOMPLETE');
}

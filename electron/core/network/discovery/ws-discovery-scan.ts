/**
 * ONVIF WS-Discovery: one Probe multicast to 239.255.255.250:3702 out of each chosen interface (socket
 * bound to that interface's address, multicast interface set to it), ProbeMatches collected for
 * `listenMs`. Each match becomes a finding with its XAddrs, address, and the name/hardware scopes.
 */
import { randomUUID } from 'node:crypto';
import dgram from 'node:dgram';
import {
  WS_DISCOVERY_ADDRESS,
  WS_DISCOVERY_PORT,
  buildProbe,
  parseProbeMatches,
  type ProbeMatch,
} from '../../devices/protocols/ws-discovery';
import type { Logger } from '../../logger';
import { emptyFinding, type Finding, type MethodContext } from './findings';

export interface WsDiscoveryOptions {
  /** Interfaces to probe on, each with the IPv4 address to send from. */
  interfaces: ReadonlyArray<{ name: string; address: string }>;
  /** How long to collect answers, ms (default 1500: devices wait up to APP_MAX_DELAY = 500 ms). */
  listenMs?: number;
  /** A second Probe after this long, ms (UDP may drop the first; default 600). 0 = only one. */
  repeatAfterMs?: number;
  log?: Logger;
}

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/** `onvif://www.onvif.org/name/PTZ%20Cam` → `PTZ Cam` for the scope kind `name` or `hardware`. */
export function scopeValue(scopes: readonly string[], kind: 'name' | 'hardware'): string | null {
  const prefix = `onvif://www.onvif.org/${kind}/`;
  const s = scopes.find((x) => x.toLowerCase().startsWith(prefix));
  if (!s) return null;
  try {
    return decodeURIComponent(s.slice(prefix.length)).slice(0, 120) || null;
  } catch {
    return s.slice(prefix.length).slice(0, 120) || null;
  }
}

/** The IPv4 host of the first XAddr that has one, else `fallback` (the datagram's source). */
export function hostOfXAddrs(xaddrs: readonly string[], fallback: string): string {
  for (const x of xaddrs) {
    try {
      const host = new URL(x).hostname;
      if (IPV4.test(host)) return host;
    } catch {
      // Not a URL: try the next one.
    }
  }
  return fallback;
}

/** A finding from one ProbeMatch received on `iface` from `source`. */
export function findingOfMatch(match: ProbeMatch, iface: string, source: string): Finding {
  return {
    ...emptyFinding('ws-discovery'),
    ip: hostOfXAddrs(match.xaddrs, source),
    interface: iface,
    name: scopeValue(match.scopes, 'name'),
    model: scopeValue(match.scopes, 'hardware'),
    onvifXAddrs: match.xaddrs.slice(0, 8),
    proof: true,
  };
}

/** Probes every interface in parallel; resolves after `listenMs` or on abort. */
export async function runWsDiscovery(options: WsDiscoveryOptions, ctx: MethodContext): Promise<void> {
  // Devices answer within APP_MAX_DELAY (500 ms) of a probe; with the repeat at 600 ms the last answer is
  // due by 1.1 s, so 1.5 s listens through both rounds with room to spare.
  const listenMs = options.listenMs ?? 1500;
  const total = options.interfaces.length;
  let done = 0;
  ctx.progress(0, total);
  await Promise.all(
    options.interfaces.map(async (iface) => {
      try {
        await probeOn(iface, listenMs, options.repeatAfterMs ?? 600, ctx, options.log);
      } catch (e) {
        ctx.note(`${iface.name}: ${e instanceof Error ? e.message : String(e)}`);
      } finally {
        ctx.progress(++done, total);
      }
    }),
  );
}

function probeOn(
  iface: { name: string; address: string },
  listenMs: number,
  repeatAfterMs: number,
  ctx: MethodContext,
  log?: Logger,
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (ctx.signal.aborted) return resolve();
    const messageId = `urn:uuid:${randomUUID()}`;
    const probe = Buffer.from(buildProbe(messageId), 'utf8');
    const socket = dgram.createSocket({ type: 'udp4' });
    const seen = new Set<string>();
    const timers: NodeJS.Timeout[] = [];
    let finished = false;
    const finish = (error?: Error) => {
      if (finished) return;
      finished = true;
      for (const t of timers) clearTimeout(t);
      ctx.signal.removeEventListener('abort', onAbort);
      socket.close();
      if (error) reject(error);
      else resolve();
    };
    const onAbort = () => finish();
    ctx.signal.addEventListener('abort', onAbort);
    socket.on('error', (e) => finish(new Error(`WS-Discovery socket: ${e.message}`)));
    socket.on('message', (msg, rinfo) => {
      let parsed: ReturnType<typeof parseProbeMatches>;
      try {
        parsed = parseProbeMatches(msg.toString('utf8'));
      } catch (e) {
        // Our own Probe looped back, or another client's traffic: not an answer.
        log?.debug(`ws-discovery: ignored datagram from ${rinfo.address}: ${(e as Error).message}`);
        return;
      }
      if (parsed.relatesTo !== null && parsed.relatesTo !== messageId) return;
      for (const m of parsed.matches) {
        const key = `${m.address}|${rinfo.address}`;
        if (seen.has(key)) continue;
        seen.add(key);
        ctx.found(findingOfMatch(m, iface.name, rinfo.address));
      }
    });
    const send = () => {
      if (finished) return;
      socket.send(probe, WS_DISCOVERY_PORT, WS_DISCOVERY_ADDRESS, (e) => {
        if (e) finish(new Error(`cannot send the Probe on ${iface.name} (${iface.address}): ${e.message}`));
      });
    };
    socket.bind(0, iface.address, () => {
      try {
        socket.setMulticastInterface(iface.address);
        socket.setMulticastTTL(1);
        socket.setMulticastLoopback(false);
      } catch (e) {
        return finish(new Error(`cannot use ${iface.name} (${iface.address}) for multicast: ${(e as Error).message}`));
      }
      send();
      if (repeatAfterMs > 0 && repeatAfterMs < listenMs) timers.push(setTimeout(send, repeatAfterMs));
      timers.push(setTimeout(() => finish(), listenMs));
    });
  });
}

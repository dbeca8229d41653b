/**
 * The subnet sweep: every host of the chosen subnets × the chosen ports. UDP 52381 and 1259 get a real
 * VISCA inquiry; TCP ports a connect (5678 also a raw VISCA inquiry). On-link hosts first get a
 * neighbour-table pre-pass: the UDP probes (or one datagram) go to every host at once, the kernel ARPs
 * for them, and `ip -j neigh` then says which hosts exist and their MACs — absent hosts cost nothing and
 * results merge by MAC. Without `ip` (or off-link) every host is probed with a timeout instead.
 */
import dgram from 'node:dgram';
import net from 'node:net';
import { InterfaceName } from '../../../../shared/model/network';
import type { ControlEndpoint } from '../../../../shared/model/network';
import { hostsOf } from '../../../../shared/net/ipv4';
import type { Logger } from '../../logger';
import type { RunCommand } from '../os/run-command';
import { emptyFinding, type Finding, type MethodContext } from './findings';
import { readArpCache } from '../os/arp-cache';
import { isResolved, parseNeighbours, type Neighbour } from './neighbours';
import { AsyncQueue, runPool } from './probe-pool';
import {
  probeKindOf,
  rawVersionInquiry,
  readRawViscaStream,
  readViscaIpDatagram,
  viscaIpVersionInquiry,
  type ViscaAnswer,
} from './sweep-probes';

/** Reads the neighbour table of one interface. */
export type ReadNeighbours = (iface: string, signal: AbortSignal) => Promise<Neighbour[]>;

/**
 * `ip -j neigh show dev <iface>` through `run` (interface name validated first); on Windows and macOS the
 * ARP cache (`arp -a` / `arp -an`) instead.
 */
export function neighbourReader(run: RunCommand, platform: NodeJS.Platform = process.platform): ReadNeighbours {
  if (platform === 'win32' || platform === 'darwin')
    return (iface, signal) => readArpCache(run, platform, iface, signal);
  return async (iface, signal) => {
    const dev = InterfaceName.parse(iface);
    const r = await run(['ip', '-j', 'neigh', 'show', 'dev', dev], { timeoutMs: 3000, signal });
    if (r.code !== 0) throw new Error(`ip -j neigh show dev ${dev} failed: ${r.stderr.trim() || `exit ${r.code}`}`);
    return parseNeighbours(r.stdout);
  };
}

export interface SweepTarget {
  /** Subnet to sweep, `198.51.100.0/24`. */
  cidr: string;
}

export interface SweepOptions {
  subnets: readonly string[];
  ports: readonly number[];
  /** host → the PC interface it is on-link through (null/absent: off-link, no pre-pass). */
  onLinkInterface: (host: string) => string | null;
  /** Addresses never probed (the PC's own). */
  exclude?: ReadonlySet<string>;
  /** Most probes in flight, default 256. */
  concurrency?: number;
  /** How long one probe waits for a connect or an answer, ms (default 700). */
  timeoutMs?: number;
  /** How long the pre-pass waits for ARP to resolve hosts, ms (default 800: hosts answer ARP in milliseconds). */
  arpWaitMs?: number;
  /** Interval between neighbour-table reads in the pre-pass, ms (default 100). */
  pollMs?: number;
  /** Hosts cap per subnet (default 4096). */
  hostCap?: number;
  readNeighbours?: ReadNeighbours | null;
  log?: Logger;
}

/** What the sweep learned about one host. */
interface HostRecord {
  ip: string;
  iface: string | null;
  mac: string | null;
  open: Set<number>;
  answered: Map<number, ViscaAnswer>;
}

/** Ports whose probe is a datagram. */
const isUdp = (port: number) => {
  const k = probeKindOf(port);
  return k === 'visca-ip' || k === 'visca-udp';
};

/** UDP port for an ARP-triggering datagram when no UDP port is swept (discard; nobody needs to answer). */
const TRIGGER_PORT = 9;

/** Hosts per pre-pass round. */
const PREPASS_CHUNK = 256;

/**
 * Runs the sweep; findings are reported per host as they change (only hosts with an open port or an
 * answer). Resolves with the neighbour MACs it learned (ip → MAC).
 */
export async function runSweep(options: SweepOptions, ctx: MethodContext): Promise<Map<string, string>> {
  const timeoutMs = options.timeoutMs ?? 700;
  const concurrency = options.concurrency ?? 256;
  const ports = [...new Set(options.ports)];
  const udpPorts = ports.filter(isUdp);
  const tcpPorts = ports.filter((p) => !isUdp(p));
  const hosts = [...new Set(options.subnets.flatMap((c) => hostsOf(c, options.hostCap ?? 4096)))].filter(
    (h) => !options.exclude?.has(h),
  );
  const total = hosts.length * ports.length;
  let done = 0;
  const tick = (n = 1) => {
    done += n;
    ctx.progress(done, total);
  };
  ctx.progress(0, total);

  const records = new Map<string, HostRecord>();
  const neighbourMacs = new Map<string, string>();
  const record = (ip: string): HostRecord => {
    let r = records.get(ip);
    if (!r) {
      r = {
        ip,
        iface: options.onLinkInterface(ip),
        mac: neighbourMacs.get(ip) ?? null,
        open: new Set(),
        answered: new Map(),
      };
      records.set(ip, r);
    }
    return r;
  };
  const report = (r: HostRecord) => ctx.found(findingOf(r));

  // --- UDP: one socket for every datagram probe; answers routed by source address and port.
  const udpWaiters = new Map<string, () => void>(); // `${ip}:${port}` → marks that probe answered
  const socket = dgram.createSocket({ type: 'udp4' });
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(0, () => {
      socket.off('error', reject);
      resolve();
    });
  });
  socket.on('error', (e) => options.log?.debug(`sweep: UDP socket: ${e.message}`));
  socket.on('message', (msg, rinfo) => {
    const bytes = new Uint8Array(msg);
    // Sony cameras answer from 52381; raw VISCA from 1259. Other source ports: try both readings.
    const answer =
      rinfo.port === 52381
        ? readViscaIpDatagram(bytes)
        : rinfo.port === 1259
          ? readRawViscaStream(bytes)
          : (readViscaIpDatagram(bytes) ?? readRawViscaStream(bytes));
    if (!answer) return;
    udpAnswered(
      rinfo.address,
      rinfo.port === 1259 || rinfo.port === 52381 ? rinfo.port : (udpPorts[0] ?? rinfo.port),
      answer,
    );
  });
  const probeBytes = (port: number) =>
    port === 52381 ? viscaIpVersionInquiry() : port === 1259 ? rawVersionInquiry() : new Uint8Array(1);
  /** One datagram from the shared socket (the pre-pass): errors (no route, ARP failed) mean "no answer". */
  const sendUdp = (ip: string, port: number) =>
    new Promise<void>((resolve) => socket.send(probeBytes(port), port, ip, () => resolve()));

  /** Records a UDP answer of `ip:port` (from either socket) and ends that probe's wait. */
  function udpAnswered(ip: string, port: number, answer: ViscaAnswer): void {
    const r = record(ip);
    if (!r.answered.has(port)) {
      r.answered.set(port, answer);
      r.open.add(port);
      report(r);
    }
    udpWaiters.get(`${ip}:${port}`)?.();
  }

  /**
   * Probes `ip:port` over its own connected socket: it ends at the answer, at the ICMP port-unreachable
   * (a connected socket reports it as ECONNREFUSED, so a closed port costs one round trip, not a
   * timeout), or after `timeoutMs`. An answer to the pre-pass datagram on the shared socket also ends it.
   */
  const probeUdp = (ip: string, port: number) =>
    new Promise<void>((resolve) => {
      const key = `${ip}:${port}`;
      if (records.get(ip)?.answered.has(port) || ctx.signal.aborted) {
        tick();
        return resolve();
      }
      const s = dgram.createSocket({ type: 'udp4' });
      let finished = false;
      const finish = () => {
        if (finished) return;
        finished = true;
        clearTimeout(timer);
        udpWaiters.delete(key);
        ctx.signal.removeEventListener('abort', finish);
        try {
          s.close();
        } catch {
          // already closed
        }
        tick();
        resolve();
      };
      const timer = setTimeout(finish, timeoutMs);
      udpWaiters.set(key, finish);
      ctx.signal.addEventListener('abort', finish, { once: true });
      s.on('error', finish); // ECONNREFUSED (port closed), EHOSTUNREACH …
      s.on('message', (msg) => {
        const bytes = new Uint8Array(msg);
        const answer = port === 1259 ? readRawViscaStream(bytes) : readViscaIpDatagram(bytes);
        if (answer) udpAnswered(ip, port, answer);
      });
      s.connect(port, ip, () => {
        if (!finished) s.send(probeBytes(port), (e) => e && finish());
      });
    });

  const probeTcp = async (ip: string, port: number) => {
    try {
      const result = await tcpProbe(ip, port, timeoutMs, ctx.signal);
      if (result.open) {
        const r = record(ip);
        r.open.add(port);
        if (result.answer) r.answered.set(port, result.answer);
        report(r);
      }
    } finally {
      tick();
    }
  };

  /** Every probe of one host that exists (or may exist). */
  const probeHost = async (ip: string) => {
    if (ctx.signal.aborted) return;
    await Promise.all([...udpPorts.map((p) => probeUdp(ip, p)), ...tcpPorts.map((p) => probeTcp(ip, p))]);
  };

  try {
    // --- Split hosts: on-link through an interface (pre-pass) or not.
    const byIface = new Map<string, string[]>();
    const direct: string[] = [];
    for (const h of hosts) {
      const iface = options.readNeighbours ? options.onLinkInterface(h) : null;
      if (iface) (byIface.get(iface) ?? byIface.set(iface, []).get(iface)!).push(h);
      else direct.push(h);
    }

    const queue = new AsyncQueue<string>();
    const started = new Set<string>();
    for (const h of direct) queue.push(h);
    const prepasses = [...byIface].map(([iface, list]) =>
      prePass(iface, list).catch((e: unknown) => {
        // No `ip`, or it failed: probe every host of this interface the slow way.
        const why = e instanceof Error ? e.message : String(e);
        ctx.note(`neighbour table unavailable on ${iface} (${why}); probing every host`);
        options.log?.warn(`sweep: ${why}; probing every host of ${iface}`);
        for (const h of list) if (!started.has(h)) queue.push(h);
      }),
    );
    void Promise.all(prepasses).finally(() => queue.end());
    if (prepasses.length === 0) queue.end();

    /** Pre-pass in chunks, so the kernel's neighbour table (gc_thresh3, 1024 by default) never overflows. */
    async function prePass(iface: string, list: string[]): Promise<void> {
      for (let i = 0; i < list.length && !ctx.signal.aborted; i += PREPASS_CHUNK) {
        await prePassChunk(iface, list.slice(i, i + PREPASS_CHUNK));
      }
    }

    async function prePassChunk(iface: string, list: string[]): Promise<void> {
      const pending = new Set(list);
      // One datagram per host (the first UDP probe, or a byte to the discard port): the kernel resolves each
      // address by ARP and sends when it can. Only one, so a camera's ICMP rate limit is not spent on it.
      const first = udpPorts[0] ?? TRIGGER_PORT;
      for (const h of list) {
        if (ctx.signal.aborted) return;
        await sendUdp(h, first);
      }
      const deadline = performance.now() + (options.arpWaitMs ?? 800);
      while (pending.size > 0 && !ctx.signal.aborted) {
        const table = await options.readNeighbours!(iface, ctx.signal);
        for (const n of table) {
          if (!pending.has(n.ip)) continue;
          if (isResolved(n)) {
            pending.delete(n.ip);
            neighbourMacs.set(n.ip, n.mac!);
            const r = records.get(n.ip);
            if (r && !r.mac) {
              // Its answer beat the table read: report it again, now with its MAC.
              r.mac = n.mac;
              report(r);
            }
            started.add(n.ip);
            queue.push(n.ip);
          } else if (n.states.includes('FAILED')) {
            pending.delete(n.ip);
            tick(ports.length);
          }
        }
        if (performance.now() >= deadline) break;
        // Entries may not exist yet right after the burst (kernel still sending): keep polling.
        await sleep(options.pollMs ?? 100, ctx.signal);
      }
      // Still unresolved after the window: nobody there (ARP would have answered within milliseconds).
      tick(pending.size * ports.length);
      pending.clear();
    }

    await runPool(queue, concurrency, probeHost, {
      signal: ctx.signal,
      onError: (e, ip) => options.log?.debug(`sweep: ${ip}: ${String(e)}`),
    });
    await Promise.all(prepasses);
  } finally {
    socket.close();
  }
  return neighbourMacs;
}

/** A finding for one host: proof only when a VISCA answer came back. */
function findingOf(r: HostRecord): Finding {
  const endpoints: ControlEndpoint[] = [];
  if (r.answered.has(52381)) endpoints.push({ protocol: 'visca-ip', host: r.ip, port: 52381 });
  if (r.open.has(5678)) endpoints.push({ protocol: 'visca-tcp', host: r.ip, port: 5678 });
  if (r.answered.has(1259)) endpoints.push({ protocol: 'visca-udp', host: r.ip, port: 1259 });
  const model = [...r.answered.values()].map((a) => a.model).find((m) => m !== null) ?? null;
  return {
    ...emptyFinding('sweep'),
    ip: r.ip,
    mac: r.mac,
    interface: r.iface,
    model,
    openPorts: [...r.open].sort((a, b) => a - b),
    endpoints,
    proof: r.answered.size > 0,
  };
}

/** Connects to `ip:port`; for VISCA TCP (5678) asks the version and waits for a reply within the timeout. */
export function tcpProbe(
  ip: string,
  port: number,
  timeoutMs: number,
  signal: AbortSignal,
): Promise<{ open: boolean; answer: ViscaAnswer | null }> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve({ open: false, answer: null });
    const sock = net.connect({ host: ip, port });
    let open = false;
    let settled = false;
    const finish = (answer: ViscaAnswer | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      sock.destroy();
      resolve({ open, answer });
    };
    const onAbort = () => finish(null);
    const timer = setTimeout(() => finish(null), timeoutMs);
    signal.addEventListener('abort', onAbort, { once: true });
    sock.on('error', () => finish(null));
    sock.on('close', () => finish(null));
    sock.on('connect', () => {
      open = true;
      if (probeKindOf(port) !== 'visca-tcp') return finish(null);
      const chunks: Uint8Array[] = [];
      sock.on('data', (d: Buffer) => {
        chunks.push(new Uint8Array(d));
        const answer = readRawViscaStream(Buffer.concat(chunks));
        if (answer) finish(answer);
      });
      sock.write(rawVersionInquiry());
    });
  });
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

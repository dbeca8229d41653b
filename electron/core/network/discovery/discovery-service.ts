/**
 * The `discovery` service: one scan at a time (a new start cancels the running one); the chosen methods
 * run in parallel with live progress; one AbortSignal reaches every probe; cameras are merged as findings
 * arrive; on-link camera addresses get one ARP check each (duplicates); the state is published at most
 * 10 times a second, and the final state always.
 */
import { randomUUID } from 'node:crypto';
import type { PtzHandlers } from '../../../../shared/ipc/contract';
import {
  IDLE_DISCOVERY,
  type DiscoveryMethod,
  type DiscoveryRequest,
  type DiscoveryState,
  type MethodProgress,
  type NetInterface,
} from '../../../../shared/model/network';
import { listSerialPorts, openSerialPort } from '../../devices/transports/serial-port';
import type { OpenSerialPort } from '../../devices/transports/transport';
import type { Logger } from '../../logger';
import { pcAddresses, pcAddressFor } from '../conflicts';
import type { StatefulService } from '../feature-types';
import type { NetworkService } from '../network-service';
import type { NetworkOs } from '../os/network-os';
import type { Finding, MethodContext } from './findings';
import { scanIpSetup } from './ip-setup-client';
import { runIpSetupScan, type ScanIpSetup } from './ip-setup-scan';
import { mergeFindings } from './merge';
import { AsyncQueue, runPool } from './probe-pool';
import { runSerialProbe, type SerialProbeOptions } from './serial-probe';
import { neighbourReader, runSweep, type SweepOptions } from './sweep';
import { runWsDiscovery } from './ws-discovery-scan';
import { chooseInterfaces, sweepSubnets } from './scan-scope';

/** Minimum time between two published states, ms (≤ 10 per second). */
export const PUBLISH_INTERVAL_MS = 100;

export interface DiscoveryTuning {
  sweep?: Pick<SweepOptions, 'concurrency' | 'timeoutMs' | 'arpWaitMs' | 'pollMs'>;
  wsListenMs?: number;
  ipSetupTimeoutMs?: number;
  serial?: Pick<SerialProbeOptions, 'bauds' | 'replyTimeoutMs' | 'pelcoAddresses'>;
  /** ARP-check every on-link camera address for duplicates (default true). */
  arpCheck?: boolean;
}

export interface DiscoveryServiceDeps {
  network: NetworkService;
  log: Logger;
  /** Default: the network service's. */
  os?: NetworkOs;
  /** Serial port listing and opening (default: the real ports). */
  serial?: { list(): Promise<string[]>; open: OpenSerialPort };
  scanIpSetup?: ScanIpSetup;
  tuning?: DiscoveryTuning;
  newId?: () => string;
  now?: () => number;
}

export type DiscoveryService = StatefulService<PtzHandlers['discovery'], DiscoveryState>;

const realSerial = {
  list: async () => (await listSerialPorts()).map((p) => p.path),
  open: openSerialPort,
};

/** One finding per device and method: a later report of the same device replaces the earlier one. */
function findingKey(f: Finding): string {
  const serial = f.endpoints.find((e) => 'path' in e);
  switch (f.method) {
    case 'ip-setup':
      return `ip-setup|${f.mac}`;
    case 'sweep':
      return `sweep|${f.ip}`;
    case 'ws-discovery':
      return `ws-discovery|${f.ip}|${f.onvifXAddrs[0] ?? ''}`;
    case 'serial':
      return `serial|${serial && 'path' in serial ? `${serial.path}#${serial.address}` : ''}`;
  }
}

export function createDiscoveryService(deps: DiscoveryServiceDeps): DiscoveryService {
  const os = deps.os ?? deps.network.os;
  const serial = deps.serial ?? realSerial;
  const scan = deps.scanIpSetup ?? scanIpSetup;
  const tuning = deps.tuning ?? {};
  const newId = deps.newId ?? (() => randomUUID().slice(0, 8));
  const now = deps.now ?? Date.now;
  const listeners = new Set<(s: DiscoveryState) => void>();
  let state: DiscoveryState = IDLE_DISCOVERY;
  let running: { id: string; abort: AbortController; done: Promise<void> } | null = null;
  let publishTimer: NodeJS.Timeout | null = null;
  let lastPublish = 0;

  /** Builds the pending state (the merge runs here, at most once per published state, not per finding). */
  let materialize: (() => void) | null = null;
  const flush = () => {
    const m = materialize;
    materialize = null;
    m?.();
  };
  const emit = () => {
    flush();
    lastPublish = performance.now();
    for (const l of listeners) l(state);
  };
  /** Throttled: at most one state per PUBLISH_INTERVAL_MS; the latest state always goes out. */
  const publishSoon = () => {
    if (publishTimer) return;
    const wait = Math.max(0, lastPublish + PUBLISH_INTERVAL_MS - performance.now());
    publishTimer = setTimeout(() => {
      publishTimer = null;
      emit();
    }, wait);
  };
  const publishNow = () => {
    if (publishTimer) clearTimeout(publishTimer);
    publishTimer = null;
    emit();
  };

  async function runScan(
    id: string,
    request: DiscoveryRequest,
    abort: AbortController,
    pcInterfaces: NetInterface[],
  ): Promise<void> {
    const signal = abort.signal;
    const findings = new Map<string, Finding>();
    const arpMacs = new Map<string, string[]>();
    const arpChecked = new Set<string>();
    let neighbourMacs = new Map<string, string>();
    const interfaces = pcInterfaces;
    const methods = new Map<DiscoveryMethod, MethodProgress>(
      request.methods.map((m) => [m, { method: m, state: 'pending', done: 0, total: 0, detail: null }]),
    );
    const isCurrent = () => running?.id === id;
    const update = (patch: Partial<DiscoveryState>, final = false) => {
      if (!isCurrent() && !final) return;
      state = { ...state, ...patch };
      materialize = () => {
        state = {
          ...state,
          methods: [...methods.values()].map((m) => ({ ...m })),
          cameras: mergeFindings({ findings: [...findings.values()], interfaces, arpMacs, neighbourMacs }),
        };
      };
      if (final) publishNow();
      else publishSoon();
    };
    const setMethod = (m: DiscoveryMethod, patch: Partial<MethodProgress>) => {
      methods.set(m, { ...methods.get(m)!, ...patch });
      update({});
    };

    // ARP duplicate checks: one per on-link camera address, as cameras appear.
    const arpQueue = new AsyncQueue<{ iface: string; ip: string }>();
    let arpNote: string | null = null;
    const arpWorkers =
      tuning.arpCheck === false
        ? Promise.resolve()
        : runPool(
            arpQueue,
            64,
            async ({ iface, ip }) => {
              try {
                const { macs } = await os.arpProbe(iface, ip, 2);
                if (macs.length > 0) {
                  arpMacs.set(ip, macs);
                  update({});
                }
              } catch (e) {
                const why = e instanceof Error ? e.message : String(e);
                if (arpNote === null) {
                  arpNote = `duplicate-address (ARP) check skipped: ${why}`;
                  deps.log.warn(`discovery: ${arpNote}`);
                }
              }
            },
            { signal },
          );
    const queueArp = (f: Finding) => {
      if (!f.proof || !f.ip || arpChecked.has(f.ip)) return;
      const via = pcAddressFor(f.ip, interfaces);
      if (!via || via.address === f.ip) return;
      arpChecked.add(f.ip);
      arpQueue.push({ iface: via.interface, ip: f.ip });
    };

    const contextFor = (m: DiscoveryMethod): MethodContext => ({
      signal,
      found(f) {
        findings.set(findingKey(f), f);
        queueArp(f);
        update({});
      },
      progress(done, total) {
        setMethod(m, { done, total });
      },
      note(detail) {
        setMethod(m, { detail });
      },
    });

    try {
      const chosen = chooseInterfaces(interfaces, request.interfaces);
      const ifaceAddrs = chosen.flatMap((i) =>
        i.addresses.map((a) => ({ name: i.name, address: a.address, prefix: a.prefix })),
      );
      const own = new Set(pcAddresses(interfaces).map((a) => a.address));

      const runners: Record<DiscoveryMethod, () => Promise<unknown>> = {
        'ip-setup': () =>
          runIpSetupScan(
            {
              interfaces: ifaceAddrs,
              scan,
              ...(tuning.ipSetupTimeoutMs !== undefined ? { timeoutMs: tuning.ipSetupTimeoutMs } : {}),
            },
            contextFor('ip-setup'),
          ),
        sweep: async () => {
          const subnets = sweepSubnets(request.subnets, chosen);
          const chosenNames = new Set(chosen.map((i) => i.name));
          neighbourMacs = await runSweep(
            {
              subnets,
              ports: request.ports,
              exclude: own,
              onLinkInterface: (host) => {
                const via = pcAddressFor(host, interfaces);
                return via && chosenNames.has(via.interface) ? via.interface : null;
              },
              readNeighbours: neighbourReader(os.run),
              log: deps.log,
              ...tuning.sweep,
            },
            contextFor('sweep'),
          );
        },
        'ws-discovery': () =>
          runWsDiscovery(
            {
              // One probe per interface, from its first address.
              interfaces: chosen.map((i) => ({ name: i.name, address: i.addresses[0]!.address })),
              log: deps.log,
              ...(tuning.wsListenMs !== undefined ? { listenMs: tuning.wsListenMs } : {}),
            },
            contextFor('ws-discovery'),
          ),
        serial: async () => {
          const ports = request.serialPorts.length > 0 ? request.serialPorts : await serial.list();
          await runSerialProbe(
            { ports, owned: deps.network.serialPortsInUse(), open: serial.open, ...tuning.serial },
            contextFor('serial'),
          );
        },
      };

      update({});
      const results = await Promise.all(
        request.methods.map(async (m) => {
          setMethod(m, { state: 'running' });
          const t0 = performance.now();
          try {
            await runners[m]();
            setMethod(m, { state: signal.aborted ? 'cancelled' : 'done' });
            deps.log.info(`discovery: ${m} ${methods.get(m)!.state} in ${Math.round(performance.now() - t0)} ms`);
            return true;
          } catch (e) {
            const why = e instanceof Error ? e.message : String(e);
            deps.log.warn(`discovery: ${m} failed: ${why}`);
            setMethod(m, { state: signal.aborted ? 'cancelled' : 'failed', detail: why });
            return signal.aborted;
          }
        }),
      );
      arpQueue.end();
      await arpWorkers;
      if (arpNote) {
        const target = methods.has('sweep') ? 'sweep' : methods.has('ip-setup') ? 'ip-setup' : null;
        if (target) {
          const m = methods.get(target)!;
          methods.set(target, { ...m, detail: m.detail ? `${m.detail}; ${arpNote}` : arpNote });
        }
      }
      const allFailed = results.every((ok) => !ok);
      update(
        {
          state: signal.aborted ? 'cancelled' : allFailed ? 'failed' : 'done',
          finishedAt: now(),
          error: allFailed && !signal.aborted ? 'every method failed (see each method for why)' : null,
        },
        true,
      );
    } catch (e) {
      arpQueue.end();
      await arpWorkers;
      for (const [m, p] of methods)
        if (p.state === 'pending' || p.state === 'running') methods.set(m, { ...p, state: 'failed' });
      update({ state: 'failed', finishedAt: now(), error: e instanceof Error ? e.message : String(e) }, true);
      throw e;
    }
  }

  const cancelRunning = async () => {
    const r = running;
    if (!r) return;
    r.abort.abort();
    await r.done.catch(() => undefined);
  };

  return {
    handlers: {
      async start(_ctx, request) {
        const previous = running;
        previous?.abort.abort();
        const id = newId();
        const abort = new AbortController();
        // Checked before the scan starts, so a bad request is an error of `start` itself.
        const interfaces = await deps.network.interfaces();
        const chosen = chooseInterfaces(interfaces, request.interfaces);
        if (request.methods.includes('sweep')) sweepSubnets(request.subnets, chosen);
        await previous?.done.catch(() => undefined);
        materialize = null;
        state = {
          scanId: id,
          state: 'running',
          startedAt: now(),
          finishedAt: null,
          methods: [],
          cameras: [],
          error: null,
        };
        const entry = { id, abort, done: Promise.resolve() };
        running = entry;
        entry.done = runScan(id, request, abort, interfaces)
          .catch((e: unknown) => deps.log.warn(`discovery: scan ${id} failed: ${String(e)}`))
          .finally(() => {
            if (running === entry) running = null;
          });
        publishNow();
        return { scanId: id };
      },
      async cancel() {
        await cancelRunning();
      },
    },
    subscribe(listener) {
      listeners.add(listener);
      flush();
      listener(state);
      return () => listeners.delete(listener);
    },
    current: () => {
      flush();
      return state;
    },
    async close() {
      await cancelRunning();
      if (publishTimer) clearTimeout(publishTimer);
      publishTimer = null;
      listeners.clear();
    },
  };
}

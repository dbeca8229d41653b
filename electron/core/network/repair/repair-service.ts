/**
 * The `repair` service: one wizard session at a time, every change published as `repairChanged`, every
 * finished repair in the history. At creation it first rolls back any repair a previous run left
 * half-done (the journal), and shows that recovery as a failed, rolled-back session.
 */
import { randomUUID } from 'node:crypto';
import type { PtzHandlers } from '../../../../shared/ipc/contract';
import type { DiscoveredCamera, NetInterface } from '../../../../shared/model/network';
import { RepairStart, type RepairSession } from '../../../../shared/model/repair';
import { IpcError } from '../../../../shared/ipc/ipc-error';
import type { DeviceManager } from '../../devices/device-manager';
import type { Logger } from '../../logger';
import { scanIpSetup, writeIpSetup } from '../discovery/ip-setup-client';
import type { StatefulService } from '../feature-types';
import type { NetworkService } from '../network-service';
import { systemNetworkOs, type NetworkOs } from '../os/network-os';
import { createHelperClient, type NetHelper } from './helper-client';
import { onvifCheck, onvifCheckAuth, onvifSetAddress } from './onvif-network';
import { DEFAULT_TIMINGS, type RepairEffects, type RepairTimings } from './repair-effects';
import { RepairHistory, currentOperator, recordOf } from './repair-history';
import { RepairJournal, recoverJournal } from './repair-journal';
import { isFinished } from './repair-machine';
import { RepairRunner } from './repair-runner';
import { viscaVersionCheck } from './visca-check';

export interface RepairServiceDeps {
  dataDir: string;
  manager: DeviceManager;
  /** Saves settings after a device entry is updated with the camera's new address. */
  persist: () => Promise<void>;
  network: NetworkService;
  log: Logger;
  /** argv prefix that runs the privileged net helper (default: see `defaultHelperCommand`). */
  helperCommand?: readonly string[];
  /** OS access (ARP, ping, interfaces); default the real system. */
  os?: NetworkOs;
  /** The helper client itself (tests); default one built from `helperCommand`. */
  helper?: NetHelper;
  /** Cameras discovery found (for their ONVIF device-service addresses). */
  discovered?: () => readonly DiscoveredCamera[];
  /** Wall clock in ms (tests). */
  clock?: () => number;
  timings?: Partial<RepairTimings>;
  /** Replaces individual effects (tests: no real broadcasts or ARP outside a lab). */
  effects?: Partial<RepairEffects>;
}

export type RepairService = StatefulService<PtzHandlers['repair'], RepairSession | null>;

const IP_SETUP_NAME = /^[A-Za-z0-9 ]{0,8}$/;

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new Error('cancelled by the operator'));
    const t = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(new Error('cancelled by the operator'));
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

function primaryOf(iface: NetInterface): { name: string; address: string; prefix: number } {
  const a = iface.addresses[0];
  if (!a) throw new Error(`interface ${iface.name} has no IPv4 address`);
  return { name: iface.name, address: a.address, prefix: a.prefix };
}

/** Builds the wizard service; first rolls back any repair a previous run left half-done (journal). */
export async function createRepairService(deps: RepairServiceDeps): Promise<RepairService> {
  const os = deps.os ?? systemNetworkOs;
  const helper = deps.helper ?? createHelperClient(deps.helperCommand);
  const journal = new RepairJournal(deps.dataDir);
  const history = new RepairHistory(deps.dataDir);
  const now = deps.clock ?? Date.now;
  const timings: RepairTimings = { ...DEFAULT_TIMINGS, ...deps.timings };
  const listeners = new Set<(s: RepairSession | null) => void>();
  let session: RepairSession | null = null;
  let runner: RepairRunner | null = null;

  const publish = (s: RepairSession | null) => {
    session = s;
    for (const l of listeners) {
      try {
        l(s);
      } catch (e) {
        deps.log.error('repairChanged listener failed', e);
      }
    }
  };

  const readInterfaces = (): Promise<NetInterface[]> =>
    typeof deps.network.interfaces === 'function' ? deps.network.interfaces() : os.listInterfaces();

  const fx: RepairEffects = {
    interfaces: readInterfaces,
    ping: (iface, ip) => os.ping(iface, ip, 2),
    arpProbe: async (iface, ip) => (await os.arpProbe(iface, ip)).macs,
    async arpDad(iface, ip) {
      try {
        return await os.arpDad(iface, ip);
      } catch (e) {
        // arping needs CAP_NET_RAW; without it, the privileged helper probes instead.
        if (!/CAP_NET_RAW|not permitted/i.test(e instanceof Error ? e.message : String(e))) throw e;
        return helper.probe(iface, ip);
      }
    },
    ipSetupScan: async (iface, signal) =>
      (await scanIpSetup({ interfaces: [primaryOf(iface)], signal })).map((c) => ({
        mac: c.mac,
        ip: c.ip,
        mask: c.mask,
        gateway: c.gateway,
        model: c.model,
        name: c.name,
        writable: c.writable,
      })),
    async ipSetupWrite(req, signal) {
      const name = req.name && IP_SETUP_NAME.test(req.name) ? req.name : 'CAM';
      const r = await writeIpSetup({ ...req, iface: primaryOf(req.iface), name, signal });
      if (r.ok) return { ok: true, detail: `ACK from ${req.mac}${r.detail ? ` (${r.detail})` : ''}` };
      if (r.reason === 'nak-after-resend') {
        return {
          ok: false,
          uncertain: true,
          detail: `no answer to the setting, then NAK to its repeat from ${req.mac}${r.detail ? ` (${r.detail})` : ''}: the camera may be applying the first`,
        };
      }
      return {
        ok: false,
        detail:
          r.reason === 'nak'
            ? `NAK from ${req.mac}${r.detail ? `: ${r.detail}` : ''} (the camera may be write-protected, or applying a previous setting: wait 30 s)`
            : (r.detail ?? 'no answer'),
      };
    },
    viscaCheck: (ip, signal) => viscaVersionCheck(ip, { signal }),
    onvifCheck: (xaddr, signal, credentials) =>
      credentials ? onvifCheckAuth(xaddr, { signal, credentials }) : onvifCheck(xaddr, { signal }),
    onvifSetAddress: (xaddr, target, signal, credentials) =>
      onvifSetAddress(xaddr, target, { signal, ...(credentials ? { credentials } : {}) }),
    onvifXAddrs: (ip, mac) =>
      (deps.discovered?.() ?? []).filter((c) => (mac && c.mac === mac) || c.ip === ip).flatMap((c) => c.onvifXAddrs),
    deviceHosts: () => deps.manager.configs().flatMap((c) => ('host' in c ? [c.host] : [])),
    async updateDevice(deviceId, oldIp, newIp) {
      const configs = deps.manager.configs();
      const byHost = configs.filter((c) => 'host' in c && c.host === oldIp);
      const config = deviceId ? configs.find((c) => c.id === deviceId) : byHost.length === 1 ? byHost[0] : undefined;
      if (!config || !('host' in config))
        return deviceId ? `device ${deviceId} has no network address to update` : null;
      await deps.manager.update({ ...config, host: newIp });
      await deps.persist();
      return `device "${config.name}" now uses ${newIp} (was ${config.host})`;
    },
    helper,
    journal,
    history,
    operator: currentOperator,
    now,
    sleep,
    setTimer(ms, fire) {
      const t = setTimeout(fire, ms);
      t.unref(); // never keeps a closing core alive
      return { cancel: () => clearTimeout(t) };
    },
    newId: () => randomUUID(),
    ...deps.effects,
  };

  // Roll back what an interrupted run left on the PC before anything else can start.
  try {
    const recovered = await recoverJournal(journal, helper, deps.log);
    if (recovered) {
      const s = recovered.entry.session;
      const at = s.state.step === 'rolling-back' || s.state.step === 'failed' ? 'alias' : s.state.step;
      const log = [...s.log, ...recovered.log.map((text) => ({ at: now(), step: 'recovery', text }))];
      const error = 'the console stopped during the repair; its temporary address was rolled back at start-up';
      const recoveredSession: RepairSession = {
        ...s,
        log,
        state: { step: 'failed', at, error, rolledBack: recovered.rolledBack, cancelled: false },
      };
      session = recoveredSession;
      if (recovered.rolledBack) {
        const { entry } = recovered;
        const record = recordOf(recoveredSession, {
          outcome: 'failed',
          operator: currentOperator(),
          finishedAt: now(),
          before: { prefix: null, gateway: null },
          pcChanges: [
            `added ${entry.alias.address}/${entry.alias.prefix} on ${entry.iface}`,
            ...(recovered.removed ? ['removed it at start-up (journal recovery)'] : []),
          ],
        });
        await history.append(record);
      }
    }
  } catch (e) {
    deps.log.error(`repair journal recovery: ${e instanceof Error ? e.message : String(e)}`);
  }

  const requireRunner = (): RepairRunner => {
    if (!runner || !session) throw new IpcError('conflict', 'no repair is open; start one first');
    return runner;
  };

  return {
    handlers: {
      async start(_ctx, args) {
        const req = RepairStart.parse(args);
        if (session && !isFinished(session.state)) {
          throw new IpcError('conflict', `a repair of ${session.target.ip} is in progress; finish or cancel it first`);
        }
        const r = new RepairRunner(
          req,
          fx,
          (s) => {
            if (runner === r) publish(s);
          },
          timings,
        );
        runner = r;
        return r.begin();
      },
      editPlan: (_ctx, edit) => requireRunner().editPlan(edit),
      setCredentials: (_ctx, credentials) => requireRunner().setCredentials(credentials),
      proceed: () => requireRunner().proceed(),
      cancel: () => requireRunner().cancel(),
      dismiss() {
        if (session && !isFinished(session.state)) {
          throw new IpcError('conflict', 'the repair is still running; cancel it first');
        }
        runner = null;
        publish(null);
      },
      history: () => history.list(),
    },
    subscribe(listener) {
      listeners.add(listener);
      listener(session);
      return () => listeners.delete(listener);
    },
    current: () => session,
    async close() {
      if (runner && session && !isFinished(session.state)) await runner.cancel();
      await runner?.settled();
      listeners.clear();
    },
  };
}

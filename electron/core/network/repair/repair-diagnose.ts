/**
 * Diagnose and plan: what answers at the camera's address (ARP, ping, Sony IP-setup), which problems it
 * has, and a plan whose addresses were each found free by an ARP duplicate-address probe.
 */
import type { Conflict, NetInterface } from '../../../../shared/model/network';
import type { CheckResult, RepairPlan, RepairStart, RepairTarget } from '../../../../shared/model/repair';
import { inSubnet, maskToPrefix } from '../../../../shared/net/ipv4';
import { conflictsOf } from '../conflicts';
import type { IpSetupCamera, RepairEffects } from './repair-effects';
import {
  DEFAULT_CAMERA_PREFIX,
  aliasCandidates,
  chooseInterface,
  chooseMethod,
  onIfaceSubnet,
  targetCandidates,
} from './repair-planner';

/** What diagnosis learnt, kept by the runner for the later steps. */
export interface Diagnosis {
  iface: NetInterface;
  target: RepairTarget;
  conflicts: Conflict[];
  /** The camera's prefix (IP-setup MASK) or the /24 default. */
  cameraPrefix: number;
  cameraPrefixKnown: boolean;
  cameraGateway: string | null;
  /** IP-setup NAME to keep when readdressing. */
  ipSetupName: string | null;
  /** Verify by IP-setup (MAC) rather than at the IP: the address is shared (duplicate, or the PC's own). */
  verifyByMac: boolean;
  onvifXAddrs: string[];
  /** The camera's IP-setup answer, if it gave one. */
  ipSetup: IpSetupCamera | null;
  checks: CheckResult[];
  log: string[];
}

export class DiagnoseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DiagnoseError';
  }
}

/** Runs the Diagnose step. Throws DiagnoseError with an operator-facing reason. */
export async function diagnose(start: RepairStart, fx: RepairEffects, signal: AbortSignal): Promise<Diagnosis> {
  const interfaces = await fx.interfaces();
  const chosen = chooseInterface(start.ip, interfaces, start.interface ?? null);
  if ('error' in chosen) throw new DiagnoseError(chosen.error);
  const iface = chosen.iface;
  const ip = start.ip;
  const log = [`interface ${iface.name} (${iface.addresses.map((a) => `${a.address}/${a.prefix}`).join(', ')})`];
  const [pinged, arpMacs, setup] = await Promise.all([
    fx.ping(iface.name, ip).catch(() => false),
    fx.arpProbe(iface.name, ip),
    fx.ipSetupScan(iface, signal).catch((e: unknown) => {
      log.push(`IP-setup inquiry failed: ${e instanceof Error ? e.message : String(e)}`);
      return [] as IpSetupCamera[];
    }),
  ]);
  const atIp = setup.filter((c) => c.ip === ip);
  const macs = [...new Set([...arpMacs, ...atIp.map((c) => c.mac)])].sort();
  const checks: CheckResult[] = [
    {
      ok: macs.length > 0,
      detail:
        macs.length === 0
          ? `nothing answers ARP for ${ip}`
          : `${macs.length} device(s) answer for ${ip}: ${macs.join(', ')}`,
    },
    { ok: pinged, detail: pinged ? `${ip} answers ping` : `${ip} does not answer ping from ${iface.name}` },
  ];
  if (macs.length === 0 && !pinged) {
    throw new DiagnoseError(
      `nothing answers at ${ip} on ${iface.name}: check the cable and that the camera is powered`,
    );
  }
  let mac = start.mac ?? null;
  if (mac && macs.length > 0 && !macs.includes(mac)) {
    throw new DiagnoseError(`${mac} does not answer for ${ip} (seen: ${macs.join(', ')})`);
  }
  if (!mac) {
    // With several MACs, readdress one that speaks IP-setup (it can be moved); the first in order.
    mac = atIp.find((c) => c.writable !== false)?.mac ?? macs[0] ?? null;
  }
  const info = setup.find((c) => c.mac === mac) ?? null;
  checks.push(
    info
      ? {
          ok: true,
          detail: `Sony IP-setup: ${info.model ?? 'camera'} ${info.mac}, WRITE:${info.writable === false ? 'off' : info.writable ? 'on' : '?'}`,
        }
      : { ok: false, detail: 'no Sony IP-setup answer from this camera' },
  );
  const cameraPrefix = info?.mask ? (maskToPrefix(info.mask) ?? DEFAULT_CAMERA_PREFIX) : DEFAULT_CAMERA_PREFIX;
  const conflicts = conflictsOf(
    { ip, prefix: info?.mask ? cameraPrefix : null, gateway: info?.gateway ?? null, macs },
    interfaces,
  );
  const onvifXAddrs = fx.onvifXAddrs(ip, mac);
  const sameAsPc = conflicts.some((c) => c.kind === 'same-as-pc');
  return {
    iface,
    target: { ip, mac, interface: iface.name, deviceId: start.deviceId ?? null, model: info?.model ?? null },
    conflicts,
    cameraPrefix,
    cameraPrefixKnown: Boolean(info?.mask),
    cameraGateway: info?.gateway ?? null,
    ipSetupName: info?.name ?? null,
    verifyByMac: macs.length > 1 || sameAsPc,
    onvifXAddrs,
    ipSetup: info,
    checks,
    log: [...log, ...checks.map((c) => c.detail)],
  };
}

async function firstFree(fx: RepairEffects, iface: string, candidates: string[], what: string): Promise<string> {
  const taken: string[] = [];
  for (const ip of candidates) {
    const r = await fx.arpDad(iface, ip);
    if (r.free) return ip;
    taken.push(`${ip} (${r.macs.join(', ')})`);
  }
  throw new DiagnoseError(`no free ${what} found: ${taken.join('; ') || 'no candidates'}`);
}

/** Proposes the plan: a free alias in the camera's subnet (unless the PC already is there), a free target. */
export async function proposePlan(
  d: Diagnosis,
  fx: RepairEffects,
  pcAddresses: string[],
): Promise<{ plan: RepairPlan; checks: CheckResult[] }> {
  const primary = d.iface.addresses[0]!;
  const taken = [...pcAddresses, ...fx.deviceHosts()];
  const checks: CheckResult[] = [];
  let alias: RepairPlan['alias'] = null;
  if (!onIfaceSubnet(d.target.ip, d.iface)) {
    const address = await firstFree(
      fx,
      d.iface.name,
      aliasCandidates(d.target.ip, d.cameraPrefix, taken),
      'temporary address',
    );
    alias = { address, prefix: d.cameraPrefix };
    checks.push({ ok: true, detail: `temporary address ${address}/${d.cameraPrefix} is free (ARP probe)` });
  } else {
    checks.push({ ok: true, detail: `the PC is already in ${d.target.ip}'s subnet: no temporary address needed` });
  }
  const address = await firstFree(
    fx,
    d.iface.name,
    targetCandidates(primary.address, primary.prefix, d.target.ip, taken),
    `address in ${primary.address}/${primary.prefix}`,
  );
  checks.push({ ok: true, detail: `new address ${address}/${primary.prefix} is free (ARP probe)` });
  const gateway =
    d.iface.gateway && inSubnet(d.iface.gateway, primary.address, primary.prefix) ? d.iface.gateway : null;
  const method = chooseMethod({
    mac: d.target.mac,
    ipSetup: d.ipSetup !== null,
    writable: d.ipSetup?.writable ?? null,
    onvifXAddrs: d.onvifXAddrs,
  });
  return {
    plan: { interface: d.iface.name, alias, target: { address, prefix: primary.prefix, gateway }, method },
    checks,
  };
}

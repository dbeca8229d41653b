/**
 * The two steps that talk to the camera at its current address, out of the runner: Verify (it answers a
 * real protocol command) and Readdress (Sony IP-setup by MAC, or ONVIF with the operator's login).
 */
import type { CheckResult, RepairCredentials, RepairPlan, RepairSession } from '../../../../shared/model/repair';
import { prefixToMask } from '../../../../shared/net/ipv4';
import type { Diagnosis } from './repair-diagnose';
import type { RepairEffects } from './repair-effects';

/** What Verify and Readdress need from the session. */
export interface CameraStepContext {
  fx: RepairEffects;
  session: RepairSession;
  diagnosis: Diagnosis;
  plan: RepairPlan;
  /** The ONVIF login for this session, if the operator gave one. */
  credentials: RepairCredentials | null;
  signal: AbortSignal;
  /** Adds a line to the session's log. */
  log(text: string): void;
}

const errText = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** Verify: for a shared address the camera's MAC over IP-setup, else ping plus VISCA or ONVIF. */
export async function verifyCamera(c: CameraStepContext): Promise<CheckResult> {
  const { fx, session, diagnosis: d, plan, signal } = c;
  const { ip, mac } = session.target;
  if (d.verifyByMac) {
    // The address is shared: only the MAC tells this camera apart.
    const found = (await fx.ipSetupScan(d.iface, signal)).find((x) => x.mac === mac);
    return found
      ? { ok: true, detail: `IP-setup: ${mac} answers (${found.model ?? 'camera'} at ${found.ip ?? '?'})` }
      : { ok: false, detail: `IP-setup: ${mac} no longer answers` };
  }
  const pinged = await fx.ping(plan.interface, ip).catch(() => false);
  c.log(pinged ? `${ip} answers ping` : `${ip} does not answer ping`);
  // With a login, ONVIF's check is an authenticated read: a wrong password stops here, camera untouched.
  if (plan.method === 'onvif') return fx.onvifCheck(d.onvifXAddrs[0]!, signal, c.credentials ?? undefined);
  return fx.viscaCheck(ip, signal);
}

/** Readdress by the plan's method; throws with the camera's words when it refuses. */
export async function readdressCamera(c: CameraStepContext): Promise<void> {
  const { fx, session, diagnosis: d, plan, signal } = c;
  if (plan.method === 'ip-setup') {
    const r = await fx.ipSetupWrite(
      {
        iface: d.iface,
        mac: session.target.mac!,
        ip: plan.target.address,
        mask: prefixToMask(plan.target.prefix),
        gateway: plan.target.gateway ?? '0.0.0.0',
        name: d.ipSetupName ?? '',
      },
      signal,
    );
    c.log(`IP-setup write: ${r.detail}`);
    if (!r.ok && !r.uncertain) throw new Error(`the camera refused the new address: ${r.detail}`);
    // Uncertain: Confirm polls the new address, and only the camera answering there counts.
    if (r.uncertain) c.log('checking whether the camera took the first setting');
    return;
  }
  const detail = await fx
    .onvifSetAddress(d.onvifXAddrs[0]!, plan.target, signal, c.credentials ?? undefined)
    .catch((e: unknown) => {
      if (c.credentials || (e as { kind?: unknown }).kind !== 'unauthorized') throw e;
      throw new Error(
        `${errText(e)}: start the repair again and enter the camera's ONVIF user name and password in the plan`,
      );
    });
  c.log(`ONVIF: ${detail}`);
}

/**
 * The repair's live checks at the camera's new address and in manual mode: what ARP, ping and a real
 * protocol command say, as a verdict and a sentence.
 */
import type { CheckResult, ManualStage, RepairSession } from '../../../../shared/model/repair';
import type { RepairEffects } from './repair-effects';

/** ARP answers from the camera: its own MAC where known, else anyone. */
const isTheCamera = (macs: readonly string[], mac: string | null): boolean =>
  mac ? macs.includes(mac) : macs.length > 0;

/** Confirm: the camera (its MAC, where known) answers ARP and a real command at its new address. */
export async function answersAtNewAddress(
  fx: RepairEffects,
  s: RepairSession,
  signal: AbortSignal,
): Promise<CheckResult> {
  const plan = s.plan!;
  const newIp = plan.target.address;
  const mac = s.target.mac;
  const macs = await fx.arpProbe(plan.interface, newIp).catch(() => [] as string[]);
  const arpOk = isTheCamera(macs, mac);
  const arpText = arpOk
    ? `ARP shows ${macs.join(', ')} at ${newIp}`
    : `ARP: ${mac ?? 'the camera'} not at ${newIp} (${macs.join(', ') || 'no answer'})`;
  if (!arpOk) return { ok: false, detail: arpText };
  if (plan.method === 'ip-setup') {
    const v = await fx.viscaCheck(newIp, signal);
    return { ok: v.ok, detail: `${arpText}; ${v.detail}` };
  }
  const pinged = await fx.ping(plan.interface, newIp).catch(() => false);
  return { ok: pinged, detail: `${arpText}; ${pinged ? 'answers ping' : 'no ping answer'}` };
}

/** The live check of a manual field step, in words the operator acts on. */
export async function manualCheck(fx: RepairEffects, s: RepairSession, stage: ManualStage): Promise<CheckResult> {
  const plan = s.plan!;
  const mac = s.target.mac;
  if (stage === 'connect') {
    const macs = await fx.arpProbe(plan.interface, s.target.ip);
    const ok = isTheCamera(macs, mac);
    return {
      ok,
      detail: ok
        ? `the camera answers at ${s.target.ip}: open http://${s.target.ip}/ and change its address to ${plan.target.address}`
        : `no answer from ${s.target.ip}: check the cable`,
    };
  }
  const newIp = plan.target.address;
  const macs = await fx.arpProbe(plan.interface, newIp);
  const ok = isTheCamera(macs, mac);
  if (stage === 'change-address') {
    return {
      ok,
      detail: ok
        ? `something answers at ${newIp}`
        : `nothing answers at ${newIp} yet: save the new address in the camera's page`,
    };
  }
  const pinged = ok && (await fx.ping(plan.interface, newIp).catch(() => false));
  return {
    ok: pinged,
    detail: pinged ? `the camera answers at ${newIp}` : `the camera does not answer at ${newIp} yet`,
  };
}

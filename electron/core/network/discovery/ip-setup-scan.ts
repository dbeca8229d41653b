/** The Sony IP-setup method: the inquiry broadcast (ip-setup-client.ts) on the chosen interfaces, as findings. */
import type { MethodContext } from './findings';
import { emptyFinding, type Finding } from './findings';
import type { IpSetupInfo, IpSetupInterface, scanIpSetup } from './ip-setup-client';

export type ScanIpSetup = typeof scanIpSetup;

/**
 * A finding from one IP-setup reply. IP-setup is what Sony's VISCA-over-IP cameras speak, so the camera
 * is offered as `visca-ip` on 52381 even when the sweep did not run (or cannot reach it yet).
 */
export function findingOfIpSetup(info: IpSetupInfo): Finding {
  const ip = info.ip && info.ip !== '0.0.0.0' ? info.ip : null;
  return {
    ...emptyFinding('ip-setup'),
    mac: info.mac,
    ip,
    prefix: info.prefix,
    gateway: info.gateway,
    model: info.model,
    name: info.name,
    interface: info.interface,
    endpoints: ip ? [{ protocol: 'visca-ip', host: ip, port: 52381 }] : [],
    writable: info.writable,
    proof: true,
  };
}

export async function runIpSetupScan(
  o: { interfaces: readonly IpSetupInterface[]; scan: ScanIpSetup; timeoutMs?: number; repeats?: number },
  ctx: MethodContext,
): Promise<void> {
  ctx.progress(0, 1);
  const infos = await o.scan({
    interfaces: o.interfaces,
    signal: ctx.signal,
    ...(o.timeoutMs !== undefined ? { timeoutMs: o.timeoutMs } : {}),
    ...(o.repeats !== undefined ? { repeats: o.repeats } : {}),
  });
  for (const info of infos) ctx.found(findingOfIpSetup(info));
  ctx.progress(1, 1);
}

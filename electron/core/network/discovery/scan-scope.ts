/**
 * What a discovery scan covers: the interfaces a request names and the subnets to sweep. Pure; refusals
 * are IpcErrors the operator reads as they are.
 */
import { IpcError } from '../../../../shared/ipc/ipc-error';
import type { NetInterface } from '../../../../shared/model/network';
import { hostsOf, subnetOf } from '../../../../shared/net/ipv4';
import { pcAddresses } from '../conflicts';

/** Largest sweep per subnet (a bigger interface subnet is narrowed to the /20 around the PC's address). */
export const SWEEP_HOST_CAP = 4096;

/** The interfaces a request names (or every interface that is up with IPv4); throws IpcError for unknown names. */
export function chooseInterfaces(all: readonly NetInterface[], names: readonly string[]): NetInterface[] {
  if (names.length === 0) return all.filter((i) => i.up && i.addresses.length > 0);
  return names.map((n) => {
    const i = all.find((x) => x.name === n);
    if (!i)
      throw new IpcError(
        'not-found',
        `no network interface "${n}" (have: ${all.map((x) => x.name).join(', ') || 'none'})`,
      );
    if (!i.up || i.addresses.length === 0) {
      throw new IpcError('unsupported', `interface "${n}" is down or has no IPv4 address`);
    }
    return i;
  });
}

/**
 * Subnets to sweep: the request's, or those of the chosen interfaces — narrowed to the /20 around the PC's
 * address when larger than the cap. Throws IpcError for a requested subnet over the cap.
 */
export function sweepSubnets(requested: readonly string[], chosen: readonly NetInterface[]): string[] {
  if (requested.length > 0) {
    for (const s of requested) {
      try {
        hostsOf(s, SWEEP_HOST_CAP);
      } catch (e) {
        throw new IpcError('invalid-payload', (e as Error).message);
      }
    }
    return [...new Set(requested)];
  }
  const out = pcAddresses(chosen).map((a) => subnetOf(a.address, Math.max(a.prefix, 20)));
  return [...new Set(out)];
}

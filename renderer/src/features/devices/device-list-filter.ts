/**
 * Pure search and grouping for the camera list. The contract has no "group" field, so cameras are grouped
 * by transport: network (VISCA over IP/TCP/UDP) and serial (VISCA serial, Pelco-D/P), in that order, each
 * keeping the core's order inside it. The arrow keys walk the rows in this display order.
 */
import type { DeviceProtocol } from '../../../../shared/model/device';

export type Transport = 'network' | 'serial';

/** Group order on screen. */
export const TRANSPORTS: readonly Transport[] = ['network', 'serial'];

/** What the list searches and groups on, for one camera. */
export interface DeviceListEntry {
  readonly id: string;
  readonly name: string;
  readonly protocol: DeviceProtocol;
  /** `192.0.2.10:52381` or `/dev/ttyUSB0 #3` (see `describeEndpoint`). */
  readonly endpoint: string;
}

export interface DeviceGroup {
  readonly transport: Transport;
  readonly ids: readonly string[];
}

export function transportOf(protocol: DeviceProtocol): Transport {
  switch (protocol) {
    case 'visca-ip':
    case 'visca-tcp':
    case 'visca-udp':
      return 'network';
    case 'visca-serial':
    case 'pelco-d':
    case 'pelco-p':
      return 'serial';
  }
}

/** Lower-cased words of a query; an empty or blank query has none and matches everything. */
export function queryTerms(query: string): string[] {
  return query.toLowerCase().split(/\s+/).filter(Boolean);
}

/**
 * True when every word of the query occurs in the camera's name, endpoint (host:port or serial path),
 * protocol id (`pelco-d`) or protocol label as shown (`labelOf`, e.g. the translated "VISCA over IP").
 */
export function matchesQuery(
  entry: DeviceListEntry,
  query: string,
  labelOf: (protocol: DeviceProtocol) => string = (p) => p,
): boolean {
  const terms = queryTerms(query);
  if (terms.length === 0) return true;
  const haystack = [entry.name, entry.endpoint, entry.protocol, labelOf(entry.protocol)].join('\n').toLowerCase();
  return terms.every((term) => haystack.includes(term));
}

/** The matching cameras, grouped by transport in `TRANSPORTS` order; empty groups are left out. */
export function groupDevices(
  entries: readonly DeviceListEntry[],
  query: string,
  labelOf?: (protocol: DeviceProtocol) => string,
): DeviceGroup[] {
  const byTransport = new Map<Transport, string[]>(TRANSPORTS.map((t) => [t, []]));
  for (const entry of entries) {
    if (matchesQuery(entry, query, labelOf)) byTransport.get(transportOf(entry.protocol))?.push(entry.id);
  }
  return TRANSPORTS.flatMap((transport) => {
    const ids = byTransport.get(transport) ?? [];
    return ids.length > 0 ? [{ transport, ids }] : [];
  });
}

/** The visible ids in display order (group by group). */
export function visibleIds(groups: readonly DeviceGroup[]): string[] {
  return groups.flatMap((g) => g.ids);
}

/**
 * The id `step` rows away from `selectedId` among `ids`, stopping at the ends. From a selection that is
 * not visible (filtered out, or none), down lands on the first row and up on the last.
 */
export function stepVisible(ids: readonly string[], selectedId: string | null, step: 1 | -1): string | null {
  if (ids.length === 0) return null;
  const at = selectedId === null ? -1 : ids.indexOf(selectedId);
  if (at === -1) return (step === 1 ? ids[0] : ids[ids.length - 1]) ?? null;
  return ids[Math.min(ids.length - 1, Math.max(0, at + step))] ?? null;
}

/**
 * Entries flattened to strings `[id, name, protocol, endpoint, …]`, so a store selector can return them and
 * be compared element by element (`useShallow`): position updates then do not re-render the list.
 */
export function flattenEntries(entries: readonly DeviceListEntry[]): string[] {
  return entries.flatMap((e) => [e.id, e.name, e.protocol, e.endpoint]);
}

/** The inverse of `flattenEntries`. */
export function unflattenEntries(fields: readonly string[]): DeviceListEntry[] {
  const entries: DeviceListEntry[] = [];
  for (let i = 0; i + 3 < fields.length; i += 4) {
    entries.push({
      id: fields[i]!,
      name: fields[i + 1]!,
      protocol: fields[i + 2] as DeviceProtocol,
      endpoint: fields[i + 3]!,
    });
  }
  return entries;
}

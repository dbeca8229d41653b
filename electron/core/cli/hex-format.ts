/** Byte formatting shared by ptzctl's commands: upper-case, space-separated hex, as in protocols.md. */

/** `81 01 06 01 18 01 02 03 FF`. */
export function hexBytes(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).toUpperCase().padStart(2, '0')).join(' ');
}

/** A run of bytes and what it means, for `encode --explain`. */
export interface ByteGroup {
  bytes: Uint8Array;
  meaning: string;
}

/** One line per group, the meanings aligned in a column after the widest hex run. */
export function formatGroups(groups: readonly ByteGroup[]): string[] {
  const cells = groups.map((g) => hexBytes(g.bytes));
  const width = Math.max(0, ...cells.map((c) => c.length));
  return groups.map((g, i) => `${cells[i]!.padEnd(width)}  ${g.meaning}`);
}

/** `{kind:'pan-tilt-drive',pan:'right',panSpeed:24}` → `pan right, panSpeed 24` (kind left out). */
export function describeFields(fields: object): string {
  return Object.entries(fields)
    .filter(([key, value]) => key !== 'kind' && value !== undefined)
    .map(([key, value]) =>
      typeof value === 'object' && value !== null ? `${key} {${describeFields(value)}}` : `${key} ${String(value)}`,
    )
    .join(', ');
}

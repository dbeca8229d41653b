/** Test helper: hex strings ⇄ bytes, so byte tables in tests read like protocols.md. */
export function bytes(hexString: string): Uint8Array {
  const parts = hexString.trim().split(/\s+/).filter(Boolean);
  return Uint8Array.from(parts, (p) => {
    if (!/^[0-9a-fA-F]{2}$/.test(p)) throw new Error(`bad hex byte "${p}"`);
    return parseInt(p, 16);
  });
}

export function hexOf(b: Uint8Array): string {
  return Array.from(b, (x) => x.toString(16).toUpperCase().padStart(2, '0')).join(' ');
}

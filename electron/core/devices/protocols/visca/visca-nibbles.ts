/**
 * VISCA spreads multi-nibble values over bytes `0p 0q 0r 0s` (most significant first) so that no data
 * byte can look like a header or the FF terminator. Helpers to write and read them.
 */

/**
 * Writes `value` as `count` nibbles, most significant first, into `out` at `offset`. Negative values are
 * written as two's complement over `count * 4` bits. The caller range-checks `value`.
 */
export function writeNibbles(out: Uint8Array, offset: number, value: number, count: number): void {
  // Two's complement without bitwise ops on >32-bit intermediates: add 16^count to a negative value.
  let v = value < 0 ? value + 16 ** count : value;
  for (let i = count - 1; i >= 0; i--) {
    out[offset + i] = v % 16;
    v = Math.floor(v / 16);
  }
}

/**
 * Reads `count` nibble bytes starting at `offset` as an unsigned value. Returns the index of the first
 * byte that is not a nibble (> 0x0F) or missing, as `{ badIndex }`, instead of a value.
 */
export function readNibbles(
  bytes: Uint8Array,
  offset: number,
  count: number,
): { value: number } | { badIndex: number } {
  let value = 0;
  for (let i = 0; i < count; i++) {
    const b = bytes[offset + i];
    if (b === undefined || b > 0x0f) return { badIndex: offset + i };
    value = value * 16 + b;
  }
  return { value };
}

/** Interprets an unsigned `bits`-wide value as two's complement (bit `bits − 1` is the sign). */
export function signExtend(value: number, bits: number): number {
  const half = 2 ** (bits - 1);
  return value >= half ? value - 2 * half : value;
}

/** Argument range checks shared by every VISCA encoder. */

/** Throws RangeError unless `value` is an integer in [min, max]. Caller arguments only, never camera data. */
export function checkRange(what: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    const hexMax = max < 0 ? `-0x${(-max).toString(16)}` : `0x${max.toString(16)}`;
    throw new RangeError(`VISCA ${what} must be an integer in ${min}–${max} (${hexMax}), got ${value}`);
  }
}

/** Looks `key` up in a byte table; RangeError for a value outside the union (untyped callers). */
export function byteFor<K extends string>(what: string, table: Readonly<Record<K, number>>, key: K): number {
  const byte = Object.hasOwn(table, key) ? table[key] : undefined;
  if (byte === undefined)
    throw new RangeError(`VISCA ${what} must be one of ${Object.keys(table).join(', ')}, got ${String(key)}`);
  return byte;
}

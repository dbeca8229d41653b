/**
 * Building blocks of the ptzctl command schema: zod fields whose failures read as one specific phrase
 * (`must be 1–24 (0x01–0x18)`, `is required (one of left, right, stop)`), so a typo in hand-written JSON is
 * named precisely instead of reaching the encoder as a RangeError.
 */
import { z } from 'zod';

const HEX = /^(-?)0x([0-9a-f]+)$/i;

/** `"0x18"` → 24: field engineers copy values out of hex tables. Anything else passes through unchanged. */
function fromHexString(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const m = HEX.exec(value);
  if (!m) return value;
  const n = Number.parseInt(m[2]!, 16);
  return m[1] ? -n : n;
}

function hexOf(n: number, digits: number): string {
  const h = Math.abs(n).toString(16).toUpperCase().padStart(digits, '0');
  return `${n < 0 ? '-' : ''}0x${h}`;
}

/** `1–24 (0x01–0x18)`; the hex form only where it helps (ranges past 9). */
export function describeRange(min: number, max: number): string {
  const plain = `${min}–${max}`;
  if (Math.max(Math.abs(min), Math.abs(max)) <= 9) return plain;
  const digits = Math.max(2, Math.abs(max).toString(16).length, Math.abs(min).toString(16).length);
  return `${plain} (${hexOf(min, digits)}–${hexOf(max, digits)})`;
}

/** A whole number in [min, max], given as a JSON number or a hex string such as `"0x18"`. */
export function intIn(min: number, max: number) {
  const range = describeRange(min, max);
  const must = `must be ${range}`;
  return z.preprocess(
    fromHexString,
    z
      .number({ error: (iss) => (iss.input === undefined ? `is required: a whole number ${range}` : must) })
      .int(must)
      .min(min, must)
      .max(max, must),
  );
}

/** One of a fixed list of strings. */
export function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
  const list = values.join(', ');
  return z.enum(values, {
    error: (iss) =>
      iss.input === undefined
        ? `is required (one of ${list})`
        : `must be one of ${list}, not ${JSON.stringify(iss.input)}`,
  });
}

/** `true` or `false`. */
export function bool() {
  return z.boolean({
    error: (iss) => (iss.input === undefined ? 'is required (true or false)' : 'must be true or false'),
  });
}

/** A strict object whose unknown-key failure lists the keys that are allowed. */
export function strict<S extends z.core.$ZodLooseShape>(shape: S) {
  const allowed = Object.keys(shape).join(', ');
  return z.strictObject(shape, {
    error: (iss) =>
      iss.code === 'unrecognized_keys'
        ? `unknown key${iss.keys.length > 1 ? 's' : ''} ${iss.keys.map((k) => `"${k}"`).join(', ')} (allowed: ${allowed})`
        : undefined,
  });
}

/**
 * A discriminated union whose "no such option" failure says which value was wrong and lists the valid
 * ones (`unknown kind "pan" (one of power, if-clear, …)`), or that the discriminator is missing.
 */
export function tagged<
  D extends string,
  const O extends readonly [z.core.$ZodTypeDiscriminable, ...z.core.$ZodTypeDiscriminable[]],
>(discriminator: D, options: O) {
  return z.discriminatedUnion(discriminator, options, {
    error: (iss) => {
      if (iss.code !== 'invalid_union') return undefined;
      const list = (iss as { options?: unknown[] }).options?.map(String).join(', ') ?? '';
      const input = iss.input as Record<string, unknown> | undefined;
      const value = input && typeof input === 'object' ? input[discriminator] : undefined;
      return value === undefined
        ? `is required (one of ${list})`
        : `unknown ${discriminator} ${JSON.stringify(value)} (one of ${list})`;
    },
  });
}

/** The keys of a codec byte table as a zod-enum tuple, so the schema lists exactly what the codec encodes. */
export function keysOf<K extends string>(table: Readonly<Record<K, unknown>>): [K, ...K[]] {
  return Object.keys(table) as [K, ...K[]];
}

/** One readable line for a zod failure: `command.panSpeed: must be 1–24 (0x01–0x18)`; at most three issues. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => {
      const path = i.path.map((p, n) => (typeof p === 'number' ? `[${p}]` : `${n ? '.' : ''}${String(p)}`)).join('');
      return path ? `${path}: ${i.message}` : i.message;
    })
    .join('; ');
}

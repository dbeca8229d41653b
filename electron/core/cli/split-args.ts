/** Sub-command argument splitting for ptzctl: positionals and `--flag`, `--flag value`, `--flag=value`. */
import { err, ok, type Result } from '../../../shared/util/result';

/** Flag name (without dashes) → whether it takes a value. */
export type FlagSpec = Readonly<Record<string, 'boolean' | 'value'>>;

/** The arguments of one sub-command, split. */
export interface SplitArgs {
  positional: string[];
  /** Flags given: `true` for a boolean flag, the text for a valued one. */
  flags: Map<string, string | true>;
}

/** Splits `argv`; an unknown flag, a missing value or a value given to a boolean flag is an error. */
export function splitArgs(argv: readonly string[], spec: FlagSpec): Result<SplitArgs, string> {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--') || arg === '--') {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq > 0 ? eq : undefined);
    const kind = Object.hasOwn(spec, name) ? spec[name] : undefined;
    if (!kind) {
      const known = Object.keys(spec).map((f) => `--${f}`);
      return err(`unknown option --${name}${known.length ? ` (known: ${known.join(', ')})` : ''}`);
    }
    if (kind === 'boolean') {
      if (eq > 0) return err(`--${name} takes no value`);
      flags.set(name, true);
      continue;
    }
    const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined || value === '') return err(`--${name} needs a value`);
    flags.set(name, value);
  }
  return ok({ positional, flags });
}

/** A whole-number flag value in [min, max], or the default when the flag is absent. */
export function intFlag(
  args: SplitArgs,
  name: string,
  min: number,
  max: number,
  fallback?: number,
): Result<number | undefined, string> {
  const raw = args.flags.get(name);
  if (raw === undefined) return ok(fallback);
  if (raw === true || !/^\d+$/.test(raw)) return err(`--${name} needs a whole number, got "${String(raw)}"`);
  const n = Number(raw);
  return n >= min && n <= max ? ok(n) : err(`--${name} must be ${min}–${max}, got ${n}`);
}

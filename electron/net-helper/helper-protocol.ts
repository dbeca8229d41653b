/**
 * The privileged net helper's command line, re-validated here whatever the caller checked: a fixed set of
 * verbs, each argument parsed with the shared zod schemas. Also the exit codes and the JSON it prints.
 *
 * Verbs (one per run):
 *   add-alias <iface> <ip>/<prefix>     add a temporary (runtime-only) secondary IPv4 address
 *   remove-alias <iface> <ip>/<prefix>  remove it again (never the interface's primary address)
 *   list <iface>                        the interface's IPv4 addresses
 *   probe <iface> <ip>                  RFC 5227 duplicate-address detection (`arping -D`)
 *
 * stdout is exactly one JSON object: `{"ok":true,…}` or `{"ok":false,"error":<HelperErrorCode>,"message":…}`.
 */
import { z } from 'zod';
import { InterfaceName, Ipv4, PrefixLength } from '../../shared/model/network';
import type { HelperErrorCode, ListedAddress } from '../../shared/model/net-helper';

export {
  EXIT_OF_ERROR,
  HelperExit,
  HelperOutput,
  ListedAddress,
  type HelperErrorCode,
} from '../../shared/model/net-helper';

/** An error the helper reports as JSON with its exit code. */
export class HelperError extends Error {
  constructor(
    readonly code: HelperErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'HelperError';
  }
}

const AliasSpec = z
  .string()
  .regex(/^[^/]+\/\d{1,2}$/, 'must be <ip>/<prefix>, e.g. 203.0.113.250/24')
  .transform((s) => {
    const [ip, prefix] = s.split('/');
    return { ip: ip!, prefix: Number(prefix) };
  })
  .pipe(z.object({ ip: Ipv4, prefix: PrefixLength }));

/** A parsed, validated helper command. */
export type HelperCommand =
  | { verb: 'add-alias' | 'remove-alias'; iface: string; ip: string; prefix: number }
  | { verb: 'list'; iface: string }
  | { verb: 'probe'; iface: string; ip: string };

function parseOrThrow<T>(schema: z.ZodType<T>, value: string | undefined, what: string): T {
  if (value === undefined) throw new HelperError('invalid-argument', `missing ${what}`);
  const r = schema.safeParse(value);
  if (!r.success) {
    throw new HelperError('invalid-argument', `${what} "${value}": ${r.error.issues.map((i) => i.message).join('; ')}`);
  }
  return r.data;
}

/** An interface name that cannot be read as an option by `ip`/`nmcli`/`arping` (no leading '-'). */
const HelperInterfaceName = InterfaceName.refine((s) => !s.startsWith('-'), 'interface name must not start with "-"');

/** Usage text printed for a malformed command line. */
export const USAGE =
  'usage: net-helper add-alias <iface> <ip>/<prefix> | remove-alias <iface> <ip>/<prefix> | list <iface> | probe <iface> <ip>';

/**
 * Parses the helper's argv (after the program name). Throws HelperError('invalid-argument') naming the bad
 * value; extra arguments are refused so nothing unexpected can ride along.
 */
export function parseHelperArgs(argv: readonly string[]): HelperCommand {
  const [verb, ...rest] = argv;
  const arity = (n: number) => {
    if (rest.length !== n) {
      throw new HelperError('invalid-argument', `${verb} takes ${n} argument(s), got ${rest.length}. ${USAGE}`);
    }
  };
  switch (verb) {
    case 'add-alias':
    case 'remove-alias': {
      arity(2);
      const iface = parseOrThrow(HelperInterfaceName, rest[0], 'interface');
      const { ip, prefix } = parseOrThrow(AliasSpec, rest[1], 'address');
      if (prefix < 8) throw new HelperError('invalid-argument', `prefix /${prefix} is too wide for a temporary alias`);
      return { verb, iface, ip, prefix };
    }
    case 'list':
      arity(1);
      return { verb, iface: parseOrThrow(HelperInterfaceName, rest[0], 'interface') };
    case 'probe': {
      arity(2);
      return {
        verb,
        iface: parseOrThrow(HelperInterfaceName, rest[0], 'interface'),
        ip: parseOrThrow(Ipv4, rest[1], 'ip'),
      };
    }
    default:
      throw new HelperError('invalid-argument', `unknown verb "${verb ?? ''}". ${USAGE}`);
  }
}

/**
 * Safety checks before a change, on the interface's current addresses: add-alias refuses an address any
 * PC interface already has; remove-alias refuses an address that is absent, primary or DHCP-given.
 */
export function checkChangeAllowed(
  cmd: Extract<HelperCommand, { verb: 'add-alias' | 'remove-alias' }>,
  onInterface: readonly ListedAddress[],
  onPc: readonly string[],
): void {
  const here = onInterface.find((a) => a.address === cmd.ip);
  if (cmd.verb === 'add-alias') {
    if (here || onPc.includes(cmd.ip)) {
      throw new HelperError('refused', `${cmd.ip} is already an address of this PC; not adding it as an alias`);
    }
    return;
  }
  if (!here) throw new HelperError('refused', `${cmd.ip} is not on ${cmd.iface}; nothing to remove`);
  if (here.prefix !== cmd.prefix) {
    throw new HelperError('refused', `${cmd.ip} is on ${cmd.iface} as /${here.prefix}, not /${cmd.prefix}`);
  }
  if (here.primary) {
    throw new HelperError('refused', `${cmd.ip} is the primary address of ${cmd.iface}; the helper never removes it`);
  }
  if (here.dynamic) {
    throw new HelperError('refused', `${cmd.ip} on ${cmd.iface} was given by DHCP; it is not a temporary alias`);
  }
}

/**
 * What the privileged net helper prints and its exit codes: shared by the helper (electron/net-helper) and
 * the core's client of it, which must not import each other.
 */
import { z } from 'zod';
import { InterfaceName, Ipv4, PrefixLength } from './network';

/** Exit status of the helper. 126 and 127 are left to pkexec (dismissed / not authorised). */
export const HelperExit = {
  ok: 0,
  /** A bug or an unexpected OS answer. */
  internal: 1,
  /** The command line failed validation (unknown verb, malformed address, …). */
  invalidArgument: 2,
  /** Refused for safety: the primary address, an address already on the PC, an address not present. */
  refused: 3,
  /** The OS command (`ip`, `nmcli`, `netsh`, `ifconfig`, `arping`) ran and failed. */
  commandFailed: 4,
  /** A needed OS command is not installed. */
  missingTool: 5,
  /** This platform has no implementation of the verb. */
  unsupported: 6,
} as const;

export const HelperErrorCode = z.enum([
  'internal',
  'invalid-argument',
  'refused',
  'command-failed',
  'missing-tool',
  'unsupported',
]);
export type HelperErrorCode = z.infer<typeof HelperErrorCode>;

export const EXIT_OF_ERROR: Record<HelperErrorCode, number> = {
  internal: HelperExit.internal,
  'invalid-argument': HelperExit.invalidArgument,
  refused: HelperExit.refused,
  'command-failed': HelperExit.commandFailed,
  'missing-tool': HelperExit.missingTool,
  unsupported: HelperExit.unsupported,
};

/** One IPv4 address of an interface as `list` reports it. */
export const ListedAddress = z.object({
  address: Ipv4,
  prefix: PrefixLength,
  /** The interface's first address: never removed by the helper. */
  primary: z.boolean(),
  /** Given by DHCP (has a lease lifetime): never removed by the helper. */
  dynamic: z.boolean(),
});
export type ListedAddress = z.infer<typeof ListedAddress>;

/** The JSON the helper prints, per verb. */
export const HelperOutput = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    verb: z.enum(['add-alias', 'remove-alias', 'list', 'probe']),
    interface: InterfaceName,
    /** add/remove: what changed, in words (e.g. `ip addr add 203.0.113.250/24 dev eth0`). */
    detail: z.string().optional(),
    /** list (and add/remove, after the change): the interface's IPv4 addresses. */
    addresses: z.array(ListedAddress).optional(),
    /** probe: nobody answered the duplicate-address probe. */
    free: z.boolean().optional(),
    /** probe: the MACs that answered. */
    macs: z.array(z.string()).optional(),
  }),
  z.object({ ok: z.literal(false), error: HelperErrorCode, message: z.string() }),
]);
export type HelperOutput = z.infer<typeof HelperOutput>;

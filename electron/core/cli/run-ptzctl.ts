/** The ptzctl dispatcher: picks the sub-command, and turns anything unexpected into one line and exit 1. */
import type { SerialPortInfo } from '../devices/transports/serial-port';
import type { CliIo } from './cli-env';
import { encodeMessageCommand } from './encode-command';
import { ipSetupCommand } from './ip-setup-command';
import { portsCommand } from './ports-command';
import { sendMessageCommand, type SendDeps } from './send-command';
import { simCommand } from './sim-command';
import { helpCommand } from './usage';
import { watchCommand } from './watch-command';

/** What tests (or another host) replace: the stop signal of `watch`/`sim`, the port lister, the send carrier. */
export interface PtzctlDeps {
  /** Resolves when `watch` or `sim` should stop; default Ctrl+C / SIGTERM. */
  until?: () => Promise<void>;
  listPorts?: () => Promise<SerialPortInfo[]>;
  send?: SendDeps;
}

type Command = (io: CliIo, args: readonly string[], deps: PtzctlDeps) => Promise<number>;

const COMMANDS: Readonly<Record<string, Command>> = {
  ports: async (io, args, deps) => {
    if (args.length > 0) return usageError(io, 'ports', 'takes no arguments; usage: ptzctl ports');
    return portsCommand(io, deps.listPorts); // undefined → the real lister
  },
  encode: (io, args) => encodeMessageCommand(io, args),
  send: (io, args, deps) => sendMessageCommand(io, args, deps.send),
  watch: async (io, args, deps) => {
    if (args.length > 1) return usageError(io, 'watch', 'takes one device URL; usage: ptzctl watch <device-url>');
    return watchCommand(io, args[0], deps.until); // undefined → Ctrl+C
  },
  sim: (io, args, deps) => simCommand(io, args, deps.until),
  'ip-setup': (io, args) => ipSetupCommand(io, args),
};

function usageError(io: CliIo, command: string, why: string): number {
  io.err(`ptzctl ${command}: ${why}`);
  return 2;
}

/**
 * Runs `ptzctl <argv>`: 0 ok, 1 runtime failure, 2 usage error. Output goes to `io`, errors as one line on
 * its `err`, never with a stack.
 */
export async function runPtzctl(argv: readonly string[], io: CliIo, deps: PtzctlDeps = {}): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') return helpCommand(io);
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) {
    io.err(`ptzctl: unknown command "${name}" (commands: ${Object.keys(COMMANDS).join(', ')}, help)`);
    return 2;
  }
  // The simulator has its own --help; everything else shares the one usage text.
  if (name !== 'sim' && args.some((a) => a === '--help' || a === '-h')) return helpCommand(io);
  try {
    return await command(io, args, deps);
  } catch (e) {
    io.err(`ptzctl ${name}: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
}

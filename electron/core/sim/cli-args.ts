/** Argument parsing for the standalone simulator (`npm run sim`); pure, so it is tested without a process. */
import { isIP } from 'node:net';
import { err, ok, type Result } from '../../../shared/util/result';
import { VISCA_IP_PORT } from '../devices/protocols/visca-ip';
import { MAX_SIM_CAMERAS } from './simulator';

export interface SimCliOptions {
  cameras: number;
  host: string;
  /** First port; camera n gets port + n − 1. 0 = ephemeral for all. */
  port: number;
  watch: boolean;
  allowNonLoopback: boolean;
  help: boolean;
}

export const SIM_USAGE = `usage: sim [--cameras N] [--host ADDRESS] [--port P] [--watch] [--allow-non-loopback]
  --cameras N            simulated cameras, 1–${MAX_SIM_CAMERAS} (default 2)
  --host ADDRESS         address to bind (default 127.0.0.1; loopback only unless --allow-non-loopback)
  --port P               first UDP port; camera n gets P+n-1, busy ports fall back to ephemeral (default ${VISCA_IP_PORT}; 0 = ephemeral)
  --watch                print every camera's position every 500 ms
  --allow-non-loopback   allow binding a non-loopback address (exposes the simulator to the network)`;

/** True for 127.0.0.0/8, ::1 and `localhost`. */
export function isLoopbackHost(host: string): boolean {
  if (host === 'localhost' || host === '::1') return true;
  return isIP(host) === 4 && host.startsWith('127.');
}

function integerArg(name: string, raw: string | undefined, min: number, max: number): Result<number, string> {
  if (raw === undefined || !/^\d+$/.test(raw))
    return err(`${name} needs a whole number, got ${raw === undefined ? 'nothing' : `"${raw}"`}`);
  const n = Number(raw);
  return n >= min && n <= max ? ok(n) : err(`${name} must be in ${min}–${max}, got ${n}`);
}

/** Parses `argv` (without node and script). Errors are one line, suitable for printing as is. */
export function parseSimArgs(argv: readonly string[]): Result<SimCliOptions, string> {
  const o: SimCliOptions = {
    cameras: 2,
    host: '127.0.0.1',
    port: VISCA_IP_PORT,
    watch: false,
    allowNonLoopback: false,
    help: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    // Accept both `--flag value` and `--flag=value`.
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    const inline = arg.startsWith('--') && eq > 0 ? arg.slice(eq + 1) : undefined;
    const value = (): string | undefined => inline ?? argv[++i];
    switch (name) {
      case '--cameras': {
        const r = integerArg('--cameras', value(), 1, MAX_SIM_CAMERAS);
        if (!r.ok) return r;
        o.cameras = r.value;
        break;
      }
      case '--port': {
        const r = integerArg('--port', value(), 0, 65535);
        if (!r.ok) return r;
        o.port = r.value;
        break;
      }
      case '--host': {
        const h = value();
        if (!h || h.startsWith('--')) return err('--host needs an address');
        o.host = h;
        break;
      }
      case '--watch':
      case '--allow-non-loopback':
      case '--help':
      case '-h':
        if (inline !== undefined) return err(`${name} takes no value`);
        if (name === '--watch') o.watch = true;
        else if (name === '--allow-non-loopback') o.allowNonLoopback = true;
        else o.help = true;
        break;
      default:
        return err(`unknown argument "${arg}" (try --help)`);
    }
  }
  if (o.port !== 0 && o.port + o.cameras - 1 > 65535)
    return err(`--port ${o.port} leaves no room for ${o.cameras} cameras`);
  if (!o.allowNonLoopback && !isLoopbackHost(o.host)) {
    return err(`refusing to bind non-loopback address ${o.host}; pass --allow-non-loopback to expose the simulator`);
  }
  return ok(o);
}

/** Ports to ask for: port, port+1, … (all 0 when port is 0). */
export function portsFor(o: Pick<SimCliOptions, 'port' | 'cameras'>): number[] {
  return Array.from({ length: o.cameras }, (_, i) => (o.port === 0 ? 0 : o.port + i));
}

/** `visca-ip://host:port`, with IPv6 hosts in brackets. */
export function endpointUrl(host: string, port: number): string {
  return `visca-ip://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

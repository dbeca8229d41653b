/** Argument parsing for the standalone simulator (`npm run sim`); pure, so it is tested without a process. */
import { isIP } from 'node:net';
import { err, ok, type Result } from '../../../shared/util/result';
import { DEFAULT_PORT, type SimNetKind } from './sim-net-server';
import { MAX_SIM_CAMERAS } from './simulator';

export interface SimCliOptions {
  cameras: number;
  host: string;
  /** First port; camera n gets port + n − 1. 0 = ephemeral for all. Default: the protocol's port. */
  port: number;
  /** Network protocol of every camera (ignored with `serial`). */
  protocol: SimNetKind;
  /** Serial device or pty to run a VISCA daisy chain on instead of network cameras; null for none. */
  serial: string | null;
  /** Cameras on the serial chain, 1–7. */
  addresses: number;
  /** Serial line speed, bits/s. */
  baud: number;
  watch: boolean;
  allowNonLoopback: boolean;
  help: boolean;
}

const PROTOCOLS = Object.keys(DEFAULT_PORT) as SimNetKind[];

export const SIM_USAGE = `usage: sim [--protocol P] [--cameras N] [--host ADDRESS] [--port P] [--watch] [--allow-non-loopback]
       sim --serial PATH [--addresses N] [--baud B] [--watch]
  --protocol P           visca-ip (Sony framing, UDP), visca-tcp (raw VISCA over TCP) or visca-udp (raw over UDP); default visca-ip
  --cameras N            simulated cameras, 1–${MAX_SIM_CAMERAS} (default 2)
  --host ADDRESS         address to bind (default 127.0.0.1; loopback only unless --allow-non-loopback)
  --port P               first port; camera n gets P+n-1, busy ports fall back to ephemeral
                         (default ${DEFAULT_PORT['visca-ip']} / ${DEFAULT_PORT['visca-tcp']} / ${DEFAULT_PORT['visca-udp']} by protocol; 0 = ephemeral)
  --serial PATH          run a VISCA daisy chain on a serial port or pty (e.g. one end of a socat pair) instead
  --addresses N          cameras on the serial chain, 1–7 (default 1)
  --baud B               serial speed, bits/s (default 9600)
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
    port: DEFAULT_PORT['visca-ip'],
    protocol: 'visca-ip',
    serial: null,
    addresses: 1,
    baud: 9600,
    watch: false,
    allowNonLoopback: false,
    help: false,
  };
  let portGiven = false;
  let addressesGiven = false;
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
        portGiven = true;
        break;
      }
      case '--protocol': {
        const p = value();
        if (!p || !(PROTOCOLS as string[]).includes(p)) return err(`--protocol must be one of ${PROTOCOLS.join(', ')}`);
        o.protocol = p as SimNetKind;
        break;
      }
      case '--serial': {
        const p = value();
        if (!p || p.startsWith('--')) return err('--serial needs a device path');
        o.serial = p;
        break;
      }
      case '--addresses': {
        const r = integerArg('--addresses', value(), 1, 7);
        if (!r.ok) return r;
        o.addresses = r.value;
        addressesGiven = true;
        break;
      }
      case '--baud': {
        const r = integerArg('--baud', value(), 300, 4_000_000);
        if (!r.ok) return r;
        o.baud = r.value;
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
  if (!portGiven) o.port = DEFAULT_PORT[o.protocol];
  if (addressesGiven && o.serial === null) return err('--addresses needs --serial');
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

/** `visca-ip://host:port` (scheme = protocol), with IPv6 hosts in brackets. */
export function endpointUrl(host: string, port: number, protocol: SimNetKind = 'visca-ip'): string {
  return `${protocol}://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/**
 * Device URLs for ptzctl, mapped onto the contract's DeviceConfigInput (so validation and its messages are
 * the same as in the app):
 *   visca-ip://127.0.0.1:52381        Sony VISCA over IP (UDP, 8-byte header)
 *   visca-tcp://192.0.2.10:5678       bare VISCA over TCP
 *   visca-udp://192.0.2.10:1259       bare VISCA over UDP
 *   serial:///dev/ttyUSB0?protocol=visca&address=1&baud=9600
 *   serial:///dev/ttyS1?protocol=pelco-d&address=5&baud=2400      (protocol visca | pelco-d | pelco-p)
 */
import { describeZodError } from '../../../shared/ipc/ipc-error';
import { DeviceConfigInput } from '../../../shared/model/device';
import { err, ok, type Result } from '../../../shared/util/result';

/** A device URL as the app's device configuration (defaults applied: ports, baud rates, address 1). */
export type ParsedDeviceConfig = ReturnType<typeof DeviceConfigInput.parse>;

const NETWORK = { 'visca-ip:': 'visca-ip', 'visca-tcp:': 'visca-tcp', 'visca-udp:': 'visca-udp' } as const;
const SERIAL_PROTOCOL = { visca: 'visca-serial', 'pelco-d': 'pelco-d', 'pelco-p': 'pelco-p' } as const;

/** Parses a device URL (forms in the file header); the error is one line naming what is wrong. */
export function parseDeviceUrl(text: string): Result<ParsedDeviceConfig, string> {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return err(
      `not a device URL: "${text}" (e.g. visca-ip://192.0.2.10:52381 or serial:///dev/ttyUSB0?protocol=visca)`,
    );
  }
  let candidate: Record<string, unknown>;
  if (url.protocol in NETWORK) {
    const protocol = NETWORK[url.protocol as keyof typeof NETWORK];
    if (url.pathname !== '' && url.pathname !== '/') return err(`${protocol} URLs take no path: ${text}`);
    candidate = { protocol, name: text, host: url.hostname, ...(url.port ? { port: Number(url.port) } : {}) };
  } else if (url.protocol === 'serial:') {
    const p = url.searchParams.get('protocol') ?? 'visca';
    if (!(p in SERIAL_PROTOCOL)) return err(`serial protocol must be visca, pelco-d or pelco-p, not "${p}"`);
    const num = (key: string) => {
      const v = url.searchParams.get(key);
      return v === null ? undefined : Number(v);
    };
    const address = num('address');
    const baudRate = num('baud');
    candidate = {
      protocol: SERIAL_PROTOCOL[p as keyof typeof SERIAL_PROTOCOL],
      name: text,
      // serial:///dev/ttyUSB0 → pathname /dev/ttyUSB0; serial://COM3 → host COM3 (Windows)
      path: url.host ? url.host.toUpperCase() : decodeURIComponent(url.pathname),
      ...(address !== undefined ? { address } : {}),
      ...(baudRate !== undefined ? { baudRate } : {}),
    };
    const unknown = [...url.searchParams.keys()].filter((k) => !['protocol', 'address', 'baud'].includes(k));
    if (unknown.length)
      return err(`unknown serial URL parameter(s): ${unknown.join(', ')} (known: protocol, address, baud)`);
  } else {
    return err(`unknown scheme "${url.protocol}" (use visca-ip:, visca-tcp:, visca-udp: or serial:)`);
  }
  const parsed = DeviceConfigInput.safeParse(candidate);
  return parsed.success ? ok(parsed.data) : err(describeZodError(parsed.error));
}

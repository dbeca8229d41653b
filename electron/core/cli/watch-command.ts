/** `ptzctl watch <device-url>`: connects with the app's own driver and prints status and live position. */
import type { DeviceState } from '../../../shared/model/device-status';
import { openDevice, untilInterrupted, type CliIo } from './cli-env';
import { parseDeviceUrl } from './device-url';

/** One line for a device state: status, then position in physical units where known. */
export function formatState(s: DeviceState): string {
  const p = s.position;
  const deg = (v: number | null) => (v === null ? '?' : `${v >= 0 ? '+' : ''}${v.toFixed(2)}°`);
  const where = p
    ? ` pan ${deg(p.panDeg)} tilt ${deg(p.tiltDeg)} zoom ${p.zoomRatio === null ? `${(p.zoom * 100).toFixed(0)}%` : `${p.zoomRatio.toFixed(1)}×`}` +
      (p.irisF !== null ? ` F${p.irisF}` : '') +
      (p.irisMode ? ` ${p.irisMode}` : '')
    : '';
  const latency = s.latencyMs !== null ? ` ${s.latencyMs} ms` : '';
  const detail = s.status !== 'online' && s.statusDetail ? ` — ${s.statusDetail}` : '';
  const problem = s.problem ? ` [${s.problem.code}: ${s.problem.message}]` : '';
  return `${s.status}${latency}${where}${detail}${problem}`;
}

/**
 * Runs `ptzctl watch`: prints a line whenever status or position change, until `until` resolves (default
 * Ctrl+C), then stops the head and closes the link; 2 for a bad URL.
 */
export async function watchCommand(io: CliIo, url: string | undefined, until = untilInterrupted): Promise<number> {
  if (!url) {
    io.err('usage: ptzctl watch <device-url>');
    return 2;
  }
  const parsed = parseDeviceUrl(url);
  if (!parsed.ok) {
    io.err(`ptzctl watch: ${parsed.error}`);
    return 2;
  }
  const { device, close } = await openDevice(parsed.value);
  let last = '';
  const print = (s: DeviceState) => {
    const line = formatState(s);
    if (line !== last) io.out(line);
    last = line;
  };
  print(device.snapshot());
  const off = device.onChange(print);
  await until();
  off();
  await close();
  return 0;
}

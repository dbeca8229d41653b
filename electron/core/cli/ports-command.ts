/** `ptzctl ports`: the serial ports the OS lists, with what identifies an adapter across re-plugging. */
import { listSerialPorts, type SerialPortInfo } from '../devices/transports/serial-port';
import type { CliIo } from './cli-env';

/** Runs `ptzctl ports`: one line per port, then where to look for ports the OS does not list; 1 when listing fails. */
export async function portsCommand(
  io: CliIo,
  list: () => Promise<SerialPortInfo[]> = listSerialPorts,
): Promise<number> {
  let ports: SerialPortInfo[];
  try {
    ports = await list();
  } catch (e) {
    io.err(`ptzctl ports: ${(e as Error).message}`);
    return 1;
  }
  if (ports.length === 0) io.out('No serial ports listed by the OS.');
  for (const p of ports) {
    const id = p.vendorId && p.productId ? `${p.vendorId}:${p.productId}` : '-';
    io.out(
      [
        p.byIdPath ?? p.path,
        p.byIdPath ? `(${p.path})` : '',
        `vid:pid ${id}`,
        p.serialNumber ? `serial ${p.serialNumber}` : '',
        p.manufacturer ?? '',
      ]
        .filter(Boolean)
        .join('  '),
    );
  }
  io.out(
    'Note: pseudo-terminals (e.g. socat pty pairs) and some virtual ports are never listed; give their path directly. ' +
      'Prefer /dev/serial/by-id/… names in device URLs: they survive re-plugging.',
  );
  return 0;
}

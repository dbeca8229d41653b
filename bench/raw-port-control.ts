/**
 * Control for the idle-overhead figure: the same trial without the driver. A raw port writes the
 * pan-tilt frame itself, so what remains is the platform's share — the serial binding's write, the pty,
 * socat, the simulator's read — and its tail shows how noisy this machine is right now.
 */
import type { RawSerialPort } from '../electron/core/devices/transports/transport';
import { PAN_TILT_STOP, hexOf, panTiltFrame } from './joystick';
import { BYTE_MS, type SerialRig } from './serial-rig';
import { now, poll } from './timing';

/** `trials` writes on a quiet line, alternating two speeds; each sample is wire time minus the frame's own. */
export async function rawWriteOverhead(rig: SerialRig, port: RawSerialPort, trials: number): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < trials; i++) {
    await rig.waitQuiet(50, 5000);
    const frame = panTiltFrame({ pan: i % 2 === 0 ? 0.3 : -0.3, tilt: 0 });
    const hex = hexOf(frame);
    const from = rig.received.length;
    const t0 = now();
    void port.write(frame).catch(() => undefined);
    const rec = await poll(() => rig.received.slice(from).find((r) => hexOf(r.bytes) === hex), 1000);
    if (rec && rig.received[from] === rec) samples.push(rec.wireAt - t0 - frame.length * BYTE_MS);
  }
  await port.write(PAN_TILT_STOP);
  await rig.waitQuiet(50, 5000);
  return samples;
}

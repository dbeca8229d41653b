// The VISCA serial chain on a real socat pty pair, the port opened by the transport layer, a raw port on
// the other end as the controller: AddressSet, addressed commands, and a burst that backs up at 9600 baud.
import { afterEach, describe, expect, it } from 'vitest';
import { ViscaFramer, encodeAddressSet, encodeCommand, encodeInquiry } from '../devices/protocols/visca';
import { hexOf } from '../devices/protocols/visca/test-hex';
import { openSerialPort } from '../devices/transports/serial-port';
import type { RawSerialPort } from '../devices/transports/transport';
import { createPtyPair } from './pty-pair';
import { startSerialSimulator } from './serial-simulator';

describe('VISCA serial chain over a pty pair', () => {
  const cleanups: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it('answers a controller on the other end at wire speed', async () => {
    const pty = await createPtyPair();
    cleanups.push(() => pty.close());
    const line: RawSerialPort = await openSerialPort(pty.b, { baudRate: 9600 });
    cleanups.push(() => line.close());
    const sim = await startSerialSimulator({ endpoint: line, addresses: 3, baudRate: 9600 });
    cleanups.push(() => sim.close());
    const controller = await openSerialPort(pty.a, { baudRate: 9600 });
    cleanups.push(() => controller.close());
    const framer = new ViscaFramer();
    const got: string[] = [];
    controller.onData((chunk) => {
      for (const r of framer.push(chunk)) if (r.ok) got.push(hexOf(r.value));
    });

    await controller.write(encodeAddressSet());
    await expect.poll(() => got).toEqual(['88 30 04 FF']);
    await controller.write(
      encodeCommand(2, { kind: 'pan-tilt-drive', pan: 'right', tilt: 'stop', panSpeed: 0x18, tiltSpeed: 1 }),
    );
    await expect.poll(() => got.slice(1)).toEqual(['A0 41 FF', 'A0 51 FF']);
    expect(sim.cameras[1]!.snapshot().moving).toBe(true);
    expect(sim.cameras[0]!.snapshot().moving).toBe(false);

    // 40 inquiries (200 bytes) at once: they come off the wire over ≥ 208 ms, the port is paused on the
    // way, and the camera's input queue refuses what it cannot hold.
    const burst = new Uint8Array(200);
    for (let i = 0; i < 40; i++) burst.set(encodeInquiry(3, 'power'), i * 5);
    const before = sim.server.received.length;
    await controller.write(burst);
    await expect.poll(() => sim.server.received.length - before, { timeout: 5000 }).toBe(40);
    const frames = sim.server.received.slice(before);
    expect(frames.at(-1)!.wireAt - frames[0]!.wireAt).toBeGreaterThanOrEqual((39 * 5 * 10_000) / 9600 - 1);
    expect(sim.server.counters.pauses).toBeGreaterThanOrEqual(1);
    await expect.poll(() => got.length - 3, { timeout: 5000 }).toBe(40);
    const answers = got.slice(3);
    expect(answers.filter((h) => h === 'B0 50 02 FF').length + answers.filter((h) => h === 'B0 60 03 FF').length).toBe(
      40,
    );
    expect(answers).toContain('B0 60 03 FF');
  });
});

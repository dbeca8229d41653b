// A camera that answers with truncated, oversized and garbage datagrams around its real replies, over a
// real loopback UDP socket: the driver must report the problem, never throw, and keep working.
import dgram from 'node:dgram';
import { afterEach, describe, expect, it } from 'vitest';
import type { DeviceConfig } from '../../../../shared/model/device';
import { silentLogger } from '../../logger';
import { systemClock } from '../clock';
import { UdpTransportPool } from '../transports/udp-transport';
import { ViscaDevice } from './visca-device';
import { ViscaIpLink } from './visca-ip-link';

const header = (type: number, length: number, seq: number) => {
  const b = Buffer.alloc(8);
  b.writeUInt16BE(type, 0);
  b.writeUInt16BE(length, 2);
  b.writeUInt32BE(seq, 4);
  return b;
};

async function startBadCamera() {
  const socket = dgram.createSocket('udp4');
  const commands: string[] = [];
  socket.on('message', (msg, from) => {
    const send = (b: Buffer) => socket.send(b, from.port, from.address);
    const type = msg.readUInt16BE(0);
    const seq = msg.readUInt32BE(4);
    const payload = msg.subarray(8);
    if (type === 0x0200) return send(Buffer.concat([header(0x0201, 1, seq), Buffer.from([0x01])])); // RESET → ACK
    if (type === 0x0110) {
      // Inquiry: answer garbage first, then valid data: pan/tilt +834/−165, zoom 0x1000, iris F2.8, manual.
      send(Buffer.from('not visca at all'));
      const answers: Record<number, number[]> = {
        0x12: [0, 3, 4, 2, 0xf, 0xf, 5, 0xb],
        0x47: [1, 0, 0, 0],
        0x4b: [0, 0, 0, 0xe],
        0x39: [3],
      };
      const data = Buffer.from([0x90, 0x50, ...(answers[payload[3]!] ?? []), 0xff]);
      return send(Buffer.concat([header(0x0111, data.length, seq), data]));
    }
    commands.push(payload.toString('hex'));
    send(Buffer.concat([header(0x0111, 3, seq), Buffer.from([0x90, 0x41])])); // truncated: length says 3
    send(Buffer.concat([header(0x0111, 20, seq), Buffer.alloc(20, 0x90)])); // oversized VISCA payload
    send(Buffer.concat([header(0x0111, 3, seq), Buffer.from([0x90, 0x41, 0x00])])); // no terminator
    send(Buffer.concat([header(0x0111, 3, seq), Buffer.from([0x90, 0x41, 0xff])])); // finally a real ACK
    send(Buffer.concat([header(0x0111, 3, seq), Buffer.from([0x90, 0x51, 0xff])]));
  });
  await new Promise<void>((r) => socket.bind(0, '127.0.0.1', r));
  return { socket, port: socket.address().port, commands };
}

describe('VISCA over IP driver against malformed replies', () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0)) await c();
  });

  it('reports malformed replies, stays online and keeps driving', async () => {
    const cam = await startBadCamera();
    cleanups.push(() => new Promise<void>((r) => cam.socket.close(() => r())));
    const pool = new UdpTransportPool(silentLogger);
    cleanups.push(() => pool.closeAll());
    const config: DeviceConfig = {
      id: 'bad',
      name: 'Bad camera',
      protocol: 'visca-ip',
      host: '127.0.0.1',
      port: cam.port,
      enabled: true,
    };
    const device = new ViscaDevice(config, {
      clock: systemClock,
      log: silentLogger,
      pollMs: { moving: 50, idle: 50 },
      createChannel: () =>
        new ViscaIpLink({ host: '127.0.0.1', port: cam.port, pool, clock: systemClock, log: silentLogger }),
    });
    cleanups.push(() => device.destroy());
    const problems: string[] = [];
    device.onChange((s) => s.problem && problems.push(s.problem.code));
    await device.start();
    await expect.poll(() => device.status).toBe('online');
    device.setVelocity({ pan: 1 });
    await expect.poll(() => cam.commands).toContain('8101060118010203ff');
    await expect.poll(() => device.snapshot().position?.panDeg).toBeCloseTo(834 / 51.2, 1);
    expect(problems).toContain('malformed-reply');
    expect(device.status).toBe('online');
    await device.stop('operator');
    await expect.poll(() => cam.commands).toContain('8101060101010303ff');
  });
});

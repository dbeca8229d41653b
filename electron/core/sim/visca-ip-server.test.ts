import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  VISCA_VARIANTS,
  decodeInquiryAnswer,
  decodeReply,
  encodeCommand,
  encodeInquiry,
  type ViscaCommand,
  type ViscaInquiry,
} from '../devices/protocols/visca';
import { PayloadType, decodeViscaIp, encodeReset, encodeViscaIp, payloadTypeFor } from '../devices/protocols/visca-ip';
import { bytes, hexOf } from '../devices/protocols/visca/test-hex';
import { SimCamera, UNITS_PER_DEGREE } from './camera-model';
import { UdpTestClient } from './test-udp-client';
import { startViscaIpServer, type DatagramFilter, type ViscaIpServer } from './visca-ip-server';

const RIGHT: ViscaCommand = { kind: 'pan-tilt-drive', pan: 'right', tilt: 'stop', panSpeed: 0x0c, tiltSpeed: 1 };
const STOP: ViscaCommand = { kind: 'pan-tilt-drive', pan: 'stop', tilt: 'stop', panSpeed: 1, tiltSpeed: 1 };

const command = (sequence: number, cmd: ViscaCommand): Uint8Array => {
  const payload = encodeCommand(1, cmd);
  return encodeViscaIp({ type: payloadTypeFor(payload), sequence, payload });
};
const inquiry = (sequence: number, inq: ViscaInquiry): Uint8Array =>
  encodeViscaIp({ type: PayloadType.inquiry, sequence, payload: encodeInquiry(1, inq) });

describe('VISCA-over-IP server on loopback', () => {
  let t: number;
  let camera: SimCamera;
  let server: ViscaIpServer;
  let client: UdpTestClient;
  let filter: DatagramFilter | undefined;

  async function start(): Promise<void> {
    t = 10_000;
    camera = new SimCamera({ now: () => t });
    server = await startViscaIpServer({ camera, filter: (dir, b, peer) => filter?.(dir, b, peer) ?? 'pass' });
    client = await UdpTestClient.open();
  }
  const exchange = (d: Uint8Array, count = 1): Promise<string[]> =>
    client.exchange(d, server.port, count).then((r) => r.map(hexOf));

  beforeEach(async () => {
    filter = undefined;
    await start();
  });
  afterEach(async () => {
    await client.close();
    await server.close();
  });

  it('binds 127.0.0.1 on an ephemeral port by default', () => {
    expect(server.host).toBe('127.0.0.1');
    expect(server.port).toBeGreaterThan(0);
  });

  it('answers RESET with a control ACK carrying the same sequence number', async () => {
    expect(await exchange(encodeReset())).toEqual(['02 01 00 01 00 00 00 00 01']);
    expect(await exchange(encodeReset(0x0a0b0c0d))).toEqual(['02 01 00 01 0A 0B 0C 0D 01']);
    expect(server.received.map((r) => [r.kind, r.outcome])).toEqual([
      ['control', 'reset'],
      ['control', 'reset'],
    ]);
  });

  it('answers the §2.1 power-on (seq 1) with ACK and completion, same sequence', async () => {
    await exchange(encodeReset());
    expect(await exchange(bytes('01 00 00 06 00 00 00 01 81 01 04 00 02 FF'), 2)).toEqual([
      '01 11 00 03 00 00 00 01 90 41 FF',
      '01 11 00 03 00 00 00 01 90 51 FF',
    ]);
  });

  it('drives the model: pan increases after a right drive as the clock advances', async () => {
    await exchange(encodeReset());
    expect(await exchange(command(1, RIGHT), 2)).toEqual([
      '01 11 00 03 00 00 00 01 90 41 FF',
      '01 11 00 03 00 00 00 01 90 51 FF',
    ]);
    t += 1000;
    const [answer] = await client.exchange(inquiry(2, 'pan-tilt-position'), server.port);
    const msg = decodeViscaIp(answer!);
    expect(msg.ok && msg.value).toMatchObject({ type: PayloadType.reply, sequence: 2 });
    const reply = msg.ok ? decodeReply(msg.value.payload) : null;
    const data = reply?.ok && reply.value.kind === 'completion' ? reply.value.data : new Uint8Array(0);
    // 0x0C → 50 °/s for 1 s = 50° = 2560 units.
    expect(decodeInquiryAnswer('pan-tilt-position', data)).toEqual({
      ok: true,
      value: { inquiry: 'pan-tilt-position', pan: 2560, tilt: 0 },
    });
    expect(camera.snapshot().panDeg).toBeCloseTo(50, 6);
    const drive = server.received.find((r) => r.kind === 'command');
    expect(drive).toMatchObject({ t: 10_000, seq: 1, outcome: 'executed', pan: 'right', tilt: 'stop', command: RIGHT });
    expect(drive?.from).toEqual({ address: '127.0.0.1', port: client.port });
  });

  it('refuses a retransmitted sequence number with ERROR 0F 01 and does not run it again', async () => {
    await exchange(encodeReset());
    await exchange(command(1, RIGHT), 2);
    t += 500;
    await exchange(command(2, STOP), 2);
    const stoppedAt = camera.snapshot().panDeg;
    expect(stoppedAt).toBeCloseTo(25, 6);
    // The ACK of seq 1 was "lost": the controller resends seq 1 unchanged.
    expect(await exchange(command(1, RIGHT))).toEqual(['02 01 00 02 00 00 00 01 0F 01']);
    expect(await exchange(command(2, STOP))).toEqual(['02 01 00 02 00 00 00 02 0F 01']);
    t += 1000;
    expect(camera.snapshot().panDeg).toBe(stoppedAt);
    expect(server.counters.commandsExecuted).toBe(2);
    expect(server.counters.sequenceErrors).toBe(2);
    // A new number runs; after RESET numbering may start again at 1.
    expect(await exchange(command(3, RIGHT), 2)).toHaveLength(2);
    await exchange(encodeReset());
    expect(await exchange(command(1, STOP), 2)).toEqual([
      '01 11 00 03 00 00 00 01 90 41 FF',
      '01 11 00 03 00 00 00 01 90 51 FF',
    ]);
  });

  it('answers a repeated inquiry every time (no sequence check for inquiries)', async () => {
    await exchange(encodeReset());
    const first = await exchange(inquiry(1, 'power'));
    expect(first).toEqual(['01 11 00 04 00 00 00 01 90 50 02 FF']);
    expect(await exchange(inquiry(1, 'power'))).toEqual(first);
  });

  it('accepts numbering that wraps past 0xFFFFFFFF', async () => {
    await exchange(encodeReset());
    expect(await exchange(command(0xffffffff, RIGHT), 2)).toHaveLength(2);
    expect(await exchange(command(0, STOP), 2)).toEqual([
      '01 11 00 03 00 00 00 00 90 41 FF',
      '01 11 00 03 00 00 00 00 90 51 FF',
    ]);
    expect(server.counters.sequenceErrors).toBe(0);
  });

  it('answers malformed datagrams with ERROR 0F 02 and undecodable VISCA with a syntax error, then carries on', async () => {
    const cases: Array<[string, string]> = [
      ['', '02 01 00 02 00 00 00 00 0F 02'],
      ['13 37', '02 01 00 02 00 00 00 00 0F 02'],
      ['01 00 00 09 00 00 00 05 81 01 04 00 02 FF', '02 01 00 02 00 00 00 05 0F 02'], // length field lies
      ['03 00 00 01 00 00 00 06 01', '02 01 00 02 00 00 00 06 0F 02'], // unknown payload type
      ['01 11 00 03 00 00 00 07 90 41 FF', '02 01 00 02 00 00 00 07 0F 02'], // a reply sent to the camera
      ['02 00 00 02 00 00 00 08 0F 01', '02 01 00 02 00 00 00 08 0F 02'], // control that is not RESET
      ['01 00 00 06 00 00 00 09 81 01 04 5F 02 FF', '01 11 00 04 00 00 00 09 90 60 02 FF'], // unsupported command
      ['01 00 00 04 00 00 00 0A 81 01 04 00', '01 11 00 04 00 00 00 0A 90 60 02 FF'], // VISCA without FF
      ['01 00 00 06 00 00 00 0B 82 01 04 00 02 FF', '01 11 00 04 00 00 00 0B 90 60 02 FF'], // address 2 over IP
    ];
    for (const [request, expected] of cases) expect(await exchange(bytes(request)), request).toEqual([expected]);
    // A burst of random garbage, then a normal inquiry is still answered.
    let x = 12345;
    for (let i = 0; i < 50; i++) {
      const junk = new Uint8Array(i % 30);
      for (let j = 0; j < junk.length; j++) junk[j] = (x = (x * 1103515245 + 12345) >>> 0) >>> 24;
      await exchange(junk);
    }
    expect(await exchange(inquiry(77, 'power'))).toEqual(['01 11 00 04 00 00 00 4D 90 50 02 FF']);
    expect(server.counters.internalErrors).toBe(0);
    expect(server.received.filter((r) => r.kind === 'invalid').length).toBeGreaterThanOrEqual(8);
  });

  it('answers a refused command with the VISCA error instead of ACK and lets it be retried', async () => {
    await exchange(encodeReset());
    const iris: ViscaCommand = { kind: 'iris-direct', position: 0x05 };
    expect(await exchange(command(1, iris))).toEqual(['01 11 00 04 00 00 00 01 90 61 41 FF']);
    await exchange(command(2, { kind: 'ae-mode', mode: 'manual' }), 2);
    expect(await exchange(command(3, iris), 2)).toHaveLength(2);
    expect(camera.snapshot().irisCode).toBe(0x05);
    expect(server.received[1]).toMatchObject({ outcome: 'visca-error', error: 'not-executable' });
  });

  it('answers every inquiry with the model state', async () => {
    camera.apply({ kind: 'ae-mode', mode: 'manual' });
    camera.apply({ kind: 'iris-direct', position: 0x0a });
    camera.apply({ kind: 'zoom-direct', position: 0x1234 });
    camera.apply({ kind: 'pan-tilt-drive', pan: 'left', tilt: 'down', panSpeed: 0x18, tiltSpeed: 0x17 });
    t += 1000;
    const inquiries: ViscaInquiry[] = [
      'pan-tilt-position',
      'zoom-position',
      'iris-position',
      'ae-mode',
      'power',
      'version',
    ];
    let seq = 100;
    for (const inq of inquiries) {
      const [raw] = await client.exchange(inquiry(++seq, inq), server.port);
      const msg = decodeViscaIp(raw!);
      const reply = msg.ok ? decodeReply(msg.value.payload) : null;
      expect(reply?.ok && reply.value.kind, inq).toBe('completion');
      if (reply?.ok && reply.value.kind === 'completion') {
        expect(decodeInquiryAnswer(inq, reply.value.data)).toEqual({ ok: true, value: camera.answer(inq) });
      }
    }
    expect(camera.answer('pan-tilt-position')).toEqual({
      inquiry: 'pan-tilt-position',
      pan: -100 * UNITS_PER_DEGREE,
      tilt: -30 * UNITS_PER_DEGREE, // held at the lower limit
    });
    expect(camera.answer('zoom-position')).toEqual({ inquiry: 'zoom-position', position: 0x1234 });
  });

  it('lets a filter drop incoming and outgoing datagrams', async () => {
    await exchange(encodeReset());
    filter = (dir, b) => (dir === 'in' && b[7] === 1 ? 'drop' : 'pass');
    await client.send(command(1, RIGHT), server.port);
    // Loopback UDP keeps order: had seq 1 been answered, its ACK would arrive before this reply.
    expect(await exchange(inquiry(2, 'power'))).toEqual(['01 11 00 04 00 00 00 02 90 50 02 FF']);
    expect(server.counters.droppedIn).toBe(1);
    expect(camera.snapshot().moving).toBe(false);
    // Drop the ACK only: the completion still arrives.
    filter = (dir, b) => (dir === 'out' && b[9] === 0x41 ? 'drop' : 'pass');
    expect(await exchange(command(3, RIGHT))).toEqual(['01 11 00 03 00 00 00 03 90 51 FF']);
    expect(server.counters.droppedOut).toBe(1);
    // A filter that throws counts as pass.
    filter = () => {
      throw new Error('broken filter');
    };
    expect(await exchange(inquiry(4, 'power'))).toHaveLength(1);
  });

  it('close() is idempotent and rejects nothing', async () => {
    await server.close();
    await expect(server.close()).resolves.toBeUndefined();
  });

  it('rejects when the port is taken', async () => {
    await expect(startViscaIpServer({ camera, port: server.port })).rejects.toMatchObject({ code: 'EADDRINUSE' });
  });
});

describe('VISCA-over-IP server for a 20-bit (FR7-class) camera', () => {
  it('accepts the 17-byte absolute move and answers with 20-bit positions', async () => {
    const fr7 = VISCA_VARIANTS['sony-ilme-fr7'];
    // A stopped clock: the head stays put, so the answer is exact.
    const camera = new SimCamera({ variant: fr7, now: () => 0 });
    const server = await startViscaIpServer({ camera, timing: { cycleMs: 0 } });
    const client = await UdpTestClient.open();
    try {
      const payload = encodeCommand(
        1,
        { kind: 'pan-tilt-absolute', pan: 0x12345, tilt: -1, panSpeed: 1, tiltSpeed: 1 },
        fr7,
      );
      expect(payload).toHaveLength(17);
      const datagram = encodeViscaIp({ type: PayloadType.command, sequence: 1, payload }, { maxPayload: 17 });
      expect((await client.exchange(datagram, server.port, 2)).map(hexOf)).toEqual([
        '01 11 00 03 00 00 00 01 90 41 FF',
        '01 11 00 03 00 00 00 01 90 51 FF',
      ]);
      const [answer] = await client.exchange(inquiry(2, 'pan-tilt-position'), server.port);
      expect(hexOf(answer!)).toBe('01 11 00 0D 00 00 00 02 90 50 00 00 00 00 00 00 00 00 00 00 FF');
    } finally {
      await client.close();
      await server.close();
    }
  });
});

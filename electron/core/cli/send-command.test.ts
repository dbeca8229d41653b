// `ptzctl send` against the real simulator on loopback (VISCA over IP, raw TCP and UDP), and its failures.
import { createSocket } from 'node:dgram';
import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../sim/simulator';
import type { Carrier } from './send-carriers';
import { sendMessageCommand } from './send-command';
import { recordingIo } from './test-io';

const DRIVE_RIGHT =
  '{"protocol":"visca","address":1,"command":{"kind":"pan-tilt-drive","pan":"right","tilt":"stop","panSpeed":24,"tiltSpeed":1}}';
const DRIVE_STOP =
  '{"protocol":"visca","address":1,"command":{"kind":"pan-tilt-drive","pan":"stop","tilt":"stop","panSpeed":1,"tiltSpeed":1}}';

async function send(...argv: string[]) {
  const io = recordingIo();
  const code = await sendMessageCommand(io, argv);
  return { code, io };
}

describe('ptzctl send', () => {
  const sims: Simulator[] = [];
  afterEach(async () => {
    for (const s of sims.splice(0)) await s.close();
  });
  const simulator = async (kind: 'visca-ip' | 'visca-tcp' | 'visca-udp') => {
    const sim = await startSimulator({ cameras: 1, kind });
    sims.push(sim);
    const cam = sim.cameras[0]!;
    return { sim, cam, url: `${kind}://127.0.0.1:${cam.port}` };
  };

  it('visca-ip: wraps a plain VISCA command after a RESET and prints ACK and completion', async () => {
    const { cam, url } = await simulator('visca-ip');
    const { code, io } = await send(url, DRIVE_RIGHT);
    expect(io.errors).toEqual([]);
    expect(code).toBe(0);
    expect(io.lines).toEqual([
      `→ 02 00 00 01 00 00 00 00 01  RESET via 127.0.0.1:${cam.port} (UDP)`,
      '← 02 01 00 01 00 00 00 00 01  control ACK: RESET done, numbering restarts at 1 (seq 0)',
      `→ 01 00 00 09 00 00 00 01 81 01 06 01 18 01 02 03 FF  seq 1 via 127.0.0.1:${cam.port} (UDP)`,
      '← 01 11 00 03 00 00 00 01 90 41 FF  ACK socket 1 (seq 1)',
      '← 01 11 00 03 00 00 00 01 90 51 FF  completion socket 1 (seq 1)',
      'note: the head keeps moving until it gets a stop, e.g. the command {"kind":"pan-tilt-drive","pan":"stop","tilt":"stop","panSpeed":1,"tiltSpeed":1}',
    ]);
    expect(cam.camera.snapshot().moving).toBe(true);
    expect((await send(url, DRIVE_STOP)).code).toBe(0);
    await expect.poll(() => cam.camera.snapshot().moving).toBe(false);
  });

  it('visca-ip: --sequence skips the RESET; an inquiry answer is decoded', async () => {
    const { url } = await simulator('visca-ip');
    const { code, io } = await send(url, '{"protocol":"visca","address":1,"inquiry":"power"}', '--sequence', '41');
    expect(code).toBe(0);
    expect(io.lines[0]).toMatch(/^→ 01 10 00 05 00 00 00 29 81 09 04 00 FF {2}seq 41 via /);
    expect(io.lines[1]).toBe('← 01 11 00 04 00 00 00 29 90 50 02 FF  inquiry answer: on true (seq 41)');
    expect(io.lines).toHaveLength(2);
  });

  it('visca-ip: a camera error is a final reply (exit 0), printed with its meaning', async () => {
    const { url } = await simulator('visca-ip');
    const { code, io } = await send(url, '{"protocol":"visca-ip","sequence":3,"command":{"kind":"if-clear"}}');
    expect(code).toBe(0);
    // The simulated camera refuses IF_Clear over IP as a syntax error.
    expect(io.lines.at(-1)).toBe(
      '← 01 11 00 04 00 00 00 03 90 60 02 FF  error: syntax — the camera does not know this command, or a value is outside its range (seq 3)',
    );
    const cancel = await send(url, '{"protocol":"visca","address":1,"cancel":2}', '--sequence', '4');
    expect(cancel.code).toBe(0);
    expect(cancel.io.lines.at(-1)).toBe(
      '← 01 11 00 04 00 00 00 04 90 62 05 FF  error: no-socket (socket 2) — no command in that socket (nothing to cancel) (seq 4)',
    );
  });

  it('visca-ip: a repeated sequence number comes back as a control error', async () => {
    const { url } = await simulator('visca-ip');
    const message = '{"protocol":"visca-ip","sequence":7,"command":{"kind":"pan-tilt-home"}}';
    expect((await send(url, message)).code).toBe(0);
    const again = await send(url, message);
    expect(again.code).toBe(0);
    expect(again.io.lines.at(-1)).toMatch(/^← 02 01 00 02 00 00 00 07 0F 01 {2}control error: sequence number/);
  });

  it.each(['visca-tcp', 'visca-udp'] as const)('%s: raw VISCA, ACK and completion', async (kind) => {
    const { cam, url } = await simulator(kind);
    const { code, io } = await send(url, DRIVE_RIGHT);
    expect(io.errors).toEqual([]);
    expect(code).toBe(0);
    expect(io.lines.slice(0, 3)).toEqual([
      `→ 81 01 06 01 18 01 02 03 FF  to camera 1 via 127.0.0.1:${cam.port} (${kind === 'visca-tcp' ? 'TCP' : 'UDP'})`,
      '← 90 41 FF  ACK socket 1',
      '← 90 51 FF  completion socket 1',
    ]);
    expect(cam.camera.snapshot().moving).toBe(true);
    const stop = await send(url, DRIVE_STOP);
    expect(stop.code).toBe(0);
    expect(stop.io.lines).toHaveLength(3); // no stop hint after a stop
  });

  it('visca-tcp: an inquiry answer in native units', async () => {
    const { url } = await simulator('visca-tcp');
    const { code, io } = await send(url, '{"protocol":"visca","address":1,"inquiry":"pan-tilt-position"}');
    expect(code).toBe(0);
    expect(io.lines[1]).toBe('← 90 50 00 00 00 00 00 00 00 00 FF  inquiry answer: pan 0, tilt 0');
  });

  it('UDP port nobody listens on: exit 1 with what to check', async () => {
    const probe = createSocket('udp4');
    await new Promise<void>((resolve) => probe.bind(0, '127.0.0.1', () => resolve()));
    const port = probe.address().port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));

    const ip = await send(`visca-ip://127.0.0.1:${port}`, DRIVE_RIGHT, '--timeout', '300');
    expect(ip.code).toBe(1);
    expect(ip.io.errors).toEqual([
      `ptzctl send: no answer to the VISCA-over-IP RESET from 127.0.0.1:${port} (UDP) within 300 ms: check that the camera is powered and reachable (ping it), that VISCA over IP is enabled on it, the port (Sony: 52381) and that no firewall drops UDP`,
    ]);
    const raw = await send(`visca-udp://127.0.0.1:${port}`, DRIVE_RIGHT, '--timeout=300');
    expect(raw.code).toBe(1);
    expect(raw.io.errors[0]).toMatch(/^ptzctl send: no reply from 127\.0\.0\.1:\d+ \(UDP\) within 300 ms: check that /);
  });

  it("TCP port nobody listens on: exit 1 with the transport's explanation", async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const port = (server.address() as { port: number }).port;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const { code, io } = await send(`visca-tcp://127.0.0.1:${port}`, DRIVE_RIGHT);
    expect(code).toBe(1);
    expect(io.lines).toEqual([]);
    expect(io.errors).toEqual([
      `ptzctl send: Connection refused by 127.0.0.1:${port}: is this the camera's control port, and is that protocol enabled on the camera?`,
    ]);
  });

  it('an ACK without a completion is a timeout that says the command may still run', async () => {
    const listeners = new Set<(chunk: Uint8Array) => void>();
    const carrier: Carrier = {
      label: 'fake (TCP)',
      datagrams: false,
      write: async () => {
        // Answer with an ACK only, split over two chunks as a stream may deliver it.
        for (const l of listeners) l(Uint8Array.of(0x90, 0x41));
        for (const l of listeners) l(Uint8Array.of(0xff));
      },
      onData: (l) => {
        listeners.add(l);
        return () => listeners.delete(l);
      },
      close: async () => undefined,
    };
    const io = recordingIo();
    const code = await sendMessageCommand(io, ['visca-tcp://127.0.0.1', DRIVE_RIGHT, '--timeout', '200'], {
      openCarrier: async () => ({ ok: true, value: carrier }),
    });
    expect(code).toBe(1);
    expect(io.lines.at(-1)).toBe('← 90 41 FF  ACK socket 1');
    expect(io.errors).toEqual([
      'ptzctl send: ACK but no completion within 200 ms: the command may still be running (a long move?); try a longer --timeout',
    ]);
  });

  it.each([
    [
      ['visca-ip://127.0.0.1', '{"protocol":"pelco-d","address":1,"command":{"kind":"remote-reset"}}'],
      /the URL speaks VISCA \(visca-ip\) but the message is pelco-d/,
    ],
    [['serial:///dev/ttyUSB0?protocol=pelco-d', DRIVE_RIGHT], /the URL speaks pelco-d but the message is visca/],
    [
      [
        'serial:///dev/ttyUSB0?protocol=pelco-p',
        '{"protocol":"pelco-d","address":1,"command":{"kind":"remote-reset"}}',
      ],
      /the URL speaks pelco-p but the message is pelco-d/,
    ],
    [
      ['visca-tcp://127.0.0.1', '{"protocol":"visca-ip","control":"reset"}'],
      /visca-ip messages need a visca-ip:\/\/ URL/,
    ],
    [['visca-ip://127.0.0.1', '{"protocol":"visca","broadcast":"address-set"}'], /broadcasts .* are for serial chains/],
    [
      ['visca-ip://127.0.0.1', '{"protocol":"visca","address":2,"inquiry":"power"}'],
      /over IP the camera address is always 1, not 2/,
    ],
    [['serial:///dev/ttyUSB0?address=3', DRIVE_RIGHT], /the URL names address 3 but the message is for address 1/],
    [
      ['visca-tcp://127.0.0.1', DRIVE_RIGHT, '--sequence', '2'],
      /--sequence applies to a plain "visca" message sent to a visca-ip:\/\/ URL/,
    ],
    [['visca-ip://127.0.0.1', DRIVE_RIGHT, '--timeout', 'soon'], /--timeout needs a whole number/],
    [['tcp://127.0.0.1', DRIVE_RIGHT], /unknown scheme "tcp:"/],
    [['visca-ip://127.0.0.1', '{"protocol":"visca"'], /not valid JSON/],
    [['visca-ip://127.0.0.1'], /give a device URL and a message/],
  ])('usage error, nothing opened: %j', async (argv, message) => {
    const io = recordingIo();
    let opened = false;
    const code = await sendMessageCommand(io, argv, {
      openCarrier: async () => {
        opened = true;
        throw new Error('must not open');
      },
    });
    expect(code).toBe(2);
    expect(opened).toBe(false);
    expect(io.errors).toHaveLength(1);
    expect(io.errors[0]).toMatch(message);
  });
});

import { describe, expect, it } from 'vitest';
import type { SerialPortInfo } from '../devices/transports/serial-port';
import { runPtzctl } from './run-ptzctl';
import { recordingIo } from './test-io';

const port = (over: Partial<SerialPortInfo>): SerialPortInfo => ({
  path: '/dev/ttyUSB0',
  byIdPath: null,
  manufacturer: null,
  serialNumber: null,
  vendorId: null,
  productId: null,
  pnpId: null,
  ...over,
});

describe('ptzctl', () => {
  it.each([[[]], [['help']], [['--help']], [['encode', '--help']]])('%j prints the usage', async (argv) => {
    const io = recordingIo();
    expect(await runPtzctl(argv, io)).toBe(0);
    const text = io.text();
    for (const command of ['ports', 'encode', 'send', 'watch', 'sim'])
      expect(text).toMatch(new RegExp(`^  ${command}\\b`, 'm'));
    expect(text).toContain('visca-ip://HOST[:PORT]');
    expect(text).toContain('serial:///dev/ttyUSB0?protocol=visca&address=1&baud=9600');
    expect(text).toContain('README.md, section "ptzctl"');
  });

  it('refuses an unknown command with exit 2 and one line', async () => {
    const io = recordingIo();
    expect(await runPtzctl(['move'], io)).toBe(2);
    expect(io.errors).toEqual([
      'ptzctl: unknown command "move" (commands: ports, encode, send, watch, sim, ip-setup, help)',
    ]);
  });

  it('ports: lists ports with VID:PID and serial number, and the note on unlisted ports', async () => {
    const io = recordingIo();
    const listPorts = async () => [
      port({
        path: '/dev/ttyUSB0',
        byIdPath: '/dev/serial/by-id/usb-FTDI_FT232R-if00-port0',
        vendorId: '0403',
        productId: '6001',
        serialNumber: 'A10K3Z',
        manufacturer: 'FTDI',
      }),
      port({ path: '/dev/ttyS0' }),
    ];
    expect(await runPtzctl(['ports'], io, { listPorts })).toBe(0);
    expect(io.lines).toEqual([
      '/dev/serial/by-id/usb-FTDI_FT232R-if00-port0  (/dev/ttyUSB0)  vid:pid 0403:6001  serial A10K3Z  FTDI',
      '/dev/ttyS0  vid:pid -',
      expect.stringMatching(/^Note: pseudo-terminals .* are never listed/),
    ]);
  });

  it('ports: a listing failure is exit 1 with the reason', async () => {
    const io = recordingIo();
    const listPorts = async (): Promise<SerialPortInfo[]> => {
      throw new Error('Cannot list serial ports: udevadm is missing: install udev (apt-get install udev)');
    };
    expect(await runPtzctl(['ports'], io, { listPorts })).toBe(1);
    expect(io.errors).toEqual([
      'ptzctl ports: Cannot list serial ports: udevadm is missing: install udev (apt-get install udev)',
    ]);
    expect(await runPtzctl(['ports', 'extra'], recordingIo())).toBe(2);
  });

  it('anything unexpected becomes one line and exit 1, never a stack', async () => {
    const io = recordingIo();
    const code = await runPtzctl(
      ['send', 'visca-tcp://127.0.0.1:5678', '{"protocol":"visca","address":1,"inquiry":"power"}'],
      io,
      {
        send: {
          openCarrier: () => {
            throw new Error('boom');
          },
        },
      },
    );
    expect(code).toBe(1);
    expect(io.errors).toEqual(['ptzctl send: boom']);
  });

  it('sim: runs the simulator until told to stop, and send talks to it', async () => {
    const simIo = recordingIo();
    let stop!: () => void;
    const stopped = new Promise<void>((resolve) => (stop = resolve));
    const sim = runPtzctl(['sim', '--protocol', 'visca-tcp', '--port', '0', '--cameras', '1'], simIo, {
      until: () => stopped,
    });
    await expect.poll(() => simIo.lines[0]).toMatch(/^camera 1: visca-tcp:\/\/127\.0\.0\.1:\d+$/);
    const url = simIo.lines[0]!.slice('camera 1: '.length);

    const io = recordingIo();
    expect(
      await runPtzctl(['send', url, '{"protocol":"visca","address":1,"command":{"kind":"pan-tilt-home"}}'], io),
    ).toBe(0);
    expect(io.lines.slice(1, 3)).toEqual(['← 90 41 FF  ACK socket 1', '← 90 51 FF  completion socket 1']);

    stop();
    expect(await sim).toBe(0);
    expect(simIo.errors).toEqual([]);
  });

  it('sim: its own usage errors and help', async () => {
    const io = recordingIo();
    expect(await runPtzctl(['sim', '--cameras', '0'], io)).toBe(2);
    expect(io.errors).toEqual(['sim: --cameras must be in 1–64, got 0']);
    const help = recordingIo();
    expect(await runPtzctl(['sim', '--help'], help)).toBe(0);
    expect(help.lines[0]).toMatch(/^usage: sim /);
  });
});

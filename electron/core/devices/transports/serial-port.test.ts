import { spawn, spawnSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PtyPair } from '../../sim/pty-pair';
import { createPtyPair } from '../../sim/pty-pair';
import { byIdLinks, listSerialPorts, openSerialPort } from './serial-port';
import { SerialPortError, toSerialPortError } from './serial-port-errors';
import type { RawSerialPort } from './transport';

const require_ = createRequire(import.meta.url);

let pair: PtyPair | null = null;
let dir = '';
const ports: RawSerialPort[] = [];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ptz-serial-port-'));
});

afterEach(async () => {
  await Promise.all(ports.splice(0).map((p) => p.close()));
  await pair?.close();
  pair = null;
  await rm(dir, { recursive: true, force: true });
});

async function open(path: string, baudRate = 9600): Promise<RawSerialPort> {
  const port = await openSerialPort(path, { baudRate });
  ports.push(port);
  return port;
}

/** Everything the port reads, concatenated, as hex. */
function collect(port: RawSerialPort): { hex: () => string; length: () => number } {
  const chunks: Uint8Array[] = [];
  port.onData((c) => chunks.push(c));
  return {
    hex: () => Buffer.concat(chunks).toString('hex'),
    length: () => chunks.reduce((n, c) => n + c.length, 0),
  };
}

async function openFailure(path: string, options = { baudRate: 9600 }): Promise<SerialPortError> {
  const error = await openSerialPort(path, options).then(
    (p) => {
      ports.push(p);
      throw new Error(`${path} opened unexpectedly`);
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SerialPortError);
  return error as SerialPortError;
}

describe('openSerialPort over a socat pty pair', () => {
  it.each([9600, 2400])('carries bytes both ways at %i baud', async (baudRate) => {
    pair = await createPtyPair();
    const a = await open(pair.a, baudRate);
    const b = await open(pair.b, baudRate);
    const atA = collect(a);
    const atB = collect(b);
    await a.write(Uint8Array.of(0x81, 0x01, 0x04, 0x07, 0x02, 0xff));
    await b.write(Uint8Array.of(0x90, 0x41, 0xff));
    await expect.poll(() => atB.hex()).toBe('8101040702ff');
    await expect.poll(() => atA.hex()).toBe('9041ff');
  });

  it('stops reading while paused, so the writer backs up, and delivers everything in order on resume', async () => {
    pair = await createPtyPair();
    const writer = await open(pair.a);
    const reader = await open(pair.b);
    const got = collect(reader);
    reader.pause();
    const payload = Buffer.alloc(256 * 1024, 0);
    for (let i = 0; i < payload.length; i++) payload[i] = (i * 7) & 0xff;
    let written = false;
    const writing = writer.write(payload).then(() => (written = true));
    // Give the OS time to fill its buffers; a reader that kept reading would let the write finish.
    await new Promise((r) => setTimeout(r, 300));
    expect(written).toBe(false);
    expect(got.length()).toBeLessThanOrEqual(256);
    reader.resume();
    await writing;
    await expect.poll(() => got.length()).toBe(payload.length);
    expect(got.hex()).toBe(payload.toString('hex'));
  });

  it('refuses a second opener of a locked port with an "in use" message naming the holder', async () => {
    pair = await createPtyPair();
    await open(pair.a);
    const error = await openFailure(pair.a);
    expect(error.code).toBe('EBUSY');
    // The flock owner comes from /proc/locks: exactly us, not socat (which also has the pty open).
    expect(error.message).toBe(`${pair.a} is in use by another program (PID ${process.pid}, this program)`);
  });

  it('names another process that holds the lock', async () => {
    pair = await createPtyPair();
    const serialport = require_.resolve('serialport');
    const script = `require(${JSON.stringify(serialport)}).SerialPort.binding.open({ path: process.argv[1], baudRate: 9600 }).then(() => { console.log('READY'); setInterval(() => {}, 1000); })`;
    const holder = spawn(process.execPath, ['-e', script, pair.a], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      await new Promise<void>((resolve, reject) => {
        holder.stdout.on('data', (d: Buffer) => d.toString().includes('READY') && resolve());
        holder.once('exit', () => reject(new Error('holder exited')));
      });
      const error = await openFailure(pair.a);
      expect(error.code).toBe('EBUSY');
      expect(error.message).toBe(`${pair.a} is in use by another program (PID ${holder.pid} node)`);
    } finally {
      const exited = new Promise((r) => holder.once('exit', r));
      if (holder.exitCode === null && holder.kill()) await exited;
    }
  });

  it('reports a missing port with ENOENT and a hint', async () => {
    const path = join(dir, 'ttyUSB9');
    const error = await openFailure(path);
    expect(error.code).toBe('ENOENT');
    expect(error.message).toBe(`No such port ${path} (unplugged? renamed? prefer /dev/serial/by-id/…)`);
  });

  it('reports a file that is not a tty as "not a serial port"', async () => {
    const path = join(dir, 'plain-file');
    await writeFile(path, 'x');
    const error = await openFailure(path);
    expect(error.code).toBe('ENOTTY');
    expect(error.message).toBe(`${path} is not a serial port`);
  });

  it('reports permission denied with the dialout / udev fix (real EACCES from the OS)', async () => {
    pair = await createPtyPair();
    const device = await realpath(pair.a);
    let error: SerialPortError;
    if (process.getuid?.() === 0) {
      // Root ignores file modes, so let an unprivileged child hit the real OS error through the same
      // binding, and map what it got.
      const serialport = require_.resolve('serialport');
      const script = `require(${JSON.stringify(serialport)}).SerialPort.binding.open({ path: process.argv[1], baudRate: 9600 }).then(() => console.log('OPENED'), (e) => console.log(e.message))`;
      const child = spawnSync(process.execPath, ['-e', script, device], { uid: 65534, gid: 65534, encoding: 'utf8' });
      expect(child.stdout).not.toContain('OPENED');
      error = toSerialPortError(new Error(child.stdout.trim()), device);
    } else {
      await chmod(device, 0o000);
      error = await openFailure(device);
    }
    expect(error.code).toBe('EACCES');
    expect(error.message).toBe(
      `Permission denied on ${device}: add your user to the dialout group (then log out and in) or install the udev rule build/linux/60-ptz-console-serial.rules`,
    );
  });

  it('reports an unplug while open through onClose with an error', async () => {
    pair = await createPtyPair();
    const a = await open(pair.a);
    const closes: (Error | undefined)[] = [];
    a.onClose((e) => closes.push(e));
    await pair.unplug();
    // The close event is unreliable on real adapters (hence SerialTransport's path poll), but a pty
    // hang-up does surface as a read error.
    await expect.poll(() => closes.length).toBe(1);
    expect(closes[0]).toBeInstanceOf(Error);
    await expect(a.write(Uint8Array.of(1))).rejects.toThrow(/closed/);
  });

  it('fires onClose without an error on close(), releases the lock, and rejects later writes', async () => {
    pair = await createPtyPair();
    const a = await openSerialPort(pair.a, { baudRate: 9600 });
    const closes: (Error | undefined)[] = [];
    a.onClose((e) => closes.push(e));
    await a.close();
    expect(closes).toEqual([undefined]);
    await expect(a.write(Uint8Array.of(1))).rejects.toThrow(`${pair.a} is closed`);
    await open(pair.a); // the lock is free again
  });
});

describe('listing ports', () => {
  it('lists the OS ports with nulls for unknown details', async () => {
    const list = await listSerialPorts();
    for (const p of list) {
      expect(typeof p.path).toBe('string');
      expect(p).toHaveProperty('byIdPath');
      for (const key of ['manufacturer', 'serialNumber', 'vendorId', 'productId', 'pnpId'] as const) {
        expect(p[key] === null || typeof p[key] === 'string').toBe(true);
      }
    }
  });

  it('resolves /dev/serial/by-id style links to the device they point at', async () => {
    pair = await createPtyPair();
    const byId = join(dir, 'by-id');
    await mkdir(byId);
    await symlink(await realpath(pair.a), join(byId, 'usb-FTDI_FT232R_USB_UART_A1-if00-port0'));
    await symlink(join(dir, 'gone'), join(byId, 'usb-dangling'));
    const links = await byIdLinks(byId);
    expect([...links]).toEqual([[await realpath(pair.a), join(byId, 'usb-FTDI_FT232R_USB_UART_A1-if00-port0')]]);
    expect(await byIdLinks(join(dir, 'absent'))).toEqual(new Map());
  });

  it('names the fix when the port list cannot be read (no udevadm)', async () => {
    const saved = process.env.PATH;
    process.env.PATH = dir; // an empty directory: udevadm cannot be found
    try {
      await expect(listSerialPorts()).rejects.toThrow(
        /^Cannot list serial ports: udevadm is missing: install udev \(apt-get install udev\)/,
      );
    } finally {
      process.env.PATH = saved;
    }
  });
});

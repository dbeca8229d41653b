import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PtyPair } from '../../sim/pty-pair';
import { createPtyPair } from '../../sim/pty-pair';
import { openSerialPort } from './serial-port';
import type { SerialTransportOptions } from './serial-transport';
import { SerialTransport } from './serial-transport';
import type { OpenSerialPort, RawSerialPort, StreamProblem, StreamState } from './transport';

/** Small intervals: these tests use real ptys and real timers. */
const FAST = { backoffInitialMs: 20, backoffMaxMs: 200, presencePollMs: 25 };

let dir = '';
const pairs: PtyPair[] = [];
const transports: SerialTransport[] = [];
const rawPorts: RawSerialPort[] = [];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ptz-serial-transport-'));
});

afterEach(async () => {
  vi.useRealTimers();
  await Promise.all(transports.splice(0).map((t) => t.close()));
  await Promise.all(rawPorts.splice(0).map((p) => p.close()));
  await Promise.all(pairs.splice(0).map((p) => p.close()));
  await rm(dir, { recursive: true, force: true });
});

async function pty(options?: Parameters<typeof createPtyPair>[0]): Promise<PtyPair> {
  const pair = await createPtyPair(options);
  pairs.push(pair);
  return pair;
}

function transport(options: Partial<SerialTransportOptions> & { path: string }): SerialTransport {
  const t = new SerialTransport({ baudRate: 9600, ...FAST, ...options });
  transports.push(t);
  return t;
}

/** The far end of the "cable", reopened after every replug. */
async function peer(path: string): Promise<{ port: RawSerialPort; hex: () => string }> {
  const port = await openSerialPort(path, { baudRate: 9600 });
  rawPorts.push(port);
  const chunks: Uint8Array[] = [];
  port.onData((c) => chunks.push(c));
  return { port, hex: () => Buffer.concat(chunks).toString('hex') };
}

/** States (consecutive repeats folded), problems in order, and all bytes read. */
function record(t: SerialTransport): { states: StreamState[]; problems: StreamProblem[]; hex: () => string } {
  const states: StreamState[] = [];
  const problems: StreamProblem[] = [];
  const chunks: Uint8Array[] = [];
  t.onState((s, p) => {
    if (states.at(-1) !== s) states.push(s);
    if (p) problems.push(p);
  });
  t.onData((c) => chunks.push(c));
  return { states, problems, hex: () => Buffer.concat(chunks).toString('hex') };
}

/** An opener whose ports hide their close events, like adapters on OSes that never report an unplug. */
const deafOpener: OpenSerialPort = async (path, options) => {
  const port = await openSerialPort(path, options);
  return {
    path: port.path,
    write: (bytes) => port.write(bytes),
    onData: (listener) => port.onData(listener),
    onClose: () => () => {},
    pause: () => port.pause(),
    resume: () => port.resume(),
    close: () => port.close(),
  };
};

describe('SerialTransport on a socat pty pair', () => {
  it('describes itself as path @ baud 8N1', () => {
    expect(new SerialTransport({ path: '/dev/ttyUSB0', baudRate: 9600 }).describe()).toBe('/dev/ttyUSB0 @ 9600 8N1');
  });

  it('carries bytes, detects an unplug by polling the path, and comes back after a replug', async () => {
    const pair = await pty();
    const t = transport({ path: pair.a, openPort: deafOpener });
    const seen = record(t);
    await t.open();
    expect(t.state).toBe('open');
    let far = await peer(pair.b);
    await t.write(Uint8Array.of(0x81, 0x01, 0x00, 0x01, 0xff));
    await far.port.write(Uint8Array.of(0x90, 0x50, 0xff));
    await expect.poll(() => far.hex()).toBe('81010001ff');
    await expect.poll(() => seen.hex()).toBe('9050ff');

    await pair.unplug();
    await expect.poll(() => t.state).toBe('reconnecting');
    // The port never reported closing (deafOpener), so the path poll found it; retries then see ENOENT.
    expect(seen.problems[0]).toEqual({ code: 'unplugged', message: `${pair.a} disappeared (unplugged?)` });
    expect(['unplugged', 'ENOENT']).toContain(t.problem?.code);
    await expect(t.write(Uint8Array.of(1))).rejects.toThrow(`${pair.a} @ 9600 8N1 is reconnecting: `);

    await pair.replug();
    await expect.poll(() => t.state).toBe('open');
    expect(t.problem).toBeNull();
    far = await peer(pair.b);
    await t.write(Uint8Array.of(0x88, 0x30, 0x01, 0xff));
    await expect.poll(() => far.hex()).toBe('883001ff');
    expect(seen.states).toEqual(['opening', 'open', 'reconnecting', 'open']);
  });

  it('also reacts to the port reporting its own loss (pty hang-up)', async () => {
    const pair = await pty();
    const t = transport({ path: pair.a, presencePollMs: 0 });
    const seen = record(t);
    await t.open();
    await pair.unplug();
    await expect.poll(() => t.state).toBe('reconnecting');
    await pair.replug();
    await expect.poll(() => t.state).toBe('open');
    expect(seen.states).toEqual(['opening', 'open', 'reconnecting', 'open']);
  });

  it('reconnects on markLost: closes its handle (releasing the lock) and opens again', async () => {
    const pair = await pty();
    let opens = 0;
    const t = transport({ path: pair.a, openPort: (p, o) => (opens++, openSerialPort(p, o)) });
    const seen = record(t);
    await t.open();
    t.markLost({ code: 'heartbeat', message: 'no reply to 3 inquiries' });
    expect(t.state).toBe('reconnecting');
    expect(t.problem).toEqual({ code: 'heartbeat', message: 'no reply to 3 inquiries' });
    await expect.poll(() => t.state).toBe('open');
    expect(opens).toBe(2);
    expect(seen.states).toEqual(['opening', 'open', 'reconnecting', 'open']);
    const far = await peer(pair.b);
    await t.write(Uint8Array.of(0x42));
    await expect.poll(() => far.hex()).toBe('42');
  });

  it('waits for a port that is not there yet and opens it when it appears', async () => {
    const path = join(dir, 'ptyA');
    const t = transport({ path });
    await t.open();
    expect(t.state).toBe('reconnecting');
    expect(t.problem).toEqual({
      code: 'ENOENT',
      message: `No such port ${path} (unplugged? renamed? prefer /dev/serial/by-id/…)`,
    });
    await pty({ dir, names: ['ptyA', 'ptyB'] });
    await expect.poll(() => t.state).toBe('open');
  });

  it('does not leak the port when closed while opening', async () => {
    const pair = await pty();
    let started = false;
    const t = transport({ path: pair.a, openPort: (p, o) => ((started = true), openSerialPort(p, o)) });
    const opening = t.open();
    await expect.poll(() => started).toBe(true); // open(2) is in flight
    const closing = t.close();
    await Promise.all([opening, closing]);
    expect(t.state).toBe('closed');
    await peer(pair.a); // the lock is free: nothing of ours holds the port
  });

  it('closes for good: no reconnect after close, even after a replug', async () => {
    const pair = await pty();
    const t = transport({ path: pair.a });
    await t.open();
    await t.close();
    expect(t.state).toBe('closed');
    await pair.unplug();
    await pair.replug();
    await peer(pair.a); // would fail with "in use" if the transport had reopened it
    expect(t.state).toBe('closed');
  });

  it('goes to failed for a path that is not a serial port, and stops trying', async () => {
    const path = join(dir, 'not-a-tty');
    await writeFile(path, '');
    let opens = 0;
    const backoff = { backoffInitialMs: 5, backoffMaxMs: 10 };
    const t = transport({ path, ...backoff, openPort: (p, o) => (opens++, openSerialPort(p, o)) });
    await t.open();
    expect(t.state).toBe('failed');
    expect(t.problem).toEqual({ code: 'ENOTTY', message: `${path} is not a serial port` });
    await new Promise((r) => setTimeout(r, 10 * backoff.backoffMaxMs)); // room for several retries, were any due
    expect(opens).toBe(1);
  });
});

/** A scripted opener: each call takes the next outcome; ports are fakes that record their life. */
function scriptedOpener(outcomes: Array<'ok' | Error>, delays = { openMs: 0, closeMs: 0 }) {
  const log = { opened: 0, closed: 0, live: 0, maxLive: 0, calls: 0 };
  const open: OpenSerialPort = async (path) => {
    const outcome = outcomes[Math.min(log.calls, outcomes.length - 1)] ?? 'ok';
    log.calls++;
    if (delays.openMs > 0) await new Promise((r) => setTimeout(r, delays.openMs));
    if (outcome !== 'ok') throw outcome;
    log.opened++;
    log.live++;
    log.maxLive = Math.max(log.maxLive, log.live);
    let closed = false;
    return {
      path,
      write: async () => {},
      onData: () => () => {},
      onClose: () => () => {},
      pause() {},
      resume() {},
      close: async () => {
        if (closed) return;
        closed = true;
        if (delays.closeMs > 0) await new Promise((r) => setTimeout(r, delays.closeMs));
        log.closed++;
        log.live--;
      },
    };
  };
  return { open, log };
}

describe('SerialTransport lifecycle (scripted opener)', () => {
  it('closes a port whose open completes after close() was called', async () => {
    const { open, log } = scriptedOpener(['ok'], { openMs: 30, closeMs: 0 });
    const t = transport({ path: '/dev/fake0', openPort: open });
    const opening = t.open();
    await expect.poll(() => log.calls).toBe(1); // the open is in flight
    await t.close();
    await opening;
    expect(log).toMatchObject({ opened: 1, closed: 1, live: 0 });
    expect(t.state).toBe('closed');
  });

  it('never has two handles on the port at once through open/lost/close churn', async () => {
    const { open, log } = scriptedOpener(['ok'], { openMs: 5, closeMs: 15 });
    const t = transport({
      path: '/dev/fake0',
      openPort: open,
      backoffInitialMs: 1,
      backoffMaxMs: 2,
      presencePollMs: 0,
    });
    for (let i = 0; i < 5; i++) {
      void t.open();
      await expect.poll(() => t.state).toBe('open');
      t.markLost({ code: 'heartbeat', message: 'lost' });
      await expect.poll(() => t.state).toBe('open');
      void t.close();
    }
    await t.close();
    expect(log.maxLive).toBe(1);
    expect(log.live).toBe(0);
    expect(log.opened).toBe(10);
  });

  it('keeps retrying permission errors (the operator may fix them) and opens once allowed', async () => {
    const denied = new Error('Error: Permission denied, cannot open /dev/ttyUSB0');
    const { open, log } = scriptedOpener([denied, denied, 'ok']);
    const t = transport({ path: '/dev/ttyUSB0', openPort: open, presencePollMs: 0 });
    const seen = record(t);
    await t.open();
    expect(t.state).toBe('reconnecting');
    expect(t.problem?.code).toBe('EACCES');
    expect(t.problem?.message).toMatch(/^Permission denied on \/dev\/ttyUSB0: add your user to the dialout group/);
    await expect.poll(() => t.state).toBe('open');
    expect(log.calls).toBe(3);
    expect(seen.states).toEqual(['opening', 'reconnecting', 'open']);
  });

  it('backs off exponentially up to the maximum, and starts over after a success', async () => {
    vi.useFakeTimers();
    const missing = new Error('Error: No such file or directory, cannot open /dev/ttyUSB0');
    const { open, log } = scriptedOpener([missing, missing, missing, missing, missing, 'ok']);
    const t = transport({
      path: '/dev/ttyUSB0',
      openPort: open,
      backoffInitialMs: 100,
      backoffMaxMs: 400,
      presencePollMs: 0,
    });
    await t.open();
    expect(log.calls).toBe(1);
    const callsAt = async (ms: number) => {
      await vi.advanceTimersByTimeAsync(ms);
      return log.calls;
    };
    expect(await callsAt(99)).toBe(1);
    expect(await callsAt(1)).toBe(2); // +100
    expect(await callsAt(199)).toBe(2);
    expect(await callsAt(1)).toBe(3); // +200
    expect(await callsAt(399)).toBe(3);
    expect(await callsAt(1)).toBe(4); // +400
    expect(await callsAt(400)).toBe(5); // capped at 400
    expect(await callsAt(400)).toBe(6);
    expect(t.state).toBe('open');
    t.markLost({ code: 'heartbeat', message: 'lost' });
    expect(await callsAt(100)).toBe(7); // back to the initial delay
  });

  it('isolates a throwing listener from the others', async () => {
    const { open } = scriptedOpener(['ok']);
    const t = transport({ path: '/dev/fake0', openPort: open, presencePollMs: 0 });
    const states: StreamState[] = [];
    t.onState(() => {
      throw new Error('driver bug');
    });
    t.onState((s) => states.push(s));
    await t.open();
    expect(states).toEqual(['opening', 'open']);
  });
});

// `ptzctl watch` against the VISCA-over-IP simulator, stopped by an injected promise instead of Ctrl+C.
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../sim/simulator';
import { recordingIo } from './test-io';
import { watchCommand } from './watch-command';

describe('ptzctl watch', () => {
  let sim: Simulator | null = null;
  afterEach(async () => {
    await sim?.close();
    sim = null;
  });

  it('prints online and the live position, and stops the head on exit', async () => {
    sim = await startSimulator({ cameras: 1 });
    const cam = sim.cameras[0]!;
    const io = recordingIo();
    let stop!: () => void;
    const stopped = new Promise<void>((resolve) => (stop = resolve));
    const done = watchCommand(io, `visca-ip://127.0.0.1:${cam.port}`, () => stopped);

    await expect
      .poll(() => io.lines.find((l) => /^online\b.* pan [+-]\d+\.\d\d° tilt [+-]\d+\.\d\d° zoom /.test(l)))
      .toBeTruthy();
    // Start the head moving behind the watcher's back: the exit must stop it.
    cam.camera.apply({ kind: 'pan-tilt-drive', pan: 'right', tilt: 'stop', panSpeed: 10, tiltSpeed: 1 });
    await expect.poll(() => cam.camera.snapshot().moving).toBe(true);
    stop();
    expect(await done).toBe(0);
    await expect.poll(() => cam.camera.snapshot().moving).toBe(false);
    expect(io.errors).toEqual([]);
  });

  it('refuses a bad URL as a usage error', async () => {
    const io = recordingIo();
    expect(await watchCommand(io, 'http://192.0.2.1', () => Promise.resolve())).toBe(2);
    expect(io.errors).toEqual([
      'ptzctl watch: unknown scheme "http:" (use visca-ip:, visca-tcp:, visca-udp: or serial:)',
    ]);
    expect(await watchCommand(io, undefined, () => Promise.resolve())).toBe(2);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../sim/simulator';
import { viscaVersionCheck } from './visca-check';

let sim: Simulator | null = null;
afterEach(async () => {
  await sim?.close();
  sim = null;
});

describe('VISCA-over-IP version check', () => {
  it('reports the camera that answers the version inquiry', async () => {
    sim = await startSimulator({ cameras: 1, host: '127.0.0.1' });
    const r = await viscaVersionCheck('127.0.0.1', { port: sim.cameras[0]!.port });
    expect(r.ok).toBe(true);
    expect(r.detail).toMatch(
      /^VISCA camera answers at 127\.0\.0\.1:\d+ \(vendor 0x[0-9a-f]+, model 0x[0-9a-f]+, ROM 0x[0-9a-f]+\)$/,
    );
  });

  it('says nothing answered after its tries on a silent port', async () => {
    const gone = await startSimulator({ cameras: 1, host: '127.0.0.1' });
    const port = gone.cameras[0]!.port;
    await gone.close();
    const r = await viscaVersionCheck('127.0.0.1', { port, tries: 2, timeoutMs: 200 });
    expect(r).toEqual({
      ok: false,
      detail: `no VISCA answer from 127.0.0.1:${port} after 2 tries (no answer within 200 ms)`,
    });
  });
});

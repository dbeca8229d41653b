// The whole core over real loopback UDP: demo mode starts the simulator, the demo cameras come online,
// contract calls drive a simulated head, and every way of letting go stops it.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CallerContext } from '../../shared/ipc/contract-types';
import { createCore, type CoreInstance } from './core';
import { silentLogger } from './logger';

const ctx: CallerContext = { clientId: 'test-client', bridge: 'web' };

describe('core with the embedded simulator', () => {
  let dir: string;
  let core: CoreInstance;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'ptz-core-'));
    core = await createCore({ dataDir: dir, demo: true, log: silentLogger });
    await expect.poll(() => core.manager.list().map((d) => d.status)).toEqual(['online', 'online']);
  });
  afterEach(async () => {
    await core.shutdown();
    await rm(dir, { recursive: true, force: true });
  });

  const head = (i: number) => core.simulator!.cameras[i]!.camera;
  const server = (i: number) => core.simulator!.cameras[i]!.server;

  it('seeds two demo cameras on first run and saves them', async () => {
    const saved = JSON.parse(await readFile(path.join(dir, 'settings.json'), 'utf8'));
    expect(saved.devices.map((d: { id: string; demo: boolean }) => [d.id, d.demo])).toEqual([
      ['demo-1', true],
      ['demo-2', true],
    ]);
    expect(saved.demoSeeded).toBe(true);
    // The start-up stop reached each camera before anything else moved it.
    expect(server(0).received.some((r) => r.kind === 'command' && r.pan === 'stop')).toBe(true);
  });

  it('drives one head right through the contract and stops it; the other never moves', async () => {
    const start = head(0).snapshot().panDeg;
    core.dispatcher.send(ctx, 'motion', 'setVelocity', { deviceId: 'demo-1', pan: 1, tilt: 0 });
    await expect.poll(() => head(0).snapshot().panDeg).toBeGreaterThan(start + 1);
    await core.dispatcher.invoke(ctx, 'motion', 'stop', { deviceId: 'demo-1' });
    await expect.poll(() => head(0).snapshot().moving).toBe(false);
    const stoppedAt = head(0).snapshot().panDeg;
    await expect.poll(() => core.manager.get('demo-1').snapshot().position?.panDeg).toBeCloseTo(stoppedAt, 1);
    expect(head(0).snapshot().panDeg).toBe(stoppedAt);
    expect(head(1).snapshot().panDeg).toBe(0);
    expect(server(0).counters.viscaErrors).toBe(0);
  });

  it('stops the heads a client was driving when that client goes away', async () => {
    core.dispatcher.send(ctx, 'motion', 'setVelocity', { deviceId: 'demo-2', tilt: 0.5 });
    await expect.poll(() => head(1).snapshot().moving).toBe(true);
    core.releaseClient({ clientId: 'someone-else', bridge: 'web' }, 'client-gone');
    expect(core.manager.get('demo-2').moving).toBe(true);
    core.releaseClient(ctx, 'client-gone');
    await expect.poll(() => head(1).snapshot().moving).toBe(false);
    expect(core.manager.get('demo-2').snapshot().lastStop?.reason).toBe('client-gone');
  });

  it('moves zoom and iris to normalised positions and reads them back', async () => {
    await core.dispatcher.invoke(ctx, 'lens', 'zoomTo', { deviceId: 'demo-1', position: 0.25 });
    await core.dispatcher.invoke(ctx, 'lens', 'setIris', { deviceId: 'demo-1', position: 1 });
    await expect.poll(() => head(0).snapshot().irisF).toBe(1.6);
    await expect.poll(() => core.manager.get('demo-1').snapshot().position?.irisF).toBe(1.6);
    await expect.poll(() => core.manager.get('demo-1').snapshot().position?.irisMode).toBe('manual');
    await expect
      .poll(() => core.manager.get('demo-1').snapshot().position?.zoomRatio)
      .toBeCloseTo(Math.pow(20, 0.25), 2);
  });

  it('streams a snapshot then deltas, and refuses a second entry for the same endpoint', async () => {
    const updates: string[] = [];
    const off = core.subscribe('devicesChanged', (u) => updates.push(u.type));
    expect(updates[0]).toBe('init');
    const port = core.simulator!.cameras[0]!.port;
    await expect(
      core.dispatcher.invoke(ctx, 'devices', 'add', { protocol: 'visca-ip', name: 'Twin', host: '127.0.0.1', port }),
    ).rejects.toMatchObject({ code: 'conflict' });
    await core.dispatcher.invoke(ctx, 'devices', 'remove', { id: 'demo-2' });
    expect(updates).toContain('remove');
    off();
  });

  it('reports an unreachable camera as offline with the reason', async () => {
    const added = (await core.dispatcher.invoke(ctx, 'devices', 'add', {
      protocol: 'visca-ip',
      name: 'Nobody home',
      host: '127.0.0.1',
      port: 9, // discard: nothing answers
    })) as { id: string };
    await expect.poll(() => core.manager.get(added.id).status, { timeout: 10_000 }).toBe('offline');
    expect(core.manager.get(added.id).snapshot().statusDetail).toMatch(/No answer from 127\.0\.0\.1:9 .*subnet/);
    expect(() => core.manager.get(added.id).setVelocity({ pan: 1 })).toThrow(/offline/);
  });
});

describe('presets kept on the PC', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'ptz-presets-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('saves, renames, recalls and clears a preset; names and positions survive a restart', async () => {
    let core = await createCore({ dataDir: dir, demo: true, log: silentLogger });
    try {
      await expect.poll(() => core.manager.get('demo-1').status).toBe('online');
      const head = core.simulator!.cameras[0]!.camera;
      core.dispatcher.send(ctx, 'motion', 'setVelocity', { deviceId: 'demo-1', pan: 1 });
      await expect.poll(() => head.snapshot().panDeg).toBeGreaterThan(5);
      await core.dispatcher.invoke(ctx, 'motion', 'stop', { deviceId: 'demo-1' });
      await expect
        .poll(() => core.manager.get('demo-1').snapshot().position?.panDeg)
        .toBeCloseTo(head.snapshot().panDeg, 1);
      await core.dispatcher.invoke(ctx, 'presets', 'save', { deviceId: 'demo-1', preset: 3, name: 'Lectern' });
      await core.dispatcher.invoke(ctx, 'presets', 'rename', { deviceId: 'demo-1', preset: 3, name: 'Lectern wide' });
      const [record] = core.manager.get('demo-1').snapshot().presets;
      expect(record).toMatchObject({ number: 3, name: 'Lectern wide' });
      expect(record!.position!.panDeg).toBeGreaterThan(5);
      await expect(
        core.dispatcher.invoke(ctx, 'presets', 'rename', { deviceId: 'demo-1', preset: 9, name: 'x' }),
      ).rejects.toMatchObject({ code: 'not-found' });
      await core.dispatcher.invoke(ctx, 'motion', 'home', { deviceId: 'demo-1' });
      await expect.poll(() => head.snapshot().panDeg, { timeout: 5000 }).toBe(0);
      await core.dispatcher.invoke(ctx, 'presets', 'recall', { deviceId: 'demo-1', preset: 3 });
      await expect.poll(() => head.snapshot().panDeg, { timeout: 5000 }).toBeCloseTo(record!.position!.panDeg!, 0);
    } finally {
      await core.shutdown();
    }
    core = await createCore({ dataDir: dir, demo: true, log: silentLogger });
    try {
      expect(
        core.manager
          .get('demo-1')
          .snapshot()
          .presets.map((p) => p.name),
      ).toEqual(['Lectern wide']);
      await expect.poll(() => core.manager.get('demo-1').status).toBe('online');
      await core.dispatcher.invoke(ctx, 'presets', 'clear', { deviceId: 'demo-1', preset: 3 });
      expect(core.manager.get('demo-1').snapshot().presets).toEqual([]);
    } finally {
      await core.shutdown();
    }
  });
});

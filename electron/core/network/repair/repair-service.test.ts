import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CallerContext } from '../../../../shared/ipc/contract-types';
import type { RepairSession } from '../../../../shared/model/repair';
import { DeviceManager } from '../../devices/device-manager';
import { silentLogger } from '../../logger';
import type { NetworkService } from '../network-service';
import type { NetHelper } from './helper-client';
import { RepairJournal } from './repair-journal';
import { createRepairService } from './repair-service';
import { fakeWorld } from './test/fake-world';

const ctx: CallerContext = { clientId: 'c1', bridge: 'web' };
const noDevices = new DeviceManager(() => {
  throw new Error('no devices in this test');
}, silentLogger);
const network = {} as NetworkService;

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'ptz-repair-svc-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('repair service', () => {
  it('rolls back an interrupted repair at creation, shows it failed and records it', async () => {
    const session: RepairSession = {
      id: 'old',
      startedAt: 5,
      target: { ip: '203.0.113.68', mac: null, interface: 'eth0', deviceId: null, model: null },
      diagnosis: [],
      plan: {
        interface: 'eth0',
        alias: { address: '203.0.113.250', prefix: 24 },
        target: { address: '198.51.100.68', prefix: 24, gateway: null },
        method: 'ip-setup',
      },
      state: { step: 'verify' },
      log: [],
    };
    await new RepairJournal(dir).write({
      version: 1,
      sessionId: 'old',
      iface: 'eth0',
      alias: { address: '203.0.113.250', prefix: 24 },
      addedAt: 6,
      state: 'added',
      session,
    });
    const addresses = ['198.51.100.10', '203.0.113.250'];
    const helper: NetHelper = {
      addAlias: async () => ({ detail: '' }),
      removeAlias: async (_i, ip) => {
        addresses.splice(addresses.indexOf(ip), 1);
        return { detail: `ip addr del ${ip}/24 dev eth0` };
      },
      list: async () => addresses.map((address, i) => ({ address, prefix: 24, primary: i === 0, dynamic: false })),
      probe: async () => ({ free: true, macs: [] }),
    };
    const svc = await createRepairService({
      dataDir: dir,
      manager: noDevices,
      persist: async () => {},
      network,
      log: silentLogger,
      helper,
    });
    expect(addresses).toEqual(['198.51.100.10']);
    expect(svc.current()?.state).toMatchObject({ step: 'failed', at: 'verify', rolledBack: true, cancelled: false });
    const history = await svc.handlers.history(ctx);
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({
      id: 'old',
      outcome: 'failed',
      pcChanges: ['added 203.0.113.250/24 on eth0', 'removed it at start-up (journal recovery)'],
    });
    expect(await new RepairJournal(dir).read()).toBeNull();
  });

  it('runs one session at a time; dismiss only once it has ended', async () => {
    const { fx } = fakeWorld([
      {
        mac: '02:00:5e:00:53:01',
        ip: '203.0.113.68',
        mask: '255.255.255.0',
        silent: false,
        writable: true,
        ipSetup: true,
      },
    ]);
    // The real journal and history files (in the temp data dir); everything else from the fake world.
    const { history: _history, journal: _journal, ...rest } = fx;
    const svc = await createRepairService({
      dataDir: dir,
      manager: noDevices,
      persist: async () => {},
      network,
      log: silentLogger,
      helper: fx.helper,
      effects: rest,
    });
    const seen: (RepairSession | null)[] = [];
    svc.subscribe((s) => seen.push(s));
    expect(seen).toEqual([null]);
    const s = await svc.handlers.start(ctx, { ip: '203.0.113.68' });
    expect(s.state.step).toBe('plan');
    await expect(svc.handlers.start(ctx, { ip: '203.0.113.69' })).rejects.toThrow(
      /a repair of 203.0.113.68 is in progress/,
    );
    expect(() => svc.handlers.dismiss(ctx)).toThrow(/still running; cancel it first/);
    const cancelled = await svc.handlers.cancel(ctx);
    expect(cancelled.state).toMatchObject({ step: 'failed', cancelled: true, rolledBack: true });
    svc.handlers.dismiss(ctx);
    expect(svc.current()).toBeNull();
    expect(seen.at(-1)).toBeNull();
    expect((await svc.handlers.history(ctx)).map((r) => r.outcome)).toEqual(['cancelled']);
    await svc.close();
  });
});

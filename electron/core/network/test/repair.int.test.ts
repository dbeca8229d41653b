// The IP-repair wizard end to end in a lab of network namespaces: the real core (in the PC namespace),
// the real net helper running `ip addr` as root, real arping/ping, simulated Sony cameras. Each scenario
// is repaired and the camera driven at its new address; a fault at each step leaves the PC's addresses
// and routes exactly as before. Needs root and a built out/node (npm run build).
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeviceState } from '../../../../shared/model/device-status';
import type { RepairRecord, RepairSession } from '../../../../shared/model/repair';
import { BUNDLED_HELPER, drivesAtNewAddress, requireLabPrerequisites, sessionEnded } from './repair-lab-support';
import { startCoreProcess, type CoreProcess } from '../../../test-support/core-process';
import { createLab, type Lab } from '../../../test-support/netns-lab';
import { createNetworkOs } from '../os/network-os';

const PREFIX = 'rpr';
const HELPER_CMD = [process.execPath, BUNDLED_HELPER];

const A = { mac: '02:00:5e:20:00:01', ip: '203.0.113.68' };
const DUP_A = { mac: '02:00:5e:20:00:02', ip: '198.51.100.50' };
const DUP_B = { mac: '02:00:5e:20:00:03', ip: '198.51.100.50' };
const SILENT = { mac: '02:00:5e:20:00:04', ip: '203.0.113.72' };
const KILL = { mac: '02:00:5e:20:00:05', ip: '203.0.113.74' };
/** Loses its ACK to the setting and, like strict firmware, NAKs the repeat while it applies the first. */
const LOST_ACK = { mac: '02:00:5e:20:00:08', ip: '203.0.113.80' };

let lab: Lab;
let tmp: string;
const cores: CoreProcess[] = [];
const pcOs = () => createNetworkOs((argv) => lab.execInPc(argv));

async function core(dataDir: string, helper: readonly string[] = HELPER_CMD): Promise<CoreProcess> {
  const c = await startCoreProcess({ lab, dataDir, netHelperCommand: helper });
  cores.push(c);
  return c;
}

async function waitEnd(c: CoreProcess): Promise<RepairSession> {
  return (await c.waitForEvent<RepairSession | null>('repairChanged', sessionEnded, 90_000))!;
}

async function silence(mac: string, on: boolean): Promise<void> {
  const cam = lab.camera(mac);
  cam.send({ cmd: 'silence', on });
  await cam.waitFor((e) => e.event === 'silenced' && e.on === on, 5000, true);
}

beforeAll(async () => {
  requireLabPrerequisites('repair.int.test.ts');
  tmp = mkdtempSync(path.join(tmpdir(), 'ptz-repair-int-'));
  const cam = (c: { mac: string; ip: string }, name: string, gateway: string | null) => ({
    ...c,
    prefix: 24,
    gateway,
    name,
    model: 'SRG-X400',
    applyDelayMs: 300,
    wsDiscovery: false,
  });
  lab = await createLab({
    prefix: PREFIX,
    pc: { addresses: [{ address: '198.51.100.10', prefix: 24 }] },
    cameraHosts: [
      { cameras: [cam(A, 'CAMA', '203.0.113.1')] },
      { cameras: [cam(DUP_A, 'DUPA', null)] },
      { cameras: [cam(DUP_B, 'DUPB', null)] },
      { cameras: [cam(SILENT, 'SILENT', null)] },
      { cameras: [cam(KILL, 'KILL', null)] },
      { cameras: [{ ...cam(LOST_ACK, 'LOSTACK', null), dropSettingReplies: 1, resendReply: 'nak' as const }] },
    ],
  });
  await lab.settlePc();
}, 90_000);

afterAll(async () => {
  for (const c of cores) await c.close().catch(() => undefined);
  await lab?.destroy();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
}, 60_000);

describe('IP repair in the lab', () => {
  let main: CoreProcess;

  it('repairs a camera in another subnet end to end, updates its device entry, then drives it', async () => {
    main = await core(path.join(tmp, 'main'));
    const before = await lab.snapshotPc();
    // The device as the operator added it: at the factory address the PC cannot reach.
    const added = await main.call<DeviceState>('devices', 'add', {
      name: 'Cam A',
      protocol: 'visca-ip',
      host: A.ip,
      port: 52381,
    });

    const planned = await main.call<RepairSession>('repair', 'start', { ip: A.ip, deviceId: added.id });
    expect(planned.state.step).toBe('plan');
    expect(planned.target).toMatchObject({ mac: A.mac, interface: 'eth0', model: 'SRG-X400' });
    expect(planned.diagnosis).toContainEqual({ kind: 'outside-subnet', ip: A.ip, pcSubnets: ['198.51.100.0/24'] });
    expect(planned.plan).toEqual({
      interface: 'eth0',
      alias: { address: '203.0.113.250', prefix: 24 },
      target: { address: '198.51.100.68', prefix: 24, gateway: null },
      method: 'ip-setup',
    });

    const steps = new Set<string>();
    const seen = main.waitForEvent<RepairSession | null>(
      'repairChanged',
      (s) => {
        if (s) steps.add(s.state.step);
        return sessionEnded(s);
      },
      90_000,
    );
    await main.call('repair', 'proceed');
    const end = (await seen)!;
    expect(end.state).toEqual({ step: 'done', newIp: '198.51.100.68' });
    expect([...steps]).toEqual(expect.arrayContaining(['alias', 'verify', 'readdress', 'confirm', 'cleanup', 'done']));
    expect(await lab.snapshotPc()).toBe(before);
    expect(await lab.camera(A.mac).state()).toMatchObject({ ip: '198.51.100.68', prefix: 24 });

    // The device entry now points at the new address and comes online there.
    await drivesAtNewAddress(main, lab, { id: added.id, mac: A.mac, newIp: '198.51.100.68' });

    const history = await main.call<RepairRecord[]>('repair', 'history');
    expect(history[0]).toMatchObject({
      outcome: 'done',
      user: 'root',
      method: 'ip-setup',
      before: { ip: A.ip, prefix: 24, gateway: '203.0.113.1' },
      after: { ip: '198.51.100.68', prefix: 24, gateway: null },
      pcChanges: ['added 203.0.113.250/24 on eth0', 'removed 203.0.113.250/24 from eth0'],
    });
    await main.call('repair', 'dismiss');
  }, 120_000);

  it('readdresses one of two cameras sharing 198.51.100.50; both then answer at distinct addresses', async () => {
    const before = await lab.snapshotPc();
    const planned = await main.call<RepairSession>('repair', 'start', { ip: DUP_B.ip, mac: DUP_B.mac });
    expect(planned.diagnosis).toContainEqual({ kind: 'duplicate-ip', ip: DUP_B.ip, macs: [DUP_A.mac, DUP_B.mac] });
    expect(planned.plan).toMatchObject({ alias: null, method: 'ip-setup' });
    const newIp = planned.plan!.target.address;
    expect(newIp).not.toBe(DUP_B.ip);
    await main.call('repair', 'proceed');
    const end = await waitEnd(main);
    expect(end.state).toEqual({ step: 'done', newIp });
    expect(await lab.snapshotPc()).toBe(before);
    expect(await lab.camera(DUP_A.mac).state()).toMatchObject({ ip: DUP_B.ip });
    expect(await lab.camera(DUP_B.mac).state()).toMatchObject({ ip: newIp });
    expect((await pcOs().arpProbe('eth0', DUP_B.ip, 2)).macs).toEqual([DUP_A.mac]);
    expect((await pcOs().arpProbe('eth0', newIp, 2)).macs).toEqual([DUP_B.mac]);
    await main.call('repair', 'dismiss');
  }, 120_000);

  it('the ACK is lost and the repeat gets NAK: the camera took the setting, so the repair completes', async () => {
    const before = await lab.snapshotPc();
    const planned = await main.call<RepairSession>('repair', 'start', { ip: LOST_ACK.ip });
    const newIp = planned.plan!.target.address;
    await main.call('repair', 'proceed');
    const end = await waitEnd(main);
    expect(end.state).toEqual({ step: 'done', newIp });
    const log = end.log.map((l) => l.text).join('\n');
    expect(log).toMatch(/no answer to the setting, then NAK to its repeat from 02:00:5e:20:00:08/);
    expect(log).toContain('checking whether the camera took the first setting');
    expect(await lab.camera(LOST_ACK.mac).state()).toMatchObject({ ip: newIp });
    expect(await lab.snapshotPc()).toBe(before);
    await main.call('repair', 'dismiss');
  }, 120_000);

  it('camera stops answering after the plan: rolled back, PC unchanged, recorded', async () => {
    const before = await lab.snapshotPc();
    await main.call<RepairSession>('repair', 'start', { ip: SILENT.ip });
    await silence(SILENT.mac, true);
    try {
      await main.call('repair', 'proceed');
      const end = await waitEnd(main);
      expect(end.state).toMatchObject({ step: 'failed', at: 'verify', rolledBack: true, cancelled: false });
      expect(await lab.snapshotPc()).toBe(before);
      const history = await main.call<RepairRecord[]>('repair', 'history');
      expect(history[0]).toMatchObject({ id: end.id, outcome: 'failed', after: null });
      expect(history[0]!.pcChanges).toEqual(['added 203.0.113.250/24 on eth0', 'removed 203.0.113.250/24 from eth0']);
    } finally {
      await silence(SILENT.mac, false);
    }
    await main.call('repair', 'dismiss');
  }, 120_000);

  it('camera stops answering while the alias goes up: rolled back, PC unchanged', async () => {
    const before = await lab.snapshotPc();
    await main.call<RepairSession>('repair', 'start', { ip: SILENT.ip });
    const atAlias = main.waitForEvent<RepairSession | null>('repairChanged', (s) => s?.state.step === 'alias', 30_000);
    await main.call('repair', 'proceed');
    await atAlias;
    await silence(SILENT.mac, true);
    try {
      const end = await waitEnd(main);
      expect(end.state).toMatchObject({ step: 'failed', at: 'verify', rolledBack: true });
      expect(end.log.map((l) => l.text)).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^temporary address added: ip addr add 203\.0\.113\.250\/24 dev eth0/),
        ]),
      );
      expect(await lab.snapshotPc()).toBe(before);
      expect(await lab.camera(SILENT.mac).state()).toMatchObject({ ip: SILENT.ip });
    } finally {
      await silence(SILENT.mac, false);
    }
    await main.call('repair', 'dismiss');
  }, 120_000);

  it('the camera refuses the new address (WRITE off) at readdress: rolled back, PC and camera unchanged', async () => {
    const before = await lab.snapshotPc();
    const planned = await main.call<RepairSession>('repair', 'start', { ip: SILENT.ip });
    expect(planned.plan?.method).toBe('ip-setup');
    const cam = lab.camera(SILENT.mac);
    cam.send({ cmd: 'writable', mac: SILENT.mac, on: false });
    await cam.waitFor((e) => e.event === 'writable' && e.on === false, 5000, true);
    try {
      await main.call('repair', 'proceed');
      const end = await waitEnd(main);
      expect(end.state).toMatchObject({ step: 'failed', at: 'readdress', rolledBack: true, cancelled: false });
      expect(await lab.snapshotPc()).toBe(before);
      expect(await cam.state()).toMatchObject({ ip: SILENT.ip });
    } finally {
      cam.send({ cmd: 'writable', mac: SILENT.mac, on: true });
      await cam.waitFor((e) => e.event === 'writable' && e.on === true, 5000, true);
    }
    await main.call('repair', 'dismiss');
  }, 120_000);

  it('the helper refuses (administrator prompt dismissed, exit 126): nothing changes, recorded', async () => {
    const refuse = path.join(tmp, 'refuse.mjs');
    writeFileSync(refuse, 'process.exit(126);\n');
    const c = await core(path.join(tmp, 'refuse'), [process.execPath, refuse]);
    const before = await lab.snapshotPc();
    await c.call<RepairSession>('repair', 'start', { ip: KILL.ip });
    await c.call('repair', 'proceed');
    const end = await waitEnd(c);
    expect(end.state).toMatchObject({ step: 'failed', at: 'alias', rolledBack: true, cancelled: false });
    expect((end.state as { error: string }).error).toMatch(/You dismissed the administrator prompt/);
    expect(await lab.snapshotPc()).toBe(before);
    expect((await c.call<RepairRecord[]>('repair', 'history'))[0]).toMatchObject({
      id: end.id,
      outcome: 'failed',
      pcChanges: [],
    });
    await c.close();
  }, 120_000);

  it('core killed mid-repair with the alias up: the next start rolls it back from the journal', async () => {
    const dataDir = path.join(tmp, 'kill');
    const journal = path.join(dataDir, 'repair-journal.json');
    const first = await core(dataDir);
    const before = await lab.snapshotPc();
    await first.call<RepairSession>('repair', 'start', { ip: KILL.ip });
    // A silent camera keeps the repair in Verify for seconds: time to kill it with the alias up.
    await silence(KILL.mac, true);
    try {
      await first.call('repair', 'proceed');
      await expect
        .poll(
          () => (existsSync(journal) ? (JSON.parse(readFileSync(journal, 'utf8')) as { state: string }).state : null),
          {
            timeout: 30_000,
            interval: 20,
          },
        )
        .toBe('added');
      first.kill('SIGKILL');
      await first.exited;
      expect(await lab.snapshotPc()).not.toBe(before); // the alias really is left behind
    } finally {
      await silence(KILL.mac, false);
    }

    const second = await core(dataDir);
    expect(await lab.snapshotPc()).toBe(before);
    expect(existsSync(journal)).toBe(false);
    const recovered = await second.waitForEvent<RepairSession | null>('repairChanged', sessionEnded, 10_000);
    expect(recovered!.state).toMatchObject({ step: 'failed', rolledBack: true, cancelled: false });
    expect(recovered!.log.map((l) => l.text)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^removed it: ip addr del 203\.0\.113\.250\/24 dev eth0/)]),
    );
    const history = await second.call<RepairRecord[]>('repair', 'history');
    expect(history[0]).toMatchObject({ id: recovered!.id, outcome: 'failed' });
    expect(history[0]!.pcChanges).toEqual([
      'added 203.0.113.250/24 on eth0',
      'removed it at start-up (journal recovery)',
    ]);
    // A new repair can start once the recovered session is dismissed.
    await second.call('repair', 'dismiss');
    await second.close();
  }, 120_000);
});

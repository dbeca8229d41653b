// The IP-repair wizard's ONVIF readdress in a lab of network namespaces: the real core (in the PC namespace)
// finds ONVIF-only cameras by WS-Discovery, then readdresses one over ONVIF with the operator's login
// (a WS-Security UsernameToken on a camera clock an hour ahead) through the real net helper. The password
// never shows in what the core records or emits; a wrong one leaves everything as it was. Needs root and a
// built out/node (npm run build).
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeviceState } from '../../../../shared/model/device-status';
import type { DiscoveryState } from '../../../../shared/model/network';
import type { RepairRecord, RepairSession } from '../../../../shared/model/repair';
import { HISTORY_FILE } from '../repair/repair-history';
import { BUNDLED_HELPER, drivesAtNewAddress, requireLabPrerequisites, sessionEnded } from './repair-lab-support';
import { startCoreProcess, type CoreProcess } from '../../../test-support/core-process';
import { createLab, type Lab } from '../../../test-support/netns-lab';

const PREFIX = 'rpo';

const LOGIN = { username: 'admin', password: 'Onvif-Lab-7f3q' };
/** ONVIF only (no IP-setup), found by WS-Discovery; its clock runs an hour ahead of the PC's. */
const ONVIF = { mac: '02:00:5e:20:00:06', ip: '203.0.113.76' };
/** The same kind of camera, for the wrong password. */
const ONVIF_B = { mac: '02:00:5e:20:00:07', ip: '203.0.113.78' };

let lab: Lab;
let tmp: string;
const cores: CoreProcess[] = [];

/** Every file under `dir`, read as text. */
function filesUnder(dir: string): { file: string; text: string }[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name))
    .map((file) => ({ file, text: readFileSync(file, 'utf8') }));
}

/** A core in the PC namespace that has run WS-Discovery on eth0 and so knows `cam`'s ONVIF XAddr. */
async function discoveredCore(name: string, cam: { ip: string }): Promise<{ core: CoreProcess; dataDir: string }> {
  const dataDir = path.join(tmp, name);
  const core = await startCoreProcess({ lab, dataDir, netHelperCommand: [process.execPath, BUNDLED_HELPER] });
  cores.push(core);
  const { scanId } = await core.call<{ scanId: string }>('discovery', 'start', {
    interfaces: ['eth0'],
    methods: ['ws-discovery'],
  });
  const scan = await core.waitForEvent<DiscoveryState>(
    'discoveryChanged',
    (s) => s.scanId === scanId && s.state !== 'running',
    60_000,
  );
  expect(scan.state, JSON.stringify(scan.methods)).toBe('done');
  expect(scan.cameras.find((c) => c.ip === cam.ip)?.onvifXAddrs).toEqual([`http://${cam.ip}/onvif/device_service`]);
  return { core, dataDir };
}

/** Collects every `repairChanged` payload from now until a session ends; resolves with them as JSON. */
function recordSessions(core: CoreProcess): Promise<string[]> {
  const seen: string[] = [];
  return core
    .waitForEvent<RepairSession | null>(
      'repairChanged',
      (s) => {
        seen.push(JSON.stringify(s));
        return sessionEnded(s);
      },
      90_000,
    )
    .then(() => seen);
}

beforeAll(async () => {
  requireLabPrerequisites('repair-onvif.int.test.ts');
  tmp = mkdtempSync(path.join(tmpdir(), 'ptz-repair-onvif-int-'));
  const cam = (c: { mac: string; ip: string }, name: string) => ({
    ...c,
    prefix: 24,
    gateway: null,
    name,
    model: 'SRG-X400',
    applyDelayMs: 300,
    ipSetup: false,
    wsDiscovery: true,
    onvif: { ...LOGIN, clockOffsetMs: 3_600_000 },
  });
  lab = await createLab({
    prefix: PREFIX,
    pc: { addresses: [{ address: '198.51.100.10', prefix: 24 }] },
    cameraHosts: [{ cameras: [cam(ONVIF, 'ONVIF')] }, { cameras: [cam(ONVIF_B, 'ONVIFB')] }],
  });
  await lab.settlePc();
}, 90_000);

afterAll(async () => {
  for (const c of cores) await c.close().catch(() => undefined);
  await lab?.destroy();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
}, 60_000);

describe('ONVIF IP repair in the lab', () => {
  it('readdresses an ONVIF-only camera with its login end to end, then drives it; the password stays secret', async () => {
    const { core, dataDir } = await discoveredCore('onvif', ONVIF);
    const before = await lab.snapshotPc();
    const added = await core.call<DeviceState>('devices', 'add', {
      name: 'Cam O',
      protocol: 'visca-ip',
      host: ONVIF.ip,
      port: 52381,
    });

    const sessions = recordSessions(core);
    const planned = await core.call<RepairSession>('repair', 'start', { ip: ONVIF.ip, deviceId: added.id });
    expect(planned.state.step, JSON.stringify(planned)).toBe('plan');
    expect(planned.target).toMatchObject({ mac: ONVIF.mac, interface: 'eth0' });
    expect(planned.plan).toMatchObject({
      interface: 'eth0',
      alias: { address: '203.0.113.250', prefix: 24 },
      target: { prefix: 24, gateway: null },
      method: 'onvif',
    });
    const newIp = planned.plan!.target.address;
    const withLogin = await core.call<RepairSession>('repair', 'setCredentials', LOGIN);
    expect(withLogin.onvifUser).toBe(LOGIN.username);

    await core.call('repair', 'proceed');
    const events = await sessions;
    const end = JSON.parse(events.at(-1)!) as RepairSession;
    expect(end.state, JSON.stringify(end.log)).toEqual({ step: 'done', newIp });
    expect(await lab.snapshotPc()).toBe(before);
    expect(await lab.camera(ONVIF.mac).state()).toMatchObject({ ip: newIp, prefix: 24, gateway: null });

    // The device entry follows the camera and drives it over VISCA at its new address.
    await drivesAtNewAddress(core, lab, { id: added.id, mac: ONVIF.mac, newIp });

    const history = await core.call<RepairRecord[]>('repair', 'history');
    expect(history[0]).toMatchObject({
      outcome: 'done',
      method: 'onvif',
      before: { ip: ONVIF.ip },
      after: { ip: newIp, prefix: 24, gateway: null },
      pcChanges: ['added 203.0.113.250/24 on eth0', 'removed 203.0.113.250/24 from eth0'],
    });
    // Not in any session the core emitted or returned, nor in any file it wrote (the history among them).
    const files = filesUnder(dataDir);
    expect(files.map((f) => path.basename(f.file))).toContain(HISTORY_FILE);
    for (const text of [...events, JSON.stringify([planned, withLogin, history]), ...files.map((f) => f.text)])
      expect(text).not.toContain(LOGIN.password);
    await core.call('repair', 'dismiss');
  }, 180_000);

  it('a wrong ONVIF password fails at verify: rolled back, camera and PC unchanged, password never echoed', async () => {
    const { core, dataDir } = await discoveredCore('wrong', ONVIF_B);
    const before = await lab.snapshotPc();
    const wrong = { username: LOGIN.username, password: 'Wrong-Guess-9k2' };
    const sessions = recordSessions(core);
    const planned = await core.call<RepairSession>('repair', 'start', { ip: ONVIF_B.ip });
    expect(planned.plan?.method).toBe('onvif');
    await core.call<RepairSession>('repair', 'setCredentials', wrong);
    await core.call('repair', 'proceed');
    const events = await sessions;
    const end = JSON.parse(events.at(-1)!) as RepairSession;
    expect(end.state).toMatchObject({ step: 'failed', at: 'verify', rolledBack: true, cancelled: false });
    expect((end.state as { error: string }).error).toMatch(/refused the user name or password/);
    expect(await lab.snapshotPc()).toBe(before);
    expect(await lab.camera(ONVIF_B.mac).state()).toMatchObject({ ip: ONVIF_B.ip, prefix: 24 });
    const history = await core.call<RepairRecord[]>('repair', 'history');
    expect(history[0]).toMatchObject({ id: end.id, outcome: 'failed', method: 'onvif', after: null });
    for (const text of [...events, ...filesUnder(dataDir).map((f) => f.text)])
      expect(text).not.toContain(wrong.password);
    await core.call('repair', 'dismiss');
  }, 180_000);
});

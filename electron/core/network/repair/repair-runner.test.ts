import { describe, expect, it } from 'vitest';
import type { RepairSession } from '../../../../shared/model/repair';
import { RepairRunner } from './repair-runner';
import { fakeWorld, type FakeCamera } from './test/fake-world';

const CAM_A = '02:00:5e:00:53:01';
const CAM_B = '02:00:5e:00:53:02';
const cam = (over: Partial<FakeCamera>): FakeCamera => ({
  mac: CAM_A,
  ip: '203.0.113.68',
  mask: '255.255.255.0',
  silent: false,
  writable: true,
  ipSetup: true,
  ...over,
});

function setup(cameras: FakeCamera[]) {
  const f = fakeWorld(cameras);
  const seen: RepairSession[] = [];
  const before = structuredClone(f.world.iface.addresses);
  const runner = (start: { ip: string; mac?: string; deviceId?: string }) =>
    new RepairRunner(start, f.fx, (s) => seen.push(s), { confirmTimeoutMs: 5_000, pollMs: 1_000, aliasTtlMs: 600_000 });
  return { ...f, seen, before, runner };
}

describe('repair runner', () => {
  it('repairs a camera in another subnet end to end: alias, verify, IP-setup write, confirm, cleanup', async () => {
    const t = setup([cam({})]);
    const r = t.runner({ ip: '203.0.113.68', deviceId: 'cam-1' });
    const planned = await r.begin();
    expect(planned.state.step).toBe('plan');
    expect(planned.plan).toEqual({
      interface: 'eth0',
      alias: { address: '203.0.113.250', prefix: 24 },
      target: { address: '198.51.100.68', prefix: 24, gateway: null },
      method: 'ip-setup',
    });
    expect(planned.target).toMatchObject({ mac: CAM_A, model: 'SRG-X400', interface: 'eth0' });
    expect(planned.diagnosis).toEqual([{ kind: 'outside-subnet', ip: '203.0.113.68', pcSubnets: ['198.51.100.0/24'] }]);

    await r.proceed();
    await r.settled();
    expect(r.session.state).toEqual({ step: 'done', newIp: '198.51.100.68' });
    expect(t.seen.map((s) => s.state.step).filter((s, i, a) => s !== a[i - 1])).toEqual([
      'diagnose',
      'plan',
      'alias',
      'verify',
      'readdress',
      'confirm',
      'cleanup',
      'done',
    ]);
    expect(t.world.cameras[0]!.ip).toBe('198.51.100.68');
    expect(t.world.iface.addresses).toEqual(t.before);
    expect(t.world.journal).toBeNull();
    // The journal was on disk before the alias existed, and before it was removed.
    expect(t.world.journalWrites.map((j) => j.state)).toEqual(['adding', 'added', 'removing']);
    expect(t.world.calls).toEqual(['add 203.0.113.250/24', 'remove 203.0.113.250/24']);
    expect(r.session.log.map((l) => l.text)).toContain('device cam-1 203.0.113.68 → 198.51.100.68');
    expect(t.world.records).toHaveLength(1);
    expect(t.world.records[0]).toMatchObject({
      outcome: 'done',
      user: 'op',
      host: 'pc1',
      method: 'ip-setup',
      before: { ip: '203.0.113.68', prefix: 24 },
      after: { ip: '198.51.100.68', prefix: 24, gateway: null },
      pcChanges: ['added 203.0.113.250/24 on eth0', 'removed 203.0.113.250/24 from eth0'],
    });
  });

  it('moves one of two cameras sharing an address without any alias, verifying by MAC', async () => {
    const t = setup([cam({ ip: '198.51.100.50' }), cam({ ip: '198.51.100.50', mac: CAM_B })]);
    const r = t.runner({ ip: '198.51.100.50', mac: CAM_B });
    const planned = await r.begin();
    expect(planned.plan).toMatchObject({ alias: null, target: { address: '198.51.100.51' }, method: 'ip-setup' });
    expect(planned.diagnosis).toContainEqual({ kind: 'duplicate-ip', ip: '198.51.100.50', macs: [CAM_A, CAM_B] });
    await r.proceed();
    await r.settled();
    expect(r.session.state).toEqual({ step: 'done', newIp: '198.51.100.51' });
    expect(t.world.cameras.map((c) => c.ip)).toEqual(['198.51.100.50', '198.51.100.51']);
    expect(t.world.calls).toEqual([]);
    expect(r.session.log.map((l) => l.text)).toContain(`IP-setup: ${CAM_B} answers (SRG-X400 at 198.51.100.50)`);
  });

  it('rolls back when the camera stops answering after the plan', async () => {
    const t = setup([cam({})]);
    const r = t.runner({ ip: '203.0.113.68' });
    await r.begin();
    t.world.cameras[0]!.silent = true;
    await r.proceed();
    await r.settled();
    expect(r.session.state).toMatchObject({ step: 'failed', at: 'verify', rolledBack: true, cancelled: false });
    expect(t.world.iface.addresses).toEqual(t.before);
    expect(t.world.journal).toBeNull();
    expect(t.world.records[0]).toMatchObject({ outcome: 'failed', after: null });
    expect(t.world.records[0]!.pcChanges).toEqual([
      'added 203.0.113.250/24 on eth0',
      'removed 203.0.113.250/24 from eth0',
    ]);
  });

  it('when the operator dismisses the administrator prompt: nothing changed, nothing more asked', async () => {
    const t = setup([cam({})]);
    t.world.helperFailure = t.helperError('dismissed', 'You dismissed the administrator prompt');
    const r = t.runner({ ip: '203.0.113.68' });
    await r.begin();
    await r.proceed();
    await r.settled();
    expect(r.session.state).toEqual({
      step: 'failed',
      at: 'alias',
      error: 'You dismissed the administrator prompt',
      rolledBack: true,
      cancelled: false,
    });
    expect(t.world.calls).toEqual(['add 203.0.113.250/24']);
    expect(t.world.journal).toBeNull();
  });

  it('cancel at the plan step ends cancelled and is recorded', async () => {
    const t = setup([cam({})]);
    const r = t.runner({ ip: '203.0.113.68' });
    await r.begin();
    const s = await r.cancel();
    expect(s.state).toMatchObject({ step: 'failed', at: 'plan', cancelled: true, rolledBack: true });
    expect(t.world.records[0]!.outcome).toBe('cancelled');
    await expect(r.proceed()).rejects.toThrow(/nothing to proceed with at step failed/);
  });

  it('cancel while the repair runs stops it and removes the alias', async () => {
    const t = setup([cam({})]);
    const r = t.runner({ ip: '203.0.113.68' });
    await r.begin();
    let cancelling: Promise<RepairSession> | null = null;
    t.world.before = (name) => {
      if (name === 'viscaCheck' && !cancelling) cancelling = r.cancel();
    };
    await r.proceed();
    await r.settled();
    await cancelling;
    expect(r.session.state).toMatchObject({ step: 'failed', cancelled: true, rolledBack: true });
    expect(t.world.iface.addresses).toEqual(t.before);
    expect(t.world.cameras[0]!.ip).toBe('203.0.113.68');
  });

  it('fails at confirm when the camera never answers at its new address, and still rolls back', async () => {
    const t = setup([cam({})]);
    const r = t.runner({ ip: '203.0.113.68' });
    await r.begin();
    t.world.before = (name) => {
      if (name === 'ipSetupWrite') t.world.before = () => void (t.world.cameras[0]!.silent = true);
    };
    await r.proceed();
    await r.settled();
    expect(r.session.state).toMatchObject({ step: 'failed', at: 'confirm', rolledBack: true });
    expect((r.session.state as { error: string }).error).toMatch(/did not answer at 198.51.100.68 within 5 s/);
    expect(t.world.iface.addresses).toEqual(t.before);
  });

  it('a roll-back that cannot remove the alias says so and keeps the journal for the next start', async () => {
    const t = setup([cam({})]);
    const r = t.runner({ ip: '203.0.113.68' });
    await r.begin();
    t.world.before = (name) => {
      if (name === 'viscaCheck')
        t.world.helperFailure = t.helperError('failed', 'ip: RTNETLINK answers: Operation not permitted');
    };
    t.world.cameras[0]!.silent = true;
    await r.proceed();
    await r.settled();
    expect(r.session.state).toMatchObject({ step: 'failed', at: 'verify', rolledBack: false });
    expect(t.world.journal).toMatchObject({ state: 'removing', alias: { address: '203.0.113.250' } });
  });

  it('manual mode: each proceed runs the live check and advances only when it passes', async () => {
    const t = setup([cam({ ipSetup: false })]);
    const r = t.runner({ ip: '203.0.113.68' });
    expect((await r.begin()).plan?.method).toBe('manual');
    await r.proceed();
    await r.settled();
    expect(r.session.state).toEqual({ step: 'manual', stage: 'connect', check: null });
    expect((await r.proceed()).state).toMatchObject({ step: 'manual', stage: 'change-address', check: { ok: true } });
    // The operator has not changed the address yet: the check fails and the stage stays.
    expect((await r.proceed()).state).toMatchObject({ step: 'manual', stage: 'change-address', check: { ok: false } });
    t.world.cameras[0]!.ip = '198.51.100.68';
    expect((await r.proceed()).state).toMatchObject({ step: 'manual', stage: 'verify-new', check: { ok: true } });
    await r.proceed();
    await r.settled();
    expect(r.session.state).toEqual({ step: 'done', newIp: '198.51.100.68' });
    expect(t.world.iface.addresses).toEqual(t.before);
    expect(t.world.records[0]).toMatchObject({ outcome: 'done', method: 'manual' });
  });

  it('manual mode: the temporary address is removed when no check comes within its timer, and each check restarts it', async () => {
    const t = setup([cam({ ipSetup: false })]);
    const r = t.runner({ ip: '203.0.113.68' });
    await r.begin();
    await r.proceed();
    await r.settled();
    expect(r.session.state).toMatchObject({ step: 'manual', stage: 'connect' });
    expect(t.world.iface.addresses).toContainEqual({ address: '203.0.113.250', prefix: 24 });
    expect(t.world.timers.map((x) => x.ms)).toEqual([600_000]);
    const firstExpiry = r.session.aliasExpiresAt!;
    expect(firstExpiry).toBeGreaterThan(0);

    // A check restarts the timer: one pending, later deadline.
    await r.proceed();
    expect(r.session.state).toMatchObject({ step: 'manual', stage: 'change-address' });
    expect(t.world.timers).toHaveLength(1);
    expect(r.session.aliasExpiresAt!).toBeGreaterThan(firstExpiry);

    // Nobody comes back: the timer fires, the alias goes, the journal is cleared, the repair ends.
    t.world.timers[0]!.fire();
    await r.settled();
    expect(r.session.state).toMatchObject({ step: 'failed', at: 'manual', rolledBack: true, cancelled: false });
    expect((r.session.state as { error: string }).error).toMatch(/no check for 10 min in manual mode/);
    expect(r.session.aliasExpiresAt).toBeNull();
    expect(t.world.iface.addresses).toEqual(t.before);
    expect(t.world.journal).toBeNull();
    expect(t.world.records[0]).toMatchObject({ outcome: 'failed', method: 'manual' });
  });

  it('manual mode: finishing or cancelling stops the timer, and a timer that fired before a later check does nothing', async () => {
    const t = setup([cam({ ipSetup: false })]);
    const r = t.runner({ ip: '203.0.113.68' });
    await r.begin();
    await r.proceed();
    await r.settled();
    const stale = t.world.timers[0]!;
    await r.proceed(); // re-armed: the first timer is cancelled…
    expect(t.world.timers).not.toContain(stale);
    stale.fire(); // …and even if it fires late, it ends nothing
    await r.settled();
    expect(r.session.state).toMatchObject({ step: 'manual', stage: 'change-address' });
    await r.cancel();
    expect(r.session.state).toMatchObject({ step: 'failed', cancelled: true, rolledBack: true });
    expect(t.world.timers).toEqual([]);
  });

  it('ONVIF readdress with a login: checked at verify, used for the change, and the password is nowhere', async () => {
    const t = setup([cam({ ipSetup: false, onvif: { password: 's3cret-Pa55' } })]);
    const r = t.runner({ ip: '203.0.113.68', deviceId: 'cam-1' });
    expect((await r.begin()).plan?.method).toBe('onvif');
    expect(r.setCredentials({ username: 'admin', password: 's3cret-Pa55' }).onvifUser).toBe('admin');
    await r.proceed();
    await r.settled();
    expect(r.session.state).toEqual({ step: 'done', newIp: '198.51.100.68' });
    expect(t.world.calls).toContain('onvif 203.0.113.68 → 198.51.100.68/24 as admin');
    expect(t.world.iface.addresses).toEqual(t.before);
    const everything = JSON.stringify([t.seen, t.world.journalWrites, t.world.records]);
    expect(everything).not.toContain('s3cret-Pa55');
    expect(everything).toContain('ONVIF login set: user admin');
  });

  it('ONVIF: a wrong password stops the repair at verify, before the camera is touched, and rolls back', async () => {
    const t = setup([cam({ ipSetup: false, onvif: { password: 'right' } })]);
    const r = t.runner({ ip: '203.0.113.68' });
    await r.begin();
    r.setCredentials({ username: 'admin', password: 'wrong' });
    await r.proceed();
    await r.settled();
    expect(r.session.state).toMatchObject({ step: 'failed', at: 'verify', rolledBack: true });
    expect((r.session.state as { error: string }).error).toMatch(/refused the user name or password/);
    expect(t.world.cameras[0]!.ip).toBe('203.0.113.68');
    expect(t.world.iface.addresses).toEqual(t.before);
  });

  it('ONVIF: a camera that asks for a login when none was given says where to enter it', async () => {
    const t = setup([cam({ ipSetup: false, onvif: { password: 'right' } })]);
    const r = t.runner({ ip: '203.0.113.68' });
    await r.begin();
    await r.proceed();
    await r.settled();
    expect(r.session.state).toMatchObject({ step: 'failed', at: 'readdress', rolledBack: true });
    expect((r.session.state as { error: string }).error).toMatch(
      /asks for a user name and password: start the repair again and enter the camera's ONVIF user name and password in the plan/,
    );
  });

  it('credentials are refused outside the plan step and for an IP-setup readdress', async () => {
    const t = setup([cam({})]);
    const r = t.runner({ ip: '203.0.113.68' });
    expect(() => r.setCredentials({ username: 'admin', password: 'x' })).toThrow(/only be set at the plan step/);
    await r.begin();
    expect(() => r.setCredentials({ username: 'admin', password: 'x' })).toThrow(
      /Sony IP-setup, which takes no credentials/,
    );
  });

  it('a lost ACK then NAK to the repeat is not taken as a refusal: the new address decides', async () => {
    const t = setup([cam({})]);
    t.world.ipSetupLostAck = { applied: true };
    const r = t.runner({ ip: '203.0.113.68', deviceId: 'cam-1' });
    await r.begin();
    await r.proceed();
    await r.settled();
    expect(r.session.state).toEqual({ step: 'done', newIp: '198.51.100.68' });
    expect(r.session.log.map((l) => l.text)).toContain('checking whether the camera took the first setting');
    expect(t.world.iface.addresses).toEqual(t.before);
  });

  it('a lost ACK then NAK, and the camera never appears at its new address: fails at confirm, rolled back', async () => {
    const t = setup([cam({})]);
    t.world.ipSetupLostAck = { applied: false };
    const r = t.runner({ ip: '203.0.113.68' });
    await r.begin();
    await r.proceed();
    await r.settled();
    expect(r.session.state).toMatchObject({ step: 'failed', at: 'confirm', rolledBack: true });
    expect(t.world.cameras[0]!.ip).toBe('203.0.113.68');
    expect(t.world.iface.addresses).toEqual(t.before);
  });

  it('fails diagnosis clearly when nothing answers, with nothing changed', async () => {
    const t = setup([]);
    const r = t.runner({ ip: '203.0.113.68' });
    const s = await r.begin();
    expect(s.state).toMatchObject({ step: 'failed', at: 'diagnose', rolledBack: true });
    expect((s.state as { error: string }).error).toBe(
      'nothing answers at 203.0.113.68 on eth0: check the cable and that the camera is powered',
    );
  });

  it('editPlan re-validates and re-probes; a taken target is refused', async () => {
    const t = setup([cam({}), cam({ mac: CAM_B, ip: '198.51.100.99', ipSetup: false })]);
    const r = t.runner({ ip: '203.0.113.68' });
    await r.begin();
    await expect(r.editPlan({ targetAddress: '198.51.100.99' })).rejects.toThrow(
      `new address 198.51.100.99 is in use by ${CAM_B}`,
    );
    await expect(r.editPlan({ targetAddress: '198.51.100.10' })).rejects.toThrow(/is an address of this PC/);
    const s = await r.editPlan({ targetAddress: '198.51.100.77', aliasAddress: '203.0.113.200' });
    expect(s.plan).toMatchObject({ alias: { address: '203.0.113.200' }, target: { address: '198.51.100.77' } });
  });
});

/** A scripted PC + cameras for the repair runner's unit tests: every effect acts on this in-memory world. */
import type { NetInterface } from '../../../../../shared/model/network';
import type { RepairRecord } from '../../../../../shared/model/repair';
import { HelperClientError, type NetHelper } from '../helper-client';
import type { IpSetupCamera, RepairEffects } from '../repair-effects';
import type { JournalEntry } from '../repair-journal';

export interface FakeCamera {
  mac: string;
  ip: string;
  mask: string;
  silent: boolean;
  writable: boolean | null;
  ipSetup: boolean;
  /** Answers ONVIF; `password` null = no login needed (user "admin" otherwise). */
  onvif?: { password: string | null };
}

export function fakeWorld(cameras: FakeCamera[]) {
  const iface: NetInterface = {
    name: 'eth0',
    mac: '02:00:5e:00:53:aa',
    up: true,
    addresses: [{ address: '198.51.100.10', prefix: 24 }],
    gateway: null,
    managedBy: 'none',
  };
  const journalWrites: JournalEntry[] = [];
  let journal: JournalEntry | null = null;
  const records: RepairRecord[] = [];
  const calls: string[] = [];
  let t = 1_000;
  /** Timers the runner set and has not cancelled; a test fires one to play the time out. */
  const timers: { ms: number; fire: () => void }[] = [];
  const world = {
    timers,
    iface,
    cameras,
    calls,
    records,
    journalWrites,
    get journal() {
      return journal;
    },
    /** Make the helper fail every call with this reason (e.g. 'dismissed'). */
    helperFailure: null as HelperClientError | null,
    /**
     * The IP-setup write's ACK is lost and the repeat gets NAK; `applied` says whether the camera took the
     * first setting all the same. Null: a plain ACK.
     */
    ipSetupLostAck: null as { applied: boolean } | null,
    /** Called before each effect named; a test can inject a fault. */
    before: (_name: string) => {},
  };
  const reachable = (ip: string) =>
    iface.addresses.some((a) => a.address.split('.').slice(0, 3).join('.') === ip.split('.').slice(0, 3).join('.'));
  const answering = (ip: string) => cameras.filter((c) => c.ip === ip && !c.silent);
  /** The ONVIF camera answering at `xaddr`'s host, if the PC can reach it. */
  const onvifAt = (xaddr: string) => {
    const host = new URL(xaddr).hostname;
    return reachable(host) ? answering(host).find((c) => c.onvif) : undefined;
  };
  const loginOk = (cam: FakeCamera, c: { username: string; password: string } | undefined) =>
    cam.onvif!.password === null || (c?.username === 'admin' && c.password === cam.onvif!.password);
  const helper: NetHelper = {
    async addAlias(_i, ip, prefix) {
      calls.push(`add ${ip}/${prefix}`);
      if (world.helperFailure) throw world.helperFailure;
      iface.addresses = [...iface.addresses, { address: ip, prefix }];
      return { detail: `ip addr add ${ip}/${prefix} dev eth0` };
    },
    async removeAlias(_i, ip, prefix) {
      calls.push(`remove ${ip}/${prefix}`);
      if (world.helperFailure) throw world.helperFailure;
      iface.addresses = iface.addresses.filter((a) => a.address !== ip);
      return { detail: `ip addr del ${ip}/${prefix} dev eth0` };
    },
    async list() {
      if (world.helperFailure) throw world.helperFailure;
      return iface.addresses.map((a, i) => ({ ...a, primary: i === 0, dynamic: false }));
    },
    async probe() {
      return { free: true, macs: [] };
    },
  };
  const fx: RepairEffects = {
    interfaces: async () => [structuredClone(iface)],
    ping: async (_i, ip) => {
      world.before('ping');
      return reachable(ip) && answering(ip).length > 0;
    },
    arpProbe: async (_i, ip) => {
      world.before('arpProbe');
      return answering(ip).map((c) => c.mac);
    },
    arpDad: async (_i, ip) => {
      const macs = cameras.filter((c) => c.ip === ip).map((c) => c.mac);
      return { free: macs.length === 0 && !iface.addresses.some((a) => a.address === ip), macs };
    },
    ipSetupScan: async (): Promise<IpSetupCamera[]> => {
      world.before('ipSetupScan');
      return cameras
        .filter((c) => c.ipSetup && !c.silent)
        .map((c) => ({
          mac: c.mac,
          ip: c.ip,
          mask: c.mask,
          gateway: null,
          model: 'SRG-X400',
          name: 'CAM1',
          writable: c.writable,
        }));
    },
    ipSetupWrite: async (req) => {
      world.before('ipSetupWrite');
      const cam = cameras.find((c) => c.mac === req.mac && !c.silent);
      if (!cam) return { ok: false, detail: 'no ACK/NAK' };
      if (world.ipSetupLostAck) {
        if (world.ipSetupLostAck.applied) cam.ip = req.ip;
        return {
          ok: false,
          uncertain: true,
          detail: `no answer to the setting, then NAK to its repeat from ${req.mac}`,
        };
      }
      cam.ip = req.ip;
      return { ok: true, detail: `ACK from ${req.mac}` };
    },
    viscaCheck: async (ip) => {
      world.before('viscaCheck');
      const ok = reachable(ip) && answering(ip).length > 0;
      return { ok, detail: ok ? `VISCA camera answers at ${ip}` : `no VISCA answer from ${ip}` };
    },
    onvifCheck: async (xaddr, _signal, credentials) => {
      world.before('onvifCheck');
      const cam = onvifAt(xaddr);
      if (!cam) return { ok: false, detail: `no ONVIF answer from ${xaddr}` };
      if (credentials && !loginOk(cam, credentials)) {
        return { ok: false, detail: 'ONVIF GetNetworkInterfaces: the camera refused the user name or password' };
      }
      return { ok: true, detail: `ONVIF device service answers at ${xaddr}` };
    },
    onvifSetAddress: async (xaddr, target, _signal, credentials) => {
      world.before('onvifSetAddress');
      const cam = onvifAt(xaddr);
      if (!cam) throw new Error(`ONVIF GetNetworkInterfaces to ${xaddr}: no answer`);
      if (!loginOk(cam, credentials)) {
        throw Object.assign(
          new Error(
            credentials
              ? 'ONVIF GetNetworkInterfaces: the camera refused the user name or password'
              : 'ONVIF GetNetworkInterfaces: the camera asks for a user name and password',
          ),
          { kind: 'unauthorized' },
        );
      }
      calls.push(`onvif ${cam.ip} → ${target.address}/${target.prefix} as ${credentials?.username ?? '-'}`);
      cam.ip = target.address;
      return `SetNetworkInterfaces eth0 → ${target.address}/${target.prefix}`;
    },
    onvifXAddrs: (ip) =>
      cameras.filter((c) => c.onvif && c.ip === ip).map((c) => `http://${c.ip}/onvif/device_service`),
    deviceHosts: () => [],
    updateDevice: async (id, oldIp, newIp) => (id ? `device ${id} ${oldIp} → ${newIp}` : null),
    helper,
    journal: {
      async write(e) {
        journalWrites.push(structuredClone(e));
        journal = e;
      },
      async clear() {
        journal = null;
      },
    },
    history: {
      async append(r) {
        records.push(r);
      },
    },
    operator: () => ({ user: 'op', host: 'pc1' }),
    now: () => (t += 100),
    sleep: async (ms, signal) => {
      if (signal.aborted) throw new Error('cancelled by the operator');
      t += ms;
    },
    newId: () => 'session-1',
    setTimer(ms, fire) {
      const timer = { ms, fire };
      timers.push(timer);
      return {
        cancel: () => {
          const i = timers.indexOf(timer);
          if (i >= 0) timers.splice(i, 1);
        },
      };
    },
  };
  return {
    world,
    fx,
    helperError: (reason: ConstructorParameters<typeof HelperClientError>[0], msg: string) =>
      new HelperClientError(reason, msg),
  };
}

/**
 * `node out/node/lab-camera.mjs --config <json>`: the simulated cameras of one lab network namespace, run
 * as root inside it. Each camera gets a macvlan sub-interface of `iface` with its own MAC and address
 * (so ARP sees one MAC per camera), and answers VISCA over IP (UDP 52381), Sony IP-setup (UDP 52380),
 * WS-Discovery and, when the spec has an `onvif` login, the ONVIF device service (HTTP 80,
 * /onvif/device_service: readdress with a WS-Security login on the camera's own clock). Control: JSON lines
 * on stdin; events: JSON lines on stdout (logs go to stderr).
 *
 *   stdin:  {"cmd":"silence","on":true}   stop answering every protocol (the "camera stops answering" fault)
 *           {"cmd":"writable","mac":"…","on":false}   IP-setup WRITE:off / on for one camera
 *           {"cmd":"state"}               → {"event":"state","cameras":[{mac,ip,prefix,gateway,pan,tilt,zoom}]}
 *   stdout: {"event":"ready"} once listening; {"event":"readdressed","mac","ip"} after an IP-setup or
 *           ONVIF change (address or gateway);
 *           {"event":"error","message"} on a failure after start.
 */
import { writeFileSync } from 'node:fs';
import readline from 'node:readline';
import { z } from 'zod';
import { InterfaceName, Ipv4, Mac } from '../../../shared/model/network';
import { maskToPrefix, prefixToMask } from '../../../shared/net/ipv4';
import { runCommand } from '../network/os/run-command';
import { SimCamera } from './camera-model';
import { simClock } from './sim-clock';
import type { SimNetServer } from './sim-net-server';
import { startIpSetupResponder, type IpSetupAddress, type IpSetupResponder } from './ip-setup-responder';
import { startOnvifDeviceResponder, type OnvifDeviceResponder } from './onvif-device-responder';
import { startViscaIpServer } from './visca-ip-server';
import { startWsDiscoveryResponder, type WsDiscoveryResponder } from './ws-discovery-responder';

/** One simulated camera of the lab. */
export const LabCameraSpec = z
  .object({
    ip: Ipv4,
    prefix: z.number().int().min(1).max(32),
    gateway: Ipv4.nullable().default(null),
    mac: Mac,
    /** IP-setup NAME: ≤ 8 letters, digits or spaces. */
    name: z
      .string()
      .regex(/^[A-Za-z0-9 ]{0,8}$/, 'name: at most 8 letters, digits or spaces')
      .default('SIMCAM'),
    model: z
      .string()
      .min(1)
      .max(40)
      .regex(/^[\x20-\x7e]+$/)
      .default('SIM-PTZ'),
    visca: z.boolean().default(true),
    ipSetup: z.boolean().default(true),
    wsDiscovery: z.boolean().default(true),
    writable: z.boolean().default(true),
    /** Delay between an IP-setup ACK (or the ONVIF SetNetworkInterfaces answer) and the address change, ms. */
    applyDelayMs: z.number().int().min(0).max(120_000).default(500),
    /** After an accepted setting, others get NAK for this long, ms (real cameras: ~30 s). */
    applyWindowMs: z.number().int().min(0).max(600_000).default(30_000),
    /** Fault: the replies to the first N IP-setup settings are lost (the setting is still taken). */
    dropSettingReplies: z.number().int().min(0).max(10).default(0),
    /** The IP-setup answer to the same setting again while applying it: 'ack', or 'nak' like strict firmware. */
    resendReply: z.enum(['ack', 'nak']).default('ack'),
    /** Upper bound of the WS-Discovery answer delay, ms. */
    wsMaxDelayMs: z.number().int().min(0).max(5000).default(300),
    /** The ONVIF device service's login (null: no ONVIF service); its clock runs `clockOffsetMs` off the real one. */
    onvif: z
      .object({
        username: z.string().min(1).max(64),
        password: z.string().max(128),
        clockOffsetMs: z
          .number()
          .int()
          .min(-366 * 86_400_000)
          .max(366 * 86_400_000)
          .optional(),
      })
      .strict()
      .nullable()
      .default(null),
  })
  .strict();
export type LabCameraSpec = z.input<typeof LabCameraSpec>;

export const LabCameraConfig = z
  .object({ iface: InterfaceName.default('eth0'), cameras: z.array(LabCameraSpec).min(1).max(254) })
  .strict();
export type LabCameraConfig = z.input<typeof LabCameraConfig>;

type Spec = z.output<typeof LabCameraSpec>;

interface RunningCamera {
  spec: Spec;
  dev: string;
  table: number;
  ip: string;
  prefix: number;
  gateway: string | null;
  camera: SimCamera;
  visca: SimNetServer | null;
  ipSetup: IpSetupResponder | null;
  ws: WsDiscoveryResponder | null;
  onvif: OnvifDeviceResponder | null;
}

const emit = (o: object): void => void process.stdout.write(`${JSON.stringify(o)}\n`);
const log = (m: string): void => void process.stderr.write(`lab-camera: ${m}\n`);

async function ip(...args: string[]): Promise<void> {
  const r = await runCommand(['ip', ...args]);
  if (r.code !== 0) throw new Error(`ip ${args.join(' ')} failed: ${r.stderr.trim() || `exit ${r.code}`}`);
}

function sysctl(key: string, value: string): void {
  writeFileSync(`/proc/sys/${key.replace(/\./g, '/')}`, value);
}

let silenced = false;
const cameras: RunningCamera[] = [];
const clock = simClock();

async function startVisca(c: RunningCamera): Promise<void> {
  if (!c.spec.visca) return;
  c.visca = await startViscaIpServer({
    camera: c.camera,
    host: c.ip,
    port: 52381,
    clock,
    filter: () => (silenced ? 'drop' : 'pass'),
  });
}

async function readdress(c: RunningCamera, next: IpSetupAddress): Promise<void> {
  const prefix = maskToPrefix(next.mask);
  if (prefix === null || prefix === 0) throw new Error(`mask ${next.mask} is not a usable contiguous mask`);
  const old = c.ip;
  const moved = next.ip !== old || prefix !== c.prefix;
  // Add the new address before removing the old one so the interface never has none.
  if (moved) {
    if (next.ip !== old) await ip('addr', 'add', `${next.ip}/${prefix}`, 'dev', c.dev);
    await ip('addr', 'del', `${old}/${c.prefix}`, 'dev', c.dev);
    if (next.ip === old) await ip('addr', 'add', `${next.ip}/${prefix}`, 'dev', c.dev);
    await ip('rule', 'del', 'from', old, 'lookup', String(c.table));
    await ip('rule', 'add', 'from', next.ip, 'lookup', String(c.table));
  }
  c.ip = next.ip;
  c.prefix = prefix;
  c.gateway = next.gateway === '0.0.0.0' ? null : next.gateway;
  // Either protocol may have moved the camera: both report what it has now.
  if (c.ipSetup) Object.assign(c.ipSetup.logic.state, { ip: next.ip, mask: next.mask, gateway: next.gateway });
  if (c.onvif) Object.assign(c.onvif.network, { prefix, gateway: c.gateway });
  // A gateway alone (ONVIF SetNetworkDefaultGateway) leaves the sockets where they are: the ONVIF client
  // is still in the middle of its calls on its connection.
  if (moved) {
    await c.visca?.close();
    await startVisca(c);
    await c.ws?.setIp(next.ip);
    await c.onvif?.setIp(next.ip);
  }
  emit({ event: 'readdressed', mac: c.spec.mac, ip: next.ip });
}

async function setupCamera(spec: Spec, index: number, parent: string): Promise<RunningCamera> {
  const dev = `cam${index}`;
  const table = 100 + index;
  await ip('link', 'add', dev, 'link', parent, 'address', spec.mac, 'type', 'macvlan', 'mode', 'bridge');
  sysctl(`net.ipv4.conf.${dev}.arp_ignore`, '1');
  sysctl(`net.ipv4.conf.${dev}.arp_announce`, '2');
  sysctl(`net.ipv4.conf.${dev}.rp_filter`, '0');
  // Readdressing adds the new address before deleting the old one; in the same subnet the new one is a
  // secondary, which the kernel would delete with the primary unless promoted.
  sysctl(`net.ipv4.conf.${dev}.promote_secondaries`, '1');
  await ip('addr', 'add', `${spec.ip}/${spec.prefix}`, 'dev', dev);
  await ip('link', 'set', dev, 'up');
  // Replies leave by the camera's own sub-interface (its MAC), whatever subnet the peer is in: the
  // cameras sit on one Ethernet segment, so an on-link default route per camera is enough.
  await ip('route', 'replace', 'default', 'dev', dev, 'table', String(table));
  await ip('rule', 'add', 'from', spec.ip, 'lookup', String(table));
  if (index === 0) await ip('route', 'replace', 'default', 'dev', dev);
  const c: RunningCamera = {
    spec,
    dev,
    table,
    ip: spec.ip,
    prefix: spec.prefix,
    gateway: spec.gateway,
    camera: new SimCamera({ now: clock.now }),
    visca: null,
    ipSetup: null,
    ws: null,
    onvif: null,
  };
  await startVisca(c);
  if (spec.ipSetup) {
    c.ipSetup = await startIpSetupResponder(
      {
        mac: spec.mac,
        ip: spec.ip,
        mask: prefixToMask(spec.prefix),
        gateway: spec.gateway ?? '0.0.0.0',
        name: spec.name,
        model: spec.model,
        softVersion: '1.00.00',
        writable: spec.writable,
      },
      {
        applyDelayMs: spec.applyDelayMs,
        applyWindowMs: spec.applyWindowMs,
        dropSettingReplies: spec.dropSettingReplies,
        resendReply: spec.resendReply,
        applyAddress: (next) => readdress(c, next),
        onError: (e) => emit({ event: 'error', mac: spec.mac, message: (e as Error).message }),
      },
    );
  }
  if (spec.onvif) {
    c.onvif = await startOnvifDeviceResponder({
      network: { ip: spec.ip, prefix: spec.prefix, gateway: spec.gateway },
      mac: spec.mac,
      login: { username: spec.onvif.username, password: spec.onvif.password },
      clockOffsetMs: spec.onvif.clockOffsetMs ?? 0,
      applyDelayMs: spec.applyDelayMs,
      applyNetwork: (next) =>
        readdress(c, {
          ip: next.ip,
          mask: prefixToMask(next.prefix),
          gateway: next.gateway ?? '0.0.0.0',
          name: spec.name,
        }),
      onError: (e) => emit({ event: 'error', mac: spec.mac, message: (e as Error).message }),
    });
  }
  if (spec.wsDiscovery) {
    c.ws = await startWsDiscoveryResponder({
      ip: spec.ip,
      name: spec.name || 'SIMCAM',
      model: spec.model,
      maxDelayMs: spec.wsMaxDelayMs,
    });
  }
  return c;
}

function stateLine(): object {
  return {
    event: 'state',
    cameras: cameras.map((c) => {
      const s = c.camera.snapshot();
      return {
        mac: c.spec.mac,
        ip: c.ip,
        prefix: c.prefix,
        gateway: c.gateway,
        pan: s.panDeg,
        tilt: s.tiltDeg,
        zoom: s.zoomPosition,
        silenced,
        writable: c.ipSetup?.logic.state.writable ?? null,
      };
    }),
  };
}

function onCommand(line: string): void {
  if (!line.trim()) return;
  let cmd: { cmd?: unknown; on?: unknown; mac?: unknown };
  try {
    cmd = JSON.parse(line) as typeof cmd;
  } catch {
    emit({ event: 'error', message: `not JSON: ${line.slice(0, 80)}` });
    return;
  }
  switch (cmd.cmd) {
    case 'silence':
      silenced = cmd.on !== false;
      for (const c of cameras) {
        c.ipSetup?.setSilenced(silenced);
        c.ws?.setSilenced(silenced);
        c.onvif?.setSilenced(silenced);
      }
      emit({ event: 'silenced', on: silenced });
      return;
    case 'writable': {
      const mac = Mac.safeParse(cmd.mac);
      const c = mac.success ? cameras.find((x) => x.spec.mac === mac.data) : undefined;
      if (!c?.ipSetup) return emit({ event: 'error', message: `no IP-setup camera ${String(cmd.mac)}` });
      c.ipSetup.logic.state.writable = cmd.on !== false;
      return emit({ event: 'writable', mac: c.spec.mac, on: c.ipSetup.logic.state.writable });
    }
    case 'state':
      return emit(stateLine());
    default:
      emit({ event: 'error', message: `unknown cmd ${JSON.stringify(cmd.cmd)}` });
  }
}

async function shutdown(code: number): Promise<never> {
  await Promise.allSettled(
    cameras.flatMap((c) => [c.visca?.close(), c.ipSetup?.close(), c.ws?.close(), c.onvif?.close()]),
  );
  process.exit(code);
}

async function main(): Promise<void> {
  const at = process.argv.indexOf('--config');
  const raw = at >= 0 ? process.argv[at + 1] : undefined;
  if (!raw) throw new Error('usage: lab-camera --config <json>');
  const config = LabCameraConfig.parse(JSON.parse(raw));
  if (process.getuid?.() !== 0) throw new Error('lab-camera must run as root inside a lab network namespace');
  sysctl('net.ipv4.conf.all.arp_ignore', '1');
  sysctl('net.ipv4.conf.all.arp_announce', '2');
  sysctl('net.ipv4.conf.all.rp_filter', '0');
  sysctl('net.ipv4.conf.default.rp_filter', '0');
  await ip('link', 'set', config.iface, 'up');
  for (const [i, spec] of config.cameras.entries()) cameras.push(await setupCamera(spec, i, config.iface));
  readline
    .createInterface({ input: process.stdin })
    .on('line', onCommand)
    .on('close', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));
  process.on('SIGINT', () => void shutdown(0));
  emit({ event: 'ready', cameras: cameras.map((c) => ({ mac: c.spec.mac, ip: c.ip, dev: c.dev })) });
}

main().catch((e: unknown) => {
  log(e instanceof Error ? e.message : String(e));
  emit({ event: 'error', fatal: true, message: e instanceof Error ? e.message : String(e) });
  void shutdown(1);
});

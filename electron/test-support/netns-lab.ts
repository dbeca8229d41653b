/**
 * The network lab for integration tests, the e2e fixture and the bench: a "switch" namespace with a
 * bridge, a "PC" namespace (eth0 in the bridge) and one namespace per camera host, each running
 * out/node/lab-camera.mjs (cameras as macvlans with their own MACs). Needs root, iproute2 and a built
 * out/node (npm run build). Everything is named `<prefix>-…` and removed on destroy, on process exit
 * (best effort) and by the next createLab with the same prefix.
 */
import { spawn, spawnSync, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { runCommand, type RunResult } from '../core/network/os/run-command';
import type { LabCameraSpec } from '../core/sim/lab-camera';

export type { LabCameraSpec } from '../core/sim/lab-camera';

export interface LabSpec {
  /** Namespace name prefix: 1–6 of [a-z0-9], unique per test file (parallel files must not collide). */
  prefix: string;
  pc: { addresses: { address: string; prefix: number }[]; gateway?: string };
  /** One namespace per entry; its cameras share it (each a macvlan with its own MAC). */
  cameraHosts: { cameras: LabCameraSpec[] }[];
}

/** A JSON line printed by lab-camera (`{"event":"ready"|"readdressed"|"state"|…}`). */
export type LabEvent = { event: string; mac?: string; ip?: string; [k: string]: unknown };

export interface LabCameraState {
  mac: string;
  ip: string;
  prefix: number;
  gateway: string | null;
  pan: number;
  tilt: number;
  zoom: number;
  silenced: boolean;
  writable: boolean | null;
}

export interface LabCameraHandle {
  /** The camera host's namespace. */
  ns: string;
  mac: string;
  /** Writes one command line to the host's lab-camera (affects every camera of that host unless it names a MAC). */
  send(cmd: object): void;
  /** The camera's current state as lab-camera reports it. */
  state(): Promise<LabCameraState>;
  /**
   * Resolves with the first event of this camera's host (events naming another MAC are skipped) that
   * satisfies `predicate` — including ones already received unless `fromNow`. Rejects after `timeoutMs`.
   */
  waitFor(predicate: (e: LabEvent) => boolean, timeoutMs?: number, fromNow?: boolean): Promise<LabEvent>;
}

export interface Lab {
  readonly pcNs: string;
  readonly pcIf: 'eth0';
  readonly pcMac: string;
  /** Runs argv inside namespace `ns` (argument array, no shell). */
  exec(ns: string, argv: readonly string[]): Promise<RunResult>;
  execInPc(argv: readonly string[]): Promise<RunResult>;
  /** Spawns argv inside the PC namespace; killed on destroy. */
  spawnInPc(argv: readonly string[], opts?: SpawnOptions): ChildProcess;
  camera(mac: string): LabCameraHandle;
  /** Canonical JSON of `ip -j addr` + `ip -j route show table all` in the PC namespace, volatile fields stripped. */
  snapshotPc(): Promise<string>;
  /**
   * Waits until the PC namespace has settled: the kernel adds eth0's IPv6 link-local address and its routes
   * only after IPv6 DAD (about a second after link-up), which would otherwise show up as a difference
   * between "before" and "after" that no repair made. Polls every 500 ms, at most `tries` times.
   */
  settlePc(tries?: number): Promise<void>;
  /** Kills every child and deletes every namespace of the lab. Safe to call twice. */
  destroy(): Promise<void>;
}

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const LAB_CAMERA_BIN = path.join(ROOT, 'out/node/lab-camera.mjs');

const liveLabs = new Set<string>();
let hooksInstalled = false;

async function ip(...args: string[]): Promise<RunResult> {
  const r = await runCommand(['ip', ...args]);
  if (r.code !== 0) throw new Error(`ip ${args.join(' ')} failed: ${r.stderr.trim() || `exit ${r.code}`}`);
  return r;
}

function namespacesWith(prefix: string): string[] {
  const r = spawnSync('ip', ['netns', 'list'], { encoding: 'utf8' });
  return (r.stdout ?? '')
    .split('\n')
    .map((l) => l.trim().split(/\s+/)[0] ?? '')
    .filter((n) => n.startsWith(`${prefix}-`));
}

/** Kills every process in each namespace of `prefix` and deletes the namespaces (synchronous, for exit hooks). */
export function cleanupStaleLabs(prefix: string): void {
  checkPrefix(prefix);
  for (const ns of namespacesWith(prefix)) {
    const pids = spawnSync('ip', ['netns', 'pids', ns], { encoding: 'utf8' }).stdout ?? '';
    for (const pid of pids
      .split('\n')
      .map(Number)
      .filter((n) => Number.isInteger(n) && n > 1)) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    spawnSync('ip', ['netns', 'del', ns]);
  }
}

function checkPrefix(prefix: string): void {
  if (!/^[a-z][a-z0-9]{0,5}$/.test(prefix)) {
    throw new Error(`lab prefix "${prefix}" must be 1–6 characters of a-z and 0-9, starting with a letter`);
  }
}

function installExitHooks(): void {
  if (hooksInstalled) return;
  hooksInstalled = true;
  const cleanAll = (): void => {
    for (const p of liveLabs) cleanupStaleLabs(p);
    liveLabs.clear();
  };
  process.once('exit', cleanAll);
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.once(sig, () => {
      cleanAll();
      process.kill(process.pid, sig);
    });
  }
}

/** Canonical JSON: keys sorted, volatile fields (lifetimes, DAD state, stats) dropped, routes sorted. */
export function canonicalIpJson(addrJson: string, routeJson: string): string {
  const VOLATILE = new Set([
    'valid_life_time',
    'preferred_life_time',
    'tentative',
    'optimistic',
    'dadfailed',
    'stats64',
    'stats',
  ]);
  const clean = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(clean);
    if (v && typeof v === 'object') {
      return Object.fromEntries(
        Object.keys(v)
          .filter((k) => !VOLATILE.has(k))
          .sort()
          .map((k) => [k, clean((v as Record<string, unknown>)[k])]),
      );
    }
    return v;
  };
  const routes = (clean(JSON.parse(routeJson)) as unknown[]).map((r) => JSON.stringify(r)).sort();
  return JSON.stringify(
    { addr: clean(JSON.parse(addrJson)), route: routes.map((r) => JSON.parse(r) as unknown) },
    null,
    1,
  );
}

interface Host {
  ns: string;
  child: ChildProcess;
  events: LabEvent[];
  listeners: Set<(e: LabEvent) => void>;
  macs: string[];
  stderr(): string;
}

/** Builds the lab. Throws a clear Error when not root, when iproute2 or the built lab-camera is missing. */
export async function createLab(spec: LabSpec): Promise<Lab> {
  checkPrefix(spec.prefix);
  if (process.getuid?.() !== 0) {
    throw new Error('the network lab needs root (it creates network namespaces): run the tests as root');
  }
  if (!existsSync(LAB_CAMERA_BIN)) throw new Error(`${LAB_CAMERA_BIN} is missing: run \`npm run build\` first`);
  cleanupStaleLabs(spec.prefix);
  installExitHooks();
  liveLabs.add(spec.prefix);

  const sw = `${spec.prefix}-sw`;
  const pcNs = `${spec.prefix}-pc`;
  const hosts: Host[] = [];
  const children = new Set<ChildProcess>();
  let destroyed: Promise<void> | null = null;

  const destroy = (): Promise<void> =>
    (destroyed ??= (async () => {
      await Promise.all(
        [...children].map(
          (c) =>
            new Promise<void>((resolve) => {
              if (c.exitCode !== null || c.signalCode !== null) return resolve();
              const t = setTimeout(() => c.kill('SIGKILL'), 2000);
              c.once('exit', () => {
                clearTimeout(t);
                resolve();
              });
              c.kill('SIGTERM');
            }),
        ),
      );
      cleanupStaleLabs(spec.prefix);
      liveLabs.delete(spec.prefix);
    })());

  try {
    await ip('netns', 'add', sw);
    await ip('-n', sw, 'link', 'set', 'lo', 'up');
    await ip('-n', sw, 'link', 'add', 'br0', 'type', 'bridge', 'stp_state', '0', 'mcast_snooping', '0');
    await ip('-n', sw, 'link', 'set', 'br0', 'up');
    const plug = async (ns: string, port: string): Promise<void> => {
      await ip('netns', 'add', ns);
      await ip('-n', ns, 'link', 'set', 'lo', 'up');
      await ip('link', 'add', 'eth0', 'netns', ns, 'type', 'veth', 'peer', 'name', port, 'netns', sw);
      await ip('-n', sw, 'link', 'set', port, 'master', 'br0');
      await ip('-n', sw, 'link', 'set', port, 'up');
      await ip('-n', ns, 'link', 'set', 'eth0', 'up');
    };
    await plug(pcNs, 'pc');
    for (const a of spec.pc.addresses) await ip('-n', pcNs, 'addr', 'add', `${a.address}/${a.prefix}`, 'dev', 'eth0');
    if (spec.pc.gateway) await ip('-n', pcNs, 'route', 'add', 'default', 'via', spec.pc.gateway, 'dev', 'eth0');
    const link = JSON.parse((await ip('-n', pcNs, '-j', 'link', 'show', 'eth0')).stdout) as { address: string }[];
    const pcMac = link[0]!.address;

    for (const [i, h] of spec.cameraHosts.entries()) {
      const ns = `${spec.prefix}-c${i}`;
      await plug(ns, `h${i}`);
      const child = spawn(
        'ip',
        [
          'netns',
          'exec',
          ns,
          process.execPath,
          LAB_CAMERA_BIN,
          '--config',
          JSON.stringify({ iface: 'eth0', cameras: h.cameras }),
        ],
        { stdio: ['pipe', 'pipe', 'pipe'] },
      );
      children.add(child);
      const host: Host = {
        ns,
        child,
        events: [],
        listeners: new Set(),
        macs: h.cameras.map((c) => c.mac.toLowerCase().replace(/-/g, ':')),
        stderr: () => stderr.slice(-1000),
      };
      let stderr = '';
      child.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
      readline.createInterface({ input: child.stdout! }).on('line', (line) => {
        let e: LabEvent;
        try {
          e = JSON.parse(line) as LabEvent;
        } catch {
          return;
        }
        host.events.push(e);
        if (host.events.length > 500) host.events.splice(0, 100);
        for (const l of host.listeners) l(e);
      });
      hosts.push(host);
      await new Promise<void>((resolve, reject) => {
        const t = setTimeout(() => reject(new Error(`lab-camera in ${ns} not ready after 20 s: ${stderr}`)), 20_000);
        const done = (err?: Error): void => {
          clearTimeout(t);
          host.listeners.delete(onEvent);
          child.off('exit', onExit);
          if (err) reject(err);
          else resolve();
        };
        const onEvent = (e: LabEvent): void => {
          if (e.event === 'ready') done();
          else if (e.event === 'error' && e.fatal) done(new Error(`lab-camera in ${ns}: ${String(e.message)}`));
        };
        const onExit = (code: number | null): void =>
          done(new Error(`lab-camera in ${ns} exited (${code}): ${stderr}`));
        host.listeners.add(onEvent);
        child.once('exit', onExit);
      });
    }

    const hostOf = (mac: string): Host => {
      const m = mac.toLowerCase().replace(/-/g, ':');
      const h = hosts.find((x) => x.macs.includes(m));
      if (!h) throw new Error(`no lab camera with MAC ${mac}`);
      return h;
    };

    const waitOn = (
      h: Host,
      mac: string,
      predicate: (e: LabEvent) => boolean,
      timeoutMs: number,
      fromNow: boolean,
    ): Promise<LabEvent> => {
      const mine = (e: LabEvent): boolean => (e.mac === undefined || e.mac === mac) && predicate(e);
      if (!fromNow) {
        const past = h.events.find(mine);
        if (past) return Promise.resolve(past);
      }
      return new Promise((resolve, reject) => {
        const t = setTimeout(() => {
          h.listeners.delete(l);
          reject(
            new Error(
              `lab camera ${mac}: no matching event within ${timeoutMs} ms; last events: ${JSON.stringify(h.events.slice(-5))}; stderr: ${h.stderr()}`,
            ),
          );
        }, timeoutMs);
        const l = (e: LabEvent): void => {
          if (!mine(e)) return;
          clearTimeout(t);
          h.listeners.delete(l);
          resolve(e);
        };
        h.listeners.add(l);
      });
    };

    const snapshotPc = async (): Promise<string> => {
      const addr = await ip('-n', pcNs, '-j', 'addr', 'show');
      const route = await ip('-n', pcNs, '-j', 'route', 'show', 'table', 'all');
      return canonicalIpJson(addr.stdout, route.stdout);
    };

    return {
      pcNs,
      pcIf: 'eth0',
      pcMac,
      exec: (ns, argv) => runCommand(['ip', 'netns', 'exec', ns, ...argv], { timeoutMs: 60_000 }),
      execInPc: (argv) => runCommand(['ip', 'netns', 'exec', pcNs, ...argv], { timeoutMs: 60_000 }),
      spawnInPc(argv, opts = {}) {
        const c = spawn('ip', ['netns', 'exec', pcNs, ...argv], { stdio: 'pipe', ...opts, shell: false });
        children.add(c);
        return c;
      },
      camera(mac) {
        const h = hostOf(mac);
        const m = mac.toLowerCase().replace(/-/g, ':');
        return {
          ns: h.ns,
          mac: m,
          send: (cmd) => void h.child.stdin!.write(`${JSON.stringify(cmd)}\n`),
          async state() {
            const next = waitOn(h, m, (e) => e.event === 'state', 10_000, true);
            h.child.stdin!.write('{"cmd":"state"}\n');
            const e = await next;
            const c = (e.cameras as LabCameraState[]).find((x) => x.mac === m);
            if (!c) throw new Error(`lab camera ${m} missing from its host's state`);
            return c;
          },
          waitFor: (predicate, timeoutMs = 20_000, fromNow = false) => waitOn(h, m, predicate, timeoutMs, fromNow),
        };
      },
      snapshotPc,
      async settlePc(tries = 40) {
        let previous = '';
        for (let n = 0; ; n++) {
          const tentative = (await ip('-n', pcNs, '-6', 'addr', 'show', 'tentative')).stdout.trim();
          const now = await snapshotPc();
          if (tentative === '' && now === previous) return;
          if (n >= tries) throw new Error(`the lab's PC namespace did not settle: ${tentative}`);
          previous = now;
          await new Promise((r) => setTimeout(r, 500));
        }
      },
      destroy,
    };
  } catch (e) {
    await destroy();
    throw e;
  }
}

/**
 * The `discovery` section: a network lab of namespaces with 50 simulated cameras spread over
 * 198.51.100.0/24 (five per namespace, each with its own MAC), the PC at 198.51.100.10/24 in the same
 * /24. The real core runs in the PC namespace and scans with every method and the default ports; then
 * Debian's nmap runs a TCP connect scan of the same ports and subnet from the same namespace.
 *
 * - `discovery.sweep_s`: `discovery.start` → the final state (all methods: IP-setup, sweep, WS-Discovery,
 *   serial), seconds, as the bench sees the events.
 * - `discovery.sweep_method_s`: the sweep method alone (same scan), for comparison with nmap's TCP scan.
 * - `discovery.recall`: simulated cameras found (by MAC) / 50; `discovery.invented`: cameras listed that
 *   are not simulated.
 * - `nmap.sweep_s`: wall time of `nmap -sT -n -p 52381,5678,1259,80,8899 198.51.100.0/24`.
 * - `discovery.vs_nmap_ratio`: discovery.sweep_s / nmap.sweep_s (target ≤ 1.0 at recall 1.0).
 * Needs root (namespaces) and a built out/node; skipped with a message otherwise.
 */
import { mkdtemp, realpath, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { DiscoveryState } from '../shared/model/network';
import { DEFAULT_SWEEP_PORTS } from '../shared/model/network';
import { MissingCommandError } from '../electron/core/network/os/run-command';
import { openSerialPort } from '../electron/core/devices/transports/serial-port';
import { createPtyPair, type PtyPair } from '../electron/core/sim/pty-pair';
import { startSerialSimulator } from '../electron/core/sim/serial-simulator';
import { startCoreProcess, type CoreProcess } from '../electron/test-support/core-process';
import { createLab, type Lab, type LabCameraSpec } from '../electron/test-support/netns-lab';
import type { Metric } from './report';
import { now } from './timing';

export interface DiscoveryBenchOptions {
  /** Simulated cameras (default 50). */
  cameras?: number;
  /** Cameras per namespace (default 5). */
  perNamespace?: number;
  say: (line: string) => void;
}

const SUBNET = '198.51.100.0/24';
const PC = '198.51.100.10';

/** Camera i: spread over .20–.250 (every 4th address or so), MAC 02:00:5e:20:00:xx. */
function cameraSpecs(n: number): LabCameraSpec[] {
  const step = Math.max(1, Math.floor(230 / n));
  return Array.from({ length: n }, (_, i) => ({
    ip: `198.51.100.${20 + i * step}`,
    prefix: 24,
    mac: `02:00:5e:20:00:${(i + 1).toString(16).padStart(2, '0')}`,
    name: `CAM${i + 1}`,
  }));
}

export async function runDiscoveryBench(o: DiscoveryBenchOptions): Promise<Metric[]> {
  const n = o.cameras ?? 50;
  const per = o.perNamespace ?? 5;
  if (process.getuid?.() !== 0) {
    o.say('discovery: skipped: the lab needs root (network namespaces); run the bench as root');
    return [];
  }
  const specs = cameraSpecs(n);
  const hosts = Array.from({ length: Math.ceil(n / per) }, (_, h) => ({
    cameras: specs.slice(h * per, h * per + per),
  }));
  const dataDir = await mkdtemp(path.join(tmpdir(), 'ptz-bench-dsc-'));
  let lab: Lab | null = null;
  let core: CoreProcess | null = null;
  let pty: PtyPair | null = null;
  const closers: (() => Promise<unknown>)[] = [];
  try {
    // The lab's serial line: a two-camera VISCA chain at 9600 baud on a socat pty, so the serial method
    // probes the lab's own port (not whatever UARTs this machine happens to have).
    pty = await createPtyPair();
    const line = await openSerialPort(pty.b, { baudRate: 9600 });
    closers.push(() => line.close());
    const chain = await startSerialSimulator({ endpoint: line, addresses: 2, baudRate: 9600 });
    closers.push(() => chain.close());
    // The link lives in a temp folder; discovery takes device paths only (/dev/pts/N).
    const serialPath = await realpath(pty.a);
    o.say(`discovery: building the lab: ${n} cameras in ${hosts.length} namespaces, PC ${PC}/24`);
    lab = await createLab({ prefix: 'bdsc', pc: { addresses: [{ address: PC, prefix: 24 }] }, cameraHosts: hosts });
    core = await startCoreProcess({ lab, dataDir });

    // --- The console's discovery, every method, default ports.
    const t0 = now();
    const { scanId } = await core.call<{ scanId: string }>('discovery', 'start', { serialPorts: [serialPath] });
    const methodEnds = new Map<string, number>();
    const final = await core.waitForEvent<DiscoveryState>(
      'discoveryChanged',
      (s) => {
        if (s.scanId !== scanId) return false;
        for (const m of s.methods)
          if (m.state !== 'running' && m.state !== 'pending' && !methodEnds.has(m.method))
            methodEnds.set(m.method, now() - t0);
        return s.state !== 'running';
      },
      60_000,
    );
    const sweepS = (now() - t0) / 1000;
    const simulated = new Set(specs.map((s) => s.mac));
    const found = final.cameras.filter((c) => c.mac !== null && simulated.has(c.mac)).length;
    const serialFound = final.cameras.filter((c) =>
      c.endpoints.some((e) => e.protocol === 'visca-serial' && e.path === serialPath),
    ).length;
    const invented = final.cameras.filter(
      (c) => (c.mac === null || !simulated.has(c.mac)) && !c.endpoints.some((e) => e.protocol === 'visca-serial'),
    ).length;
    o.say(`discovery: serial chain on the lab's pty: ${serialFound}/2 cameras found`);
    o.say(
      `discovery: ${final.state} in ${sweepS.toFixed(2)} s; found ${found}/${n}, invented ${invented}; methods: ` +
        final.methods
          .map(
            (m) =>
              `${m.method} ${m.state} ${m.done}/${m.total} @${((methodEnds.get(m.method) ?? NaN) / 1000).toFixed(2)} s${m.detail ? ` (${m.detail})` : ''}`,
          )
          .join(', '),
    );

    for (const line of core.stderrTail().split('\n'))
      if (/discovery: /.test(line)) o.say(`core: ${line.replace(/^.*?discovery: /, '')}`);

    // --- nmap, TCP connect scan of the same ports and subnet, from the same namespace.
    let nmapS = Number.NaN;
    let nmapNote = `nmap -sT -n -p ${DEFAULT_SWEEP_PORTS.join(',')} ${SUBNET} in the PC namespace`;
    try {
      const t1 = now();
      const r = await lab.execInPc(['nmap', '-sT', '-n', '-p', DEFAULT_SWEEP_PORTS.join(','), SUBNET]);
      const elapsed = (now() - t1) / 1000;
      if (r.code === 0) {
        nmapS = elapsed;
        const up = /\((\d+) hosts? up\)/.exec(r.stdout)?.[1];
        o.say(`nmap: ${elapsed.toFixed(2)} s, ${up ?? '?'} hosts up`);
      } else if (/exec of "nmap" failed|No such file/.test(r.stderr)) {
        nmapNote = 'nmap is not installed: apt-get install nmap (the peer figure is missing)';
        o.say(nmapNote);
      } else {
        nmapNote = `nmap failed (exit ${r.code}): ${r.stderr.trim().slice(0, 200)}`;
        o.say(nmapNote);
      }
    } catch (e) {
      nmapNote =
        e instanceof MissingCommandError || /ENOENT|not installed|No such file/.test(String(e))
          ? 'nmap is not installed: apt-get install nmap (the peer figure is missing)'
          : `nmap could not run: ${e instanceof Error ? e.message : String(e)}`;
      o.say(nmapNote);
    }

    return [
      {
        name: 'discovery.sweep_s',
        value: sweepS,
        unit: 's',
        note: `${n} lab cameras over ${SUBNET}, every method, default ports; start → final state`,
      },
      {
        name: 'discovery.sweep_method_s',
        value: (methodEnds.get('sweep') ?? Number.NaN) / 1000,
        unit: 's',
        note: 'the sweep method alone (the others run beside it; WS-Discovery listens 1.5 s)',
      },
      { name: 'discovery.recall', value: found / n, unit: 'ratio', target: { op: '>=', value: 1 } },
      {
        name: 'discovery.serial_found',
        value: serialFound,
        unit: 'cameras',
        target: { op: '==', value: 2 },
        note: 'the two-camera VISCA chain on the lab’s pty (9600 baud)',
      },
      { name: 'discovery.invented', value: invented, unit: 'cameras', target: { op: '==', value: 0 } },
      { name: 'nmap.sweep_s', value: nmapS, unit: 's', note: nmapNote },
      {
        name: 'discovery.vs_nmap_ratio',
        value: sweepS / nmapS,
        unit: 'ratio',
        target: { op: '<=', value: 1 },
        note: 'discovery.sweep_s / nmap.sweep_s, same lab and run',
      },
    ];
  } finally {
    for (const close of closers.reverse()) await close().catch(() => undefined);
    await pty?.close().catch(() => undefined);
    await core?.close().catch(() => undefined);
    await lab?.destroy().catch(() => undefined);
    await rm(dataDir, { recursive: true, force: true });
  }
}

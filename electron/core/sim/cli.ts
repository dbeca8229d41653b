/**
 * Standalone camera simulator:
 * `npm run sim -- [--protocol visca-ip|visca-tcp|visca-udp] [--cameras N] [--host H] [--port P] [--watch]`
 * or a serial daisy chain: `npm run sim -- --serial /path/to/pty --addresses 3 --baud 9600`.
 * `runSim` is the whole program; `ptzctl sim` runs it too.
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { endpointUrl, parseSimArgs, portsFor, SIM_USAGE, type SimCliOptions } from './cli-args';
import type { SimCamera, SimCameraSnapshot } from './camera-model';
import { startSimulator } from './simulator';

/** Where the simulator prints (one line per call). */
export interface SimIo {
  out(line: string): void;
  err(line: string): void;
}

export interface RunSimOptions {
  /** Default: stdout / stderr. */
  io?: SimIo;
  /** Resolves when the simulator should stop; default SIGINT or SIGTERM. */
  until?: () => Promise<void>;
}

const processIo: SimIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

/** Resolves on SIGINT or SIGTERM. */
function untilSignal(): Promise<void> {
  return new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}

function formatSnapshot(index: number, s: SimCameraSnapshot): string {
  const sign = (v: number): string => (v >= 0 ? '+' : '') + v.toFixed(1);
  const iris = s.irisF === null ? 'closed' : `F${s.irisF}`;
  return (
    `camera ${index}: pan ${sign(s.panDeg)}° tilt ${sign(s.tiltDeg)}° zoom ${s.zoomRatio.toFixed(2)}× ` +
    `iris ${iris} ${s.aeMode} ${s.power ? 'on' : 'standby'}${s.moving ? ' moving' : ''}`
  );
}

/** Runs until `until` resolves, printing every camera's position every 500 ms with `watch`. */
async function runUntil(cameras: readonly SimCamera[], watch: boolean, io: SimIo, until: () => Promise<void>) {
  const timer = watch
    ? setInterval(() => cameras.forEach((c, i) => io.out(formatSnapshot(i + 1, c.snapshot()))), 500)
    : undefined;
  try {
    await until();
  } finally {
    clearInterval(timer);
  }
}

async function runNetwork(o: SimCliOptions, io: SimIo, until: () => Promise<void>): Promise<number> {
  const sim = await startSimulator({ cameras: o.cameras, kind: o.protocol, host: o.host, ports: portsFor(o) });
  for (const c of sim.cameras) {
    io.out(`camera ${c.index}: ${endpointUrl(c.host, c.port, o.protocol)}`);
    if (c.requestedPort !== undefined) io.err(`sim: port ${c.requestedPort} is busy; camera ${c.index} uses ${c.port}`);
  }
  try {
    await runUntil(
      sim.cameras.map((c) => c.camera),
      o.watch,
      io,
      until,
    );
  } finally {
    await sim.close();
  }
  return 0;
}

async function runSerial(
  o: SimCliOptions & { serial: string },
  io: SimIo,
  until: () => Promise<void>,
): Promise<number> {
  // The serial port layer is only needed here (in the bundle esbuild inlines it, with `serialport` external).
  const [{ openSerialPort }, { startSerialSimulator }] = await Promise.all([
    import('../devices/transports/serial-port'),
    import('./serial-simulator'),
  ]);
  const port = await openSerialPort(o.serial, { baudRate: o.baud });
  const sim = await startSerialSimulator({ endpoint: port, addresses: o.addresses, baudRate: o.baud });
  const last = o.addresses;
  io.out(
    `serial chain on ${o.serial} @ ${o.baud} 8N1: ${last} camera${last > 1 ? 's' : ''} at address${last > 1 ? `es 1–${last}` : ' 1'}`,
  );
  // While the chain pauses the port for backpressure no read is pending, and the simulator's timers are
  // unref'd: without this the process would simply end mid-burst.
  const keepAlive = setInterval(() => undefined, 60_000);
  const lost = new Promise<number>((resolve) =>
    port.onClose((error) => {
      if (error) io.err(`sim: ${o.serial} closed: ${error.message}`);
      resolve(error ? 1 : 0);
    }),
  );
  const code = await Promise.race([runUntil(sim.cameras, o.watch, io, until).then(() => 0), lost]);
  clearInterval(keepAlive);
  await sim.close();
  await port.close().catch(() => undefined);
  return code;
}

/**
 * The simulator program: parses `argv` (without node and script), runs until `until` (default: Ctrl+C),
 * and returns the exit code: 0 done, 1 runtime failure (printed as one line), 2 usage error.
 */
export async function runSim(argv: readonly string[], options: RunSimOptions = {}): Promise<number> {
  const io = options.io ?? processIo;
  const until = options.until ?? untilSignal;
  const parsed = parseSimArgs(argv);
  if (!parsed.ok) {
    io.err(`sim: ${parsed.error}`);
    return 2;
  }
  const o = parsed.value;
  if (o.help) {
    for (const line of SIM_USAGE.split('\n')) io.out(line);
    return 0;
  }
  try {
    return await (o.serial === null ? runNetwork(o, io, until) : runSerial({ ...o, serial: o.serial }, io, until));
  } catch (e) {
    // One line, no stack: the OS message already names the code (`bind EADDRNOTAVAIL 192.0.2.1:52381`).
    io.err(`sim: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
}

/**
 * True when node was asked to run this module itself (`out/node/sim.mjs`, or this file under a TypeScript
 * runner), false when it is only imported, or bundled into another program such as ptzctl (whose bundle
 * shares one `import.meta.url`, hence the file-name check).
 */
function isProgramEntry(): boolean {
  const entry = process.argv[1];
  const self = fileURLToPath(import.meta.url);
  if (!entry || !/[\\/](sim\.mjs|cli\.ts)$/.test(self)) return false;
  try {
    return realpathSync(entry) === realpathSync(self);
  } catch {
    return false;
  }
}

if (isProgramEntry()) {
  // `npm run sim -- --watch | head`: a closed stdout ends the simulator quietly instead of crashing it.
  process.stdout.on('error', () => process.kill(process.pid, 'SIGTERM'));
  runSim(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e: unknown) => {
      process.stderr.write(`sim: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exit(1);
    },
  );
}

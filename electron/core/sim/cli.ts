/**
 * Standalone camera simulator:
 * `npm run sim -- [--protocol visca-ip|visca-tcp|visca-udp] [--cameras N] [--host H] [--port P] [--watch]`
 * or a serial daisy chain: `npm run sim -- --serial /path/to/pty --addresses 3 --baud 9600`.
 */
import { endpointUrl, parseSimArgs, portsFor, SIM_USAGE, type SimCliOptions } from './cli-args';
import type { SimCamera, SimCameraSnapshot } from './camera-model';
import { startSimulator } from './simulator';

function formatSnapshot(index: number, s: SimCameraSnapshot): string {
  const sign = (v: number): string => (v >= 0 ? '+' : '') + v.toFixed(1);
  const iris = s.irisF === null ? 'closed' : `F${s.irisF}`;
  return (
    `camera ${index}: pan ${sign(s.panDeg)}° tilt ${sign(s.tiltDeg)}° zoom ${s.zoomRatio.toFixed(2)}× ` +
    `iris ${iris} ${s.aeMode} ${s.power ? 'on' : 'standby'}${s.moving ? ' moving' : ''}`
  );
}

/** Runs until SIGINT/SIGTERM; `stop` releases what was started. */
function untilSignal(cameras: readonly SimCamera[], watch: boolean): Promise<void> {
  const timer = watch
    ? setInterval(() => {
        cameras.forEach((c, i) => process.stdout.write(`${formatSnapshot(i + 1, c.snapshot())}\n`));
      }, 500)
    : undefined;
  return new Promise<void>((resolve) => {
    const done = (): void => {
      clearInterval(timer);
      resolve();
    };
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
}

async function runNetwork(o: SimCliOptions): Promise<number> {
  const sim = await startSimulator({ cameras: o.cameras, kind: o.protocol, host: o.host, ports: portsFor(o) });
  for (const c of sim.cameras) {
    process.stdout.write(`camera ${c.index}: ${endpointUrl(c.host, c.port, o.protocol)}\n`);
    if (c.requestedPort !== undefined)
      process.stderr.write(`sim: port ${c.requestedPort} is busy; camera ${c.index} uses ${c.port}\n`);
  }
  await untilSignal(
    sim.cameras.map((c) => c.camera),
    o.watch,
  );
  await sim.close();
  return 0;
}

async function runSerial(o: SimCliOptions & { serial: string }): Promise<number> {
  // The serial port layer is only needed here (in the bundle esbuild inlines it, with `serialport` external).
  const [{ openSerialPort }, { startSerialSimulator }] = await Promise.all([
    import('../devices/transports/serial-port'),
    import('./serial-simulator'),
  ]);
  const port = await openSerialPort(o.serial, { baudRate: o.baud });
  const sim = await startSerialSimulator({ endpoint: port, addresses: o.addresses, baudRate: o.baud });
  const last = o.addresses;
  process.stdout.write(
    `serial chain on ${o.serial} @ ${o.baud} 8N1: ${last} camera${last > 1 ? 's' : ''} at address${last > 1 ? `es 1–${last}` : ' 1'}\n`,
  );
  // While the chain pauses the port for backpressure no read is pending, and the simulator's timers are
  // unref'd: without this the process would simply end mid-burst.
  const keepAlive = setInterval(() => undefined, 60_000);
  const lost = new Promise<number>((resolve) =>
    port.onClose((error) => {
      if (error) process.stderr.write(`sim: ${o.serial} closed: ${error.message}\n`);
      resolve(error ? 1 : 0);
    }),
  );
  const code = await Promise.race([untilSignal(sim.cameras, o.watch).then(() => 0), lost]);
  clearInterval(keepAlive);
  await sim.close();
  await port.close().catch(() => undefined);
  return code;
}

async function main(): Promise<number> {
  // `npm run sim -- --watch | head`: a closed stdout ends the simulator quietly instead of crashing it.
  process.stdout.on('error', () => process.kill(process.pid, 'SIGTERM'));
  const parsed = parseSimArgs(process.argv.slice(2));
  if (!parsed.ok) {
    process.stderr.write(`sim: ${parsed.error}\n`);
    return 2;
  }
  const o = parsed.value;
  if (o.help) {
    process.stdout.write(`${SIM_USAGE}\n`);
    return 0;
  }
  return o.serial === null ? runNetwork(o) : runSerial({ ...o, serial: o.serial });
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    // One line, no stack: the OS message already names the code (`bind EADDRNOTAVAIL 192.0.2.1:52381`).
    process.stderr.write(`sim: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  },
);

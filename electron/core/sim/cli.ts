/** Standalone camera simulator: `npm run sim -- [--cameras N] [--host H] [--port P] [--watch]`. */
import { endpointUrl, parseSimArgs, portsFor, SIM_USAGE } from './cli-args';
import type { SimCameraSnapshot } from './camera-model';
import { startSimulator } from './simulator';

function formatSnapshot(index: number, s: SimCameraSnapshot): string {
  const sign = (v: number): string => (v >= 0 ? '+' : '') + v.toFixed(1);
  const iris = s.irisF === null ? 'closed' : `F${s.irisF}`;
  return (
    `camera ${index}: pan ${sign(s.panDeg)}° tilt ${sign(s.tiltDeg)}° zoom ${s.zoomRatio.toFixed(2)}× ` +
    `iris ${iris} ${s.aeMode} ${s.power ? 'on' : 'standby'}${s.moving ? ' moving' : ''}`
  );
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
  const sim = await startSimulator({ cameras: o.cameras, host: o.host, ports: portsFor(o) });
  for (const c of sim.cameras) {
    process.stdout.write(`camera ${c.index}: ${endpointUrl(c.host, c.port)}\n`);
    if (c.requestedPort !== undefined)
      process.stderr.write(`sim: port ${c.requestedPort} is busy; camera ${c.index} uses ${c.port}\n`);
  }
  const watch = o.watch
    ? setInterval(() => {
        for (const c of sim.cameras) process.stdout.write(`${formatSnapshot(c.index, c.camera.snapshot())}\n`);
      }, 500)
    : undefined;
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  clearInterval(watch);
  await sim.close();
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    // One line, no stack: the OS message already names the code (`bind EADDRNOTAVAIL 192.0.2.1:52381`).
    process.stderr.write(`sim: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  },
);

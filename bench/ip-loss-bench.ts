/**
 * VISCA over IP with 30 % loss each way (loopback UDP, the simulator's fault switches): is an operator's
 * stop always carried out, and is a superseded move never replayed after it? Each trial drives the head,
 * stops it, and watches it stay stopped. Several simulated cameras, each with its own driver, run their
 * trials side by side to fit the time budget (these figures are counts, not latencies).
 */
import type { PtzDevice } from '../electron/core/devices/ptz-device';
import type { SimulatedCamera } from '../electron/core/sim/simulator';
import { startSimulator } from '../electron/core/sim/simulator';
import type { ViscaEngine } from '../electron/core/sim/visca-engine';
import type { Metric } from './report';
import { openBenchDevice, type BenchDevice } from './serial-rig';
import { percentile } from './stats';
import { now, poll, sleep } from './timing';

export interface IpLossBenchOptions {
  /** Trials in all (split across the cameras). */
  trials: number;
  /** Cameras (and drivers) running trials side by side. */
  cameras: number;
  /** Stop starting trials after this long, ms. */
  budgetMs: number;
  /** Loss probability each way. */
  loss: number;
  /** How long the head is watched after its stop ran, ms. */
  watchMs: number;
  /** How long a stop may take to be carried out before the trial counts as failed, ms. */
  stopDeadlineMs: number;
  say(line: string): void;
}

/** A small seeded PRNG (mulberry32), so the loss pattern starts the same from run to run. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Tally {
  trials: number;
  started: number;
  notStarted: number;
  endedStopped: number;
  /** Started trials whose stop the camera never carried out within the deadline. */
  stopNotExecuted: number;
  replayed: number;
  /** stop() → the camera ran a pan-tilt stop, ms. */
  stopDelays: number[];
  /** Timelines of the first failed trials, for the report. */
  traces: string[];
  /** The started trial whose stop took longest to run, and its timeline. */
  slowest: { ms: number; trace: string };
}

/** Pan-tilt drives the camera ran (accepted) from record index `from` on. */
function drivesRun(engine: ViscaEngine, from: number): Array<{ at: number; stop: boolean }> {
  return engine.received.slice(from).flatMap((r) => {
    const o = r.outcome;
    if (o?.kind !== 'accepted' || o.command.kind !== 'pan-tilt-drive' || r.processedAt === null) return [];
    return [{ at: r.processedAt, stop: o.command.pan === 'stop' && o.command.tilt === 'stop' }];
  });
}

/** What the camera received since record `from`, one line each, times relative to `t0`. */
function timeline(cam: SimulatedCamera, from: number, t0: number): string {
  return cam.server.received
    .slice(from)
    .filter((r) => r.kind === 'command' || r.kind === 'control')
    .map((r) => {
      const what =
        r.command?.kind === 'pan-tilt-drive' ? `pan-tilt ${r.pan}/${r.tilt}` : (r.command?.kind ?? r.control?.kind);
      return `      +${(r.t - t0).toFixed(0).padStart(5)} ms seq ${r.seq} ${what}: ${r.outcome}`;
    })
    .join('\n');
}

const isMoving = (cam: SimulatedCamera): boolean => {
  const s = cam.camera.snapshot();
  return s.panVelocityDegS !== 0 || s.tiltVelocityDegS !== 0;
};

/** One camera's share of the trials. */
async function worker(
  cam: SimulatedCamera,
  dev: BenchDevice,
  trials: number,
  deadline: number,
  o: IpLossBenchOptions,
  t: Tally,
) {
  const device: PtzDevice = dev.device;
  const engine = cam.server.engine;
  const stopped = (ms: number) => poll(() => (isMoving(cam) ? undefined : true), ms, 2);
  for (let i = 0; i < trials && now() < deadline; i++) {
    t.trials++;
    // A lost exchange that timed out takes the device offline; the driver reconnects by itself.
    if (!(await dev.waitOnline(5000)) || !(await stopped(3000))) {
      t.notStarted++;
      continue;
    }
    const from = engine.received.length;
    const fromNet = cam.server.received.length;
    const pan = cam.camera.snapshot().panDeg > 0 ? -1 : 1; // toward the centre: never near a pan limit
    const t0 = now();
    try {
      device.setVelocity({ pan });
    } catch {
      t.notStarted++; // went offline in between
      continue;
    }
    let moved = false;
    while (now() - t0 < 1000 && !(moved = isMoving(cam))) {
      device.heartbeat();
      await sleep(2);
    }
    const stopAt = now();
    // stop() resolves once the camera confirmed (or a timeout passed); the deadline runs from the call.
    const stopping = device.stop('operator').catch(() => undefined);
    if (!moved) {
      t.notStarted++;
      await stopping;
      await stopped(5000);
      continue;
    }
    t.started++;
    // The camera must run a pan-tilt stop sent after the operator's stop (by retries or a reconnect).
    const ranStop = () => drivesRun(engine, from).find((d) => d.stop && d.at >= stopAt);
    const ran = await poll(ranStop, stopAt + o.stopDeadlineMs - now(), 2);
    await stopping;
    let movedAgain = false;
    if (ran) {
      t.stopDelays.push(ran.at - stopAt);
      if (ran.at - stopAt > t.slowest.ms) {
        t.slowest = {
          ms: ran.at - stopAt,
          trace: `    camera ${cam.index}, stop() at +${(stopAt - t0).toFixed(0)} ms:\n${timeline(cam, fromNet, t0)}`,
        };
      }
      const watchEnd = now() + o.watchMs;
      while (now() < watchEnd) {
        if (isMoving(cam)) movedAgain = true;
        await sleep(3);
      }
    } else t.stopNotExecuted++;
    const replay = ran !== undefined && drivesRun(engine, from).some((d) => !d.stop && d.at > ran.at);
    if (replay || movedAgain) t.replayed++;
    const ok = ran !== undefined && !replay && !movedAgain && !isMoving(cam);
    if (ok) t.endedStopped++;
    else if (t.traces.length < 3) {
      const why = !ran
        ? `no pan-tilt stop ran within ${o.stopDeadlineMs} ms of stop()`
        : 'the head moved again after its stop ran';
      t.traces.push(
        `    camera ${cam.index}: ${why}; stop() at +${(stopAt - t0).toFixed(0)} ms. Commands the camera received:\n` +
          timeline(cam, fromNet, t0),
      );
    }
    if (!ok) {
      // Leave the head stopped for the next trial: stop again until it is.
      for (let k = 0; k < 10 && isMoving(cam); k++) {
        await device.stop('operator');
        await stopped(500);
      }
    }
  }
}

export async function runIpLossBench(o: IpLossBenchOptions): Promise<Metric[]> {
  const sim = await startSimulator({
    cameras: o.cameras,
    kind: 'visca-ip',
    faults: { lossIn: o.loss, lossOut: o.loss },
    random: seeded(20240607),
    now: () => performance.now(),
  });
  const devs: BenchDevice[] = [];
  const t: Tally = {
    trials: 0,
    started: 0,
    notStarted: 0,
    endedStopped: 0,
    stopNotExecuted: 0,
    replayed: 0,
    stopDelays: [],
    traces: [],
    slowest: { ms: 0, trace: '' },
  };
  const began = now();
  try {
    for (const cam of sim.cameras) {
      devs.push(
        await openBenchDevice({
          id: `bench-ip-${cam.index}`,
          name: `Bench VISCA over IP ${cam.index}`,
          protocol: 'visca-ip',
          host: '127.0.0.1',
          port: cam.port,
          enabled: true,
        }),
      );
    }
    const deadline = now() + o.budgetMs;
    const share = Math.ceil(o.trials / sim.cameras.length);
    await Promise.all(sim.cameras.map((cam, i) => worker(cam, devs[i]!, share, deadline, o, t)));
    const faults = sim.cameras.map((c) => c.server.faults.counters);
    o.say(
      `  ${t.trials} trials on ${o.cameras} cameras in ${((now() - began) / 1000).toFixed(1)} s: ${t.started} started, ` +
        `${t.notStarted} not started, ${t.endedStopped} ended stopped, ${t.stopNotExecuted} stops never carried out, ` +
        `${t.replayed} moves after a stop; datagrams dropped in/out ${faults.reduce((s, f) => s + f.droppedIn, 0)}/` +
        `${faults.reduce((s, f) => s + f.droppedOut, 0)}`,
    );
    const d = (p: number) => percentile(t.stopDelays, p).toFixed(0);
    o.say(`  stop() → camera ran the pan-tilt stop: p50 ${d(50)}, p90 ${d(90)}, p99 ${d(99)}, max ${d(100)} ms`);
    if (t.slowest.trace) o.say(`  slowest stop (${t.slowest.ms.toFixed(0)} ms):\n${t.slowest.trace}`);
    if (t.traces.length > 0) o.say(`  first failed trials:\n${t.traces.join('\n')}`);
  } finally {
    for (const d of devs) await d.close().catch(() => undefined);
    await sim.close();
  }
  return [
    {
      name: 'visca_ip_loss30.stop_delivered_ratio',
      value: t.started > 0 ? t.endedStopped / t.started : Number.NaN,
      unit: 'ratio',
      target: { op: '>=', value: 1 },
      n: t.started,
      note:
        `${o.loss * 100} % loss each way; a started trial passes when the camera ran a pan-tilt stop within ` +
        `${o.stopDeadlineMs / 1000} s of stop() and the head then stayed stopped for ${o.watchMs} ms`,
    },
    { name: 'visca_ip_loss30.trials_started', value: t.started, unit: 'count' },
    { name: 'visca_ip_loss30.trials_not_started', value: t.notStarted, unit: 'count' },
    {
      name: 'visca_ip_loss30.stops_not_carried_out',
      value: t.stopNotExecuted,
      unit: 'count',
      target: { op: '==', value: 0 },
    },
    {
      name: 'visca_ip_loss30.move_replayed_after_stop',
      value: t.replayed,
      unit: 'count',
      target: { op: '==', value: 0 },
    },
    {
      name: 'visca_ip_loss30.stop_to_executed_ms.p50',
      value: percentile(t.stopDelays, 50),
      unit: 'ms',
      n: t.stopDelays.length,
    },
    {
      name: 'visca_ip_loss30.stop_to_executed_ms.p99',
      value: percentile(t.stopDelays, 99),
      unit: 'ms',
      n: t.stopDelays.length,
    },
  ];
}

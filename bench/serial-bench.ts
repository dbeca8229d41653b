/**
 * The app's real VISCA serial driver over a socat pty pair at 9600 baud 8N1 against the simulated
 * camera: idle overhead, input-to-wire age of velocities during a joystick run, release-to-stop, and
 * the buffer-full replies the camera had to send. All in one run, on one line.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { hexOf, panTiltFrame, toRuns } from './joystick';
import { releaseSeries } from './joystick-run';
import type { Metric } from './report';
import { formatBreakdown, linkBreakdown } from './serial-breakdown';
import { BYTE_MS, openRealSerialDevice, openSerialRig, type BenchDevice, type SerialRig } from './serial-rig';
import { formatSummary, percentile, summarize } from './stats';
import { now, poll, sleep } from './timing';

export interface SerialBenchOptions {
  /** Valid idle trials wanted (≥ 100 for a p99 that means something). */
  idleTrials: number;
  /** Give up on more idle trials after this long, ms. */
  idleBudgetMs: number;
  longRunMs: number;
  shortRuns: number;
  shortRunMs: number;
  say(line: string): void;
}

const PREFIX = 'visca_serial_9600';

interface IdleResult {
  /** Overhead of each clean trial, ms. */
  overheads: number[];
  /** Trials where another frame (a poll inquiry) reached the wire first: not an idle link. */
  contended: number;
  /** Trials whose frame never showed up within 1 s. */
  lost: number;
}

/**
 * Idle overhead: with the line quiet and the head stopped, the time from `setVelocity` to the drive
 * frame's last byte on the wire, minus the frame's own wire time. The head is stopped between trials so
 * the driver's position polling drops to its idle rate and the line really is idle; the speed
 * alternates between right and left (each a new native command) so the head stays near its start.
 */
async function idleOverhead(rig: SerialRig, dev: BenchDevice, o: SerialBenchOptions): Promise<IdleResult> {
  const result: IdleResult = { overheads: [], contended: 0, lost: 0 };
  const deadline = now() + o.idleBudgetMs;
  for (let i = 0; result.overheads.length < o.idleTrials && now() < deadline; i++) {
    await rig.waitQuiet(50, 5000);
    const v = { pan: i % 2 === 0 ? 0.3 : -0.3, tilt: 0 };
    const frame = panTiltFrame(v);
    const hex = hexOf(frame);
    const from = rig.received.length;
    const t0 = now();
    dev.device.setVelocity(v);
    const rec = await poll(() => {
      for (let k = from; k < rig.received.length; k++)
        if (hexOf(rig.received[k]!.bytes) === hex) return rig.received[k];
      return undefined;
    }, 1000);
    if (!rec) result.lost++;
    else if (rig.received[from] !== rec)
      result.contended++; // another frame's bytes were ahead of ours
    else result.overheads.push(rec.wireAt - t0 - frame.length * BYTE_MS);
    // Let the ACK go out (well inside the dead-man interval), then stop and let the stop settle.
    if (rec) {
      const acked = () => rig.engine.received.some((r) => r.receivedAt >= rec.wireAt && r.repliedAt !== null);
      await poll(() => (acked() ? true : undefined), 200);
    }
    await sleep(5);
    await dev.device.stop('operator');
    await sleep(150);
  }
  return result;
}

export async function runSerialBench(o: SerialBenchOptions): Promise<Metric[]> {
  const rig = await openSerialRig();
  let dev: BenchDevice | null = null;
  try {
    dev = await openRealSerialDevice(rig);
    if (!(await dev.waitOnline(10_000)))
      throw new Error(`the serial driver did not come online: ${dev.device.snapshot().statusDetail}`);
    await rig.waitQuiet(100, 5000);
    const bufferFull0 = rig.engine.counters.bufferFull;
    const overruns0 = rig.server.counters.overruns;

    o.say(`idle overhead: up to ${o.idleTrials} trials (budget ${o.idleBudgetMs / 1000} s)…`);
    const t = now();
    // This process's event-loop stalls (GC, CPU taken by other work): they show up in the tail.
    const loopDelay = monitorEventLoopDelay({ resolution: 1 });
    loopDelay.enable();
    const idle = await idleOverhead(rig, dev, o);
    loopDelay.disable();
    const worst = [...idle.overheads].sort((a, b) => b - a).slice(0, 3);
    o.say(
      `  ${formatSummary(summarize(idle.overheads))}; ${idle.contended} contended by a poll, ${idle.lost} lost; ` +
        `${((now() - t) / 1000).toFixed(1)} s\n    worst ${worst.map((x) => x.toFixed(1)).join(', ')} ms; event-loop ` +
        `delay meanwhile p99 ${(loopDelay.percentile(99) / 1e6).toFixed(1)} / max ${(loopDelay.max / 1e6).toFixed(1)} ms`,
    );

    const device = dev.device;
    o.say(`joystick runs: ${o.longRunMs / 1000} s + ${o.shortRuns} × ${o.shortRunMs / 1000} s at 120 Hz…`);
    const runs = await releaseSeries(
      rig,
      {
        update: (v) => device.setVelocity(v),
        release: () => device.setVelocity({ pan: 0, tilt: 0 }),
      },
      { longMs: o.longRunMs, shortRuns: o.shortRuns, shortMs: o.shortRunMs, stopTimeoutMs: 5000, say: o.say },
    );
    const long = runs[0]!;
    const releases = runs.map((r) => r.releaseToStopMs);
    const missingStops = releases.filter((x) => !Number.isFinite(x)).length;
    const allAges = runs.flatMap((r) => r.ages);
    o.say(`  input→wire (long run): ${formatSummary(summarize(long.ages))}; unmatched frames ${long.unmatched}`);
    o.say(`  input→wire (all runs): ${formatSummary(summarize(allAges))}`);
    o.say(`  release→stop: ${formatSummary(summarize(releases.filter(Number.isFinite)))}`);
    const breakdown = linkBreakdown(rig, long.samples[0]?.at ?? 0, long.releaseAt, toRuns(long.samples));
    o.say(formatBreakdown(breakdown));

    const bufferFull = rig.engine.counters.bufferFull - bufferFull0;
    const overruns = rig.server.counters.overruns - overruns0;
    if (dev.log.warnings.length > 0)
      o.say(`  driver warnings: ${dev.log.warnings.length}, first: ${dev.log.warnings[0]}`);
    return [
      {
        name: `${PREFIX}.idle_overhead_ms.p50`,
        value: percentile(idle.overheads, 50),
        unit: 'ms',
        n: idle.overheads.length,
      },
      {
        name: `${PREFIX}.idle_overhead_ms.p99`,
        value: percentile(idle.overheads, 99),
        unit: 'ms',
        target: { op: '<=', value: 2 },
        n: idle.overheads.length,
        note: `setVelocity → last byte on the wire minus 9 × ${BYTE_MS.toFixed(3)} ms; ${idle.contended} trials dropped because a poll inquiry was on the wire first`,
      },
      { name: `${PREFIX}.idle_overhead_contended_trials`, value: idle.contended, unit: 'count' },
      {
        name: `${PREFIX}.input_to_wire_ms.p50`,
        value: percentile(long.ages, 50),
        unit: 'ms',
        n: long.ages.length,
      },
      {
        name: `${PREFIX}.input_to_wire_ms.p99`,
        value: percentile(long.ages, 99),
        unit: 'ms',
        target: { op: '<=', value: 40 },
        n: long.ages.length,
        note: `${o.longRunMs / 1000} s run, ${long.samples.length} updates; all ${runs.length} runs together: p99 ${percentile(allAges, 99).toFixed(1)} ms (n=${allAges.length})`,
      },
      {
        name: `${PREFIX}.frame_period_ms.p50`,
        value: percentile(breakdown.period, 50),
        unit: 'ms',
        n: breakdown.period.length,
      },
      { name: `${PREFIX}.frame_period_ms.p99`, value: percentile(breakdown.period, 99), unit: 'ms' },
      {
        name: `${PREFIX}.input_to_wire_unmatched_frames`,
        value: long.unmatched,
        unit: 'count',
        target: { op: '==', value: 0 },
      },
      {
        name: `${PREFIX}.release_to_stop_ms.p99`,
        value: missingStops > 0 ? Number.NaN : percentile(releases, 99),
        unit: 'ms',
        target: { op: '<=', value: 40 },
        n: releases.length,
        note: `1 release after ${o.longRunMs / 1000} s + ${o.shortRuns} after ${o.shortRunMs / 1000} s of updates; p99 of ${releases.length} is their maximum; includes the stop frame's own 9.4 ms on the wire`,
      },
      { name: `${PREFIX}.buffer_full_errors`, value: bufferFull, unit: 'count', target: { op: '==', value: 0 } },
      { name: `${PREFIX}.rx_overruns`, value: overruns, unit: 'bytes' },
    ];
  } finally {
    await dev?.close().catch((e: unknown) => o.say(`closing the serial device failed: ${String(e)}`));
    await rig.close();
  }
}

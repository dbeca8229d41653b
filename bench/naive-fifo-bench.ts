/**
 * The baseline the driver is judged against: a sender that queues every joystick update in order. Each
 * 120 Hz update is encoded with the app's VISCA encoder and written straight to the port without waiting
 * for replies; the release writes the stop frame behind whatever backlog has built up. Same line, same
 * simulated camera, same procedure as the real driver's runs — on a fresh pty pair and camera.
 */
import { openSerialPort } from '../electron/core/devices/transports/serial-port';
import { PAN_TILT_STOP, hexOf, panTiltFrame } from './joystick';
import { releaseSeries } from './joystick-run';
import { rawWriteOverhead } from './raw-port-control';
import type { Metric } from './report';
import { BAUD, openSerialRig } from './serial-rig';
import { formatSummary, percentile, summarize } from './stats';

export interface NaiveBenchOptions {
  /** Trials of the raw-port control for the idle overhead (run first, on the quiet line). */
  controlTrials: number;
  longRunMs: number;
  shortRuns: number;
  shortRunMs: number;
  say(line: string): void;
}

export async function runNaiveFifoBench(o: NaiveBenchOptions): Promise<Metric[]> {
  const rig = await openSerialRig();
  try {
    const port = await openSerialPort(rig.pty.a, { baudRate: BAUD });
    let writeErrors = 0;
    const write = (bytes: Uint8Array) =>
      void port.write(bytes).catch(() => {
        writeErrors++;
      });
    try {
      o.say(`raw-port control: ${o.controlTrials} idle-overhead trials without the driver…`);
      const control = await rawWriteOverhead(rig, port, o.controlTrials);
      const worst = [...control].sort((a, b) => b - a).slice(0, 3);
      o.say(`  ${formatSummary(summarize(control))}; worst ${worst.map((x) => x.toFixed(1)).join(', ')} ms`);
      const bufferFull0 = rig.engine.counters.bufferFull;
      const records0 = rig.engine.received.length;
      o.say(`naive FIFO: ${o.longRunMs / 1000} s + ${o.shortRuns} × ${o.shortRunMs / 1000} s at 120 Hz…`);
      const runs = await releaseSeries(
        rig,
        { update: (v) => write(panTiltFrame(v)), release: () => write(PAN_TILT_STOP) },
        { longMs: o.longRunMs, shortRuns: o.shortRuns, shortMs: o.shortRunMs, stopTimeoutMs: 20_000, say: o.say },
      );
      const releases = runs.map((r) => r.releaseToStopMs);
      const missing = releases.filter((x) => !Number.isFinite(x)).length;
      o.say(`  release→stop: ${formatSummary(summarize(releases.filter(Number.isFinite)))}`);
      o.say(`  input→wire (long run): ${formatSummary(summarize(runs[0]!.ages))}`);
      const bufferFull = rig.engine.counters.bufferFull - bufferFull0;
      // Did the camera even take the stops? Behind a flood, a stop can meet a full input queue.
      const stopHex = hexOf(PAN_TILT_STOP);
      const stopsRefused = rig.engine.received
        .slice(records0)
        .filter(
          (r) => hexOf(r.bytes) === stopHex && r.outcome?.kind === 'error' && r.outcome.error === 'buffer-full',
        ).length;
      if (writeErrors > 0) o.say(`  ${writeErrors} writes failed`);
      return [
        {
          name: 'control_raw_port.idle_overhead_ms.p50',
          value: percentile(control, 50),
          unit: 'ms',
          n: control.length,
        },
        {
          name: 'control_raw_port.idle_overhead_ms.p99',
          value: percentile(control, 99),
          unit: 'ms',
          n: control.length,
          note: 'the idle-overhead trial with a raw port instead of the driver: the platform share (binding, pty, socat, simulator read)',
        },
        {
          name: 'naive_fifo.release_to_stop_ms.p99',
          value: missing > 0 ? Number.NaN : percentile(releases, 99),
          unit: 'ms',
          n: releases.length,
          note: 'every update written in order, no flow control; the stop waits behind the backlog',
        },
        { name: 'naive_fifo.release_to_stop_ms.long_run', value: releases[0] ?? Number.NaN, unit: 'ms' },
        {
          name: 'naive_fifo.input_to_wire_ms.p99',
          value: percentile(runs[0]!.ages, 99),
          unit: 'ms',
          n: runs[0]!.ages.length,
        },
        { name: 'naive_fifo.buffer_full_errors', value: bufferFull, unit: 'count' },
        { name: 'naive_fifo.stops_refused_buffer_full', value: stopsRefused, unit: 'count', n: releases.length },
      ];
    } finally {
      await port.close();
    }
  } finally {
    await rig.close();
  }
}

/**
 * One "joystick run" on the serial rig, the same procedure for every sender: 120 Hz updates along the
 * joystick path for a while, then release; the simulator's wire log says when each frame was on the
 * wire. Used for the real driver and for the naive FIFO baseline alike.
 */
import type { Velocity } from '../shared/model/motion';
import type { SerialFrameRecord } from '../electron/core/sim/visca-serial-server';
import {
  JOYSTICK_HZ,
  PAN_TILT_STOP,
  ageOf,
  hexOf,
  isPanTiltDrive,
  joystickAt,
  panTiltFrame,
  toRuns,
  type Sample,
} from './joystick';
import { BYTE_MS, type SerialRig } from './serial-rig';
import { now, poll, runAt } from './timing';

/** What the bench drives: one joystick update, and the release (all axes zero). */
export interface Sender {
  update(v: Pick<Velocity, 'pan' | 'tilt'>): void;
  release(): void;
}

export interface RunResult {
  durationMs: number;
  samples: Sample[];
  /** `performance.now()` just before the release. */
  releaseAt: number;
  /** The first pan-tilt STOP frame on the wire after the release; undefined if none came in time. */
  stopFrame: SerialFrameRecord | undefined;
  /** Release → stop frame fully on the wire, ms (NaN when it never came). */
  releaseToStopMs: number;
  /**
   * Release → the stop's first byte reached the camera's UART, ms: the host's share (driver, OS, socat).
   * Undefined when the stop queued behind another frame's bytes on the wire (then the line's share is
   * the rest).
   */
  stopHandoffMs: number | undefined;
  /** Age of the velocity in each pan-tilt drive frame on the wire during the run, ms. */
  ages: number[];
  /** Pan-tilt drive frames that match no run of the operator's samples. */
  unmatched: number;
}

const STOP_HEX = hexOf(PAN_TILT_STOP);

/**
 * Drives `sender` for `durationMs` at 120 Hz along the path (phase `phase`), releases, and waits up to
 * `stopTimeoutMs` for the pan-tilt STOP frame to be on the wire.
 */
export async function joystickRun(
  rig: SerialRig,
  sender: Sender,
  durationMs: number,
  phase: number,
  stopTimeoutMs: number,
): Promise<RunResult> {
  const from = rig.received.length;
  const samples: Sample[] = [];
  let start = Number.NaN;
  await runAt(JOYSTICK_HZ, durationMs, () => {
    const t = now();
    if (Number.isNaN(start)) start = t;
    const v = joystickAt(t - start, phase);
    const hex = hexOf(panTiltFrame(v));
    const at = now();
    sender.update(v);
    samples.push({ at, hex });
  });
  const releaseAt = now();
  sender.release();
  let scan = from;
  const stopFrame = await poll(() => {
    for (; scan < rig.received.length; scan++) {
      const r = rig.received[scan]!;
      if (r.wireAt > releaseAt && hexOf(r.bytes) === STOP_HEX) return r;
    }
    return undefined;
  }, stopTimeoutMs);

  const runs = toRuns(samples);
  const ages: number[] = [];
  let unmatched = 0;
  const end = stopFrame?.wireAt ?? Number.POSITIVE_INFINITY;
  for (let i = from; i < rig.received.length; i++) {
    const r = rig.received[i]!;
    if (!isPanTiltDrive(r.bytes) || r.wireAt > end) continue;
    const hex = hexOf(r.bytes);
    if (hex === STOP_HEX) continue;
    const age = ageOf(runs, hex, r.wireAt);
    if (age === undefined) unmatched++;
    else ages.push(age);
  }
  // On a busy line a frame's bytes follow the previous frame's directly: wireAt = previous + 9 bytes.
  const at = stopFrame ? rig.received.indexOf(stopFrame) : -1;
  const previous = at > 0 ? rig.received[at - 1] : undefined;
  const stopStart = stopFrame ? stopFrame.wireAt - stopFrame.bytes.length * BYTE_MS : Number.NaN;
  const queued = previous !== undefined && Math.abs(previous.wireAt - stopStart) < 0.01;
  return {
    durationMs,
    stopHandoffMs: stopFrame && !queued ? stopStart - releaseAt : undefined,
    samples,
    releaseAt,
    stopFrame,
    releaseToStopMs: stopFrame ? stopFrame.wireAt - releaseAt : Number.NaN,
    ages,
    unmatched,
  };
}

export interface SeriesOptions {
  /** The first, long run (input-to-wire is measured on it), ms. */
  longMs: number;
  /** Further short runs for more release trials. */
  shortRuns: number;
  shortMs: number;
  /** How long to wait for each stop frame, ms. */
  stopTimeoutMs: number;
  /** Progress lines. */
  say(line: string): void;
}

/** The long run, then the short ones, each followed by a wait for a quiet line. */
export async function releaseSeries(rig: SerialRig, sender: Sender, o: SeriesOptions): Promise<RunResult[]> {
  const results: RunResult[] = [];
  const lengths = [o.longMs, ...Array.from({ length: o.shortRuns }, () => o.shortMs)];
  for (const [i, ms] of lengths.entries()) {
    const r = await joystickRun(rig, sender, ms, i * 0.9, o.stopTimeoutMs);
    results.push(r);
    const handoff =
      r.stopHandoffMs === undefined
        ? 'behind another frame on the wire'
        : `its bytes reached the camera after ${r.stopHandoffMs.toFixed(1)} ms`;
    const stop = Number.isFinite(r.releaseToStopMs) ? `${r.releaseToStopMs.toFixed(1)} ms (${handoff})` : 'NOT SEEN';
    o.say(`  run ${i + 1}/${lengths.length} (${ms / 1000} s, ${r.samples.length} updates): release→stop ${stop}`);
    if (!(await rig.waitQuiet(60, 30_000))) o.say('  (line did not go quiet within 30 s)');
  }
  return results;
}

/**
 * Where the time goes on the serial link during a joystick run, from the simulator's own logs: how long
 * each pan-tilt frame waited for a video cycle, how long until its ACK, how quickly the driver put the
 * next waiting frame on the wire, and the resulting period between frames. Evidence for the report when
 * input-to-wire misses its target.
 */
import { ageOf, hexOf, isPanTiltDrive, type Run } from './joystick';
import { BYTE_MS, type SerialRig } from './serial-rig';
import { percentile } from './stats';

export interface LinkBreakdown {
  /** Pan-tilt frames on the wire in the window. */
  frames: number;
  /** Frame fully on the wire → the camera starts processing it (waiting for the next cycle), ms. */
  cycleWait: number[];
  /**
   * Frame fully on the wire → the simulator hands it to the camera's engine, ms: the simulator's own
   * timer granularity and event-loop lag (a real UART has no such delay). Past a cycle boundary it costs
   * the frame a whole cycle.
   */
  simLag: number[];
  /** Processing → ACK handed to the line (one cycle), ms. */
  ackDelay: number[];
  /**
   * ACK fully on the wire → next pan-tilt frame fully on the wire, minus that frame's own wire time, ms;
   * only where the operator had already asked for that next command when the ACK came (it was waiting).
   */
  turnaround: number[];
  /** Between consecutive pan-tilt frames fully on the wire when the second was already waiting, ms. */
  period: number[];
  /** Frames processed a cycle or more after the first cycle following their wire time (another message was ahead, or `simLag`). */
  delayedByOtherMessage: number;
  /** Of those, frames the camera took a poll inquiry before (processed between the frame's wire time and its own processing). */
  delayedByInquiry: number;
  /** Inquiries in the window (position polling shares the line and the camera's cycles). */
  inquiries: number;
  /** Waiting frames whose bytes went out behind a poll inquiry's (one was on the wire in between). */
  behindInquiry: number;
}

/**
 * Frames on the wire between `from` and `to` (ms), paired in order with the camera's records of them
 * (every frame for address 1 reaches the engine in the same order; there is no loss on this line).
 * `runs`: the operator's runs in the window (when each native command was first asked for).
 */
export function linkBreakdown(rig: SerialRig, from: number, to: number, runs: readonly Run[]): LinkBreakdown {
  const inWindow = rig.received.filter((f) => f.wireAt >= from && f.wireAt <= to && !f.dropped && f.address === 1);
  const records = rig.engine.received.filter((r) => r.receivedAt >= (inWindow[0]?.wireAt ?? to));
  const frames = inWindow.map((f, i) => ({ frame: f, record: records[i] }));
  const paired = frames.every((p) => p.record !== undefined && hexOf(p.record.bytes) === hexOf(p.frame.bytes));
  const drives = frames.filter(
    (p) => isPanTiltDrive(p.frame.bytes) && hexOf(p.frame.bytes) !== '81 01 06 01 01 01 03 03 ff',
  );
  const b: LinkBreakdown = {
    frames: drives.length,
    cycleWait: [],
    simLag: [],
    ackDelay: [],
    turnaround: [],
    period: [],
    delayedByOtherMessage: 0,
    delayedByInquiry: 0,
    inquiries: inWindow.filter((f) => f.bytes[1] === 0x09).length,
    behindInquiry: 0,
  };
  if (!paired) return b; // should not happen; an empty breakdown prints as n/a
  const frameMs = 9 * BYTE_MS;
  const ackMs = 3 * BYTE_MS;
  drives.forEach(({ frame, record }, i) => {
    const r = record!;
    if (r.processedAt === null || r.repliedAt === null) return;
    const wait = r.processedAt - frame.wireAt;
    b.cycleWait.push(wait);
    b.simLag.push(r.receivedAt - frame.wireAt);
    if (wait > rig.engine.cycleMs + 1.5) {
      b.delayedByOtherMessage++;
      const inquiryFirst = (x: (typeof frames)[number]) =>
        x.frame.bytes[1] === 0x09 &&
        (x.record?.processedAt ?? -1) > frame.wireAt &&
        x.record!.processedAt! < r.processedAt!;
      if (frames.some(inquiryFirst)) b.delayedByInquiry++;
    }
    b.ackDelay.push(r.repliedAt - r.processedAt);
    const next = drives[i + 1];
    if (!next) return;
    const ackOnWire = r.repliedAt + ackMs;
    const age = ageOf(runs, hexOf(next.frame.bytes), next.frame.wireAt);
    if (age === undefined || next.frame.wireAt - age > ackOnWire) return; // asked for after the link was free
    b.period.push(next.frame.wireAt - frame.wireAt);
    b.turnaround.push(next.frame.wireAt - frameMs - ackOnWire);
    if (inWindow.some((f) => f.bytes[1] === 0x09 && f.wireAt > ackOnWire && f.wireAt < next.frame.wireAt))
      b.behindInquiry++;
  });
  return b;
}

/** Two lines for the progress log. */
export function formatBreakdown(b: LinkBreakdown): string {
  const f = (xs: number[]) => `p50 ${percentile(xs, 50).toFixed(1)} / p99 ${percentile(xs, 99).toFixed(1)}`;
  return (
    `  link (${b.frames} pan-tilt frames, ${b.inquiries} inquiries on the line): frame → processing ${f(b.cycleWait)} ms ` +
    `(${b.delayedByOtherMessage} frames an extra cycle: ${b.delayedByInquiry} behind a poll inquiry, the rest ` +
    `the simulator's own lag, ${f(b.simLag)} ms); processing → ACK ${f(b.ackDelay)} ms\n` +
    `    with a command waiting: ACK on the wire → next frame on the wire (minus its ${(9 * BYTE_MS).toFixed(1)} ms) ` +
    `${f(b.turnaround)} ms (${b.behindInquiry} behind an inquiry on the wire); frame period ${f(b.period)} ms (n=${b.period.length})`
  );
}

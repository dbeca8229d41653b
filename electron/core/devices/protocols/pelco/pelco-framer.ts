/**
 * Splits a Pelco byte stream (RS-485 bus, pty, TCP) into whole frames. Memory is bounded by one frame.
 */
import { err, ok, type Result } from '../../../../../shared/util/result';
import {
  PELCO_D_FRAME_LENGTH,
  PELCO_D_SYNC,
  PELCO_P_ETX,
  PELCO_P_FRAME_LENGTH,
  PELCO_P_STX,
  hexBytes,
  pelcoDChecksum,
  pelcoPChecksum,
  type PelcoVariant,
} from './pelco-tables';
import type { PelcoDecodeError } from './pelco-types';

/** Which way the stream flows: commands to a receiver, or what comes back (responses, and echoes). */
export type PelcoStreamDirection = 'to-camera' | 'from-camera';

/**
 * Incremental Pelco framer. Pelco has no terminator and its sync byte (D: FF, P: A0) may also occur as
 * data (turbo speed FF, checksums), so frames are found by sync + fixed length + checksum:
 * - Bytes before a sync byte are skipped and reported once per run as `bad-sync`.
 * - From a sync byte, a whole frame (D 7, P 8 bytes) is collected, then checked: Pelco-P trailer AF
 *   (`bad-trailer`) and checksum (`bad-checksum`). A good frame is yielded as-is.
 * - A bad frame is reported and the search restarts one byte after its sync byte (slide by one), so a
 *   stray FF/A0 in line noise costs at most that noise, not the next good frame.
 * - An unfinished frame is kept across `push` calls; at most one frame's bytes are ever held.
 * Both directions share the same framing in Pelco; `direction` names the stream in diagnostics. (The
 * Pelco-D 4-byte general response can't be checksummed without the command it answers, so it is not
 * framed: it is skipped like noise.)
 */
export class PelcoFramer {
  private readonly frameLength: number;
  private readonly sync: number;
  private readonly buf: Uint8Array;
  private len = 0;
  /** Bytes skipped outside any frame since the last report. */
  private garbage = 0;

  constructor(
    readonly variant: PelcoVariant,
    readonly direction: PelcoStreamDirection,
  ) {
    this.frameLength = variant === 'd' ? PELCO_D_FRAME_LENGTH : PELCO_P_FRAME_LENGTH;
    this.sync = variant === 'd' ? PELCO_D_SYNC : PELCO_P_STX;
    this.buf = new Uint8Array(this.frameLength);
  }

  /** Feeds a chunk; returns the frames (or framing errors) it completed, in stream order. */
  push(chunk: Uint8Array): Array<Result<Uint8Array, PelcoDecodeError>> {
    const out: Array<Result<Uint8Array, PelcoDecodeError>> = [];
    for (const b of chunk) {
      if (this.len === 0) {
        if (b !== this.sync) {
          this.garbage++;
          continue;
        }
        this.flushGarbage(out);
      }
      this.buf[this.len++] = b;
      if (this.len === this.frameLength) this.complete(out);
    }
    this.flushGarbage(out);
    return out;
  }

  /** Bytes of the unfinished frame held for the next push (0 … frame length − 1). */
  get pendingLength(): number {
    return this.len;
  }

  /** Forgets any unfinished frame, e.g. after the port reopens. */
  reset(): void {
    this.len = 0;
    this.garbage = 0;
  }

  private complete(out: Array<Result<Uint8Array, PelcoDecodeError>>): void {
    const frame = this.buf.slice(0, this.len);
    const problem = this.check(frame);
    if (!problem) {
      this.len = 0;
      out.push(ok(frame));
      return;
    }
    out.push(err(problem));
    // Slide by one: the sync byte may have been data, and the real frame may start inside this one.
    let start = 1;
    while (start < this.len && this.buf[start] !== this.sync) start++;
    this.buf.copyWithin(0, start, this.len);
    this.len -= start;
  }

  private check(frame: Uint8Array): PelcoDecodeError | null {
    const name = `Pelco-${this.variant.toUpperCase()} ${this.direction}`;
    if (this.variant === 'p' && frame[6] !== PELCO_P_ETX) {
      return { reason: 'bad-trailer', detail: `${name}: byte 7 must be AF: ${hexBytes(frame)}` };
    }
    const expected = this.variant === 'd' ? pelcoDChecksum(frame) : pelcoPChecksum(frame);
    if (frame[this.frameLength - 1] !== expected) {
      return { reason: 'bad-checksum', detail: `${name}: bad checksum: ${hexBytes(frame)}` };
    }
    return null;
  }

  private flushGarbage(out: Array<Result<Uint8Array, PelcoDecodeError>>): void {
    if (this.garbage === 0) return;
    const sync = this.sync.toString(16).toUpperCase();
    out.push(err({ reason: 'bad-sync', detail: `skipped ${this.garbage} byte(s) before a ${sync} sync byte` }));
    this.garbage = 0;
  }
}

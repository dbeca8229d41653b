/**
 * Splits a VISCA byte stream (serial, raw TCP) into packets. Memory is bounded by one packet (16 bytes, or
 * the longer limit given to the constructor).
 */
import { err, ok, type Result } from '../../../../../shared/util/result';
import { MAX_PACKET_LENGTH, MIN_PACKET_LENGTH, TERMINATOR, hexBytes } from './visca-tables';
import type { ViscaDecodeError } from './visca-types';

/** True for a header byte (`8x`…`Fx`, not FF): the only bytes ≥ 0x80 a well-formed stream carries. */
const isHeader = (b: number): boolean => b >= 0x80 && b !== TERMINATOR;

/**
 * Incremental VISCA framer. Rules, from protocols.md §1.1–§1.2 (data bytes are always < 0x80, FF only
 * terminates):
 * - A packet starts at a header byte and ends at the next FF; it is yielded with its FF.
 * - Bytes before a header (line noise, a stray FF) are skipped and reported once per run as `bad-data`.
 * - A header byte inside an unfinished packet means the earlier packet lost its FF: that fragment is
 *   reported as `no-terminator` and the new packet starts, so one lost byte costs one packet, not two.
 * - A packet reaching 16 bytes without FF is reported as `too-long` and dropped up to its FF.
 * - Packets shorter than 3 bytes (`9x FF`) are reported as `too-short`.
 * - An unfinished packet is kept across `push` calls; a garbage run is reported at the end of each push.
 */
export class ViscaFramer {
  private readonly max: number;
  private readonly buf: Uint8Array;
  private len = 0;
  /** Skipping the rest of an over-long packet until its FF. */
  private discarding = false;
  /** Bytes skipped outside any packet since the last report. */
  private garbage = 0;

  /**
   * @param maxPacketLength longest packet accepted, in bytes: 16 (VISCA) by default, 17 for a camera with
   *   20-bit positions (see `maxPacketLength` of its codec variant).
   */
  constructor(maxPacketLength: number = MAX_PACKET_LENGTH) {
    if (!Number.isInteger(maxPacketLength) || maxPacketLength < MIN_PACKET_LENGTH || maxPacketLength > 64) {
      throw new RangeError(`VISCA framer packet limit must be an integer in 3–64, got ${maxPacketLength}`);
    }
    this.max = maxPacketLength;
    this.buf = new Uint8Array(maxPacketLength);
  }

  /** Feeds a chunk; returns the packets (or framing errors) it completed, in stream order. */
  push(chunk: Uint8Array): Array<Result<Uint8Array, ViscaDecodeError>> {
    const out: Array<Result<Uint8Array, ViscaDecodeError>> = [];
    for (const b of chunk) {
      if (isHeader(b)) {
        this.flushGarbage(out);
        if (this.len > 0) {
          out.push(
            err({ reason: 'no-terminator', detail: `VISCA packet cut short by a new header: ${this.pendingHex()}` }),
          );
        }
        this.discarding = false;
        this.buf[0] = b;
        this.len = 1;
      } else if (this.discarding) {
        if (b === TERMINATOR) this.discarding = false;
      } else if (this.len === 0) {
        this.garbage++;
      } else if (b === TERMINATOR) {
        this.buf[this.len++] = b;
        const frame = this.buf.slice(0, this.len);
        this.len = 0;
        out.push(
          frame.length < MIN_PACKET_LENGTH
            ? err({ reason: 'too-short', detail: `VISCA packet of ${frame.length} bytes: ${hexBytes(frame)}` })
            : ok(frame),
        );
      } else if (this.len === this.max - 1) {
        // The FF would make it 17 bytes: drop the packet and everything up to its FF.
        out.push(
          err({
            reason: 'too-long',
            detail: `VISCA packet longer than ${this.max} bytes: ${this.pendingHex()} …`,
          }),
        );
        this.len = 0;
        this.discarding = true;
      } else {
        this.buf[this.len++] = b;
      }
    }
    this.flushGarbage(out);
    return out;
  }

  /** Bytes of the unfinished packet held for the next push (0 to the packet limit − 1). */
  get pendingLength(): number {
    return this.len;
  }

  /** Forgets any unfinished packet, e.g. after the port reopens. */
  reset(): void {
    this.len = 0;
    this.discarding = false;
    this.garbage = 0;
  }

  private pendingHex(): string {
    return hexBytes(this.buf.subarray(0, this.len));
  }

  private flushGarbage(out: Array<Result<Uint8Array, ViscaDecodeError>>): void {
    if (this.garbage === 0) return;
    out.push(err({ reason: 'bad-data', detail: `skipped ${this.garbage} byte(s) outside any VISCA packet` }));
    this.garbage = 0;
  }
}

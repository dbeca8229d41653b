import { describe, expect, it } from 'vitest';
import { ViscaFramer } from './visca-framer';
import { bytes, hexOf } from './test-hex';
import type { Result } from '../../../../../shared/util/result';
import type { ViscaDecodeError } from './visca-types';

/** Frames as hex, errors as `!reason`. */
function show(results: Array<Result<Uint8Array, ViscaDecodeError>>): string[] {
  return results.map((r) => (r.ok ? hexOf(r.value) : `!${r.error.reason}`));
}

describe('ViscaFramer', () => {
  it('splits several packets in one chunk', () => {
    const f = new ViscaFramer();
    expect(show(f.push(bytes('90 41 FF 90 51 FF 90 50 02 FF')))).toEqual(['90 41 FF', '90 51 FF', '90 50 02 FF']);
  });

  it('keeps a partial packet across pushes, even byte by byte', () => {
    const f = new ViscaFramer();
    expect(show(f.push(bytes('90 50 00 03')))).toEqual([]);
    expect(f.pendingLength).toBe(4);
    expect(show(f.push(bytes('04 02 0F 0F 05')))).toEqual([]);
    expect(show(f.push(bytes('0B FF 90')))).toEqual(['90 50 00 03 04 02 0F 0F 05 0B FF']);
    const out: string[] = [];
    for (const b of bytes('41 FF A0 51 FF')) out.push(...show(f.push(Uint8Array.of(b))));
    expect(out).toEqual(['90 41 FF', 'A0 51 FF']);
  });

  it('skips leading garbage and stray FFs, reporting each run once, then resyncs', () => {
    const f = new ViscaFramer();
    expect(show(f.push(bytes('00 12 7F FF FF 90 41 FF')))).toEqual(['!bad-data', '90 41 FF']);
    expect(show(f.push(bytes('01 02')))).toEqual(['!bad-data']);
    expect(show(f.push(bytes('90 51 FF')))).toEqual(['90 51 FF']);
  });

  it('reports a packet cut short by a new header and keeps the new one', () => {
    const f = new ViscaFramer();
    expect(show(f.push(bytes('90 50 00 03 90 41 FF')))).toEqual(['!no-terminator', '90 41 FF']);
  });

  it('accepts a 16-byte packet and drops a longer one up to its FF', () => {
    const f = new ViscaFramer();
    const sixteen = '90 50 00 01 02 03 04 05 06 07 08 09 0A 0B 0C FF';
    expect(show(f.push(bytes(sixteen)))).toEqual([sixteen]);
    const seventeen = '90 50 00 01 02 03 04 05 06 07 08 09 0A 0B 0C 0D FF';
    expect(show(f.push(bytes(`${seventeen} 90 41 FF`)))).toEqual(['!too-long', '90 41 FF']);
    // Long runs never grow the buffer past one packet.
    const long = new Uint8Array(1000).fill(0x01);
    long[0] = 0x90;
    expect(show(f.push(long))).toEqual(['!too-long']);
    expect(f.pendingLength).toBe(0);
    expect(show(f.push(bytes('02 FF A0 41 FF')))).toEqual(['A0 41 FF']);
  });

  it('reports a header followed directly by FF as too-short', () => {
    const f = new ViscaFramer();
    expect(show(f.push(bytes('90 FF 90 41 FF')))).toEqual(['!too-short', '90 41 FF']);
  });

  it('returns copies, not views of its buffer', () => {
    const f = new ViscaFramer();
    const [first] = f.push(bytes('90 41 FF'));
    f.push(bytes('A0 52 FF'));
    expect(first?.ok && hexOf(first.value)).toBe('90 41 FF');
  });

  it('reset() forgets a partial packet', () => {
    const f = new ViscaFramer();
    f.push(bytes('90 50 00'));
    f.reset();
    expect(show(f.push(bytes('01 FF 90 41 FF')))).toEqual(['!bad-data', '90 41 FF']);
  });

  it('accepts 17-byte packets when built for a 20-bit camera, and still bounds the buffer', () => {
    const f = new ViscaFramer(17);
    const seventeen = '81 01 06 02 18 17 07 0F 0F 0F 0F 08 00 00 00 00 FF';
    expect(show(f.push(bytes(seventeen)))).toEqual([seventeen]);
    const eighteen = '81 01 06 02 18 17 07 0F 0F 0F 0F 08 00 00 00 00 00 FF';
    expect(show(f.push(bytes(`${eighteen} 90 41 FF`)))).toEqual(['!too-long', '90 41 FF']);
    expect(() => new ViscaFramer(2)).toThrow(RangeError);
    expect(() => new ViscaFramer(65)).toThrow(RangeError);
  });
});

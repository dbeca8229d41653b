import { describe, expect, it } from 'vitest';
import { PROBE_BAUDS, replyWindowMs } from './serial-probe';

describe('serial probe reply window', () => {
  it('covers a full 7-camera chain at each baud: bytes on the wire, each camera relaying, and margin', () => {
    // 39 bytes at 10 bits each, 7 cameras × 10 ms, 100 ms margin.
    expect(replyWindowMs(9600)).toBe(100 + 70 + 41);
    expect(replyWindowMs(2400)).toBe(100 + 70 + 163);
    expect(replyWindowMs(38400)).toBe(100 + 70 + 11);
  });

  it('grows as the line slows and the chain lengthens', () => {
    const byBaud = [...PROBE_BAUDS].sort((a, b) => b - a).map((b) => replyWindowMs(b));
    expect(byBaud).toEqual([...byBaud].sort((a, b) => a - b));
    expect(replyWindowMs(9600, 1)).toBeLessThan(replyWindowMs(9600, 7));
  });

  it('keeps a silent port’s cost over all bauds near a second', () => {
    const total = PROBE_BAUDS.reduce((sum, b) => sum + replyWindowMs(b), 0);
    expect(total).toBe(211 + 181 + 191 + 252 + 333);
  });
});

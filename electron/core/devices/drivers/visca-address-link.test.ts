import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../logger';
import { systemClock } from '../clock';
import { FakeStreamTransport } from '../test/fake-stream-transport';
import { ViscaAddressLink } from './visca-address-link';
import { ViscaStreamBus } from './visca-bus';
import type { ViscaChannelEvents } from './visca-channel';

const hex = (h: string) => Uint8Array.from(Buffer.from(h.replace(/\s/g, ''), 'hex'));

function events(): ViscaChannelEvents & { completions: number[]; problems: string[]; downs: string[] } {
  const e = {
    completions: [] as number[],
    problems: [] as string[],
    downs: [] as string[],
    onCompletion: (s: number) => e.completions.push(s),
    onProblem: (c: string) => e.problems.push(c),
    onLinkDown: (r: string) => e.downs.push(r),
  };
  return e;
}

describe('VISCA on a serial line: bus + address links', () => {
  let port: FakeStreamTransport;
  let bus: ViscaStreamBus;
  const link = (address: 1 | 2 | 3) =>
    new ViscaAddressLink({
      address,
      label: 'fake-port',
      clock: systemClock,
      log: silentLogger,
      replyTimeoutMs: 100,
      openBus: async () => ({ bus, release: () => undefined }),
    });

  beforeEach(() => {
    vi.useFakeTimers();
    port = new FakeStreamTransport();
    bus = new ViscaStreamBus(port, { serial: true, log: silentLogger });
  });
  afterEach(() => vi.useRealTimers());

  it('runs AddressSet and IF_Clear (broadcast) on every open, then the cameras are reachable', async () => {
    const a = link(1);
    await a.open(events());
    port.setState('open');
    await vi.advanceTimersByTimeAsync(0);
    expect(port.writes).toEqual(['883001ff', '88010001ff']);
    port.receive('88 30 04 ff'); // three cameras on the chain
    expect(bus.chainLength).toBe(3);
    port.setState('reconnecting', { code: 'unplugged', message: 'gone' });
    port.setState('open');
    await vi.advanceTimersByTimeAsync(0);
    expect(port.writes.slice(2)).toEqual(['883001ff', '88010001ff']);
  });

  it('routes replies by address on a daisy chain and matches them oldest-first', async () => {
    const [a, c] = [link(1), link(3)];
    const [ea, ec] = [events(), events()];
    await a.open(ea);
    await c.open(ec);
    port.setState('open');
    await vi.advanceTimersByTimeAsync(0);
    const moveA = a.request(hex('81 01 06 01 18 14 02 03 ff'), { kind: 'command', persistence: 'bounded' }).outcome;
    const inqC = c.request(hex('83 09 06 12 ff'), { kind: 'inquiry', persistence: 'bounded' }).outcome;
    const moveC = c.request(hex('83 01 06 01 01 01 03 03 ff'), { kind: 'command', persistence: 'bounded' }).outcome;
    port.receive('b0 41 ff'); // camera 3 ACKs its command first
    port.receive('90 41 ff 90 51 ff'); // camera 1 ACK + completion in one chunk
    port.receive('b0 50 00 03 04 02 0f 0f 05 0b ff'); // camera 3 position
    await expect(moveC).resolves.toMatchObject({ reply: { kind: 'ack', address: 3 } });
    await expect(moveA).resolves.toMatchObject({ reply: { kind: 'ack', address: 1 } });
    await expect(inqC).resolves.toMatchObject({ reply: { kind: 'completion', socket: 0 } });
    expect(ea.completions).toEqual([1]);
  });

  it('retransmits a lost command, then gives up with a timeout', async () => {
    const a = link(1);
    await a.open(events());
    port.setState('open');
    await vi.advanceTimersByTimeAsync(0);
    const r = a.request(hex('81 01 04 07 00 ff'), { kind: 'command', persistence: 'bounded' }).outcome;
    const settled = r.catch((e: Error) => e);
    await vi.advanceTimersByTimeAsync(350);
    expect(port.writes.filter((w) => w === '8101040700ff')).toHaveLength(3);
    expect(await settled).toMatchObject({ code: 'timeout' });
  });

  it('tells the device the line went down, with the transport’s reason', async () => {
    const a = link(2);
    const e = events();
    await a.open(e);
    port.setState('open');
    await vi.advanceTimersByTimeAsync(0);
    const r = a.request(hex('82 01 06 01 01 01 03 03 ff'), {
      kind: 'command',
      persistence: 'until-acknowledged',
    }).outcome;
    const settled = r.catch((x: Error) => x);
    port.setState('reconnecting', { code: 'unplugged', message: '/dev/ttyUSB0 was unplugged' });
    expect(await settled).toMatchObject({ code: 'closed' });
    expect(e.downs).toEqual(['/dev/ttyUSB0 was unplugged']);
  });

  it('reports garbage between frames and resynchronises on FF', async () => {
    const a = link(1);
    const e = events();
    await a.open(e);
    port.setState('open');
    await vi.advanceTimersByTimeAsync(0);
    const inq = a.request(hex('81 09 04 00 ff'), { kind: 'inquiry', persistence: 'bounded' }).outcome;
    port.receive('13 37 42 ff 90 50 02 ff');
    await expect(inq).resolves.toMatchObject({ reply: { kind: 'completion' } });
    expect(e.problems).toContain('malformed-reply');
  });
});

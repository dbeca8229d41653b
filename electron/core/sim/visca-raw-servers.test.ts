// Raw VISCA over TCP (5678-style) and UDP (1259-style) on loopback, with camera-like timing.
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ViscaFramer, encodeAddressSet, encodeCommand, encodeInquiry } from '../devices/protocols/visca';
import { bytes, hexOf } from '../devices/protocols/visca/test-hex';
import { SimCamera } from './camera-model';
import { UdpTestClient } from './test-udp-client';
import { startViscaTcpServer, type ViscaTcpServer } from './visca-tcp-server';
import { startViscaUdpServer, type ViscaUdpServer } from './visca-udp-server';

/** A TCP client that frames what it receives and hands out packets in order. */
class TcpTestClient {
  private readonly framer = new ViscaFramer();
  private readonly packets: string[] = [];
  private waiter: (() => void) | null = null;
  closed = false;

  private constructor(readonly socket: Socket) {
    socket.on('data', (chunk) => {
      for (const r of this.framer.push(new Uint8Array(chunk))) if (r.ok) this.packets.push(hexOf(r.value));
      this.waiter?.();
    });
    socket.on('close', () => {
      this.closed = true;
      this.waiter?.();
    });
    socket.on('error', () => undefined);
  }

  static open(port: number): Promise<TcpTestClient> {
    return new Promise((resolve, reject) => {
      const s = connect(port, '127.0.0.1', () => resolve(new TcpTestClient(s)));
      s.once('error', reject);
    });
  }

  write(b: Uint8Array): void {
    this.socket.write(b);
  }

  async next(count: number): Promise<string[]> {
    while (this.packets.length < count && !this.closed) {
      await new Promise<void>((resolve) => (this.waiter = resolve));
      this.waiter = null;
    }
    return this.packets.splice(0, count);
  }

  async waitClosed(): Promise<void> {
    while (!this.closed) {
      await new Promise<void>((resolve) => (this.waiter = resolve));
      this.waiter = null;
    }
  }

  end(): void {
    this.socket.destroy();
  }
}

describe('raw VISCA over TCP', () => {
  let server: ViscaTcpServer;
  const clients: TcpTestClient[] = [];
  const open = async (): Promise<TcpTestClient> => {
    const c = await TcpTestClient.open(server.port);
    clients.push(c);
    return c;
  };
  afterEach(async () => {
    for (const c of clients.splice(0)) c.end();
    await server.close();
  });

  it('frames by FF across chunks and answers each client on its own connection', async () => {
    const camera = new SimCamera();
    server = await startViscaTcpServer({ camera });
    expect(server.kind).toBe('visca-tcp');
    const a = await open();
    const b = await open();
    const drive = encodeCommand(1, {
      kind: 'pan-tilt-drive',
      pan: 'right',
      tilt: 'stop',
      panSpeed: 0x0c,
      tiltSpeed: 1,
    });
    a.write(drive.subarray(0, 4));
    await new Promise((r) => setTimeout(r, 5));
    a.write(drive.subarray(4));
    b.write(encodeInquiry(1, 'power'));
    expect(await a.next(2)).toEqual(['90 41 FF', '90 51 FF']);
    expect(await b.next(1)).toEqual(['90 50 02 FF']);
    expect(camera.snapshot().panVelocityDegS).toBeCloseTo(50, 6);
    expect(server.connections).toBe(2);
    const drives = server.received.filter((r) => r.kind === 'command');
    expect(drives).toHaveLength(1);
    expect(drives[0]).toMatchObject({ seq: null, outcome: 'executed', pan: 'right', socket: 1 });
    expect(server.counters).toMatchObject({ commandsExecuted: 1, inquiriesAnswered: 1, internalErrors: 0 });
  });

  it('answers AddressSet as a chain of one, skips noise, and ignores other addresses', async () => {
    server = await startViscaTcpServer({ camera: new SimCamera() });
    const c = await open();
    c.write(encodeAddressSet());
    expect(await c.next(1)).toEqual(['88 30 02 FF']);
    c.write(bytes('00 12 FF 82 09 04 00 FF 81 09 04 00 FF'));
    expect(await c.next(1)).toEqual(['90 50 02 FF']);
    expect(server.counters.framingErrors).toBeGreaterThanOrEqual(1);
    expect(server.received.map((r) => r.outcome)).toEqual(['executed', 'ignored', 'answered']);
  });

  it('unplug drops the connections and refuses new ones until replug; loss drops frames', async () => {
    server = await startViscaTcpServer({ camera: new SimCamera() });
    const c = await open();
    server.unplug();
    await c.waitClosed();
    const refused = await open();
    await refused.waitClosed();
    server.replug();
    const d = await open();
    d.write(encodeInquiry(1, 'power'));
    expect(await d.next(1)).toEqual(['90 50 02 FF']);
    server.faults.set({ lossIn: 1 });
    d.write(encodeInquiry(1, 'power'));
    await expect.poll(() => server.faults.counters.droppedIn).toBe(1);
    server.faults.set({ lossIn: 0 });
    d.write(encodeInquiry(1, 'ae-mode'));
    expect(await d.next(1)).toEqual(['90 50 00 FF']);
    expect(server.counters.droppedIn).toBe(1);
  });
});

describe('raw VISCA over UDP', () => {
  let server: ViscaUdpServer;
  let client: UdpTestClient;
  afterEach(async () => {
    await client.close();
    await server.close();
  });

  it('answers the sender with one datagram per reply, a fresh framer per datagram', async () => {
    const camera = new SimCamera();
    server = await startViscaUdpServer({ camera });
    client = await UdpTestClient.open();
    const home = encodeCommand(1, { kind: 'pan-tilt-home' });
    expect((await client.exchange(home, server.port, 2)).map(hexOf)).toEqual(['90 41 FF', '90 51 FF']);
    // A cut packet in one datagram does not spoil the next.
    await client.send(bytes('81 09 04'), server.port);
    expect((await client.exchange(encodeInquiry(1, 'power'), server.port)).map(hexOf)).toEqual(['90 50 02 FF']);
    expect(server.counters.framingErrors).toBe(1);
    expect(server.received.at(-1)).toMatchObject({ kind: 'inquiry', outcome: 'answered', from: { port: client.port } });
  });

  it('injects garbage as an extra datagram and reboots on demand', async () => {
    server = await startViscaUdpServer({ camera: new SimCamera(), faults: { garbage: 1, garbageMaxBytes: 3 } });
    client = await UdpTestClient.open();
    const [junk, answer] = await client.exchange(encodeInquiry(1, 'power'), server.port, 2);
    expect(junk!.length).toBeGreaterThanOrEqual(1);
    expect(junk!.length).toBeLessThanOrEqual(3);
    expect(hexOf(answer!)).toBe('90 50 02 FF');
    server.faults.set({ garbage: 0 });
    server.reboot();
    expect(server.engine.counters.reboots).toBe(1);
    expect((await client.exchange(encodeInquiry(1, 'power'), server.port)).map(hexOf)).toEqual(['90 50 02 FF']);
  });
});

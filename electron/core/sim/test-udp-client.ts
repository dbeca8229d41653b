/** Test helper: a loopback UDP client that queues every datagram it receives. No timers: awaits arrival. */
import { createSocket, type Socket } from 'node:dgram';

export class UdpTestClient {
  private readonly queue: Uint8Array[] = [];
  private waiter: ((d: Uint8Array) => void) | null = null;

  private constructor(private readonly socket: Socket) {
    socket.on('message', (msg) => {
      const d = new Uint8Array(msg);
      if (this.waiter) {
        const w = this.waiter;
        this.waiter = null;
        w(d);
      } else this.queue.push(d);
    });
  }

  static async open(): Promise<UdpTestClient> {
    const socket = createSocket('udp4');
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(0, '127.0.0.1', () => resolve());
    });
    return new UdpTestClient(socket);
  }

  get port(): number {
    return this.socket.address().port;
  }

  send(bytes: Uint8Array, port: number): Promise<void> {
    return new Promise((resolve, reject) =>
      this.socket.send(bytes, port, '127.0.0.1', (e) => (e ? reject(e) : resolve())),
    );
  }

  /** The next datagram received (in arrival order). */
  receive(): Promise<Uint8Array> {
    const d = this.queue.shift();
    if (d) return Promise.resolve(d);
    return new Promise((resolve) => (this.waiter = resolve));
  }

  /** Sends and returns the next `count` datagrams received. */
  async exchange(bytes: Uint8Array, port: number, count = 1): Promise<Uint8Array[]> {
    await this.send(bytes, port);
    const out: Uint8Array[] = [];
    for (let i = 0; i < count; i++) out.push(await this.receive());
    return out;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.socket.close(() => resolve()));
  }
}

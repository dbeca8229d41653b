/**
 * Carriers of bare VISCA packets (no sequence numbers), shared by the camera addresses on them:
 * - `ViscaStreamBus`: a serial line (RS-232 daisy chain / RS-422 bus, addresses 1–7) or a raw VISCA TCP
 *   connection (PTZOptics-style, port 5678, address 1). Frames by FF, routes replies by address, and on
 *   every (re)open of a serial line runs AddressSet and IF_Clear (broadcast), as Sony asks.
 * - `ViscaDatagramBus`: raw VISCA over UDP (port 1259), one packet per datagram, address 1.
 */
import type { Logger } from '../../logger';
import { decodeReply, ViscaFramer } from '../protocols/visca';
import type { ViscaReply } from '../protocols/visca/visca-types';
import type { DatagramPeer, StreamState, StreamTransport } from '../transports/transport';

export interface BusClient {
  onReply(reply: ViscaReply): void;
  onProblem(code: string, message: string): void;
  /** The carrier is usable again (after AddressSet on serial). */
  onUp(): void;
  onDown(reason: string): void;
}

export interface ViscaPacketBus {
  /** Routes replies from `address` to `client`; returns a detach function. */
  attach(address: number, client: BusClient): () => void;
  send(packet: Uint8Array): Promise<void>;
  /** True when packets can be sent now. */
  readonly up: boolean;
  /** The carrier delivers packets in the order sent, without loss (serial, TCP); not a datagram socket. */
  readonly inOrder: boolean;
  describe(): string;
}

const ADDRESS_SET = Uint8Array.of(0x88, 0x30, 0x01, 0xff);
const IF_CLEAR_BROADCAST = Uint8Array.of(0x88, 0x01, 0x00, 0x01, 0xff);

/** Reply header `y0`: y = address + 8 (0x90 = camera 1 … 0xF0 = camera 7). */
function replyAddress(frame: Uint8Array): number {
  return ((frame[0] ?? 0) >> 4) - 8;
}

export class ViscaStreamBus implements ViscaPacketBus {
  readonly inOrder = true;
  private readonly framer = new ViscaFramer();
  private readonly clients = new Map<number, BusClient>();
  private readonly offData: () => void;
  private readonly offState: () => void;
  private ready = false;
  /** Cameras AddressSet reported on the chain (w − 1), null until it answers. */
  chainLength: number | null = null;

  constructor(
    private readonly transport: StreamTransport,
    private readonly options: { serial: boolean; log: Logger },
  ) {
    this.offData = transport.onData((chunk) => this.onData(chunk));
    this.offState = transport.onState((state) => this.onState(state));
    if (transport.state === 'open') this.onState('open');
  }

  get up(): boolean {
    return this.ready;
  }

  describe(): string {
    return this.transport.describe();
  }

  attach(address: number, client: BusClient): () => void {
    if (this.clients.has(address)) throw new Error(`VISCA address ${address} on ${this.describe()} is already in use`);
    this.clients.set(address, client);
    if (this.ready) client.onUp();
    return () => {
      if (this.clients.get(address) === client) this.clients.delete(address);
    };
  }

  send(packet: Uint8Array): Promise<void> {
    return this.transport.write(packet);
  }

  /** Stops listening to the transport (the transport itself belongs to the pool). */
  dispose(): void {
    this.offData();
    this.offState();
    this.clients.clear();
  }

  private onState(state: StreamState): void {
    if (state === 'open') {
      this.framer.reset();
      if (!this.options.serial) return this.setReady(true, '');
      // Sony: AddressSet then IF_Clear (broadcast) before controlling cameras on a (re)opened line.
      void this.transport
        .write(ADDRESS_SET)
        .then(() => this.transport.write(IF_CLEAR_BROADCAST))
        .then(
          () => this.setReady(true, ''),
          (e: Error) => this.options.log.warn(`AddressSet on ${this.describe()} failed: ${e.message}`),
        );
      return;
    }
    const reason = this.transport.problem?.message ?? `${this.describe()} is ${state}`;
    this.setReady(false, reason);
  }

  private setReady(ready: boolean, reason: string): void {
    if (this.ready === ready) return;
    this.ready = ready;
    for (const c of this.clients.values()) {
      if (ready) c.onUp();
      else c.onDown(reason);
    }
  }

  private onData(chunk: Uint8Array): void {
    for (const frame of this.framer.push(chunk)) {
      if (!frame.ok) {
        this.broadcastProblem('malformed-reply', `${frame.error.reason}: ${frame.error.detail}`);
        continue;
      }
      const bytes = frame.value;
      const decoded = decodeReply(bytes);
      if (!decoded.ok) {
        this.broadcastProblem('malformed-reply', `${decoded.error.reason}: ${decoded.error.detail}`);
        continue;
      }
      const reply = decoded.value;
      if (reply.kind === 'address-set') {
        this.chainLength = reply.next - 1;
        continue;
      }
      if (reply.kind === 'if-clear-broadcast') continue;
      if (reply.kind === 'network-change') {
        // The chain changed (a camera was added or powered): number it again.
        void this.transport.write(ADDRESS_SET).catch(() => undefined);
        continue;
      }
      const client = this.clients.get(replyAddress(bytes));
      if (client) client.onReply(reply);
      else this.options.log.debug(`VISCA reply from unconfigured address ${replyAddress(bytes)} on ${this.describe()}`);
    }
  }

  private broadcastProblem(code: string, message: string): void {
    // A garbled frame cannot be attributed to one address; every camera on the line hears about it.
    for (const c of this.clients.values()) c.onProblem(code, message);
  }
}

export class ViscaDatagramBus implements ViscaPacketBus {
  readonly inOrder = false;
  private client: BusClient | null = null;

  constructor(
    private readonly peer: DatagramPeer,
    private readonly label: string,
  ) {}

  readonly up = true;

  describe(): string {
    return this.label;
  }

  attach(_address: number, client: BusClient): () => void {
    this.client = client;
    client.onUp();
    return () => {
      this.client = null;
    };
  }

  send(packet: Uint8Array): Promise<void> {
    return this.peer.send(packet);
  }

  /** Feeds one received datagram (the UDP endpoint routes it here). */
  receive(datagram: Uint8Array): void {
    const decoded = decodeReply(datagram);
    if (!decoded.ok)
      return this.client?.onProblem('malformed-reply', `${decoded.error.reason}: ${decoded.error.detail}`);
    this.client?.onReply(decoded.value);
  }
}

/**
 * A VISCA daisy chain of simulated cameras as the controller sees it on one line (serial) or one raw
 * socket (TCP/UDP, a chain of one): routes each packet to the camera with that address and answers the
 * broadcasts a chain answers (protocols.md §1.4):
 * - AddressSet `88 30 0w FF`: cameras take w, w+1, … in chain order; the chain returns `88 30 0v FF`
 *   with v = last address + 1 (one camera → `88 30 02 FF`).
 * - IF_Clear broadcast `88 01 00 01 FF`: every camera empties its sockets; the same bytes come back.
 * Both come back after one video cycle per camera (each device forwards them to the next).
 * A packet for an address nobody holds, or any other broadcast, gets no answer (as on a real line).
 */
import { encodeIfClearBroadcast, encodeReply } from '../devices/protocols/visca';
import type { SimCamera } from './camera-model';
import { simClock, type Clock } from './sim-clock';
import { ViscaEngine, type EngineRequest, type ViscaEngineOptions } from './visca-engine';

/** One camera on the chain, in chain order. */
export interface ChainUnit {
  readonly camera: SimCamera;
  readonly engine: ViscaEngine;
}

export interface ViscaChainOptions {
  cameras: readonly SimCamera[];
  /** Time and timers shared by every engine; default the first camera's clock. */
  clock?: Clock;
  /** Engine timing and limits, the same for each camera (address is assigned by position: 1, 2, …). */
  engine?: Omit<ViscaEngineOptions, 'camera' | 'address' | 'clock'>;
}

export interface ChainCounters {
  addressSets: number;
  ifClearBroadcasts: number;
  /** Packets for an address no camera holds, and broadcasts other than AddressSet / IF_Clear. */
  unroutable: number;
}

export class ViscaChain {
  readonly units: readonly ChainUnit[];
  readonly counters: ChainCounters = { addressSets: 0, ifClearBroadcasts: 0, unroutable: 0 };
  private readonly clock: Clock;
  private readonly cycleMs: number;
  private readonly timers = new Set<unknown>();

  constructor(opts: ViscaChainOptions) {
    if (opts.cameras.length < 1 || opts.cameras.length > 7)
      throw new RangeError(`a VISCA chain holds 1–7 cameras, got ${opts.cameras.length}`);
    this.clock = opts.clock ?? simClock(opts.cameras[0]!.now);
    this.units = opts.cameras.map((camera, i) => ({
      camera,
      engine: new ViscaEngine({ ...opts.engine, camera, address: i + 1, clock: this.clock }),
    }));
    this.cycleMs = this.units[0]!.engine.cycleMs;
  }

  /** The unit answering at `address` (1–7) now, if any. */
  unitAt(address: number): ChainUnit | undefined {
    return this.units.find((u) => u.engine.address === address);
  }

  /**
   * Handles one whole packet from the controller; replies go to `reply` (the requester). Returns who took
   * it: a camera's engine (which then reports through `extra.onOutcome`), the chain itself (a broadcast),
   * or nobody. Never throws.
   */
  submit(
    packet: Uint8Array,
    reply: (bytes: Uint8Array) => void,
    extra: Omit<EngineRequest, 'packet' | 'reply'> = {},
  ): 'engine' | 'broadcast' | 'unroutable' {
    const header = packet[0];
    if (header === 0x88) return this.broadcast(packet, reply) ? 'broadcast' : 'unroutable';
    const unit = header !== undefined && header >= 0x81 && header <= 0x87 ? this.unitAt(header & 0x07) : undefined;
    if (!unit) {
      this.counters.unroutable++;
      return 'unroutable';
    }
    unit.engine.submit({ ...extra, packet, reply });
    return 'engine';
  }

  /** `z0 38 FF` from every camera: the chain changed, the controller should run AddressSet again. */
  announceNetworkChange(reply: (bytes: Uint8Array) => void): void {
    for (const u of this.units) reply(encodeReply({ kind: 'network-change', address: u.engine.address }));
  }

  /** Reboots every camera on the chain (see ViscaEngine.reboot). */
  reboot(): void {
    for (const u of this.units) u.engine.reboot();
    this.cancelTimers();
  }

  close(): void {
    for (const u of this.units) u.engine.close();
    this.cancelTimers();
  }

  private broadcast(packet: Uint8Array, reply: (bytes: Uint8Array) => void): boolean {
    const same = (b: Uint8Array): boolean => b.length === packet.length && b.every((x, i) => x === packet[i]);
    if (packet.length === 4 && packet[1] === 0x30 && packet[3] === 0xff && packet[2]! >= 1 && packet[2]! <= 7) {
      this.counters.addressSets++;
      const first = packet[2]!;
      // Cameras past address 7 keep their old address: the chain is full.
      this.units.forEach((u, i) => first + i <= 7 && u.engine.setAddress(first + i));
      const next = Math.min(8, first + this.units.length);
      this.afterChain(() => reply(encodeReply({ kind: 'address-set', next })));
      return true;
    }
    if (same(encodeIfClearBroadcast())) {
      this.counters.ifClearBroadcasts++;
      for (const u of this.units) u.engine.clearSockets();
      this.afterChain(() => reply(encodeIfClearBroadcast()));
      return true;
    }
    this.counters.unroutable++;
    return false;
  }

  /** Runs `fn` once the broadcast has passed every camera: one cycle each (at once in immediate mode). */
  private afterChain(fn: () => void): void {
    const delay = this.cycleMs * this.units.length;
    if (delay === 0) return fn();
    const t = this.clock.setTimeout(() => {
      this.timers.delete(t);
      try {
        fn();
      } catch {
        // The transport went away meanwhile; a chain reply has nowhere else to go.
      }
    }, Math.ceil(delay));
    this.timers.add(t);
  }

  private cancelTimers(): void {
    for (const t of this.timers) this.clock.clearTimeout(t);
    this.timers.clear();
  }
}

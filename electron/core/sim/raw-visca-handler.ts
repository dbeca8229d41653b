/**
 * Raw VISCA (no Sony header) over TCP or UDP: what happens to one framed packet from one client, shared by
 * the TCP and UDP servers. The packet goes through the camera chain; its record is updated as the engine
 * decides.
 */
import { ViscaFramer, maxPacketLength } from '../devices/protocols/visca';
import type { Faults } from './faults';
import {
  applyEngineOutcome,
  countOutcome,
  recordForPacket,
  type ReceivedRecord,
  type ServerCounters,
} from './net-records';
import { pushBounded } from './sim-net-server';
import type { ViscaChain } from './visca-chain';

export interface RawVisca {
  /** A framer sized for the camera's longest packet. */
  framer(): ViscaFramer;
  /**
   * Feeds received bytes of one client through `framer`: framing errors are counted, whole packets pass
   * the inbound faults and go to the chain; replies go to `reply` through the outbound faults. `final`
   * (datagrams): bytes left without their FF are a framing error too.
   */
  push(
    framer: ViscaFramer,
    bytes: Uint8Array,
    from: ReceivedRecord['from'],
    reply: (b: Uint8Array) => void,
    final?: boolean,
  ): void;
}

export function rawVisca(o: {
  chain: ViscaChain;
  faults: Faults;
  received: ReceivedRecord[];
  counters: ServerCounters;
  maxRecords: number;
}): RawVisca {
  const camera = o.chain.units[0]!.camera;
  const { counters, faults } = o;

  const out = (reply: (b: Uint8Array) => void) => (bytes: Uint8Array) => {
    const passed = faults.outbound(() => {
      const junk = faults.garbageBytes();
      try {
        if (junk) reply(junk);
        counters.datagramsOut++;
        reply(bytes);
      } catch {
        counters.sendErrors++;
      }
    });
    if (!passed) counters.droppedOut++;
  };

  const handle = (packet: Uint8Array, from: ReceivedRecord['from'], reply: (b: Uint8Array) => void): void => {
    counters.datagramsIn++;
    const record = recordForPacket(camera.now(), null, from, packet, camera.variant);
    pushBounded(o.received, record, o.maxRecords);
    const taken = o.chain.submit(packet, out(reply), {
      onOutcome: (outcome) => {
        applyEngineOutcome(record, outcome);
        countOutcome(counters, record);
      },
    });
    if (taken === 'broadcast') {
      record.outcome = 'executed';
      countOutcome(counters, record);
    } else if (taken === 'unroutable') {
      record.outcome = 'ignored';
      record.detail ??= 'no camera holds this address';
    }
  };

  return {
    framer: () => new ViscaFramer(maxPacketLength(camera.variant)),
    push(framer, bytes, from, reply, final = false) {
      try {
        for (const r of framer.push(bytes)) {
          if (!r.ok) {
            counters.framingErrors++;
            continue;
          }
          const packet = r.value;
          if (!faults.inbound(() => handle(packet, from, reply))) counters.droppedIn++;
        }
        if (final && framer.pendingLength > 0) counters.framingErrors++;
      } catch {
        counters.internalErrors++;
      }
    },
  };
}

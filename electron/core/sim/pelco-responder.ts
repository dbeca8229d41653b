/**
 * The receivers on a simulated Pelco RS-485 bus, without any port: a server feeds it the bytes a
 * controller wrote and writes back what it returns. Several receivers (addresses) share one bus, each
 * with its own SimCamera head. Only position queries are answered, as on real Pelco receivers.
 */
import {
  PelcoFramer,
  decodePelcoCommand,
  encodePelcoResponse,
  PELCO_ADDRESS_RANGE,
  type PelcoCommand,
  type PelcoTiltSense,
  type PelcoVariant,
} from '../devices/protocols/pelco';
import { SimCamera } from './camera-model';
import {
  DEFAULT_LENS_SPEEDS,
  headCommandsFor,
  pelcoPositionOf,
  type PanTilt,
  type PelcoLensSpeeds,
} from './pelco-camera-adapter';

export interface PelcoResponderOptions {
  variant: PelcoVariant;
  /** Receiver addresses as printed on the domes (Pelco-D 1–255, Pelco-P 1–256), all distinct. */
  addresses: number[];
  /** Clock in ms, shared by every head; default performance.now. */
  now?: () => number;
  /** How the receivers count tilt in their answers (default 'down-positive', as Pelco domes). */
  tiltSense?: PelcoTiltSense;
  /** Cap on `received` (default 10 000; the oldest tenth is dropped when it is reached). */
  maxRecords?: number;
}

/** One command a receiver on this bus took. */
export interface PelcoReceivedRecord {
  /** Arrival time, ms, on the responder's clock. */
  t: number;
  /** Receiver address as printed. */
  address: number;
  command: PelcoCommand;
}

interface Receiver {
  camera: SimCamera;
  speeds: PelcoLensSpeeds;
  /** Target of the absolute pan/tilt move under way, if any. */
  target: PanTilt | null;
}

/**
 * Behaviour worth knowing:
 * - Frames for addresses not on this bus, frames that fail framing or checksum, and commands the codec
 *   does not model (auto scan, aux, patterns) are ignored, as a receiver would; `framingErrors` and
 *   `ignored` count them.
 * - Motion frames drive the head (speeds scaled proportionally onto its VISCA range; zoom/focus at the
 *   speed last set with 25/27). Set pan/tilt/zoom position, presets (1:1 onto the head's slots; 0x22 zero
 *   pan, 0x21 flip), power and remote reset are executed; iris bits and auto-focus/iris modes are not.
 * - A query is answered with the head's position at that moment; Pelco-P answers use the assumed
 *   Pelco-P response layout (pelco-response.ts).
 */
export class PelcoResponder {
  /** Every command a receiver on this bus took, oldest first (bounded by `maxRecords`). */
  readonly received: PelcoReceivedRecord[] = [];
  private readonly receivers = new Map<number, Receiver>();
  private readonly framer: PelcoFramer;
  private readonly now: () => number;
  private readonly variant: PelcoVariant;
  private readonly tiltSense: PelcoTiltSense;
  private readonly maxRecords: number;
  private framingErrorCount = 0;
  private ignoredCount = 0;

  constructor(opts: PelcoResponderOptions) {
    this.variant = opts.variant;
    this.now = opts.now ?? (() => performance.now());
    this.tiltSense = opts.tiltSense ?? 'down-positive';
    this.maxRecords = opts.maxRecords ?? 10_000;
    this.framer = new PelcoFramer(opts.variant, 'to-camera');
    const { min, max } = PELCO_ADDRESS_RANGE[opts.variant];
    for (const address of opts.addresses) {
      if (!Number.isInteger(address) || address < min || address > max) {
        throw new RangeError(`Pelco-${opts.variant.toUpperCase()} receiver address must be ${min}–${max}: ${address}`);
      }
      if (this.receivers.has(address)) throw new RangeError(`receiver address ${address} is listed twice`);
      const camera = new SimCamera({ now: this.now });
      this.receivers.set(address, { camera, speeds: { ...DEFAULT_LENS_SPEEDS }, target: null });
    }
  }

  /** The head of the receiver at `address` (as printed). */
  camera(address: number): SimCamera {
    const r = this.receivers.get(address);
    if (!r) throw new RangeError(`no Pelco receiver at address ${address} on this bus`);
    return r.camera;
  }

  /** Frames that failed framing or checksum (noise, a wrong baud rate, the other dialect). */
  get framingErrors(): number {
    return this.framingErrorCount;
  }

  /** Valid frames not taken: for another address, or a command the codec does not model. */
  get ignored(): number {
    return this.ignoredCount;
  }

  /** Feeds bytes from the bus (any chunking); returns the frames to write back, in order. */
  handle(chunk: Uint8Array): Uint8Array[] {
    const replies: Uint8Array[] = [];
    for (const r of this.framer.push(chunk)) {
      if (!r.ok) {
        this.framingErrorCount++;
        continue;
      }
      const decoded = decodePelcoCommand(this.variant, r.value);
      const receiver = decoded.ok ? this.receivers.get(decoded.value.address) : undefined;
      if (!decoded.ok || !receiver) {
        this.ignoredCount++;
        continue;
      }
      const { address, command } = decoded.value;
      this.record({ t: this.now(), address, command });
      const reply = this.execute(receiver, address, command);
      if (reply) replies.push(reply);
    }
    return replies;
  }

  private execute(receiver: Receiver, address: number, command: PelcoCommand): Uint8Array | null {
    const { camera } = receiver;
    if (command.kind === 'query') {
      const value = pelcoPositionOf(command.what, camera.snapshot(), this.tiltSense);
      return encodePelcoResponse(this.variant, { kind: 'position', address, what: command.what, value });
    }
    const now = camera.snapshot();
    const underWay = receiver.target && !camera.isSettled(['pan-tilt']);
    const heading = underWay && receiver.target ? receiver.target : { panDeg: now.panDeg, tiltDeg: now.tiltDeg };
    const effect = headCommandsFor(command, heading, receiver.speeds, camera.variant, this.tiltSense);
    if (effect.speeds) receiver.speeds = effect.speeds;
    if (effect.target !== undefined) receiver.target = effect.target;
    if (effect.reset) camera.stopAll();
    // Pelco has no error replies: whatever the head refuses (standby, a missing preset) just doesn't happen.
    for (const c of effect.head) camera.apply(c);
    return null;
  }

  private record(r: PelcoReceivedRecord): void {
    this.received.push(r);
    if (this.received.length > this.maxRecords) {
      this.received.splice(0, this.received.length - Math.floor(this.maxRecords * 0.9));
    }
  }
}

/**
 * The camera side of Sony IP-setup (UDP 52380) for the simulator: answers `ENQ:network` with a broadcast
 * info reply, and a network setting addressed to its MAC with ACK (then applies it after a delay) or NAK
 * (`WRITE:off`, or a different setting inside the apply window, as real cameras do for ~30 s).
 */
import dgram from 'node:dgram';
import {
  IP_SETUP_PORT,
  encodeInfo,
  encodeSettingReply,
  normaliseMac,
  tryDecodeIpSetupMessage,
  type IpSetupMessage,
} from '../devices/protocols/sony-ip-setup';

/** What the camera reports and accepts. */
export interface IpSetupCameraState {
  mac: string;
  ip: string;
  mask: string;
  /** `0.0.0.0` for none. */
  gateway: string;
  /** ≤ 8 letters, digits or spaces. */
  name: string;
  model: string;
  softVersion: string;
  /** `WRITE:on`; false makes every setting NAK. */
  writable: boolean;
}

/** A new address the camera was told to take. */
export interface IpSetupAddress {
  ip: string;
  mask: string;
  gateway: string;
  name: string;
}

export interface IpSetupLogicOptions {
  /** How long after an accepted setting another one is refused, ms; default 30 000. */
  applyWindowMs?: number;
  /** Delay between the ACK and `applyAddress`, ms; default 0. */
  applyDelayMs?: number;
  /** Changes the camera's address (the lab moves the real interface address); state is updated after it resolves. */
  applyAddress(a: IpSetupAddress): Promise<void> | void;
  /** Milliseconds clock; default performance.now. */
  now?: () => number;
  /** Called when applyAddress fails. */
  onError?(e: unknown): void;
  /** Fault: the replies to the first N settings are lost (the ACK that never arrives); default 0. */
  dropSettingReplies?: number;
  /**
   * The answer to the same setting again inside the apply window: 'ack' (default), or 'nak' as strict
   * firmware might, treating any setting while it applies one as busy.
   */
  resendReply?: 'ack' | 'nak';
}

/** The protocol logic without sockets: bytes in, reply bytes (to broadcast) out. */
export class IpSetupCameraLogic {
  readonly state: IpSetupCameraState;
  private windowUntil = -Infinity;
  private lastAccepted: string | null = null;
  private droppedReplies = 0;
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  /** Resolves when the last accepted setting has been applied. */
  applying: Promise<void> = Promise.resolve();

  constructor(
    state: IpSetupCameraState,
    private readonly opts: IpSetupLogicOptions,
  ) {
    this.state = { ...state, mac: normaliseMac(state.mac) };
  }

  private now(): number {
    return (this.opts.now ?? (() => performance.now()))();
  }

  /** The reply to one datagram, or null when the camera stays silent (not for it, malformed, own reply). */
  handle(bytes: Uint8Array): Uint8Array | null {
    const r = tryDecodeIpSetupMessage(bytes);
    if (!r.ok) return null;
    const m = r.value;
    if (m.kind === 'inquiry') {
      const s = this.state;
      return encodeInfo({
        mac: s.mac,
        model: s.model,
        softVersion: s.softVersion,
        ip: s.ip,
        mask: s.mask,
        gateway: s.gateway,
        name: s.name,
        writable: s.writable,
      });
    }
    if (m.kind !== 'setting' || m.mac !== this.state.mac) return null;
    const reply = this.settingReply(m);
    if (this.droppedReplies < (this.opts.dropSettingReplies ?? 0)) {
      this.droppedReplies++;
      return null;
    }
    return reply;
  }

  private settingReply(m: Extract<IpSetupMessage, { kind: 'setting' }>): Uint8Array {
    if (!this.state.writable) return encodeSettingReply('nak', m.mac, 'WRITE off');
    const key = JSON.stringify([m.ip, m.mask, m.gateway, m.name]);
    if (this.now() < this.windowUntil) {
      // The same setting again (a resend, or one broadcast heard on several interfaces) is acknowledged
      // again; a different one is refused until the camera has applied the first.
      return key === this.lastAccepted && this.opts.resendReply !== 'nak'
        ? encodeSettingReply('ack', m.mac)
        : encodeSettingReply('nak', m.mac, 'busy applying a setting');
    }
    this.windowUntil = this.now() + (this.opts.applyWindowMs ?? 30_000);
    this.lastAccepted = key;
    const next: IpSetupAddress = { ip: m.ip, mask: m.mask, gateway: m.gateway, name: m.name };
    this.applying = new Promise<void>((resolve) => {
      const t = setTimeout(() => {
        this.timers.delete(t);
        Promise.resolve()
          .then(() => this.opts.applyAddress(next))
          .then(
            () => Object.assign(this.state, next),
            (e: unknown) => this.opts.onError?.(e),
          )
          .finally(resolve);
      }, this.opts.applyDelayMs ?? 0);
      this.timers.add(t);
    });
    return encodeSettingReply('ack', m.mac);
  }

  /** Cancels a pending apply. */
  dispose(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }
}

/** Copies of one datagram arrive within this many ms of each other; controller resends come later. */
const DUPLICATE_MS = 100;

export interface IpSetupResponder {
  readonly logic: IpSetupCameraLogic;
  /** True: answer nothing (the "camera stops answering" fault). */
  setSilenced(on: boolean): void;
  close(): Promise<void>;
}

/**
 * Listens on 0.0.0.0:`port` (default 52380, shared: SO_REUSEADDR) and broadcasts replies from a socket
 * bound to the camera's current address (so the reply leaves by the camera's own interface and MAC).
 */
export async function startIpSetupResponder(
  state: IpSetupCameraState,
  opts: IpSetupLogicOptions & { port?: number },
): Promise<IpSetupResponder> {
  const port = opts.port ?? IP_SETUP_PORT;
  let silenced = false;
  let sender: { ip: string; socket: dgram.Socket } | null = null;
  const logic = new IpSetupCameraLogic(state, opts);
  const receiver = await bindUdp(port, '0.0.0.0');

  const senderFor = async (ip: string): Promise<dgram.Socket> => {
    if (sender?.ip === ip) return sender.socket;
    sender?.socket.close();
    sender = { ip, socket: await bindUdp(0, ip) };
    return sender.socket;
  };

  // One broadcast reaches a namespace once per interface (the parent and every camera macvlan), so the
  // same datagram from the same sender within a moment is one message, answered once.
  const recent = new Map<string, number>();
  receiver.on('message', (msg, rinfo) => {
    if (silenced) return;
    const now = performance.now();
    const key = `${rinfo.address}:${rinfo.port}:${msg.toString('latin1')}`;
    const seen = recent.get(key);
    recent.set(key, now);
    if (seen !== undefined && now - seen < DUPLICATE_MS) return;
    if (recent.size > 256) for (const [k, t] of recent) if (now - t >= DUPLICATE_MS) recent.delete(k);
    const reply = logic.handle(msg);
    if (!reply) return;
    senderFor(logic.state.ip).then(
      (s) => s.send(reply, port, '255.255.255.255'),
      (e: unknown) => opts.onError?.(e),
    );
  });

  return {
    logic,
    setSilenced(on) {
      silenced = on;
    },
    async close() {
      logic.dispose();
      receiver.close();
      sender?.socket.close();
      sender = null;
    },
  };
}

function bindUdp(port: number, address: string): Promise<dgram.Socket> {
  const s = dgram.createSocket({ type: 'udp4', reuseAddr: true });
  return new Promise((resolve, reject) => {
    s.once('error', reject);
    s.bind({ port, address, exclusive: false }, () => {
      s.removeListener('error', reject);
      s.on('error', () => {});
      s.setBroadcast(true);
      resolve(s);
    });
  });
}

/**
 * Sony IP-setup (UDP 52380) from the PC: an inquiry broadcast on each interface, collecting every camera's
 * reply; and a network setting addressed by MAC, waiting for its ACK/NAK. Both directions are broadcasts
 * to 255.255.255.255:52380, so this works across subnets on one Ethernet segment (reference §6).
 */
import dgram from 'node:dgram';
import {
  IP_SETUP_PORT,
  encodeInquiry,
  encodeNetworkSetting,
  normaliseMac,
  tryDecodeIpSetupMessage,
  type IpSetupInfoMessage,
} from '../../devices/protocols/sony-ip-setup';
import { inSubnet, maskToPrefix } from '../../../../shared/net/ipv4';
import { validIpv4 } from '../os/validate';

const LIMITED_BROADCAST = '255.255.255.255';

/** A PC interface to search on: its name and one IPv4 address (prefix defaults to 24 for attribution). */
export interface IpSetupInterface {
  name: string;
  address: string;
  prefix?: number;
}

/** One camera's inquiry reply, with where it was heard. */
export interface IpSetupInfo extends Omit<IpSetupInfoMessage, 'kind'> {
  /** Prefix length from MASK; null when the mask is missing or non-contiguous. */
  prefix: number | null;
  /** The PC interface the camera is on (by reply source in an interface subnet, else the only one). */
  interface: string | null;
  /** Source address of the reply datagram. */
  source: string;
}

/** A receive socket on 0.0.0.0:52380 (shared with other listeners: SO_REUSEADDR) with broadcast on. */
async function openReceiver(): Promise<dgram.Socket> {
  const s = dgram.createSocket({ type: 'udp4', reuseAddr: true });
  await new Promise<void>((resolve, reject) => {
    s.once('error', (e: NodeJS.ErrnoException) =>
      reject(
        e.code === 'EACCES' || e.code === 'EADDRINUSE'
          ? new Error(`cannot listen on UDP ${IP_SETUP_PORT} (${e.code}): another program holds it exclusively`, {
              cause: e,
            })
          : e,
      ),
    );
    s.bind({ port: IP_SETUP_PORT, address: '0.0.0.0', exclusive: false }, () => {
      s.removeAllListeners('error');
      s.on('error', () => {});
      s.setBroadcast(true);
      resolve();
    });
  });
  return s;
}

/**
 * A send socket bound to the interface address: Linux picks the outgoing interface of a limited
 * broadcast by its bound source address, so each interface gets its own inquiry.
 */
async function openSender(address: string): Promise<dgram.Socket> {
  const s = dgram.createSocket({ type: 'udp4', reuseAddr: true });
  await new Promise<void>((resolve, reject) => {
    s.once('error', (e: NodeJS.ErrnoException) =>
      reject(
        new Error(`cannot bind UDP to ${address} (${e.code ?? e.message}): is the address on this PC?`, { cause: e }),
      ),
    );
    s.bind({ port: 0, address }, () => {
      s.removeAllListeners('error');
      s.on('error', () => {});
      s.setBroadcast(true);
      resolve();
    });
  });
  return s;
}

const send = (s: dgram.Socket, bytes: Uint8Array): Promise<void> =>
  new Promise((resolve) => s.send(bytes, IP_SETUP_PORT, LIMITED_BROADCAST, () => resolve()));

const closeAll = (sockets: dgram.Socket[]): void => {
  for (const s of sockets) {
    try {
      s.close();
    } catch {
      // already closed
    }
  }
};

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

function attribute(source: string, interfaces: readonly IpSetupInterface[]): string | null {
  const hit = interfaces.find((i) => inSubnet(source, i.address, i.prefix ?? 24));
  if (hit) return hit.name;
  const names = [...new Set(interfaces.map((i) => i.name))];
  return names.length === 1 ? names[0]! : null;
}

/**
 * Broadcasts `ENQ:network` on every interface `repeats` times over `timeoutMs` and returns every camera
 * that answered, de-duplicated by MAC (last reply wins), ordered by MAC. Resolves early (with what was
 * heard) when `signal` aborts.
 */
export async function scanIpSetup(o: {
  interfaces: readonly IpSetupInterface[];
  timeoutMs?: number;
  repeats?: number;
  signal?: AbortSignal;
}): Promise<IpSetupInfo[]> {
  const timeoutMs = o.timeoutMs ?? 1500;
  const repeats = Math.max(1, o.repeats ?? 3);
  for (const i of o.interfaces) validIpv4(i.address);
  const found = new Map<string, IpSetupInfo>();
  const receiver = await openReceiver();
  const senders: dgram.Socket[] = [];
  try {
    receiver.on('message', (msg, rinfo) => {
      const r = tryDecodeIpSetupMessage(msg);
      // Our own inquiry comes back to us, and other tools' settings may pass by: only info replies count.
      if (!r.ok || r.value.kind !== 'info') return;
      const { kind: _kind, ...info } = r.value;
      found.set(info.mac, {
        ...info,
        prefix: info.mask ? maskToPrefix(info.mask) : null,
        interface: attribute(rinfo.address, o.interfaces),
        source: rinfo.address,
      });
    });
    for (const i of o.interfaces) senders.push(await openSender(i.address));
    const inquiry = encodeInquiry();
    for (let n = 0; n < repeats && !o.signal?.aborted; n++) {
      await Promise.all(senders.map((s) => send(s, inquiry)));
      await sleep(timeoutMs / repeats, o.signal);
    }
  } finally {
    closeAll([receiver, ...senders]);
  }
  return [...found.values()].sort((a, b) => a.mac.localeCompare(b.mac));
}

/**
 * `nak-after-resend`: the first setting got no answer and a repeat got NAK. The first may have been
 * taken (its ACK lost) and the NAK be the camera refusing anything while it applies it, so the caller
 * must check the new address before calling this a refusal.
 */
export type IpSetupWriteResult =
  | { ok: true; detail: string | null }
  | { ok: false; reason: 'nak' | 'nak-after-resend' | 'timeout'; detail: string | null };

/**
 * Sends a network setting to the camera with `mac` from `iface` and waits for its ACK or NAK (matched by
 * MAC). The setting is repeated at most twice more while nothing answers (UDP may drop it either way); a
 * camera that already applied it answers the repeat itself. `timeoutMs` default 3000.
 */
export async function writeIpSetup(o: {
  iface: IpSetupInterface;
  mac: string;
  ip: string;
  mask: string;
  gateway: string;
  name: string;
  timeoutMs?: number;
  signal?: AbortSignal;
}): Promise<IpSetupWriteResult> {
  const mac = normaliseMac(o.mac);
  const bytes = encodeNetworkSetting({ mac, ip: o.ip, mask: o.mask, gateway: o.gateway, name: o.name });
  const timeoutMs = o.timeoutMs ?? 3000;
  const receiver = await openReceiver();
  let sender: dgram.Socket | null = null;
  try {
    sender = await openSender(validIpv4(o.iface.address));
    let sent = 0;
    const reply = new Promise<IpSetupWriteResult>((resolve) => {
      receiver.on('message', (msg) => {
        const r = tryDecodeIpSetupMessage(msg);
        if (!r.ok || (r.value.kind !== 'ack' && r.value.kind !== 'nak') || r.value.mac !== mac) return;
        resolve(
          r.value.kind === 'ack'
            ? { ok: true, detail: r.value.detail }
            : { ok: false, reason: sent > 1 ? 'nak-after-resend' : 'nak', detail: r.value.detail },
        );
      });
    });
    const got: { result: IpSetupWriteResult | null } = { result: null };
    void reply.then((r) => (got.result = r));
    const tries = 3;
    for (let n = 0; n < tries && !got.result && !o.signal?.aborted; n++) {
      await send(sender, bytes);
      sent++;
      await Promise.race([reply, sleep(timeoutMs / tries, o.signal)]);
    }
    return (
      got.result ?? {
        ok: false,
        reason: 'timeout',
        detail: o.signal?.aborted ? 'cancelled' : `no ACK/NAK from ${mac} within ${timeoutMs} ms`,
      }
    );
  } finally {
    closeAll(sender ? [receiver, sender] : [receiver]);
  }
}

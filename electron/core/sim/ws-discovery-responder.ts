/**
 * The device side of ONVIF WS-Discovery for the simulator: joins 239.255.255.250:3702 on the camera's
 * interface address and answers each matching Probe once, by unicast ProbeMatches after a random delay.
 */
import dgram from 'node:dgram';
import {
  WS_DISCOVERY_ADDRESS,
  WS_DISCOVERY_PORT,
  buildProbeMatches,
  parseProbe,
  pseudoUuid,
  typesMatch,
} from '../devices/protocols/ws-discovery';

export interface WsDiscoveryResponderOptions {
  /** The camera's address: multicast membership and the source of replies. */
  ip: string;
  /** Endpoint reference, `urn:uuid:…`; default a random one. */
  address?: string;
  name?: string;
  model?: string;
  /** Upper bound of the random answer delay, ms (WS-Discovery APP_MAX_DELAY); default 500. */
  maxDelayMs?: number;
  port?: number;
  random?: () => number;
}

export interface WsDiscoveryResponder {
  readonly address: string;
  /** The camera's current address; moves membership and the reply socket. */
  readonly ip: string;
  setIp(ip: string): Promise<void>;
  setSilenced(on: boolean): void;
  close(): Promise<void>;
}

const TYPES = ['dn:NetworkVideoTransmitter', 'tds:Device'];

/** Starts answering probes. Rejects when the socket cannot be bound or the group not joined. */
export async function startWsDiscoveryResponder(o: WsDiscoveryResponderOptions): Promise<WsDiscoveryResponder> {
  const port = o.port ?? WS_DISCOVERY_PORT;
  const random = o.random ?? Math.random;
  const address = o.address ?? `urn:uuid:${pseudoUuid(random)}`;
  let ip = o.ip;
  let silenced = false;
  const answered = new Set<string>();
  const timers = new Set<ReturnType<typeof setTimeout>>();
  let socket = await open(ip);

  async function open(at: string): Promise<dgram.Socket> {
    const s = dgram.createSocket({ type: 'udp4', reuseAddr: true });
    await new Promise<void>((resolve, reject) => {
      s.once('error', reject);
      s.bind({ port, address: '0.0.0.0', exclusive: false }, () => {
        s.removeListener('error', reject);
        s.on('error', () => {});
        try {
          s.addMembership(WS_DISCOVERY_ADDRESS, at);
          s.setMulticastInterface(at);
          resolve();
        } catch (e) {
          s.close();
          reject(e instanceof Error ? e : new Error(String(e)));
        }
      });
    });
    s.on('message', (msg, rinfo) => onProbe(msg, rinfo));
    return s;
  }

  function onProbe(msg: Buffer, rinfo: dgram.RemoteInfo): void {
    if (silenced || msg.length > 65_000) return;
    let probe;
    try {
      probe = parseProbe(msg.toString('utf8'));
    } catch {
      return; // Devices silently ignore what they cannot read.
    }
    // The same probe arrives once per interface of this namespace: answer it once.
    if (!typesMatch(probe.types, TYPES) || answered.has(probe.messageId)) return;
    answered.add(probe.messageId);
    if (answered.size > 1000) answered.clear();
    const reply = buildProbeMatches({
      relatesTo: probe.messageId,
      address,
      xaddrs: [`http://${ip}/onvif/device_service`],
      scopes: [
        `onvif://www.onvif.org/name/${encodeURIComponent(o.name ?? 'SimCamera')}`,
        `onvif://www.onvif.org/hardware/${encodeURIComponent(o.model ?? 'SIM')}`,
        'onvif://www.onvif.org/Profile/Streaming',
      ],
      types: TYPES,
    });
    const t = setTimeout(
      () => {
        timers.delete(t);
        if (!silenced) replyFrom(ip, Buffer.from(reply, 'utf8'), rinfo);
      },
      random() * (o.maxDelayMs ?? 500),
    );
    timers.add(t);
  }

  /** Unicast from a socket bound to the camera address, so the source is the camera's. */
  function replyFrom(from: string, bytes: Buffer, to: dgram.RemoteInfo): void {
    const u = dgram.createSocket('udp4');
    u.on('error', () => u.close());
    u.bind({ port: 0, address: from }, () => {
      u.send(bytes, to.port, to.address, () => u.close());
    });
  }

  return {
    address,
    get ip() {
      return ip;
    },
    async setIp(next) {
      const old = socket;
      ip = next;
      socket = await open(next);
      old.close();
    },
    setSilenced(on) {
      silenced = on;
    },
    async close() {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      socket.close();
    },
  };
}

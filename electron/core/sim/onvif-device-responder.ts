/**
 * A simulated ONVIF device service (protocols.md §5.1, §5.2, §5.5): SOAP 1.2 over HTTP POST at
 * `/onvif/device_service`, answering the network operations the IP-repair readdress uses, and checking a
 * WS-Security UsernameToken as a real camera does (password digest, Created against the DEVICE clock, nonce
 * never seen before). A pure request handler plus a thin node:http server.
 */
import { timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Ipv4 } from '../../../shared/model/network';
import { isUsableHost } from '../../../shared/net/ipv4';
import { escapeXml, passwordDigest, type OnvifCredentials } from '../network/repair/onvif-auth';

/** The device service's path (WS-Discovery XAddrs point here). */
export const ONVIF_DEVICE_PATH = '/onvif/device_service';
/** How far a token's Created may be from the device clock, either way, ms. */
export const CREATED_TOLERANCE_MS = 5000;
/** The only network interface the simulated camera has. */
export const ONVIF_INTERFACE_TOKEN = 'eth0';

const NS = {
  s: 'http://www.w3.org/2003/05/soap-envelope',
  tds: 'http://www.onvif.org/ver10/device/wsdl',
  tt: 'http://www.onvif.org/ver10/schema',
  ter: 'http://www.onvif.org/ver10/error',
};
/** Operations answered without credentials (ONVIF Core: PRE_AUTH). */
const PRE_AUTH = new Set(['GetSystemDateAndTime', 'GetServices', 'GetCapabilities', 'GetHostname']);
/** Largest request body accepted, bytes. */
const MAX_BODY = 64 * 1024;
/** An accepted nonce is remembered this long (device clock), ms: after it, its Created is out of tolerance. */
const NONCE_MEMORY_MS = 3 * CREATED_TOLERANCE_MS;

/** The camera's IPv4 settings. */
export interface OnvifNetwork {
  ip: string;
  /** 1–32. */
  prefix: number;
  /** null for none. */
  gateway: string | null;
}

/** What one request is judged against. */
export interface OnvifDeviceState {
  network: OnvifNetwork;
  /** `aa:bb:cc:dd:ee:ff`, reported as the interface's HwAddress. */
  mac: string;
  /** The account every non-PRE_AUTH operation needs; null = no authentication. */
  login: OnvifCredentials | null;
  /** The device clock (real clock + the device's offset), ms since the epoch. */
  deviceNowMs: number;
  /** Nonces (Base64 text) of tokens already accepted. */
  usedNonces: { has(nonce: string): boolean };
}

/** A change the device was told to make; the server applies it after the answer has left. */
export type OnvifEffect =
  { kind: 'set-gateway'; gateway: string | null } | { kind: 'set-address'; ip: string; prefix: number };

/** The answer to one request. */
export interface OnvifReply {
  status: number;
  /** SOAP 1.2 envelope. */
  body: string;
  effect: OnvifEffect | null;
  /** The nonce of the token this request was accepted with, to refuse it from now on; null when none. */
  acceptedNonce: string | null;
}

/** Inner XML of the first element with local name `name` (any prefix), or null. */
function inner(xml: string, name: string): string | null {
  const m = new RegExp(`<(?:[\\w-]+:)?${name}(?:\\s[^>]*)?>([\\s\\S]*?)</(?:[\\w-]+:)?${name}>`).exec(xml);
  return m ? m[1]! : null;
}

/** Element text with the XML character references the client may have used resolved. */
function text(xml: string, name: string): string | null {
  const raw = inner(xml, name);
  if (raw === null) return null;
  const named: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
  return raw.trim().replace(/&(#x[\da-f]+|#\d+|lt|gt|amp|quot|apos);/gi, (_, ref: string) => {
    if (ref[0] !== '#') return named[ref.toLowerCase()]!;
    const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : Number(ref.slice(1));
    return code <= 0x10ffff ? String.fromCodePoint(code) : '';
  });
}

function envelope(body: string): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>' +
    `<s:Envelope xmlns:s="${NS.s}" xmlns:tds="${NS.tds}" xmlns:tt="${NS.tt}" xmlns:ter="${NS.ter}">` +
    `<s:Body>${body}</s:Body></s:Envelope>`
  );
}

const ok = (body: string, effect: OnvifEffect | null = null, acceptedNonce: string | null = null): OnvifReply => ({
  status: 200,
  body: envelope(body),
  effect,
  acceptedNonce,
});

/** A SOAP 1.2 fault: Sender faults are HTTP 400, Receiver faults 500 (SOAP 1.2 HTTP binding). */
function fault(code: 'Sender' | 'Receiver', subcode: string, reason: string): OnvifReply {
  return {
    status: code === 'Sender' ? 400 : 500,
    body: envelope(
      `<s:Fault><s:Code><s:Value>s:${code}</s:Value><s:Subcode><s:Value>ter:${subcode}</s:Value></s:Subcode></s:Code>` +
        `<s:Reason><s:Text xml:lang="en">${escapeXml(reason)}</s:Text></s:Reason></s:Fault>`,
    ),
    effect: null,
    acceptedNonce: null,
  };
}

/** The operation: the local name of the Body's first element, else the Content-Type's action parameter. */
function operationOf(body: string, contentType: string): string | null {
  const inBody = /^\s*<(?:[\w-]+:)?([A-Za-z]\w*)\b/.exec(inner(body, 'Body') ?? '');
  if (inBody) return inBody[1]!;
  const action = /;\s*action="?([^";]+)"?/i.exec(contentType);
  return action ? (action[1]!.split('/').pop() ?? null) : null;
}

/** Checks the UsernameToken of `body`; the accepted nonce, or why it was refused. */
function checkToken(body: string, s: OnvifDeviceState): { nonce: string } | { refused: string } {
  const login = s.login!;
  const token = inner(inner(body, 'Header') ?? '', 'UsernameToken');
  if (token === null) return { refused: 'no WS-Security UsernameToken' };
  const password = /<(?:[\w-]+:)?Password\b([^>]*)>([^<]*)</.exec(token);
  const nonce = text(token, 'Nonce');
  const created = text(token, 'Created');
  if (!password || !nonce || !created) return { refused: 'the token needs Password, Nonce and Created' };
  if (!/Type="[^"]*#PasswordDigest"/.test(password[1]!)) return { refused: 'only PasswordDigest is accepted' };
  const createdMs = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z$/.test(created) ? Date.parse(created) : NaN;
  const given = Buffer.from(password[2]!.trim(), 'utf8');
  const expected = Buffer.from(passwordDigest(nonce, created, login.password), 'utf8');
  // Same answer for a wrong user and a wrong password: the fault tells an attacker nothing.
  if (
    text(token, 'Username') !== login.username ||
    given.length !== expected.length ||
    !timingSafeEqual(given, expected)
  )
    return { refused: 'wrong user name or password' };
  if (!(Math.abs(createdMs - s.deviceNowMs) <= CREATED_TOLERANCE_MS)) return { refused: 'Created is out of range' };
  if (s.usedNonces.has(nonce)) return { refused: 'nonce already used' };
  return { nonce };
}

function dateAndTime(ms: number): string {
  const t = new Date(ms);
  return (
    '<tds:GetSystemDateAndTimeResponse><tds:SystemDateAndTime><tt:DateTimeType>Manual</tt:DateTimeType>' +
    '<tt:DaylightSavings>false</tt:DaylightSavings><tt:TimeZone><tt:TZ>UTC0</tt:TZ></tt:TimeZone><tt:UTCDateTime>' +
    `<tt:Time><tt:Hour>${t.getUTCHours()}</tt:Hour><tt:Minute>${t.getUTCMinutes()}</tt:Minute><tt:Second>${t.getUTCSeconds()}</tt:Second></tt:Time>` +
    `<tt:Date><tt:Year>${t.getUTCFullYear()}</tt:Year><tt:Month>${t.getUTCMonth() + 1}</tt:Month><tt:Day>${t.getUTCDate()}</tt:Day></tt:Date>` +
    '</tt:UTCDateTime></tds:SystemDateAndTime></tds:GetSystemDateAndTimeResponse>'
  );
}

function networkInterfaces(s: OnvifDeviceState): string {
  return (
    `<tds:GetNetworkInterfacesResponse><tds:NetworkInterfaces token="${ONVIF_INTERFACE_TOKEN}"><tt:Enabled>true</tt:Enabled>` +
    `<tt:Info><tt:Name>${ONVIF_INTERFACE_TOKEN}</tt:Name><tt:HwAddress>${escapeXml(s.mac)}</tt:HwAddress><tt:MTU>1500</tt:MTU></tt:Info>` +
    '<tt:IPv4><tt:Enabled>true</tt:Enabled><tt:Config>' +
    `<tt:Manual><tt:Address>${s.network.ip}</tt:Address><tt:PrefixLength>${s.network.prefix}</tt:PrefixLength></tt:Manual>` +
    '<tt:DHCP>false</tt:DHCP></tt:Config></tt:IPv4></tds:NetworkInterfaces></tds:GetNetworkInterfacesResponse>'
  );
}

function setNetworkInterfaces(body: string): OnvifReply {
  const token = text(body, 'InterfaceToken');
  if (token !== ONVIF_INTERFACE_TOKEN) return fault('Sender', 'InvalidArgVal', `no network interface "${token ?? ''}"`);
  const ipv4 = inner(body, 'IPv4');
  if (ipv4 === null) return fault('Sender', 'InvalidArgVal', 'only IPv4 settings are simulated');
  if (text(ipv4, 'DHCP') === 'true' || text(ipv4, 'Enabled') === 'false')
    return fault('Sender', 'InvalidArgVal', 'the simulated camera takes a manual IPv4 address only');
  const manual = inner(ipv4, 'Manual') ?? '';
  const address = text(manual, 'Address') ?? '';
  const prefix = Number(text(manual, 'PrefixLength'));
  if (!Ipv4.safeParse(address).success || !Number.isInteger(prefix) || prefix < 1 || prefix > 32)
    return fault('Sender', 'InvalidArgVal', 'Manual needs an IPv4 Address and a PrefixLength of 1–32');
  if (!isUsableHost(address, prefix))
    return fault('Sender', 'InvalidArgVal', `${address}/${prefix} is not a host address`);
  // The change takes effect after the answer (the client still talks to the old address until then).
  return ok(
    '<tds:SetNetworkInterfacesResponse><tds:RebootNeeded>false</tds:RebootNeeded></tds:SetNetworkInterfacesResponse>',
    { kind: 'set-address', ip: address, prefix },
  );
}

function setGateway(body: string): OnvifReply {
  const given = text(body, 'IPv4Address');
  if (given !== null && !Ipv4.safeParse(given).success)
    return fault('Sender', 'InvalidArgVal', `not an IPv4 gateway: ${given}`);
  const gateway = given === null || given === '0.0.0.0' ? null : given;
  return ok('<tds:SetNetworkDefaultGatewayResponse/>', { kind: 'set-gateway', gateway });
}

/**
 * Answers one POST to the device service: `body` is the SOAP envelope, `contentType` its Content-Type header.
 * Pure: the caller applies `effect` and remembers `acceptedNonce`.
 */
export function handleOnvifRequest(req: { body: string; contentType: string }, s: OnvifDeviceState): OnvifReply {
  const op = operationOf(req.body, req.contentType);
  if (op === null) return fault('Sender', 'WellFormed', 'no SOAP Body operation');
  let nonce: string | null = null;
  if (s.login && !PRE_AUTH.has(op)) {
    const t = checkToken(req.body, s);
    // ONVIF Core: without HTTP Digest, a refused token is HTTP 400 with env:Sender / ter:NotAuthorized.
    if ('refused' in t) return fault('Sender', 'NotAuthorized', `Sender not Authorized (${t.refused})`);
    nonce = t.nonce;
  }
  const r = ((): OnvifReply => {
    switch (op) {
      case 'GetSystemDateAndTime':
        return ok(dateAndTime(s.deviceNowMs));
      case 'GetNetworkInterfaces':
        return ok(networkInterfaces(s));
      case 'GetNetworkDefaultGateway':
        return ok(
          '<tds:GetNetworkDefaultGatewayResponse><tds:NetworkGateway>' +
            (s.network.gateway ? `<tt:IPv4Address>${s.network.gateway}</tt:IPv4Address>` : '') +
            '</tds:NetworkGateway></tds:GetNetworkDefaultGatewayResponse>',
        );
      case 'SetNetworkDefaultGateway':
        return setGateway(req.body);
      case 'SetNetworkInterfaces':
        return setNetworkInterfaces(req.body);
      case 'SystemReboot':
        // The simulated camera keeps its settings across a "reboot", so there is nothing to do.
        return ok('<tds:SystemRebootResponse><tds:Message>Rebooting</tds:Message></tds:SystemRebootResponse>');
      default:
        return fault('Receiver', 'ActionNotSupported', `${op} is not supported by the simulated camera`);
    }
  })();
  // A valid token is spent even when the operation itself is refused: a replay must not succeed later.
  return { ...r, acceptedNonce: nonce };
}

// ---- the server ---------------------------------------------------------------------------------------

export interface OnvifDeviceResponderOptions {
  /** The camera's address: where the server listens and what GetNetworkInterfaces reports. */
  network: OnvifNetwork;
  mac: string;
  /** TCP port, default 80; 0 for an ephemeral one (tests). */
  port?: number;
  login: OnvifCredentials | null;
  /** Device clock minus the real clock, ms (default 0). */
  clockOffsetMs?: number;
  /** Delay between the SetNetworkInterfaces answer and `applyNetwork`, ms (default 500). */
  applyDelayMs?: number;
  /** Changes the camera's settings (the lab moves the interface address); state follows once it resolves. */
  applyNetwork(next: OnvifNetwork): Promise<void> | void;
  onError?(e: unknown): void;
  /** Real clock, ms since the epoch (default Date.now). */
  now?: () => number;
}

export interface OnvifDeviceResponder {
  /** The listening port. */
  readonly port: number;
  /** The settings it reports; the owner may update prefix and gateway after a readdress made another way. */
  readonly network: OnvifNetwork;
  /** Resolves once every change told so far has been applied. */
  readonly applying: Promise<void>;
  /** Listens on `ip` instead (same port) and reports it; drops the open connections. */
  setIp(ip: string): Promise<void>;
  /** True: every connection is dropped unanswered (the "camera stops answering" fault). */
  setSilenced(on: boolean): void;
  close(): Promise<void>;
}

/** Starts the device service on `network.ip`:`port`. Rejects when it cannot listen. */
export async function startOnvifDeviceResponder(o: OnvifDeviceResponderOptions): Promise<OnvifDeviceResponder> {
  const now = o.now ?? Date.now;
  const network: OnvifNetwork = { ...o.network };
  const nonces = new Map<string, number>();
  /** Pending applies: their timer and what ends their wait (close ends it without applying). */
  const timers = new Map<ReturnType<typeof setTimeout>, () => void>();
  let applying: Promise<void> = Promise.resolve();
  let silenced = false;
  let closed = false;

  const apply = (effect: OnvifEffect, delayMs: number): void => {
    applying = applying.then(
      () =>
        new Promise<void>((resolve) => {
          const t = setTimeout(() => {
            timers.delete(t);
            if (closed) return resolve();
            // Read at apply time, so an earlier gateway change is kept by a later address change.
            const next: OnvifNetwork =
              effect.kind === 'set-gateway'
                ? { ...network, gateway: effect.gateway }
                : { ip: effect.ip, prefix: effect.prefix, gateway: network.gateway };
            Promise.resolve()
              .then(() => o.applyNetwork(next))
              .then(
                () => void Object.assign(network, next),
                (e: unknown) => o.onError?.(e),
              )
              .finally(resolve);
          }, delayMs);
          timers.set(t, resolve);
        }),
    );
  };

  const onRequest = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    if (silenced) return void req.socket.destroy();
    const path = (req.url ?? '').split('?')[0];
    if (path !== ONVIF_DEVICE_PATH) return void res.writeHead(404).end();
    if (req.method !== 'POST') return void res.writeHead(405, { Allow: 'POST' }).end();
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (d: Buffer) => {
      size += d.length;
      if (size > MAX_BODY) req.socket.destroy();
      else chunks.push(d);
    });
    req.on('end', () => {
      if (silenced) return void req.socket.destroy();
      const deviceNowMs = now() + (o.clockOffsetMs ?? 0);
      for (const [n, at] of nonces) if (deviceNowMs - at > NONCE_MEMORY_MS) nonces.delete(n);
      const r = handleOnvifRequest(
        { body: Buffer.concat(chunks).toString('utf8'), contentType: req.headers['content-type'] ?? '' },
        { network, mac: o.mac, login: o.login, deviceNowMs, usedNonces: nonces },
      );
      if (r.acceptedNonce !== null) nonces.set(r.acceptedNonce, deviceNowMs);
      // The answer leaves first: once the address moves, the client could no longer read it.
      if (r.effect)
        res.once('finish', () => apply(r.effect!, r.effect!.kind === 'set-address' ? (o.applyDelayMs ?? 500) : 0));
      res.writeHead(r.status, { 'Content-Type': 'application/soap+xml; charset=utf-8' }).end(r.body);
    });
  };

  const listen = (ip: string, port: number): Promise<http.Server> =>
    new Promise((resolve, reject) => {
      const s = http.createServer(onRequest);
      s.on('connection', (socket) => {
        if (silenced) socket.destroy();
      });
      s.once('error', reject);
      s.listen({ host: ip, port, exclusive: true }, () => {
        s.removeListener('error', reject);
        s.on('error', (e) => o.onError?.(e));
        resolve(s);
      });
    });

  const stop = (s: http.Server): Promise<void> => {
    s.closeAllConnections();
    return new Promise((resolve) => s.close(() => resolve()));
  };

  let server = await listen(network.ip, o.port ?? 80);
  const port = (server.address() as AddressInfo).port;

  return {
    port,
    network,
    get applying() {
      return applying;
    },
    async setIp(ip) {
      await stop(server);
      network.ip = ip;
      server = await listen(ip, port);
    },
    setSilenced(on) {
      silenced = on;
      if (on) server.closeAllConnections();
    },
    async close() {
      closed = true;
      for (const [t, resolve] of timers) {
        clearTimeout(t);
        resolve();
      }
      timers.clear();
      await stop(server);
    },
  };
}

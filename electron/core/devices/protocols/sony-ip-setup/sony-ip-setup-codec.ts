/**
 * Sony camera IP-setup protocol (UDP 52380, what RM-IP Setup Tool speaks): one frame = STX 0x02, then
 * `KEY:value` ASCII fields each ended by 0xFF, then ETX 0x03. See reference/protocols.md §6.
 */

/** UDP port of the protocol, both directions, always broadcast to 255.255.255.255. */
export const IP_SETUP_PORT = 52380;
export const STX = 0x02;
export const ETX = 0x03;
export const FIELD_END = 0xff;
/** Longest frame accepted, bytes (a real info reply is ~150; anything huge is not this protocol). */
export const IP_SETUP_MAX_FRAME = 1024;

/** What a camera reports in its inquiry reply. */
export interface IpSetupInfoMessage {
  kind: 'info';
  /** Lower-case, colon-separated (`08:00:46:aa:bb:cc`). */
  mac: string;
  model: string | null;
  softVersion: string | null;
  ip: string | null;
  mask: string | null;
  gateway: string | null;
  name: string | null;
  /** `WRITE:on` → true, `WRITE:off` → false, absent → null. */
  writable: boolean | null;
  /** Keys this codec does not interpret, as received (e.g. `INFO`). */
  extra: Record<string, string>;
}

/** A network setting addressed to one camera by MAC. */
export interface IpSetupSettingMessage {
  kind: 'setting';
  mac: string;
  ip: string;
  mask: string;
  gateway: string;
  name: string;
}

export type IpSetupMessage =
  | { kind: 'inquiry' }
  | IpSetupInfoMessage
  | IpSetupSettingMessage
  | { kind: 'ack' | 'nak'; mac: string; detail: string | null }
  | { kind: 'unknown'; fields: [string, string][] };

/** Why a frame was refused. */
export type IpSetupErrorReason =
  | 'empty'
  | 'too-long'
  | 'no-stx'
  | 'no-etx'
  | 'missing-ff'
  | 'non-ascii'
  | 'bad-field'
  | 'bad-mac'
  | 'bad-ip'
  | 'bad-name';

/** The one error the codec throws: a malformed frame or an invalid value to encode. */
export class IpSetupFormatError extends Error {
  override readonly name = 'IpSetupFormatError';
  constructor(
    readonly reason: IpSetupErrorReason,
    message: string,
  ) {
    super(`Sony IP-setup: ${message}`);
  }
}

const OCTET = '(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const IPV4 = new RegExp(`^${OCTET}(\\.${OCTET}){3}$`);
const MAC = /^[0-9a-f]{2}([-:])[0-9a-f]{2}(\1[0-9a-f]{2}){4}$/i;
const NAME = /^[A-Za-z0-9 ]{0,8}$/;
const KEY = /^[A-Z][A-Z0-9_]*$/i;

/** `08-00-46-AA-BB-CC` or `08:00:46:aa:bb:cc` → `08:00:46:aa:bb:cc`. Throws IpSetupFormatError. */
export function normaliseMac(mac: string): string {
  if (!MAC.test(mac)) throw new IpSetupFormatError('bad-mac', `"${mac}" is not a MAC address (xx-xx-xx-xx-xx-xx)`);
  return mac.toLowerCase().replace(/-/g, ':');
}

/** The MAC as written on the wire: upper-case, dash-separated, as Sony's tools show it. */
export function wireMac(mac: string): string {
  return normaliseMac(mac).replace(/:/g, '-').toUpperCase();
}

function checkIp(what: string, ip: string): string {
  if (typeof ip !== 'string' || !IPV4.test(ip)) {
    throw new IpSetupFormatError('bad-ip', `${what} "${String(ip)}" is not an IPv4 address`);
  }
  return ip;
}

function frame(fields: readonly string[]): Uint8Array {
  const out: number[] = [STX];
  for (const f of fields) {
    for (let i = 0; i < f.length; i++) out.push(f.charCodeAt(i));
    out.push(FIELD_END);
  }
  out.push(ETX);
  return Uint8Array.from(out);
}

/** `02 "ENQ:network" FF 03`: asks every camera on the segment for its network settings. */
export function encodeInquiry(): Uint8Array {
  return frame(['ENQ:network']);
}

/**
 * A setting for the camera with `mac`. `gateway` is `0.0.0.0` for none. `name` ≤ 8 letters, digits or
 * spaces. Throws IpSetupFormatError naming the bad value.
 */
export function encodeNetworkSetting(s: {
  mac: string;
  ip: string;
  mask: string;
  gateway: string;
  name: string;
}): Uint8Array {
  if (typeof s.name !== 'string' || !NAME.test(s.name)) {
    throw new IpSetupFormatError('bad-name', `name "${String(s.name)}" must be at most 8 letters, digits or spaces`);
  }
  return frame([
    `MAC:${wireMac(s.mac)}`,
    `IPADR:${checkIp('address', s.ip)}`,
    `MASK:${checkIp('mask', s.mask)}`,
    `GATEWAY:${checkIp('gateway', s.gateway)}`,
    `NAME:${s.name}`,
  ]);
}

/** The camera's inquiry reply (simulator side). `extra` fields are appended as given. */
export function encodeInfo(
  i: Omit<IpSetupInfoMessage, 'kind' | 'extra'> & { extra?: Record<string, string> },
): Uint8Array {
  const fields = [`MAC:${wireMac(i.mac)}`];
  if (i.model !== null) fields.push(`MODEL:${i.model}`);
  if (i.softVersion !== null) fields.push(`SOFTVERSION:${i.softVersion}`);
  if (i.ip !== null) fields.push(`IPADR:${checkIp('address', i.ip)}`);
  if (i.mask !== null) fields.push(`MASK:${checkIp('mask', i.mask)}`);
  if (i.gateway !== null) fields.push(`GATEWAY:${checkIp('gateway', i.gateway)}`);
  if (i.name !== null) {
    if (!NAME.test(i.name))
      throw new IpSetupFormatError('bad-name', `name "${i.name}" must be ≤ 8 letters/digits/space`);
    fields.push(`NAME:${i.name}`);
  }
  if (i.writable !== null) fields.push(`WRITE:${i.writable ? 'on' : 'off'}`);
  for (const [k, v] of Object.entries(i.extra ?? {})) fields.push(`${k}:${v}`);
  for (const f of fields) checkAscii(f);
  return frame(fields);
}

/** `ACK:<mac>` or `NAK:<mac>`, with an optional detail field (simulator side). */
export function encodeSettingReply(kind: 'ack' | 'nak', mac: string, detail?: string): Uint8Array {
  const fields = [`${kind.toUpperCase()}:${wireMac(mac)}`];
  if (detail !== undefined) fields.push(checkAscii(detail));
  return frame(fields);
}

function checkAscii(s: string): string {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c > 0x7e) throw new IpSetupFormatError('non-ascii', `field "${s}" has a non-printable character`);
  }
  return s;
}

/** Splits a frame into its fields (strings of printable ASCII). Throws IpSetupFormatError. */
export function splitIpSetupFields(bytes: Uint8Array): string[] {
  if (bytes.length === 0) throw new IpSetupFormatError('empty', 'empty datagram');
  if (bytes.length > IP_SETUP_MAX_FRAME) {
    throw new IpSetupFormatError('too-long', `${bytes.length} bytes is longer than any IP-setup frame`);
  }
  if (bytes[0] !== STX) throw new IpSetupFormatError('no-stx', 'frame does not start with STX (0x02)');
  if (bytes[bytes.length - 1] !== ETX) throw new IpSetupFormatError('no-etx', 'frame does not end with ETX (0x03)');
  const fields: string[] = [];
  let cur = '';
  let open = false;
  for (let i = 1; i < bytes.length - 1; i++) {
    const b = bytes[i]!;
    if (b === FIELD_END) {
      fields.push(cur);
      cur = '';
      open = false;
    } else if (b < 0x20 || b > 0x7e) {
      throw new IpSetupFormatError(
        'non-ascii',
        `byte 0x${b.toString(16).padStart(2, '0')} at offset ${i} is not printable ASCII`,
      );
    } else {
      cur += String.fromCharCode(b);
      open = true;
    }
  }
  if (open) throw new IpSetupFormatError('missing-ff', 'the last field is not ended by 0xFF');
  if (fields.length === 0) throw new IpSetupFormatError('bad-field', 'frame has no fields');
  return fields;
}

/**
 * Decodes one datagram. Throws IpSetupFormatError (and nothing else) for a malformed frame or a bad
 * MAC/IP in a known message; unknown keys are kept, missing optional keys are null.
 */
export function decodeIpSetupMessage(bytes: Uint8Array): IpSetupMessage {
  const raw = splitIpSetupFields(bytes);
  const fields: [string, string][] = [];
  for (const f of raw) {
    const colon = f.indexOf(':');
    // A bare text field (e.g. the detail after ACK) has no key.
    if (colon > 0 && KEY.test(f.slice(0, colon))) fields.push([f.slice(0, colon).toUpperCase(), f.slice(colon + 1)]);
    else fields.push(['', f]);
  }
  const get = (k: string): string | null => fields.find(([key]) => key === k)?.[1] ?? null;
  const [firstKey, firstValue] = fields[0]!;

  if (firstKey === 'ENQ') return { kind: 'inquiry' };
  if (firstKey === 'ACK' || firstKey === 'NAK') {
    const detail = fields
      .slice(1)
      .map(([k, v]) => (k ? `${k}:${v}` : v))
      .join(' ');
    return { kind: firstKey === 'ACK' ? 'ack' : 'nak', mac: normaliseMac(firstValue), detail: detail || null };
  }
  const mac = get('MAC');
  if (mac === null) return { kind: 'unknown', fields };
  const optIp = (k: string): string | null => {
    const v = get(k);
    return v === null ? null : checkIp(k, v);
  };
  const isInfo = ['MODEL', 'SOFTVERSION', 'WRITE', 'INFO'].some((k) => get(k) !== null);
  if (!isInfo) {
    const ip = get('IPADR');
    const mask = get('MASK');
    if (ip !== null && mask !== null) {
      return {
        kind: 'setting',
        mac: normaliseMac(mac),
        ip: checkIp('IPADR', ip),
        mask: checkIp('MASK', mask),
        gateway: get('GATEWAY') === null ? '0.0.0.0' : checkIp('GATEWAY', get('GATEWAY')!),
        name: get('NAME') ?? '',
      };
    }
  }
  const known = new Set(['MAC', 'MODEL', 'SOFTVERSION', 'IPADR', 'MASK', 'GATEWAY', 'NAME', 'WRITE']);
  const write = get('WRITE')?.toLowerCase();
  return {
    kind: 'info',
    mac: normaliseMac(mac),
    model: get('MODEL'),
    softVersion: get('SOFTVERSION'),
    ip: optIp('IPADR'),
    mask: optIp('MASK'),
    gateway: optIp('GATEWAY'),
    name: get('NAME'),
    writable: write === 'on' ? true : write === 'off' ? false : null,
    extra: Object.fromEntries(fields.filter(([k]) => k !== '' && !known.has(k))),
  };
}

/** decodeIpSetupMessage as a value: `{ok:false, error}` instead of a throw. */
export function tryDecodeIpSetupMessage(
  bytes: Uint8Array,
): { ok: true; value: IpSetupMessage } | { ok: false; error: IpSetupFormatError } {
  try {
    return { ok: true, value: decodeIpSetupMessage(bytes) };
  } catch (e) {
    if (e instanceof IpSetupFormatError) return { ok: false, error: e };
    throw e;
  }
}

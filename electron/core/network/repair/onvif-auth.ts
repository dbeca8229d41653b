/**
 * ONVIF authentication codecs (protocols.md §5.2), pure: the WS-Security UsernameToken header with its
 * password digest, the device clock from GetSystemDateAndTime, and the HTTP Digest client (RFC 7616 / 2617).
 */
import { createHash } from 'node:crypto';

/** The camera account the operator typed in. */
export interface OnvifCredentials {
  username: string;
  password: string;
}

const WSSE = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd';
const WSU = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd';
const PASSWORD_DIGEST =
  'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordDigest';
const BASE64_BINARY = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary';

/** `s` with the five XML special characters replaced by character references (element text and attributes). */
export function escapeXml(s: string): string {
  return s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** UsernameToken digest: Base64(SHA-1(Base64Decode(nonce) + created + password)), all text as UTF-8. */
export function passwordDigest(nonceB64: string, created: string, password: string): string {
  return createHash('sha1')
    .update(Buffer.from(nonceB64, 'base64'))
    .update(created, 'utf8')
    .update(password, 'utf8')
    .digest('base64');
}

/** `ms` since the epoch as the `YYYY-MM-DDTHH:MM:SSZ` form used for wsu:Created (whole seconds, UTC). */
export function wsseTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * The SOAP 1.2 `<s:Header>` carrying a WS-Security UsernameToken with a password digest (the password itself
 * is never in it). `nonce` is fresh random bytes (16 is usual); `created` is the device-clock time from
 * {@link wsseTimestamp}. The `s` prefix must be the envelope's SOAP 1.2 namespace.
 */
export function usernameTokenHeader(credentials: OnvifCredentials, token: { nonce: Buffer; created: string }): string {
  const nonce = token.nonce.toString('base64');
  const digest = passwordDigest(nonce, token.created, credentials.password);
  return (
    `<s:Header><wsse:Security s:mustUnderstand="1" xmlns:wsse="${WSSE}" xmlns:wsu="${WSU}"><wsse:UsernameToken>` +
    `<wsse:Username>${escapeXml(credentials.username)}</wsse:Username>` +
    `<wsse:Password Type="${PASSWORD_DIGEST}">${digest}</wsse:Password>` +
    `<wsse:Nonce EncodingType="${BASE64_BINARY}">${nonce}</wsse:Nonce>` +
    `<wsu:Created>${escapeXml(token.created)}</wsu:Created>` +
    '</wsse:UsernameToken></wsse:Security></s:Header>'
  );
}

/** Inner XML of the first element with local name `name` (any prefix), or null. */
function innerXml(xml: string, name: string): string | null {
  const m = new RegExp(`<(?:[\\w-]+:)?${name}(?:\\s[^>]*)?>([\\s\\S]*?)</(?:[\\w-]+:)?${name}>`).exec(xml);
  return m ? m[1]! : null;
}

/**
 * The device's UTC clock from a GetSystemDateAndTimeResponse (`UTCDateTime` → Date{Year, Month, Day},
 * Time{Hour, Minute, Second}), in ms since the epoch; null when absent or not a real date and time.
 */
export function parseDeviceUtc(xml: string): number | null {
  // Only inside UTCDateTime: LocalDateTime has the same Date/Time children in the camera's time zone.
  const utc = innerXml(xml, 'UTCDateTime');
  const date = utc === null ? null : innerXml(utc, 'Date');
  const time = utc === null ? null : innerXml(utc, 'Time');
  if (date === null || time === null) return null;
  const field = (scope: string, name: string): number => {
    const text = innerXml(scope, name)?.trim();
    return text !== undefined && /^\d{1,4}$/.test(text) ? Number(text) : NaN;
  };
  const [y, mo, d] = [field(date, 'Year'), field(date, 'Month'), field(date, 'Day')];
  const [h, mi, s] = [field(time, 'Hour'), field(time, 'Minute'), field(time, 'Second')];
  if ([y, mo, d, h, mi, s].some(Number.isNaN) || y < 1970 || h > 23 || mi > 59 || s > 59) return null;
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  // Date.UTC rolls 31 February over into March; a camera that says so has a broken clock, not a date.
  const back = new Date(ms);
  return back.getUTCMonth() === mo - 1 && back.getUTCDate() === d ? ms : null;
}

/** HTTP Digest algorithms this client speaks (RFC 7616 §3.3; `-sess` hashes the cnonce into HA1). */
export type DigestAlgorithm = 'MD5' | 'MD5-sess' | 'SHA-256' | 'SHA-256-sess';

/** One `WWW-Authenticate: Digest` challenge. */
export interface DigestChallenge {
  realm: string;
  nonce: string;
  /** Offered qop values, lower case (`auth`, `auth-int`); empty for an RFC 2069 server. */
  qop: string[];
  algorithm: DigestAlgorithm;
  opaque: string | null;
  /** The nonce expired but the credentials were right: retry with the new nonce. */
  stale: boolean;
}

const ALGORITHMS: readonly DigestAlgorithm[] = ['MD5', 'MD5-sess', 'SHA-256', 'SHA-256-sess'];
const TOKEN = /[!#$%&'*+.^_`|~\w-]+/y;
// token68 then a comma or the end; `name=value` never matches since a value follows its `=`.
const TOKEN68 = /[\w.~+/-]+=*[ \t]*(?:,|$)/y;
const BARE_VALUE = /[^,\s]*/y;
const QUOTED = /"((?:[^"\\]|\\.)*)"/y;

/** Sticky-regex match at `at`, or null. */
function matchAt(re: RegExp, s: string, at: number): RegExpExecArray | null {
  re.lastIndex = at;
  return re.exec(s);
}

/** Splits a WWW-Authenticate value into challenges: scheme (lower case) and its parameters (names lower case). */
function parseChallenges(header: string): { scheme: string; params: Map<string, string> }[] {
  const out: { scheme: string; params: Map<string, string> }[] = [];
  let i = 0;
  while (i < header.length) {
    const c = header[i]!;
    if (c === ',' || c === ' ' || c === '\t') {
      i++;
      continue;
    }
    const name = matchAt(TOKEN, header, i);
    if (!name) break; // Garbage: keep what was understood so far.
    i += name[0].length;
    while (header[i] === ' ' || header[i] === '\t') i++;
    if (header[i] !== '=' || out.length === 0) {
      out.push({ scheme: name[0].toLowerCase(), params: new Map() });
      // A token68 credential (`Negotiate abc==`) follows some schemes; it is no parameter, so skip it.
      const t68 = matchAt(TOKEN68, header, i);
      if (t68) i += t68[0].length;
      continue;
    }
    i++;
    while (header[i] === ' ' || header[i] === '\t') i++;
    let value: string;
    const quoted = matchAt(QUOTED, header, i);
    if (quoted) {
      value = quoted[1]!.replace(/\\(.)/g, '$1');
      i += quoted[0].length;
    } else {
      // Lenient: cameras send unquoted base64 nonces, whose `=` padding is no token character.
      value = matchAt(BARE_VALUE, header, i)![0];
      i += value.length;
    }
    out[out.length - 1]!.params.set(name[0].toLowerCase(), value);
  }
  return out;
}

/**
 * The first usable Digest challenge in a `WWW-Authenticate` header value (which may list several challenges,
 * e.g. Basic and Digest); null when there is none, it has no nonce, or its algorithm is not one of
 * {@link DigestAlgorithm}. A missing algorithm means MD5.
 */
export function parseDigestChallenge(header: string): DigestChallenge | null {
  for (const { scheme, params } of parseChallenges(header)) {
    if (scheme !== 'digest') continue;
    const nonce = params.get('nonce');
    const wanted = (params.get('algorithm') ?? 'MD5').toLowerCase();
    const algorithm = ALGORITHMS.find((a) => a.toLowerCase() === wanted);
    if (!nonce || !algorithm) continue;
    return {
      realm: params.get('realm') ?? '',
      nonce,
      qop: (params.get('qop') ?? '')
        .split(',')
        .map((q) => q.trim().toLowerCase())
        .filter((q) => q !== ''),
      algorithm,
      opaque: params.get('opaque') ?? null,
      stale: params.get('stale')?.toLowerCase() === 'true',
    };
  }
  return null;
}

/** A quoted-string (RFC 9110 §5.6.4): backslash before `"` and `\`. */
function quote(s: string): string {
  return `"${s.replace(/["\\]/g, '\\$&')}"`;
}

/**
 * The `Authorization` header value answering `challenge` (RFC 7616 §3.4): qop=auth when the server offers
 * it, else the RFC 2069 form without qop, cnonce or nc. `nc` is the count of requests sent with this nonce,
 * starting at 1; `cnonce` is a fresh random string per request; `uri` is the request target (path + query).
 */
export function digestAuthorization(
  challenge: DigestChallenge,
  credentials: OnvifCredentials,
  request: { method: string; uri: string; cnonce: string; nc: number },
): string {
  const hashName = challenge.algorithm.startsWith('SHA-256') ? 'sha256' : 'md5';
  const h = (s: string): string => createHash(hashName).update(s, 'utf8').digest('hex');
  const nc = request.nc.toString(16).padStart(8, '0');
  let ha1 = h(`${credentials.username}:${challenge.realm}:${credentials.password}`);
  if (challenge.algorithm.endsWith('-sess')) ha1 = h(`${ha1}:${challenge.nonce}:${request.cnonce}`);
  const ha2 = h(`${request.method}:${request.uri}`);
  const withQop = challenge.qop.includes('auth');
  const response = withQop
    ? h(`${ha1}:${challenge.nonce}:${nc}:${request.cnonce}:auth:${ha2}`)
    : h(`${ha1}:${challenge.nonce}:${ha2}`);
  const parts = [
    `username=${quote(credentials.username)}`,
    `realm=${quote(challenge.realm)}`,
    `uri=${quote(request.uri)}`,
    `algorithm=${challenge.algorithm}`,
    `nonce=${quote(challenge.nonce)}`,
    ...(withQop ? [`nc=${nc}`, `cnonce=${quote(request.cnonce)}`, 'qop=auth'] : []),
    `response=${quote(response)}`,
    ...(challenge.opaque !== null ? [`opaque=${quote(challenge.opaque)}`] : []),
  ];
  return `Digest ${parts.join(', ')}`;
}

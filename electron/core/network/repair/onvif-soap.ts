/**
 * SOAP 1.2 over HTTP POST to an ONVIF device service (protocols.md §5.1), with the authentication of §5.2:
 * a WS-Security UsernameToken stamped with the device's clock, or HTTP Digest when the camera asks for it.
 */
import { randomBytes } from 'node:crypto';
import {
  digestAuthorization,
  parseDeviceUtc,
  parseDigestChallenge,
  usernameTokenHeader,
  wsseTimestamp,
  type DigestChallenge,
  type OnvifCredentials,
} from './onvif-auth';

const TDS = 'http://www.onvif.org/ver10/device/wsdl';
const TT = 'http://www.onvif.org/ver10/schema';

/** Operations a device answers without credentials (ONVIF Core: PRE_AUTH). */
const PRE_AUTH = new Set(['GetSystemDateAndTime', 'GetServices', 'GetCapabilities', 'GetHostname']);

export interface OnvifOptions {
  /** Per HTTP request, ms (default 5000). */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** The camera account; without it every call goes out unauthenticated. */
  credentials?: OnvifCredentials;
}

/**
 * Why a call failed: `unauthorized` (no or wrong credentials), `refused` (HTTP error or SOAP fault),
 * `unreachable` (no answer, or no HTTP address), `malformed` (an answer without what we need).
 */
export type OnvifErrorKind = 'unauthorized' | 'refused' | 'unreachable' | 'malformed';

/** A SOAP call failed: HTTP status, SOAP fault, or no answer. */
export class OnvifError extends Error {
  constructor(
    message: string,
    readonly kind: OnvifErrorKind = 'refused',
  ) {
    super(message);
    this.name = 'OnvifError';
  }
}

/** Text of the first element with local name `name` (any prefix), or null. */
export function elementText(xml: string, name: string): string | null {
  const m = new RegExp(`<(?:[\\w-]+:)?${name}(?:\\s[^>]*)?>([^<]*)</(?:[\\w-]+:)?${name}>`).exec(xml);
  return m ? m[1]!.trim() : null;
}

function envelope(body: string, header: string): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>' +
    `<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:tds="${TDS}" xmlns:tt="${TT}">` +
    `${header}<s:Body>${body}</s:Body></s:Envelope>`
  );
}

interface Answer {
  status: number;
  text: string;
  /** The WWW-Authenticate header, or ''. */
  challenge: string;
}

/** Calls one device service in sequence, keeping what it learnt (clock offset, Digest nonce) between calls. */
export interface OnvifSession {
  /** Sends `<tds:operation>` `body`; resolves to the answer's XML, or rejects with an {@link OnvifError}. */
  call(operation: string, body: string): Promise<string>;
}

/** A session for one call sequence on `xaddr` (create one per sequence: the device clock is read once). */
export function onvifSession(xaddr: string, o: OnvifOptions = {}): OnvifSession {
  let url: URL | null = null;
  try {
    url = new URL(xaddr);
  } catch {
    // Reported on the first call, like any other failure.
  }
  const credentials = o.credentials;
  /** Device clock minus ours, ms; null until read. */
  let clockOffsetMs: number | null = null;
  let digest: { challenge: DigestChallenge; nc: number } | null = null;

  async function post(operation: string, xml: string, authorization: string | null): Promise<Answer> {
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:'))
      throw new OnvifError(`not an HTTP ONVIF address: ${xaddr}`, 'unreachable');
    const headers: Record<string, string> = {
      'Content-Type': `application/soap+xml; charset=utf-8; action="${TDS}/${operation}"`,
    };
    if (authorization !== null) headers.Authorization = authorization;
    const signals = [AbortSignal.timeout(o.timeoutMs ?? 5000), ...(o.signal ? [o.signal] : [])];
    try {
      const res = await fetch(url, { method: 'POST', headers, body: xml, signal: AbortSignal.any(signals) });
      return { status: res.status, text: await res.text(), challenge: res.headers.get('www-authenticate') ?? '' };
    } catch (e) {
      throw new OnvifError(
        `ONVIF ${operation} to ${url.host}: no answer (${e instanceof Error ? e.message : String(e)})`,
        'unreachable',
      );
    }
  }

  const isFault = (a: Answer): boolean => a.status < 200 || a.status > 299 || /<(?:[\w-]+:)?Fault\b/.test(a.text);
  const isUnauthorized = (a: Answer): boolean => a.status === 401 || (isFault(a) && /NotAuthorized/.test(a.text));

  function digestHeader(): string {
    const d = digest!;
    d.nc += 1;
    return digestAuthorization(d.challenge, credentials!, {
      method: 'POST',
      uri: `${url!.pathname}${url!.search}`,
      cnonce: randomBytes(16).toString('hex'),
      nc: d.nc,
    });
  }

  /** Reads the device clock offset (GetSystemDateAndTime is PRE_AUTH). */
  async function readClock(): Promise<void> {
    const asked = envelope('<tds:GetSystemDateAndTime/>', '');
    const a = await post('GetSystemDateAndTime', asked, null);
    const deviceUtc = isFault(a) ? null : parseDeviceUtc(a.text);
    // No usable time (a camera that guards even this, against the spec): stamp with ours and hope it is close.
    clockOffsetMs = deviceUtc === null ? 0 : deviceUtc - Date.now();
  }

  /** One authenticated request: Digest once the camera asked for it, else a fresh UsernameToken. */
  async function authenticated(operation: string, body: string): Promise<Answer> {
    if (digest) return post(operation, envelope(body, ''), digestHeader());
    if (clockOffsetMs === null) await readClock();
    const header = usernameTokenHeader(credentials!, {
      nonce: randomBytes(16),
      // The device checks Created against its own clock, which may be far from ours.
      created: wsseTimestamp(Date.now() + clockOffsetMs!),
    });
    return post(operation, envelope(body, header), null);
  }

  async function call(operation: string, body: string): Promise<string> {
    let a: Answer;
    if (!credentials || PRE_AUTH.has(operation)) {
      a = await post(operation, envelope(body, ''), null);
      if (isUnauthorized(a))
        throw new OnvifError(`ONVIF ${operation}: the camera asks for a user name and password`, 'unauthorized');
    } else {
      a = await authenticated(operation, body);
      if (a.status === 401) {
        const challenge = parseDigestChallenge(a.challenge);
        // Retry once with Digest: after a UsernameToken the camera wants HTTP auth instead ("don't send
        // both at once"), and in Digest a stale nonce only means "use this new one".
        if (challenge && (!digest || challenge.stale)) {
          digest = { challenge, nc: 0 };
          a = await post(operation, envelope(body, ''), digestHeader());
        }
      }
      if (isUnauthorized(a))
        throw new OnvifError(`ONVIF ${operation}: the camera refused the user name or password`, 'unauthorized');
    }
    if (isFault(a)) {
      const reason = elementText(a.text, 'Text') ?? elementText(a.text, 'Reason') ?? `HTTP ${a.status}`;
      throw new OnvifError(`ONVIF ${operation} refused: ${reason}`, 'refused');
    }
    return a.text;
  }

  return { call };
}

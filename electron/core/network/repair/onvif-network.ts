/**
 * A small ONVIF device-service client for the readdress step (protocols.md §5.5): read the interface token
 * (GetNetworkInterfaces), set a manual IPv4 address (SetNetworkInterfaces), the default gateway, and
 * reboot when the camera says it must. SOAP 1.2 over HTTP POST; no credentials (a camera that demands
 * them is reported so the operator can use the manual mode).
 */

const TDS = 'http://www.onvif.org/ver10/device/wsdl';
const TT = 'http://www.onvif.org/ver10/schema';

export interface OnvifOptions {
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** A SOAP call failed: HTTP status, SOAP fault, or no answer. */
export class OnvifError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OnvifError';
  }
}

function envelope(body: string): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>' +
    `<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:tds="${TDS}" xmlns:tt="${TT}">` +
    `<s:Body>${body}</s:Body></s:Envelope>`
  );
}

/** Text of the first element with local name `name` (any prefix), or null. */
export function elementText(xml: string, name: string): string | null {
  const m = new RegExp(`<(?:[\\w-]+:)?${name}(?:\\s[^>]*)?>([^<]*)</(?:[\\w-]+:)?${name}>`).exec(xml);
  return m ? m[1]!.trim() : null;
}

/** `token` attribute of the first NetworkInterfaces element. */
export function interfaceToken(xml: string): string | null {
  const m = /<(?:[\w-]+:)?NetworkInterfaces\b[^>]*\btoken="([^"]+)"/.exec(xml);
  return m ? m[1]! : null;
}

function escapeXml(s: string): string {
  return s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

async function call(xaddr: string, operation: string, body: string, o: OnvifOptions): Promise<string> {
  const url = new URL(xaddr);
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new OnvifError(`not an HTTP ONVIF address: ${xaddr}`);
  const signals = [AbortSignal.timeout(o.timeoutMs ?? 5000), ...(o.signal ? [o.signal] : [])];
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': `application/soap+xml; charset=utf-8; action="${TDS}/${operation}"` },
      body: envelope(body),
      signal: AbortSignal.any(signals),
    });
  } catch (e) {
    throw new OnvifError(
      `ONVIF ${operation} to ${url.host}: no answer (${e instanceof Error ? e.message : String(e)})`,
    );
  }
  const text = await res.text();
  if (res.status === 401 || /NotAuthorized/.test(text)) {
    throw new OnvifError(
      `ONVIF ${operation}: the camera demands credentials; change its address in its web page (manual mode)`,
    );
  }
  if (!res.ok || /<(?:[\w-]+:)?Fault\b/.test(text)) {
    const reason = elementText(text, 'Text') ?? elementText(text, 'Reason') ?? `HTTP ${res.status}`;
    throw new OnvifError(`ONVIF ${operation} refused: ${reason}`);
  }
  return text;
}

/** Live check: the device service answers GetSystemDateAndTime (no credentials needed). */
export async function onvifCheck(xaddr: string, o: OnvifOptions = {}): Promise<{ ok: boolean; detail: string }> {
  try {
    await call(xaddr, 'GetSystemDateAndTime', '<tds:GetSystemDateAndTime/>', o);
    return { ok: true, detail: `ONVIF device service answers at ${xaddr}` };
  } catch (e) {
    return { ok: false, detail: (e as Error).message };
  }
}

/**
 * Sets the camera's IPv4 address (manual, DHCP off) and gateway over ONVIF; reboots it when it reports
 * `RebootNeeded`. Returns what was done, in words.
 */
export async function onvifSetAddress(
  xaddr: string,
  target: { address: string; prefix: number; gateway: string | null },
  o: OnvifOptions = {},
): Promise<string> {
  const token = interfaceToken(await call(xaddr, 'GetNetworkInterfaces', '<tds:GetNetworkInterfaces/>', o));
  if (!token) throw new OnvifError('ONVIF GetNetworkInterfaces: no interface token in the answer');
  // The gateway first: once the address changes, the old XAddr no longer answers.
  const steps: string[] = [];
  if (target.gateway && target.gateway !== '0.0.0.0') {
    await call(
      xaddr,
      'SetNetworkDefaultGateway',
      `<tds:SetNetworkDefaultGateway><tds:IPv4Address>${target.gateway}</tds:IPv4Address></tds:SetNetworkDefaultGateway>`,
      o,
    );
    steps.push(`gateway ${target.gateway}`);
  }
  const set = await call(
    xaddr,
    'SetNetworkInterfaces',
    `<tds:SetNetworkInterfaces><tds:InterfaceToken>${escapeXml(token)}</tds:InterfaceToken>` +
      '<tds:NetworkInterface><tt:Enabled>true</tt:Enabled><tt:IPv4><tt:Enabled>true</tt:Enabled>' +
      `<tt:Manual><tt:Address>${target.address}</tt:Address><tt:PrefixLength>${target.prefix}</tt:PrefixLength></tt:Manual>` +
      '<tt:DHCP>false</tt:DHCP></tt:IPv4></tds:NetworkInterface></tds:SetNetworkInterfaces>',
    o,
  );
  steps.push(`SetNetworkInterfaces ${token} → ${target.address}/${target.prefix}`);
  if (elementText(set, 'RebootNeeded') === 'true') {
    await call(xaddr, 'SystemReboot', '<tds:SystemReboot/>', o);
    steps.push('rebooted');
  }
  return steps.join(', ');
}

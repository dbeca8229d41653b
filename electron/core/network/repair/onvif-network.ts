/**
 * A small ONVIF device-service client for the readdress step (protocols.md §5.5): read the interface token
 * (GetNetworkInterfaces), set a manual IPv4 address (SetNetworkInterfaces), the default gateway, and
 * reboot when the camera says it must. SOAP 1.2 over HTTP POST (onvif-soap.ts); with the operator's
 * credentials when the camera wants them (a WS-Security UsernameToken, or HTTP Digest).
 */
import { escapeXml } from './onvif-auth';
import { OnvifError, elementText, onvifSession, type OnvifOptions } from './onvif-soap';

export type { OnvifCredentials } from './onvif-auth';
export { OnvifError, elementText, type OnvifErrorKind, type OnvifOptions } from './onvif-soap';

/** `token` attribute of the first NetworkInterfaces element. */
export function interfaceToken(xml: string): string | null {
  const m = /<(?:[\w-]+:)?NetworkInterfaces\b[^>]*\btoken="([^"]+)"/.exec(xml);
  return m ? m[1]! : null;
}

/**
 * Live check: the device service answers GetSystemDateAndTime (PRE_AUTH: no credentials needed, none sent).
 * Returns `ok` and a sentence for the operator.
 */
export async function onvifCheck(xaddr: string, o: OnvifOptions = {}): Promise<{ ok: boolean; detail: string }> {
  try {
    await onvifSession(xaddr, o).call('GetSystemDateAndTime', '<tds:GetSystemDateAndTime/>');
    return { ok: true, detail: `ONVIF device service answers at ${xaddr}` };
  } catch (e) {
    return { ok: false, detail: (e as Error).message };
  }
}

/**
 * Credentials check before anything changes: GetNetworkInterfaces (which needs a user) with
 * `o.credentials`. Returns `ok` and a sentence for the operator (the error's message when not ok).
 */
export async function onvifCheckAuth(xaddr: string, o: OnvifOptions = {}): Promise<{ ok: boolean; detail: string }> {
  try {
    await onvifSession(xaddr, o).call('GetNetworkInterfaces', '<tds:GetNetworkInterfaces/>');
    return { ok: true, detail: `ONVIF credentials accepted by ${hostOf(xaddr)}` };
  } catch (e) {
    return { ok: false, detail: (e as Error).message };
  }
}

function hostOf(xaddr: string): string {
  try {
    return new URL(xaddr).host;
  } catch {
    return xaddr;
  }
}

/**
 * Sets the camera's IPv4 address (manual, DHCP off) and gateway over ONVIF; reboots it when it reports
 * `RebootNeeded`. Authenticates with `o.credentials` when given. Returns what was done, in words; rejects
 * with an {@link OnvifError} (kind `unauthorized` when the camera wants other or any credentials).
 */
export async function onvifSetAddress(
  xaddr: string,
  target: { address: string; prefix: number; gateway: string | null },
  o: OnvifOptions = {},
): Promise<string> {
  const session = onvifSession(xaddr, o);
  const token = interfaceToken(await session.call('GetNetworkInterfaces', '<tds:GetNetworkInterfaces/>'));
  if (!token) throw new OnvifError('ONVIF GetNetworkInterfaces: no interface token in the answer', 'malformed');
  // The gateway first: once the address changes, the old XAddr no longer answers.
  const steps: string[] = [];
  if (target.gateway && target.gateway !== '0.0.0.0') {
    await session.call(
      'SetNetworkDefaultGateway',
      `<tds:SetNetworkDefaultGateway><tds:IPv4Address>${escapeXml(target.gateway)}</tds:IPv4Address></tds:SetNetworkDefaultGateway>`,
    );
    steps.push(`gateway ${target.gateway}`);
  }
  const set = await session.call(
    'SetNetworkInterfaces',
    `<tds:SetNetworkInterfaces><tds:InterfaceToken>${escapeXml(token)}</tds:InterfaceToken>` +
      '<tds:NetworkInterface><tt:Enabled>true</tt:Enabled><tt:IPv4><tt:Enabled>true</tt:Enabled>' +
      `<tt:Manual><tt:Address>${escapeXml(target.address)}</tt:Address><tt:PrefixLength>${target.prefix}</tt:PrefixLength></tt:Manual>` +
      '<tt:DHCP>false</tt:DHCP></tt:IPv4></tds:NetworkInterface></tds:SetNetworkInterfaces>',
  );
  steps.push(`SetNetworkInterfaces ${token} → ${target.address}/${target.prefix}`);
  if (elementText(set, 'RebootNeeded') === 'true') {
    await session.call('SystemReboot', '<tds:SystemReboot/>');
    steps.push('rebooted');
  }
  return steps.join(', ');
}

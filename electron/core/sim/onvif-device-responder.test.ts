import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { parseDeviceUtc, usernameTokenHeader, wsseTimestamp } from '../network/repair/onvif-auth';
import { OnvifError, onvifCheck, onvifCheckAuth, onvifSetAddress } from '../network/repair/onvif-network';
import {
  CREATED_TOLERANCE_MS,
  ONVIF_DEVICE_PATH,
  handleOnvifRequest,
  startOnvifDeviceResponder,
  type OnvifDeviceResponder,
  type OnvifDeviceState,
  type OnvifNetwork,
} from './onvif-device-responder';

const LOGIN = { username: 'admin', password: 'Sekr3t<&>' };
const HOUR = 3_600_000;
const START: OnvifNetwork = { ip: '127.0.0.1', prefix: 24, gateway: null };

let responder: OnvifDeviceResponder | null = null;
afterEach(async () => {
  await responder?.close();
  responder = null;
});

/** A device service on 127.0.0.1 (ephemeral port) whose clock runs an hour ahead; records what it applied. */
async function start(applyDelayMs = 0): Promise<{ r: OnvifDeviceResponder; xaddr: string; applied: OnvifNetwork[] }> {
  const applied: OnvifNetwork[] = [];
  const r = await startOnvifDeviceResponder({
    network: START,
    mac: '02:00:5e:00:53:01',
    port: 0,
    login: LOGIN,
    clockOffsetMs: HOUR,
    applyDelayMs,
    applyNetwork: (next) => void applied.push(next),
  });
  responder = r;
  return { r, xaddr: `http://127.0.0.1:${r.port}${ONVIF_DEVICE_PATH}`, applied };
}

/** Posts a tds operation with `header` (a SOAP Header element, or ''). */
async function post(xaddr: string, operation: string, header = ''): Promise<{ status: number; text: string }> {
  const res = await fetch(xaddr, {
    method: 'POST',
    headers: { 'Content-Type': 'application/soap+xml; charset=utf-8' },
    body:
      '<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:tds="http://www.onvif.org/ver10/device/wsdl">' +
      `${header}<s:Body><tds:${operation}/></s:Body></s:Envelope>`,
  });
  return { status: res.status, text: await res.text() };
}

describe('simulated ONVIF device service, driven by the real client', () => {
  it('readdresses with the login on a device clock 1 h ahead; the effect gets the address, prefix and gateway', async () => {
    const { r, xaddr, applied } = await start();
    const detail = await onvifSetAddress(
      xaddr,
      { address: '192.0.2.20', prefix: 25, gateway: '192.0.2.1' },
      { credentials: LOGIN },
    );
    expect(detail).toMatch(/gateway 192\.0\.2\.1, SetNetworkInterfaces eth0 → 192\.0\.2\.20\/25/);
    await r.applying;
    expect(applied).toEqual([
      { ip: '127.0.0.1', prefix: 24, gateway: '192.0.2.1' },
      { ip: '192.0.2.20', prefix: 25, gateway: '192.0.2.1' },
    ]);
    expect(r.network).toEqual({ ip: '192.0.2.20', prefix: 25, gateway: '192.0.2.1' });
    expect(await onvifCheckAuth(xaddr, { credentials: LOGIN })).toMatchObject({ ok: true });
  });

  it('answers SetNetworkInterfaces before it applies the new address', async () => {
    // A delay no test run reaches: the address must still be the old one when the answer is in.
    const { r, xaddr, applied } = await start(HOUR);
    await onvifSetAddress(xaddr, { address: '192.0.2.21', prefix: 24, gateway: null }, { credentials: LOGIN });
    expect(applied).toEqual([]);
    expect(r.network).toEqual(START);
  });

  it('refuses a wrong password with HTTP 400 ter:NotAuthorized and changes nothing', async () => {
    const { r, xaddr, applied } = await start();
    const wrong = { ...LOGIN, password: 'guess' };
    const e = await onvifSetAddress(
      xaddr,
      { address: '192.0.2.22', prefix: 24, gateway: '192.0.2.1' },
      { credentials: wrong },
    ).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(OnvifError);
    expect((e as OnvifError).kind).toBe('unauthorized');
    expect(await onvifCheckAuth(xaddr, { credentials: wrong })).toMatchObject({ ok: false });
    expect(await onvifCheckAuth(xaddr, { credentials: { ...LOGIN, username: 'root' } })).toMatchObject({ ok: false });
    await r.applying;
    expect(applied).toEqual([]);
    expect(r.network).toEqual(START);

    const bare = await post(xaddr, 'GetNetworkInterfaces');
    expect(bare.status).toBe(400);
    expect(bare.text).toMatch(/<s:Subcode><s:Value>ter:NotAuthorized<\/s:Value>/);
  });

  it('answers GetSystemDateAndTime without a login, from its own clock', async () => {
    const { xaddr } = await start();
    const a = await post(xaddr, 'GetSystemDateAndTime');
    expect(a.status).toBe(200);
    expect(Math.abs(parseDeviceUtc(a.text)! - (Date.now() + HOUR))).toBeLessThan(CREATED_TOLERANCE_MS);
    expect(await onvifCheck(xaddr)).toMatchObject({ ok: true });
  });

  it('refuses a replayed nonce and a Created stamped with the PC clock instead of the device clock', async () => {
    const { xaddr } = await start();
    const nonce = randomBytes(16);
    const header = usernameTokenHeader(LOGIN, { nonce, created: wsseTimestamp(Date.now() + HOUR) });
    expect((await post(xaddr, 'GetNetworkInterfaces', header)).status).toBe(200);
    const replay = await post(xaddr, 'GetNetworkInterfaces', header);
    expect(replay.status).toBe(400);
    expect(replay.text).toMatch(/ter:NotAuthorized/);

    const pcClock = usernameTokenHeader(LOGIN, { nonce: randomBytes(16), created: wsseTimestamp(Date.now()) });
    const late = await post(xaddr, 'GetNetworkInterfaces', pcClock);
    expect(late.status).toBe(400);
    expect(late.text).toMatch(/ter:NotAuthorized/);
  });

  it('drops every request while silenced, and moves to a new address with setIp', async () => {
    const { r, xaddr } = await start();
    r.setSilenced(true);
    expect(await onvifCheck(xaddr, { timeoutMs: 2000 })).toMatchObject({ ok: false });
    r.setSilenced(false);
    expect(await onvifCheck(xaddr)).toMatchObject({ ok: true });

    await r.setIp('127.0.0.2');
    expect(r.network.ip).toBe('127.0.0.2');
    expect(await onvifCheck(`http://127.0.0.2:${r.port}${ONVIF_DEVICE_PATH}`)).toMatchObject({ ok: true });
    expect(await onvifCheck(xaddr, { timeoutMs: 2000 })).toMatchObject({ ok: false });
  });
});

describe('handleOnvifRequest', () => {
  const state = (over: Partial<OnvifDeviceState> = {}): OnvifDeviceState => ({
    network: { ip: '192.0.2.10', prefix: 24, gateway: null },
    mac: '02:00:5e:00:53:01',
    login: null,
    deviceNowMs: Date.UTC(2026, 0, 2, 3, 4, 5),
    usedNonces: new Set(),
    ...over,
  });
  const call = (body: string, s = state()) =>
    handleOnvifRequest(
      {
        body: `<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope"><s:Body>${body}</s:Body></s:Envelope>`,
        contentType: 'application/soap+xml',
      },
      s,
    );

  it('reports the current address and the device time', () => {
    const r = call('<tds:GetNetworkInterfaces/>');
    expect(r.status).toBe(200);
    expect(r.body).toMatch(/<tds:NetworkInterfaces token="eth0">/);
    expect(r.body).toMatch(/<tt:Address>192\.0\.2\.10<\/tt:Address><tt:PrefixLength>24</);
    expect(r.body).toMatch(/<tt:DHCP>false<\/tt:DHCP>/);
    expect(parseDeviceUtc(call('<tds:GetSystemDateAndTime/>').body)).toBe(Date.UTC(2026, 0, 2, 3, 4, 5));
  });

  it('answers an unknown operation, a wrong token and DHCP with SOAP faults and no effect', () => {
    const unknown = call('<tds:GetDNS/>');
    expect(unknown).toMatchObject({ status: 500, effect: null });
    expect(unknown.body).toMatch(/ter:ActionNotSupported/);
    const set = (token: string, ipv4: string) =>
      call(
        `<tds:SetNetworkInterfaces><tds:InterfaceToken>${token}</tds:InterfaceToken><tds:NetworkInterface>` +
          `<tt:IPv4>${ipv4}</tt:IPv4></tds:NetworkInterface></tds:SetNetworkInterfaces>`,
      );
    const manual = '<tt:Manual><tt:Address>192.0.2.30</tt:Address><tt:PrefixLength>24</tt:PrefixLength></tt:Manual>';
    expect(set('eth1', manual)).toMatchObject({ status: 400, effect: null });
    expect(set('eth0', `${manual}<tt:DHCP>true</tt:DHCP>`)).toMatchObject({ status: 400, effect: null });
    expect(set('eth0', manual.replace('192.0.2.30', '192.0.2.255'))).toMatchObject({ status: 400, effect: null });
    expect(set('eth0', manual)).toMatchObject({ status: 200, effect: { kind: 'set-address', ip: '192.0.2.30' } });
  });
});

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { onvifCheck, onvifSetAddress } from './onvif-network';

interface Seen {
  action: string;
  body: string;
}

let server: http.Server | null = null;
/** Stops the fake device, dropping fetch's keep-alive connections so close() does not wait for them. */
async function stop(): Promise<void> {
  const s = server;
  server = null;
  if (!s) return;
  s.closeAllConnections();
  await new Promise((r) => s.close(r));
}
afterEach(stop);

/** A device service on 127.0.0.1 answering each operation with `answers[op]` (status, body). */
async function fakeDevice(answers: Record<string, [number, string]>): Promise<{ url: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const action = /action="[^"]*\/(\w+)"/.exec(req.headers['content-type'] ?? '')?.[1] ?? '?';
      seen.push({ action, body });
      const [status, xml] = answers[action] ?? [
        500,
        '<s:Fault><s:Reason><s:Text>unknown</s:Text></s:Reason></s:Fault>',
      ];
      res.writeHead(status, { 'Content-Type': 'application/soap+xml' });
      res.end(`<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope"><s:Body>${xml}</s:Body></s:Envelope>`);
    });
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server!.address() as AddressInfo).port}/onvif/device_service`, seen };
}

describe('ONVIF network settings client', () => {
  it('sets the gateway, then the manual address on the reported interface token, and reboots when needed', async () => {
    const d = await fakeDevice({
      GetNetworkInterfaces: [
        200,
        '<tds:GetNetworkInterfacesResponse><tds:NetworkInterfaces token="eth0"><tt:Enabled>true</tt:Enabled></tds:NetworkInterfaces></tds:GetNetworkInterfacesResponse>',
      ],
      SetNetworkDefaultGateway: [200, '<tds:SetNetworkDefaultGatewayResponse/>'],
      SetNetworkInterfaces: [
        200,
        '<tds:SetNetworkInterfacesResponse><tds:RebootNeeded>true</tds:RebootNeeded></tds:SetNetworkInterfacesResponse>',
      ],
      SystemReboot: [200, '<tds:SystemRebootResponse><tds:Message>Rebooting</tds:Message></tds:SystemRebootResponse>'],
    });
    const detail = await onvifSetAddress(d.url, { address: '198.51.100.68', prefix: 24, gateway: '198.51.100.1' });
    expect(d.seen.map((s) => s.action)).toEqual([
      'GetNetworkInterfaces',
      'SetNetworkDefaultGateway',
      'SetNetworkInterfaces',
      'SystemReboot',
    ]);
    const set = d.seen[2]!.body;
    expect(set).toContain('<tds:InterfaceToken>eth0</tds:InterfaceToken>');
    expect(set).toContain(
      '<tt:Manual><tt:Address>198.51.100.68</tt:Address><tt:PrefixLength>24</tt:PrefixLength></tt:Manual>',
    );
    expect(set).toContain('<tt:DHCP>false</tt:DHCP>');
    expect(d.seen[1]!.body).toContain('<tds:IPv4Address>198.51.100.1</tds:IPv4Address>');
    expect(detail).toBe('gateway 198.51.100.1, SetNetworkInterfaces eth0 → 198.51.100.68/24, rebooted');
  });

  it('does not reboot when the camera does not ask for it, and skips a null gateway', async () => {
    const d = await fakeDevice({
      GetNetworkInterfaces: [
        200,
        '<tds:GetNetworkInterfacesResponse><tds:NetworkInterfaces token="nic1"/></tds:GetNetworkInterfacesResponse>',
      ],
      SetNetworkInterfaces: [
        200,
        '<tds:SetNetworkInterfacesResponse><tds:RebootNeeded>false</tds:RebootNeeded></tds:SetNetworkInterfacesResponse>',
      ],
    });
    await onvifSetAddress(d.url, { address: '198.51.100.68', prefix: 24, gateway: null });
    expect(d.seen.map((s) => s.action)).toEqual(['GetNetworkInterfaces', 'SetNetworkInterfaces']);
  });

  it('says so when the camera demands credentials, and reports SOAP faults', async () => {
    const locked = await fakeDevice({ GetNetworkInterfaces: [401, ''] });
    await expect(onvifSetAddress(locked.url, { address: '198.51.100.68', prefix: 24, gateway: null })).rejects.toThrow(
      /demands credentials; change its address in its web page/,
    );
    await stop();
    const faulty = await fakeDevice({
      GetNetworkInterfaces: [
        200,
        '<tds:GetNetworkInterfacesResponse><tds:NetworkInterfaces token="eth0"/></tds:GetNetworkInterfacesResponse>',
      ],
      SetNetworkInterfaces: [
        400,
        '<s:Fault><s:Reason><s:Text xml:lang="en">Invalid IPv4 address</s:Text></s:Reason></s:Fault>',
      ],
    });
    await expect(onvifSetAddress(faulty.url, { address: '198.51.100.68', prefix: 24, gateway: null })).rejects.toThrow(
      'ONVIF SetNetworkInterfaces refused: Invalid IPv4 address',
    );
  });

  it('live check: GetSystemDateAndTime answers, or the reason it does not', async () => {
    const d = await fakeDevice({ GetSystemDateAndTime: [200, '<tds:GetSystemDateAndTimeResponse/>'] });
    expect(await onvifCheck(d.url)).toEqual({ ok: true, detail: `ONVIF device service answers at ${d.url}` });
    await stop();
    expect((await onvifCheck(d.url, { timeoutMs: 1000 })).detail).toMatch(/no answer/);
  });
});

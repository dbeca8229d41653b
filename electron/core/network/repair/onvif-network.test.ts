import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { OnvifError, onvifCheck, onvifCheckAuth, onvifSetAddress } from './onvif-network';

interface Seen {
  action: string;
  body: string;
  headers: http.IncomingHttpHeaders;
  /** What the fake answered. */
  status: number;
}

/** The account a fake camera enforces, and how. */
interface FakeAuth {
  /** `wsse`: UsernameToken in the SOAP header (HTTP 400 NotAuthorized); `digest`: HTTP Digest (401). */
  scheme: 'wsse' | 'digest';
  username: string;
  password: string;
  /** The camera's clock minus the real one, ms. */
  clockOffsetMs?: number;
  algorithm?: 'MD5' | 'SHA-256';
  /** Digest: the nonce goes stale after this many uses. */
  nonceUses?: number;
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

const NOT_AUTHORIZED =
  '<s:Fault><s:Code><s:Value>s:Sender</s:Value><s:Subcode><s:Value>ter:NotAuthorized</s:Value></s:Subcode></s:Code>' +
  '<s:Reason><s:Text xml:lang="en">Sender not Authorized</s:Text></s:Reason></s:Fault>';

/** GetSystemDateAndTimeResponse for the instant `ms` (UTC). */
function dateAndTime(ms: number): string {
  const t = new Date(ms);
  return (
    '<tds:GetSystemDateAndTimeResponse><tds:SystemDateAndTime><tt:UTCDateTime>' +
    `<tt:Time><tt:Hour>${t.getUTCHours()}</tt:Hour><tt:Minute>${t.getUTCMinutes()}</tt:Minute><tt:Second>${t.getUTCSeconds()}</tt:Second></tt:Time>` +
    `<tt:Date><tt:Year>${t.getUTCFullYear()}</tt:Year><tt:Month>${t.getUTCMonth() + 1}</tt:Month><tt:Day>${t.getUTCDate()}</tt:Day></tt:Date>` +
    '</tt:UTCDateTime></tds:SystemDateAndTime></tds:GetSystemDateAndTimeResponse>'
  );
}

/** `name="value"` and `name=value` pairs of an HTTP auth header. */
function authParams(header: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of header.matchAll(/(\w+)=(?:"((?:[^"\\]|\\.)*)"|([^,\s]+))/g)) out[m[1]!] = m[2] ?? m[3]!;
  return out;
}

/** Checks a UsernameToken the way a camera does; null when good, else why not. */
function wsseRefusal(body: string, auth: FakeAuth, now: number, usedNonces: Set<string>): string | null {
  const field = (re: RegExp): string | undefined => re.exec(body)?.[1];
  const username = field(/<wsse:Username>([^<]*)</);
  const password = field(/<wsse:Password Type="[^"]*#PasswordDigest">([^<]*)</);
  const nonce = field(/<wsse:Nonce [^>]*>([^<]*)</);
  const created = field(/<wsu:Created>([^<]*)</);
  if (!username || !password || !nonce || !created) return 'no token';
  const expected = createHash('sha1')
    .update(Buffer.concat([Buffer.from(nonce, 'base64'), Buffer.from(created + auth.password)]))
    .digest('base64');
  if (username !== auth.username || password !== expected) return 'wrong user or password';
  if (Math.abs(Date.parse(created) - now) > 5000) return 'Wsse authorized time check failed';
  if (usedNonces.has(nonce)) return 'nonce replayed';
  usedNonces.add(nonce);
  return null;
}

/**
 * A device service on 127.0.0.1 answering each operation with `answers[op]` (status, body); with `auth`,
 * it demands that account for everything but GetSystemDateAndTime, which tells its (offset) clock.
 */
async function fakeDevice(
  answers: Record<string, [number, string]>,
  auth?: FakeAuth,
): Promise<{ url: string; seen: Seen[]; refusals: string[] }> {
  const seen: Seen[] = [];
  const refusals: string[] = [];
  const usedNonces = new Set<string>();
  const digest = { nonce: 'n0', uses: 0, lastNc: 0, serial: 0 };
  const hash = (s: string): string =>
    createHash(auth?.algorithm === 'SHA-256' ? 'sha256' : 'md5')
      .update(s)
      .digest('hex');

  /** Null when the request carries a good Digest Authorization, else the 401 challenge's stale flag. */
  function digestRefusal(req: http.IncomingMessage): { stale: boolean } | null {
    const p = authParams(req.headers.authorization ?? '');
    if (!req.headers.authorization?.startsWith('Digest ')) return { stale: false };
    const ha1 = hash(`${p.username}:ptz-cam:${auth!.password}`);
    const ha2 = hash(`POST:${p.uri}`);
    const expected = hash(`${ha1}:${p.nonce}:${p.nc}:${p.cnonce}:${p.qop}:${ha2}`);
    const nc = parseInt(p.nc ?? '', 16);
    if (p.username !== auth!.username || p.response !== expected || p.uri !== req.url || p.qop !== 'auth') {
      refusals.push('wrong digest');
      return { stale: false };
    }
    if (p.nonce !== digest.nonce || digest.uses >= (auth!.nonceUses ?? Infinity)) return { stale: true };
    if (!(nc > digest.lastNc)) return { stale: false };
    digest.lastNc = nc;
    digest.uses++;
    return null;
  }

  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const action = /action="[^"]*\/(\w+)"/.exec(req.headers['content-type'] ?? '')?.[1] ?? '?';
      const now = Date.now() + (auth?.clockOffsetMs ?? 0);
      let [status, xml] =
        answers[action] ??
        (action === 'GetSystemDateAndTime'
          ? [200, dateAndTime(now)]
          : [500, '<s:Fault><s:Reason><s:Text>unknown</s:Text></s:Reason></s:Fault>']);
      const headers: Record<string, string> = { 'Content-Type': 'application/soap+xml' };
      if (auth && action !== 'GetSystemDateAndTime') {
        if (auth.scheme === 'wsse') {
          const why = wsseRefusal(body, auth, now, usedNonces);
          if (why) {
            refusals.push(why);
            [status, xml] = [400, NOT_AUTHORIZED];
          }
        } else {
          const refused = digestRefusal(req);
          if (refused) {
            if (refused.stale) Object.assign(digest, { nonce: `n${++digest.serial}`, uses: 0, lastNc: 0 });
            status = 401;
            xml = '';
            headers['WWW-Authenticate'] =
              `Basic realm="ptz-cam", Digest realm="ptz-cam", qop="auth,auth-int", nonce="${digest.nonce}", ` +
              `opaque="o", algorithm=${auth.algorithm ?? 'MD5'}${refused.stale ? ', stale=true' : ''}`;
          }
        }
      }
      seen.push({ action, body, headers: req.headers, status });
      res.writeHead(status, headers);
      res.end(`<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope"><s:Body>${xml}</s:Body></s:Envelope>`);
    });
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server!.address() as AddressInfo).port}/onvif/device_service`,
    seen,
    refusals,
  };
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
    await onvifSetAddress(d.url, TARGET);
    expect(d.seen.map((s) => s.action)).toEqual(['GetNetworkInterfaces', 'SetNetworkInterfaces']);
  });

  it('says so when the camera asks for credentials, and reports SOAP faults', async () => {
    const locked = await fakeDevice({ GetNetworkInterfaces: [401, ''] });
    const refusal = await onvifSetAddress(locked.url, TARGET).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(OnvifError);
    expect(refusal).toMatchObject({
      kind: 'unauthorized',
      message: 'ONVIF GetNetworkInterfaces: the camera asks for a user name and password',
    });
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
    await expect(onvifSetAddress(faulty.url, TARGET)).rejects.toMatchObject({
      kind: 'refused',
      message: 'ONVIF SetNetworkInterfaces refused: Invalid IPv4 address',
    });
  });

  it('reports an answer without an interface token as malformed', async () => {
    const d = await fakeDevice({ GetNetworkInterfaces: [200, '<tds:GetNetworkInterfacesResponse/>'] });
    await expect(onvifSetAddress(d.url, TARGET)).rejects.toMatchObject({ kind: 'malformed' });
  });

  it('live check: GetSystemDateAndTime answers, or the reason it does not', async () => {
    const d = await fakeDevice({ GetSystemDateAndTime: [200, '<tds:GetSystemDateAndTimeResponse/>'] });
    expect(await onvifCheck(d.url)).toEqual({ ok: true, detail: `ONVIF device service answers at ${d.url}` });
    await stop();
    expect((await onvifCheck(d.url, { timeoutMs: 1000 })).detail).toMatch(/no answer/);
  });
});

const TARGET = { address: '198.51.100.68', prefix: 24, gateway: null };
const PASSWORD = 'S3cret&<Pass>';
const ACCOUNT = { username: 'operator', password: PASSWORD };
const HOUR = 3_600_000;
/** A camera that readdresses (gateway, address, reboot) once it accepts the caller. */
const READDRESS: Record<string, [number, string]> = {
  GetNetworkInterfaces: [
    200,
    '<tds:GetNetworkInterfacesResponse><tds:NetworkInterfaces token="eth0"/></tds:GetNetworkInterfacesResponse>',
  ],
  SetNetworkDefaultGateway: [200, '<tds:SetNetworkDefaultGatewayResponse/>'],
  SetNetworkInterfaces: [
    200,
    '<tds:SetNetworkInterfacesResponse><tds:RebootNeeded>true</tds:RebootNeeded></tds:SetNetworkInterfacesResponse>',
  ],
  SystemReboot: [200, '<tds:SystemRebootResponse/>'],
};
const FULL_TARGET = { address: '198.51.100.68', prefix: 24, gateway: '198.51.100.1' };

/** The password, raw or XML-escaped, never went over the wire. */
function expectNoClearPassword(seen: Seen[]): void {
  const wire = seen.map((s) => JSON.stringify(s.headers) + s.body).join('\n');
  expect(wire).not.toContain(PASSWORD);
  expect(wire).not.toContain('S3cret');
}

describe('ONVIF network settings client with credentials', () => {
  it('WS-Security: stamps each call with a fresh UsernameToken on the camera’s clock (1 h off ours)', async () => {
    const d = await fakeDevice(READDRESS, { scheme: 'wsse', ...ACCOUNT, clockOffsetMs: HOUR });
    const detail = await onvifSetAddress(d.url, FULL_TARGET, { credentials: ACCOUNT });
    expect(detail).toBe('gateway 198.51.100.1, SetNetworkInterfaces eth0 → 198.51.100.68/24, rebooted');
    expect(d.refusals).toEqual([]);
    expect(d.seen.map((s) => [s.action, s.status])).toEqual([
      ['GetSystemDateAndTime', 200],
      ['GetNetworkInterfaces', 200],
      ['SetNetworkDefaultGateway', 200],
      ['SetNetworkInterfaces', 200],
      ['SystemReboot', 200],
    ]);
    // The clock is read once, unauthenticated; every later call carries a token and no HTTP auth.
    expect(d.seen[0]!.body).not.toContain('wsse:Security');
    for (const s of d.seen.slice(1)) {
      expect(s.body).toMatch(/<s:Header><wsse:Security s:mustUnderstand="1"/);
      expect(s.headers.authorization).toBeUndefined();
    }
    expectNoClearPassword(d.seen);
  });

  it('WS-Security: the fake camera does reject a token stamped with our own clock', async () => {
    // Guards the test above: the camera's clock check is real, so the offset is what made it pass.
    const d = await fakeDevice(
      { ...READDRESS, GetSystemDateAndTime: [200, '<tds:GetSystemDateAndTimeResponse/>'] },
      { scheme: 'wsse', ...ACCOUNT, clockOffsetMs: HOUR },
    );
    await expect(onvifSetAddress(d.url, TARGET, { credentials: ACCOUNT })).rejects.toMatchObject({
      kind: 'unauthorized',
    });
    expect(d.refusals).toEqual(['Wsse authorized time check failed']);
  });

  it.each(['MD5', 'SHA-256'] as const)(
    'HTTP Digest (%s): after the 401 challenge, retries once with Digest and keeps it, nc counting up',
    async (algorithm) => {
      const d = await fakeDevice(READDRESS, { scheme: 'digest', ...ACCOUNT, algorithm });
      await onvifSetAddress(d.url, FULL_TARGET, { credentials: ACCOUNT });
      expect(d.refusals).toEqual([]);
      expect(d.seen.map((s) => [s.action, s.status])).toEqual([
        ['GetSystemDateAndTime', 200],
        ['GetNetworkInterfaces', 401],
        ['GetNetworkInterfaces', 200],
        ['SetNetworkDefaultGateway', 200],
        ['SetNetworkInterfaces', 200],
        ['SystemReboot', 200],
      ]);
      const digested = d.seen.slice(2).map((s) => authParams(s.headers.authorization ?? ''));
      expect(digested.map((p) => p.nc)).toEqual(['00000001', '00000002', '00000003', '00000004']);
      expect(digested.map((p) => p.algorithm)).toEqual(Array(4).fill(algorithm));
      expect(new Set(digested.map((p) => p.cnonce)).size).toBe(4);
      expect(digested.every((p) => p.uri === '/onvif/device_service' && p.opaque === 'o')).toBe(true);
      // Never both at once: a request with HTTP Digest carries no WS-Security header.
      for (const s of d.seen.slice(2)) expect(s.body).not.toContain('wsse:Security');
      expectNoClearPassword(d.seen);
    },
  );

  it('HTTP Digest: a stale nonce is renewed without failing the sequence', async () => {
    const d = await fakeDevice(READDRESS, { scheme: 'digest', ...ACCOUNT, nonceUses: 2 });
    await onvifSetAddress(d.url, FULL_TARGET, { credentials: ACCOUNT });
    expect(d.seen.map((s) => s.status)).toEqual([200, 401, 200, 200, 401, 200, 200]);
    expect(d.seen.map((s) => authParams(s.headers.authorization ?? '').nonce)).toEqual([
      undefined,
      undefined,
      'n0',
      'n0',
      'n0',
      'n1',
      'n1',
    ]);
  });

  it.each(['wsse', 'digest'] as const)(
    '%s: a wrong password stops at GetNetworkInterfaces with an unauthorized error',
    async (scheme) => {
      const d = await fakeDevice(READDRESS, { scheme, ...ACCOUNT, clockOffsetMs: -HOUR });
      const wrong = { username: 'operator', password: 'S3cret-guess' };
      await expect(onvifSetAddress(d.url, FULL_TARGET, { credentials: wrong })).rejects.toMatchObject({
        name: 'OnvifError',
        kind: 'unauthorized',
        message: 'ONVIF GetNetworkInterfaces: the camera refused the user name or password',
      });
      expect(d.seen.map((s) => s.action)).not.toContain('SetNetworkInterfaces');
      expect(d.seen.map((s) => s.action)).not.toContain('SetNetworkDefaultGateway');
      expect(JSON.stringify(d.seen)).not.toContain('S3cret-guess');
    },
  );

  it.each(['wsse', 'digest'] as const)('%s: without credentials, asks for a user name and password', async (scheme) => {
    const d = await fakeDevice(READDRESS, { scheme, ...ACCOUNT });
    await expect(onvifSetAddress(d.url, FULL_TARGET)).rejects.toMatchObject({
      kind: 'unauthorized',
      message: 'ONVIF GetNetworkInterfaces: the camera asks for a user name and password',
    });
    expect(d.seen.map((s) => s.action)).toEqual(['GetNetworkInterfaces']);
  });

  it('credentials check: accepted, refused, or the camera does not answer', async () => {
    const d = await fakeDevice(READDRESS, { scheme: 'wsse', ...ACCOUNT, clockOffsetMs: HOUR });
    expect(await onvifCheckAuth(d.url, { credentials: ACCOUNT })).toEqual({
      ok: true,
      detail: `ONVIF credentials accepted by ${new URL(d.url).host}`,
    });
    expect(d.seen.map((s) => s.action)).toEqual(['GetSystemDateAndTime', 'GetNetworkInterfaces']);
    expect(await onvifCheckAuth(d.url, { credentials: { ...ACCOUNT, password: 'nope' } })).toEqual({
      ok: false,
      detail: 'ONVIF GetNetworkInterfaces: the camera refused the user name or password',
    });
    expect(await onvifCheckAuth(d.url)).toEqual({
      ok: false,
      detail: 'ONVIF GetNetworkInterfaces: the camera asks for a user name and password',
    });
    expectNoClearPassword(d.seen);
    await stop();
    expect((await onvifCheckAuth(d.url, { credentials: ACCOUNT, timeoutMs: 1000 })).detail).toMatch(/no answer/);
  });

  it('the live check stays unauthenticated even when credentials are given', async () => {
    const d = await fakeDevice({}, { scheme: 'digest', ...ACCOUNT });
    expect((await onvifCheck(d.url, { credentials: ACCOUNT })).ok).toBe(true);
    expect(d.seen[0]!.headers.authorization).toBeUndefined();
    expect(d.seen[0]!.body).not.toContain('wsse:Security');
  });
});

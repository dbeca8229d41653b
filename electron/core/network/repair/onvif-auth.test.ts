import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  digestAuthorization,
  escapeXml,
  parseDeviceUtc,
  parseDigestChallenge,
  passwordDigest,
  usernameTokenHeader,
  wsseTimestamp,
  type DigestChallenge,
} from './onvif-auth';

describe('WS-Security UsernameToken', () => {
  it('computes the ONVIF Programmer’s Guide password digest', () => {
    expect(passwordDigest('LKqI6G/AikKCQrN0zqZFlg==', '2010-09-16T07:50:45Z', 'userpassword')).toBe(
      'tuOSpGlFlIXsozq4HFNeeGeFLEI=',
    );
  });

  it('formats Created in whole UTC seconds', () => {
    expect(wsseTimestamp(Date.UTC(2010, 8, 16, 7, 50, 45, 987))).toBe('2010-09-16T07:50:45Z');
  });

  it('builds the Security header with the namespaces of §5.2, an escaped user name and no clear password', () => {
    const nonce = Buffer.from('LKqI6G/AikKCQrN0zqZFlg==', 'base64');
    const xml = usernameTokenHeader(
      { username: 'ad<m>in&"co"', password: 'userpassword' },
      { nonce, created: '2010-09-16T07:50:45Z' },
    );
    expect(xml).toMatch(/^<s:Header><wsse:Security s:mustUnderstand="1" [^>]*>.*<\/wsse:Security><\/s:Header>$/);
    expect(xml).toContain(
      'xmlns:wsse="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd"',
    );
    expect(xml).toContain(
      'xmlns:wsu="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd"',
    );
    const field = (re: RegExp): string | undefined => re.exec(xml)?.[1];
    expect(field(/<wsse:Username>([^<]*)<\/wsse:Username>/)).toBe(escapeXml('ad<m>in&"co"'));
    expect(field(/<wsse:Username>([^<]*)</)).toBe('ad&#60;m&#62;in&#38;&#34;co&#34;');
    expect(field(/<wsse:Password Type="([^"]*)"/)).toBe(
      'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordDigest',
    );
    expect(field(/<wsse:Password [^>]*>([^<]*)</)).toBe('tuOSpGlFlIXsozq4HFNeeGeFLEI=');
    expect(field(/<wsse:Nonce EncodingType="([^"]*)"/)).toBe(
      'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary',
    );
    expect(field(/<wsse:Nonce [^>]*>([^<]*)</)).toBe('LKqI6G/AikKCQrN0zqZFlg==');
    expect(field(/<wsu:Created>([^<]*)</)).toBe('2010-09-16T07:50:45Z');
    expect(xml).not.toContain('userpassword');
  });
});

describe('device clock', () => {
  const answer = (utc: string): string =>
    '<tds:GetSystemDateAndTimeResponse><tds:SystemDateAndTime><tt:DateTimeType>NTP</tt:DateTimeType>' +
    '<tt:TimeZone><tt:TZ>CST-8</tt:TZ></tt:TimeZone>' +
    utc +
    '<tt:LocalDateTime><tt:Time><tt:Hour>15</tt:Hour><tt:Minute>50</tt:Minute><tt:Second>45</tt:Second></tt:Time>' +
    '<tt:Date><tt:Year>2010</tt:Year><tt:Month>9</tt:Month><tt:Day>16</tt:Day></tt:Date></tt:LocalDateTime>' +
    '</tds:SystemDateAndTime></tds:GetSystemDateAndTimeResponse>';
  const utc = (y: number, mo: number, d: number, h: number, mi: number, s: number): string =>
    `<tt:UTCDateTime><tt:Time><tt:Hour>${h}</tt:Hour><tt:Minute>${mi}</tt:Minute><tt:Second>${s}</tt:Second></tt:Time>` +
    `<tt:Date><tt:Year>${y}</tt:Year><tt:Month>${mo}</tt:Month><tt:Day>${d}</tt:Day></tt:Date></tt:UTCDateTime>`;

  it('reads UTCDateTime (not LocalDateTime), in ms since the epoch', () => {
    expect(parseDeviceUtc(answer(utc(2010, 9, 16, 7, 50, 45)))).toBe(Date.UTC(2010, 8, 16, 7, 50, 45));
  });

  it('is null when the UTC time is absent, incomplete or impossible', () => {
    expect(parseDeviceUtc(answer(''))).toBeNull();
    expect(parseDeviceUtc('<tds:GetSystemDateAndTimeResponse/>')).toBeNull();
    expect(parseDeviceUtc(answer(utc(2010, 2, 30, 7, 50, 45)))).toBeNull();
    expect(parseDeviceUtc(answer(utc(2010, 9, 16, 24, 0, 0)))).toBeNull();
    expect(parseDeviceUtc(answer(utc(2010, 9, 16, 7, 50, 45).replace('<tt:Second>45</tt:Second>', '')))).toBeNull();
    expect(parseDeviceUtc(answer(utc(2010, 9, 16, 7, 50, 45).replace('>2010<', '>x<')))).toBeNull();
  });
});

describe('HTTP Digest challenge', () => {
  it('picks the Digest challenge among several, with a quoted comma-separated qop list', () => {
    expect(parseDigestChallenge('Basic realm="x", Digest realm="y", qop="auth,auth-int", nonce="n"')).toEqual({
      realm: 'y',
      nonce: 'n',
      qop: ['auth', 'auth-int'],
      algorithm: 'MD5',
      opaque: null,
      stale: false,
    });
  });

  it('reads the RFC 7616 example challenge, algorithm, opaque and stale', () => {
    expect(
      parseDigestChallenge(
        'Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm=SHA-256, ' +
          'nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS", stale=TRUE',
      ),
    ).toEqual({
      realm: 'http-auth@example.org',
      nonce: '7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v',
      qop: ['auth', 'auth-int'],
      algorithm: 'SHA-256',
      opaque: 'FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS',
      stale: true,
    });
  });

  it('tolerates quoted commas and escapes, token68 schemes, unquoted base64 and odd case', () => {
    const c = parseDigestChallenge(
      'Negotiate YIIB==, Bearer, DIGEST Realm="a, \\"b\\"", NONCE=abc+/==, algorithm=md5-SESS, qop=auth',
    );
    expect(c).toMatchObject({ realm: 'a, "b"', nonce: 'abc+/==', algorithm: 'MD5-sess', qop: ['auth'] });
  });

  it('skips an unusable Digest challenge for a usable one', () => {
    const c = parseDigestChallenge('Digest realm="r", nonce="1", algorithm=SHA-512-256, Digest realm="r", nonce="2"');
    expect(c).toMatchObject({ nonce: '2', algorithm: 'MD5' });
  });

  it('is null without a Digest challenge, without a nonce, or with an unknown algorithm', () => {
    expect(parseDigestChallenge('Basic realm="x"')).toBeNull();
    expect(parseDigestChallenge('')).toBeNull();
    expect(parseDigestChallenge('Digest realm="y", qop="auth"')).toBeNull();
    expect(parseDigestChallenge('Digest realm="y", nonce="n", algorithm=SHA3-FOO')).toBeNull();
  });
});

describe('HTTP Digest response (RFC 7616 §3.9.1)', () => {
  const rfc = (algorithm: DigestChallenge['algorithm']): DigestChallenge => ({
    realm: 'http-auth@example.org',
    nonce: '7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v',
    qop: ['auth', 'auth-int'],
    algorithm,
    opaque: 'FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS',
    stale: false,
  });
  const mufasa = { username: 'Mufasa', password: 'Circle of Life' };
  const request = {
    method: 'GET',
    uri: '/dir/index.html',
    cnonce: 'f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ',
    nc: 1,
  };
  const md5 = (s: string): string => createHash('md5').update(s).digest('hex');
  const param = (header: string, name: string): string | undefined =>
    new RegExp(`(?:^Digest |, )${name}=("?)([^",]*)\\1(?:,|$)`).exec(header)?.[2];

  it('MD5', () => {
    const h = digestAuthorization(rfc('MD5'), mufasa, request);
    expect(param(h, 'response')).toBe('8ca523f5e9506fed4657c9700eebdbec');
    expect(h).toBe(
      'Digest username="Mufasa", realm="http-auth@example.org", uri="/dir/index.html", algorithm=MD5, ' +
        'nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", nc=00000001, ' +
        'cnonce="f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ", qop=auth, response="8ca523f5e9506fed4657c9700eebdbec", ' +
        'opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"',
    );
  });

  it('SHA-256', () => {
    const h = digestAuthorization(rfc('SHA-256'), mufasa, request);
    expect(param(h, 'response')).toBe('753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1');
    expect(param(h, 'algorithm')).toBe('SHA-256');
  });

  it('counts nc in 8 hex digits', () => {
    expect(param(digestAuthorization(rfc('MD5'), mufasa, { ...request, nc: 26 }), 'nc')).toBe('0000001a');
  });

  it('uses the RFC 2069 form (no qop, nc, cnonce) when the server offers no qop', () => {
    const h = digestAuthorization({ ...rfc('MD5'), qop: [], opaque: null }, mufasa, request);
    // RFC 2617 §3.2.2.1 without qop: H(HA1:nonce:HA2).
    const ha1 = md5('Mufasa:http-auth@example.org:Circle of Life');
    expect(param(h, 'response')).toBe(
      md5(`${ha1}:7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v:${md5('GET:/dir/index.html')}`),
    );
    expect(h).not.toMatch(/qop=|nc=|cnonce=|opaque=/);
  });

  it('hashes the nonce and cnonce into HA1 for -sess', () => {
    const sha = (s: string): string => createHash('sha256').update(s).digest('hex');
    const { nonce } = rfc('SHA-256-sess');
    const ha1 = sha(`${sha('Mufasa:http-auth@example.org:Circle of Life')}:${nonce}:${request.cnonce}`);
    const expected = sha(`${ha1}:${nonce}:00000001:${request.cnonce}:auth:${sha('GET:/dir/index.html')}`);
    expect(param(digestAuthorization(rfc('SHA-256-sess'), mufasa, request), 'response')).toBe(expected);
  });

  it('quotes a user name with quotes and backslashes', () => {
    const h = digestAuthorization(rfc('MD5'), { username: 'a"b\\c', password: 'p' }, request);
    expect(h).toContain('username="a\\"b\\\\c"');
  });
});

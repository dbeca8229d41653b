import { describe, expect, it } from 'vitest';
import { endpointUrl, isLoopbackHost, parseSimArgs, portsFor } from './cli-args';

describe('parseSimArgs', () => {
  it('has the documented defaults', () => {
    expect(parseSimArgs([])).toEqual({
      ok: true,
      value: {
        cameras: 2,
        host: '127.0.0.1',
        port: 52381,
        protocol: 'visca-ip',
        serial: null,
        addresses: 1,
        baud: 9600,
        watch: false,
        allowNonLoopback: false,
        help: false,
      },
    });
  });

  it('picks the default port of the protocol unless --port is given', () => {
    const port = (argv: string[]): unknown => {
      const r = parseSimArgs(argv);
      return r.ok ? [r.value.protocol, r.value.port] : r.error;
    };
    expect(port(['--protocol', 'visca-tcp'])).toEqual(['visca-tcp', 5678]);
    expect(port(['--protocol=visca-udp'])).toEqual(['visca-udp', 1259]);
    expect(port(['--protocol', 'visca-tcp', '--port', '7000'])).toEqual(['visca-tcp', 7000]);
  });

  it('reads the serial chain flags', () => {
    const r = parseSimArgs(['--serial', '/tmp/ptyA', '--addresses', '3', '--baud', '38400']);
    expect(r.ok && r.value).toMatchObject({ serial: '/tmp/ptyA', addresses: 3, baud: 38400 });
  });

  it('reads every flag, in both --flag value and --flag=value forms', () => {
    expect(parseSimArgs(['--cameras', '4', '--host', '::1', '--port=6000', '--watch'])).toEqual({
      ok: true,
      value: {
        cameras: 4,
        host: '::1',
        port: 6000,
        protocol: 'visca-ip',
        serial: null,
        addresses: 1,
        baud: 9600,
        watch: true,
        allowNonLoopback: false,
        help: false,
      },
    });
    const r = parseSimArgs(['--cameras=1', '--host=192.0.2.5', '--allow-non-loopback', '--help']);
    expect(r.ok && r.value).toMatchObject({ cameras: 1, host: '192.0.2.5', allowNonLoopback: true, help: true });
  });

  it.each<[string[], RegExp]>([
    [['--cameras'], /--cameras needs a whole number, got nothing/],
    [['--cameras', 'two'], /--cameras needs a whole number, got "two"/],
    [['--cameras', '0'], /--cameras must be in 1–64/],
    [['--cameras', '-1'], /whole number/],
    [['--port', '65536'], /--port must be in 0–65535/],
    [['--port', '65535', '--cameras', '2'], /no room for 2 cameras/],
    [['--host'], /--host needs an address/],
    [['--host', '--watch'], /--host needs an address/],
    [['--host', '0.0.0.0'], /refusing to bind non-loopback address 0.0.0.0/],
    [['--host', '192.168.1.10'], /--allow-non-loopback/],
    [['--watch=yes'], /takes no value/],
    [['--frobnicate'], /unknown argument "--frobnicate"/],
    [['--protocol', 'pelco'], /--protocol must be one of visca-ip, visca-tcp, visca-udp/],
    [['--protocol'], /--protocol must be one of/],
    [['--serial'], /--serial needs a device path/],
    [['--serial', '/dev/x', '--addresses', '8'], /--addresses must be in 1–7/],
    [['--addresses', '2'], /--addresses needs --serial/],
    [['--serial', '/dev/x', '--baud', '12'], /--baud must be in 300–4000000/],
    [['4'], /unknown argument "4"/],
  ])('rejects %j with one clear line', (argv, message) => {
    const r = parseSimArgs(argv);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toMatch(message);
      expect(r.error).not.toContain('\n');
    }
  });
});

describe('helpers', () => {
  it('recognises loopback hosts only', () => {
    expect(['127.0.0.1', '127.1.2.3', '::1', 'localhost'].map(isLoopbackHost)).toEqual([true, true, true, true]);
    expect(['0.0.0.0', '192.0.2.1', '::', '127.example.com', '1270.0.0.1'].map(isLoopbackHost)).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
  });

  it('numbers ports from the first one, or all ephemeral for 0', () => {
    expect(portsFor({ port: 52381, cameras: 3 })).toEqual([52381, 52382, 52383]);
    expect(portsFor({ port: 0, cameras: 2 })).toEqual([0, 0]);
  });

  it('formats endpoints, bracketing IPv6', () => {
    expect(endpointUrl('127.0.0.1', 52381)).toBe('visca-ip://127.0.0.1:52381');
    expect(endpointUrl('::1', 5000)).toBe('visca-ip://[::1]:5000');
    expect(endpointUrl('127.0.0.1', 5678, 'visca-tcp')).toBe('visca-tcp://127.0.0.1:5678');
  });
});

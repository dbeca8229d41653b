import { describe, expect, it } from 'vitest';
import { HelperError, checkChangeAllowed, parseHelperArgs } from './helper-protocol';

const addrs = [
  { address: '198.51.100.10', prefix: 24, primary: true, dynamic: false },
  { address: '203.0.113.250', prefix: 24, primary: false, dynamic: false },
  { address: '192.0.2.7', prefix: 24, primary: false, dynamic: true },
];

function codeOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof HelperError) return `${e.code}: ${e.message}`;
    throw e;
  }
  return 'no error';
}

describe('parseHelperArgs', () => {
  it('parses each verb', () => {
    expect(parseHelperArgs(['add-alias', 'eth0', '203.0.113.250/24'])).toEqual({
      verb: 'add-alias',
      iface: 'eth0',
      ip: '203.0.113.250',
      prefix: 24,
    });
    expect(parseHelperArgs(['remove-alias', 'Ethernet 2', '192.0.2.9/28'])).toMatchObject({
      iface: 'Ethernet 2',
      prefix: 28,
    });
    expect(parseHelperArgs(['list', 'enp3s0'])).toEqual({ verb: 'list', iface: 'enp3s0' });
    expect(parseHelperArgs(['probe', 'eth0', '198.51.100.7'])).toEqual({
      verb: 'probe',
      iface: 'eth0',
      ip: '198.51.100.7',
    });
  });

  it.each([
    [[], /unknown verb/],
    [['reboot'], /unknown verb "reboot"/],
    [['add-alias', 'eth0'], /takes 2 argument/],
    [['add-alias', 'eth0', '203.0.113.250/24', '--force'], /takes 2 argument/],
    [['add-alias', 'eth0;rm -rf /', '203.0.113.250/24'], /interface "eth0;rm -rf \/"/],
    [['add-alias', 'eth0', '203.0.113.250'], /must be <ip>\/<prefix>/],
    [['add-alias', 'eth0', '203.0.113.256/24'], /IPv4 address/],
    [['add-alias', 'eth0', '203.0.113.25/33'], /prefix must be 1–32/],
    [['add-alias', 'eth0', '203.0.113.25/4'], /too wide/],
    [['probe', 'eth0', '$(id)'], /IPv4 address/],
    [['list', '-j'], /interface "-j"/],
  ])('refuses %j', (argv, message) => {
    expect(codeOf(() => parseHelperArgs(argv as string[]))).toMatch(/^invalid-argument: /);
    expect(codeOf(() => parseHelperArgs(argv as string[]))).toMatch(message);
  });
});

describe('checkChangeAllowed', () => {
  const cmd = (verb: 'add-alias' | 'remove-alias', ip: string, prefix = 24) => ({ verb, iface: 'eth0', ip, prefix });

  it('allows adding a new address and removing a plain secondary one', () => {
    expect(codeOf(() => checkChangeAllowed(cmd('add-alias', '203.0.113.251'), addrs, ['198.51.100.10']))).toBe(
      'no error',
    );
    expect(codeOf(() => checkChangeAllowed(cmd('remove-alias', '203.0.113.250'), addrs, []))).toBe('no error');
  });

  it('refuses adding an address the PC already has, on any interface', () => {
    expect(codeOf(() => checkChangeAllowed(cmd('add-alias', '203.0.113.250'), addrs, []))).toMatch(
      /^refused: .*already/,
    );
    expect(codeOf(() => checkChangeAllowed(cmd('add-alias', '10.9.9.9'), addrs, ['10.9.9.9']))).toMatch(/^refused/);
  });

  it('never removes the primary address, a DHCP address, an absent one or one with another prefix', () => {
    expect(codeOf(() => checkChangeAllowed(cmd('remove-alias', '198.51.100.10'), addrs, []))).toMatch(
      /^refused: .*primary/,
    );
    expect(codeOf(() => checkChangeAllowed(cmd('remove-alias', '192.0.2.7'), addrs, []))).toMatch(/^refused: .*DHCP/);
    expect(codeOf(() => checkChangeAllowed(cmd('remove-alias', '203.0.113.9'), addrs, []))).toMatch(
      /^refused: .*not on eth0/,
    );
    expect(codeOf(() => checkChangeAllowed(cmd('remove-alias', '203.0.113.250', 16), addrs, []))).toMatch(
      /as \/24, not \/16/,
    );
  });
});

import { describe, expect, it } from 'vitest';
import type { NetworkOs } from '../network/os/network-os';
import { ipSetupCommand } from './ip-setup-command';
import { recordingIo as testIo } from './test-io';

const os: NetworkOs = {
  run: () => Promise.reject(new Error('no commands in this test')),
  listInterfaces: () =>
    Promise.resolve([{ name: 'eth0', mac: null, up: true, addresses: [], gateway: null, managedBy: 'none' }]),
  arpProbe: () => Promise.resolve({ macs: [] }),
  arpDad: () => Promise.resolve({ free: true, macs: [] }),
  ping: () => Promise.resolve(false),
};

describe('ptzctl ip-setup (argument checks; the network path is proven in the lab test)', () => {
  it('needs scan or set', async () => {
    const io = testIo();
    expect(await ipSetupCommand(io, [], os)).toBe(2);
    expect(io.errors.join('\n')).toMatch(/expected scan or set/);
  });

  it('validates every value of set before sending anything', async () => {
    const io = testIo();
    expect(
      await ipSetupCommand(io, ['set', '02:00:5e:10:00:01', '198.51.100.300', '255.255.255.0', '0.0.0.0'], os),
    ).toBe(2);
    expect(io.errors.join('\n')).toMatch(/ip "198.51.100.300" is not valid/);
    const io2 = testIo();
    expect(await ipSetupCommand(io2, ['set', '02:00:5e:10:00:01', '198.51.100.3', '255.0.255.0', '0.0.0.0'], os)).toBe(
      2,
    );
    expect(io2.errors.join('\n')).toMatch(/not contiguous/);
    const io3 = testIo();
    expect(await ipSetupCommand(io3, ['set', 'x'], os)).toBe(2);
    expect(io3.errors.join('\n')).toMatch(/needs <mac> <ip> <mask> <gateway>/);
  });

  it('rejects unknown options and interfaces without an IPv4 address', async () => {
    const io = testIo();
    expect(await ipSetupCommand(io, ['scan', '--fast'], os)).toBe(2);
    expect(io.errors.join('\n')).toMatch(/unknown option --fast/);
    await expect(ipSetupCommand(testIo(), ['scan', '--iface', 'eth0'], os)).rejects.toThrow(
      /interface eth0 not found or has no IPv4 address/,
    );
  });
});

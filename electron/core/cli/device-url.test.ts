import { describe, expect, it } from 'vitest';
import { parseDeviceUrl } from './device-url';

describe('parseDeviceUrl', () => {
  it.each([
    ['visca-ip://127.0.0.1:52381', { protocol: 'visca-ip', host: '127.0.0.1', port: 52381 }],
    ['visca-ip://192.0.2.10', { protocol: 'visca-ip', host: '192.0.2.10', port: 52381 }],
    ['visca-tcp://camera.local:5678', { protocol: 'visca-tcp', host: 'camera.local', port: 5678 }],
    ['visca-udp://192.0.2.11', { protocol: 'visca-udp', port: 1259 }],
    [
      'serial:///dev/ttyUSB0?protocol=visca&address=1&baud=9600',
      { protocol: 'visca-serial', path: '/dev/ttyUSB0', address: 1, baudRate: 9600 },
    ],
    [
      'serial:///dev/ttyS1?protocol=pelco-d&address=5&baud=2400',
      { protocol: 'pelco-d', path: '/dev/ttyS1', address: 5, baudRate: 2400 },
    ],
    [
      'serial:///dev/serial/by-id/usb-FTDI-if00-port0?protocol=pelco-p',
      { protocol: 'pelco-p', baudRate: 4800, address: 1 },
    ],
    ['serial://com3?protocol=visca', { protocol: 'visca-serial', path: 'COM3' }],
  ])('%s', (url, expected) => {
    const r = parseDeviceUrl(url);
    expect(r.ok && r.value).toMatchObject(expected);
  });

  it.each([
    ['192.0.2.10:52381', /not a device URL/],
    ['http://192.0.2.10', /unknown scheme/],
    ['visca-ip://192.0.2.10:99999', /not a device URL|port/],
    ['serial:///dev/ttyUSB0?protocol=visca&address=9', /VISCA address must be 1–7/],
    ['serial:///dev/ttyUSB0?protocol=pelco-d&address=0', /Pelco-D address must be 1–255/],
    ['serial:///dev/ttyUSB0?protocol=visca&baud=9601', /baud rate must be one of/],
    ['serial:///dev/ttyUSB0?protocol=onvif', /visca, pelco-d or pelco-p/],
    ['serial:///dev/ttyUSB0?protocol=visca&speed=9600', /unknown serial URL parameter/],
    ['serial:///dev/../etc/passwd?protocol=visca', /must not contain ..|device path/],
  ])('refuses %s with a specific message', (url, message) => {
    const r = parseDeviceUrl(url);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toMatch(message);
  });
});

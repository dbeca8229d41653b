import { describe, expect, it } from 'vitest';
import { toSerialPortError } from './serial-port-errors';

describe('toSerialPortError', () => {
  it.each([
    [
      'Error Resource temporarily unavailable Cannot lock port',
      'EBUSY',
      /^\/dev\/ttyUSB0 is in use by another program$/,
    ],
    ['Error: Device or resource busy, cannot open /dev/ttyUSB0', 'EBUSY', /in use by another program/],
    [
      'Error: Permission denied, cannot open /dev/ttyUSB0',
      'EACCES',
      /^Permission denied on \/dev\/ttyUSB0: add your user to the dialout group/,
    ],
    [
      'Error: No such file or directory, cannot open /dev/ttyUSB0',
      'ENOENT',
      /^No such port \/dev\/ttyUSB0 \(unplugged\? renamed\?/,
    ],
    ['Error: No such device or address, cannot open /dev/ttyUSB0', 'ENXIO', /^No such port/],
    ['Error: Inappropriate ioctl for device setting custom baud rate of 9600', 'ENOTTY', /is not a serial port$/],
    ['Error: Invalid argument setting custom baud rate of 123', 'EINVAL', /refused the settings/],
    ['Something new', 'UNKNOWN', /^Cannot open \/dev\/ttyUSB0: Something new$/],
  ])('maps %j to %s', (raw, code, message) => {
    const error = toSerialPortError(new Error(raw), '/dev/ttyUSB0');
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
    expect(error.path).toBe('/dev/ttyUSB0');
  });

  it('names the holder of a busy port', () => {
    const error = toSerialPortError(new Error('Cannot lock port'), '/dev/ttyUSB0', 'PID 42 minicom');
    expect(error.message).toBe('/dev/ttyUSB0 is in use by another program (PID 42 minicom)');
  });

  it('keeps an OS code the message does not reveal', () => {
    const error = toSerialPortError(Object.assign(new Error('odd'), { code: 'EMFILE' }), '/dev/ttyS0');
    expect(error.code).toBe('EMFILE');
  });
});

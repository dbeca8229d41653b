import { describe, expect, it } from 'vitest';
import { IpcError } from '../../../../shared/ipc/ipc-error';
import { DeviceConfigInput } from '../../../../shared/model/device';
import {
  PROTOCOLS,
  PROTOCOL_INFO,
  fieldsFor,
  firstInvalidField,
  newDeviceValues,
  serverProblemOf,
  switchProtocol,
  validateDeviceForm,
  valuesFromConfig,
  type DeviceFormValues,
} from './device-form-model';

const viscaIp = (overrides: Partial<DeviceFormValues> = {}): DeviceFormValues => ({
  ...newDeviceValues('visca-ip'),
  name: 'Stage left',
  host: '192.0.2.10',
  ...overrides,
});

const pelcoD = (overrides: Partial<DeviceFormValues> = {}): DeviceFormValues => ({
  ...newDeviceValues('pelco-d'),
  name: 'Car park',
  path: '/dev/ttyUSB0',
  ...overrides,
});

/** The problems of a form that must fail, as `{field: text}`. */
function problems(values: DeviceFormValues): Record<string, string> {
  const result = validateDeviceForm(values);
  if (result.ok) throw new Error(`expected problems, got ${JSON.stringify(result.config)}`);
  return Object.fromEntries(
    Object.entries(result.fields).map(([f, p]) => [f, p.type === 'schema' ? p.message : 'NaN']),
  );
}

describe('protocol table', () => {
  it('reads every default and range from the contract schemas', () => {
    expect(PROTOCOLS).toEqual(['visca-ip', 'visca-tcp', 'visca-udp', 'visca-serial', 'pelco-d', 'pelco-p']);
    expect(PROTOCOL_INFO['visca-ip']).toEqual({ kind: 'network', defaultPort: 52381 });
    expect(PROTOCOL_INFO['visca-tcp']).toEqual({ kind: 'network', defaultPort: 5678 });
    expect(PROTOCOL_INFO['visca-udp']).toEqual({ kind: 'network', defaultPort: 1259 });
    const serial = (baud: number, max: number) => ({
      kind: 'serial',
      defaultBaudRate: baud,
      defaultAddress: 1,
      addressMin: 1,
      addressMax: max,
    });
    expect(PROTOCOL_INFO['visca-serial']).toEqual(serial(9600, 7));
    expect(PROTOCOL_INFO['pelco-d']).toEqual(serial(2400, 255));
    expect(PROTOCOL_INFO['pelco-p']).toEqual(serial(4800, 256));
  });

  it('shows host and port for network protocols, port path, baud and address for serial ones', () => {
    expect(fieldsFor('visca-tcp')).toEqual(['protocol', 'name', 'host', 'port', 'responseCurve', 'enabled']);
    expect(fieldsFor('pelco-p')).toEqual([
      'protocol',
      'name',
      'path',
      'baudRate',
      'address',
      'responseCurve',
      'enabled',
    ]);
  });
});

describe('switchProtocol', () => {
  it('moves a default port or baud rate to the new protocol default', () => {
    let v = newDeviceValues('visca-ip');
    expect(v.port).toBe('52381');
    v = switchProtocol(v, 'visca-udp');
    expect(v.port).toBe('1259');
    v = switchProtocol(v, 'visca-serial');
    expect([v.baudRate, v.address]).toEqual(['9600', '1']);
    v = switchProtocol(v, 'pelco-d');
    expect(v.baudRate).toBe('2400');
    v = switchProtocol(v, 'pelco-p');
    expect(v.baudRate).toBe('4800');
  });

  it('keeps what the operator typed, in every field, across switches there and back', () => {
    const typed = viscaIp({ port: '10000', path: '', responseCurve: '2' });
    const serial = switchProtocol(typed, 'pelco-d');
    const edited = { ...serial, path: '/dev/ttyUSB1', baudRate: '9600', address: '40' };
    const back = switchProtocol(edited, 'visca-tcp');
    expect(back).toMatchObject({ name: 'Stage left', host: '192.0.2.10', port: '10000', responseCurve: '2' });
    expect(switchProtocol(back, 'pelco-p')).toMatchObject({ path: '/dev/ttyUSB1', baudRate: '9600', address: '40' });
  });

  it('refills an emptied port with the default', () => {
    expect(switchProtocol(viscaIp({ port: ' ' }), 'visca-tcp').port).toBe('5678');
  });
});

describe('validateDeviceForm', () => {
  it('returns exactly what the contract schema parses', () => {
    const result = validateDeviceForm(viscaIp({ name: '  Stage left ', host: ' 192.0.2.10 ', responseCurve: '1.5' }));
    expect(result).toEqual({
      ok: true,
      config: {
        protocol: 'visca-ip',
        name: 'Stage left',
        enabled: true,
        host: '192.0.2.10',
        port: 52381,
        responseCurve: 1.5,
      },
    });
    if (result.ok) expect(DeviceConfigInput.parse(result.config)).toEqual(result.config);
  });

  it('sends only the fields of the chosen protocol', () => {
    const result = validateDeviceForm(switchProtocol(viscaIp(), 'visca-serial'));
    expect(result.ok).toBe(false);
    const serial = validateDeviceForm({ ...switchProtocol(viscaIp(), 'visca-serial'), path: 'COM3', address: '7' });
    expect(serial).toEqual({
      ok: true,
      config: { protocol: 'visca-serial', name: 'Stage left', enabled: true, path: 'COM3', baudRate: 9600, address: 7 },
    });
  });

  it('uses the schema default for an empty number field', () => {
    const result = validateDeviceForm(pelcoD({ address: '', baudRate: '' }));
    expect(result.ok && result.config).toMatchObject({ address: 1, baudRate: 2400 });
  });

  it('maps each issue to its field with the schema message', () => {
    expect(problems(viscaIp({ name: ' ', host: '999.1.1.1', port: '70000' }))).toEqual({
      name: 'name is required',
      host: 'host must be an IPv4 address (e.g. 192.0.2.10) or a host name',
      port: 'port must be 1–65535',
    });
    expect(problems(viscaIp({ port: '80.5', responseCurve: '4' }))).toEqual({
      port: 'port must be a whole number',
      responseCurve: 'response curve must be 0.5–3',
    });
    expect(problems(pelcoD({ path: 'ttyUSB0', baudRate: '300', address: '256' }))).toEqual({
      path: 'serial port must be a device path such as /dev/serial/by-id/… or /dev/ttyUSB0, or COM3',
      baudRate: 'baud rate must be one of 1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200',
      address: 'Pelco-D address must be 1–255',
    });
    expect(problems(switchProtocol(pelcoD({ address: '8' }), 'visca-serial'))).toEqual({
      address: 'VISCA address must be 1–7',
    });
    expect(problems(pelcoD({ path: '' }))).toEqual({ path: 'serial port is required' });
  });

  it('reports text that is not a number as such, not as a zod type error', () => {
    expect(problems(viscaIp({ port: 'http' }))).toEqual({ port: 'NaN' });
    expect(problems(pelcoD({ address: '0x10' }))).toEqual({ address: 'NaN' });
  });

  it('names the first invalid field in display order', () => {
    const result = validateDeviceForm(pelcoD({ name: '', address: '999', path: 'x' }));
    expect(!result.ok && firstInvalidField('pelco-d', result.fields)).toBe('name');
    expect(firstInvalidField('pelco-d', {})).toBeNull();
  });
});

describe('valuesFromConfig', () => {
  it('fills the form with a stored camera, every protocol', () => {
    expect(
      valuesFromConfig({ protocol: 'visca-tcp', name: 'A', enabled: false, host: 'cam-a.local', port: 5000 }),
    ).toMatchObject({ protocol: 'visca-tcp', name: 'A', enabled: false, host: 'cam-a.local', port: '5000' });
    expect(
      valuesFromConfig({ protocol: 'pelco-p', name: 'B', path: '/dev/ttyS1', baudRate: 9600, address: 256 }),
    ).toMatchObject({ protocol: 'pelco-p', path: '/dev/ttyS1', baudRate: '9600', address: '256', enabled: true });
    expect(valuesFromConfig({ protocol: 'visca-ip', name: 'C', host: 'h', responseCurve: 2 })).toMatchObject({
      port: '52381',
      responseCurve: '2',
    });
  });

  it('round-trips through validation unchanged', () => {
    const config = {
      protocol: 'visca-serial',
      name: 'Chain 3',
      enabled: true,
      path: '/dev/serial/by-id/usb-FTDI-if00',
      baudRate: 38400,
      address: 3,
      responseCurve: 0.5,
    } as const;
    expect(validateDeviceForm(valuesFromConfig(config))).toEqual({ ok: true, config });
  });
});

describe('serverProblemOf', () => {
  it('keeps the code of an IpcError and the text of anything else', () => {
    expect(serverProblemOf(new IpcError('conflict', 'taken'))).toEqual({ code: 'conflict', message: 'taken' });
    expect(serverProblemOf(new Error('boom'))).toEqual({ code: null, message: 'boom' });
    expect(serverProblemOf('odd')).toEqual({ code: null, message: 'odd' });
  });
});

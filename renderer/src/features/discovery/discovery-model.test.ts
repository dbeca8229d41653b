import { describe, expect, it } from 'vitest';
import { DEFAULT_SWEEP_PORTS } from '../../../../shared/model/network';
import { makeCamera } from '../../../test/network-fixtures';
import { buildRequest, configFromCamera, needsRepair, parsePorts, repairStartOf } from './discovery-model';

describe('parsePorts', () => {
  it('takes commas and spaces, drops duplicates, keeps the order typed', () => {
    expect(parsePorts('52381, 5678 80,,80')).toEqual({ ok: true, ports: [52381, 5678, 80] });
  });

  it.each([
    ['', { type: 'empty' }],
    ['  , ', { type: 'empty' }],
    ['80, 0', { type: 'invalid', value: '0' }],
    ['65536', { type: 'invalid', value: '65536' }],
    ['80, http', { type: 'invalid', value: 'http' }],
    ['1.5', { type: 'invalid', value: '1.5' }],
    [Array.from({ length: 33 }, (_, i) => i + 1).join(','), { type: 'too-many', max: 32 }],
  ])('refuses %j', (text, problem) => {
    expect(parsePorts(text)).toEqual({ ok: false, problem });
  });
});

describe('buildRequest', () => {
  it('sends interfaces, methods and the sweep ports', () => {
    expect(buildRequest({ interfaces: ['eth0'], methods: ['sweep', 'ip-setup'], portsText: '80 52381' })).toEqual({
      ok: true,
      request: { interfaces: ['eth0'], methods: ['sweep', 'ip-setup'], ports: [80, 52381] },
    });
  });

  it('ignores the ports text when the sweep is not chosen', () => {
    expect(buildRequest({ interfaces: [], methods: ['serial'], portsText: 'nonsense' })).toEqual({
      ok: true,
      request: { interfaces: [], methods: ['serial'] },
    });
  });

  it('reports bad ports for a sweep and a missing method', () => {
    expect(buildRequest({ interfaces: [], methods: ['sweep'], portsText: '99999' })).toEqual({
      ok: false,
      ports: { type: 'invalid', value: '99999' },
      noMethod: false,
    });
    expect(buildRequest({ interfaces: [], methods: [], portsText: DEFAULT_SWEEP_PORTS.join(',') })).toEqual({
      ok: false,
      ports: null,
      noMethod: true,
    });
  });
});

describe('configFromCamera', () => {
  it('uses the best (first) network endpoint and the camera name', () => {
    const camera = makeCamera('mac:1', {
      endpoints: [
        { protocol: 'visca-tcp', host: '198.51.100.20', port: 5678 },
        { protocol: 'visca-ip', host: '198.51.100.20', port: 52381 },
      ],
    });
    expect(configFromCamera(camera, 'Unknown')).toEqual({
      protocol: 'visca-tcp',
      name: 'CAM-20',
      enabled: true,
      host: '198.51.100.20',
      port: 5678,
    });
  });

  it('builds a serial configuration, named after the model when the camera has no name', () => {
    const camera = makeCamera('serial:/dev/ttyUSB0#1', {
      ip: null,
      mac: null,
      name: null,
      model: 'EVI-D70',
      endpoints: [{ protocol: 'visca-serial', path: '/dev/ttyUSB0', baud: 9600, address: 1 }],
    });
    expect(configFromCamera(camera, 'Unknown')).toEqual({
      protocol: 'visca-serial',
      name: 'EVI-D70',
      enabled: true,
      path: '/dev/ttyUSB0',
      baudRate: 9600,
      address: 1,
    });
  });

  it('falls back to the given name, and gives nothing without an endpoint', () => {
    expect(configFromCamera(makeCamera('x', { name: ' ', model: null }), 'Unknown')?.name).toBe('Unknown');
    expect(configFromCamera(makeCamera('x', { endpoints: [] }), 'Unknown')).toBeNull();
  });
});

describe('repair eligibility', () => {
  it('offers a repair for a conflict or an unreachable camera with an address, never for serial', () => {
    expect(needsRepair(makeCamera('a'))).toBe(false);
    expect(needsRepair(makeCamera('a', { reachable: false }))).toBe(true);
    expect(
      needsRepair(makeCamera('a', { conflicts: [{ kind: 'same-as-pc', ip: '198.51.100.20', interface: 'eth0' }] })),
    ).toBe(true);
    expect(needsRepair(makeCamera('a', { ip: null, reachable: false }))).toBe(false);
    expect(repairStartOf(makeCamera('a'))).toEqual({
      ip: '198.51.100.20',
      mac: '02:00:5e:00:53:aa',
      interface: 'eth0',
    });
    expect(repairStartOf(makeCamera('a', { ip: null }))).toBeNull();
  });
});

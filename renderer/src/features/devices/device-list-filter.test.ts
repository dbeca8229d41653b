import { describe, expect, it } from 'vitest';
import {
  flattenEntries,
  groupDevices,
  matchesQuery,
  queryTerms,
  stepVisible,
  transportOf,
  unflattenEntries,
  visibleIds,
  type DeviceListEntry,
} from './device-list-filter';

const entries: DeviceListEntry[] = [
  { id: 'ser-1', name: 'Pulpit', protocol: 'pelco-d', endpoint: '/dev/ttyUSB0 #1' },
  { id: 'net-1', name: 'Stage left', protocol: 'visca-ip', endpoint: '192.0.2.11:52381' },
  { id: 'ser-2', name: 'Organ', protocol: 'visca-serial', endpoint: 'COM3 #2' },
  { id: 'net-2', name: 'Stage right', protocol: 'visca-tcp', endpoint: 'cam-right.local:5678' },
  { id: 'net-3', name: 'Balcony', protocol: 'visca-udp', endpoint: '192.0.2.13:1259' },
  { id: 'ser-3', name: 'Choir', protocol: 'pelco-p', endpoint: '/dev/ttyUSB1 #4' },
];

const labels: Record<DeviceListEntry['protocol'], string> = {
  'visca-ip': 'VISCA over IP',
  'visca-tcp': 'VISCA over TCP',
  'visca-udp': 'VISCA over UDP',
  'visca-serial': 'VISCA serial',
  'pelco-d': 'Pelco-D',
  'pelco-p': 'Pelco-P',
};
const labelOf = (p: DeviceListEntry['protocol']) => labels[p];
const ids = (query: string) => visibleIds(groupDevices(entries, query, labelOf));

describe('transportOf', () => {
  it('puts the VISCA network protocols on the network and the rest on serial', () => {
    expect(transportOf('visca-ip')).toBe('network');
    expect(transportOf('visca-tcp')).toBe('network');
    expect(transportOf('visca-udp')).toBe('network');
    expect(transportOf('visca-serial')).toBe('serial');
    expect(transportOf('pelco-d')).toBe('serial');
    expect(transportOf('pelco-p')).toBe('serial');
  });
});

describe('queryTerms / matchesQuery', () => {
  it('splits on whitespace, lower-cases and drops blanks', () => {
    expect(queryTerms('  Stage   LEFT ')).toEqual(['stage', 'left']);
    expect(queryTerms('   ')).toEqual([]);
  });

  it('matches everything for an empty or blank query', () => {
    expect(entries.every((e) => matchesQuery(e, ''))).toBe(true);
    expect(entries.every((e) => matchesQuery(e, ' \t '))).toBe(true);
  });

  it('matches name, host, serial path, protocol id and protocol label, case-insensitively', () => {
    const [pulpit, stageLeft] = entries as [DeviceListEntry, DeviceListEntry];
    expect(matchesQuery(stageLeft, 'STAGE')).toBe(true);
    expect(matchesQuery(stageLeft, '192.0.2.11')).toBe(true);
    expect(matchesQuery(stageLeft, ':52381')).toBe(true);
    expect(matchesQuery(pulpit, 'ttyusb0')).toBe(true);
    expect(matchesQuery(pulpit, 'pelco-d')).toBe(true);
    expect(matchesQuery(stageLeft, 'over ip', labelOf)).toBe(true);
    expect(matchesQuery(stageLeft, 'over ip')).toBe(false); // without the label only the id is known
  });

  it('needs every word to match somewhere', () => {
    const stageLeft = entries[1]!;
    expect(matchesQuery(stageLeft, 'stage 192.0.2.11')).toBe(true);
    expect(matchesQuery(stageLeft, 'stage 192.0.2.12')).toBe(false);
  });
});

describe('groupDevices', () => {
  it('groups network first, then serial, keeping the core order inside each group', () => {
    expect(groupDevices(entries, '', labelOf)).toEqual([
      { transport: 'network', ids: ['net-1', 'net-2', 'net-3'] },
      { transport: 'serial', ids: ['ser-1', 'ser-2', 'ser-3'] },
    ]);
  });

  it('leaves out groups with no match', () => {
    expect(groupDevices(entries, 'stage', labelOf)).toEqual([{ transport: 'network', ids: ['net-1', 'net-2'] }]);
    expect(groupDevices(entries, 'pelco', labelOf)).toEqual([{ transport: 'serial', ids: ['ser-1', 'ser-3'] }]);
    expect(groupDevices(entries, 'nothing like this', labelOf)).toEqual([]);
    expect(groupDevices([], '', labelOf)).toEqual([]);
  });

  it('finds protocols by their shown label and by the word "serial"', () => {
    expect(ids('visca over')).toEqual(['net-1', 'net-2', 'net-3']);
    expect(ids('serial')).toEqual(['ser-2']);
    expect(ids('/dev/')).toEqual(['ser-1', 'ser-3']);
  });
});

describe('stepVisible', () => {
  const visible = ['net-1', 'net-3', 'ser-2'];

  it('moves one row and stops at the ends', () => {
    expect(stepVisible(visible, 'net-1', 1)).toBe('net-3');
    expect(stepVisible(visible, 'net-3', 1)).toBe('ser-2');
    expect(stepVisible(visible, 'ser-2', 1)).toBe('ser-2');
    expect(stepVisible(visible, 'net-3', -1)).toBe('net-1');
    expect(stepVisible(visible, 'net-1', -1)).toBe('net-1');
  });

  it('from a hidden or no selection, lands on the first row going down and the last going up', () => {
    expect(stepVisible(visible, 'net-2', 1)).toBe('net-1');
    expect(stepVisible(visible, 'net-2', -1)).toBe('ser-2');
    expect(stepVisible(visible, null, 1)).toBe('net-1');
  });

  it('has nowhere to go in an empty list', () => {
    expect(stepVisible([], 'net-1', 1)).toBeNull();
  });
});

describe('flattenEntries / unflattenEntries', () => {
  it('round-trips', () => {
    const flat = flattenEntries(entries);
    expect(flat.every((f) => typeof f === 'string')).toBe(true);
    expect(flat).toHaveLength(entries.length * 4);
    expect(unflattenEntries(flat)).toEqual(entries);
    expect(unflattenEntries([])).toEqual([]);
  });
});

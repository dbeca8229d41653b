import { describe, expect, it } from 'vitest';
import type { Conflict } from '../../../shared/model/network';
import { createFakeClient } from '../../test/fake-client';
import { makeCamera, makeNetwork, makeScan, makeSession } from '../../test/network-fixtures';
import { createTestStore } from '../../test/render-with-app';
import { connectStoreToMain } from './connect-store-to-main';
import { selectDeviceConflicts } from './selectors';

describe('network, discovery and repair slices', () => {
  it('follow networkChanged, discoveryChanged and repairChanged, and unwire', () => {
    const client = createFakeClient();
    const store = createTestStore();
    const disconnect = connectStoreToMain(store, client);
    const conflict: Conflict = {
      kind: 'duplicate-ip',
      ip: '198.51.100.50',
      macs: ['02:00:5e:00:53:01', '02:00:5e:00:53:02'],
    };

    client.emit('networkChanged', makeNetwork({ deviceConflicts: { 'cam-1': [conflict] } }));
    client.emit('discoveryChanged', makeScan({ cameras: [makeCamera('mac:1')] }));
    client.emit('repairChanged', makeSession({ step: 'diagnose' }));
    const s = store.getState();
    expect(s.network.interfaces.map((i) => i.name)).toEqual(['eth0']);
    expect(selectDeviceConflicts('cam-1')(s)).toEqual([conflict]);
    expect(selectDeviceConflicts('cam-2')(s)).toEqual([]);
    expect(selectDeviceConflicts('cam-2')(s)).toBe(selectDeviceConflicts(null)(s)); // one shared empty list
    expect(s.discovery.cameras).toHaveLength(1);
    expect(s.repair?.state.step).toBe('diagnose');

    client.emit('repairChanged', null);
    expect(store.getState().repair).toBeNull();

    disconnect();
    expect(client.listenerCount('networkChanged')).toBe(0);
    expect(client.listenerCount('discoveryChanged')).toBe(0);
    expect(client.listenerCount('repairChanged')).toBe(0);
  });

  it('remembers the last forward step through a rollback, and forgets it for a new session', () => {
    const store = createTestStore();
    const s = () => store.getState();
    s().applyRepairChanged(makeSession({ step: 'verify' }));
    expect(s().repairReached).toBe('verify');
    s().applyRepairChanged(makeSession({ step: 'rolling-back', reason: 'camera stopped answering' }));
    expect(s().repairReached).toBe('verify');
    s().applyRepairChanged(makeSession({ step: 'rolling-back', reason: 'x' }, { id: 'rep-2' }));
    expect(s().repairReached).toBeNull();
    s().applyRepairChanged(null);
    expect(s().repairReached).toBeNull();
  });

  it('hands a discovered configuration to the add form exactly once, closing the pane', () => {
    const store = createTestStore();
    const s = () => store.getState();
    s().openDiscovery();
    s().requestAddDevice({ protocol: 'visca-ip', name: 'CAM', host: '198.51.100.20', port: 52381 });
    expect(s().discoveryOpen).toBe(false);
    expect(s().takeDeviceDraft()).toMatchObject({ host: '198.51.100.20' });
    expect(s().takeDeviceDraft()).toBeNull();
  });
});

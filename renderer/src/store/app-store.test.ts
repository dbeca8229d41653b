import { describe, expect, it } from 'vitest';
import { createFakeClient } from '../../test/fake-client';
import { makeDevice } from '../../test/fixtures';
import { createTestStore } from '../../test/render-with-app';
import { connectStoreToMain } from './connect-store-to-main';
import { selectSelectedDevice } from './selectors';

describe('devices slice', () => {
  it('applies init, update and remove', () => {
    const store = createTestStore();
    const s = () => store.getState();
    s().applyDevicesChanged({ type: 'init', items: [makeDevice('a'), makeDevice('b')] });
    expect([...s().devices.keys()]).toEqual(['a', 'b']);

    s().applyDevicesChanged({ type: 'update', item: makeDevice('b', { status: 'offline' }) });
    expect(s().devices.get('b')?.status).toBe('offline');

    s().applyDevicesChanged({ type: 'update', item: makeDevice('c') });
    expect(s().deviceIds).toEqual(['a', 'b', 'c']);

    s().applyDevicesChanged({ type: 'remove', id: 'a' });
    expect(s().deviceIds).toEqual(['b', 'c']);
    expect(s().devices.has('a')).toBe(false);

    // A fresh snapshot (after a reconnect) replaces everything.
    s().applyDevicesChanged({ type: 'init', items: [makeDevice('z')] });
    expect(s().deviceIds).toEqual(['z']);
  });

  it('keeps the id list identity when only device state changes, so the list does not re-render', () => {
    const store = createTestStore();
    store.getState().applyDevicesChanged({ type: 'init', items: [makeDevice('a'), makeDevice('b')] });
    const before = store.getState().deviceIds;
    const mapBefore = store.getState().devices;
    store.getState().applyDevicesChanged({ type: 'update', item: makeDevice('a', { moving: true }) });
    expect(store.getState().deviceIds).toBe(before);
    expect(store.getState().devices).not.toBe(mapBefore); // immutable update
  });

  it('selects the first device by default and keeps the selection while it exists', () => {
    const store = createTestStore();
    const s = () => store.getState();
    expect(s().selectedId).toBeNull();
    s().applyDevicesChanged({ type: 'init', items: [makeDevice('a'), makeDevice('b')] });
    expect(s().selectedId).toBe('a');
    s().select('b');
    s().applyDevicesChanged({ type: 'update', item: makeDevice('b', { latencyMs: 9 }) });
    expect(s().selectedId).toBe('b');
    expect(selectSelectedDevice(s())?.latencyMs).toBe(9);
    s().applyDevicesChanged({ type: 'remove', id: 'b' });
    expect(s().selectedId).toBe('a');
    s().applyDevicesChanged({ type: 'remove', id: 'a' });
    expect(s().selectedId).toBeNull();
  });

  it('select ignores unknown ids; next/prev stop at the ends', () => {
    const store = createTestStore();
    const s = () => store.getState();
    s().applyDevicesChanged({ type: 'init', items: [makeDevice('a'), makeDevice('b'), makeDevice('c')] });
    s().select('nope');
    expect(s().selectedId).toBe('a');
    s().selectPrev();
    expect(s().selectedId).toBe('a');
    s().selectNext();
    s().selectNext();
    expect(s().selectedId).toBe('c');
    s().selectNext();
    expect(s().selectedId).toBe('c');
    s().selectPrev();
    expect(s().selectedId).toBe('b');
  });
});

describe('ui slice', () => {
  it('persists the language and counts STOP ALL requests', () => {
    const store = createTestStore('en');
    store.getState().setLanguage('zh-CN');
    expect(store.getState().language).toBe('zh-CN');
    store.getState().noteStopAll();
    store.getState().noteStopAll();
    expect(store.getState().stopAllSeq).toBe(2);
  });
});

describe('connectStoreToMain', () => {
  it('feeds devicesChanged and the connection state into the store, and unwires', () => {
    const client = createFakeClient({ connection: 'connecting' });
    const store = createTestStore();
    const disconnect = connectStoreToMain(store, client);
    expect(store.getState().connection).toBe('connecting');
    expect(client.listenerCount('devicesChanged')).toBe(1);

    client.setConnectionState('open');
    client.emit('devicesChanged', { type: 'init', items: [makeDevice('cam-1')] });
    expect(store.getState().connection).toBe('open');
    expect(store.getState().deviceIds).toEqual(['cam-1']);

    disconnect();
    expect(client.listenerCount('devicesChanged')).toBe(0);
    client.emit('devicesChanged', { type: 'remove', id: 'cam-1' });
    client.setConnectionState('closed');
    expect(store.getState().deviceIds).toEqual(['cam-1']);
    expect(store.getState().connection).toBe('open');
  });

  it('applies a batch frame’s device updates as one store change, in order, after the last event', () => {
    const client = createFakeClient({ connection: 'open' });
    let batching = false;
    const ends = new Set<() => void>();
    Object.assign(client, {
      inEventBatch: () => batching,
      onEventBatchEnd: (l: () => void) => {
        ends.add(l);
        return () => void ends.delete(l);
      },
    });
    const store = createTestStore();
    connectStoreToMain(store, client);
    client.emit('devicesChanged', { type: 'init', items: [makeDevice('a'), makeDevice('b')] });
    let changes = 0;
    store.subscribe(() => changes++);

    batching = true;
    client.emit('devicesChanged', { type: 'update', item: makeDevice('a', { latencyMs: 7 }) });
    client.emit('devicesChanged', { type: 'remove', id: 'b' });
    client.emit('devicesChanged', { type: 'update', item: makeDevice('c') });
    expect(changes).toBe(0); // nothing applied mid-frame
    batching = false;
    for (const end of ends) end();
    expect(changes).toBe(1);
    expect(store.getState().deviceIds).toEqual(['a', 'c']);
    expect(store.getState().devices.get('a')?.latencyMs).toBe(7);
  });
});

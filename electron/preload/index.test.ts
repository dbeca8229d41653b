import { describe, expect, it, vi } from 'vitest';
import { PTZ_MANIFEST } from '../../shared/ipc/channels';

const electron = vi.hoisted(() => ({
  contextBridge: { exposeInMainWorld: vi.fn() },
  ipcRenderer: { invoke: vi.fn(), send: vi.fn(), on: vi.fn(), removeListener: vi.fn() },
}));
vi.mock('electron', () => electron);

describe('preload entry', () => {
  it('exposes one thing, `ptz`, built from the manifest, and never ipcRenderer itself', async () => {
    await import('./index');
    expect(electron.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
    const [name, api] = electron.contextBridge.exposeInMainWorld.mock.calls[0] as [string, Record<string, unknown>];
    expect(name).toBe('ptz');
    expect(Object.values(api)).not.toContain(electron.ipcRenderer);
    for (const e of PTZ_MANIFEST.events) expect(typeof api[e.listener]).toBe('function');
    const json = JSON.stringify(Object.keys(api));
    expect(json).not.toMatch(/ipcRenderer|invoke|send|require/);
  });
});

import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../logger';
import { SettingsStore } from './settings-store';

describe('SettingsStore', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'ptz-settings-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reports a first run when there is no file, then round-trips what it saved', async () => {
    const store = new SettingsStore(dir, silentLogger);
    const first = await store.load();
    expect(first.firstRun).toBe(true);
    const device = {
      id: 'cam-1',
      name: 'Stage left',
      protocol: 'visca-ip' as const,
      host: '192.0.2.10',
      port: 52381,
      enabled: true,
    };
    await store.save({ ...first.settings, devices: [device] });
    const again = await new SettingsStore(dir, silentLogger).load();
    expect(again.firstRun).toBe(false);
    expect(again.settings.devices).toEqual([device]);
    expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it.each([
    ['truncated JSON', '{"version":1,"devices":[{"id":', /not valid JSON/],
    [
      'a wrong shape',
      '{"version":1,"devices":[{"id":"a","protocol":"visca-ip","host":"","port":99999}]}',
      /does not match/,
    ],
  ])('moves %s aside, keeps its bytes, and starts empty', async (_n, text, reason) => {
    await writeFile(path.join(dir, 'settings.json'), text);
    const store = new SettingsStore(dir, silentLogger);
    const r = await store.load();
    expect(r.settings.devices).toEqual([]);
    expect(r.firstRun).toBe(false);
    expect(store.recovered).toMatch(reason);
    const kept = (await readdir(dir)).find((f) => f.startsWith('settings.json.corrupt-'));
    expect(kept).toBeDefined();
    expect(await readFile(path.join(dir, kept!), 'utf8')).toBe(text);
  });
});

/** The console's settings file (`settings.json` in the data directory): configured devices and flags. */
import path from 'node:path';
import { z } from 'zod';
import { DeviceConfig } from '../../../shared/model/device';
import { PresetRecord } from '../../../shared/model/preset';
import type { Logger } from '../logger';
import { loadJson, saveJson } from './json-file';

export const SETTINGS_VERSION = 1;

export const Settings = z.object({
  version: z.literal(SETTINGS_VERSION),
  devices: z.array(DeviceConfig),
  /** True once the demo cameras were added, so removing them is respected on later starts. */
  demoSeeded: z.boolean().default(false),
  /** Preset names and positions per device id, kept on the PC. */
  presets: z.record(z.string(), z.array(PresetRecord)).default({}),
});
export type Settings = z.output<typeof Settings>;

export const emptySettings = (): Settings => ({
  version: SETTINGS_VERSION,
  devices: [],
  demoSeeded: false,
  presets: {},
});

export class SettingsStore {
  readonly file: string;
  /** Set when the file on disk was unreadable at start: what happened, for the event log and the UI. */
  recovered: string | null = null;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    dataDir: string,
    private readonly log: Logger,
  ) {
    this.file = path.join(dataDir, 'settings.json');
  }

  async load(): Promise<{ settings: Settings; firstRun: boolean }> {
    const r = await loadJson(this.file, Settings);
    switch (r.kind) {
      case 'loaded':
        return { settings: r.value, firstRun: false };
      case 'missing':
        return { settings: emptySettings(), firstRun: true };
      case 'corrupt':
        this.recovered = `The settings file ${r.reason}. It was kept as ${r.movedTo}; starting with empty settings.`;
        this.log.error(this.recovered);
        return { settings: emptySettings(), firstRun: false };
    }
  }

  /** Saves in order; a failed write is logged and does not block later ones. */
  save(settings: Settings): Promise<void> {
    const snapshot = structuredClone(settings);
    this.writing = this.writing.then(() =>
      saveJson(this.file, snapshot).catch((e: unknown) => this.log.error(`saving ${this.file} failed`, e)),
    );
    return this.writing;
  }
}

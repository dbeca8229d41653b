/**
 * Discovery slice: the scan's whole state from `discoveryChanged`, whether the discovery pane is open, and
 * a hand-over of a discovered camera's configuration to the add-device form (which the devices panel owns).
 */
import type { StateCreator } from 'zustand';
import type { DeviceConfigInput } from '../../../shared/model/device';
import { IDLE_DISCOVERY, type DiscoveryState } from '../../../shared/model/network';
import type { AppState } from './app-store';

export { IDLE_DISCOVERY };

export interface DiscoverySlice {
  /** The current (or last) scan as the core reports it. */
  readonly discovery: DiscoveryState;
  /** The discovery pane is shown. */
  readonly discoveryOpen: boolean;
  /**
   * A configuration the add-device form should open with (set by "Add" in the discovery pane, taken by
   * the devices panel). Null when there is none waiting.
   */
  readonly deviceDraft: DeviceConfigInput | null;
  applyDiscoveryChanged(state: DiscoveryState): void;
  openDiscovery(): void;
  closeDiscovery(): void;
  /** Closes the pane and asks the devices panel to open the add form pre-filled with `config`. */
  requestAddDevice(config: DeviceConfigInput): void;
  /** Returns the waiting draft (if any) and clears it, so it opens exactly once. */
  takeDeviceDraft(): DeviceConfigInput | null;
}

export const createDiscoverySlice: StateCreator<AppState, [], [], DiscoverySlice> = (set, get) => ({
  discovery: IDLE_DISCOVERY,
  discoveryOpen: false,
  deviceDraft: null,
  applyDiscoveryChanged: (discovery) => set({ discovery }),
  openDiscovery: () => set({ discoveryOpen: true }),
  closeDiscovery: () => set({ discoveryOpen: false }),
  requestAddDevice: (config) => set({ discoveryOpen: false, deviceDraft: config }),
  takeDeviceDraft() {
    const draft = get().deviceDraft;
    if (draft !== null) set({ deviceDraft: null });
    return draft;
  },
});

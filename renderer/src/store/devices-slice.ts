/** Devices slice: every device's live state, kept from the core's snapshot + delta stream, and the selection. */
import type { StateCreator } from 'zustand';
import type { DeviceState } from '../../../shared/model/device-status';
import { applyCollectionUpdate, type CollectionUpdate } from '../../../shared/ipc/updates';
import type { AppState } from './app-store';

export interface DevicesSlice {
  /** Live state by device id, in the core's order. Replaced (never mutated) on every change. */
  readonly devices: ReadonlyMap<string, DeviceState>;
  /**
   * The ids in display order. Keeps its identity while membership is unchanged, so the list does not
   * re-render for the many position and status updates.
   */
  readonly deviceIds: readonly string[];
  /** The camera the controls drive; null only when there is none. */
  readonly selectedId: string | null;
  /** Applies one `devicesChanged` message (`init`, `update` or `remove`). */
  applyDevicesChanged(update: CollectionUpdate<DeviceState>): void;
  /**
   * Applies several in order as ONE store change: a frame of a hundred cameras' positions then costs one
   * round of selectors instead of a hundred.
   */
  applyDevicesChangedAll(updates: readonly CollectionUpdate<DeviceState>[]): void;
  /** Selects a known device; unknown ids are ignored. */
  select(id: string): void;
  /** Selects the next device in display order (stays on the last one). */
  selectNext(): void;
  /** Selects the previous device in display order (stays on the first one). */
  selectPrev(): void;
}

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id, i) => id === b[i]);
}

/** Moves the selection by `step` within `ids`; from nothing, it lands on the first device. */
function stepSelection(ids: readonly string[], selectedId: string | null, step: 1 | -1): string | null {
  if (ids.length === 0) return null;
  const at = selectedId === null ? -1 : ids.indexOf(selectedId);
  if (at === -1) return ids[0] ?? null;
  return ids[Math.min(ids.length - 1, Math.max(0, at + step))] ?? null;
}

export const createDevicesSlice: StateCreator<AppState, [], [], DevicesSlice> = (set, get) => ({
  devices: new Map(),
  deviceIds: [],
  selectedId: null,

  applyDevicesChanged(update) {
    get().applyDevicesChangedAll([update]);
  },

  applyDevicesChangedAll(updates) {
    if (updates.length === 0) return;
    const { devices, deviceIds, selectedId } = get();
    // One copy for the whole batch (applyCollectionUpdate would copy the map once per update).
    const next = new Map(devices);
    for (const update of updates) {
      if (update.type === 'init') {
        next.clear();
        for (const [id, item] of applyCollectionUpdate(new Map(), update)) next.set(id, item);
      } else if (update.type === 'update') next.set(update.item.id, update.item);
      else next.delete(update.id);
    }
    const ids = [...next.keys()];
    // Keep the operator's camera when it still exists; otherwise fall back to the first one.
    const selected = selectedId !== null && next.has(selectedId) ? selectedId : (ids[0] ?? null);
    set({ devices: next, deviceIds: sameIds(ids, deviceIds) ? deviceIds : ids, selectedId: selected });
  },

  select(id) {
    if (get().devices.has(id)) set({ selectedId: id });
  },

  selectNext() {
    const { deviceIds, selectedId } = get();
    set({ selectedId: stepSelection(deviceIds, selectedId, 1) });
  },

  selectPrev() {
    const { deviceIds, selectedId } = get();
    set({ selectedId: stepSelection(deviceIds, selectedId, -1) });
  },
});

/** Selectors shared by features. Those returning new objects must be used with `useShallow`. */
import type { DeviceState } from '../../../shared/model/device-status';
import type { Conflict } from '../../../shared/model/network';
import type { AppState } from './app-store';

export const selectSelectedDevice = (s: AppState): DeviceState | null =>
  s.selectedId === null ? null : (s.devices.get(s.selectedId) ?? null);

/** The selected device's position; identity changes only when the position object is replaced. */
export const selectSelectedPosition = (s: AppState): DeviceState['position'] =>
  selectSelectedDevice(s)?.position ?? null;

/** Display name of the selected device, or null. */
export const selectSelectedName = (s: AppState): string | null => selectSelectedDevice(s)?.config.name ?? null;

const NO_CONFLICTS: readonly Conflict[] = [];

/** A device's address problems from `networkChanged` (a shared empty list when it has none). */
export const selectDeviceConflicts =
  (id: string | null) =>
  (s: AppState): readonly Conflict[] =>
    id === null ? NO_CONFLICTS : (s.network.deviceConflicts[id] ?? NO_CONFLICTS);

/**
 * `presets` service: recall, save, rename and clear in the operator's numbering (drivers map it to the
 * wire). Names and the position at save time are kept on the PC with the device entry, so they survive a
 * camera swap and a camera that forgets its memories.
 */
import type { PtzContract } from '../../../shared/ipc/contract';
import type { ServiceHandlers } from '../../../shared/ipc/contract-types';
import { IpcError } from '../../../shared/ipc/ipc-error';
import type { PresetRecord } from '../../../shared/model/preset';
import { systemClock, type Clock } from '../devices/clock';
import type { DeviceManager } from '../devices/device-manager';
import type { PtzDevice } from '../devices/ptz-device';

export interface PresetsServiceDeps {
  manager: DeviceManager;
  persist(): Promise<void>;
  now?: () => number;
  /** Timers for `reteach` (waiting for the head to arrive). */
  clock?: Clock;
  /** How long `reteach` waits for the head to reach one preset, ms (default 30 000). */
  arrivalTimeoutMs?: number;
}

/** How close (normalised units) the reported position must come to a preset's: ≈ 0.3° of a 340° pan. */
const ARRIVAL_TOLERANCE = 0.002;
const ARRIVAL_POLL_MS = 100;

export function createPresetsService(deps: PresetsServiceDeps): ServiceHandlers<PtzContract['services']['presets']> {
  const { manager, persist } = deps;
  const now = deps.now ?? Date.now;
  const clock = deps.clock ?? systemClock;
  const arrivalTimeoutMs = deps.arrivalTimeoutMs ?? 30_000;

  const replace = async (deviceId: string, number: number, record: PresetRecord | null) => {
    const device = manager.get(deviceId);
    const others = device.snapshot().presets.filter((p) => p.number !== number);
    device.setPresetRecords(record ? [...others, record] : others);
    await persist();
  };

  const save = async (deviceId: string, preset: number, name: string | undefined) => {
    const device = manager.get(deviceId);
    await device.savePreset(preset);
    const state = device.snapshot();
    const previous = state.presets.find((p) => p.number === preset);
    const p = state.position;
    await replace(deviceId, preset, {
      number: preset,
      name: name ?? previous?.name ?? `Preset ${preset}`,
      savedAt: now(),
      position: p && {
        pan: p.pan,
        tilt: p.tilt,
        zoom: p.zoom,
        panDeg: p.panDeg,
        tiltDeg: p.tiltDeg,
        zoomRatio: p.zoomRatio,
      },
    });
  };

  return {
    recall: (_ctx, { deviceId, preset }) => manager.get(deviceId).recallPreset(preset),

    save: (_ctx, { deviceId, preset, name }) => save(deviceId, preset, name),

    async rename(_ctx, { deviceId, preset, name }) {
      const record = manager
        .get(deviceId)
        .snapshot()
        .presets.find((p) => p.number === preset);
      if (!record) {
        throw new IpcError('not-found', `Preset ${preset} was not saved from this console; save it first`);
      }
      await replace(deviceId, preset, { ...record, name });
    },

    async clear(_ctx, { deviceId, preset }) {
      await manager.get(deviceId).clearPreset(preset);
      await replace(deviceId, preset, null);
    },

    async reteach(_ctx, { deviceId }) {
      const device = manager.get(deviceId);
      const records = [...device.snapshot().presets].sort((a, b) => a.number - b.number);
      const taught: number[] = [];
      const skipped = records.filter((r) => r.position === null).map((r) => r.number);
      for (const r of records) {
        if (r.position === null) continue;
        const since = clock.now();
        await device.moveTo(r.position);
        await arrival(device, r.position, since);
        await save(deviceId, r.number, r.name);
        taught.push(r.number);
      }
      return { taught, skipped };
    },
  };

  /** Resolves once the reported position is within tolerance and the head is still; rejects on a stop. */
  async function arrival(device: PtzDevice, target: { pan: number; tilt: number; zoom: number }, since: number) {
    const deadline = since + arrivalTimeoutMs;
    for (;;) {
      const s = device.snapshot();
      // An operator's STOP (or the dead-man, or a disconnect) ends the re-teach: never save a half-way point.
      if (s.lastStop && s.lastStop.at >= since) {
        throw new IpcError('conflict', `${s.config.name} was stopped (${s.lastStop.reason}): re-teaching ended`);
      }
      if (s.status !== 'online') throw new IpcError('device-offline', `${s.config.name} is ${s.status}`);
      const p = s.position;
      const near = (a: number, b: number) => Math.abs(a - b) <= ARRIVAL_TOLERANCE;
      if (p && near(p.pan, target.pan) && near(p.tilt, target.tilt) && near(p.zoom, target.zoom)) return;
      if (clock.now() > deadline) {
        throw new IpcError(
          'timeout',
          `${s.config.name} did not reach the preset position within ${arrivalTimeoutMs} ms`,
        );
      }
      await new Promise<void>((resolve) => clock.setTimeout(resolve, ARRIVAL_POLL_MS));
    }
  }
}

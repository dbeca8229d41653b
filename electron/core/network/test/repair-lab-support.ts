/** What the repair lab tests share: their preconditions, the session-ended test, and driving the camera. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import type { DeviceState } from '../../../../shared/model/device-status';
import type { RepairSession } from '../../../../shared/model/repair';
import type { CollectionUpdate } from '../../../../shared/ipc/updates';
import type { CoreProcess } from '../../../test-support/core-process';
import type { Lab } from '../../../test-support/netns-lab';
import { isFinished } from '../repair/repair-machine';

const ROOT = path.resolve(import.meta.dirname, '../../../..');

/** The bundled net helper the lab's core runs as root. */
export const BUNDLED_HELPER = path.join(ROOT, 'out/node/net-helper.mjs');

/** Throws, naming `testFile`, unless this runs as root with a built helper. */
export function requireLabPrerequisites(testFile: string): void {
  if (process.getuid?.() !== 0) {
    throw new Error(`${testFile} needs root (network namespaces, ip addr): run the tests as root`);
  }
  if (!existsSync(BUNDLED_HELPER)) throw new Error(`${BUNDLED_HELPER} is missing: run npm run build first`);
}

/** Whether a `repairChanged` payload shows a session that has ended (done or failed). */
export const sessionEnded = (s: RepairSession | null): boolean => s !== null && isFinished(s.state);

/**
 * The device entry follows the camera to `newIp`, comes online there, and drives it: a zoom the camera
 * (`mac` in the lab) carries out.
 */
export async function drivesAtNewAddress(
  core: CoreProcess,
  lab: Lab,
  device: { id: string; mac: string; newIp: string },
): Promise<void> {
  const online = await core.waitForEvent<CollectionUpdate<DeviceState>>(
    'devicesChanged',
    (u) => u.type === 'update' && u.item.id === device.id && u.item.status === 'online',
    30_000,
  );
  expect(online.type === 'update' && online.item.config).toMatchObject({ host: device.newIp });
  const zoomBefore = (await lab.camera(device.mac).state()).zoom;
  await core.call('lens', 'zoomTo', { deviceId: device.id, position: 1 });
  await expect
    .poll(async () => (await lab.camera(device.mac).state()).zoom, { timeout: 20_000, interval: 250 })
    .toBeGreaterThan(zoomBefore);
}

import type { DeviceStatus } from '../../../shared/model/device-status';

/** A coloured dot for a device status; decorative (the status word is always shown next to it). */
export function StatusDot({ status }: { status: DeviceStatus }) {
  return <span className="status-dot" data-status={status} aria-hidden="true" />;
}

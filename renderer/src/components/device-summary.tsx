/** One device's at-a-glance summary: presentational, every string already translated by the caller. */
import type { DeviceStatus } from '../../../shared/model/device-status';
import { StatusDot } from './status-dot';

export interface DeviceSummaryProps {
  readonly id: string;
  readonly name: string;
  /** e.g. "VISCA over IP · 192.0.2.10:52381" */
  readonly address: string;
  readonly status: DeviceStatus;
  /** The translated status word. */
  readonly statusLabel: string;
  /** Why the device is in this status (from the core); shown as text and tooltip. */
  readonly statusDetail: string | null;
  /** e.g. "12 ms", or null before the first reply. */
  readonly latencyLabel: string | null;
  /** e.g. "Moving" while any axis is commanded, else null. */
  readonly movingLabel: string | null;
}

export function DeviceSummary(props: DeviceSummaryProps) {
  const { id, name, address, status, statusLabel, statusDetail, latencyLabel, movingLabel } = props;
  return (
    <>
      <div className="device-line">
        <StatusDot status={status} />
        <span className="device-name">{name}</span>
        {movingLabel !== null && (
          <span className="device-moving" data-testid={`device-moving-${id}`}>
            {movingLabel}
          </span>
        )}
      </div>
      <div className="device-line device-sub">
        <span className="device-address">{address}</span>
      </div>
      <div className="device-line device-sub">
        <span
          className="device-status"
          data-testid={`device-status-${id}`}
          data-status={status}
          title={statusDetail ?? undefined}
        >
          {statusLabel}
        </span>
        {latencyLabel !== null && <span className="device-latency">{latencyLabel}</span>}
      </div>
      {statusDetail !== null && status !== 'online' && <p className="device-detail">{statusDetail}</p>}
    </>
  );
}

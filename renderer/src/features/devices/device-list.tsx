/**
 * The camera list: live status, address and motion at a glance. A single-select listbox where the
 * selection follows the arrow keys (choosing a camera moves nothing, so it is safe to be immediate);
 * Enter hands control to the joystick.
 */
import { describeEndpoint } from '../../../../shared/model/device';
import { useEffect, useId, type KeyboardEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { DeviceSummary } from '../../components/device-summary';
import { useT } from '../../i18n/use-t';
import { useAppStore, useAppStoreApi } from '../../store/app-context';
import type { AppState } from '../../store/app-store';

export interface DeviceListProps {
  /** Enter (or Space) on the list: the operator wants to drive the selected camera. */
  readonly onConfirm?: () => void;
}

const optionId = (listId: string, deviceId: string): string => `${listId}-${deviceId}`;

export function DeviceList({ onConfirm }: DeviceListProps) {
  const t = useT();
  const listId = useId();
  const store = useAppStoreApi();
  const ids = useAppStore((s) => s.deviceIds);
  const selectedId = useAppStore((s) => s.selectedId);

  // Keep the selected row visible when the keyboard walks past the edge of a scrolled list.
  useEffect(() => {
    if (selectedId === null) return;
    document.getElementById(optionId(listId, selectedId))?.scrollIntoView?.({ block: 'nearest' });
  }, [listId, selectedId]);

  const onKeyDown = (e: KeyboardEvent<HTMLUListElement>): void => {
    const s = store.getState();
    switch (e.key) {
      case 'ArrowDown':
        s.selectNext();
        break;
      case 'ArrowUp':
        s.selectPrev();
        break;
      case 'Home':
        if (ids[0] !== undefined) s.select(ids[0]);
        break;
      case 'End': {
        const last = ids[ids.length - 1];
        if (last !== undefined) s.select(last);
        break;
      }
      case 'Enter':
      case ' ':
        onConfirm?.();
        break;
      default:
        return;
    }
    e.preventDefault();
  };

  if (ids.length === 0) {
    return (
      <p className="device-empty" data-testid="device-list-empty">
        {t('devices.empty')}
      </p>
    );
  }
  return (
    <ul
      className="device-list"
      data-testid="device-list"
      role="listbox"
      aria-label={t('devices.listLabel')}
      tabIndex={0}
      aria-activedescendant={selectedId === null ? undefined : optionId(listId, selectedId)}
      onKeyDown={onKeyDown}
    >
      {ids.map((id) => (
        <DeviceRow key={id} id={id} domId={optionId(listId, id)} selected={id === selectedId} />
      ))}
    </ul>
  );
}

/** Only the fields a row shows: position updates (many per second) do not re-render the row. */
const selectRow = (id: string) => (s: AppState) => {
  const d = s.devices.get(id);
  if (!d) return null;
  return {
    name: d.config.name,
    protocol: d.config.protocol,
    endpoint: describeEndpoint(d.config),
    status: d.status,
    statusDetail: d.statusDetail ?? d.problem?.message ?? null,
    latencyMs: d.latencyMs === null ? null : Math.round(d.latencyMs),
    moving: d.moving,
  };
};

function DeviceRow({ id, domId, selected }: { id: string; domId: string; selected: boolean }) {
  const t = useT();
  const store = useAppStoreApi();
  const row = useAppStore(useShallow(selectRow(id)));
  if (!row) return null;
  return (
    <li
      id={domId}
      className="device-row"
      role="option"
      aria-selected={selected}
      data-testid={`device-row-${id}`}
      data-status={row.status}
      data-moving={row.moving}
      title={row.statusDetail ?? undefined}
      onClick={() => store.getState().select(id)}
    >
      <DeviceSummary
        id={id}
        name={row.name}
        address={t('devices.address', {
          protocol: t(`devices.protocol.${row.protocol}`),
          endpoint: row.endpoint,
        })}
        status={row.status}
        statusLabel={t(`devices.status.${row.status}`)}
        statusDetail={row.statusDetail}
        latencyLabel={row.latencyMs === null ? null : t('devices.latency', { ms: row.latencyMs })}
        movingLabel={row.moving ? t('devices.moving') : null}
      />
    </li>
  );
}

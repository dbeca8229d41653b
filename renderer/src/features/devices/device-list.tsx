/**
 * The camera list: live status, address and motion at a glance. A search box above it filters by name,
 * host/path and protocol (Escape clears it; the global Escape = STOP ALL still fires, it listens first).
 * Rows are grouped by transport, network then serial (the contract has no group field). A single-select
 * listbox where the selection follows the arrow keys among the visible rows (choosing a camera moves
 * nothing, so it is safe to be immediate); Enter hands control to the joystick.
 */
import { describeEndpoint, type DeviceProtocol } from '../../../../shared/model/device';
import { useEffect, useId, useMemo, useState, type KeyboardEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { ConflictBadges } from '../../components/conflict-badges';
import { DeviceSummary } from '../../components/device-summary';
import { useT } from '../../i18n/use-t';
import { useAppStore, useAppStoreApi } from '../../store/app-context';
import type { AppState } from '../../store/app-store';
import { selectDeviceConflicts } from '../../store/selectors';
import { conflictLabel, explainConflict } from '../repair/conflict-text';
import {
  flattenEntries,
  groupDevices,
  stepVisible,
  unflattenEntries,
  visibleIds,
  type DeviceListEntry,
} from './device-list-filter';

export interface DeviceListProps {
  /** Enter (or Space) on the list: the operator wants to drive the selected camera. */
  readonly onConfirm?: () => void;
}

const optionId = (listId: string, deviceId: string): string => `${listId}-${deviceId}`;

/** What search and grouping need, as flat strings: equal arrays (position updates) do not re-render. */
const selectEntryFields = (s: AppState): string[] =>
  flattenEntries(
    s.deviceIds.flatMap((id): DeviceListEntry[] => {
      const c = s.devices.get(id)?.config;
      return c ? [{ id, name: c.name, protocol: c.protocol, endpoint: describeEndpoint(c) }] : [];
    }),
  );

export function DeviceList({ onConfirm }: DeviceListProps) {
  const t = useT();
  const listId = useId();
  const searchId = useId();
  const store = useAppStoreApi();
  const fields = useAppStore(useShallow(selectEntryFields));
  const selectedId = useAppStore((s) => s.selectedId);
  const [query, setQuery] = useState('');

  const entries = useMemo(() => unflattenEntries(fields), [fields]);
  const groups = useMemo(
    () => groupDevices(entries, query, (p: DeviceProtocol) => t(`devices.protocol.${p}`)),
    [entries, query, t],
  );
  const ids = useMemo(() => visibleIds(groups), [groups]);
  const activeId = selectedId !== null && ids.includes(selectedId) ? selectedId : null;

  // Keep the selected row visible when the keyboard walks past the edge of a scrolled list.
  useEffect(() => {
    if (activeId === null) return;
    document.getElementById(optionId(listId, activeId))?.scrollIntoView?.({ block: 'nearest' });
  }, [listId, activeId]);

  const onKeyDown = (e: KeyboardEvent<HTMLUListElement>): void => {
    const s = store.getState();
    const go = (id: string | null | undefined): void => {
      if (id !== null && id !== undefined) s.select(id);
    };
    switch (e.key) {
      case 'ArrowDown':
        go(stepVisible(ids, s.selectedId, 1));
        break;
      case 'ArrowUp':
        go(stepVisible(ids, s.selectedId, -1));
        break;
      case 'Home':
        go(ids[0]);
        break;
      case 'End':
        go(ids[ids.length - 1]);
        break;
      case 'Enter':
      case ' ':
        onConfirm?.();
        break;
      default:
        return;
    }
    e.preventDefault();
  };

  const onSearchKeyDown = (e: KeyboardEvent<HTMLInputElement>): void => {
    // Escape is also STOP ALL: that handler listens on window in the capture phase and has already run.
    // Here it only clears the box; nothing is stopped from propagating.
    if (e.key === 'Escape') {
      e.preventDefault();
      setQuery('');
    }
  };

  if (entries.length === 0) {
    return (
      <p className="device-empty" data-testid="device-list-empty">
        {t('devices.empty')}
      </p>
    );
  }
  const filtered = query.trim() !== '';
  return (
    <>
      <div className="device-search" role="search">
        <label htmlFor={searchId} className="visually-hidden">
          {t('look.search.label')}
        </label>
        <input
          id={searchId}
          type="search"
          data-testid="device-search"
          value={query}
          placeholder={t('look.search.placeholder')}
          autoComplete="off"
          spellCheck={false}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={onSearchKeyDown}
        />
        {filtered && (
          <span className="device-search-count" data-testid="device-search-count" aria-live="polite">
            {t('look.search.count', { shown: ids.length, total: entries.length })}
          </span>
        )}
      </div>
      {ids.length === 0 ? (
        <p className="device-empty" data-testid="device-list-no-match">
          {t('look.search.noMatch', { query: query.trim() })}
        </p>
      ) : (
        <ul
          className="device-list"
          data-testid="device-list"
          role="listbox"
          aria-label={t('devices.listLabel')}
          tabIndex={0}
          aria-activedescendant={activeId === null ? undefined : optionId(listId, activeId)}
          onKeyDown={onKeyDown}
        >
          {groups.map((group) => {
            const headingId = `${listId}-group-${group.transport}`;
            return (
              <li
                key={group.transport}
                className="device-group"
                role="group"
                aria-labelledby={headingId}
                data-testid={`device-group-${group.transport}`}
              >
                <div id={headingId} className="device-group-title">
                  {t(`look.group.${group.transport}`)}
                  <span className="device-group-count" aria-hidden="true">
                    {group.ids.length}
                  </span>
                </div>
                <ul className="device-group-rows" role="presentation">
                  {group.ids.map((id) => (
                    <DeviceRow key={id} id={id} domId={optionId(listId, id)} selected={id === selectedId} />
                  ))}
                </ul>
              </li>
            );
          })}
        </ul>
      )}
    </>
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
  const conflicts = useAppStore(selectDeviceConflicts(id));
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
      {conflicts.length > 0 && (
        <div className="device-line device-sub">
          <ConflictBadges
            testId={`device-conflict-${id}`}
            badges={conflicts.map((c) => ({
              kind: c.kind,
              label: conflictLabel(c, t),
              explanation: explainConflict(c, t),
            }))}
          />
        </div>
      )}
    </li>
  );
}

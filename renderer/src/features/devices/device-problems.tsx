/**
 * The selected camera's address problems (from `networkChanged`) in plain words, with "Repair…" to start
 * the wizard for it. Kept outside the list because a listbox option must not contain buttons.
 */
import { useState } from 'react';
import { endpointOf } from '../../../../shared/model/device';
import { Ipv4 } from '../../../../shared/model/network';
import { useT } from '../../i18n/use-t';
import { useAppStore, useAppStoreApi } from '../../store/app-context';
import { selectDeviceConflicts, selectSelectedDevice } from '../../store/selectors';
import { conflictLabel, explainConflict } from '../repair/conflict-text';
import { useStartRepair } from '../repair/use-start-repair';

export function DeviceProblems() {
  const t = useT();
  const store = useAppStoreApi();
  const startRepair = useStartRepair();
  const selectedId = useAppStore((s) => s.selectedId);
  const conflicts = useAppStore(selectDeviceConflicts(selectedId));
  const name = useAppStore((s) => selectSelectedDevice(s)?.config.name ?? null);
  const [pending, setPending] = useState(false);
  if (selectedId === null || name === null || conflicts.length === 0) return null;

  const onRepair = async (): Promise<void> => {
    const config = store.getState().devices.get(selectedId)?.config;
    if (!config || pending) return;
    const endpoint = endpointOf(config);
    // The wizard repairs IPv4 cameras; a host name has no address to readdress.
    const ip = endpoint.kind === 'network' ? Ipv4.safeParse(endpoint.host) : null;
    const address = ip?.success ? ip.data : (conflicts[0]?.ip ?? null);
    if (address === null) return;
    setPending(true);
    const refused = await startRepair({ ip: address, deviceId: selectedId });
    setPending(false);
    if (refused !== null) store.getState().showNotice({ type: 'repair-start-failed', message: refused });
  };

  return (
    <div className="device-problems" role="group" aria-label={t('network.problems')} data-testid="device-problems">
      <ul>
        {conflicts.map((c) => (
          <li key={c.kind}>
            <span className="conflict-badge" data-kind={c.kind}>
              {conflictLabel(c, t)}
            </span>{' '}
            {explainConflict(c, t)}
          </li>
        ))}
      </ul>
      <button
        type="button"
        className="button button-small button-warn"
        data-testid="device-repair"
        aria-label={t('network.repairLabel', { name })}
        aria-disabled={pending}
        onClick={() => void onRepair()}
      >
        {t('network.repair')}
      </button>
    </div>
  );
}

/**
 * The table of cameras a scan found: name/model, address and MAC, interface, how it was found, how the
 * console would drive it, reachability and address problems, and Add / Repair… per row.
 */
import type { ControlEndpoint, DiscoveredCamera } from '../../../../shared/model/network';
import { ConflictBadges } from '../../components/conflict-badges';
import type { Translate } from '../../i18n/i18n';
import { useT } from '../../i18n/use-t';
import { conflictLabel, explainConflict } from '../repair/conflict-text';
import { cameraName, needsRepair } from './discovery-model';

export interface DiscoveryResultsProps {
  readonly cameras: readonly DiscoveredCamera[];
  readonly onAdd: (camera: DiscoveredCamera) => void;
  readonly onRepair: (camera: DiscoveredCamera) => void;
  /** A repair is being requested: its buttons wait. */
  readonly repairPending: boolean;
}

function endpointText(endpoint: ControlEndpoint, t: Translate): string {
  const protocol = t(`devices.protocol.${endpoint.protocol}`);
  switch (endpoint.protocol) {
    case 'visca-ip':
    case 'visca-tcp':
    case 'visca-udp':
      return t('discovery.endpoint.network', { protocol, host: endpoint.host, port: endpoint.port });
    case 'visca-serial':
    case 'pelco-d':
    case 'pelco-p':
      return t('discovery.endpoint.serial', {
        protocol,
        path: endpoint.path,
        baud: endpoint.baud,
        address: endpoint.address,
      });
  }
}

export function DiscoveryResults({ cameras, onAdd, onRepair, repairPending }: DiscoveryResultsProps) {
  const t = useT();
  if (cameras.length === 0) {
    return (
      <p className="discovery-empty" data-testid="discovery-no-results">
        {t('discovery.noResults')}
      </p>
    );
  }
  return (
    <table className="discovery-table" data-testid="discovery-results">
      <caption className="visually-hidden">{t('discovery.results')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('discovery.col.camera')}</th>
          <th scope="col">{t('discovery.col.address')}</th>
          <th scope="col">{t('discovery.col.interface')}</th>
          <th scope="col">{t('discovery.col.foundBy')}</th>
          <th scope="col">{t('discovery.col.control')}</th>
          <th scope="col">{t('discovery.col.status')}</th>
          <th scope="col">{t('discovery.col.actions')}</th>
        </tr>
      </thead>
      <tbody>
        {cameras.map((camera) => {
          const name = cameraName(camera) ?? t('discovery.unnamed');
          const showModel = camera.model !== null && camera.model.trim() !== '' && camera.model.trim() !== name;
          const repairable = needsRepair(camera);
          return (
            <tr key={camera.id} data-testid={`discovery-row-${camera.id}`} data-reachable={camera.reachable}>
              <th scope="row" className="discovery-name">
                <span>{name}</span>
                {showModel && <span className="discovery-sub">{camera.model}</span>}
              </th>
              <td className="discovery-mono">
                <span>
                  {camera.ip === null
                    ? t('discovery.serialBus')
                    : `${camera.ip}${camera.prefix === null ? '' : `/${camera.prefix}`}`}
                </span>
                <span className="discovery-sub">{camera.mac ?? t('discovery.macUnknown')}</span>
              </td>
              <td className="discovery-mono">{camera.interface ?? '—'}</td>
              <td>
                <ul className="discovery-tags">
                  {camera.foundBy.map((m) => (
                    <li key={m}>{t(`discovery.method.${m}`)}</li>
                  ))}
                </ul>
              </td>
              <td>
                {camera.endpoints.length === 0 ? (
                  <span className="discovery-sub">{t('discovery.noEndpoint')}</span>
                ) : (
                  <ul className="discovery-endpoints" data-testid="discovery-endpoints">
                    {camera.endpoints.map((e, i) => (
                      <li key={i}>{endpointText(e, t)}</li>
                    ))}
                  </ul>
                )}
              </td>
              <td>
                {camera.ip !== null && (
                  <span className="reach-mark" data-reachable={camera.reachable} data-testid="discovery-reach">
                    <span className="reach-dot" aria-hidden="true" />
                    {camera.reachable ? t('discovery.reachable') : t('discovery.unreachable')}
                  </span>
                )}
                <ConflictBadges
                  testId="discovery-conflicts"
                  announce={false}
                  badges={camera.conflicts.map((c) => ({
                    kind: c.kind,
                    label: conflictLabel(c, t),
                    explanation: explainConflict(c, t),
                  }))}
                />
                {camera.conflicts.map((c) => (
                  <p key={c.kind} className="discovery-explain" data-testid={`discovery-explain-${c.kind}`}>
                    {explainConflict(c, t)}
                  </p>
                ))}
              </td>
              <td>
                <div className="discovery-actions">
                  {camera.endpoints.length > 0 && (
                    <button
                      type="button"
                      className="button button-small"
                      data-testid="discovery-add"
                      aria-label={t('discovery.addLabel', { name })}
                      onClick={() => onAdd(camera)}
                    >
                      {t('discovery.add')}
                    </button>
                  )}
                  {repairable && (
                    <button
                      type="button"
                      className="button button-small button-warn"
                      data-testid="discovery-repair"
                      aria-label={t('discovery.repairLabel', { name })}
                      aria-disabled={repairPending}
                      onClick={() => {
                        if (!repairPending) onRepair(camera);
                      }}
                    >
                      {t('network.repair')}
                    </button>
                  )}
                </div>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

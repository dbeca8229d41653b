/** One progress bar per discovery method: state, probes done of planned, and why a method failed. */
import type { MethodProgress } from '../../../../shared/model/network';
import { useT } from '../../i18n/use-t';

export function DiscoveryProgress({ methods }: { methods: readonly MethodProgress[] }) {
  const t = useT();
  if (methods.length === 0) return null;
  return (
    <ul className="discovery-progress" aria-label={t('discovery.progress')} data-testid="discovery-progress">
      {methods.map((m) => {
        const label = t(`discovery.method.${m.method}`);
        const count = m.total > 0 ? t('discovery.progressCount', { done: m.done, total: m.total }) : null;
        return (
          <li key={m.method} data-testid={`discovery-progress-${m.method}`} data-state={m.state}>
            <div className="progress-line">
              <span className="progress-name">{label}</span>
              <span className="progress-state">
                {t(`discovery.methodState.${m.state}`)}
                {count !== null && ` · ${count}`}
              </span>
            </div>
            {/* Without a total the work is unknown: an indeterminate bar while it runs. */}
            <progress
              aria-label={label}
              max={m.total > 0 ? m.total : 1}
              value={
                m.total > 0 ? Math.min(m.done, m.total) : m.state === 'running' ? undefined : m.state === 'done' ? 1 : 0
              }
              data-state={m.state}
            />
            {m.detail !== null && (
              <p className="progress-detail" lang="en">
                {m.detail}
              </p>
            )}
          </li>
        );
      })}
    </ul>
  );
}

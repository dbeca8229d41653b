/** Tells the operator when the bridge to the core is not open: controls cannot reach any camera then. */
import { useT } from '../../i18n/use-t';
import { useAppStore } from '../../store/app-context';

export function ConnectionBanner() {
  const t = useT();
  const state = useAppStore((s) => s.connection);
  if (state === 'open') return null;
  return (
    <div
      className="banner"
      data-testid="connection-banner"
      data-state={state}
      role={state === 'closed' ? 'alert' : 'status'}
    >
      {t(`connection.${state}`)}
    </div>
  );
}

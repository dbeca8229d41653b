/**
 * The discovery pane, the repair wizard and the repair history, one at a time (each is modal and owns
 * Escape and focus): the history over the wizard over the pane. Closing the wizard brings the pane back
 * if it was open, so the operator continues where the repair was started.
 */
import { useEffect, useRef } from 'react';
import { useT } from '../../i18n/use-t';
import { useAppStore, useAppStoreApi } from '../../store/app-context';
import { RepairHistory } from '../repair/repair-history';
import { RepairWizard } from '../repair/repair-wizard';
import { DiscoveryPane } from './discovery-pane';

/** The header button that opens the discovery pane; focus returns here when the network dialogs close. */
export function DiscoverButton() {
  const t = useT();
  const store = useAppStoreApi();
  return (
    <button
      type="button"
      className="button button-small header-button"
      data-testid="discovery-open"
      title={t('discovery.openHint')}
      onClick={() => {
        // The header stays clickable over dialogs (for STOP ALL); never stack a second modal dialog.
        if (document.querySelector('[role="dialog"]') === null) store.getState().openDiscovery();
      }}
    >
      {t('discovery.open')}
    </button>
  );
}

export function NetworkDialogs() {
  const historyOpen = useAppStore((s) => s.repairHistoryOpen);
  const session = useAppStore((s) => s.repair);
  const discoveryOpen = useAppStore((s) => s.discoveryOpen);
  const open = historyOpen ? 'history' : session !== null ? 'wizard' : discoveryOpen ? 'discovery' : 'none';
  const previous = useRef(open);

  useEffect(() => {
    const was = previous.current;
    previous.current = open;
    // The dialog that had focus is gone: give it back to the header button rather than leave it nowhere.
    if (
      open === 'none' &&
      was !== 'none' &&
      (document.activeElement === null || document.activeElement === document.body)
    ) {
      document.querySelector<HTMLElement>('[data-testid="discovery-open"]')?.focus();
    }
  }, [open]);

  switch (open) {
    case 'history':
      return <RepairHistory />;
    case 'wizard':
      return session === null ? null : <RepairWizard session={session} />;
    case 'discovery':
      return <DiscoveryPane />;
    case 'none':
      return null;
  }
}

import type { MouseEvent, PointerEvent } from 'react';
import { useT } from '../../i18n/use-t';

/**
 * The always-visible STOP ALL button. It fires on press (pointerdown), like a hardware emergency stop,
 * not on release; keyboard activation (Enter/Space) arrives as a click with `detail === 0`.
 */
export function StopAllButton({ onStopAll }: { onStopAll: () => void }) {
  const t = useT();
  const onPointerDown = (e: PointerEvent<HTMLButtonElement>): void => {
    if (e.button === 0) onStopAll();
  };
  const onClick = (e: MouseEvent<HTMLButtonElement>): void => {
    // A pointer click already stopped on pointerdown; only keyboard (and assistive tech) clicks remain.
    if (e.detail === 0) onStopAll();
  };
  return (
    <button
      type="button"
      className="stop-all"
      data-testid="stop-all"
      title={t('safety.stopAllHint')}
      aria-keyshortcuts="Escape"
      onPointerDown={onPointerDown}
      onClick={onClick}
    >
      <span className="stop-all-icon" aria-hidden="true" />
      {t('safety.stopAll')}
      <kbd aria-hidden="true">Esc</kbd>
    </button>
  );
}

/**
 * Re-teaching a (replaced) camera the presets kept on the PC: the operator confirms, the camera drives to
 * each saved position in turn and stores it; the dialog then lists what was taught. STOP ALL (Escape)
 * ends it — the core refuses to save a position the head was stopped short of.
 */
import { useId, useRef, useState } from 'react';
import { ModalDialog } from '../../components/modal-dialog';
import { useT } from '../../i18n/use-t';
import { useAction } from './preset-dialogs';

export interface ReteachDialogProps {
  readonly deviceName: string;
  /** Presets with a saved position (these are taught) and without one (skipped). */
  readonly withPosition: readonly number[];
  readonly withoutPosition: readonly number[];
  /** Runs the re-teach; resolves with the presets taught. */
  readonly onConfirm: () => Promise<{ taught: number[] }>;
  readonly onClose: () => void;
}

export function ReteachDialog({ deviceName, withPosition, withoutPosition, onConfirm, onClose }: ReteachDialogProps) {
  const t = useT();
  const titleId = useId();
  const cancelRef = useRef<HTMLButtonElement>(null);
  const { pending, failure, run } = useAction();
  const [taught, setTaught] = useState<number[] | null>(null);
  const list = (ns: readonly number[]) => ns.join(', ');

  return (
    <ModalDialog labelledBy={titleId} onEscape={onClose} initialFocus={cancelRef} testId="presets-reteach-dialog">
      <h2 id={titleId} className="dialog-title">
        {t('presets.reteach.title', { camera: deviceName })}
      </h2>
      <p className="dialog-text">
        {t('presets.reteach.body', { camera: deviceName, count: withPosition.length, list: list(withPosition) })}
      </p>
      {withoutPosition.length > 0 && (
        <p className="dialog-text">{t('presets.reteach.skipped', { list: list(withoutPosition) })}</p>
      )}
      {taught !== null && (
        <p className="dialog-text" role="status" data-testid="presets-reteach-done">
          {t('presets.reteach.done', { list: list(taught) })}
        </p>
      )}
      {failure !== null && (
        <div className="form-alert" role="alert" data-testid="presets-reteach-error">
          <p>{t('presets.reteach.failed', { message: failure })}</p>
        </div>
      )}
      <div className="dialog-actions">
        <button ref={cancelRef} type="button" className="button" data-testid="presets-reteach-close" onClick={onClose}>
          {taught === null ? t('presets.cancel') : t('presets.dismiss')}
        </button>
        {taught === null && (
          <button
            type="button"
            className="button button-primary"
            data-testid="presets-reteach-ok"
            aria-disabled={pending}
            onClick={() => void run(async () => setTaught((await onConfirm()).taught))}
          >
            {pending ? t('presets.reteach.working') : t('presets.reteach.start')}
          </button>
        )}
      </div>
    </ModalDialog>
  );
}

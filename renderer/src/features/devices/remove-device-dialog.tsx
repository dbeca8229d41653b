/** Asks before a camera's configuration is deleted. Cancel has the focus, so a stray Enter deletes nothing. */
import { useId, useRef, useState } from 'react';
import { ModalDialog } from '../../components/modal-dialog';
import { useT } from '../../i18n/use-t';
import { usePtzClient } from '../../store/app-context';
import { serverProblemOf, type ServerProblem } from './device-form-model';

export interface RemoveDeviceDialogProps {
  readonly id: string;
  readonly name: string;
  /** Cancel or Escape. */
  readonly onClose: () => void;
  readonly onRemoved: () => void;
}

export function RemoveDeviceDialog({ id, name, onClose, onRemoved }: RemoveDeviceDialogProps) {
  const t = useT();
  const client = usePtzClient();
  const titleId = useId();
  const cancelRef = useRef<HTMLButtonElement>(null);
  const [pending, setPending] = useState(false);
  const [problem, setProblem] = useState<ServerProblem | null>(null);
  const pendingRef = useRef(false);

  const remove = async (): Promise<void> => {
    if (pendingRef.current) return;
    pendingRef.current = true;
    setPending(true);
    setProblem(null);
    try {
      await client.devices.remove({ id });
      onRemoved();
    } catch (error) {
      setProblem(serverProblemOf(error));
    } finally {
      pendingRef.current = false;
      setPending(false);
    }
  };

  return (
    <ModalDialog labelledBy={titleId} onEscape={onClose} initialFocus={cancelRef} testId="device-remove-dialog">
      <h2 id={titleId} className="dialog-title">
        {t('removeDevice.title', { name })}
      </h2>
      <p className="dialog-text">{t('removeDevice.body')}</p>
      {problem !== null && (
        <div className="form-alert" role="alert" data-testid="device-remove-error">
          <p>{t('removeDevice.failed', { message: problem.message })}</p>
        </div>
      )}
      <div className="dialog-actions">
        <button ref={cancelRef} type="button" className="button" data-testid="device-remove-cancel" onClick={onClose}>
          {t('removeDevice.cancel')}
        </button>
        <button
          type="button"
          className="button button-danger"
          data-testid="device-remove-confirm"
          aria-disabled={pending}
          onClick={() => void remove()}
        >
          {pending ? t('removeDevice.removing') : t('removeDevice.confirm')}
        </button>
      </div>
    </ModalDialog>
  );
}

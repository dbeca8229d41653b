/**
 * The presets' two dialogs: a name (save, rename) and a confirmation (save from Ctrl+digit, overwrite,
 * clear). Both run the operator's action themselves and stay open with an inline error when the core
 * refuses it, so nothing typed is lost. Escape cancels (and, as everywhere, is STOP ALL).
 */
import { useId, useRef, useState, type FormEvent } from 'react';
import { isIpcError } from '../../../../shared/ipc/ipc-error';
import { ModalDialog } from '../../components/modal-dialog';
import { useT } from '../../i18n/use-t';
import { checkPresetName, PRESET_NAME_MAX, type NameProblem } from './preset-model';

/** A readable line for a failed call; IpcErrors carry the core's own explanation. */
export function messageOf(error: unknown): string {
  if (isIpcError(error)) return error.message;
  return error instanceof Error ? error.message : String(error);
}

/** Runs one action at a time, remembering its failure for the dialog to show. */
export function useAction() {
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const busy = useRef(false);
  const run = async (action: () => Promise<void>): Promise<void> => {
    if (busy.current) return;
    busy.current = true;
    setPending(true);
    setFailure(null);
    try {
      await action();
    } catch (error) {
      setFailure(messageOf(error));
    } finally {
      busy.current = false;
      setPending(false);
    }
  };
  return { pending, failure, run };
}

export interface PresetNameDialogProps {
  readonly mode: 'save' | 'rename';
  readonly preset: number;
  readonly deviceName: string;
  readonly initialName: string;
  /** Called with the checked name; a rejection is shown in the dialog. */
  readonly onSubmit: (name: string) => Promise<void>;
  readonly onClose: () => void;
}

export function PresetNameDialog({ mode, preset, deviceName, initialName, onSubmit, onClose }: PresetNameDialogProps) {
  const t = useT();
  const titleId = useId();
  const inputId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [name, setName] = useState(initialName);
  const [problem, setProblem] = useState<NameProblem | null>(null);
  const { pending, failure, run } = useAction();

  const submit = (e: FormEvent): void => {
    e.preventDefault();
    const checked = checkPresetName(name);
    if (!checked.ok) {
      setProblem(checked.problem);
      inputRef.current?.focus();
      return;
    }
    setProblem(null);
    void run(() => onSubmit(checked.name));
  };

  const title =
    mode === 'save'
      ? t('presets.name.saveTitle', { n: preset, camera: deviceName })
      : t('presets.name.renameTitle', { n: preset, camera: deviceName });
  const problemText =
    problem === 'required'
      ? t('presets.name.required')
      : problem === 'too-long'
        ? t('presets.name.tooLong', { max: PRESET_NAME_MAX })
        : null;

  return (
    <ModalDialog labelledBy={titleId} onEscape={onClose} initialFocus={inputRef} testId="preset-name-dialog">
      <form onSubmit={submit} noValidate>
        <h2 id={titleId} className="dialog-title">
          {title}
        </h2>
        <div className="field">
          <label htmlFor={inputId}>{t('presets.name.label')}</label>
          <input
            ref={inputRef}
            id={inputId}
            type="text"
            value={name}
            autoComplete="off"
            spellCheck={false}
            maxLength={PRESET_NAME_MAX * 2}
            aria-invalid={problem !== null}
            aria-describedby={`${inputId}-hint${problem !== null ? ` ${inputId}-error` : ''}`}
            data-testid="preset-name-input"
            onChange={(e) => setName(e.target.value)}
            onFocus={(e) => e.target.select()}
          />
          <p id={`${inputId}-hint`} className="field-hint">
            {t('presets.name.hint', { max: PRESET_NAME_MAX })}
          </p>
          {problemText !== null && (
            <p id={`${inputId}-error`} className="field-error" data-testid="preset-name-problem">
              {problemText}
            </p>
          )}
        </div>
        {failure !== null && (
          <div className="form-alert" role="alert" data-testid="preset-dialog-error">
            <p>
              {mode === 'save'
                ? t('presets.failed.save', { n: preset, message: failure })
                : t('presets.failed.rename', { n: preset, message: failure })}
            </p>
          </div>
        )}
        <div className="dialog-actions">
          <button type="button" className="button" data-testid="preset-name-cancel" onClick={onClose}>
            {t('presets.cancel')}
          </button>
          <button
            type="submit"
            className="button button-primary"
            data-testid="preset-name-submit"
            aria-disabled={pending}
          >
            {pending ? t('presets.working') : mode === 'save' ? t('presets.name.save') : t('presets.name.rename')}
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}

export interface PresetConfirmDialogProps {
  readonly action: 'save' | 'overwrite' | 'clear';
  readonly preset: number;
  readonly deviceName: string;
  readonly name: string;
  readonly previousName: string | null;
  /** The confirmed action; a rejection is shown in the dialog. */
  readonly onConfirm: () => Promise<void>;
  readonly onClose: () => void;
}

/**
 * Saving has the focus (Enter confirms, as the Ctrl+digit shortcut promises); clearing focuses Cancel, so
 * a stray Enter forgets nothing.
 */
export function PresetConfirmDialog(props: PresetConfirmDialogProps) {
  const { action, preset, deviceName, name, previousName, onConfirm, onClose } = props;
  const t = useT();
  const titleId = useId();
  const confirmRef = useRef<HTMLButtonElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const { pending, failure, run } = useAction();

  let title: string;
  let body: string;
  let confirmText: string;
  switch (action) {
    case 'save':
      title = t('presets.confirm.saveTitle', { n: preset });
      body = t('presets.confirm.saveBody', { n: preset, camera: deviceName, name });
      confirmText = t('presets.confirm.save');
      break;
    case 'overwrite':
      title = t('presets.confirm.overwriteTitle', { n: preset });
      body = t('presets.confirm.overwriteBody', { previous: previousName ?? name, camera: deviceName, name });
      confirmText = t('presets.confirm.overwrite');
      break;
    case 'clear':
      title = t('presets.confirm.clearTitle', { n: preset });
      body = t('presets.confirm.clearBody', { camera: deviceName, name });
      confirmText = t('presets.confirm.clear');
      break;
  }

  return (
    <ModalDialog
      labelledBy={titleId}
      onEscape={onClose}
      initialFocus={action === 'clear' ? cancelRef : confirmRef}
      testId="preset-confirm"
    >
      <h2 id={titleId} className="dialog-title">
        {title}
      </h2>
      <p className="dialog-text">{body}</p>
      {failure !== null && (
        <div className="form-alert" role="alert" data-testid="preset-dialog-error">
          <p>
            {action === 'clear'
              ? t('presets.failed.clear', { n: preset, message: failure })
              : t('presets.failed.save', { n: preset, message: failure })}
          </p>
        </div>
      )}
      <div className="dialog-actions">
        <button ref={cancelRef} type="button" className="button" data-testid="preset-confirm-cancel" onClick={onClose}>
          {t('presets.cancel')}
        </button>
        <button
          ref={confirmRef}
          type="button"
          className={action === 'clear' ? 'button button-danger' : 'button button-primary'}
          data-testid="preset-confirm-ok"
          aria-disabled={pending}
          onClick={() => void run(onConfirm)}
        >
          {pending ? t('presets.working') : confirmText}
        </button>
      </div>
    </ModalDialog>
  );
}

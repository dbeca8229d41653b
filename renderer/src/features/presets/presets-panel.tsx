/**
 * The presets of the selected camera: a grid of tiles (click or Enter recalls), an edit mode that offers
 * Save / Rename / Clear per tile, and the hotkeys 1–9 (recall) and Ctrl+1–9 (save, after a confirmation).
 * Names come from `DeviceState.presets` (kept on the PC); failures are shown inline and lose nothing.
 */
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { assertNever } from '../../../../shared/util/assert-never';
import { useT } from '../../i18n/use-t';
import { useAppStore, useAppStoreApi, usePtzClient } from '../../store/app-context';
import { selectSelectedDevice } from '../../store/selectors';
import { messageOf, PresetConfirmDialog, PresetNameDialog } from './preset-dialogs';
import { ReteachDialog } from './reteach-dialog';
import {
  canExpand,
  createPresetViewSelector,
  NO_FLOW,
  visibleNumbers,
  type LastRecalled,
  type PresetFlow,
  type PresetView,
} from './preset-model';
import { usePresetHotkeys } from './use-preset-hotkeys';
import '../../styles/presets.css';

/** A failed recall (dialog actions report their own failures inside the dialog). */
interface RecallFailure {
  readonly preset: number;
  readonly message: string;
}

export function PresetsPanel() {
  const t = useT();
  const client = usePtzClient();
  const store = useAppStoreApi();
  const selectView = useMemo(() => createPresetViewSelector(selectSelectedDevice), []);
  const view = useAppStore(selectView);

  const [editing, setEditing] = useState(false);
  const [expanded, setExpanded] = useState(false);
  const [flow, setFlow] = useState<PresetFlow>(NO_FLOW);
  const [lastRecalled, setLastRecalled] = useState<LastRecalled | null>(null);
  const [failure, setFailure] = useState<RecallFailure | null>(null);
  const [reteaching, setReteaching] = useState(false);
  const records = useAppStore((s) => selectSelectedDevice(s)?.presets);
  const returnFocus = useRef<HTMLElement | null>(null);
  const gridRef = useRef<HTMLUListElement>(null);

  // The highlight lasts until that camera is driven (joystick, keys, gamepad) or it is removed.
  useEffect(() => {
    if (lastRecalled === null) return;
    const check = (): void => {
      const device = store.getState().devices.get(lastRecalled.deviceId);
      if (!device || device.moving) setLastRecalled(null);
    };
    check();
    return store.subscribe(check);
  }, [lastRecalled, store]);

  // A failure belongs to the camera it happened on.
  const deviceId = view?.deviceId ?? null;
  useEffect(() => setFailure(null), [deviceId]);

  // Focus goes back to what opened the flow once it is over (the tile, if the trigger is gone).
  const previousFlow = useRef<PresetFlow>(NO_FLOW);
  useEffect(() => {
    const was = previousFlow.current;
    previousFlow.current = flow;
    if (flow.type !== 'none' || was.type === 'none') return;
    const target = returnFocus.current;
    returnFocus.current = null;
    if (target?.isConnected) target.focus();
    else gridRef.current?.querySelector<HTMLElement>(`[data-testid="preset-${was.preset}"]`)?.focus();
  }, [flow]);

  const open = (next: PresetFlow): void => {
    if (flow.type === 'none') {
      returnFocus.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    }
    setFlow(next);
  };
  const close = (): void => setFlow(NO_FLOW);

  const savedName = (id: string, preset: number): string | null =>
    store
      .getState()
      .devices.get(id)
      ?.presets.find((p) => p.number === preset)?.name ?? null;

  const recall = (preset: number): void => {
    if (view === null) return;
    const id = view.deviceId;
    setFailure(null);
    client.presets.recall({ deviceId: id, preset }).then(
      () => setLastRecalled({ deviceId: id, preset }),
      (error: unknown) => setFailure({ preset, message: messageOf(error) }),
    );
  };

  const askSave = (v: PresetView, preset: number): void =>
    open({
      type: 'name',
      mode: 'save',
      deviceId: v.deviceId,
      deviceName: v.deviceName,
      preset,
      initialName: v.names.get(preset) ?? t('presets.defaultName', { n: preset }),
    });

  /** Ctrl+digit: no name to type, only a confirmation (overwrite when the slot is saved). */
  const askQuickSave = (v: PresetView, preset: number): void => {
    const previous = v.names.get(preset) ?? null;
    open({
      type: 'confirm',
      action: previous === null ? 'save' : 'overwrite',
      deviceId: v.deviceId,
      deviceName: v.deviceName,
      preset,
      name: previous ?? t('presets.defaultName', { n: preset }),
      previousName: previous,
    });
  };

  usePresetHotkeys(view !== null && view.range !== null && flow.type === 'none', (key) => {
    if (view === null) return;
    if (key.action === 'recall') recall(key.preset);
    else askQuickSave(view, key.preset);
  });

  let dialog: ReactNode = null;
  switch (flow.type) {
    case 'none':
      break;
    case 'name': {
      const { deviceId: id, deviceName, preset, mode } = flow;
      const submit = async (name: string): Promise<void> => {
        if (mode === 'rename') {
          await client.presets.rename({ deviceId: id, preset, name });
          close();
          return;
        }
        const previous = savedName(id, preset);
        if (previous !== null) {
          setFlow({
            type: 'confirm',
            action: 'overwrite',
            deviceId: id,
            deviceName,
            preset,
            name,
            previousName: previous,
          });
          return;
        }
        await client.presets.save({ deviceId: id, preset, name });
        close();
      };
      dialog = (
        <PresetNameDialog
          key={`name-${mode}-${preset}`}
          mode={mode}
          preset={preset}
          deviceName={deviceName}
          initialName={flow.initialName}
          onSubmit={submit}
          onClose={close}
        />
      );
      break;
    }
    case 'confirm': {
      const { deviceId: id, preset, name, action } = flow;
      const confirm = async (): Promise<void> => {
        if (action === 'clear') await client.presets.clear({ deviceId: id, preset });
        else await client.presets.save({ deviceId: id, preset, name });
        close();
      };
      dialog = (
        <PresetConfirmDialog
          key={`confirm-${action}-${preset}`}
          action={action}
          preset={preset}
          deviceName={flow.deviceName}
          name={name}
          previousName={flow.previousName}
          onConfirm={confirm}
          onClose={close}
        />
      );
      break;
    }
    default:
      assertNever(flow, 'preset flow');
  }

  let body: ReactNode;
  if (view === null) {
    body = <p className="presets-note">{t('presets.noCamera')}</p>;
  } else if (view.range === null) {
    body = (
      <p className="presets-note" data-testid="presets-unsupported">
        {t('presets.unsupported')}
      </p>
    );
  } else {
    const highlighted = lastRecalled?.deviceId === view.deviceId ? lastRecalled.preset : null;
    body = (
      <ul ref={gridRef} className="presets-grid" aria-label={t('presets.gridLabel', { camera: view.deviceName })}>
        {visibleNumbers(view, expanded).map((n) => (
          <PresetTile
            key={n}
            preset={n}
            name={view.names.get(n) ?? null}
            recalled={highlighted === n}
            editing={editing}
            onRecall={() => recall(n)}
            onSave={() => askSave(view, n)}
            onRename={(name) =>
              open({
                type: 'name',
                mode: 'rename',
                deviceId: view.deviceId,
                deviceName: view.deviceName,
                preset: n,
                initialName: name,
              })
            }
            onClear={(name) =>
              open({
                type: 'confirm',
                action: 'clear',
                deviceId: view.deviceId,
                deviceName: view.deviceName,
                preset: n,
                name,
                previousName: name,
              })
            }
          />
        ))}
      </ul>
    );
  }

  return (
    <section className="presets" aria-labelledby="presets-heading" data-testid="presets">
      <div className="presets-header">
        <h3 id="presets-heading" className="presets-title">
          {t('presets.title')}
        </h3>
        <span className="presets-hint">{t('presets.hint')}</span>
        {view?.range != null && (
          <div className="presets-tools">
            {canExpand(view) && (
              <button
                type="button"
                className="button button-small"
                data-testid="presets-expand"
                aria-expanded={expanded}
                onClick={() => setExpanded((e) => !e)}
              >
                {expanded ? t('presets.showFewer') : t('presets.showAll', { min: view.range.min, max: view.range.max })}
              </button>
            )}
            {editing && records !== undefined && records.some((r) => r.position !== null) && (
              <button
                type="button"
                className="button button-small"
                data-testid="presets-reteach"
                title={t('presets.reteach.hint')}
                onClick={() => setReteaching(true)}
              >
                {t('presets.reteach.open')}
              </button>
            )}
            <button
              type="button"
              className="button button-small"
              data-testid="presets-edit"
              aria-pressed={editing}
              onClick={() => setEditing((e) => !e)}
            >
              {t('presets.edit')}
            </button>
          </div>
        )}
      </div>
      {failure !== null && (
        <div className="form-alert presets-alert" role="alert" data-testid="preset-error">
          <p>{t('presets.failed.recall', { n: failure.preset, message: failure.message })}</p>
          <button type="button" className="button button-small" onClick={() => setFailure(null)}>
            {t('presets.dismiss')}
          </button>
        </div>
      )}
      {body}
      {dialog}
      {reteaching && view !== null && records !== undefined && (
        <ReteachDialog
          deviceName={view.deviceName}
          withPosition={records
            .filter((r) => r.position !== null)
            .map((r) => r.number)
            .sort((a, b) => a - b)}
          withoutPosition={records
            .filter((r) => r.position === null)
            .map((r) => r.number)
            .sort((a, b) => a - b)}
          onConfirm={() => client.presets.reteach({ deviceId: view.deviceId })}
          onClose={() => setReteaching(false)}
        />
      )}
    </section>
  );
}

interface PresetTileProps {
  readonly preset: number;
  readonly name: string | null;
  readonly recalled: boolean;
  readonly editing: boolean;
  readonly onRecall: () => void;
  readonly onSave: () => void;
  readonly onRename: (name: string) => void;
  readonly onClear: (name: string) => void;
}

function PresetTile({ preset, name, recalled, editing, onRecall, onSave, onRename, onClear }: PresetTileProps) {
  const t = useT();
  const label = name === null ? t('presets.recallEmpty', { n: preset }) : t('presets.recallSaved', { n: preset, name });
  return (
    <li className="preset-tile" data-saved={name !== null || undefined} data-recalled={recalled || undefined}>
      <button
        type="button"
        className="preset-recall"
        data-testid={`preset-${preset}`}
        aria-label={label}
        aria-current={recalled ? 'true' : undefined}
        aria-keyshortcuts={preset <= 9 ? String(preset) : undefined}
        title={[name, recalled ? t('presets.recalledMark') : null].filter((s) => s !== null).join(' · ') || undefined}
        onClick={onRecall}
      >
        <span className="preset-number" aria-hidden="true">
          {preset}
        </span>
        <span className="preset-name" aria-hidden="true">
          {name ?? t('presets.empty')}
        </span>
      </button>
      {editing && (
        <div className="preset-actions" role="group" aria-label={t('presets.tileActions', { n: preset })}>
          <button
            type="button"
            className="button button-small"
            data-testid={`preset-save-${preset}`}
            aria-label={t('presets.saveLabel', { n: preset })}
            aria-keyshortcuts={preset <= 9 ? `Control+${preset}` : undefined}
            onClick={onSave}
          >
            {t('presets.save')}
          </button>
          {name !== null && (
            <>
              <button
                type="button"
                className="button button-small"
                data-testid={`preset-rename-${preset}`}
                aria-label={t('presets.renameLabel', { n: preset })}
                onClick={() => onRename(name)}
              >
                {t('presets.rename')}
              </button>
              <button
                type="button"
                className="button button-small button-quiet-danger"
                data-testid={`preset-clear-${preset}`}
                aria-label={t('presets.clearLabel', { n: preset })}
                onClick={() => onClear(name)}
              >
                {t('presets.clear')}
              </button>
            </>
          )}
        </div>
      )}
    </li>
  );
}

/**
 * The cameras panel: heading with "Add camera", the camera list, and Edit / Duplicate / Remove for the
 * selected camera (Duplicate opens the add form pre-filled, named "<name> (copy)").
 * The actions sit under the list rather than inside each row because a row is a listbox option, and an
 * option must not contain buttons (screen readers could not reach them). Owns which dialog is open and
 * where focus returns when it closes.
 */
import { useEffect, useRef, useState, type ReactNode, type RefObject } from 'react';
import type { DeviceConfig, DeviceConfigInput } from '../../../../shared/model/device';
import { assertNever } from '../../../../shared/util/assert-never';
import { useT } from '../../i18n/use-t';
import { useAppStore, useAppStoreApi } from '../../store/app-context';
import { selectSelectedName } from '../../store/selectors';
import { DeviceProblems } from './device-problems';
import { DeviceForm } from './device-form';
import { DeviceList } from './device-list';
import { RemoveDeviceDialog } from './remove-device-dialog';

/** Which dialog is open. Edit and remove keep what they were opened for, even if the list changes meanwhile. */
export type DeviceDialog =
  | { readonly type: 'none' }
  | { readonly type: 'add'; readonly from?: DeviceConfigInput; readonly fromDiscovery?: boolean }
  | { readonly type: 'edit'; readonly id: string; readonly config: DeviceConfig }
  | { readonly type: 'remove'; readonly id: string; readonly name: string };

/** Where focus goes after a dialog closes: back to its trigger, or to the list after a removal. */
type FocusTarget = 'add' | 'edit' | 'duplicate' | 'remove' | 'list';

export interface DevicesPanelProps {
  /** Enter in the list: the operator wants to drive the selected camera. */
  readonly onConfirm?: () => void;
}

export function DevicesPanel({ onConfirm }: DevicesPanelProps) {
  const t = useT();
  const store = useAppStoreApi();
  const selectedId = useAppStore((s) => s.selectedId);
  const selectedName = useAppStore(selectSelectedName);
  const [dialog, setDialog] = useState<DeviceDialog>({ type: 'none' });
  const deviceDraft = useAppStore((s) => s.deviceDraft);

  // "Add" in the discovery pane: open the add form pre-filled with the discovered camera.
  useEffect(() => {
    if (deviceDraft === null) return;
    const from = store.getState().takeDeviceDraft();
    if (from !== null) setDialog({ type: 'add', from, fromDiscovery: true });
  }, [deviceDraft, store]);

  const sectionRef = useRef<HTMLElement>(null);
  const addRef = useRef<HTMLButtonElement>(null);
  const editRef = useRef<HTMLButtonElement>(null);
  const removeRef = useRef<HTMLButtonElement>(null);
  const duplicateRef = useRef<HTMLButtonElement>(null);
  /** Where the add form returns focus: "Add camera", or Duplicate when it was a duplicate. */
  const addOrigin: FocusTarget = dialog.type === 'add' && dialog.from !== undefined ? 'duplicate' : 'add';
  const focusAfterClose = useRef<FocusTarget | null>(null);

  useEffect(() => {
    const target = focusAfterClose.current;
    if (dialog.type !== 'none' || target === null) return;
    focusAfterClose.current = null;
    const triggers: Record<Exclude<FocusTarget, 'list'>, RefObject<HTMLButtonElement | null>> = {
      add: addRef,
      edit: editRef,
      duplicate: duplicateRef,
      remove: removeRef,
    };
    const element =
      target === 'list' ? sectionRef.current?.querySelector<HTMLElement>('[role="listbox"]') : triggers[target].current;
    // The trigger can be gone (the last camera was removed): "Add camera" is always there.
    (element ?? addRef.current)?.focus();
  }, [dialog]);

  const close = (focus: FocusTarget) => (): void => {
    focusAfterClose.current = focus;
    setDialog({ type: 'none' });
  };

  const selectedConfig = (): DeviceConfig | null =>
    selectedId === null ? null : (store.getState().devices.get(selectedId)?.config ?? null);

  const openEdit = (): void => {
    const config = selectedConfig();
    if (config) setDialog({ type: 'edit', id: config.id, config });
  };

  const openDuplicate = (): void => {
    const config = selectedConfig();
    if (!config) return;
    // The copy is the operator's own: no id, and never the core's demo flag.
    const { id: _id, demo: _demo, ...input } = config;
    setDialog({ type: 'add', from: { ...input, name: t('devices.copyName', { name: config.name }) } });
  };

  const openRemove = (): void => {
    const config = selectedConfig();
    if (config) setDialog({ type: 'remove', id: config.id, name: config.name });
  };

  let open: ReactNode;
  switch (dialog.type) {
    case 'none':
      open = null;
      break;
    case 'add': {
      // A camera added from the discovery pane goes back there, for the next one.
      const done = (): void => {
        close(addOrigin)();
        if (dialog.fromDiscovery === true) store.getState().openDiscovery();
      };
      open = <DeviceForm mode={dialog} onClose={done} onSaved={done} />;
      break;
    }
    case 'edit':
      open = <DeviceForm mode={dialog} onClose={close('edit')} onSaved={close('edit')} />;
      break;
    case 'remove':
      open = (
        <RemoveDeviceDialog id={dialog.id} name={dialog.name} onClose={close('remove')} onRemoved={close('list')} />
      );
      break;
    default:
      open = assertNever(dialog, 'device dialog');
  }

  return (
    <section ref={sectionRef} className="panel devices-panel" aria-labelledby="devices-heading">
      <div className="panel-header">
        <h2 id="devices-heading" className="panel-title">
          {t('devices.title')}
        </h2>
        <button
          ref={addRef}
          type="button"
          className="button button-small"
          data-testid="device-add"
          onClick={() => setDialog({ type: 'add' })}
        >
          <span aria-hidden="true">+ </span>
          {t('devices.add')}
        </button>
      </div>
      <DeviceList onConfirm={onConfirm} />
      {selectedName !== null && (
        <div className="device-actions" role="group" aria-label={t('devices.actionsLabel')}>
          <button
            ref={editRef}
            type="button"
            className="button button-small"
            data-testid="device-edit"
            aria-label={t('devices.editLabel', { name: selectedName })}
            onClick={openEdit}
          >
            {t('devices.edit')}
          </button>
          <button
            ref={duplicateRef}
            type="button"
            className="button button-small"
            data-testid="device-duplicate"
            aria-label={t('devices.duplicateLabel', { name: selectedName })}
            onClick={openDuplicate}
          >
            {t('devices.duplicate')}
          </button>
          <button
            ref={removeRef}
            type="button"
            className="button button-small button-quiet-danger"
            data-testid="device-remove"
            aria-label={t('devices.removeLabel', { name: selectedName })}
            onClick={openRemove}
          >
            {t('devices.remove')}
          </button>
        </div>
      )}
      <DeviceProblems />
      {open}
    </section>
  );
}

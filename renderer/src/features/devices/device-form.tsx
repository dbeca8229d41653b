/**
 * Add or edit a camera, for every protocol. The protocol comes first and decides the other fields. The
 * form validates with the contract's own schema (see device-form-model.ts) and shows each problem under
 * its field; an error from the core is shown above the buttons and nothing typed is lost. Enter submits
 * (from any field), Escape closes (and, as everywhere, is STOP ALL). "Test connection" validates the same way,
 * asks the core to try the configuration without saving it, and shows the verdict until the next edit.
 */
import { useId, useMemo, useRef, useState, type ChangeEvent, type FormEvent, type KeyboardEvent } from 'react';
import { BAUD_RATES, type DeviceConfigInput } from '../../../../shared/model/device';
import type { DeviceState } from '../../../../shared/model/device-status';
import { ModalDialog } from '../../components/modal-dialog';
import { useT } from '../../i18n/use-t';
import { usePtzClient } from '../../store/app-context';
import {
  PROTOCOLS,
  PROTOCOL_INFO,
  firstInvalidField,
  isDeviceProtocol,
  newDeviceValues,
  serverProblemOf,
  switchProtocol,
  validateDeviceForm,
  valuesFromConfig,
  type DeviceFormValues,
  type FieldProblem,
  type FormField,
  type ServerProblem,
  type TextField,
} from './device-form-model';
import { Field, serverText } from './device-form-field';
import { testOutcomeText, useConnectionTest } from './use-connection-test';

/** `add` with `from`: a duplicate, pre-filled with that configuration (the caller picks its name). */
export type DeviceFormMode =
  | { readonly type: 'add'; readonly from?: DeviceConfigInput }
  | { readonly type: 'edit'; readonly id: string; readonly config: DeviceConfigInput };

export interface DeviceFormProps {
  readonly mode: DeviceFormMode;
  /** Cancel or Escape. */
  readonly onClose: () => void;
  /** The core accepted the configuration. */
  readonly onSaved: (device: DeviceState) => void;
}

export function DeviceForm({ mode, onClose, onSaved }: DeviceFormProps) {
  const t = useT();
  const client = usePtzClient();
  const baseId = useId();
  const [values, setValues] = useState<DeviceFormValues>(() =>
    mode.type === 'edit'
      ? valuesFromConfig(mode.config)
      : mode.from !== undefined
        ? valuesFromConfig(mode.from)
        : newDeviceValues(),
  );
  // Problems show after the first submit, then follow every keystroke until fixed.
  const [attempted, setAttempted] = useState(false);
  const [pending, setPending] = useState(false);
  const [server, setServer] = useState<ServerProblem | null>(null);
  const pendingRef = useRef(false);

  const validation = useMemo(() => validateDeviceForm(values), [values]);
  const problems = attempted && !validation.ok ? validation.fields : {};
  const general = attempted && !validation.ok ? validation.general : [];
  const info = PROTOCOL_INFO[values.protocol];
  const idOf = (field: FormField): string => `${baseId}-${field}`;
  const titleId = `${baseId}-title`;

  const onText =
    (field: TextField) =>
    (e: ChangeEvent<HTMLInputElement | HTMLSelectElement>): void => {
      const text = e.target.value;
      setValues((v) => ({ ...v, [field]: text }));
    };

  /** Validates with the contract's schema; on a problem shows them all and focuses the first. */
  const validated = () => {
    setAttempted(true);
    const result = validateDeviceForm(values);
    if (!result.ok) {
      const first = firstInvalidField(values.protocol, result.fields);
      if (first !== null) document.getElementById(idOf(first))?.focus();
      return null;
    }
    return result.config;
  };

  const {
    testing,
    outcome: testOutcome,
    run: onTest,
  } = useConnectionTest(values, validated, mode.type === 'edit' ? mode.id : undefined);

  const onSubmit = async (e: FormEvent<HTMLFormElement>): Promise<void> => {
    e.preventDefault();
    if (pendingRef.current) return;
    setServer(null);
    const config = validated();
    if (config === null) return;
    pendingRef.current = true;
    setPending(true);
    try {
      const saved =
        mode.type === 'add' ? await client.devices.add(config) : await client.devices.update({ id: mode.id, config });
      onSaved(saved);
    } catch (error) {
      setServer(serverProblemOf(error));
    } finally {
      pendingRef.current = false;
      setPending(false);
    }
  };

  // Text inputs submit on Enter by themselves; make the select and the checkbox do the same.
  const onKeyDown = (e: KeyboardEvent<HTMLFormElement>): void => {
    if (e.key !== 'Enter' || e.nativeEvent.isComposing) return;
    const target = e.target;
    if (target instanceof HTMLSelectElement || (target instanceof HTMLInputElement && target.type === 'checkbox')) {
      e.preventDefault();
      e.currentTarget.requestSubmit();
    }
  };

  const problemOf = (field: FormField): FieldProblem | undefined => problems[field];
  const a11y = (field: FormField, hint: boolean) => {
    const problem = problemOf(field);
    const describedBy = [hint ? `${idOf(field)}-hint` : null, problem ? `${idOf(field)}-error` : null]
      .filter((x) => x !== null)
      .join(' ');
    return {
      id: idOf(field),
      'data-testid': `device-form-${field}`,
      'aria-invalid': problem ? true : undefined,
      'aria-describedby': describedBy === '' ? undefined : describedBy,
    };
  };
  const fieldProps = { idOf, problemOf, t };

  const baudOptions = (BAUD_RATES as readonly number[]).map(String);
  if (values.baudRate !== '' && !baudOptions.includes(values.baudRate)) baudOptions.unshift(values.baudRate);

  return (
    <ModalDialog labelledBy={titleId} onEscape={onClose} className="device-form-dialog" testId="device-form">
      <form className="device-form" noValidate onSubmit={(e) => void onSubmit(e)} onKeyDown={onKeyDown}>
        <h2 id={titleId} className="dialog-title">
          {mode.type === 'add' ? t('deviceForm.addTitle') : t('deviceForm.editTitle', { name: mode.config.name })}
        </h2>
        <div className="device-form-grid">
          <Field field="protocol" {...fieldProps}>
            <select
              {...a11y('protocol', false)}
              value={values.protocol}
              onChange={(e) => {
                const next = e.target.value;
                if (isDeviceProtocol(next)) setValues((v) => switchProtocol(v, next));
              }}
            >
              {PROTOCOLS.map((p) => (
                <option key={p} value={p}>
                  {t(`devices.protocol.${p}`)}
                </option>
              ))}
            </select>
          </Field>
          <Field field="name" {...fieldProps}>
            <input
              {...a11y('name', false)}
              type="text"
              autoComplete="off"
              value={values.name}
              onChange={onText('name')}
            />
          </Field>

          {info.kind === 'network' ? (
            <>
              <Field field="host" hint={t('deviceForm.hint.host')} {...fieldProps}>
                <input
                  {...a11y('host', true)}
                  type="text"
                  autoComplete="off"
                  spellCheck={false}
                  value={values.host}
                  onChange={onText('host')}
                />
              </Field>
              <Field field="port" hint={t('deviceForm.hint.port', { port: info.defaultPort })} {...fieldProps}>
                <input
                  {...a11y('port', true)}
                  type="text"
                  inputMode="numeric"
                  autoComplete="off"
                  placeholder={String(info.defaultPort)}
                  value={values.port}
                  onChange={onText('port')}
                />
              </Field>
            </>
          ) : (
            <>
              <Field field="path" hint={t('deviceForm.hint.path')} wide {...fieldProps}>
                <input
                  {...a11y('path', true)}
                  type="text"
                  autoComplete="off"
                  spellCheck={false}
                  placeholder="/dev/serial/by-id/…"
                  value={values.path}
                  onChange={onText('path')}
                />
              </Field>
              <Field
                field="baudRate"
                hint={t('deviceForm.hint.baudRate', { rate: info.defaultBaudRate })}
                {...fieldProps}
              >
                <select {...a11y('baudRate', true)} value={values.baudRate} onChange={onText('baudRate')}>
                  {baudOptions.map((rate) => (
                    <option key={rate} value={rate}>
                      {rate === String(info.defaultBaudRate) ? t('deviceForm.baudDefault', { rate }) : rate}
                    </option>
                  ))}
                </select>
              </Field>
              <Field
                field="address"
                hint={t('deviceForm.hint.address', { min: info.addressMin, max: info.addressMax })}
                {...fieldProps}
              >
                <input
                  {...a11y('address', true)}
                  type="text"
                  inputMode="numeric"
                  autoComplete="off"
                  placeholder={String(info.defaultAddress)}
                  value={values.address}
                  onChange={onText('address')}
                />
              </Field>
            </>
          )}

          <Field field="responseCurve" hint={t('deviceForm.hint.responseCurve')} {...fieldProps}>
            <input
              {...a11y('responseCurve', true)}
              type="text"
              inputMode="decimal"
              autoComplete="off"
              placeholder="1"
              value={values.responseCurve}
              onChange={onText('responseCurve')}
            />
          </Field>
          <div className="field field-check">
            <input
              {...a11y('enabled', false)}
              type="checkbox"
              checked={values.enabled}
              onChange={(e) => {
                const enabled = e.target.checked;
                setValues((v) => ({ ...v, enabled }));
              }}
            />
            <label htmlFor={idOf('enabled')}>{t('deviceForm.field.enabled')}</label>
          </div>
        </div>

        {(server !== null || general.length > 0) && (
          <div className="form-alert" role="alert" data-testid="device-form-server-error">
            {server !== null && <p>{serverText(server, t)}</p>}
            {general.map((message) => (
              <p key={message} lang="en">
                {message}
              </p>
            ))}
          </div>
        )}

        <div className="device-form-test">
          <button
            type="button"
            className="button"
            data-testid="device-form-test"
            aria-disabled={testing}
            aria-describedby={`${baseId}-test-result`}
            onClick={() => void onTest()}
          >
            {testing && <span className="spinner" aria-hidden="true" />}
            {testing ? t('deviceForm.testing') : t('deviceForm.test')}
          </button>
          <p
            id={`${baseId}-test-result`}
            className={
              testOutcome === null ? 'device-form-test-result' : `device-form-test-result test-${testOutcome.type}`
            }
            role="status"
            data-testid="device-form-test-result"
          >
            {testOutcome === null ? null : testOutcomeText(testOutcome, t)}
          </p>
        </div>

        <div className="dialog-actions">
          <button type="button" className="button" data-testid="device-form-cancel" onClick={onClose}>
            {t('deviceForm.cancel')}
          </button>
          <button
            type="submit"
            className="button button-primary"
            data-testid="device-form-submit"
            aria-disabled={pending}
          >
            {pending
              ? t('deviceForm.saving')
              : mode.type === 'add'
                ? t('deviceForm.submitAdd')
                : t('deviceForm.submitSave')}
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}

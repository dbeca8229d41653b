/**
 * The discovery pane: where to look (interfaces from `networkChanged`), how (IP setup, sweep with its
 * ports, WS-Discovery, serial), Start/Cancel, live progress per method and the cameras found. "Add" hands
 * the camera's best endpoint to the add-device form; "Repair…" starts the wizard. Everything shown comes
 * from `discoveryChanged`; this component only keeps what the operator is choosing.
 */
import { useId, useRef, useState, type FormEvent } from 'react';
import { isIpcError } from '../../../../shared/ipc/ipc-error';
import {
  DEFAULT_SWEEP_PORTS,
  DiscoveryMethod,
  type DiscoveredCamera,
  type DiscoveryState,
} from '../../../../shared/model/network';
import { ModalDialog } from '../../components/modal-dialog';
import type { Translate } from '../../i18n/i18n';
import { useT } from '../../i18n/use-t';
import { useAppStore, useAppStoreApi, usePtzClient } from '../../store/app-context';
import { useStartRepair } from '../repair/use-start-repair';
import { buildRequest, configFromCamera, repairStartOf, type PortsProblem } from './discovery-model';
import { DiscoveryProgress } from './discovery-progress';
import { DiscoveryResults } from './discovery-results';
import '../../styles/discovery.css';

const METHODS = DiscoveryMethod.options;

function portsProblemText(problem: PortsProblem, t: Translate): string {
  switch (problem.type) {
    case 'empty':
      return t('discovery.portsEmpty');
    case 'invalid':
      return t('discovery.portsInvalid', { value: problem.value });
    case 'too-many':
      return t('discovery.portsTooMany', { max: problem.max });
  }
}

function statusText(scan: DiscoveryState, t: Translate): string {
  const count = scan.cameras.length;
  switch (scan.state) {
    case 'idle':
      return t('discovery.state.idle');
    case 'running':
      return t('discovery.state.running', { count });
    case 'done':
      return t('discovery.state.done', { count });
    case 'cancelled':
      return t('discovery.state.cancelled', { count });
    case 'failed':
      return t('discovery.state.failed', { error: scan.error ?? '' });
  }
}

const messageOf = (error: unknown): string =>
  isIpcError(error) || error instanceof Error ? error.message : String(error);

export function DiscoveryPane() {
  const t = useT();
  const client = usePtzClient();
  const store = useAppStoreApi();
  const startRepair = useStartRepair();
  const baseId = useId();
  const titleId = `${baseId}-title`;
  const portsId = `${baseId}-ports`;
  const interfaces = useAppStore((s) => s.network.interfaces);
  const scan = useAppStore((s) => s.discovery);

  const [chosenInterfaces, setChosenInterfaces] = useState<readonly string[]>([]);
  const [methods, setMethods] = useState<readonly DiscoveryMethod[]>(METHODS);
  const [portsText, setPortsText] = useState(DEFAULT_SWEEP_PORTS.join(', '));
  const [attempted, setAttempted] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const [repairPending, setRepairPending] = useState(false);
  const portsRef = useRef<HTMLInputElement>(null);

  const running = scan.state === 'running';
  const build = buildRequest({ interfaces: chosenInterfaces, methods, portsText });
  const portsProblem = attempted && !build.ok ? build.ports : null;
  const noMethod = attempted && !build.ok && build.noMethod;

  const toggle = <T,>(list: readonly T[], item: T, on: boolean): readonly T[] =>
    on ? [...list.filter((x) => x !== item), item] : list.filter((x) => x !== item);

  const onStart = async (e: FormEvent<HTMLFormElement>): Promise<void> => {
    e.preventDefault();
    if (starting) return;
    setAttempted(true);
    setProblem(null);
    if (!build.ok) {
      if (build.ports !== null) portsRef.current?.focus();
      return;
    }
    setStarting(true);
    try {
      await client.discovery.start(build.request);
    } catch (error) {
      setProblem(t('discovery.startFailed', { message: messageOf(error) }));
    } finally {
      setStarting(false);
    }
  };

  const onCancel = async (): Promise<void> => {
    if (!running) return;
    try {
      await client.discovery.cancel();
    } catch (error) {
      setProblem(t('discovery.cancelFailed', { message: messageOf(error) }));
    }
  };

  const onAdd = (camera: DiscoveredCamera): void => {
    const config = configFromCamera(camera, t('discovery.unnamed'));
    if (config !== null) store.getState().requestAddDevice(config);
  };

  const onRepair = async (camera: DiscoveredCamera): Promise<void> => {
    const start = repairStartOf(camera);
    if (start === null || repairPending) return;
    setRepairPending(true);
    setProblem(null);
    const refused = await startRepair(start);
    setRepairPending(false);
    if (refused !== null) setProblem(t('repair.startFailed', { message: refused }));
  };

  const close = (): void => store.getState().closeDiscovery();

  return (
    <ModalDialog labelledBy={titleId} onEscape={close} className="discovery-dialog" testId="discovery-pane">
      <h2 id={titleId} className="dialog-title">
        {t('discovery.title')}
      </h2>
      <div className="discovery-layout">
        <form className="discovery-settings" noValidate onSubmit={(e) => void onStart(e)}>
          <fieldset className="discovery-fieldset" data-testid="discovery-interfaces">
            <legend>{t('discovery.interfaces')}</legend>
            {interfaces.length === 0 ? (
              <p className="field-hint">{t('discovery.noInterfaces')}</p>
            ) : (
              interfaces.map((nic) => {
                const addresses = nic.addresses.map((a) => `${a.address}/${a.prefix}`).join(', ');
                const detail = !nic.up
                  ? t('discovery.interfaceDown')
                  : addresses === ''
                    ? t('discovery.interfaceNoAddress')
                    : addresses;
                return (
                  <label key={nic.name} className="check-row">
                    <input
                      type="checkbox"
                      data-testid={`discovery-interface-${nic.name}`}
                      checked={chosenInterfaces.includes(nic.name)}
                      onChange={(e) => setChosenInterfaces((l) => toggle(l, nic.name, e.target.checked))}
                    />
                    <span className="check-name">{nic.name}</span> <span className="check-detail">{detail}</span>
                  </label>
                );
              })
            )}
            <p className="field-hint">{t('discovery.interfacesHint')}</p>
          </fieldset>

          <fieldset className="discovery-fieldset" aria-invalid={noMethod || undefined}>
            <legend>{t('discovery.methods')}</legend>
            {METHODS.map((m) => (
              <label key={m} className="check-row">
                <input
                  type="checkbox"
                  data-testid={`discovery-method-${m}`}
                  checked={methods.includes(m)}
                  onChange={(e) => setMethods((l) => toggle(l, m, e.target.checked))}
                />
                <span className="check-name">{t(`discovery.method.${m}`)}</span>
              </label>
            ))}
            {noMethod && (
              <p className="field-error" data-testid="discovery-error-methods">
                {t('discovery.noMethod')}
              </p>
            )}
          </fieldset>

          <div className="field">
            <label htmlFor={portsId}>{t('discovery.ports')}</label>
            <input
              ref={portsRef}
              id={portsId}
              type="text"
              inputMode="numeric"
              autoComplete="off"
              spellCheck={false}
              data-testid="discovery-ports"
              disabled={!methods.includes('sweep')}
              value={portsText}
              aria-invalid={portsProblem !== null || undefined}
              aria-describedby={`${portsId}-hint${portsProblem !== null ? ` ${portsId}-error` : ''}`}
              onChange={(e) => setPortsText(e.target.value)}
            />
            <p id={`${portsId}-hint`} className="field-hint">
              {t('discovery.portsHint', { ports: DEFAULT_SWEEP_PORTS.join(', ') })}
            </p>
            {portsProblem !== null && (
              <p id={`${portsId}-error`} className="field-error" data-testid="discovery-error-ports">
                {portsProblemText(portsProblem, t)}
              </p>
            )}
          </div>

          {problem !== null && (
            <div className="form-alert" role="alert" data-testid="discovery-error">
              <p>{problem}</p>
            </div>
          )}

          <div className="discovery-run">
            <button
              type="submit"
              className="button button-primary"
              data-testid="discovery-start"
              aria-disabled={starting || running}
            >
              {starting ? t('discovery.starting') : t('discovery.start')}
            </button>
            <button
              type="button"
              className="button"
              data-testid="discovery-cancel"
              aria-disabled={!running}
              onClick={() => void onCancel()}
            >
              {t('discovery.cancel')}
            </button>
          </div>
        </form>

        <section className="discovery-found" aria-labelledby={`${baseId}-found`}>
          <h3 id={`${baseId}-found`} className="discovery-heading">
            {t('discovery.results')}
          </h3>
          <p className="discovery-status" role="status" data-testid="discovery-status" data-state={scan.state}>
            {statusText(scan, t)}
          </p>
          <DiscoveryProgress methods={scan.methods} />
          <div className="discovery-scroll">
            <DiscoveryResults
              cameras={scan.cameras}
              onAdd={onAdd}
              onRepair={(c) => void onRepair(c)}
              repairPending={repairPending}
            />
          </div>
        </section>
      </div>
      <div className="dialog-actions">
        <button
          type="button"
          className="button"
          data-testid="discovery-history"
          onClick={() => store.getState().openRepairHistory()}
        >
          {t('discovery.repairHistory')}
        </button>
        <button type="button" className="button" data-testid="discovery-close" onClick={close}>
          {t('discovery.close')}
        </button>
      </div>
    </ModalDialog>
  );
}

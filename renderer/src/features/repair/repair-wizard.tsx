/**
 * The IP-repair wizard, drawn entirely from `repairChanged`: the stepper, the diagnosis in words, the
 * step's own content (plan form, progress text, manual stage, result), the log, and Cancel until the
 * session ends (Close then dismisses it). Escape is STOP ALL everywhere (the app's handler still runs);
 * here it only asks whether to cancel the repair — it never cancels by itself.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { isIpcError } from '../../../../shared/ipc/ipc-error';
import type { RepairSession, RepairStepName } from '../../../../shared/model/repair';
import { assertNever } from '../../../../shared/util/assert-never';
import { ModalDialog } from '../../components/modal-dialog';
import { useT } from '../../i18n/use-t';
import { useAppStore, useAppStoreApi, usePtzClient } from '../../store/app-context';
import { explainConflict, conflictLabel } from './conflict-text';
import { RepairManual } from './repair-manual';
import { isFinished, stepperItems } from './repair-model';
import { RepairPlanForm } from './repair-plan-form';
import { RepairStepper } from './repair-stepper';
import '../../styles/repair.css';

const messageOf = (error: unknown): string =>
  isIpcError(error) || error instanceof Error ? error.message : String(error);

export function RepairWizard({ session }: { session: RepairSession }) {
  const t = useT();
  const client = usePtzClient();
  const store = useAppStoreApi();
  const reached = useAppStore((s) => s.repairReached);
  const titleId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const contentRef = useRef<HTMLDivElement>(null);
  const closeRef = useRef<HTMLButtonElement>(null);
  const keepGoingRef = useRef<HTMLButtonElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const [confirming, setConfirming] = useState(false);
  const [pending, setPending] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const state = session.state;
  const finished = isFinished(session);
  const rollingBack = state.step === 'rolling-back';
  const showConfirm = confirming && !finished && !rollingBack;

  // Keep focus inside the dialog when the control that had it goes away with its step.
  useEffect(() => {
    if (finished) {
      closeRef.current?.focus();
      return;
    }
    if (!contentRef.current?.contains(document.activeElement)) headingRef.current?.focus();
  }, [state.step, finished]);

  useEffect(() => {
    if (showConfirm) keepGoingRef.current?.focus();
  }, [showConfirm]);

  const act = async (call: () => Promise<unknown>): Promise<void> => {
    if (pending) return;
    setPending(true);
    setProblem(null);
    try {
      await call();
    } catch (error) {
      setProblem(t('repair.actionFailed', { message: messageOf(error) }));
    } finally {
      setPending(false);
    }
  };

  /** Cancel is never held up by another pending call: it must always get through. */
  const confirmCancel = (): void => {
    setConfirming(false);
    setProblem(null);
    client.repair.cancel().catch((error: unknown) => {
      setProblem(t('repair.actionFailed', { message: messageOf(error) }));
    });
    cancelRef.current?.focus();
  };

  const onEscape = (): void => {
    // STOP ALL has already been sent by the app's own Escape handler. Never cancel without a second yes.
    if (finished || rollingBack) return;
    if (confirming) {
      setConfirming(false);
      cancelRef.current?.focus();
    } else setConfirming(true);
  };

  const target = session.target;
  const plan = session.plan;
  const targetText = t('repair.target', {
    camera: target.model ?? t('repair.targetCamera'),
    ip: target.ip,
    mac: target.mac ?? t('repair.macUnknown'),
    interface: target.interface,
  });
  const stepName = (name: RepairStepName): string => t(`repair.step.${name}`);

  const working = (text: string) => (
    <p className="repair-working" data-testid="repair-working">
      <span className="spinner" aria-hidden="true" />
      {text}
    </p>
  );

  let body;
  switch (state.step) {
    case 'diagnose':
      body = working(t('repair.now.diagnose'));
      break;
    case 'plan':
      body =
        plan === null ? (
          <p className="dialog-text">{t('repair.noPlan')}</p>
        ) : (
          <RepairPlanForm plan={plan} checks={state.checks} onActionFailed={setProblem} />
        );
      break;
    case 'alias':
      body = working(
        t('repair.now.alias', { alias: plan?.alias?.address ?? '', interface: plan?.interface ?? target.interface }),
      );
      break;
    case 'verify':
      body = working(t('repair.now.verify'));
      break;
    case 'readdress':
      body = working(t('repair.now.readdress', { target: plan?.target.address ?? '' }));
      break;
    case 'confirm':
      body = working(t('repair.now.confirm', { target: plan?.target.address ?? '' }));
      break;
    case 'cleanup':
      body = working(t('repair.now.cleanup'));
      break;
    case 'manual':
      body = (
        <RepairManual
          stage={state.stage}
          check={state.check}
          target={target}
          plan={plan}
          aliasExpiresAt={session.aliasExpiresAt ?? null}
          pending={pending}
          onDone={() => void act(() => client.repair.proceed())}
        />
      );
      break;
    case 'done':
      body = (
        <div className="repair-result" data-testid="repair-done" data-outcome="done">
          <p className="repair-result-title">{t('repair.done', { ip: state.newIp })}</p>
          {target.deviceId !== null && <p className="dialog-text">{t('repair.doneDevice')}</p>}
        </div>
      );
      break;
    case 'rolling-back':
      body = (
        <div className="repair-result" data-testid="repair-rolling-back" data-outcome="rolling-back">
          {working(t('repair.rollingBack'))}
          <p className="dialog-text" lang="en">
            {t('repair.rollingBackReason', { reason: state.reason })}
          </p>
        </div>
      );
      break;
    case 'failed':
      body = (
        <div
          className="repair-result"
          data-testid="repair-failed"
          data-outcome={state.cancelled ? 'cancelled' : 'failed'}
          data-rolled-back={state.rolledBack}
        >
          <p className="repair-result-title">
            {state.cancelled
              ? t('repair.failed.cancelledTitle', { step: stepName(state.at) })
              : t('repair.failed.title', { step: stepName(state.at) })}
          </p>
          <p className="dialog-text" lang="en">
            {t('repair.failed.error', { error: state.error })}
          </p>
          <p
            className={state.rolledBack ? 'repair-restored' : 'repair-not-restored'}
            data-testid="repair-restored"
            role={state.rolledBack ? undefined : 'alert'}
          >
            {state.rolledBack ? t('repair.failed.rolledBack') : t('repair.failed.notRolledBack')}
          </p>
        </div>
      );
      break;
    default:
      body = assertNever(state, 'repair step');
  }

  return (
    <ModalDialog
      labelledBy={titleId}
      onEscape={onEscape}
      initialFocus={headingRef}
      className="repair-dialog"
      testId="repair-wizard"
    >
      <div ref={contentRef} className="repair-content" data-step={state.step}>
        <h2 id={titleId} ref={headingRef} tabIndex={-1} className="dialog-title">
          {t('repair.title')}
        </h2>
        <p className="repair-target" data-testid="repair-target">
          {targetText}
        </p>
        <RepairStepper items={stepperItems(session, reached)} />

        {(session.diagnosis.length > 0 || state.step !== 'diagnose') && (
          <section className="repair-diagnosis" data-testid="repair-diagnosis">
            <h3 className="repair-subheading">{t('repair.diagnosis')}</h3>
            {session.diagnosis.length === 0 ? (
              <p className="dialog-text">{t('repair.diagnosisNone')}</p>
            ) : (
              <ul>
                {session.diagnosis.map((c, i) => (
                  <li key={i} data-kind={c.kind}>
                    <span className="conflict-badge" data-kind={c.kind}>
                      {conflictLabel(c, t)}
                    </span>{' '}
                    {explainConflict(c, t)}
                  </li>
                ))}
              </ul>
            )}
          </section>
        )}

        <div className="repair-body" aria-live="polite" data-testid="repair-body">
          {body}
        </div>

        {problem !== null && (
          <div className="form-alert" role="alert" data-testid="repair-error">
            <p>{problem}</p>
          </div>
        )}

        <details className="repair-log" data-testid="repair-log">
          <summary tabIndex={0}>
            {t('repair.log')} ({session.log.length})
          </summary>
          {session.log.length === 0 ? (
            <p className="dialog-text">{t('repair.logEmpty')}</p>
          ) : (
            <ol lang="en">
              {session.log.map((entry, i) => (
                <li key={i}>
                  <time dateTime={new Date(entry.at).toISOString()}>{new Date(entry.at).toLocaleTimeString()}</time>{' '}
                  <span className="log-step">{entry.step}</span> {entry.text}
                </li>
              ))}
            </ol>
          )}
        </details>

        {showConfirm && (
          <div
            className="repair-confirm"
            role="alertdialog"
            aria-labelledby={`${titleId}-confirm`}
            data-testid="repair-confirm-cancel"
          >
            <p id={`${titleId}-confirm`}>{t('repair.confirmCancel.text')}</p>
            <div className="dialog-actions">
              <button
                ref={keepGoingRef}
                type="button"
                className="button"
                data-testid="repair-keep-going"
                onClick={() => {
                  setConfirming(false);
                  cancelRef.current?.focus();
                }}
              >
                {t('repair.confirmCancel.no')}
              </button>
              <button
                type="button"
                className="button button-danger"
                data-testid="repair-confirm-yes"
                onClick={confirmCancel}
              >
                {t('repair.confirmCancel.yes')}
              </button>
            </div>
          </div>
        )}

        <div className="dialog-actions">
          {finished ? (
            <>
              <button
                type="button"
                className="button"
                data-testid="repair-history-open"
                onClick={() => store.getState().openRepairHistory()}
              >
                {t('repair.history.open')}
              </button>
              <button
                ref={closeRef}
                type="button"
                className="button button-primary"
                data-testid="repair-close"
                aria-disabled={pending}
                onClick={() => void act(() => client.repair.dismiss())}
              >
                {t('repair.close')}
              </button>
            </>
          ) : (
            <button
              ref={cancelRef}
              type="button"
              className="button button-quiet-danger"
              data-testid="repair-cancel"
              aria-disabled={rollingBack}
              onClick={() => {
                if (!rollingBack) setConfirming(true);
              }}
            >
              {rollingBack ? t('repair.cancelling') : t('repair.cancel')}
            </button>
          )}
        </div>
      </div>
    </ModalDialog>
  );
}

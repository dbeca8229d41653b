/** The guided manual mode: one field step at a time, with the console's live check of it. */
import { ManualStage, type CheckResult, type RepairPlan, type RepairTarget } from '../../../../shared/model/repair';
import { useT } from '../../i18n/use-t';

const MANUAL_STAGES: readonly ManualStage[] = ManualStage.options;

export interface RepairManualProps {
  readonly stage: ManualStage;
  readonly check: CheckResult | null;
  readonly target: RepairTarget;
  readonly plan: RepairPlan | null;
  /** When the console removes the temporary address unless a check runs first (ms since epoch), or null. */
  readonly aliasExpiresAt: number | null;
  readonly pending: boolean;
  readonly onDone: () => void;
}

export function RepairManual({ stage, check, target, plan, aliasExpiresAt, pending, onDone }: RepairManualProps) {
  const t = useT();
  const n = MANUAL_STAGES.indexOf(stage) + 1;
  const newIp = plan?.target.address ?? '';
  let body: string;
  switch (stage) {
    case 'connect':
      body = t('repair.manual.connect.body', { ip: target.ip });
      break;
    case 'change-address':
      body = t('repair.manual.change-address.body', {
        target: newIp,
        prefix: plan?.target.prefix ?? '',
        gateway: plan?.target.gateway ?? t('repair.manual.noGateway'),
      });
      break;
    case 'verify-new':
      body = t('repair.manual.verify-new.body', { target: newIp });
      break;
  }
  return (
    <section className="repair-manual" data-testid="repair-manual" data-stage={stage}>
      <p className="repair-manual-count">{t('repair.manual.stage', { n, total: MANUAL_STAGES.length })}</p>
      <h3 className="repair-heading">{t(`repair.manual.${stage}.title`)}</h3>
      <p className="dialog-text">{body}</p>
      <div
        className="check-result repair-live-check"
        data-testid="repair-manual-check"
        data-ok={check === null ? undefined : check.ok}
        role="status"
      >
        <span className="check-verdict">{t('repair.manual.check')}:</span>
        {check === null ? (
          <span>{t('repair.manual.checkPending')}</span>
        ) : (
          <>
            <span className="check-verdict">{check.ok ? t('repair.checkOk') : t('repair.checkFailed')}</span>
            <span lang="en">{check.detail}</span>
          </>
        )}
      </div>
      {aliasExpiresAt !== null && plan?.alias ? (
        <p className="dialog-text" data-testid="repair-manual-ttl">
          {t('repair.manual.aliasExpires', {
            alias: plan.alias.address,
            time: new Date(aliasExpiresAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }),
          })}
        </p>
      ) : null}
      <div className="repair-plan-actions">
        <button
          type="button"
          className="button button-primary"
          data-testid="repair-manual-done"
          aria-disabled={pending}
          onClick={() => {
            if (!pending) onDone();
          }}
        >
          {t('repair.manual.done')}
        </button>
      </div>
    </section>
  );
}

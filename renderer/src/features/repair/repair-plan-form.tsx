/**
 * The plan step: the addresses the repair will use, editable before anything on the PC changes. Each
 * field is checked with the contract's schema as typed; changed fields are sent to the core one by one
 * (so a refusal — "address in use", "not in the camera's subnet" — lands beside its own field), then the
 * core's checks are shown. Proceed applies pending edits first and only proceeds when they were accepted.
 */
import { useId, useRef, useState } from 'react';
import { isIpcError } from '../../../../shared/ipc/ipc-error';
import type { CheckResult } from '../../../../shared/model/repair';
import type { RepairPlan } from '../../../../shared/model/repair';
import { useT } from '../../i18n/use-t';
import { usePtzClient } from '../../store/app-context';
import {
  PLAN_FIELDS,
  planValues,
  validatePlan,
  type PlanField,
  type PlanProblem,
  type PlanValues,
} from './repair-model';

export interface RepairPlanFormProps {
  readonly plan: RepairPlan;
  readonly checks: readonly CheckResult[];
  /** A wizard-level problem (proceed refused) to show above the buttons. */
  readonly onActionFailed: (message: string | null) => void;
}

const messageOf = (error: unknown): string =>
  isIpcError(error) || error instanceof Error ? error.message : String(error);

const same = (a: PlanValues, b: PlanValues): boolean => PLAN_FIELDS.every((f) => a[f] === b[f]);

export function RepairPlanForm({ plan, checks, onActionFailed }: RepairPlanFormProps) {
  const t = useT();
  const client = usePtzClient();
  const baseId = useId();
  const fresh = planValues(plan);
  // `base` is the plan the fields were filled from. When the core sends a new plan, fields the operator
  // has not touched follow it; typed ones are kept.
  const [form, setForm] = useState({ base: fresh, values: fresh });
  if (!same(form.base, fresh)) {
    const merged = { ...form.values };
    for (const f of PLAN_FIELDS) if (form.values[f] === form.base[f]) merged[f] = fresh[f];
    setForm({ base: fresh, values: merged });
  }
  const values = form.values;
  const [attempted, setAttempted] = useState(false);
  const [server, setServer] = useState<{ readonly [F in PlanField]?: string }>({});
  const [pending, setPending] = useState(false);
  // The ONVIF login: held in the form until Proceed hands it to the core, which never sends it back.
  const [login, setLogin] = useState({ username: '', password: '' });
  const [loginError, setLoginError] = useState<string | null>(null);
  const pendingRef = useRef(false);

  const validation = validatePlan(values, plan);
  const problems = attempted && !validation.ok ? validation.problems : {};
  const dirty = !same(values, fresh);
  const idOf = (f: PlanField): string => `${baseId}-${f}`;

  const setField = (f: PlanField, text: string): void => {
    setForm((s) => ({ ...s, values: { ...s.values, [f]: text } }));
    setServer((s) => ({ ...s, [f]: undefined }));
  };

  /** Sends the changed fields; true when every one was accepted (or nothing changed). */
  const apply = async (): Promise<boolean> => {
    setAttempted(true);
    onActionFailed(null);
    const result = validatePlan(values, plan);
    if (!result.ok) {
      const first = PLAN_FIELDS.find((f) => result.problems[f] !== undefined);
      if (first) document.getElementById(idOf(first))?.focus();
      return false;
    }
    for (const { field, edit } of result.edits) {
      try {
        await client.repair.editPlan(edit);
      } catch (error) {
        setServer((s) => ({ ...s, [field]: messageOf(error) }));
        document.getElementById(idOf(field))?.focus();
        return false;
      }
    }
    return true;
  };

  /** Hands the ONVIF login to the core (when one was typed); true when accepted or none is needed. */
  const sendLogin = async (): Promise<boolean> => {
    setLoginError(null);
    if (plan.method !== 'onvif' || login.username.trim() === '') return true;
    try {
      await client.repair.setCredentials({ username: login.username.trim(), password: login.password });
      return true;
    } catch (error) {
      setLoginError(messageOf(error));
      document.getElementById(`${baseId}-onvif-user`)?.focus();
      return false;
    }
  };

  const run = async (andProceed: boolean): Promise<void> => {
    if (pendingRef.current) return;
    pendingRef.current = true;
    setPending(true);
    try {
      if ((await apply()) && andProceed && (await sendLogin())) await client.repair.proceed();
    } catch (error) {
      onActionFailed(messageOf(error));
    } finally {
      pendingRef.current = false;
      setPending(false);
    }
  };

  const problemText = (p: PlanProblem): string => (p.type === 'schema' ? p.message : t('repair.notANumber'));

  const field = (f: PlanField, label: string, hint: string) => {
    const problem = problems[f];
    const refused = server[f];
    const errorId = `${idOf(f)}-error`;
    return (
      <div className="field">
        <label htmlFor={idOf(f)}>{label}</label>
        <input
          id={idOf(f)}
          type="text"
          inputMode={f === 'prefix' ? 'numeric' : 'decimal'}
          autoComplete="off"
          spellCheck={false}
          data-testid={`repair-field-${f}`}
          value={values[f]}
          aria-invalid={problem !== undefined || refused !== undefined || undefined}
          aria-describedby={`${idOf(f)}-hint${problem !== undefined || refused !== undefined ? ` ${errorId}` : ''}`}
          onChange={(e) => setField(f, e.target.value)}
        />
        <p id={`${idOf(f)}-hint`} className="field-hint">
          {hint}
        </p>
        {(problem !== undefined || refused !== undefined) && (
          <p id={errorId} className="field-error" data-testid={`repair-error-${f}`} lang="en">
            {problem !== undefined ? problemText(problem) : t('repair.editFailed', { message: refused ?? '' })}
          </p>
        )}
      </div>
    );
  };

  return (
    <form
      className="repair-plan"
      data-testid="repair-plan"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void run(true);
      }}
    >
      <h3 className="repair-heading">{t('repair.plan')}</h3>
      <p className="dialog-text">{t('repair.planIntro')}</p>
      <div className="repair-plan-grid">
        {plan.alias !== null ? (
          field(
            'alias',
            t('repair.field.alias'),
            t('repair.field.aliasHint', { interface: plan.interface, prefix: plan.alias.prefix }),
          )
        ) : (
          <p className="field-hint repair-no-alias" data-testid="repair-no-alias">
            {t('repair.noAlias')}
          </p>
        )}
        {field('target', t('repair.field.target'), t('repair.field.targetHint'))}
        {field('prefix', t('repair.field.prefix'), t('repair.field.prefixHint'))}
        {field('gateway', t('repair.field.gateway'), t('repair.field.gatewayHint'))}
      </div>
      <p className="repair-method" data-testid="repair-method">
        {t('repair.method', { method: t(`repair.method.${plan.method}`) })}
      </p>
      {plan.method === 'onvif' && (
        <fieldset className="repair-login" data-testid="repair-login">
          <legend className="repair-subheading">{t('repair.login')}</legend>
          <p className="field-hint">{t('repair.loginHint')}</p>
          <div className="repair-plan-grid">
            <div className="field">
              <label htmlFor={`${baseId}-onvif-user`}>{t('repair.login.user')}</label>
              <input
                id={`${baseId}-onvif-user`}
                type="text"
                autoComplete="off"
                spellCheck={false}
                data-testid="repair-login-user"
                value={login.username}
                aria-invalid={loginError !== null || undefined}
                onChange={(e) => setLogin((l) => ({ ...l, username: e.target.value }))}
              />
            </div>
            <div className="field">
              <label htmlFor={`${baseId}-onvif-password`}>{t('repair.login.password')}</label>
              <input
                id={`${baseId}-onvif-password`}
                type="password"
                autoComplete="off"
                data-testid="repair-login-password"
                value={login.password}
                onChange={(e) => setLogin((l) => ({ ...l, password: e.target.value }))}
              />
            </div>
          </div>
          {loginError !== null && (
            <p className="field-error" data-testid="repair-login-error" lang="en">
              {t('repair.editFailed', { message: loginError })}
            </p>
          )}
        </fieldset>
      )}
      {checks.length > 0 && (
        <div className="repair-checks">
          <h4 className="repair-subheading">{t('repair.checks')}</h4>
          <ul data-testid="repair-checks">
            {checks.map((c, i) => (
              <li key={i} className="check-result" data-ok={c.ok}>
                <span className="check-verdict">{c.ok ? t('repair.checkOk') : t('repair.checkFailed')}</span>
                <span lang="en">{c.detail}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
      <div className="repair-plan-actions">
        <button
          type="button"
          className="button"
          data-testid="repair-apply"
          aria-disabled={pending || !dirty}
          onClick={() => {
            if (dirty) void run(false);
          }}
        >
          {t('repair.applyEdits')}
        </button>
        <button type="submit" className="button button-primary" data-testid="repair-proceed" aria-disabled={pending}>
          {pending ? t('repair.applying') : t('repair.proceed')}
        </button>
      </div>
    </form>
  );
}

/**
 * Pure helpers of the repair wizard: the stepper's view of a session, and the plan form (text values,
 * validation with the contract's schemas, and the edits to send).
 */
import { Ipv4, PrefixLength } from '../../../../shared/model/network';
import {
  REPAIR_STEPS,
  type RepairPlan,
  type RepairPlanEdit,
  type RepairSession,
  type RepairStepName,
} from '../../../../shared/model/repair';

export type StepStatus = 'complete' | 'current' | 'failed' | 'todo';

export interface StepperItem {
  readonly name: RepairStepName;
  readonly status: StepStatus;
}

/** A session that has ended (nothing left to cancel; Close dismisses it). */
export function isFinished(session: RepairSession): boolean {
  return session.state.step === 'done' || session.state.step === 'failed';
}

/** The wizard's steps for this session: `manual` stands where `readdress` would when the camera is readdressed by hand. */
export function stepSequence(session: RepairSession, reached: RepairStepName | null): RepairStepName[] {
  const state = session.state;
  const manual =
    session.plan?.method === 'manual' ||
    state.step === 'manual' ||
    reached === 'manual' ||
    (state.step === 'failed' && state.at === 'manual');
  return REPAIR_STEPS.map((s) => (s === 'readdress' && manual ? 'manual' : s));
}

/**
 * Where each step stands: those before the current one are complete; a failure marks the step it
 * happened at; a rollback marks the step it started from as current (the work there is being undone).
 */
export function stepperItems(session: RepairSession, reached: RepairStepName | null): StepperItem[] {
  const sequence = stepSequence(session, reached);
  const state = session.state;
  const indexOf = (name: RepairStepName | null): number => {
    if (name === null) return 0;
    const i = sequence.indexOf(name === 'readdress' || name === 'manual' ? sequence[4]! : name);
    return i === -1 ? 0 : i;
  };
  let at: number;
  let atStatus: StepStatus;
  switch (state.step) {
    case 'failed':
      at = indexOf(state.at);
      atStatus = 'failed';
      break;
    case 'rolling-back':
      at = indexOf(reached);
      atStatus = 'current';
      break;
    case 'done':
      at = sequence.length - 1;
      atStatus = 'complete';
      break;
    default:
      at = indexOf(state.step);
      atStatus = 'current';
  }
  return sequence.map((name, i) => ({
    name,
    status: i < at ? 'complete' : i === at ? atStatus : 'todo',
  }));
}

/** The plan's editable fields as the operator types them. */
export interface PlanValues {
  readonly alias: string;
  readonly target: string;
  readonly prefix: string;
  readonly gateway: string;
}

export type PlanField = keyof PlanValues;

/** Order of the fields on screen (and of the edits sent). */
export const PLAN_FIELDS: readonly PlanField[] = ['alias', 'target', 'prefix', 'gateway'];

export function planValues(plan: RepairPlan): PlanValues {
  return {
    alias: plan.alias?.address ?? '',
    target: plan.target.address,
    prefix: String(plan.target.prefix),
    gateway: plan.target.gateway ?? '',
  };
}

/** A problem with one field: the schema's message (English, from the contract) or not a number. */
export type PlanProblem = { readonly type: 'schema'; readonly message: string } | { readonly type: 'not-a-number' };

export type PlanProblems = { readonly [F in PlanField]?: PlanProblem };

/** One edit per changed field, in screen order: sending them one by one ties a refusal to its field. */
export interface FieldEdit {
  readonly field: PlanField;
  readonly edit: RepairPlanEdit;
}

export type PlanValidation =
  { readonly ok: true; readonly edits: FieldEdit[] } | { readonly ok: false; readonly problems: PlanProblems };

function schemaProblem(result: { success: boolean; error?: { issues: { message: string }[] } }): PlanProblem | null {
  return result.success ? null : { type: 'schema', message: result.error?.issues[0]?.message ?? 'invalid' };
}

/**
 * Checks the changed fields with the contract's schemas and returns the edits to send. Unchanged fields
 * are not sent (the core re-probes every address it is given). The alias is only editable when the plan
 * has one.
 */
export function validatePlan(values: PlanValues, plan: RepairPlan): PlanValidation {
  const base = planValues(plan);
  const problems: { [F in PlanField]?: PlanProblem } = {};
  const edits: FieldEdit[] = [];
  const changed = (f: PlanField): boolean => values[f].trim() !== base[f];

  if (plan.alias !== null && changed('alias')) {
    const r = Ipv4.safeParse(values.alias);
    const p = schemaProblem(r);
    if (p) problems.alias = p;
    else edits.push({ field: 'alias', edit: { aliasAddress: values.alias.trim() } });
  }
  if (changed('target')) {
    const p = schemaProblem(Ipv4.safeParse(values.target));
    if (p) problems.target = p;
    else edits.push({ field: 'target', edit: { targetAddress: values.target.trim() } });
  }
  if (changed('prefix')) {
    const text = values.prefix.trim();
    if (!/^\d+$/.test(text)) problems.prefix = { type: 'not-a-number' };
    else {
      const p = schemaProblem(PrefixLength.safeParse(Number(text)));
      if (p) problems.prefix = p;
      else edits.push({ field: 'prefix', edit: { targetPrefix: Number(text) } });
    }
  }
  if (changed('gateway')) {
    const text = values.gateway.trim();
    if (text === '') edits.push({ field: 'gateway', edit: { targetGateway: null } });
    else {
      const p = schemaProblem(Ipv4.safeParse(text));
      if (p) problems.gateway = p;
      else edits.push({ field: 'gateway', edit: { targetGateway: text } });
    }
  }
  return Object.keys(problems).length > 0 ? { ok: false, problems } : { ok: true, edits };
}

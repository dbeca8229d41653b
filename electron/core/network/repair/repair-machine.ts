/**
 * The wizard's state machine, pure: which step follows which on what event. The runner performs the
 * effects and feeds their outcomes in as events; anything not allowed in the current step throws.
 */
import type { CheckResult, ManualStage, RepairStep, RepairStepName } from '../../../../shared/model/repair';

/** What can happen to a session. */
export type RepairEvent =
  | { type: 'diagnosed'; checks: CheckResult[] }
  | { type: 'proceed' }
  | { type: 'aliased'; manual: boolean }
  | { type: 'verified' }
  | { type: 'readdressed' }
  | { type: 'manual-check'; check: CheckResult }
  | { type: 'confirmed' }
  | { type: 'cleaned'; newIp: string }
  | { type: 'fail'; error: string }
  | { type: 'cancel' }
  | { type: 'rolled-back'; at: RepairStepName; error: string; rolledBack: boolean; cancelled: boolean };

export class TransitionError extends Error {
  constructor(step: RepairStep['step'], event: RepairEvent['type']) {
    super(`the repair cannot take "${event}" at step "${step}"`);
    this.name = 'TransitionError';
  }
}

const MANUAL_NEXT: Record<ManualStage, ManualStage | null> = {
  connect: 'change-address',
  'change-address': 'verify-new',
  'verify-new': null,
};

/** Whether the session has ended (done or failed). */
export function isFinished(s: RepairStep): s is Extract<RepairStep, { step: 'done' | 'failed' }> {
  return s.step === 'done' || s.step === 'failed';
}

/** The next step after `event` at `state`. Throws TransitionError when the event is not allowed there. */
export function transition(state: RepairStep, event: RepairEvent): RepairStep {
  const bad = (): never => {
    throw new TransitionError(state.step, event.type);
  };
  if (event.type === 'fail' || event.type === 'cancel') {
    if (isFinished(state) || state.step === 'rolling-back') return bad();
    return { step: 'rolling-back', reason: event.type === 'cancel' ? 'cancelled by the operator' : event.error };
  }
  switch (state.step) {
    case 'diagnose':
      return event.type === 'diagnosed' ? { step: 'plan', checks: event.checks } : bad();
    case 'plan':
      return event.type === 'proceed' ? { step: 'alias' } : bad();
    case 'alias':
      if (event.type !== 'aliased') return bad();
      return event.manual ? { step: 'manual', stage: 'connect', check: null } : { step: 'verify' };
    case 'verify':
      return event.type === 'verified' ? { step: 'readdress' } : bad();
    case 'readdress':
      return event.type === 'readdressed' ? { step: 'confirm' } : bad();
    case 'manual': {
      if (event.type !== 'manual-check') return bad();
      if (!event.check.ok) return { ...state, check: event.check };
      const next = MANUAL_NEXT[state.stage];
      return next ? { step: 'manual', stage: next, check: event.check } : { step: 'confirm' };
    }
    case 'confirm':
      return event.type === 'confirmed' ? { step: 'cleanup' } : bad();
    case 'cleanup':
      return event.type === 'cleaned' ? { step: 'done', newIp: event.newIp } : bad();
    case 'rolling-back':
      return event.type === 'rolled-back'
        ? { step: 'failed', at: event.at, error: event.error, rolledBack: event.rolledBack, cancelled: event.cancelled }
        : bad();
    case 'done':
    case 'failed':
      return bad();
  }
}

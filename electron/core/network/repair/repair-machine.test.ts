import { describe, expect, it } from 'vitest';
import type { RepairStep } from '../../../../shared/model/repair';
import { TransitionError, transition, type RepairEvent } from './repair-machine';

const run = (events: RepairEvent[], from: RepairStep = { step: 'diagnose' }) => events.reduce(transition, from);
const ok = { ok: true, detail: 'fine' };

describe('repair state machine', () => {
  it('walks the protocol path diagnose → … → done', () => {
    const steps: string[] = [];
    let s: RepairStep = { step: 'diagnose' };
    for (const e of [
      { type: 'diagnosed', checks: [ok] },
      { type: 'proceed' },
      { type: 'aliased', manual: false },
      { type: 'verified' },
      { type: 'readdressed' },
      { type: 'confirmed' },
      { type: 'cleaned', newIp: '198.51.100.68' },
    ] as RepairEvent[]) {
      s = transition(s, e);
      steps.push(s.step);
    }
    expect(steps).toEqual(['plan', 'alias', 'verify', 'readdress', 'confirm', 'cleanup', 'done']);
    expect(s).toEqual({ step: 'done', newIp: '198.51.100.68' });
  });

  it('manual mode: each stage advances only on a passing live check', () => {
    let s = run([{ type: 'diagnosed', checks: [] }, { type: 'proceed' }, { type: 'aliased', manual: true }]);
    expect(s).toEqual({ step: 'manual', stage: 'connect', check: null });
    const bad = { ok: false, detail: 'no answer' };
    s = transition(s, { type: 'manual-check', check: bad });
    expect(s).toEqual({ step: 'manual', stage: 'connect', check: bad });
    s = transition(s, { type: 'manual-check', check: ok });
    expect(s).toEqual({ step: 'manual', stage: 'change-address', check: ok });
    s = transition(s, { type: 'manual-check', check: ok });
    expect(s).toMatchObject({ stage: 'verify-new' });
    s = transition(s, { type: 'manual-check', check: ok });
    expect(s).toEqual({ step: 'confirm' });
  });

  it('a failure or cancel anywhere goes to rolling-back, then failed with the outcome', () => {
    for (const from of [
      { step: 'diagnose' },
      { step: 'plan', checks: [] },
      { step: 'alias' },
      { step: 'verify' },
      { step: 'readdress' },
      { step: 'manual', stage: 'change-address', check: null },
      { step: 'confirm' },
      { step: 'cleanup' },
    ] as RepairStep[]) {
      expect(transition(from, { type: 'fail', error: 'boom' })).toEqual({ step: 'rolling-back', reason: 'boom' });
      expect(transition(from, { type: 'cancel' })).toEqual({
        step: 'rolling-back',
        reason: 'cancelled by the operator',
      });
    }
    const failed = run(
      [
        { type: 'fail', error: 'x' },
        { type: 'rolled-back', at: 'verify', error: 'x', rolledBack: true, cancelled: false },
      ],
      { step: 'verify' },
    );
    expect(failed).toEqual({ step: 'failed', at: 'verify', error: 'x', rolledBack: true, cancelled: false });
  });

  it('refuses events out of order and anything after the end', () => {
    expect(() => transition({ step: 'diagnose' }, { type: 'proceed' })).toThrow(TransitionError);
    expect(() => transition({ step: 'plan', checks: [] }, { type: 'verified' })).toThrow(
      /cannot take "verified" at step "plan"/,
    );
    expect(() => transition({ step: 'done', newIp: '198.51.100.68' }, { type: 'cancel' })).toThrow(TransitionError);
    expect(() => transition({ step: 'rolling-back', reason: 'x' }, { type: 'fail', error: 'again' })).toThrow(
      TransitionError,
    );
  });
});

/**
 * Learn a gamepad mapping: one step per function ("move the axis you want for pan"…), each detected from
 * the pad itself (the axis that moved furthest from its rest value; a newly pressed button), then a
 * review with per-axis invert. Saves a profile keyed by `gamepad.id`. Nothing is driven while it is open.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { ModalDialog } from '../../components/modal-dialog';
import { useT } from '../../i18n/use-t';
import {
  DEFAULT_AXIS_DEAD_ZONE,
  EMPTY_PROFILE,
  MAPPED_AXES,
  MAPPED_BUTTONS,
  detectAxis,
  detectButton,
  type GamepadProfile,
  type MappedAxis,
  type MappedButton,
} from './gamepad-mapping';
import { connectedPads } from './use-gamepad-drive';

/** The learn flow. */
export type LearnStep =
  | { readonly kind: 'axis'; readonly target: MappedAxis }
  | { readonly kind: 'button'; readonly target: MappedButton }
  | { readonly kind: 'review' };

const REVIEW: LearnStep = { kind: 'review' };

export const LEARN_STEPS: readonly LearnStep[] = [
  ...MAPPED_AXES.map((target) => ({ kind: 'axis', target }) as const),
  ...MAPPED_BUTTONS.map((target) => ({ kind: 'button', target }) as const),
  REVIEW,
];

export interface LearnMappingDialogProps {
  readonly padId: string;
  readonly onSave: (profile: GamepadProfile) => void;
  readonly onClose: () => void;
}

function boundAxes(p: GamepadProfile): Set<number> {
  return new Set(MAPPED_AXES.flatMap((a) => (p.axes[a] === null ? [] : [p.axes[a].index])));
}

function boundButtons(p: GamepadProfile): Set<number> {
  return new Set(MAPPED_BUTTONS.flatMap((b) => (p.buttons[b] === null ? [] : [p.buttons[b]])));
}

export function LearnMappingDialog({ padId, onSave, onClose }: LearnMappingDialogProps) {
  const t = useT();
  const titleId = useId();
  const [stepIndex, setStepIndex] = useState(0);
  const [draft, setDraft] = useState<GamepadProfile>(EMPTY_PROFILE);
  const [padPresent, setPadPresent] = useState(true);
  const step = LEARN_STEPS[stepIndex] ?? REVIEW;
  const rest = useRef<{ axes: number[]; buttons: boolean[] } | null>(null);

  // A new step re-reads the rest position on its first frame.
  useEffect(() => {
    rest.current = null;
  }, [stepIndex]);

  useEffect(() => {
    if (step.kind === 'review') return;
    let frame = requestAnimationFrame(function poll() {
      frame = requestAnimationFrame(poll);
      const pad = connectedPads().find((p) => p.id === padId);
      setPadPresent(pad !== undefined);
      if (!pad) return;
      const axes = [...pad.axes];
      const buttons = pad.buttons.map((b) => b.pressed);
      if (rest.current === null) {
        rest.current = { axes, buttons };
        return;
      }
      if (step.kind === 'axis') {
        const taken = boundAxes(draft);
        // Axes already bound (perhaps springing back to centre now) are not candidates.
        const masked = axes.map((v, i) => (taken.has(i) ? (rest.current?.axes[i] ?? 0) : v));
        const found = detectAxis(rest.current.axes, masked);
        if (found === null) return;
        setDraft((d) => ({
          ...d,
          axes: { ...d.axes, [step.target]: { ...found, deadZone: DEFAULT_AXIS_DEAD_ZONE } },
        }));
      } else {
        const taken = boundButtons(draft);
        const found = detectButton(
          rest.current.buttons,
          buttons.map((b, i) => b && !taken.has(i)),
        );
        if (found === null) return;
        setDraft((d) => ({ ...d, buttons: { ...d.buttons, [step.target]: found } }));
      }
      cancelAnimationFrame(frame);
      setStepIndex((i) => i + 1);
    });
    return () => cancelAnimationFrame(frame);
  }, [step, padId, draft]);

  const prompt =
    step.kind === 'axis'
      ? t(`input.learnAxis.${step.target}`)
      : step.kind === 'button'
        ? t(`input.learnButton.${step.target}`)
        : t('input.learnReview');

  return (
    <ModalDialog labelledBy={titleId} onEscape={onClose} testId="gamepad-learn-dialog" className="input-learn">
      <h2 id={titleId} className="dialog-title">
        {t('input.learnTitle')}
      </h2>
      <p className="dialog-text input-learn-pad">{t('input.learnPad', { name: padId })}</p>
      <p
        className="input-learn-step"
        data-testid="gamepad-learn-step"
        data-step={step.kind === 'review' ? 'review' : step.target}
      >
        {t('input.learnStep', { step: stepIndex + 1, total: LEARN_STEPS.length })}
      </p>
      <p className="input-learn-prompt" role="status" aria-live="polite" data-testid="gamepad-learn-prompt">
        {prompt}
      </p>
      {step.kind !== 'review' && (
        <p className="input-learn-wait">{padPresent ? t('input.learnWaiting') : t('input.learnNoPad')}</p>
      )}
      {step.kind === 'review' && (
        <ul className="input-learn-review" data-testid="gamepad-learn-review">
          {MAPPED_AXES.map((a) => {
            const b = draft.axes[a];
            return (
              <li key={a}>
                <span>
                  {t(`input.target.${a}`)}:{' '}
                  {b === null ? t('input.learnUnbound') : t('input.learnAxisBound', { index: b.index })}
                </span>
                {b !== null && (
                  <label className="input-check">
                    <input
                      type="checkbox"
                      data-testid={`gamepad-learn-invert-${a}`}
                      checked={b.invert}
                      onChange={(e) =>
                        setDraft((d) => ({ ...d, axes: { ...d.axes, [a]: { ...b, invert: e.target.checked } } }))
                      }
                    />
                    {t('input.learnInvert', { target: t(`input.target.${a}`) })}
                  </label>
                )}
              </li>
            );
          })}
          {MAPPED_BUTTONS.map((k) => {
            const b = draft.buttons[k];
            return (
              <li key={k}>
                {t(`input.target.${k}`)}:{' '}
                {b === null ? t('input.learnUnbound') : t('input.learnButtonBound', { index: b })}
              </li>
            );
          })}
        </ul>
      )}
      <div className="dialog-actions">
        <button type="button" className="button" data-testid="gamepad-learn-cancel" onClick={onClose}>
          {t('input.cancel')}
        </button>
        {step.kind === 'review' ? (
          <button
            type="button"
            className="button button-primary"
            data-testid="gamepad-learn-save"
            onClick={() => onSave(draft)}
          >
            {t('input.save')}
          </button>
        ) : (
          <button
            type="button"
            className="button"
            data-testid="gamepad-learn-skip"
            onClick={() => setStepIndex((i) => i + 1)}
          >
            {t('input.skip')}
          </button>
        )}
      </div>
    </ModalDialog>
  );
}

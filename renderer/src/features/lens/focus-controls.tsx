/** Focus: hold Near / Far (manual focus speed with heartbeats), Auto / Manual, and one-push autofocus. */
import { useId, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import type { FocusMode } from '../../../../shared/model/lens';
import { useT } from '../../i18n/use-t';
import { usePtzClient } from '../../store/app-context';
import { FOCUS_SPEED } from './lens-math';
import type { RunLensCommand } from './lens-errors';
import { useAxisHold } from './use-axis-hold';

const HOLD_KEYS = new Set([' ', 'Enter']);

export function FocusControls(props: {
  readonly deviceId: string | null;
  readonly enabled: boolean;
  readonly supported: boolean;
  readonly run: RunLensCommand;
}) {
  const { deviceId, enabled, supported, run } = props;
  const t = useT();
  const client = usePtzClient();
  const groupName = useId();
  const reasonId = useId();
  const pointerRef = useRef<{ element: HTMLElement; id: number } | null>(null);
  /** Focus mode is not reported by the camera: this is the last one set from here (per camera). */
  const [mode, setMode] = useState<FocusMode | null>(null);

  const hold = useAxisHold('focus', {
    onEnd: () => {
      const p = pointerRef.current;
      pointerRef.current = null;
      if (p && p.element.hasPointerCapture?.(p.id)) p.element.releasePointerCapture(p.id);
    },
  });

  const disabled = !enabled || !supported;

  const begin = (element: HTMLElement, speed: number, how: 'pointer' | 'keys'): boolean => {
    if (disabled || deviceId === null || !hold.start(element, deviceId, how)) return false;
    hold.update(speed);
    return true;
  };

  const holdHandlers = (speed: number) => ({
    onPointerDown: (e: PointerEvent<HTMLButtonElement>) => {
      if (e.pointerType === 'mouse' && e.button !== 0) return;
      e.preventDefault(); // Keep focus handling and text selection out of the hold.
      const button = e.currentTarget;
      button.focus({ preventScroll: true });
      if (!begin(button, speed, 'pointer')) return;
      button.setPointerCapture?.(e.pointerId);
      pointerRef.current = { element: button, id: e.pointerId };
    },
    onPointerUp: (e: PointerEvent<HTMLButtonElement>) => {
      if (pointerRef.current?.id === e.pointerId) hold.end();
    },
    onPointerCancel: (e: PointerEvent<HTMLButtonElement>) => {
      if (pointerRef.current?.id === e.pointerId) hold.end();
    },
    onLostPointerCapture: (e: PointerEvent<HTMLButtonElement>) => {
      if (pointerRef.current?.id === e.pointerId) hold.end();
    },
    onKeyDown: (e: KeyboardEvent<HTMLButtonElement>) => {
      if (!HOLD_KEYS.has(e.key)) return;
      e.preventDefault(); // No click: the button acts while held.
      if (!e.repeat && pointerRef.current === null && !hold.isHeld()) begin(e.currentTarget, speed, 'keys');
    },
    onKeyUp: (e: KeyboardEvent<HTMLButtonElement>) => {
      if (HOLD_KEYS.has(e.key) && pointerRef.current === null) hold.end();
    },
    onBlur: () => {
      if (pointerRef.current === null) hold.end();
    },
  });

  const chooseMode = (next: FocusMode): void => {
    if (deviceId === null) return;
    const previous = mode;
    setMode(next);
    void run(deviceId, client.lens.setFocusMode({ deviceId, mode: next })).then((ok) => {
      if (!ok) setMode(previous);
    });
  };

  return (
    <fieldset className="lens-group" disabled={disabled} aria-describedby={!supported ? reasonId : undefined}>
      <legend>{t('lens.panel.focus')}</legend>
      <div className="lens-row">
        <button
          type="button"
          className="lens-button lens-hold"
          data-testid="focus-near"
          aria-label={t('lens.panel.focusNearLabel')}
          {...holdHandlers(-FOCUS_SPEED)}
        >
          {t('lens.panel.focusNear')}
        </button>
        <button
          type="button"
          className="lens-button lens-hold"
          data-testid="focus-far"
          aria-label={t('lens.panel.focusFarLabel')}
          {...holdHandlers(FOCUS_SPEED)}
        >
          {t('lens.panel.focusFar')}
        </button>
        <button
          type="button"
          className="lens-button"
          data-testid="focus-one-push"
          aria-label={t('lens.panel.onePushLabel')}
          onClick={() => {
            if (deviceId !== null) void run(deviceId, client.lens.focusOnePush({ deviceId }));
          }}
        >
          {t('lens.panel.onePush')}
        </button>
      </div>
      <div className="lens-segmented" role="radiogroup" aria-label={t('lens.panel.focusMode')} data-testid="focus-mode">
        {(['auto', 'manual'] as const).map((m) => (
          <label key={m} className="lens-segment">
            <input type="radio" name={groupName} value={m} checked={mode === m} onChange={() => chooseMode(m)} />
            <span>{t(m === 'auto' ? 'lens.panel.auto' : 'lens.panel.manual')}</span>
          </label>
        ))}
      </div>
      {!supported && (
        <p id={reasonId} className="lens-reason">
          {t('lens.panel.noFocus')}
        </p>
      )}
    </fieldset>
  );
}

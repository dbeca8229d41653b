/**
 * Aperture: a slider over the camera's iris steps (closed → fully open), labelled in F-stops, sending
 * `lens.setIris` on commit; and the exposure mode (automatic, or manual iris) as the camera reports it.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { IrisMode } from '../../../../shared/model/lens';
import { useT } from '../../i18n/use-t';
import { useAppStore, usePtzClient } from '../../store/app-context';
import { selectSelectedDevice, selectSelectedPosition } from '../../store/selectors';
import { formatFNumber, irisPositionOf, irisStepOf } from './lens-math';
import type { RunLensCommand } from './lens-errors';

const NO_STOPS: readonly (number | null)[] = [];

/** How long a choice the camera acknowledged is shown before its own report must take over, ms. */
const REPORT_WAIT_MS = 2000;

export function IrisControls(props: {
  readonly deviceId: string | null;
  readonly enabled: boolean;
  readonly run: RunLensCommand;
}) {
  const { deviceId, enabled, run } = props;
  const t = useT();
  const client = usePtzClient();
  const sliderId = useId();
  const reasonId = useId();
  const groupName = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  // Narrow selections: the stops (element-wise stable), the reported step and mode — not the position.
  const stops = useAppStore(useShallow((s) => selectSelectedDevice(s)?.capabilities.irisStops ?? NO_STOPS));
  const reportedStep = useAppStore((s) => irisStepOf(selectSelectedPosition(s)?.iris, stops.length));
  const reportedMode = useAppStore((s) => selectSelectedPosition(s)?.irisMode ?? null);
  /** The operator's step while dragging or until the setIris it sent has settled. */
  const [draft, setDraft] = useState<number | null>(null);
  const draftRef = useRef<number | null>(null);
  /** The committed step waiting for the camera's report of it. */
  const awaitingRef = useRef<number | null>(null);
  /** The mode asked for, until that request has settled. */
  const [pendingMode, setPendingMode] = useState<IrisMode | null>(null);

  useEffect(() => {
    if (draft !== null && awaitingRef.current === draft && reportedStep === draft) {
      awaitingRef.current = null;
      draftRef.current = null;
      setDraft(null);
    }
  }, [draft, reportedStep]);

  const supported = stops.length > 0;
  const disabled = !enabled || !supported;
  const step = draft ?? reportedStep;
  const stopLabel = (i: number | null): string => {
    if (i === null) return t('lens.unknown');
    const f = formatFNumber(stops[i]);
    return f === null ? t('lens.panel.irisClosed') : t('lens.panel.irisStop', { f });
  };

  // The commit is the native `change` (pointer release or a key press); `input` only follows the drag.
  useEffect(() => {
    const input = inputRef.current;
    if (!input || deviceId === null) return;
    let token = 0;
    const commit = (): void => {
      const chosen = draftRef.current;
      if (chosen === null) return;
      const mine = ++token;
      awaitingRef.current = chosen;
      const position = irisPositionOf(chosen, stops.length);
      void run(deviceId, client.lens.setIris({ deviceId, position })).then((ok) => {
        if (mine !== token) return;
        const release = () => {
          // Not when another commit followed, or the operator is dragging again.
          if (mine !== token || draftRef.current !== chosen) return;
          awaitingRef.current = null;
          draftRef.current = null;
          setDraft(null);
        };
        // Kept until the camera reports the step (below), so the slider does not jump back to the old
        // step between the ACK and the next poll; released at once on failure, or after a while.
        if (!ok) release();
        else setTimeout(release, REPORT_WAIT_MS);
      });
    };
    input.addEventListener('change', commit);
    return () => {
      token++;
      input.removeEventListener('change', commit);
    };
  }, [client, deviceId, run, stops.length]);

  // The camera's report, not the ACK, ends a pending choice: the ACK comes before the next poll shows
  // the new mode, and dropping the choice on it flicked the toggle back to the old mode for a moment.
  useEffect(() => {
    if (pendingMode !== null && reportedMode === pendingMode) setPendingMode(null);
  }, [pendingMode, reportedMode]);
  const modeFallback = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => clearTimeout(modeFallback.current ?? undefined), []);

  const chooseMode = (mode: IrisMode): void => {
    if (deviceId === null) return;
    setPendingMode(mode);
    clearTimeout(modeFallback.current ?? undefined);
    void run(deviceId, client.lens.setIrisMode({ deviceId, mode })).then((ok) => {
      if (!ok) return setPendingMode(null);
      // A camera that never reports its exposure mode: show what it says again after a while.
      modeFallback.current = setTimeout(() => setPendingMode(null), REPORT_WAIT_MS);
    });
  };
  const mode = pendingMode ?? reportedMode;

  return (
    <fieldset className="lens-group" disabled={disabled} aria-describedby={!supported ? reasonId : undefined}>
      <legend>{t('lens.panel.iris')}</legend>
      <div className="lens-field">
        <div className="lens-field-head">
          <label htmlFor={sliderId}>{t('lens.panel.irisSlider')}</label>
          <output htmlFor={sliderId} className="lens-value" data-testid="iris-value">
            {stopLabel(step)}
          </output>
        </div>
        <input
          ref={inputRef}
          id={sliderId}
          type="range"
          className="lens-slider"
          data-testid="iris-slider"
          min={0}
          max={Math.max(0, stops.length - 1)}
          step={1}
          value={step ?? 0}
          aria-valuetext={stopLabel(step)}
          onChange={(e) => {
            const next = Number(e.currentTarget.value);
            draftRef.current = next;
            setDraft(next);
          }}
        />
      </div>
      <div className="lens-segmented" role="radiogroup" aria-label={t('lens.panel.irisMode')} data-testid="iris-mode">
        {(['auto', 'manual'] as const).map((m) => (
          <label key={m} className="lens-segment">
            <input type="radio" name={groupName} value={m} checked={mode === m} onChange={() => chooseMode(m)} />
            <span>{t(m === 'auto' ? 'lens.panel.irisAuto' : 'lens.panel.manual')}</span>
          </label>
        ))}
      </div>
      {!supported && (
        <p id={reasonId} className="lens-reason">
          {t('lens.panel.noIris')}
        </p>
      )}
    </fieldset>
  );
}

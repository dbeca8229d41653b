/**
 * Absolute zoom: a slider showing the camera's reported zoom (live, written to the DOM from a store
 * subscription, so 10 Hz positions re-render nothing) that sends `lens.zoomTo` when the operator lets go
 * of it or changes it from the keyboard — not on every pixel of a drag.
 */
import { useEffect, useId, useRef } from 'react';
import { useT } from '../../i18n/use-t';
import { useAppStoreApi, usePtzClient } from '../../store/app-context';
import { selectSelectedPosition } from '../../store/selectors';
import { formatRatio } from './format-position';
import { ZOOM_SLIDER_STEPS, zoomPositionOf, zoomSliderValue } from './lens-math';
import type { RunLensCommand } from './lens-errors';

export function ZoomSlider(props: {
  readonly deviceId: string | null;
  readonly enabled: boolean;
  readonly supported: boolean;
  readonly run: RunLensCommand;
}) {
  const { deviceId, enabled, supported, run } = props;
  const t = useT();
  const client = usePtzClient();
  const store = useAppStoreApi();
  const id = useId();
  const reasonId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const ratioRef = useRef<HTMLOutputElement>(null);
  /** The operator's value while dragging or until the zoomTo it sent has settled; null = show the camera. */
  const draftRef = useRef<number | null>(null);
  const pointerDownRef = useRef(false);
  const writeRef = useRef<() => void>(() => {});

  // Live value: the camera's zoom whenever the operator is not holding a value of their own.
  useEffect(() => {
    const write = (): void => {
      const p = selectSelectedPosition(store.getState());
      const ratio = formatRatio(p?.zoomRatio);
      const text = ratio === null ? t('lens.unknown') : t('lens.ratio', { value: ratio });
      const out = ratioRef.current;
      if (out && out.textContent !== text) out.textContent = text;
      const input = inputRef.current;
      if (!input) return;
      if (draftRef.current === null && !pointerDownRef.current) {
        const value = String(zoomSliderValue(p?.zoom));
        if (input.value !== value) input.value = value;
      }
      const valueText =
        ratio === null ? t('lens.panel.zoomPercent', { value: Math.round(Number(input.value) / 10) }) : text;
      if (input.getAttribute('aria-valuetext') !== valueText) input.setAttribute('aria-valuetext', valueText);
    };
    writeRef.current = write;
    write();
    let last = selectSelectedPosition(store.getState());
    return store.subscribe((s) => {
      const next = selectSelectedPosition(s);
      if (next === last) return;
      last = next;
      write();
    });
  }, [store, t]);

  // Native events: `input` follows the drag, `change` is the commit (pointer release or a key press).
  useEffect(() => {
    const input = inputRef.current;
    if (!input || deviceId === null) return;
    let token = 0;
    const onInput = (): void => {
      draftRef.current = Number(input.value);
    };
    const commit = (): void => {
      const draft = draftRef.current;
      if (draft === null) return;
      const mine = ++token;
      void run(deviceId, client.lens.zoomTo({ deviceId, position: zoomPositionOf(draft) })).then(() => {
        // Back to the camera's position once this (latest) command settled.
        if (mine !== token) return;
        draftRef.current = null;
        writeRef.current();
      });
    };
    const onPointerDown = (): void => {
      pointerDownRef.current = true;
    };
    const onPointerUp = (): void => {
      pointerDownRef.current = false;
      if (draftRef.current === null) writeRef.current();
    };
    input.addEventListener('input', onInput);
    input.addEventListener('change', commit);
    input.addEventListener('pointerdown', onPointerDown);
    input.addEventListener('pointerup', onPointerUp);
    input.addEventListener('pointercancel', onPointerUp);
    return () => {
      token++;
      draftRef.current = null;
      pointerDownRef.current = false;
      input.removeEventListener('input', onInput);
      input.removeEventListener('change', commit);
      input.removeEventListener('pointerdown', onPointerDown);
      input.removeEventListener('pointerup', onPointerUp);
      input.removeEventListener('pointercancel', onPointerUp);
      writeRef.current();
    };
  }, [client, deviceId, run]);

  const disabled = !enabled || !supported;
  return (
    <div className="lens-field">
      <div className="lens-field-head">
        <label htmlFor={id}>{t('lens.panel.zoomPosition')}</label>
        <output ref={ratioRef} htmlFor={id} className="lens-value" data-testid="zoom-ratio" />
      </div>
      <input
        ref={inputRef}
        id={id}
        type="range"
        className="lens-slider"
        data-testid="zoom-slider"
        min={0}
        max={ZOOM_SLIDER_STEPS}
        step={1}
        defaultValue={0}
        disabled={disabled}
        aria-describedby={!supported ? reasonId : undefined}
      />
      {!supported && (
        <p id={reasonId} className="lens-reason">
          {t('lens.panel.noZoomPosition')}
        </p>
      )}
    </div>
  );
}

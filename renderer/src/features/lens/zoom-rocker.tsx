/**
 * Spring-return zoom rocker: drag the thumb toward T (tele) or W (wide), further = faster; it snaps back
 * to the centre and the zoom stops on release. Arrow keys when focused: Right/Up tele, Left/Down wide.
 * The thumb lives in the DOM, not in React state: dragging re-renders nothing.
 */
import { useId, useRef, type KeyboardEvent, type PointerEvent } from 'react';
import { useT } from '../../i18n/use-t';
import { KEY_ZOOM_SPEED, rockerSpeed } from './lens-math';
import { useAxisHold } from './use-axis-hold';

const TELE_KEYS = new Set(['ArrowRight', 'ArrowUp']);
const WIDE_KEYS = new Set(['ArrowLeft', 'ArrowDown']);

interface Geometry {
  readonly cx: number;
  /** Travel of the thumb centre each way from the track centre (px): full speed at this offset. */
  readonly travel: number;
}

export function ZoomRocker(props: { readonly deviceId: string | null; readonly enabled: boolean }) {
  const { deviceId, enabled } = props;
  const t = useT();
  const helpId = useId();
  const trackRef = useRef<HTMLDivElement>(null);
  const thumbRef = useRef<HTMLDivElement>(null);
  const pointerRef = useRef<number | null>(null);
  const geometryRef = useRef<Geometry | null>(null);
  const keysRef = useRef(new Set<string>());

  const placeThumb = (px: number): void => {
    const thumb = thumbRef.current;
    if (thumb) thumb.style.transform = px === 0 ? '' : `translateX(${px}px)`;
  };

  const hold = useAxisHold('zoom', {
    onEnd: () => {
      const track = trackRef.current;
      const pointerId = pointerRef.current;
      pointerRef.current = null;
      geometryRef.current = null;
      keysRef.current.clear();
      placeThumb(0);
      if (track && pointerId !== null && track.hasPointerCapture?.(pointerId)) track.releasePointerCapture(pointerId);
    },
    onSent: (speed) => trackRef.current?.setAttribute('data-zoom', String(speed)),
  });

  const measure = (track: HTMLElement): Geometry => {
    const r = track.getBoundingClientRect();
    const thumb = thumbRef.current?.getBoundingClientRect().width ?? 0;
    const half = r.width / 2;
    return { cx: r.left + half, travel: half - thumb / 2 > 0 ? half - thumb / 2 : half };
  };

  const moveTo = (clientX: number): void => {
    const g = geometryRef.current;
    if (!g) return;
    const offset = Math.min(g.travel, Math.max(-g.travel, clientX - g.cx));
    placeThumb(offset);
    hold.update(rockerSpeed(clientX - g.cx, g.travel));
  };

  const onPointerDown = (e: PointerEvent<HTMLDivElement>): void => {
    if (!enabled || deviceId === null || hold.isHeld()) return;
    if (e.pointerType === 'mouse' && e.button !== 0) return;
    e.preventDefault();
    const track = e.currentTarget;
    track.focus({ preventScroll: true });
    if (!hold.start(track, deviceId, 'pointer')) return;
    track.setPointerCapture?.(e.pointerId);
    pointerRef.current = e.pointerId;
    geometryRef.current = measure(track);
    moveTo(e.clientX);
  };

  const onPointerMove = (e: PointerEvent<HTMLDivElement>): void => {
    if (e.pointerId === pointerRef.current) moveTo(e.clientX);
  };

  const onPointerEnd = (e: PointerEvent<HTMLDivElement>): void => {
    if (e.pointerId === pointerRef.current) hold.end();
  };

  const updateFromKeys = (): void => {
    let direction = 0;
    for (const k of keysRef.current) direction += TELE_KEYS.has(k) ? 1 : -1;
    const speed = Math.sign(direction) * KEY_ZOOM_SPEED;
    const track = trackRef.current;
    placeThumb(track ? speed * measure(track).travel : 0);
    hold.update(speed);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>): void => {
    if (pointerRef.current !== null || (!TELE_KEYS.has(e.key) && !WIDE_KEYS.has(e.key))) return;
    e.preventDefault(); // Arrows must not scroll the page or move other controls.
    if (!enabled || deviceId === null) return;
    if (!hold.isHeld() && !hold.start(e.currentTarget, deviceId, 'keys')) return;
    keysRef.current.add(e.key);
    updateFromKeys();
  };

  const onKeyUp = (e: KeyboardEvent<HTMLDivElement>): void => {
    if (pointerRef.current !== null || !keysRef.current.delete(e.key)) return;
    if (keysRef.current.size === 0) hold.end();
    else updateFromKeys();
  };

  return (
    <div className="lens-rocker">
      <div
        ref={trackRef}
        className="lens-rocker-track"
        data-testid="zoom-rocker"
        role="application"
        aria-roledescription={t('lens.panel.rockerRole')}
        aria-label={t('lens.panel.rocker')}
        aria-describedby={helpId}
        aria-disabled={!enabled}
        tabIndex={0}
        data-zoom="0"
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerEnd}
        onPointerCancel={onPointerEnd}
        onLostPointerCapture={onPointerEnd}
        onKeyDown={onKeyDown}
        onKeyUp={onKeyUp}
        onBlur={() => {
          // Keys only: a pointer drag keeps going when focus moves (capture still routes its events).
          if (pointerRef.current === null) hold.end();
        }}
      >
        <span className="lens-rocker-end" aria-hidden="true">
          {t('lens.panel.wide')}
        </span>
        <div ref={thumbRef} className="lens-rocker-thumb" aria-hidden="true" />
        <span className="lens-rocker-end" aria-hidden="true">
          {t('lens.panel.tele')}
        </span>
      </div>
      <p id={helpId} className="lens-help">
        {t('lens.panel.rockerHelp')}
      </p>
    </div>
  );
}

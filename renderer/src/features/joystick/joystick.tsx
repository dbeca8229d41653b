/**
 * On-screen pan/tilt joystick for the selected camera. Pointer (mouse, pen, touch) with pointer capture,
 * or the arrow keys when focused. The knob and the sent vector live in refs and the DOM, never in React
 * state: dragging re-renders nothing.
 */
import { useEffect, useId, useImperativeHandle, useRef, type KeyboardEvent, type PointerEvent, type Ref } from 'react';
import { useT } from '../../i18n/use-t';
import { isIpcError } from '../../../../shared/ipc/ipc-error';
import { useAppStore, useAppStoreApi, usePtzClient } from '../../store/app-context';
import { selectSelectedName } from '../../store/selectors';
import { DEFAULT_DEAD_ZONE, stickVector, vectorFromKeys, type StickVector } from './joystick-math';
import { scaleVelocity } from '../input/input-math';
import { createMotionDrive, type MotionDrive } from '../motion/motion-drive';

const ARROW_KEYS = new Set(['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight']);

/** Pad geometry captured at press time (CSS px, viewport coordinates). */
interface Geometry {
  readonly cx: number;
  readonly cy: number;
  /** How far the knob centre can travel from the pad centre: full speed at this distance. */
  readonly radius: number;
}

/** What a parent may do with the joystick: hand it the keyboard (Enter in the camera list). */
export interface JoystickHandle {
  focus(): void;
}

export interface JoystickProps {
  /** Radial dead zone as a fraction of full deflection (0..0.5). Default 0.08. */
  readonly deadZone?: number;
  readonly ref?: Ref<JoystickHandle>;
}

function measure(pad: HTMLElement, knob: HTMLElement | null): Geometry {
  const r = pad.getBoundingClientRect();
  const knobSize = knob?.getBoundingClientRect().width ?? 0;
  const half = Math.min(r.width, r.height) / 2;
  return {
    cx: r.left + r.width / 2,
    cy: r.top + r.height / 2,
    radius: half - knobSize / 2 > 0 ? half - knobSize / 2 : half,
  };
}

export function Joystick({ deadZone = DEFAULT_DEAD_ZONE, ref }: JoystickProps) {
  const t = useT();
  const helpId = useId();
  const client = usePtzClient();
  const store = useAppStoreApi();
  const deviceId = useAppStore((s) => s.selectedId);
  const name = useAppStore(selectSelectedName);
  const enabled = useAppStore((s) => s.connection === 'open') && deviceId !== null;

  const padRef = useRef<HTMLDivElement>(null);
  const knobRef = useRef<HTMLDivElement>(null);
  const driveRef = useRef<MotionDrive<'pan' | 'tilt'> | null>(null);
  const pointerRef = useRef<number | null>(null);
  const geometryRef = useRef<Geometry | null>(null);
  const keysRef = useRef(new Set<string>());
  const endRef = useRef<() => void>(() => {});
  useImperativeHandle(ref, () => ({ focus: () => padRef.current?.focus() }), []);

  /** Shows the knob at a vector (keys) or pixel offset (pointer), without React. */
  const placeKnob = (x: number, y: number): void => {
    const knob = knobRef.current;
    if (knob) knob.style.transform = x === 0 && y === 0 ? '' : `translate(${x}px, ${y}px)`;
  };

  /** Ends any hold, whatever started it. Safe to call at any time. */
  const end = (): void => {
    const pad = padRef.current;
    const pointerId = pointerRef.current;
    pointerRef.current = null;
    geometryRef.current = null;
    keysRef.current.clear();
    placeKnob(0, 0);
    pad?.removeAttribute('data-held');
    driveRef.current?.release();
    if (pad && pointerId !== null && pad.hasPointerCapture?.(pointerId)) pad.releasePointerCapture(pointerId);
  };
  useEffect(() => {
    endRef.current = end;
  });

  // One drive per client; releasing on teardown means an unmount mid-drag still stops the camera.
  useEffect(() => {
    const showVector = (v: StickVector): void => {
      padRef.current?.setAttribute('data-pan', String(v.pan));
      padRef.current?.setAttribute('data-tilt', String(v.tilt));
    };
    const drive = createMotionDrive(client, {
      axes: ['pan', 'tilt'],
      leadingEdge: true,
      onSent: showVector,
      onStopFailed: (e) =>
        store.getState().showNotice({ type: 'stop-failed', message: isIpcError(e) ? e.message : String(e) }),
    });
    driveRef.current = drive;
    return () => {
      endRef.current();
      driveRef.current = null;
    };
  }, [client, store]);

  // A different camera, or none: let go of the old one before the new one can be driven.
  useEffect(() => () => endRef.current(), [deviceId]);

  // Stop whenever the operator may have stopped paying attention or the core says stop.
  useEffect(() => {
    const onBlur = (): void => endRef.current();
    const onVisibility = (): void => {
      if (document.visibilityState === 'hidden') endRef.current();
    };
    window.addEventListener('blur', onBlur);
    document.addEventListener('visibilitychange', onVisibility);
    const unsubscribe = store.subscribe((s, prev) => {
      // After STOP ALL the knob must not restart anything until the operator presses again.
      if (s.stopAllSeq !== prev.stopAllSeq || (s.connection !== 'open' && prev.connection === 'open')) {
        endRef.current();
      }
    });
    return () => {
      window.removeEventListener('blur', onBlur);
      document.removeEventListener('visibilitychange', onVisibility);
      unsubscribe();
    };
  }, [store]);

  /** The operator's max speed and speed-follows-zoom apply to the stick as to keyboard and gamepad. */
  const scaled = (v: StickVector): StickVector => {
    const zoom = deviceId === null ? null : (store.getState().devices.get(deviceId)?.position?.zoom ?? null);
    const out = scaleVelocity({ ...v, zoom: 0, focus: 0 }, store.getState().inputSettings, zoom);
    return { pan: out.pan, tilt: out.tilt };
  };

  const moveTo = (clientX: number, clientY: number): void => {
    const g = geometryRef.current;
    if (!g) return;
    const dx = clientX - g.cx;
    const dy = clientY - g.cy;
    const distance = Math.hypot(dx, dy);
    const k = distance > g.radius && distance > 0 ? g.radius / distance : 1;
    placeKnob(dx * k, dy * k);
    driveRef.current?.update(scaled(stickVector(dx, dy, g.radius, deadZone)));
  };

  const onPointerDown = (e: PointerEvent<HTMLDivElement>): void => {
    const drive = driveRef.current;
    if (!enabled || deviceId === null || !drive || drive.isHeld()) return;
    if (e.pointerType === 'mouse' && e.button !== 0) return;
    e.preventDefault(); // No text selection or focus jump while dragging.
    const pad = e.currentTarget;
    pad.focus({ preventScroll: true });
    pad.setPointerCapture?.(e.pointerId);
    pointerRef.current = e.pointerId;
    geometryRef.current = measure(pad, knobRef.current);
    pad.setAttribute('data-held', 'pointer');
    drive.press(deviceId);
    moveTo(e.clientX, e.clientY);
  };

  const onPointerMove = (e: PointerEvent<HTMLDivElement>): void => {
    if (e.pointerId === pointerRef.current) moveTo(e.clientX, e.clientY);
  };

  const onPointerEnd = (e: PointerEvent<HTMLDivElement>): void => {
    if (e.pointerId === pointerRef.current) end();
  };

  const updateFromKeys = (fast: boolean): void => {
    const v = vectorFromKeys(keysRef.current, fast);
    const pad = padRef.current;
    const radius = pad ? measure(pad, knobRef.current).radius : 0;
    placeKnob(v.pan * radius, -v.tilt * radius);
    driveRef.current?.update(scaled(v));
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>): void => {
    const drive = driveRef.current;
    if (!drive || pointerRef.current !== null) return;
    if (ARROW_KEYS.has(e.key)) {
      e.preventDefault(); // Arrows must not scroll the page while driving.
      if (!enabled || deviceId === null) return;
      if (!drive.isHeld()) {
        drive.press(deviceId);
        padRef.current?.setAttribute('data-held', 'keys');
      }
      keysRef.current.add(e.key);
      updateFromKeys(e.shiftKey);
    } else if (e.key === 'Shift' && keysRef.current.size > 0) {
      updateFromKeys(true);
    }
  };

  const onKeyUp = (e: KeyboardEvent<HTMLDivElement>): void => {
    if (pointerRef.current !== null || keysRef.current.size === 0) return;
    keysRef.current.delete(e.key);
    if (keysRef.current.size === 0) end();
    else updateFromKeys(e.shiftKey);
  };

  const label = name === null ? t('joystick.labelNone') : t('joystick.label', { name });
  return (
    <div className="joystick">
      <div
        ref={padRef}
        className="joystick-pad"
        data-testid="joystick"
        role="application"
        aria-roledescription="joystick"
        aria-label={label}
        aria-describedby={helpId}
        aria-disabled={!enabled}
        tabIndex={0}
        data-pan="0"
        data-tilt="0"
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerEnd}
        onPointerCancel={onPointerEnd}
        onLostPointerCapture={onPointerEnd}
        onKeyDown={onKeyDown}
        onKeyUp={onKeyUp}
        onBlur={() => {
          // Keys only: a pointer drag keeps going when focus moves (capture still routes its events).
          if (pointerRef.current === null) end();
        }}
      >
        <div className="joystick-ring" aria-hidden="true" />
        <div className="joystick-crosshair" aria-hidden="true" />
        <div ref={knobRef} className="joystick-knob" data-testid="joystick-knob" aria-hidden="true" />
      </div>
      <p id={helpId} className="joystick-help">
        {t('joystick.help')}
      </p>
    </div>
  );
}

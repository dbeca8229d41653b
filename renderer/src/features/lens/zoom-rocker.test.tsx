import { act, fireEvent, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { HEARTBEAT_INTERVAL_MS } from '../../../../shared/model/motion';
import { createFakeClient } from '../../../test/fake-client';
import { mockAnimationFrames, mockPointerCapture } from '../../../test/held-control-harness';
import { move, placeRocker, press, setupLensPanel } from '../../../test/lens-panel-harness';
import { KEY_ZOOM_SPEED, rockerSpeed } from './lens-math';

const { flushFrame } = mockAnimationFrames();
mockPointerCapture();

describe('LensPanel — zoom rocker', () => {
  it('is labelled, focusable and enabled for the selected camera', () => {
    const { rocker } = setupLensPanel();
    expect(rocker).toHaveAccessibleName('Zoom rocker');
    expect(rocker).toHaveAttribute('tabindex', '0');
    expect(rocker).toHaveAttribute('aria-disabled', 'false');
  });

  it('sends the deflection as zoom velocity once per frame, heartbeats while held, zoom 0 on release (never motion.stop)', () => {
    const { rocker, client } = setupLensPanel();
    press(rocker);
    move(rocker, 120);
    move(rocker, 150);
    expect(client.motion.setVelocity).not.toHaveBeenCalled();
    flushFrame();
    expect(client.motion.setVelocity).toHaveBeenCalledTimes(1);
    expect(client.motion.setVelocity).toHaveBeenLastCalledWith({ deviceId: 'cam-1', zoom: rockerSpeed(50, 100) });
    expect(rockerSpeed(50, 100)).toBeGreaterThan(0);

    move(rocker, 150.3); // same quantised speed: nothing new
    flushFrame();
    expect(client.motion.setVelocity).toHaveBeenCalledTimes(1);

    move(rocker, 0); // full wide
    flushFrame();
    expect(client.motion.setVelocity).toHaveBeenLastCalledWith({ deviceId: 'cam-1', zoom: -1 });

    vi.advanceTimersByTime(HEARTBEAT_INTERVAL_MS * 3 + 10);
    expect(client.motion.heartbeat).toHaveBeenCalledTimes(3);
    expect(client.motion.heartbeat).toHaveBeenLastCalledWith({ deviceId: 'cam-1' });

    fireEvent.pointerUp(rocker, { pointerId: 3 });
    expect(client.motion.setVelocity).toHaveBeenLastCalledWith({ deviceId: 'cam-1', zoom: 0 });
    // The core stops (and confirms) when every axis is zero; a lens control never ends a pan.
    expect(client.motion.stop).not.toHaveBeenCalled();
    expect(rocker).not.toHaveAttribute('data-held');
    vi.advanceTimersByTime(HEARTBEAT_INTERVAL_MS * 5);
    expect(client.motion.heartbeat).toHaveBeenCalledTimes(3);
    move(rocker, 190);
    flushFrame();
    expect(client.motion.setVelocity).toHaveBeenLastCalledWith({ deviceId: 'cam-1', zoom: 0 });
  });

  it('never stops the camera on release, so a pan another control holds goes on', () => {
    const { rocker, client } = setupLensPanel();
    const joystick = document.createElement('div');
    joystick.setAttribute('data-held', 'pointer');
    document.body.append(joystick);
    try {
      press(rocker);
      move(rocker, 200);
      flushFrame();
      fireEvent.pointerUp(rocker, { pointerId: 3 });
      expect(client.motion.setVelocity).toHaveBeenLastCalledWith({ deviceId: 'cam-1', zoom: 0 });
      expect(client.motion.stop).not.toHaveBeenCalled();
    } finally {
      joystick.remove();
    }
  });

  it.each([
    ['pointercancel', (el: HTMLElement) => fireEvent.pointerCancel(el, { pointerId: 3 })],
    ['lostpointercapture', (el: HTMLElement) => fireEvent.lostPointerCapture(el, { pointerId: 3 })],
    ['window blur', () => fireEvent.blur(window)],
  ])('lets go on %s', (_name, trigger) => {
    const { rocker, client } = setupLensPanel();
    press(rocker);
    move(rocker, 180);
    flushFrame();
    trigger(rocker);
    expect(client.motion.setVelocity).toHaveBeenLastCalledWith({ deviceId: 'cam-1', zoom: 0 });
    expect(client.motion.stop).not.toHaveBeenCalled();
  });

  it('lets go after STOP ALL and when the selection changes', () => {
    const { rocker, client, store } = setupLensPanel();
    press(rocker);
    move(rocker, 180);
    flushFrame();
    act(() => store.getState().noteStopAll());
    expect(client.motion.setVelocity).toHaveBeenLastCalledWith({ deviceId: 'cam-1', zoom: 0 });

    const again = within(document.body).getByTestId('zoom-rocker');
    placeRocker(again);
    press(again);
    move(again, 180);
    flushFrame();
    act(() => store.getState().select('cam-2'));
    expect(client.motion.setVelocity).toHaveBeenLastCalledWith({ deviceId: 'cam-1', zoom: 0 });
    expect(client.motion.stop).not.toHaveBeenCalled();
  });

  it('holds the arrow keys at a medium speed: Right/Up tele, Left/Down wide; release stops', () => {
    const { rocker, client } = setupLensPanel();
    rocker.focus();
    fireEvent.keyDown(rocker, { key: 'ArrowRight' });
    fireEvent.keyDown(rocker, { key: 'ArrowRight' }); // auto-repeat
    flushFrame();
    expect(client.motion.setVelocity).toHaveBeenCalledTimes(1);
    expect(client.motion.setVelocity).toHaveBeenLastCalledWith({ deviceId: 'cam-1', zoom: KEY_ZOOM_SPEED });
    vi.advanceTimersByTime(HEARTBEAT_INTERVAL_MS + 5);
    expect(client.motion.heartbeat).toHaveBeenCalledTimes(1);
    fireEvent.keyUp(rocker, { key: 'ArrowRight' });
    expect(client.motion.setVelocity).toHaveBeenLastCalledWith({ deviceId: 'cam-1', zoom: 0 });
    expect(client.motion.stop).not.toHaveBeenCalled();

    fireEvent.keyDown(rocker, { key: 'ArrowDown' });
    flushFrame();
    expect(client.motion.setVelocity).toHaveBeenLastCalledWith({ deviceId: 'cam-1', zoom: -KEY_ZOOM_SPEED });
    fireEvent.blur(rocker);
    expect(client.motion.setVelocity).toHaveBeenLastCalledWith({ deviceId: 'cam-1', zoom: 0 });
  });

  it('does nothing without a camera or a connection', () => {
    const client = createFakeClient({ connection: 'closed' });
    const { rocker } = setupLensPanel({ client });
    expect(rocker).toHaveAttribute('aria-disabled', 'true');
    press(rocker);
    fireEvent.keyDown(rocker, { key: 'ArrowRight' });
    flushFrame();
    expect(client.motion.setVelocity).not.toHaveBeenCalled();
  });
});

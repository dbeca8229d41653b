import { act, fireEvent, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { HEARTBEAT_INTERVAL_MS } from '../../../../shared/model/motion';
import { createFakeClient, type FakeClient } from '../../../test/fake-client';
import { makeDevice } from '../../../test/fixtures';
import { mockAnimationFrames, mockPointerCapture, placeAtOrigin } from '../../../test/held-control-harness';
import { renderWithApp } from '../../../test/render-with-app';
import type { AppStore } from '../../store/app-store';
import { Joystick } from './joystick';

// The pad is 200×200 at the origin (centre 100,100, travel radius 100 px since the knob has no size).
const { flushFrame } = mockAnimationFrames();
mockPointerCapture();

function setup(options: { devices?: boolean; client?: FakeClient } = {}) {
  const client = options.client ?? createFakeClient();
  const harness = renderWithApp(<Joystick />, { client });
  if (options.devices !== false) {
    act(() => client.emit('devicesChanged', { type: 'init', items: [makeDevice('cam-1'), makeDevice('cam-2')] }));
  }
  const pad = within(harness.container).getByTestId('joystick');
  placeAtOrigin(pad, 200, 200);
  return { ...harness, pad };
}

const press = (pad: HTMLElement, x = 100, y = 100) =>
  fireEvent.pointerDown(pad, { pointerId: 7, clientX: x, clientY: y, button: 0, pointerType: 'mouse' });
const move = (pad: HTMLElement, x: number, y: number) =>
  fireEvent.pointerMove(pad, { pointerId: 7, clientX: x, clientY: y, pointerType: 'mouse' });

function expectReleased(client: FakeClient, deviceId = 'cam-1'): void {
  expect(client.motion.setVelocity).toHaveBeenLastCalledWith({ deviceId, pan: 0, tilt: 0 });
  expect(client.motion.stop).toHaveBeenCalledWith({ deviceId });
}

describe('Joystick', () => {
  // performance.now is stubbed where a test needs to place moves in time.
  afterEach(() => vi.mocked(performance.now).mockRestore?.());

  it('is labelled and focusable', () => {
    const { pad } = setup();
    expect(pad).toHaveAccessibleName('Pan and tilt joystick for Camera cam-1');
    expect(pad).toHaveAttribute('tabindex', '0');
    expect(pad).toHaveAttribute('aria-disabled', 'false');
  });

  it('drags right and up into a proportional vector: the first move at once, the rest once per frame', () => {
    let now = 1000;
    vi.spyOn(performance, 'now').mockImplementation(() => now);
    const { pad, client } = setup();
    press(pad);
    expect(Element.prototype.setPointerCapture).toHaveBeenCalledWith(7);
    // Nothing sent for a while: the first move goes out at once (no wait for the animation frame).
    move(pad, 150, 100);
    // 50 px of 100 → (0.5−0.08)/0.92 → 29/64.
    expect(client.motion.setVelocity).toHaveBeenCalledTimes(1);
    expect(client.motion.setVelocity).toHaveBeenLastCalledWith({ deviceId: 'cam-1', pan: 29 / 64, tilt: 0 });

    // More moves within the same frame interval wait for the frame, and only the latest goes.
    now += 4;
    move(pad, 160, 100);
    move(pad, 200, 100);
    expect(client.motion.setVelocity).toHaveBeenCalledTimes(1);
    flushFrame();
    expect(client.motion.setVelocity).toHaveBeenCalledTimes(2);
    expect(client.motion.setVelocity).toHaveBeenLastCalledWith({ deviceId: 'cam-1', pan: 1, tilt: 0 });

    now += 17; // a frame later, as Chromium delivers pointer moves
    move(pad, 100, 50); // straight up on screen = +tilt
    expect(client.motion.setVelocity).toHaveBeenCalledTimes(3);
    expect(client.motion.setVelocity).toHaveBeenLastCalledWith({ deviceId: 'cam-1', pan: 0, tilt: 29 / 64 });
    expect(pad).toHaveAttribute('data-tilt', String(29 / 64));
  });

  it('does not resend an unchanged quantised vector', () => {
    const { pad, client } = setup();
    press(pad);
    move(pad, 200, 100);
    flushFrame();
    move(pad, 260, 100); // past the rim: still full right
    flushFrame();
    move(pad, 200.2, 100.2); // sub-step jitter
    flushFrame();
    expect(client.motion.setVelocity).toHaveBeenCalledTimes(1);
    expect(client.motion.setVelocity).toHaveBeenCalledWith({ deviceId: 'cam-1', pan: 1, tilt: 0 });
  });

  it('sends a heartbeat every HEARTBEAT_INTERVAL_MS while held, and none after release', () => {
    const { pad, client } = setup();
    press(pad);
    vi.advanceTimersByTime(HEARTBEAT_INTERVAL_MS * 3 + 10);
    expect(client.motion.heartbeat).toHaveBeenCalledTimes(3);
    expect(client.motion.heartbeat).toHaveBeenLastCalledWith({ deviceId: 'cam-1' });
    fireEvent.pointerUp(pad, { pointerId: 7 });
    vi.advanceTimersByTime(HEARTBEAT_INTERVAL_MS * 5);
    expect(client.motion.heartbeat).toHaveBeenCalledTimes(3);
  });

  it('on release sends zero velocity and stop, and drops a pending frame', () => {
    let now = 1000;
    vi.spyOn(performance, 'now').mockImplementation(() => now);
    const { pad, client } = setup();
    press(pad);
    move(pad, 180, 100); // sent at once
    now += 4;
    move(pad, 190, 100); // waits for the frame
    fireEvent.pointerUp(pad, { pointerId: 7 });
    expect(client.motion.setVelocity).toHaveBeenCalledTimes(2);
    expectReleased(client);
    flushFrame(); // the cancelled frame must not send the old vector after the stop
    expect(client.motion.setVelocity).toHaveBeenCalledTimes(2);
    expect(pad).toHaveAttribute('data-pan', '0');
  });

  it.each([
    ['pointercancel', (pad: HTMLElement) => fireEvent.pointerCancel(pad, { pointerId: 7 })],
    ['lostpointercapture', (pad: HTMLElement) => fireEvent.lostPointerCapture(pad, { pointerId: 7 })],
    ['window blur', () => fireEvent.blur(window)],
    [
      'visibilitychange → hidden',
      () => {
        vi.spyOn(document, 'visibilityState', 'get').mockReturnValue('hidden');
        fireEvent(document, new Event('visibilitychange'));
      },
    ],
  ])('stops on %s, and later moves send nothing', (_name, trigger) => {
    const { pad, client } = setup();
    press(pad);
    move(pad, 150, 100);
    flushFrame();
    trigger(pad);
    expectReleased(client);
    const calls = client.motion.setVelocity.mock.calls.length;
    move(pad, 190, 100);
    flushFrame();
    expect(client.motion.setVelocity).toHaveBeenCalledTimes(calls);
  });

  it('ignores a second pointer while one is driving', () => {
    const { pad, client } = setup();
    press(pad);
    fireEvent.pointerDown(pad, { pointerId: 8, clientX: 0, clientY: 0, button: 0, pointerType: 'touch' });
    fireEvent.pointerMove(pad, { pointerId: 8, clientX: 0, clientY: 0 });
    move(pad, 150, 100);
    flushFrame();
    expect(client.motion.setVelocity).toHaveBeenLastCalledWith({ deviceId: 'cam-1', pan: 29 / 64, tilt: 0 });
    fireEvent.pointerUp(pad, { pointerId: 8 });
    expect(client.motion.stop).not.toHaveBeenCalled();
  });

  it('lets go after STOP ALL even while the pointer is still down', () => {
    const { pad, client, store } = setup();
    press(pad);
    move(pad, 150, 100);
    flushFrame();
    act(() => store.getState().noteStopAll());
    expectReleased(client);
    move(pad, 190, 100);
    flushFrame();
    expect(client.motion.setVelocity).toHaveBeenLastCalledWith({ deviceId: 'cam-1', pan: 0, tilt: 0 });
  });

  it('stops the old camera when the selection changes mid-drag', () => {
    const { pad, client, store } = setup();
    press(pad);
    move(pad, 150, 100);
    flushFrame();
    act(() => (store as AppStore).getState().select('cam-2'));
    expectReleased(client, 'cam-1');
  });

  it('stops when the bridge drops', () => {
    const { pad, client } = setup();
    press(pad);
    act(() => client.setConnectionState('closed'));
    expect(client.motion.stop).toHaveBeenCalledWith({ deviceId: 'cam-1' });
    expect(pad).toHaveAttribute('aria-disabled', 'true');
  });

  it('stops when unmounted mid-drag', () => {
    const { pad, client, unmount } = setup();
    press(pad);
    unmount();
    expectReleased(client);
  });

  it('does nothing without a selected camera or while disconnected', () => {
    const { pad, client } = setup({ devices: false });
    expect(pad).toHaveAttribute('aria-disabled', 'true');
    press(pad);
    move(pad, 150, 100);
    flushFrame();
    vi.advanceTimersByTime(500);
    expect(client.motion.setVelocity).not.toHaveBeenCalled();
    expect(client.motion.heartbeat).not.toHaveBeenCalled();

    const offline = setup({ client: createFakeClient({ connection: 'closed' }) });
    press(offline.pad);
    flushFrame();
    expect(offline.client.motion.setVelocity).not.toHaveBeenCalled();
  });

  it('drives with the arrow keys while focused and stops on key up', () => {
    const { pad, client } = setup();
    pad.focus();
    fireEvent.keyDown(pad, { key: 'ArrowRight' });
    flushFrame();
    expect(client.motion.setVelocity).toHaveBeenLastCalledWith({ deviceId: 'cam-1', pan: 0.5, tilt: 0 });
    fireEvent.keyDown(pad, { key: 'ArrowUp', shiftKey: true });
    flushFrame();
    expect(client.motion.setVelocity).toHaveBeenLastCalledWith({ deviceId: 'cam-1', pan: 1, tilt: 1 });
    vi.advanceTimersByTime(HEARTBEAT_INTERVAL_MS);
    expect(client.motion.heartbeat).toHaveBeenCalledTimes(1);
    fireEvent.keyUp(pad, { key: 'ArrowUp' });
    flushFrame();
    expect(client.motion.setVelocity).toHaveBeenLastCalledWith({ deviceId: 'cam-1', pan: 0.5, tilt: 0 });
    expect(client.motion.stop).not.toHaveBeenCalled();
    fireEvent.keyUp(pad, { key: 'ArrowRight' });
    expectReleased(client);
  });

  it('stops a keyboard drive when focus leaves the joystick', () => {
    const { pad, client } = setup();
    pad.focus();
    fireEvent.keyDown(pad, { key: 'ArrowLeft' });
    flushFrame();
    pad.blur();
    expectReleased(client);
  });

  it('reports a failed stop to the operator', async () => {
    const client = createFakeClient();
    const { pad, store } = setup({ client });
    client.motion.stop.mockRejectedValueOnce(new Error('link down'));
    press(pad);
    fireEvent.pointerUp(pad, { pointerId: 7 });
    await act(async () => {
      await Promise.resolve();
    });
    expect(store.getState().notice).toEqual({ type: 'stop-failed', message: 'Error: link down' });
  });
});

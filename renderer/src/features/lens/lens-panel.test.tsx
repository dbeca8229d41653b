import { act, fireEvent, screen, within } from '@testing-library/react';
import { Profiler } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IpcError } from '../../../../shared/ipc/ipc-error';
import type { DeviceState } from '../../../../shared/model/device-status';
import { HEARTBEAT_INTERVAL_MS } from '../../../../shared/model/motion';
import { createFakeClient, type FakeClient } from '../../../test/fake-client';
import { SONY_LIKE_CAPABILITIES, makeDevice, makePosition } from '../../../test/fixtures';
import { createTestStore, renderWithApp } from '../../../test/render-with-app';
import { LensPanel } from './lens-panel';
import { KEY_ZOOM_SPEED, rockerSpeed } from './lens-math';

// jsdom has no layout: the rocker is 200 px wide at the origin (centre 100, travel 100 px since the thumb
// has no size). Animation frames run when the test says so.
const TRACK = { left: 0, top: 0, width: 200, height: 40, right: 200, bottom: 40, x: 0, y: 0 };

let frames: Map<number, FrameRequestCallback>;
let nextFrame: number;
function flushFrame(): void {
  const due = [...frames.values()];
  frames.clear();
  act(() => due.forEach((cb) => cb(performance.now())));
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'] });
  frames = new Map();
  nextFrame = 1;
  vi.stubGlobal('requestAnimationFrame', (cb: FrameRequestCallback) => {
    const id = nextFrame++;
    frames.set(id, cb);
    return id;
  });
  vi.stubGlobal('cancelAnimationFrame', (id: number) => frames.delete(id));
  const captured = new Set<number>();
  Element.prototype.setPointerCapture = vi.fn((id: number) => void captured.add(id));
  Element.prototype.hasPointerCapture = vi.fn((id: number) => captured.has(id));
  Element.prototype.releasePointerCapture = vi.fn((id: number) => void captured.delete(id));
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

function setup(options: { devices?: DeviceState[]; client?: FakeClient; language?: 'en' | 'zh-CN' } = {}) {
  const client = options.client ?? createFakeClient();
  const onRender = vi.fn();
  const harness = renderWithApp(
    <Profiler id="lens" onRender={onRender}>
      <LensPanel />
    </Profiler>,
    { client, store: createTestStore(options.language) },
  );
  const devices = options.devices ?? [
    makeDevice('cam-1', { position: makePosition({ zoom: 0.25, zoomRatio: 4.24, iris: 10 / 13, irisF: 2.8 }) }),
    makeDevice('cam-2'),
  ];
  act(() => client.emit('devicesChanged', { type: 'init', items: devices }));
  const view = within(harness.container);
  const rocker = view.getByTestId('zoom-rocker');
  rocker.getBoundingClientRect = () => ({ ...TRACK, toJSON: () => TRACK });
  return { ...harness, view, rocker, onRender };
}

const press = (el: HTMLElement, x = 100) =>
  fireEvent.pointerDown(el, { pointerId: 3, clientX: x, clientY: 20, button: 0, pointerType: 'mouse' });
const move = (el: HTMLElement, x: number) =>
  fireEvent.pointerMove(el, { pointerId: 3, clientX: x, clientY: 20, pointerType: 'mouse' });

/** Lets resolved/rejected invoke promises reach the component. */
async function settle(): Promise<void> {
  await act(async () => {
    await Promise.resolve();
    await Promise.resolve();
  });
}

describe('LensPanel — zoom rocker', () => {
  it('is labelled, focusable and enabled for the selected camera', () => {
    const { rocker } = setup();
    expect(rocker).toHaveAccessibleName('Zoom rocker');
    expect(rocker).toHaveAttribute('tabindex', '0');
    expect(rocker).toHaveAttribute('aria-disabled', 'false');
  });

  it('sends the deflection as zoom velocity once per frame, heartbeats while held, zoom 0 on release (never motion.stop)', () => {
    const { rocker, client } = setup();
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
    const { rocker, client } = setup();
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
    const { rocker, client } = setup();
    press(rocker);
    move(rocker, 180);
    flushFrame();
    trigger(rocker);
    expect(client.motion.setVelocity).toHaveBeenLastCalledWith({ deviceId: 'cam-1', zoom: 0 });
    expect(client.motion.stop).not.toHaveBeenCalled();
  });

  it('lets go after STOP ALL and when the selection changes', () => {
    const { rocker, client, store } = setup();
    press(rocker);
    move(rocker, 180);
    flushFrame();
    act(() => store.getState().noteStopAll());
    expect(client.motion.setVelocity).toHaveBeenLastCalledWith({ deviceId: 'cam-1', zoom: 0 });

    const again = within(document.body).getByTestId('zoom-rocker');
    again.getBoundingClientRect = () => ({ ...TRACK, toJSON: () => TRACK });
    press(again);
    move(again, 180);
    flushFrame();
    act(() => store.getState().select('cam-2'));
    expect(client.motion.setVelocity).toHaveBeenLastCalledWith({ deviceId: 'cam-1', zoom: 0 });
    expect(client.motion.stop).not.toHaveBeenCalled();
  });

  it('holds the arrow keys at a medium speed: Right/Up tele, Left/Down wide; release stops', () => {
    const { rocker, client } = setup();
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
    const { rocker } = setup({ client });
    expect(rocker).toHaveAttribute('aria-disabled', 'true');
    press(rocker);
    fireEvent.keyDown(rocker, { key: 'ArrowRight' });
    flushFrame();
    expect(client.motion.setVelocity).not.toHaveBeenCalled();
  });
});

describe('LensPanel — zoom slider', () => {
  it('shows the live zoom position and ratio without re-rendering', () => {
    const { view, client, onRender } = setup();
    const slider = view.getByTestId('zoom-slider');
    expect(slider).toHaveAccessibleName('Zoom position');
    expect(slider).toHaveValue('250');
    expect(view.getByTestId('zoom-ratio')).toHaveTextContent('4.2×');
    expect(slider).toHaveAttribute('aria-valuetext', '4.2×');

    onRender.mockClear();
    act(() =>
      client.emit('devicesChanged', {
        type: 'update',
        item: makeDevice('cam-1', { position: makePosition({ zoom: 0.5, zoomRatio: 8, iris: 10 / 13 }) }),
      }),
    );
    expect(slider).toHaveValue('500');
    expect(view.getByTestId('zoom-ratio')).toHaveTextContent('8.0×');
    expect(onRender).not.toHaveBeenCalled();
  });

  it('commits lens.zoomTo on change (not on every input), then follows the camera again', async () => {
    const { view, client } = setup();
    const slider = view.getByTestId('zoom-slider');
    fireEvent.input(slider, { target: { value: '400' } });
    fireEvent.input(slider, { target: { value: '600' } });
    expect(client.lens.zoomTo).not.toHaveBeenCalled();
    // A position update while dragging does not yank the thumb away from the operator.
    act(() =>
      client.emit('devicesChanged', {
        type: 'update',
        item: makeDevice('cam-1', { position: makePosition({ zoom: 0.3, zoomRatio: 5 }) }),
      }),
    );
    expect(slider).toHaveValue('600');
    fireEvent.change(slider);
    expect(client.lens.zoomTo).toHaveBeenCalledTimes(1);
    expect(client.lens.zoomTo).toHaveBeenCalledWith({ deviceId: 'cam-1', position: 0.6 });
    await settle();
    act(() =>
      client.emit('devicesChanged', {
        type: 'update',
        item: makeDevice('cam-1', { position: makePosition({ zoom: 0.598, zoomRatio: 11 }) }),
      }),
    );
    expect(slider).toHaveValue('598');
  });

  it('is disabled, with the reason, when the camera cannot go to a zoom position', () => {
    const { view } = setup({
      devices: [makeDevice('cam-1', { capabilities: { ...SONY_LIKE_CAPABILITIES, zoomPosition: false } })],
    });
    const slider = view.getByTestId('zoom-slider');
    expect(slider).toBeDisabled();
    expect(slider).toHaveAccessibleDescription('This camera cannot be sent to a zoom position.');
    expect(view.getByTestId('zoom-rocker')).toHaveAttribute('aria-disabled', 'false');
  });
});

describe('LensPanel — focus', () => {
  it('holds Near / Far as focus velocity with heartbeats; release sends focus 0', () => {
    const { view, client } = setup();
    const near = view.getByTestId('focus-near');
    const far = view.getByTestId('focus-far');
    expect(near).toHaveAccessibleName('Focus nearer (hold)');
    expect(far).toHaveAccessibleName('Focus farther (hold)');

    press(near);
    flushFrame();
    expect(client.motion.setVelocity).toHaveBeenLastCalledWith({ deviceId: 'cam-1', focus: -0.5 });
    vi.advanceTimersByTime(HEARTBEAT_INTERVAL_MS * 2 + 5);
    expect(client.motion.heartbeat).toHaveBeenCalledTimes(2);
    fireEvent.pointerUp(near, { pointerId: 3 });
    expect(client.motion.setVelocity).toHaveBeenLastCalledWith({ deviceId: 'cam-1', focus: 0 });
    expect(client.motion.stop).not.toHaveBeenCalled();

    far.focus();
    fireEvent.keyDown(far, { key: ' ' });
    flushFrame();
    expect(client.motion.setVelocity).toHaveBeenLastCalledWith({ deviceId: 'cam-1', focus: 0.5 });
    fireEvent.keyUp(far, { key: ' ' });
    expect(client.motion.setVelocity).toHaveBeenLastCalledWith({ deviceId: 'cam-1', focus: 0 });
  });

  it('switches auto / manual focus and one-pushes', () => {
    const { view, client } = setup();
    const group = view.getByTestId('focus-mode');
    expect(group).toHaveAccessibleName('Focus mode');
    fireEvent.click(within(group).getByRole('radio', { name: 'Manual' }));
    expect(client.lens.setFocusMode).toHaveBeenLastCalledWith({ deviceId: 'cam-1', mode: 'manual' });
    expect(within(group).getByRole('radio', { name: 'Manual' })).toBeChecked();
    fireEvent.click(within(group).getByRole('radio', { name: 'Auto' }));
    expect(client.lens.setFocusMode).toHaveBeenLastCalledWith({ deviceId: 'cam-1', mode: 'auto' });
    fireEvent.click(view.getByTestId('focus-one-push'));
    expect(client.lens.focusOnePush).toHaveBeenCalledWith({ deviceId: 'cam-1' });
  });

  it('is disabled, with the reason, when the camera has no focus control', () => {
    const { view, client } = setup({
      devices: [makeDevice('cam-1', { capabilities: { ...SONY_LIKE_CAPABILITIES, focus: false } })],
    });
    for (const id of ['focus-near', 'focus-far', 'focus-one-push']) expect(view.getByTestId(id)).toBeDisabled();
    expect(within(view.getByTestId('focus-mode')).getByRole('radio', { name: 'Auto' })).toBeDisabled();
    expect(view.getByText('Focus cannot be controlled on this camera.')).toBeInTheDocument();
    press(view.getByTestId('focus-near'));
    flushFrame();
    expect(client.motion.setVelocity).not.toHaveBeenCalled();
  });
});

describe('LensPanel — aperture', () => {
  it('shows the reported iris snapped to the nearest step, labelled in F-stops', () => {
    const { view, client } = setup();
    const slider = view.getByTestId('iris-slider');
    expect(slider).toHaveAccessibleName('Iris');
    expect(slider).toHaveAttribute('max', '13');
    expect(slider).toHaveValue('10');
    expect(slider).toHaveAttribute('aria-valuetext', 'F2.8');
    expect(view.getByTestId('iris-value')).toHaveTextContent('F2.8');

    act(() =>
      client.emit('devicesChanged', {
        type: 'update',
        item: makeDevice('cam-1', { position: makePosition({ iris: 0.01 }) }),
      }),
    );
    expect(slider).toHaveValue('0');
    expect(slider).toHaveAttribute('aria-valuetext', 'Closed');
  });

  it('commits lens.setIris with the step’s normalised position', async () => {
    const { view, client } = setup();
    const slider = view.getByTestId('iris-slider');
    fireEvent.input(slider, { target: { value: '13' } });
    expect(slider).toHaveAttribute('aria-valuetext', 'F1.6');
    expect(client.lens.setIris).not.toHaveBeenCalled();
    fireEvent.change(slider);
    expect(client.lens.setIris).toHaveBeenCalledWith({ deviceId: 'cam-1', position: 1 });
    await settle();

    fireEvent.input(slider, { target: { value: '3' } });
    fireEvent.change(slider);
    expect(client.lens.setIris).toHaveBeenLastCalledWith({ deviceId: 'cam-1', position: 3 / 13 });
  });

  it('reflects and sets the exposure mode', () => {
    const { view, client } = setup({
      devices: [makeDevice('cam-1', { position: makePosition({ iris: 1, irisMode: 'manual' }) })],
    });
    const group = view.getByTestId('iris-mode');
    expect(group).toHaveAccessibleName('Exposure mode');
    expect(within(group).getByRole('radio', { name: 'Manual' })).toBeChecked();
    fireEvent.click(within(group).getByRole('radio', { name: 'Auto exposure' }));
    expect(client.lens.setIrisMode).toHaveBeenCalledWith({ deviceId: 'cam-1', mode: 'auto' });
    expect(within(group).getByRole('radio', { name: 'Auto exposure' })).toBeChecked();
  });

  it('is disabled, with the reason, when the camera has no iris steps', () => {
    const { view } = setup({
      devices: [makeDevice('cam-1', { capabilities: { ...SONY_LIKE_CAPABILITIES, irisStops: [] } })],
    });
    expect(view.getByTestId('iris-slider')).toBeDisabled();
    expect(within(view.getByTestId('iris-mode')).getByRole('radio', { name: 'Manual' })).toBeDisabled();
    expect(view.getByText('The iris cannot be set on this camera.')).toBeInTheDocument();
  });
});

describe('LensPanel — errors', () => {
  it.each([
    [new IpcError('conflict', 'not executable in this mode'), 'The camera refused: not executable in this mode'],
    [new IpcError('unsupported', 'no iris'), 'This camera does not support that.'],
    [new IpcError('device-offline', 'cam-1 is offline'), 'The camera is offline.'],
  ])('shows %s inline instead of throwing', async (error, text) => {
    const client = createFakeClient();
    client.lens.setIris.mockRejectedValueOnce(error);
    const { view } = setup({ client });
    const slider = view.getByTestId('iris-slider');
    fireEvent.input(slider, { target: { value: '12' } });
    fireEvent.change(slider);
    await settle();
    expect(view.getByRole('alert')).toHaveTextContent(text);

    // The next success clears it; so does Dismiss.
    fireEvent.click(view.getByTestId('focus-one-push'));
    await settle();
    expect(view.queryByRole('alert')).toBeNull();
  });

  it('reverts the focus mode and shows why when refused, and Dismiss hides the message', async () => {
    const client = createFakeClient();
    client.lens.setFocusMode.mockRejectedValueOnce(new IpcError('unsupported', 'x'));
    const { view } = setup({ client });
    const manual = within(view.getByTestId('focus-mode')).getByRole('radio', { name: 'Manual' });
    fireEvent.click(manual);
    await settle();
    expect(manual).not.toBeChecked();
    fireEvent.click(view.getByRole('button', { name: 'Dismiss' }));
    expect(view.queryByRole('alert')).toBeNull();
  });

  it('does not show one camera’s failure on another', async () => {
    const client = createFakeClient();
    client.lens.focusOnePush.mockRejectedValueOnce(new IpcError('device-offline', 'gone'));
    const { view, store } = setup({ client });
    fireEvent.click(view.getByTestId('focus-one-push'));
    await settle();
    expect(view.getByRole('alert')).toBeInTheDocument();
    act(() => store.getState().select('cam-2'));
    expect(view.queryByRole('alert')).toBeNull();
  });
});

describe('LensPanel — language', () => {
  it('renders in Simplified Chinese', () => {
    const { view } = setup({ language: 'zh-CN' });
    expect(view.getByTestId('zoom-rocker')).toHaveAccessibleName('变焦摇杆');
    expect(view.getByTestId('iris-slider')).toHaveAttribute('aria-valuetext', 'F2.8');
    expect(screen.getByText('光圈')).toBeInTheDocument();
  });
});

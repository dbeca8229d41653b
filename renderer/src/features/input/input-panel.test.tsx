import { act, fireEvent, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HEARTBEAT_INTERVAL_MS } from '../../../../shared/model/motion';
import { createFakeClient } from '../../../test/fake-client';
import { makeDevice } from '../../../test/fixtures';
import { mockAnimationFrames } from '../../../test/held-control-harness';
import { renderWithApp } from '../../../test/render-with-app';
import { PROFILES_KEY } from './gamepad-mapping';
import { InputPanel } from './input-panel';

const { flushFrame, pendingFrames } = mockAnimationFrames();

/** A controllable pad, as `navigator.getGamepads()` would return it. */
interface FakePad {
  id: string;
  index: number;
  mapping: string;
  connected: boolean;
  timestamp: number;
  axes: number[];
  buttons: { pressed: boolean; touched: boolean; value: number }[];
}
let pads: (FakePad | null)[];

beforeEach(() => {
  pads = [];
  Object.defineProperty(navigator, 'getGamepads', { configurable: true, value: () => pads });
  vi.spyOn(document, 'hasFocus').mockReturnValue(true);
  localStorage.clear();
});

afterEach(() => {
  vi.restoreAllMocks();
  Reflect.deleteProperty(navigator, 'getGamepads');
});

function setup() {
  const client = createFakeClient();
  const harness = renderWithApp(
    <>
      <input data-testid="text" />
      <InputPanel />
    </>,
    { client },
  );
  act(() => client.emit('devicesChanged', { type: 'init', items: [makeDevice('cam-1'), makeDevice('cam-2')] }));
  return { ...harness, ui: within(harness.container) };
}

const key = (type: 'keyDown' | 'keyUp', code: string, k: string, init: KeyboardEventInit = {}, target?: Element) =>
  fireEvent[type](target ?? document.body, { code, key: k, ...init });

const zeros = { deviceId: 'cam-1', pan: 0, tilt: 0, zoom: 0, focus: 0 };

describe('keyboard drive', () => {
  it('holding an arrow sends one velocity per frame, heartbeats while held, and 0 + stop on release', () => {
    const { client } = setup();
    key('keyDown', 'ArrowRight', 'ArrowRight');
    key('keyDown', 'KeyW', 'w');
    expect(client.motion.setVelocity).not.toHaveBeenCalled();
    flushFrame();
    expect(client.motion.setVelocity).toHaveBeenCalledTimes(1);
    expect(client.motion.setVelocity).toHaveBeenCalledWith({ ...zeros, pan: 0.5, tilt: 0.5 });

    // Auto-repeat changes nothing: nothing new is sent.
    key('keyDown', 'ArrowRight', 'ArrowRight', { repeat: true });
    flushFrame();
    expect(client.motion.setVelocity).toHaveBeenCalledTimes(1);

    act(() => vi.advanceTimersByTime(HEARTBEAT_INTERVAL_MS * 3));
    expect(client.motion.heartbeat).toHaveBeenCalledTimes(3);
    expect(client.motion.heartbeat).toHaveBeenCalledWith({ deviceId: 'cam-1' });

    key('keyUp', 'KeyW', 'w');
    flushFrame();
    expect(client.motion.setVelocity).toHaveBeenLastCalledWith({ ...zeros, pan: 0.5 });
    key('keyUp', 'ArrowRight', 'ArrowRight');
    expect(client.motion.setVelocity).toHaveBeenLastCalledWith(zeros);
    expect(client.motion.stop).toHaveBeenCalledWith({ deviceId: 'cam-1' });
    act(() => vi.advanceTimersByTime(HEARTBEAT_INTERVAL_MS * 3));
    expect(client.motion.heartbeat).toHaveBeenCalledTimes(3);
  });

  it('Shift is full speed; + and ] drive zoom and focus; max speed scales everything', () => {
    const { client, store } = setup();
    act(() => store.getState().setInputSettings({ maxSpeed: 0.5 }));
    key('keyDown', 'Equal', '+', { shiftKey: true });
    key('keyDown', 'BracketRight', ']', { shiftKey: true });
    flushFrame();
    expect(client.motion.setVelocity).toHaveBeenLastCalledWith({ ...zeros, zoom: 0.5, focus: 0.5 });
    key('keyUp', 'Shift', 'Shift');
    flushFrame();
    expect(client.motion.setVelocity).toHaveBeenLastCalledWith({ ...zeros, zoom: 0.25, focus: 0.25 });
  });

  it('speed follows zoom scales pan by the selected camera zoom position', () => {
    const { client, store } = setup();
    act(() => store.getState().setInputSettings({ followZoom: true, keySpeed: 1 }));
    act(() =>
      client.emit('devicesChanged', {
        type: 'update',
        item: { ...makeDevice('cam-1'), position: { ...makeDevice('cam-1').position!, zoom: 1 } },
      }),
    );
    key('keyDown', 'ArrowLeft', 'ArrowLeft');
    flushFrame();
    expect(client.motion.setVelocity).toHaveBeenLastCalledWith({ ...zeros, pan: -0.25 });
  });

  it('typing in a text field does not drive, and digits are left for presets', () => {
    const { client, ui } = setup();
    const text = ui.getByTestId('text');
    text.focus();
    key('keyDown', 'ArrowRight', 'ArrowRight', {}, text);
    key('keyDown', 'KeyD', 'd', {}, text);
    key('keyDown', 'Space', ' ', {}, text);
    key('keyDown', 'Digit1', '1');
    flushFrame();
    expect(client.motion.setVelocity).not.toHaveBeenCalled();
    expect(client.motion.stopAll).not.toHaveBeenCalled();
  });

  it('window blur and hiding stop the camera; a key still held must be pressed again', () => {
    const { client } = setup();
    key('keyDown', 'ArrowUp', 'ArrowUp');
    flushFrame();
    expect(client.motion.setVelocity).toHaveBeenLastCalledWith({ ...zeros, tilt: 0.5 });
    act(() => void window.dispatchEvent(new Event('blur')));
    expect(client.motion.setVelocity).toHaveBeenLastCalledWith(zeros);
    expect(client.motion.stop).toHaveBeenCalledTimes(1);
    key('keyDown', 'ArrowUp', 'ArrowUp', { repeat: true });
    flushFrame();
    expect(client.motion.setVelocity).toHaveBeenLastCalledWith(zeros);

    key('keyDown', 'ArrowDown', 'ArrowDown');
    flushFrame();
    expect(client.motion.setVelocity).toHaveBeenLastCalledWith({ ...zeros, tilt: -0.5 });
    const visibility = vi.spyOn(document, 'visibilityState', 'get').mockReturnValue('hidden');
    act(() => void document.dispatchEvent(new Event('visibilitychange')));
    visibility.mockRestore();
    expect(client.motion.setVelocity).toHaveBeenLastCalledWith(zeros);
    expect(client.motion.stop).toHaveBeenCalledTimes(2);
  });

  it('Space is STOP ALL and lets go of held keys', () => {
    const { client } = setup();
    key('keyDown', 'KeyD', 'd');
    flushFrame();
    key('keyDown', 'Space', ' ');
    expect(client.motion.stopAll).toHaveBeenCalledTimes(1);
    expect(client.motion.setVelocity).toHaveBeenLastCalledWith(zeros);
  });
});

function connectPad(overrides: Partial<FakePad> = {}): FakePad {
  const pad: FakePad = {
    id: 'Xbox Wireless Controller (STANDARD GAMEPAD)',
    index: 0,
    mapping: 'standard',
    connected: true,
    timestamp: 1,
    axes: [0, 0, 0, 0],
    buttons: Array.from({ length: 17 }, () => ({ pressed: false, touched: false, value: 0 })),
    ...overrides,
  };
  pads = [pad];
  act(() => void window.dispatchEvent(new Event('gamepadconnected')));
  return pad;
}

describe('gamepad drive', () => {
  it('shows the pad, drives pan from the left stick, stops at centre and on disconnect', () => {
    const { client, ui } = setup();
    expect(ui.getByTestId('gamepad-status')).toHaveAttribute('data-connected', 'false');
    const pad = connectPad();
    expect(ui.getByTestId('gamepad-status')).toHaveAttribute('data-connected', 'true');
    expect(ui.getByTestId('gamepad-status')).toHaveTextContent('Xbox Wireless Controller');
    flushFrame(); // first poll: at rest

    pad.axes = [1, 0, 0, 0];
    flushFrame(); // poll
    flushFrame(); // send
    expect(client.motion.setVelocity).toHaveBeenLastCalledWith({ ...zeros, pan: 1 });
    act(() => vi.advanceTimersByTime(HEARTBEAT_INTERVAL_MS * 2));
    expect(client.motion.heartbeat).toHaveBeenCalledTimes(2);

    pad.axes = [0.05, 0, 0, 0]; // inside the dead zone: an explicit stop
    flushFrame();
    expect(client.motion.setVelocity).toHaveBeenLastCalledWith(zeros);
    expect(client.motion.stop).toHaveBeenCalledTimes(1);

    pad.axes = [0, -1, 0, 0];
    flushFrame();
    flushFrame();
    expect(client.motion.setVelocity).toHaveBeenLastCalledWith({ ...zeros, tilt: 1 });
    pad.connected = false;
    pads = [];
    act(() => void window.dispatchEvent(new Event('gamepaddisconnected')));
    expect(client.motion.setVelocity).toHaveBeenLastCalledWith(zeros);
    expect(client.motion.stop).toHaveBeenCalledTimes(2);
    expect(ui.getByTestId('gamepad-status')).toHaveAttribute('data-connected', 'false');
  });

  it('keyboard and gamepad share the camera: letting go of one hands over to the other without a stop', () => {
    const { client } = setup();
    const pad = connectPad();
    flushFrame(); // first poll: at rest
    pad.axes = [0.6, 0, 0, 0];
    flushFrame(); // poll
    flushFrame(); // send
    const panOfPad = (client.motion.setVelocity as ReturnType<typeof vi.fn>).mock.lastCall![0].pan as number;
    expect(panOfPad).toBeGreaterThan(0);

    // Tilt by key while the stick pans: both axes move.
    key('keyDown', 'ArrowUp', 'ArrowUp');
    flushFrame();
    const both = (client.motion.setVelocity as ReturnType<typeof vi.fn>).mock.lastCall![0];
    expect(both.pan).toBe(panOfPad);
    expect(both.tilt).toBeGreaterThan(0);

    // Keys up, stick still held: tilt ends, pan goes on, and no STOP goes out.
    key('keyUp', 'ArrowUp', 'ArrowUp');
    flushFrame();
    flushFrame();
    expect(client.motion.setVelocity).toHaveBeenLastCalledWith({ ...zeros, pan: panOfPad });
    expect(client.motion.stop).not.toHaveBeenCalled();

    // The last hand lets go: now the stop.
    pad.axes = [0, 0, 0, 0];
    flushFrame();
    expect(client.motion.setVelocity).toHaveBeenLastCalledWith(zeros);
    expect(client.motion.stop).toHaveBeenCalledTimes(1);
  });

  it('takes no input without focus, stops on blur, and needs the stick back at centre after', () => {
    const { client } = setup();
    const pad = connectPad();
    pad.axes = [0, 0, 0, -1]; // held at page load: does not drive until it has been at rest
    flushFrame();
    flushFrame();
    expect(client.motion.setVelocity).not.toHaveBeenCalled();
    pad.axes = [0, 0, 0, 0];
    flushFrame();
    pad.axes = [0, 0, 0, -1];
    flushFrame();
    flushFrame();
    expect(client.motion.setVelocity).toHaveBeenLastCalledWith({ ...zeros, zoom: 1 });

    vi.mocked(document.hasFocus).mockReturnValue(false);
    act(() => void window.dispatchEvent(new Event('blur')));
    expect(client.motion.setVelocity).toHaveBeenLastCalledWith(zeros);
    expect(pendingFrames()).toBe(0); // polling stopped
    vi.mocked(document.hasFocus).mockReturnValue(true);
    act(() => void window.dispatchEvent(new Event('focus')));
    flushFrame();
    flushFrame();
    expect(client.motion.setVelocity).toHaveBeenLastCalledWith(zeros);
  });

  it('the STOP ALL button fires once per press, not for a button held across a refocus', () => {
    const { client } = setup();
    const pad = connectPad();
    pad.buttons[1]!.pressed = true;
    flushFrame();
    expect(client.motion.stopAll).not.toHaveBeenCalled();
    pad.buttons[1]!.pressed = false;
    flushFrame();
    pad.buttons[1]!.pressed = true;
    flushFrame();
    flushFrame();
    expect(client.motion.stopAll).toHaveBeenCalledTimes(1);
  });

  it('uses a learned profile saved for the pad id', () => {
    localStorage.setItem(
      PROFILES_KEY,
      JSON.stringify({
        'Flight Stick': {
          axes: { pan: { index: 2, invert: true, deadZone: 0 }, tilt: null, zoom: null, focus: null },
          buttons: { stopAll: null, focusNear: null, focusFar: null },
        },
      }),
    );
    const { client, ui } = setup();
    const pad = connectPad({ id: 'Flight Stick', mapping: '', axes: [0, 0, 0, 0, 0] });
    expect(ui.getByTestId('gamepad-status')).toHaveTextContent('learned mapping');
    flushFrame();
    pad.axes = [1, 0, 0.5, 0, 0];
    flushFrame();
    flushFrame();
    expect(client.motion.setVelocity).toHaveBeenLastCalledWith({ ...zeros, pan: -0.5 });
  });
});

describe('learn mapping dialog', () => {
  it('learns pan from the axis that moves, skips the rest, and saves a profile for the pad id', () => {
    const { client, ui } = setup();
    const pad = connectPad({ id: 'Pad X', mapping: '' });
    fireEvent.click(ui.getByTestId('gamepad-learn'));
    const dialog = within(document.body).getByTestId('gamepad-learn-dialog');
    expect(within(dialog).getByTestId('gamepad-learn-step')).toHaveAttribute('data-step', 'pan');
    flushFrame(); // rest
    pad.axes = [0, 0, -0.9, 0];
    flushFrame();
    flushFrame();
    expect(within(dialog).getByTestId('gamepad-learn-step')).toHaveAttribute('data-step', 'tilt');
    for (let i = 0; i < 6; i++) fireEvent.click(within(dialog).getByTestId('gamepad-learn-skip'));
    expect(within(dialog).getByTestId('gamepad-learn-review')).toHaveTextContent('Pan: axis 2');
    expect(within(dialog).getByTestId('gamepad-learn-invert-pan')).toBeChecked();
    fireEvent.click(within(dialog).getByTestId('gamepad-learn-save'));
    expect(client.motion.setVelocity).not.toHaveBeenCalled(); // nothing drove while learning
    const saved = JSON.parse(localStorage.getItem(PROFILES_KEY) ?? '{}') as Record<string, unknown>;
    expect(saved['Pad X']).toMatchObject({ axes: { pan: { index: 2, invert: true }, tilt: null } });
    expect(ui.getByTestId('gamepad-status')).toHaveTextContent('learned mapping');
  });
});

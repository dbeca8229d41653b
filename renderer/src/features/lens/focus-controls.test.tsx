import { fireEvent, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { HEARTBEAT_INTERVAL_MS } from '../../../../shared/model/motion';
import { SONY_LIKE_CAPABILITIES, makeDevice } from '../../../test/fixtures';
import { mockAnimationFrames, mockPointerCapture } from '../../../test/held-control-harness';
import { press, setupLensPanel } from '../../../test/lens-panel-harness';

const { flushFrame } = mockAnimationFrames();
mockPointerCapture();

describe('LensPanel — focus', () => {
  it('holds Near / Far as focus velocity with heartbeats; release sends focus 0', () => {
    const { view, client } = setupLensPanel();
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
    const { view, client } = setupLensPanel();
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
    const { view, client } = setupLensPanel({
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

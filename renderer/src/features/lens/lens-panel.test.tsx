import { act, fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { IpcError } from '../../../../shared/ipc/ipc-error';
import { createFakeClient } from '../../../test/fake-client';
import { mockAnimationFrames, mockPointerCapture } from '../../../test/held-control-harness';
import { settle, setupLensPanel } from '../../../test/lens-panel-harness';

mockAnimationFrames();
mockPointerCapture();

describe('LensPanel — errors', () => {
  it.each([
    [new IpcError('conflict', 'not executable in this mode'), 'The camera refused: not executable in this mode'],
    [new IpcError('unsupported', 'no iris'), 'This camera does not support that.'],
    [new IpcError('device-offline', 'cam-1 is offline'), 'The camera is offline.'],
  ])('shows %s inline instead of throwing', async (error, text) => {
    const client = createFakeClient();
    client.lens.setIris.mockRejectedValueOnce(error);
    const { view } = setupLensPanel({ client });
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
    const { view } = setupLensPanel({ client });
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
    const { view, store } = setupLensPanel({ client });
    fireEvent.click(view.getByTestId('focus-one-push'));
    await settle();
    expect(view.getByRole('alert')).toBeInTheDocument();
    act(() => store.getState().select('cam-2'));
    expect(view.queryByRole('alert')).toBeNull();
  });
});

describe('LensPanel — language', () => {
  it('renders in Simplified Chinese', () => {
    const { view } = setupLensPanel({ language: 'zh-CN' });
    expect(view.getByTestId('zoom-rocker')).toHaveAccessibleName('变焦摇杆');
    expect(view.getByTestId('iris-slider')).toHaveAttribute('aria-valuetext', 'F2.8');
    expect(screen.getByText('光圈')).toBeInTheDocument();
  });
});

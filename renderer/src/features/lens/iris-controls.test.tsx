import { act, fireEvent, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { SONY_LIKE_CAPABILITIES, makeDevice, makePosition } from '../../../test/fixtures';
import { mockAnimationFrames, mockPointerCapture } from '../../../test/held-control-harness';
import { settle, setupLensPanel } from '../../../test/lens-panel-harness';

mockAnimationFrames();
mockPointerCapture();

describe('LensPanel — aperture', () => {
  it('shows the reported iris snapped to the nearest step, labelled in F-stops', () => {
    const { view, client } = setupLensPanel();
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
    const { view, client } = setupLensPanel();
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
    const { view, client } = setupLensPanel({
      devices: [makeDevice('cam-1', { position: makePosition({ iris: 1, irisMode: 'manual' }) })],
    });
    const group = view.getByTestId('iris-mode');
    expect(group).toHaveAccessibleName('Exposure mode');
    expect(within(group).getByRole('radio', { name: 'Manual' })).toBeChecked();
    fireEvent.click(within(group).getByRole('radio', { name: 'Auto exposure' }));
    expect(client.lens.setIrisMode).toHaveBeenCalledWith({ deviceId: 'cam-1', mode: 'auto' });
    expect(within(group).getByRole('radio', { name: 'Auto exposure' })).toBeChecked();
  });

  it('keeps the operator’s mode between the camera’s ACK and its report (no flick back), and gives way on failure', async () => {
    const { view, client } = setupLensPanel({
      devices: [makeDevice('cam-1', { position: makePosition({ iris: 1, irisMode: 'manual' }) })],
    });
    const group = view.getByTestId('iris-mode');
    const auto = () => within(group).getByRole('radio', { name: 'Auto exposure' });
    const manual = () => within(group).getByRole('radio', { name: 'Manual' });
    fireEvent.click(auto());
    await settle(); // acknowledged: the invoke resolved, the camera has not reported yet
    expect(auto()).toBeChecked();
    act(() =>
      client.emit('devicesChanged', {
        type: 'update',
        item: makeDevice('cam-1', { position: makePosition({ iris: 1, irisMode: 'auto' }) }),
      }),
    );
    expect(auto()).toBeChecked();

    // Refused: the camera's own mode shows again at once.
    client.lens.setIrisMode.mockRejectedValueOnce(new Error('not executable'));
    fireEvent.click(manual());
    expect(manual()).toBeChecked();
    await settle();
    expect(auto()).toBeChecked();
  });

  it('is disabled, with the reason, when the camera has no iris steps', () => {
    const { view } = setupLensPanel({
      devices: [makeDevice('cam-1', { capabilities: { ...SONY_LIKE_CAPABILITIES, irisStops: [] } })],
    });
    expect(view.getByTestId('iris-slider')).toBeDisabled();
    expect(within(view.getByTestId('iris-mode')).getByRole('radio', { name: 'Manual' })).toBeDisabled();
    expect(view.getByText('The iris cannot be set on this camera.')).toBeInTheDocument();
  });
});

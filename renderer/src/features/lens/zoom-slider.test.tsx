import { act, fireEvent } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { SONY_LIKE_CAPABILITIES, makeDevice, makePosition } from '../../../test/fixtures';
import { mockAnimationFrames, mockPointerCapture } from '../../../test/held-control-harness';
import { settle, setupLensPanel } from '../../../test/lens-panel-harness';

mockAnimationFrames();
mockPointerCapture();

describe('LensPanel — zoom slider', () => {
  it('shows the live zoom position and ratio without re-rendering', () => {
    const { view, client, onRender } = setupLensPanel();
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
    const { view, client } = setupLensPanel();
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
    const { view } = setupLensPanel({
      devices: [makeDevice('cam-1', { capabilities: { ...SONY_LIKE_CAPABILITIES, zoomPosition: false } })],
    });
    const slider = view.getByTestId('zoom-slider');
    expect(slider).toBeDisabled();
    expect(slider).toHaveAccessibleDescription('This camera cannot be sent to a zoom position.');
    expect(view.getByTestId('zoom-rocker')).toHaveAttribute('aria-disabled', 'false');
  });
});

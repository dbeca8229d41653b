import { act, screen } from '@testing-library/react';
import { Profiler } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { makeDevice, makePosition } from '../../../test/fixtures';
import { renderWithApp } from '../../../test/render-with-app';
import { formatDegrees, formatRatio } from './format-position';
import { PositionReadout } from './position-readout';

describe('format-position', () => {
  it('formats signed degrees with one decimal', () => {
    expect(formatDegrees(12.34)).toBe('+12.3');
    expect(formatDegrees(-5)).toBe('-5.0');
    expect(formatDegrees(-0.04)).toBe('0.0');
    expect(formatDegrees(null)).toBeNull();
    expect(formatDegrees(Number.NaN)).toBeNull();
  });

  it('formats the zoom ratio', () => {
    expect(formatRatio(4.24)).toBe('4.2');
    expect(formatRatio(1)).toBe('1.0');
    expect(formatRatio(null)).toBeNull();
  });
});

describe('PositionReadout', () => {
  it('shows the selected camera live, without re-rendering', () => {
    const onRender = vi.fn();
    const { client, store } = renderWithApp(
      <Profiler id="readout" onRender={onRender}>
        <PositionReadout />
      </Profiler>,
    );
    expect(screen.getByTestId('readout-pan')).toHaveTextContent('—');

    const cam = (id: string, panDeg: number, tiltDeg: number, zoomRatio: number | null) =>
      makeDevice(id, { position: makePosition({ panDeg, tiltDeg, zoomRatio }) });
    act(() =>
      client.emit('devicesChanged', { type: 'init', items: [cam('cam-1', 12.34, -3, 4.24), cam('cam-2', -90, 10, 1)] }),
    );
    expect(screen.getByTestId('readout-pan')).toHaveTextContent('+12.3°');
    expect(screen.getByTestId('readout-tilt')).toHaveTextContent('-3.0°');
    expect(screen.getByTestId('readout-zoom')).toHaveTextContent('4.2×');

    onRender.mockClear();
    act(() => client.emit('devicesChanged', { type: 'update', item: cam('cam-1', 45, 0, null) }));
    expect(screen.getByTestId('readout-pan')).toHaveTextContent('+45.0°');
    expect(screen.getByTestId('readout-tilt')).toHaveTextContent('0.0°');
    expect(screen.getByTestId('readout-zoom')).toHaveTextContent('—');
    expect(onRender).not.toHaveBeenCalled();

    // Another camera's movement does not touch the readout; selecting it does.
    act(() => client.emit('devicesChanged', { type: 'update', item: cam('cam-2', -80, 10, 1) }));
    expect(screen.getByTestId('readout-pan')).toHaveTextContent('+45.0°');
    act(() => store.getState().select('cam-2'));
    expect(screen.getByTestId('readout-pan')).toHaveTextContent('-80.0°');
    expect(screen.getByTestId('readout-zoom')).toHaveTextContent('1.0×');
  });
});
